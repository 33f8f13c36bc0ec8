"""Claims columns from Arrow: pyarrow Tables and RecordBatches (and pandas frames through Arrow) read
exactly into the kernel's columns, with no Python loop per row.

Classifications and types come as names (string or dictionary-encoded string columns: only the
dictionary is looked up, the row codes are one vectorised take) or as integer codes; levels and
``payment_cents`` as integers (an int64 column without nulls is used in place, without a copy);
``payment`` as decimals, exact to the cent: the scale is checked and a value with a fraction of a
cent is refused by row. Floats are a TypeError; a missing value (null) is an iop.ValidationError
naming its row, never a default.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence, Tuple

import numpy as np

from ._errors import NotFoundError, OverflowError, ValidationError, short
from ._extras import require

Columns = Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]

#: The columns a claims table has: classification, type, level, and payment_cents or payment.
COLUMNS = ("classification", "type", "level")
_INT64_MAX = np.iinfo(np.int64).max


def is_arrow(value: Any) -> bool:
    """A pyarrow Table or RecordBatch (checked without importing pyarrow)."""
    return type(value).__module__.startswith("pyarrow") and type(value).__name__ in ("Table", "RecordBatch")


def is_pandas(value: Any) -> bool:
    """A pandas DataFrame (checked without importing pandas)."""
    return type(value).__module__.startswith("pandas") and type(value).__name__ == "DataFrame"


def _payment_column(names: Sequence[str]) -> str:
    has_cents, has_money = "payment_cents" in names, "payment" in names
    if has_cents and has_money:
        raise TypeError("claims: has both payment_cents and payment; give one (int cents, or decimal dollars)")
    if not (has_cents or has_money):
        raise ValidationError("claims", ", ".join(names) or "no columns", "has no payment column",
                              "payment_cents (integer cents) or payment (decimal dollars)")
    return "payment_cents" if has_cents else "payment"


def claim_column_names(names: Sequence[str]) -> Tuple[str, ...]:
    """The four columns of a claims table, refusing a table without them."""
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ValidationError("claims", ", ".join(names) or "no columns", f"has no column {missing[0]}",
                              "classification, type, level, and payment_cents or payment")
    return COLUMNS + (_payment_column(names),)


def batches(table: Any) -> Iterator[Any]:
    """The record batches of a Table (its chunks) or the batch itself; a pandas frame through Arrow."""
    if is_pandas(table):
        pa = require("pyarrow", "claims from a pandas DataFrame")
        names = claim_column_names([str(c) for c in table.columns])
        table = pa.Table.from_pandas(table[list(names)], preserve_index=False)
    if type(table).__name__ == "RecordBatch":
        yield table
    else:
        yield from table.to_batches()


def _first(mask: Any) -> int:
    return int(np.argmax(np.asarray(mask)))


def _refuse_nulls(array: Any, field: str, first_row: int, allowed: str) -> None:
    if array.null_count:
        i = _first(array.is_null().to_numpy(zero_copy_only=False))
        raise ValidationError(f"{field}[{first_row + i}]", "null", "is missing", allowed)


def _integers(array: Any, field: str, first_row: int) -> np.ndarray:
    """An integer Arrow array as int64, in place when it is int64 already."""
    import pyarrow as pa

    if not pa.types.is_integer(array.type):
        raise TypeError(f"{field}: expected an integer column, got {array.type}"
                        + (" (floats are not exact)" if pa.types.is_floating(array.type) else ""))
    _refuse_nulls(array, field, first_row, "an exact integer")
    values: np.ndarray = array.to_numpy(zero_copy_only=False)
    if values.dtype == np.uint64 and values.size and values.max() > _INT64_MAX:
        i = _first(values > _INT64_MAX)
        raise ValidationError(f"{field}[{first_row + i}]", str(values[i]), "is out of range",
                              f"a whole number up to {_INT64_MAX}")
    return values.astype(np.int64, copy=False)


def codes(array: Any, names: Sequence[str], field: str, first_row: int) -> np.ndarray:
    """Names (string or dictionary-encoded) or integer codes as uint8 codes into ``names``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = field.split(".")[-1]
    allowed = ", ".join(names)
    if pa.types.is_dictionary(array.type) and (pa.types.is_string(array.type.value_type)
                                               or pa.types.is_large_string(array.type.value_type)):
        _refuse_nulls(array, field, first_row, allowed)
        dictionary = array.dictionary.to_pylist()  # the distinct names: a handful, not one per row
        lookup = {name: i for i, name in enumerate(names)}
        table = np.array([lookup.get(name, 255) if name is not None else 255 for name in dictionary], dtype=np.uint8)
        result: np.ndarray = table[array.indices.to_numpy(zero_copy_only=False)]
        if (result == 255).any():
            i = _first(result == 255)
            raise NotFoundError(f"{field}[{first_row + i}]", short(array[i].as_py()), f"is not a {kind}", allowed)
        return result
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type):
        _refuse_nulls(array, field, first_row, allowed)
        found = pc.index_in(array, value_set=pa.array(list(names)))
        if found.null_count:
            i = _first(found.is_null().to_numpy(zero_copy_only=False))
            raise NotFoundError(f"{field}[{first_row + i}]", short(array[i].as_py()), f"is not a {kind}", allowed)
        looked_up: np.ndarray = found.to_numpy(zero_copy_only=False).astype(np.uint8)
        return looked_up
    if pa.types.is_integer(array.type):
        wide = _integers(array, field, first_row)
        bad = (wide < 0) | (wide >= len(names))
        if bad.any():
            i = _first(bad)
            raise ValidationError(f"{field}[{first_row + i}]", str(wide[i]), "is not a code",
                                  f"0..{len(names) - 1} ({allowed}) or the names")
        return wide.astype(np.uint8)
    raise TypeError(f"{field}: expected names (string or dictionary-encoded) or integer codes, got {array.type}")


