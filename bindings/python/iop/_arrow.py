"""Arrow columns read exactly, with no Python loop per row: decimals at a chosen scale, dates and naive
timestamps as day numbers. The column layer (:mod:`iop._columns`) calls these for Arrow kinds; a value
that cannot be read exactly is refused naming its row.
"""

from __future__ import annotations

from typing import Any, Tuple

import numpy as np

from ._errors import OverflowError, ValidationError

_INT64_MAX = np.iinfo(np.int64).max
_TICKS_A_DAY = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}


def _first(mask: Any) -> int:
    return int(np.argmax(np.asarray(mask)))


def decimal_units(array: Any, field: str, scale: int, allowed: str) -> np.ndarray:
    """A decimal column as int64 units of 10^-``scale`` (cents at 2, whole numbers at 0), exactly: a value with
    more decimals that are not zero, or one beyond 64 bits, is refused by row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    wide = pa.types.is_decimal256(array.type)
    target = pa.decimal256(76, scale) if wide else pa.decimal128(38, scale)
    if array.type.scale > scale:
        # Dropping the digits past the scale must lose nothing: compare with the column itself.
        scaled = pc.cast(array, target, safe=False)
        back = pa.decimal256(76, array.type.scale) if wide else pa.decimal128(38, array.type.scale)
        lost = pc.not_equal(pc.cast(scaled, back, safe=False), array)
        if pc.any(lost).as_py():
            i = _first(lost.to_numpy(zero_copy_only=False))
            raise ValidationError(f"{field}[{i}]", str(array[i].as_py()), "has more decimal places than it can hold",
                                  allowed)
    else:
        try:
            scaled = pc.cast(array, target)
        except pa.ArrowInvalid as error:
            raise OverflowError(field, str(array.type), "has a value beyond 64 bits", str(error)) from None
    # The unscaled values are little-endian two's complement words; one fits in int64 when its high words
    # are the sign extension of its low word.
    words = 4 if wide else 2
    raw = np.frombuffer(scaled.buffers()[1], dtype=np.uint64,
                        count=(scaled.offset + len(scaled)) * words)[scaled.offset * words:].reshape(-1, words)
    low = raw[:, 0].view(np.int64)
    sign = (low >> 63).view(np.uint64)
    fits = (raw[:, 1:] == sign[:, None]).all(axis=1)
    if not fits.all():
        i = _first(~fits)
        raise OverflowError(f"{field}[{i}]", str(array[i].as_py()), "does not fit in 64 bits",
                            f"a value up to {_INT64_MAX} units of 10^-{scale}")
    return np.ascontiguousarray(low)


def decimal_cents(array: Any, field: str) -> np.ndarray:
    """Decimal dollars as int64 cents, exactly: a fraction of a cent or an amount beyond 64-bit cents is refused."""
    return decimal_units(array, field, 2, "whole cents (at most two decimal places that are not zero)")


def decimal_fraction(array: Any, field: str) -> Tuple[np.ndarray, np.ndarray]:
    """A decimal column as exact fractions: numerators and denominators (powers of ten, at most 10^12)."""
    scale = max(0, min(int(array.type.scale), 12))
    units = decimal_units(array, field, scale, "a rate with at most 12 decimal places")
    denominator = np.full(units.shape[0], 10 ** scale, dtype=np.int64)
    common = np.gcd(units, denominator)
    common[common == 0] = 1
    return units // common, denominator // common


def day_numbers(array: Any, field: str) -> np.ndarray:
    """Dates (date32, date64) and naive timestamps at midnight as days since 1970-01-01; a time of day is
    refused by row."""
    import pyarrow as pa

    if pa.types.is_date32(array.type):
        days: np.ndarray = array.view(pa.int32()).to_numpy(zero_copy_only=False).astype(np.int64)
        return days
    unit = "ms" if pa.types.is_date64(array.type) else array.type.unit
    ticks = array.view(pa.int64()).to_numpy(zero_copy_only=False)
    per_day = _TICKS_A_DAY[unit]
    timed = ticks % per_day != 0
    if timed.any():
        i = _first(timed)
        raise ValidationError(f"{field}[{i}]", str(array[i].as_py()), "has a time of day",
                              "a date, or a timestamp at midnight")
    whole: np.ndarray = ticks // per_day
    return whole
