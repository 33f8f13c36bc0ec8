"""What the Dask and Spark helpers share: the cohort functions called on one partition's columns, and
the errors of one partition named with the row in the whole table.

A cohort function's parameters are bound either to a column of the partition (``columns``: parameter
name to column name) or to one value for every row (``constants``), never guessed from column names.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Dict, Mapping, Optional

import numpy as np

from . import _billing, _calendar
from ._columns import renumber  # noqa: F401  (the engines renumber a batch's rows)
from ._errors import Error

#: The cohort functions the engines run per partition, and the columns each one adds.
COHORT_FUNCTIONS: Dict[str, Callable[..., Any]] = {
    "estimate_costs": _billing.estimate_costs,
    "build_calendars": _calendar.build_calendars,
}
ESTIMATE_COLUMNS = ("charges_cents", "plan_cents", "patient_cents")
CALENDAR_COLUMNS = ("date", "local_start", "minutes", "kind")
_POSITIONAL = ("start_dates", "weeks", "days_per_week")


def check_binding(function: str, columns: Optional[Mapping[str, str]], constants: Mapping[str, Any],
                  available: Any) -> Dict[str, str]:
    """The parameter-to-column map, checked against the function's parameters and the frame's columns."""
    parameters = inspect.signature(COHORT_FUNCTIONS[function]).parameters
    binding = dict(columns or {})
    for name in list(binding) + list(constants):
        if name not in parameters or name == "as_frame":
            raise TypeError(f"{function}: no parameter {name!r}; parameters: "
                            + ", ".join(p for p in parameters if p != "as_frame"))
    both = set(binding) & set(constants)
    if both:
        raise TypeError(f"{function}: {sorted(both)[0]} is given as a column and as a constant; give one")
    for parameter, column in binding.items():
        if column not in available:
            raise KeyError(f"{function}: column {column!r} (for {parameter}) is not in the frame; columns: "
                           + ", ".join(map(str, available)))
    missing = [p for p in _POSITIONAL if p in parameters and p not in binding and p not in constants]
    if missing:
        raise TypeError(f"{function}: {missing[0]} is neither a column (columns={{...}}) nor a constant")
    return binding


def call(function: str, column_of: Callable[[str], Any], binding: Mapping[str, str],
         constants: Mapping[str, Any], **options: Any) -> Any:
    """The function on one partition's columns (read by the column layer), with ``options`` (as_frame)."""
    arguments = {parameter: column_of(column) for parameter, column in binding.items()}
    arguments.update(constants)
    arguments.update(options)
    positional = [arguments.pop(p) for p in _POSITIONAL if p in arguments]
    result = COHORT_FUNCTIONS[function](*positional, **arguments)
    return calendar_columns(result) if function == "build_calendars" and not options else result


def in_table(error: Error, first_row: int, partition: int) -> Error:
    """The same error, its row counted in the whole table (``first_row`` is the partition's first row), the
    partition named in its problem."""
    moved = renumber(error, first_row)
    return type(moved)(moved.field, moved.value, f"{moved.problem} (in partitions[{partition}])", moved.allowed)


def first_rows(lengths: Any) -> np.ndarray:
    """Each partition's first row in the whole table, from the partitions' lengths."""
    counts = np.asarray(lengths, dtype=np.int64).reshape(-1)
    return np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts)[:-1]]) if counts.size else counts


def calendar_columns(columns: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """The session columns in types every engine holds: dates, wall times to the second, int64."""
    return {"plan": columns["plan"].astype(np.int64, copy=False),
            "date": columns["date"].astype("datetime64[D]", copy=False),
            "local_start": columns["local_start"].astype("datetime64[s]"),
            "minutes": columns["minutes"].astype(np.int64, copy=False),
            "kind": columns["kind"].astype(np.int64, copy=False)}