def decimal_cents(array: Any, field: str, first_row: int) -> np.ndarray:
    """Decimal dollars as int64 cents, exactly: a fraction of a cent or an amount beyond 64-bit cents is refused."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_decimal(array.type):
        kind = "integers: name the column payment_cents" if pa.types.is_integer(array.type) else str(array.type)
        raise TypeError(f"{field}: expected decimal dollars (decimal128 or decimal256), got {kind}"
                        + (" (floats are not exact)" if pa.types.is_floating(array.type) else ""))
    _refuse_nulls(array, field, first_row, "an amount in dollars and cents")
    wide = pa.types.is_decimal256(array.type)
    cents_type = pa.decimal256(76, 2) if wide else pa.decimal128(38, 2)
    if array.type.scale > 2:
        # Dropping the digits past the cent must lose nothing: compare with the column itself.
        cents = pc.cast(array, cents_type, safe=False)
        lost = pc.not_equal(pc.cast(cents, pa.decimal256(76, array.type.scale) if wide else
                                    pa.decimal128(38, array.type.scale), safe=False), array)
        if pc.any(lost).as_py():
            i = _first(lost.to_numpy(zero_copy_only=False))
            raise ValidationError(f"{field}[{first_row + i}]", str(array[i].as_py()), "has a fraction of a cent",
                                  "whole cents (at most two decimal places that are not zero)")
    else:
        try:
            cents = pc.cast(array, cents_type)
        except pa.ArrowInvalid as error:
            raise OverflowError(field, str(array.type), "has an amount beyond 64-bit cents", str(error)) from None
    # The unscaled values are little-endian two's complement words; one fits in int64 cents when its
    # high words are the sign extension of its low word.
    words = 4 if wide else 2
    raw = np.frombuffer(cents.buffers()[1], dtype=np.uint64,
                        count=(cents.offset + len(cents)) * words)[cents.offset * words:].reshape(-1, words)
    low = raw[:, 0].view(np.int64)
    sign = (low >> 63).view(np.uint64)
    fits = (raw[:, 1:] == sign[:, None]).all(axis=1)
    if not fits.all():
        i = _first(~fits)
        raise OverflowError(f"{field}[{first_row + i}]", str(array[i].as_py()), "does not fit in 64-bit cents",
                            f"an amount up to {_INT64_MAX} cents")
    return np.ascontiguousarray(low)  # the low words, one in every two (or four)


def claim_columns(batch: Any, first_row: int, names: Sequence[str], classifications: Sequence[str],
                  types: Sequence[str]) -> Columns:
    """The kernel's four columns of one record batch; errors name ``claims.<column>[row]`` with the row
    numbered from ``first_row``."""
    classification, type_, level, payment = (batch.column(name) for name in claim_column_names(names))
    pay_name = claim_column_names(names)[3]
    payments = (_integers(payment, "claims.payment_cents", first_row) if pay_name == "payment_cents"
                else decimal_cents(payment, "claims.payment", first_row))
    return (codes(classification, classifications, "claims.classification", first_row),
            codes(type_, types, "claims.type", first_row),
            _integers(level, "claims.level", first_row),
            payments)
