"""Claims rows read through the column layer: four columns, or a table (pandas or polars DataFrame, pyarrow
Table or RecordBatch, anything with ``__arrow_c_stream__``) a record batch at a time.

Classifications and types are names (text or categorical: only the distinct names are looked up) or
integer codes. A level is an integer in its type's unit (``LEVEL_UNITS``: cents, basis points, or a
count), or a Decimal read in the type's natural unit (dollars for money types, a fraction for
coinsurance, a count for limits), exactly; a column mixing the two says no unit and is refused. The
payment is ``payment_cents`` (integers) or ``payment`` (decimal dollars, exact to the cent). A missing
value, a float, an unknown name or a fraction of a cent is refused naming its row, numbered from
``first_row`` across the batches.
"""

from __future__ import annotations

import decimal
import fractions
from typing import Any, Iterator, Sequence, Tuple

import numpy as np

from . import _arrow, _columns, _convert, _core
from ._errors import Error, ValidationError

#: The MHPAEA benefit classifications (29 CFR 2590.712(c)(2)(ii)); a classification code is a position here.
CLASSIFICATIONS = ("inpatient_in_network", "inpatient_out_of_network", "outpatient_in_network",
                   "outpatient_out_of_network", "emergency", "prescription_drugs")
#: The financial requirements and quantitative treatment limitations tested; a type code is a position here.
TYPES = ("deductible", "copay", "coinsurance", "out_of_pocket_maximum", "visit_limit", "day_limit")
#: The unit of each type's levels: money in cents, coinsurance in basis points, limits in visits or days.
LEVEL_UNITS = {"deductible": "cents", "copay": "cents", "coinsurance": "bp", "out_of_pocket_maximum": "cents",
               "visit_limit": "count", "day_limit": "count"}
#: The columns a claims table has: classification, type, level, and payment_cents or payment.
COLUMNS = ("classification", "type", "level")

# Units of 10^-4 of a Decimal level per unit of the type: cents 100, basis points 1, a count 10,000.
_PER_UNIT = np.array([{"cents": 100, "bp": 1, "count": 10_000}[LEVEL_UNITS[t]] for t in TYPES], dtype=np.int64)

Columns = Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def payment_column(names: Sequence[str]) -> str:
    has_cents, has_money = "payment_cents" in names, "payment" in names
    if has_cents and has_money:
        raise TypeError("claims: has both payment_cents and payment; give one (int cents, or decimal dollars)")
    if not (has_cents or has_money):
        raise ValidationError("claims", ", ".join(names) or "no columns", "has no payment column",
                              "payment_cents (integer cents) or payment (decimal dollars)")
    return "payment_cents" if has_cents else "payment"


def column_names(names: Sequence[str]) -> Tuple[str, ...]:
    """The four columns of a claims table, refusing a table without them."""
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise ValidationError("claims", ", ".join(names) or "no columns", f"has no column {missing[0]}",
                              "classification, type, level, and payment_cents or payment")
    return COLUMNS + (payment_column(names),)


def levels(values: Any, types: np.ndarray, name: str) -> np.ndarray:
    """Levels in their types' units (see the module docstring)."""
    column = _columns.read(values, name)
    _columns.refuse_missing(column)
    if column.kind in ("integer", "unsigned"):
        return _convert.integers(values, len(column), name)
    if column.kind == "decimal":
        return _in_units(_arrow.decimal_units(column.values, name, 4, "a level in its type's unit"), types, name)
    if column.kind == "object":
        exact = [isinstance(v, (decimal.Decimal, fractions.Fraction, _core.Money)) for v in column.values]
        if not any(exact):
            return _convert.integers(values, len(column), name)
        if not all(exact):
            i = exact.index(False) if exact[0] else exact.index(True)
            raise ValidationError(name, f"integers and Decimals (row {i})", "mix two units",
                                  "integers in each type's unit (cents, basis points, counts) or Decimals in its "
                                  "natural unit (dollars, a fraction, a count), not both")
        return _in_units(np.array([_ten_thousandths(v, f"{name}[{i}]") for i, v in enumerate(column.values)],
                                  dtype=np.int64), types, name)
    _columns.refuse_kind(column, "count", "floats are not exact" if column.kind == "float" else
                         "a level is an integer in its type's unit or a Decimal")
    raise AssertionError


def _ten_thousandths(value: Any, field: str) -> int:
    exact = fractions.Fraction(value.cents, 100) if isinstance(value, _core.Money) else fractions.Fraction(value)
    units = exact * 10_000
    if units.denominator != 1 or abs(units) > np.iinfo(np.int64).max:
        raise ValidationError(field, str(value), "is finer than a basis point or too large", "a level in its unit")
    return int(units)


def _in_units(units: np.ndarray, types: np.ndarray, name: str) -> np.ndarray:
    per = _PER_UNIT[np.clip(types, 0, len(TYPES) - 1)]
    inexact = units % per != 0
    if inexact.any():
        i = int(np.argmax(inexact))
        unit = LEVEL_UNITS[TYPES[int(types[i])]]
        raise ValidationError(f"{name}[{i}]", str(units[i] / 10_000), f"is not a whole number of {unit}",
                              "dollars in whole cents, a coinsurance in whole basis points, a whole count")
    result: np.ndarray = units // per
    return result


def claim_columns(classification: Any, type_: Any, level: Any, payment: Any, payment_name: str) -> Columns:
    """The kernel's four columns; errors name ``claims.<column>[row]``."""
    classes = _convert.codes(classification, CLASSIFICATIONS, "claims.classification")
    n = classes.shape[0]
    types = _convert.codes(type_, TYPES, "claims.type")
    payments = (_convert.integers(payment, n, "claims.payment_cents") if payment_name == "payment_cents"
                else _convert.cents(payment, n, "claims.payment"))
    return classes, types, levels(level, types, "claims.level"), payments


def table_columns(table: Any, first_row: int) -> Iterator[Tuple[Columns, int]]:
    """The kernel's columns of each record batch of a claims table, with the batch's first row."""
    names = column_names(_columns.table_names(table))
    row = first_row
    for batch in _columns.table_batches(table, "claims", names):
        try:
            columns = [batch.column(c) for c in names]
            yield claim_columns(columns[0], columns[1], columns[2], columns[3], names[3]), row
        except Error as error:
            raise _columns.renumber(error, row) from None
        row += batch.num_rows
