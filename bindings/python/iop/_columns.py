"""The column layer: every function of iop that takes columns reads them here, by one table of rules.

A column comes as a list, a numpy array, a pandas Series or Index (numpy- or
Arrow-backed, categorical, nullable), a polars Series, a pyarrow Array or
ChunkedArray, or anything with the Arrow PyCapsule interface
(``__arrow_c_array__``, ``__arrow_c_stream__``) or ``__arrow_array__``. Lists
and numpy arrays are read as numpy; pandas columns of a numpy dtype too (without
a copy); every other kind is read through Arrow, so polars, pyarrow, duckdb and
the next library are one path, not one per library. A table (claims) comes as a
pandas DataFrame, a pyarrow Table or RecordBatch, or anything with
``__arrow_c_stream__`` (a polars DataFrame, a duckdb result), read a record
batch at a time.

Each column is classed by its kind (``integer``, ``unsigned``, ``boolean``,
``float``, ``decimal``, ``string``, ``dictionary`` (pandas categorical, Arrow
dictionary), ``date``, ``datetime``, ``datetime_tz``, ``object``, ``other``), then
read for what the parameter means (``count``, ``amount``, ``rate``, ``date``,
``flag``, ``name``) by :data:`RULES`, the table docs/python.md prints. Before any
rule, a missing value (None, NaN, NA, NaT, an Arrow null) is refused naming its
row: ``weeks[17]: nan is missing``, never "got an array of float64".

The kernels take contiguous int64 numpy columns; nothing here narrows a value.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import numpy.typing as npt

from ._errors import Error, ValidationError, short
from ._extras import require

Int64Array = npt.NDArray[np.int64]
_INT64_MAX = np.iinfo(np.int64).max

#: What a parameter means, and the column kinds each takes (the rest are a TypeError naming the kind).
RULES: Dict[str, Dict[str, str]] = {
    "count": {
        "integer": "as it is (int8..int64)",
        "unsigned": "as it is; a value above 2^63 - 1 is refused by row",
        "decimal": "each value a whole number (Decimal('12')); a fraction is refused by row",
        "dictionary": "its values read as above, once each",
        "object": "int, numpy integer, integral Decimal or Fraction, each read as a scalar",
        "float": "refused (TypeError): floats are not exact; a float column with NaN is refused for the missing row",
        "boolean": "refused (TypeError): a bool is not a count",
    },
    "amount": {
        "decimal": "dollars, exact to the cent; a fraction of a cent is refused by row",
        "string": "dollars as text ('1500.00', '$1,500'), each read as Money reads it",
        "dictionary": "its values read as above, once each",
        "object": "iop.Money, str, Decimal or Fraction dollars, each read as a scalar",
        "integer": "refused (TypeError): a bare integer does not say dollars or cents; use name_cents=",
        "float": "refused (TypeError): money is never a float",
    },
    "rate": {
        "decimal": "the exact fraction (Decimal('0.2') is 20%)",
        "string": "text with its unit ('20%', '1/5'); '20' is refused by row",
        "dictionary": "its values read as above, once each",
        "object": "iop.Rate, str with its unit, Decimal or Fraction, each read as a scalar",
        "integer": "refused (TypeError): a bare number does not say percent or fraction; use name_bp=",
        "float": "refused (TypeError): a rate is never a float",
    },
    "date": {
        "date": "as it is (Arrow date32/date64, numpy datetime64[D])",
        "datetime": "naive timestamps at midnight; a time of day is refused by row",
        "datetime_tz": "refused (ValidationError naming the column): a zone-aware instant is not a calendar date",
        "string": "'YYYY-MM-DD' exactly; anything else is refused by row",
        "dictionary": "its values read as above, once each",
        "object": "datetime.date, naive midnight datetime or Timestamp, datetime64, 'YYYY-MM-DD'",
        "integer": "refused (TypeError)",
    },
    "flag": {
        "boolean": "as it is",
        "integer": "0 and 1; any other value is refused by row",
        "unsigned": "0 and 1, as above",
        "object": "bool and numpy bool, and the integers 0 and 1, each read as a scalar",
        "string": "refused (TypeError)",
    },
    "name": {
        "string": "names, looked up (an unknown name is refused by row, listing the names)",
        "dictionary": "names; only the distinct ones are looked up",
        "integer": "codes (positions in the list of names), range-checked by row",
        "unsigned": "codes, as above",
        "decimal": "codes, each a whole number",
        "object": "str names, or integer codes",
        "float": "refused (TypeError)",
    },
}
#: Before every rule.
MISSING_RULE = ("refused by row before any rule of its kind (ValidationError name[i]: <value> is missing, "
                "with the pandas index label when the index is not 0..n-1)")


def rules_table() -> str:
    """:data:`RULES` as the markdown table of docs/python.md (a test checks the page holds it as it is)."""
    lines = ["| a column of | whose kind is | is read |", "| --- | --- | --- |",
             f"| any meaning | any kind, at a missing value (None, NaN, NA, NaT, null) | {MISSING_RULE} |"]
    for meaning, rules in RULES.items():
        for kind, rule in rules.items():
            lines.append(f"| {meaning} | {kind} | {rule} |")
        lines.append(f"| {meaning} | any other kind | refused (TypeError naming the parameter and its dtype) |")
    return "\n".join(lines) + "\n"


class Column(NamedTuple):
    """A column as read: its kind, its values (numpy, or a pyarrow Array for Arrow kinds), its pandas index."""

    name: str
    kind: str
    values: Any
    arrow: bool
    labels: Any
    dtype: str

    def __len__(self) -> int:
        return len(self.values)


# ---------------------------------------------------------------------------------------------------- reading


def is_scalar(value: Any) -> bool:
    """One value for every row (not a column)."""
    if isinstance(value, (list, tuple)) or _is_pandas(value) or _has_arrow(value):
        return False
    return np.ndim(value) == 0


def _is_pandas(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") and hasattr(value, "dtype") and hasattr(value, "to_numpy")


def _has_arrow(value: Any) -> bool:
    return any(hasattr(value, a) for a in ("__arrow_c_array__", "__arrow_c_stream__", "__arrow_array__"))


def _is_table(value: Any) -> bool:
    kind = type(value).__name__
    return kind in ("DataFrame", "Table", "RecordBatch", "LazyFrame", "DuckDBPyRelation", "RecordBatchReader")


_NUMPY_KINDS = {"i": "integer", "u": "unsigned", "b": "boolean", "f": "float", "U": "string", "S": "string",
                "O": "object"}


def _numpy_kind(array: np.ndarray) -> str:
    if array.dtype.kind == "M":
        return "date" if np.datetime_data(array.dtype)[0] == "D" else "datetime"
    return _NUMPY_KINDS.get(array.dtype.kind, "other")


def _arrow_kind(kind_of: Any) -> str:
    """The kind of an Arrow type."""
    import pyarrow as pa

    t = pa.types
    checks: Sequence[Tuple[Callable[[Any], bool], str]] = (
        (t.is_signed_integer, "integer"), (t.is_unsigned_integer, "unsigned"), (t.is_boolean, "boolean"),
        (t.is_floating, "float"), (t.is_decimal, "decimal"), (t.is_dictionary, "dictionary"), (t.is_date, "date"),
        (t.is_null, "null"))
    for check, kind in checks:
        if check(kind_of):
            return kind
    if t.is_string(kind_of) or t.is_large_string(kind_of) or getattr(t, "is_string_view", lambda _: False)(kind_of):
        return "string"
    if t.is_timestamp(kind_of):
        return "datetime_tz" if kind_of.tz is not None else "datetime"
    return "other"


def _one_dimension(values: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(values)
    except (OverflowError, ValueError):  # ragged lists, ints beyond 64 bits: read them one by one
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
    if not isinstance(values, np.ndarray) and array.dtype.kind in "iuf" and array.ndim == 1 and any(
            isinstance(v, (bool, np.bool_)) for v in values):
        # numpy reads [6, True] as the integers [6, 1]: keep each value as it was given, to be read by its type
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
    if array.ndim != 1:
        raise ValidationError(name, f"an array of shape {array.shape}", "is not one-dimensional",
                              "a 1-D array, list or Series (one value per plan)")
    return array


def _to_arrow(values: Any, name: str) -> Any:
    """One contiguous pyarrow Array of an Arrow-speaking column."""
    pa = require("pyarrow", f"{name}: a column of {type(values).__module__.split('.')[0]}")
    if isinstance(values, pa.ChunkedArray):
        array = values
    elif isinstance(values, pa.Array):
        return values
    elif hasattr(values, "__arrow_c_stream__"):
        array = pa.chunked_array(values)
    else:
        array = pa.array(values)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if pa.types.is_struct(array.type) and _is_table(values):
        raise TypeError(f"{name}: expected a column, got a table ({type(values).__name__}); pass one of its columns")
    return array


def read(values: Any, name: str) -> Column:
    """A column, classed by its kind; a table or a 2-D array is refused."""
    if _is_table(values):
        values = _only_column(values, name)
    labels = None
    if _is_pandas(values):
        labels = getattr(values, "index", None)
        if isinstance(values.dtype, np.dtype):  # numpy-backed: read as numpy, without a copy
            array = values.to_numpy()
            return Column(name, _numpy_kind(array), array, False, labels, str(values.dtype))
        array = _to_arrow(values.array, name)
        return Column(name, _arrow_kind(array.type), array, True, labels, str(values.dtype))
    if isinstance(values, np.ndarray) or not _has_arrow(values):
        array = _one_dimension(values, name)
        return Column(name, _numpy_kind(array), array, False, None, str(array.dtype))
    array = _to_arrow(values, name)
    return Column(name, _arrow_kind(array.type), array, True, None, str(array.type))


def _only_column(table: Any, name: str) -> Any:
    """The one column of a one-column table (a duckdb ``select start from ...``); a wider table is refused."""
    names = table_names(table)
    if len(names) != 1:
        raise TypeError(f"{name}: expected a column, got a table of {len(names)} columns ({type(table).__name__}); "
                        "pass one of its columns")
    if _is_pandas(table):
        return table.iloc[:, 0]
    pa = require("pyarrow", f"{name}: a one-column {type(table).__name__}")
    return pa.table(table).column(0)


def _object_missing(array: np.ndarray) -> np.ndarray:
    pandas = sys.modules.get("pandas")
    if pandas is not None:
        return np.asarray(pandas.isna(array), dtype=bool)
    return np.fromiter((v is None or (isinstance(v, float) and v != v) for v in array), dtype=bool, count=len(array))


def first_missing(column: Column) -> Optional[Tuple[int, str]]:
    """The first missing row and how it reads (None, nan, <NA>, NaT, null), or None."""
    values = column.values
    if column.arrow:
        if column.kind == "float":
            import pyarrow.compute as pc

            nan = pc.is_nan(values).fill_null(True)
            if pc.any(nan).as_py():
                i = int(np.argmax(nan.to_numpy(zero_copy_only=False)))
                return i, "null" if values[i].as_py() is None else "nan"
            return None
        if values.null_count:
            i = int(np.argmax(values.is_null().to_numpy(zero_copy_only=False)))
            return i, "NaT" if column.kind in ("datetime", "datetime_tz", "date") and column.labels is not None else (
                "<NA>" if column.labels is not None else "null")
        return None
    kind = values.dtype.kind
    if kind == "f":
        mask = np.isnan(values)
    elif kind == "M":
        mask = np.isnat(values)
    elif kind == "O":
        mask = _object_missing(values)
    else:
        return None
    if mask.any():
        i = int(np.argmax(mask))
        return i, "nan" if kind == "f" else "NaT" if kind == "M" else short(values[i])
    return None


def refuse_missing(column: Column) -> None:
    missing = first_missing(column)
    if missing is not None:
        i, text = missing
        raise ValidationError(f"{column.name}[{i}]", text, "is missing" + label_note(column, i),
                              "a value on every row (fill or drop the missing rows first)")


def label_note(column: Column, i: int) -> str:
    """`` (index label 35)`` when a pandas column's index is not 0..n-1, so the row can be found with .loc."""
    labels = column.labels
    if labels is None or _is_range(labels, len(column)):
        return ""
    label = labels[i]
    return f" (index label {short(label.item() if isinstance(label, np.generic) else label)})"


