"""What the Dask and Spark helpers share: the cohort functions called on one partition's columns, and
the errors of one partition named with its place in the whole.

A cohort function's parameters are bound either to a column of the partition (``columns``: parameter
name to column name) or to one value for every row (``constants``), never guessed from column names.
"""

from __future__ import annotations

import inspect
import re
from typing import Any, Callable, Dict, Mapping, Optional

import numpy as np

from . import _billing, _calendar
from ._errors import Error, ValidationError

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
         constants: Mapping[str, Any]) -> Dict[str, np.ndarray]:
    """The function on one partition: dict output, int64 / datetime64 numpy columns."""
    arguments = {parameter: column_of(column) for parameter, column in binding.items()}
    arguments.update(constants)
    positional = [arguments.pop(p) for p in _POSITIONAL if p in arguments]
    result: Dict[str, np.ndarray] = COHORT_FUNCTIONS[function](*positional, **arguments)
    return calendar_columns(result) if function == "build_calendars" else result


def in_partition(error: Error, where: str) -> Error:
    """The same error, its field prefixed with the partition it came from."""
    return type(error)(f"{where}.{error.field}", error.value, error.problem, error.allowed)


def calendar_columns(columns: Dict[str, np.ndarray]) -> Dict[str, np.ndarray]:
    """The session columns in types every engine holds: dates, wall times to the second, int64."""
    return {"plan": columns["plan"].astype(np.int64, copy=False),
            "date": columns["date"].astype("datetime64[D]", copy=False),
            "local_start": columns["local_start"].astype("datetime64[s]"),
            "minutes": columns["minutes"].astype(np.int64, copy=False),
            "kind": columns["kind"].astype(np.int64, copy=False)}


def missing(column: str, row: int) -> Error:
    """A null in a column a cohort function reads."""
    return ValidationError(f"{column}[{row}]", "null", "is missing", "a value on every row")


_ROW = re.compile(r"^([A-Za-z_][A-Za-z_0-9.]*)\[(\d+)\]")


def renumber(error: Error, first_row: int) -> Error:
    """The same error with its row counted from ``first_row`` (a batch's place in its partition)."""
    match = _ROW.match(error.field)
    if not match or first_row == 0:
        return error
    field = f"{match.group(1)}[{int(match.group(2)) + first_row}]{error.field[match.end():]}"
    return type(error)(field, error.value, error.problem, error.allowed)
