"""Pythonic helpers on top of the compiled calendar code: pandas frames and the batch API.

One patient's calendar (``SessionCalendar.to_pandas()``) and a cohort's
(``build_calendars(..., as_frame=True)``) give frames with the same columns and
dtypes, built from columns computed in C++:

========= ====================================================================
plan      int32: the plan's index in the cohort (0 for one calendar)
program   category: the program's id
track     category: the track's name
week      int16: program week, 0-based
date      datetime64[ns]: the local calendar date (midnight, no zone)
kind      category: program_day, individual_therapy, medication_management
start     datetime64[ns, zone]: local start in the track's zone
end       datetime64[ns, zone]: local end in the track's zone
minutes   int16: length
status    category: scheduled, attended, missed, cancelled_by_clinic, made_up
========= ====================================================================

When the sessions of a frame are in several zones, ``start`` and ``end`` hold
pandas Timestamps each in its own zone (object dtype), since one column has one
zone type.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _convert, _core
from ._extras import require

SESSION_KINDS = ("program_day", "individual_therapy", "medication_management")
STATUSES = ("scheduled", "attended", "missed", "cancelled_by_clinic", "made_up")
FRAME_COLUMNS = ("plan", "program", "track", "week", "date", "kind", "start", "end", "minutes", "status")

_Programs = Optional[Sequence[Union[str, "_core.ProgramTemplate"]]]


_NANOSECONDS_A_DAY = 86_400_000_000_000
_DTYPES: Dict[Any, Any] = {}  # pandas dtypes and indexes, built once: immutable, so shared


def _cached(key: Any, make: Any) -> Any:
    value = _DTYPES.get(key)
    if value is None:
        value = _DTYPES[key] = make()
    return value


def _category(pd: Any, codes: np.ndarray, names: Sequence[str]) -> Any:
    """int8 codes into ``names`` as a Categorical; a cached empty one of the same dtype makes each new one
    without re-validating the categories (the codes come from C++ and are known to be in range)."""
    template = _cached(("category", tuple(names)),
                       lambda: pd.Categorical.from_codes(np.empty(0, np.int8), dtype=pd.CategoricalDtype(list(names))))
    try:
        return template._from_backing_data(codes)
    except AttributeError:  # another pandas
        return pd.Categorical.from_codes(codes, dtype=template.dtype, validate=False)


def _instants(pd: Any, nanoseconds: np.ndarray, zone_codes: np.ndarray, zones: Sequence[str]) -> Any:
    """UTC nanoseconds as a tz-aware column in their zone (object Timestamps when the zones differ)."""
    utc = nanoseconds.view("datetime64[ns]")
    if len(zones) <= 1:
        dtype = _cached(("zone", zones[0] if zones else "UTC"), lambda: pd.DatetimeTZDtype(tz=zones[0] if zones else "UTC"))
        from pandas.core.arrays import DatetimeArray  # type: ignore[import-untyped]

        return DatetimeArray._simple_new(utc, dtype=dtype)
    zone_of = np.asarray(zones, dtype=object)[zone_codes]
    return pd.array([pd.Timestamp(t, tz="UTC").tz_convert(z) for t, z in zip(utc, zone_of)], dtype=object)


def _frame(pd: Any, columns: Sequence[str], arrays: List[Any], rows: int) -> Any:
    """A DataFrame of ``arrays``, one block per column, without the constructor's inference and copies
    (pandas' block API; the public constructor is the fallback)."""
    index = pd.RangeIndex(rows)
    labels = _cached(("columns", tuple(columns)), lambda: pd.Index(list(columns)))
    try:
        # pandas' block API (untyped): one block a column, as pandas' own readers build frames.
        from pandas._libs.internals import BlockPlacement  # type: ignore[import-untyped]
        from pandas.core.internals import BlockManager  # type: ignore[import-untyped]
        from pandas.core.internals.blocks import (  # type: ignore[import-untyped]
            ensure_block_shape, maybe_coerce_values, new_block)

        blocks = [new_block(ensure_block_shape(maybe_coerce_values(a), ndim=2), BlockPlacement(slice(i, i + 1)), ndim=2)
                  for i, a in enumerate(arrays)]
        manager = BlockManager(blocks, [labels, index], verify_integrity=False)
        return pd.DataFrame._from_mgr(manager, axes=manager.axes)
    except (ImportError, AttributeError, TypeError):  # another pandas: the public constructor
        return pd.DataFrame(dict(zip(columns, arrays)), index=index)


def frame_from_columns(columns: Dict[str, Any]) -> Any:
    """The sessions frame (see the module docstring) from the C++ columns."""
    pd = require("pandas", "to_pandas")
    rows = len(columns["date"])
    arrays = [
        columns["plan"],
        _category(pd, columns["program"], columns["programs"]),
        _category(pd, columns["track"], columns["tracks"]),
        columns["week"],
        (columns["date"].astype(np.int64) * _NANOSECONDS_A_DAY).view("datetime64[ns]"),
        _category(pd, columns["kind"].view(np.int8), SESSION_KINDS),
        _instants(pd, columns["start"], columns["zone"], columns["zones"]),
        _instants(pd, columns["end"], columns["zone"], columns["zones"]),
        columns["minutes"],
        _category(pd, columns["status"].view(np.int8), STATUSES),
    ]
    return _frame(pd, FRAME_COLUMNS, arrays, rows)


def calendar_to_pandas(calendar: "_core.SessionCalendar") -> Any:
    """The sessions of a calendar as a pandas DataFrame (columns in the module docstring)."""
    if not isinstance(calendar, _core.SessionCalendar):
        raise TypeError(f"calendar: expected an iop.SessionCalendar, got {type(calendar).__name__}")
    return frame_from_columns(calendar._columns())


def _is_program(value: Any) -> bool:
    return isinstance(value, (str, _core.ProgramTemplate))


def _program_list(program: Any, programs: _Programs) -> Tuple[List["_core.ProgramTemplate"], Any]:
    """The program templates of a cohort (default the catalog) and the per-plan program argument:
    ids and templates become indices into the list (a template not in it is added)."""
    templates: List[_core.ProgramTemplate] = []
    for i, p in enumerate(_core.program_catalog() if programs is None else programs):
        template = _core.find_program(p) if isinstance(p, str) else p
        if not isinstance(template, _core.ProgramTemplate):
            raise TypeError(f"programs[{i}]: expected a program id or an iop.ProgramTemplate, got {type(p).__name__}")
        templates.append(template)
    one = _is_program(program)
    if not one and (np.ndim(program) != 1 or not all(_is_program(p) for p in program)):
        return templates, program  # indices
    chosen = [program] if one else list(program)
    ids = [t.id for t in templates]
    index = []
    for i, p in enumerate(chosen):
        if isinstance(p, _core.ProgramTemplate):
            if p not in templates:
                templates.append(p)
                ids.append(p.id)
            index.append(templates.index(p))
        elif p in ids:
            index.append(ids.index(p))
        else:
            raise _core.NotFoundError("program" if one else f"program[{i}]", repr(p), "is not a program of the list",
                                      ", ".join(ids))
    return templates, index[0] if one else np.asarray(index, dtype=np.int64)


PlanColumns = Tuple[_convert.Int64Array, _convert.Int64Array, _convert.Int64Array, _convert.Int64Array,
                    _convert.Int64Array, List["_core.ProgramTemplate"]]


def plan_columns(start_dates: Any, weeks: Any, days_per_week: Any, track: Any, program: Any,
                 programs: _Programs) -> PlanColumns:
    """The kernels' plan arguments as exact int64 columns, and the program templates."""
    starts = _convert.days(start_dates, "start_dates")
    n = starts.shape[0]
    templates, program = _program_list(program, programs)
    program_index = _convert.integers(program, n, "program")
    tracks = _convert.names_or_indices(track, n, "track", [[t["name"] for t in p.tracks] for p in templates],
                                       program_index, "track of the plan's program")
    return (starts, _convert.integers(weeks, n, "weeks"), _convert.integers(days_per_week, n, "days_per_week"),
            tracks, program_index, templates)


def build_calendars(
    start_dates: Any,
    weeks: Any,
    days_per_week: Any,
    *,
    track: Any = 0,
    program: Any = 0,
    programs: _Programs = None,
    holidays: Optional["_core.HolidayCalendar"] = None,
    holiday_policy: str = "skip",
    as_frame: bool = False,
    threads: Optional[int] = None,
) -> Any:
    """Calendars for many plans at once, one row per session.

    ``start_dates`` is a 1-D array, list or Series of dates (datetime.date, naive
    Timestamps or datetime64 at midnight, or 'YYYY-MM-DD'; a time of day or a
    time zone is refused, never converted). ``weeks`` and ``days_per_week`` are
    exact integers, one per plan or one for all. ``track`` is a track name or
    index (or one per plan); ``program`` a program id, template or index into
    ``programs`` (or one per plan; ``programs`` defaults to the catalog, so the
    default 0 is its first program). The rules
    are those of :func:`build_calendar`; the work runs in C++ without the GIL,
    shared among ``threads`` threads (None or 0: one per hardware thread; the
    rows are the same whatever the number).

    Returns a dict of numpy arrays ``plan``, ``date`` (datetime64[D]),
    ``local_start`` (datetime64[m], local wall time), ``minutes`` and ``kind``
    (0 program day, 1 individual therapy, 2 medication management), or with
    ``as_frame=True`` the sessions frame, with the same columns and dtypes as
    ``SessionCalendar.to_pandas()``.
    """
    frame = _convert.flag(as_frame, "as_frame")
    workers = _convert.threads(threads)
    arguments = plan_columns(start_dates, weeks, days_per_week, track, program, programs)
    calendar = holidays if holidays is not None else default_holidays(arguments[5])
    if frame:
        return frame_from_columns(_core._build_calendars_batch(*arguments, calendar, holiday_policy, True, workers))
    plan, day, local_start, minutes, kind = _core._build_calendars_batch(*arguments, calendar, holiday_policy, False,
                                                                         workers)
    return {
        "plan": plan,
        "date": day.view("datetime64[D]"),
        "local_start": local_start.view("datetime64[m]"),
        "minutes": minutes,
        "kind": kind,
    }


_PRESETS: Dict[str, "_core.HolidayCalendar"] = {}


def default_holidays(templates: Sequence["_core.ProgramTemplate"]) -> "_core.HolidayCalendar":
    """The holiday preset the programs keep (all of them must keep the same one), built once per process
    (calendars are immutable, so sharing one is safe)."""
    presets = sorted({t.holiday_preset for t in templates})
    if len(presets) != 1:
        raise _core.ValidationError("holidays", ", ".join(presets), "is more than one holiday preset (the programs "
                                    "keep different ones)", "one calendar given as holidays=")
    if presets[0] not in _PRESETS:
        _PRESETS[presets[0]] = _core.HolidayCalendar.preset(presets[0])
    return _PRESETS[presets[0]]