def _is_range(labels: Any, n: int) -> bool:
    step = getattr(labels, "step", None)
    return step == 1 and getattr(labels, "start", None) == 0 and len(labels) == n


def refuse_kind(column: Column, meaning: str, advice: str = "") -> None:
    """The TypeError for a kind the meaning does not take."""
    accepted = ", ".join(k for k, rule in RULES[meaning].items() if not rule.startswith("refused"))
    raise TypeError(f"{column.name}: expected {_MEANINGS[meaning]}, got a column of {column.dtype}"
                    + (f" ({advice})" if advice else "") + f"; a {meaning} column may be {accepted}")


_MEANINGS = {"count": "exact integers", "amount": "amounts of money", "rate": "rates", "date": "calendar dates",
             "flag": "yes or no values", "name": "names or codes"}


def broadcast(array: np.ndarray, n: int, name: str) -> np.ndarray:
    if array.shape[0] == n:
        return array
    if array.shape[0] == 1:
        return np.repeat(array, n)
    raise ValidationError(name, f"{array.shape[0]} values", "do not match the plans",
                          f"one value per plan ({n}) or one for all")


def arrow_kind(array: Any) -> str:
    """The kind of a pyarrow Array."""
    return _arrow_kind(array.type)


def as_objects(column: Column) -> np.ndarray:
    """A column's values as Python objects (for the element-wise rules of the compiled core)."""
    if column.arrow:
        return np.asarray(column.values.to_pylist(), dtype=object)
    return np.asarray(column.values, dtype=object)


