"""The rules of the column layer (:data:`iop._columns.RULES`): a column, read by :func:`iop._columns.read`,
becomes the kernels' exact int64 column for what its parameter means.

Every argument is taken exactly or refused, by the same rules as a scalar
(see docs/python.md): a wrong type is a TypeError naming the parameter, a value
of a right type that is not exact or out of range is an iop.ValidationError
naming ``parameter[i]``. Nothing is narrowed here: the columns reach the C++
kernels as 64-bit integers and the kernels check every range again.
"""

from __future__ import annotations

import datetime
import decimal
import fractions
import re
from typing import Any, Dict, Sequence, Tuple, Union

import numpy as np

from . import _arrow, _core
from ._columns import (Column, Int64Array, arrow_kind as _arrow_kind_of, as_objects, broadcast, is_scalar, read,
                       refuse_kind, refuse_missing)
from ._errors import ValidationError, short

_INT64_MAX = np.iinfo(np.int64).max


def _column(values: Any, name: str) -> Column:
    """A column read, its missing rows refused and a dictionary decoded (only its distinct values are read)."""
    column = read(values, name)
    refuse_missing(column)
    return column


def _from_dictionary(column: Column, convert: Any) -> Any:
    """``convert`` on a dictionary column's distinct values, taken by its codes (each value read once); an error
    about a distinct value names the first row holding it."""
    values = column.values
    distinct = Column(column.name, _arrow_kind_of(values.dictionary), values.dictionary, True, None, column.dtype)
    indices = values.indices.to_numpy(zero_copy_only=False)
    try:
        converted = convert(distinct)
    except _core.Error as error:
        match = re.match(re.escape(column.name) + r"\[(\d+)\]", error.field)
        if match is None:
            raise
        row = int(np.argmax(indices == int(match.group(1))))
        raise type(error)(f"{column.name}[{row}]{error.field[match.end():]}", error.value, error.problem,
                          error.allowed) from None
    if isinstance(converted, tuple):
        return tuple(part[indices] for part in converted)
    return converted[indices]


# ---------------------------------------------------------------------------------------------------- counts


def integers(values: Any, n: int, name: str) -> Int64Array:
    """Exact integers (int, numpy integer, integral Decimal or Fraction), one per plan or one for all."""
    if is_scalar(values):
        return np.full(n, _core._exact_integers([values], name, True)[0], dtype=np.int64)
    column = _column(values, name)
    return broadcast(_integer_column(column), n, name)


def _integer_column(column: Column) -> Int64Array:
    kind, name = column.kind, column.name
    if kind == "dictionary":
        result: Int64Array = _from_dictionary(column, _integer_column)
        return result
    if kind in ("integer", "unsigned"):
        array = column.values.to_numpy(zero_copy_only=False) if column.arrow else column.values
        if kind == "unsigned" and array.size and array.max() > _INT64_MAX:
            i = int(np.argmax(array > _INT64_MAX))
            raise ValidationError(f"{name}[{i}]", str(array[i]), "is out of range",
                                  f"a whole number {np.iinfo(np.int64).min}..{_INT64_MAX}")
        return np.ascontiguousarray(array, dtype=np.int64)
    if kind == "decimal":
        return _arrow.decimal_units(column.values, name, 0, "a whole number")
    if kind == "object":
        return _core._exact_integers(column.values, name)
    refuse_kind(column, "count", "floats are not exact" if kind == "float" else "")
    raise AssertionError  # refuse_kind raises


