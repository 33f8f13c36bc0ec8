"""Exact conversions of the batch functions' arguments into the kernels' int64 columns.

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
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._errors import ValidationError, short

Int64Array = npt.NDArray[np.int64]

_INT64_MAX = np.iinfo(np.int64).max


def _is_scalar(value: Any) -> bool:
    return np.ndim(value) == 0 and not isinstance(value, (list, tuple))


def _one_dimension(values: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(values)
    except (OverflowError, ValueError):  # ragged lists, ints beyond 64 bits: read them one by one
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
    if array.ndim != 1:
        raise ValidationError(name, f"an array of shape {array.shape}", "is not one-dimensional",
                              "a 1-D array, list or Series (one value per plan)")
    return array


def _broadcast(array: np.ndarray, n: int, name: str) -> np.ndarray:
    if array.shape[0] == n:
        return array
    if array.shape[0] == 1:
        return np.repeat(array, n)
    raise ValidationError(name, f"{array.shape[0]} values", "do not match the plans",
                          f"one value per plan ({n}) or one for all")


def integers(values: Any, n: int, name: str) -> Int64Array:
    """Exact integers (int, numpy integer, integral Decimal or Fraction), one per plan or one for all."""
    if _is_scalar(values):
        return np.full(n, _core._exact_integers([values], name, True)[0], dtype=np.int64)
    array = _one_dimension(values, name)
    kind = array.dtype.kind
    if kind == "i":
        result = array.astype(np.int64)
    elif kind == "u":
        if array.size and array.max() > _INT64_MAX:
            i = int(np.argmax(array > _INT64_MAX))
            raise ValidationError(f"{name}[{i}]", str(array[i]), "is out of range",
                                  f"a whole number {np.iinfo(np.int64).min}..{_INT64_MAX}")
        result = array.astype(np.int64)
    elif kind == "O":
        result = _core._exact_integers(array, name)
    else:
        raise TypeError(f"{name}: expected integers (int, numpy integer, or integral Decimal or Fraction), "
                        f"got an array of {array.dtype}")
    return _broadcast(result, n, name)


def flag(value: Any, name: str) -> bool:
    """A yes or no given as a bool (or numpy bool): no 0/1, None or other truthy values."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name}: expected True or False, got {type(value).__name__} {short(value)}")
    return bool(value)


def flags(values: Any, n: int, name: str) -> Int64Array:
    """Yes/no values: bools (numpy bools too), or the integers 0 and 1."""
    if isinstance(values, (bool, np.bool_)):
        return np.full(n, int(values), dtype=np.int64)
    scalar = _is_scalar(values)
    array = _one_dimension([values] if scalar else values, name)
    if array.dtype.kind == "b" or (array.dtype.kind == "O" and all(isinstance(v, (bool, np.bool_)) for v in array)):
        return _broadcast(array.astype(bool).astype(np.int64), n, name)
    result = integers(array[0] if scalar else array, n if scalar else array.shape[0], name)
    bad = (result != 0) & (result != 1)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValidationError(name if scalar else f"{name}[{i}]", str(result[i]), "is not a yes or no",
                              "True or False (or 1 or 0)")
    return _broadcast(result, n, name)


def cents(values: Any, n: int, name: str) -> Int64Array:
    """Amounts as int64 cents from Money, str or Decimal (scalars or columns); a bare integer is refused."""
    if _is_scalar(values):
        return np.full(n, _core._money_cents([values], name, True)[0], dtype=np.int64)
    array = _one_dimension(values, name)
    if array.dtype.kind in "iub":
        raise TypeError(f"{name}: bare integers do not say dollars or cents; pass Money, str or Decimal amounts, "
                        f"or integers as {name}_cents=")
    if array.dtype.kind == "f":
        raise TypeError(f"{name}: money is never a float; pass Money, str or Decimal amounts, or int cents as "
                        f"{name}_cents=")
    return _broadcast(_core._money_cents(array, name), n, name)


def rates(values: Any, n: int, name: str) -> Tuple[Int64Array, Int64Array]:
    """Rates as exact numerators and denominators from Rate, str ('20%'), Decimal or Fraction."""
    if _is_scalar(values):
        numerator, denominator = _core._exact_rates([values], name, True)
        return np.full(n, numerator[0], dtype=np.int64), np.full(n, denominator[0], dtype=np.int64)
    array = _one_dimension(values, name)
    if array.dtype.kind in "iubf":
        raise TypeError(f"{name}: bare numbers do not say percent or fraction; pass Rate, str such as '20%', "
                        f"Decimal or Fraction values, or integers in basis points as {name}_bp=")
    numerator, denominator = _core._exact_rates(array, name)
    return _broadcast(numerator, n, name), _broadcast(denominator, n, name)