def frame_index(**columns: Any) -> Any:
    """The pandas index the results carry: the one of the pandas columns given, which must all share it."""
    index, owner = None, ""
    for name, values in columns.items():
        labels = getattr(values, "index", None) if _is_pandas(values) and hasattr(values, "index") else None
        if labels is None:
            continue
        if index is None:
            index, owner = labels, name
        elif labels is not index and not labels.equals(index):
            raise ValidationError(name, "a Series with another index", f"does not line up with {owner}",
                                  f"columns of one frame, with the same index as {owner} (or numpy arrays, "
                                  "paired by position)")
    return index


# ---------------------------------------------------------------------------------------------------- tables


def table_batches(table: Any, name: str, columns: Sequence[str]) -> Iterator[Any]:
    """The record batches of a table's ``columns`` (pandas DataFrame, pyarrow Table or RecordBatch, or anything
    with ``__arrow_c_stream__``: a polars DataFrame, a duckdb result), streamed a batch at a time."""
    pa = require("pyarrow", f"{name} from a {type(table).__name__}")
    if _is_pandas(table):
        table = pa.Table.from_pandas(table[list(columns)], preserve_index=False)
    if isinstance(table, pa.RecordBatch):
        yield table.select(list(columns))
        return
    if isinstance(table, pa.Table):
        yield from table.select(list(columns)).to_batches()
        return
    if not hasattr(table, "__arrow_c_stream__"):
        raise TypeError(f"{name}: expected a table (pandas or polars DataFrame, pyarrow Table or RecordBatch, or an "
                        f"object with __arrow_c_stream__), got {type(table).__name__}")
    reader = pa.RecordBatchReader.from_stream(table)
    for batch in reader:
        yield batch.select(list(columns))