def flag(value: Any, name: str) -> bool:
    """A yes or no given as a bool (or numpy bool): no 0/1, None or other truthy values."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {type(value).__name__} {short(value)}")
    return bool(value)


def flags(values: Any, n: int, name: str) -> Int64Array:
    """Yes/no values: bools (numpy bools too), or the integers 0 and 1."""
    if is_scalar(values):
        if isinstance(values, (bool, np.bool_)):
            return np.full(n, int(values), dtype=np.int64)
        result = integers(values, 1, name)
        if result[0] not in (0, 1):
            raise ValidationError(name, str(result[0]), "is not a yes or no", "True or False (or 1 or 0)")
        return np.full(n, result[0], dtype=np.int64)
    column = _column(values, name)
    if column.kind == "boolean":
        array = column.values.to_numpy(zero_copy_only=False) if column.arrow else column.values
        return broadcast(array.astype(np.int64), n, name)
    if column.kind == "object":  # bools, and the integers 0 and 1, each read as a scalar
        result = np.array([int(v) if isinstance(v, (bool, np.bool_)) else _core._exact_integers([v], f"{name}[{i}]",
                                                                                              True)[0]
                           for i, v in enumerate(column.values)], dtype=np.int64)
    elif column.kind in ("integer", "unsigned"):
        result = _integer_column(column)
    else:
        refuse_kind(column, "flag")
    bad = (result != 0) & (result != 1)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValidationError(f"{name}[{i}]", str(result[i]), "is not a yes or no", "True or False (or 1 or 0)")
    return broadcast(result, n, name)


# ---------------------------------------------------------------------------------------------------- money, rates


def cents(values: Any, n: int, name: str) -> Int64Array:
    """Amounts as int64 cents from Money, str or Decimal (scalars or columns); a bare integer is refused."""
    if is_scalar(values):
        return np.full(n, _core._money_cents([values], name, True)[0], dtype=np.int64)
    return broadcast(_cents_column(_column(values, name)), n, name)


def _cents_column(column: Column) -> Int64Array:
    kind, name = column.kind, column.name
    if kind == "dictionary":
        result: Int64Array = _from_dictionary(column, _cents_column)
        return result
    if kind == "decimal":
        return _arrow.decimal_units(column.values, name, 2, "whole cents (at most two decimal places that are not zero)")
    if kind in ("object", "string"):
        return _core._money_cents(as_objects(column), name)
    if kind in ("integer", "unsigned", "boolean"):
        raise TypeError(f"{name}: bare integers do not say dollars or cents; pass Money, str or Decimal amounts, "
                        f"or integers as {name.split('.')[-1]}_cents=")
    if kind == "float":
        raise TypeError(f"{name}: money is never a float; pass Money, str or Decimal amounts, or int cents as "
                        f"{name.split('.')[-1]}_cents=")
    refuse_kind(column, "amount")
    raise AssertionError


def rates(values: Any, n: int, name: str) -> Tuple[Int64Array, Int64Array]:
    """Rates as exact numerators and denominators from Rate, str ('20%'), Decimal or Fraction."""
    if is_scalar(values):
        numerator, denominator = _core._exact_rates([values], name, True)
        return np.full(n, numerator[0], dtype=np.int64), np.full(n, denominator[0], dtype=np.int64)
    numerator, denominator = _rate_column(_column(values, name))
    return broadcast(numerator, n, name), broadcast(denominator, n, name)


def _rate_column(column: Column) -> Tuple[Int64Array, Int64Array]:
    kind, name = column.kind, column.name
    if kind == "dictionary":
        result: Tuple[Int64Array, Int64Array] = _from_dictionary(column, _rate_column)
        return result
    if kind == "decimal":
        return _arrow.decimal_fraction(column.values, name)
    if kind in ("object", "string"):
        numerator, denominator = _core._exact_rates(as_objects(column), name)
        return numerator, denominator
    if kind in ("integer", "unsigned", "float", "boolean"):
        raise TypeError(f"{name}: bare numbers do not say percent or fraction; pass Rate, str such as '20%', "
                        f"Decimal or Fraction values, or integers in basis points as {name}_bp=")
    refuse_kind(column, "rate")
    raise AssertionError


# ---------------------------------------------------------------------------------------------------- dates


def days(values: Any, name: str) -> Int64Array:
    """Calendar dates as days since 1970-01-01, read strictly: datetime.date, naive timestamps at midnight,
    datetime64 at midnight or 'YYYY-MM-DD' text. A time zone, a time of day, a missing value or an impossible
    date raises iop.ValidationError naming ``name[i]`` (or the column, for a zone)."""
    if isinstance(values, (str, datetime.date, np.datetime64)):
        raise TypeError(f"{name}: expected a 1-D array, list or Series of dates, got a single {type(values).__name__}")
    column = read(values, name)
    if column.kind == "datetime_tz" or getattr(getattr(values, "dtype", None), "tz", None) is not None:
        zone = column.values.type.tz if column.arrow else getattr(values.dtype, "tz", "a zone")
        raise ValidationError(name, f"timestamps in {zone}", "carry a time zone",
                              "naive dates: the local calendar dates, e.g. series.dt.tz_localize(None) or .dt.date "
                              "(polars: .dt.replace_time_zone(None) or .dt.date())")
    refuse_missing(column)
    return _day_column(column)


def _day_column(column: Column) -> Int64Array:
    kind, name = column.kind, column.name
    if kind == "dictionary":
        result: Int64Array = _from_dictionary(column, _day_column)
        return result
    if column.arrow and kind in ("date", "datetime"):
        return _arrow.day_numbers(column.values, name)
    if kind in ("date", "datetime"):
        return _datetime64_days(column.values, name)
    if kind == "string":
        return _text_days(np.asarray(column.values.to_pylist() if column.arrow else column.values, dtype=str), name)
    if kind == "object":
        return _core._day_numbers(column.values, name)
    refuse_kind(column, "date")
    raise AssertionError


def _datetime64_days(array: np.ndarray, name: str) -> Int64Array:
    if array.dtype == np.dtype("datetime64[D]"):  # days already: their int64 values, in place
        days: Int64Array = np.ascontiguousarray(array).view(np.int64)
        return days
    day = array.astype("datetime64[D]")
    timed = day.astype(array.dtype) != array
    if timed.any():
        i = int(np.argmax(timed))
        raise ValidationError(f"{name}[{i}]", str(array[i]), "has a time of day", "a date, or a timestamp at midnight")
    result: Int64Array = day.astype(np.int64)
    return result


def _text_days(text: np.ndarray, name: str) -> Int64Array:
    try:
        parsed = text.astype("datetime64[D]")
        suspects = np.flatnonzero(np.datetime_as_string(parsed, unit="D") != text)
    except ValueError:  # numpy cannot read one of them: find it
        suspects = np.arange(len(text))
    if suspects.size:  # numpy reads '2026-03' as 2026-03-01: every text it did not read back is parsed strictly
        for i in suspects:
            _core.parse_date(str(text[i]), f"{name}[{i}]")
        return _core._day_numbers(text.tolist(), name)
    result: Int64Array = parsed.astype(np.int64)
    return result


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 allowed


def month_days(values: Any, n: int, name: str) -> Int64Array:
    """Plan-year starts as month * 100 + day: from dates (any year; their month and day repeat each
    year) or from the integers themselves (101 for January 1), checked to be a real month and day."""
    scalar = isinstance(values, (str, datetime.date, np.datetime64)) or is_scalar(values)
    if scalar:
        probe = read([values], name)
    else:
        probe = _column(values, name)
    integral = probe.kind in ("integer", "unsigned") or (probe.kind == "object" and all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in probe.values))
    if integral:
        mmdd = _integer_column(probe)
        month, day_of_month = mmdd // 100, mmdd % 100
        month_length = np.asarray(_MONTH_DAYS)[np.clip(month - 1, 0, 11)]
        bad = (month < 1) | (month > 12) | (day_of_month < 1) | (day_of_month > month_length)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValidationError(name if scalar else f"{name}[{i}]", str(mmdd[i]), "is not a month and day",
                                  "a date, or month * 100 + day of a real date (101 for January 1)")
        return broadcast(mmdd, n, name)
    day = days([values] if scalar else values, name).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    mmdd = ((month - day.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64) + 1) * 100 \
        + (day - month.astype("datetime64[D]")).astype(np.int64) + 1
    return broadcast(mmdd, n, name)


# ---------------------------------------------------------------------------------------------------- names


def names_or_indices(values: Any, n: int, name: str, names_of: Sequence[Sequence[str]],
                     owner: Union[Int64Array, int], what: str) -> Int64Array:
    """Indices into per-plan name lists: integers as they are, or names looked up (unknown names raise
    iop.NotFoundError naming ``name[i]`` and listing the allowed names)."""
    if isinstance(values, str):
        values = [values]
    elif is_scalar(values):
        return integers(values, n, name)
    column = _column(values, name)
    if column.kind in ("integer", "unsigned", "decimal") or (
            column.kind == "object" and not all(isinstance(v, str) for v in column.values)):
        return integers(values, n, name)
    owners = np.broadcast_to(np.asarray(owner, dtype=np.int64), (n,))
    codes = broadcast(_lookup(column, names_of, owners if len(column) == n else owners[:1], what), n, name)
    return codes.astype(np.int64)


def codes(values: Any, names: Sequence[str], name: str) -> np.ndarray:
    """Names or codes (positions in ``names``) as uint8 codes, every code range-checked before narrowing."""
    if isinstance(values, np.ndarray) and values.dtype == np.uint8 and values.ndim == 1 and values.flags.c_contiguous:
        return values  # read in place: the kernel checks every code, naming its row
    column = _column(values, name)
    if column.kind in ("integer", "unsigned", "decimal") or (
            column.kind == "object" and not all(isinstance(v, str) for v in column.values)):
        wide = _integer_column(column)
        bad = (wide < 0) | (wide >= len(names))
        if bad.any():
            i = int(np.argmax(bad))
            raise ValidationError(f"{name}[{i}]", str(wide[i]), "is not a code",
                                  f"0..{len(names) - 1} ({', '.join(names)}) or the names")
        return wide.astype(np.uint8)
    found = _lookup(column, [names], np.zeros(1, dtype=np.int64), name.split(".")[-1])
    return found.astype(np.uint8)


def _lookup(column: Column, names_of: Sequence[Sequence[str]], owners: np.ndarray, what: str) -> Int64Array:
    """Names to their positions in the owner's list: only the distinct names are looked up (a dictionary's
    own values, or numpy's unique), then one vectorised take."""
    if column.kind == "dictionary":
        distinct = column.values.dictionary.to_pylist()
        inverse = column.values.indices.to_numpy(zero_copy_only=False)  # int8..int32: taken as they are
    elif column.kind in ("string", "object"):
        text = column.values.dictionary_encode() if column.arrow else None
        if text is not None:
            distinct = text.dictionary.to_pylist()
            inverse = text.indices.to_numpy(zero_copy_only=False)
        else:
            unique, inverse = np.unique(column.values.astype(object), return_inverse=True)
            distinct = unique.tolist()
            inverse = inverse.reshape(-1)
    else:
        refuse_kind(column, "name")
        raise AssertionError
    for i, value in enumerate(distinct):
        if not isinstance(value, str):
            row = int(np.argmax(inverse == i))
            raise TypeError(f"{column.name}[{row}]: expected a name (str) or an integer code, got "
                            f"{type(value).__name__} {short(value)}")
    one = owners.shape[0] == 0 or bool((owners == owners[0]).all())  # one program for every row: no sort
    programs = owners[:1] if one else np.unique(owners)
    table = np.full((max(int(programs.max(initial=0)) + 1, 1), len(distinct)), -1, dtype=np.int64)
    lookups: Dict[int, Dict[str, int]] = {}
    for k in programs.tolist():
        if 0 <= k < len(names_of):
            lookups[k] = {label: j for j, label in enumerate(names_of[k])}
            table[k] = [lookups[k].get(v, -2) for v in distinct]
    if one or owners.shape[0] != inverse.shape[0]:
        row = int(owners[0]) if owners.shape[0] and 0 <= owners[0] < table.shape[0] else 0
        found = np.take(table[row], inverse)
    else:
        found = table[np.clip(owners, 0, table.shape[0] - 1), inverse]
    unknown = found == -2
    if unknown.any():
        i = int(np.argmax(unknown))
        k = int(owners[i] if owners.shape[0] == inverse.shape[0] else owners[0])
        raise _core.NotFoundError(f"{column.name}[{i}]", short(distinct[int(inverse[i])]), f"is not a {what}",
                                  ", ".join(names_of[k]))
    result: Int64Array = found  # -1: an owner out of range, which the kernel names
    return result


def empty() -> Int64Array:
    """An empty column: the kernels read it as "not given"."""
    return np.empty(0, dtype=np.int64)


ExactScalar = Union[int, decimal.Decimal, fractions.Fraction, np.integer]


MAX_THREADS = 1024


def threads(value: Any, name: str = "threads") -> int:
    """A number of worker threads: None or 0 for one per hardware thread, else 1..1024 (results do not depend on it)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected an int (0..{MAX_THREADS}) or None, got {type(value).__name__} {short(value)}")
    if not 0 <= value <= MAX_THREADS:
        raise ValidationError(name, str(value), "is not a number of threads",
                              f"0..{MAX_THREADS} (0 or None: one per hardware thread)")
    return int(value)