def days(values: Any, name: str) -> Int64Array:
    """Calendar dates as days since 1970-01-01, read strictly: datetime.date, naive timestamps at midnight,
    datetime64 at midnight or 'YYYY-MM-DD' text. A time zone, a time of day, NaT or an impossible date
    raises iop.ValidationError naming ``name[i]``."""
    zone = getattr(getattr(values, "dtype", None), "tz", None)
    if zone is not None:
        raise ValidationError(name, f"timestamps in {zone}", "carry a time zone",
                              "naive dates: the local calendar dates, e.g. series.dt.tz_localize(None) or .dt.date")
    if isinstance(values, (str, datetime.date, np.datetime64)):
        raise TypeError(f"{name}: expected a 1-D array, list or Series of dates, got a single {type(values).__name__}")
    array = _one_dimension(values, name)
    kind = array.dtype.kind
    if kind == "M":
        nat = np.isnat(array)
        if nat.any():
            raise ValidationError(f"{name}[{int(np.argmax(nat))}]", "NaT", "is not a date", "a calendar date")
        day = array.astype("datetime64[D]")
        timed = day.astype(array.dtype) != array
        if timed.any():
            i = int(np.argmax(timed))
            raise ValidationError(f"{name}[{i}]", str(array[i]), "has a time of day",
                                  "a date, or a timestamp at midnight")
        return day.astype(np.int64)
    if kind in "US":
        text = array.astype(str)
        try:
            parsed = text.astype("datetime64[D]")
            suspects = np.flatnonzero(np.datetime_as_string(parsed, unit="D") != text)
        except ValueError:  # numpy cannot read one of them: find it
            suspects = np.arange(len(text))
        if suspects.size:  # numpy reads '2026-03' as 2026-03-01: every text it did not read back is parsed strictly
            for i in suspects:
                _core.parse_date(str(text[i]), f"{name}[{i}]")
            return _core._day_numbers(text.tolist(), name)
        return parsed.astype(np.int64)
    if kind == "O":
        return _core._day_numbers(array, name)
    raise TypeError(f"{name}: expected dates (datetime.date, naive Timestamps, datetime64 or 'YYYY-MM-DD'), "
                    f"got an array of {array.dtype}")


_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February 29 allowed


def month_days(values: Any, n: int, name: str) -> Int64Array:
    """Plan-year starts as month * 100 + day: from dates (any year; their month and day repeat each
    year) or from the integers themselves (101 for January 1), checked to be a real month and day."""
    scalar = isinstance(values, (str, datetime.date, np.datetime64)) or _is_scalar(values)
    probe = np.asarray([values] if scalar else values)
    if probe.dtype.kind in "iu" or (probe.dtype.kind == "O" and all(
            isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in probe)):
        mmdd = integers(probe[0] if scalar else probe, n if scalar else probe.shape[0], name)
        month, day_of_month = mmdd // 100, mmdd % 100
        month_length = np.asarray(_MONTH_DAYS)[np.clip(month - 1, 0, 11)]
        bad = (month < 1) | (month > 12) | (day_of_month < 1) | (day_of_month > month_length)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValidationError(name if scalar else f"{name}[{i}]", str(mmdd[i]), "is not a month and day",
                                  "a date, or month * 100 + day of a real date (101 for January 1)")
        return _broadcast(mmdd, n, name)
    if scalar:
        values = [values]
    day = days(values, name).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    mmdd = ((month - day.astype("datetime64[Y]").astype("datetime64[M]")).astype(np.int64) + 1) * 100 \
        + (day - month.astype("datetime64[D]")).astype(np.int64) + 1
    return _broadcast(mmdd, n, name)


def names_or_indices(values: Any, n: int, name: str, names_of: Sequence[Sequence[str]],
                     owner: Union[Int64Array, int], what: str) -> Int64Array:
    """Indices into per-plan name lists: integers as they are, or names looked up (unknown names raise
    iop.NotFoundError naming ``name[i]`` and listing the allowed names)."""
    if _is_scalar(values) and not isinstance(values, str):
        return integers(values, n, name)
    array = np.asarray([values] if isinstance(values, str) else values, dtype=object)
    if array.ndim != 1:
        raise ValidationError(name, f"an array of shape {array.shape}", "is not one-dimensional", "a 1-D array")
    if not all(isinstance(v, str) for v in array):
        return integers(values, n, name)
    array = _broadcast(array, n, name)
    owners = np.broadcast_to(np.asarray(owner, dtype=np.int64), (n,))
    out = np.empty(n, dtype=np.int64)
    lookups: List[Optional[Dict[str, int]]] = [None] * len(names_of)
    for i in range(n):
        k = int(owners[i])
        if not 0 <= k < len(names_of):
            out[i] = -1  # the kernel names the bad owner index
            continue
        if lookups[k] is None:
            lookups[k] = {label: j for j, label in enumerate(names_of[k])}
        lookup = lookups[k]
        assert lookup is not None
        index = lookup.get(array[i])
        if index is None:
            raise _core.NotFoundError(f"{name}[{i}]", short(array[i]), f"is not a {what}",
                                      ", ".join(names_of[k]))
        out[i] = index
    return out


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