def table_names(table: Any) -> List[str]:
    """The column names of a table, read without reading its rows."""
    if type(table).__module__.startswith("pyarrow"):  # Table, RecordBatch, RecordBatchReader
        return list(table.schema.names)
    if hasattr(table, "columns") and not callable(table.columns):  # pandas, polars, duckdb
        return [str(c) for c in table.columns]
    pa = require("pyarrow", "a table's columns")
    return list(pa.RecordBatchReader.from_stream(table).schema.names)


def is_table(value: Any) -> bool:
    """A table the claims functions read whole (not one column)."""
    if _is_pandas(value):
        return type(value).__name__ == "DataFrame"
    if type(value).__name__ in ("Table", "RecordBatch") and type(value).__module__.startswith("pyarrow"):
        return True
    return hasattr(value, "__arrow_c_stream__") and _is_table(value)



_ROW = re.compile(r"^([A-Za-z_][A-Za-z_0-9.]*)\[(\d+)\]")


def renumber(error: Error, first_row: int) -> Error:
    """The same error with its row counted from ``first_row`` (a batch's or a partition's place in its table)."""
    match = _ROW.match(error.field)
    if not match or first_row == 0:
        return error
    field = f"{match.group(1)}[{int(match.group(2)) + first_row}]{error.field[match.end():]}"
    return type(error)(field, error.value, error.problem, error.allowed)
