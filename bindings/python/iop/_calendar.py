"""Pythonic helpers on top of the compiled calendar code: sessions frames and the batch API.

One patient's calendar (``SessionCalendar.to_pandas()``) and a cohort's
(``build_calendars(..., as_frame=True)``) give frames with the same columns and
dtypes (:mod:`iop._frames`), built from columns computed in C++.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _columns, _convert, _core
from ._errors import ValidationError, short
from ._frames import FRAME_COLUMNS, SESSION_KINDS, STATUSES, frame_kind, sessions_frame

__all__ = ["FRAME_COLUMNS", "SESSION_KINDS", "STATUSES", "build_calendars", "calendar_to_pandas", "plan_columns",
           "default_holidays"]

_Programs = Optional[Sequence[Union[str, "_core.ProgramTemplate"]]]


def calendar_to_pandas(calendar: "_core.SessionCalendar") -> Any:
    """The sessions of a calendar as a pandas DataFrame (columns in :mod:`iop._frames`)."""
    if not isinstance(calendar, _core.SessionCalendar):
        raise TypeError(f"calendar: expected an iop.SessionCalendar, got {type(calendar).__name__}")
    return sessions_frame(calendar._columns(), feature="to_pandas")


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


PlanColumns = Tuple[_columns.Int64Array, _columns.Int64Array, _columns.Int64Array, _columns.Int64Array,
                    _columns.Int64Array, List["_core.ProgramTemplate"]]


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
    as_frame: Any = False,
    threads: Optional[int] = None,
    out: Optional[Mapping[str, np.ndarray]] = None,
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

    Every column is read by the column layer (docs/python.md): numpy, pandas,
    polars, pyarrow or any Arrow PyCapsule column; a missing value is refused
    naming its row.

    Returns a dict of numpy arrays ``plan`` (the plan's position), ``date``
    (datetime64[D]), ``local_start`` (datetime64[m], local wall time),
    ``minutes`` and ``kind`` (0 program day, 1 individual therapy, 2 medication
    management), or with ``as_frame=True`` the sessions frame (pandas), with the
    same columns and dtypes as ``SessionCalendar.to_pandas()`` and ``plan`` holding
    the pandas inputs' index labels; ``as_frame="polars"`` the same as a polars
    DataFrame.

    ``out`` writes the rows into columns the caller owns instead of new ones,
    so a loop over scenarios reuses its memory: a dict of the five columns, each
    a writable, aligned, C-contiguous 1-D numpy array (not a masked array) of
    the answer's dtype (``plan`` int32, ``date`` datetime64[D], ``local_start`` datetime64[m], ``minutes``
    int16, ``kind`` uint8), all of one length, none sharing memory with another
    or with the inputs. They may be longer than the answer: the rows go from the
    first on and the answer is the dict of those first rows (views of ``out``).
    Columns too short are refused, naming the rows needed, before anything is
    written; a plan has at most ``3 * weeks * days_per_week`` rows (a program
    day and its two separate sessions), ``weeks * days_per_week`` when its
    program has no separate sessions. Nothing is cast: a column of another dtype
    is refused. Not with ``as_frame``.
    """
    kind = frame_kind(as_frame)
    workers = _convert.threads(threads)
    if out is not None and kind is not None:
        raise ValidationError("out", "given", "cannot be combined with as_frame (a frame owns its columns)",
                              "out=None with as_frame, or as_frame=False with out")
    labels = _columns.frame_index(start_dates=start_dates, weeks=weeks, days_per_week=days_per_week, track=track,
                                  program=program)
    arguments = plan_columns(start_dates, weeks, days_per_week, track, program, programs)
    calendar = holidays if holidays is not None else default_holidays(arguments[5])
    if out is not None:
        columns = _out_columns(out, arguments[:5])
        rows = _core._build_calendars_batch_into(*arguments, calendar, holiday_policy, columns["plan"],
                                                 columns["date"].view(np.int64), columns["local_start"].view(np.int64),
                                                 columns["minutes"], columns["kind"], workers)
        return {name: column[:rows] for name, column in columns.items()}
    if kind is not None:
        return sessions_frame(_core._build_calendars_batch(*arguments, calendar, holiday_policy, True, workers), kind,
                              labels)
    plan, day, local_start, minutes, kind_column = _core._build_calendars_batch(*arguments, calendar, holiday_policy,
                                                                                False, workers)
    return {
        "plan": plan,
        "date": day.view("datetime64[D]"),
        "local_start": local_start.view("datetime64[m]"),
        "minutes": minutes,
        "kind": kind_column,
    }


#: The columns of ``build_calendars``' answer and their dtypes, in order: what ``out=`` must hold.
OUT_COLUMNS: Dict[str, np.dtype] = {"plan": np.dtype(np.int32), "date": np.dtype("datetime64[D]"),
                                    "local_start": np.dtype("datetime64[m]"), "minutes": np.dtype(np.int16),
                                    "kind": np.dtype(np.uint8)}


def _out_columns(out: Any, inputs: Sequence[np.ndarray]) -> Dict[str, np.ndarray]:
    """The caller's ``out`` columns, checked: the five names, exact dtypes, one length, writable, contiguous, and no
    column sharing memory with another or with an input (the kernel's threads read and write them at once)."""
    allowed = ", ".join(f"{name} ({dtype})" for name, dtype in OUT_COLUMNS.items())
    if not isinstance(out, Mapping):
        raise TypeError(f"out: expected a dict of numpy arrays ({allowed}), got {type(out).__name__} {short(out)}")
    for name in out:
        if name not in OUT_COLUMNS:
            raise ValidationError(f"out.{name}", "", "is not a column of the answer", allowed)
    columns: Dict[str, np.ndarray] = {}
    for name, dtype in OUT_COLUMNS.items():
        if name not in out:
            raise ValidationError(f"out.{name}", "", "is missing", allowed)
        column = out[name]
        if not isinstance(column, np.ndarray):
            raise TypeError(f"out.{name}: expected a numpy array of {dtype}, got {type(column).__name__}")
        if isinstance(column, np.ma.MaskedArray):
            raise TypeError(f"out.{name}: expected a numpy array of {dtype}, got a masked array (its mask would not "
                            "follow the rows written)")
        if column.dtype != dtype:
            raise ValidationError(f"out.{name}", str(column.dtype), "is not the column's dtype (nothing is cast)",
                                  str(dtype))
        if column.ndim != 1 or not column.flags.c_contiguous or not column.flags.aligned:
            raise ValidationError(f"out.{name}", f"{column.ndim}-D, shape {column.shape}",
                                  "is not an aligned, contiguous 1-D array",
                                  "a 1-D C-contiguous, aligned array (not a strided view or an offset buffer)")
        if not column.flags.writeable:
            raise ValidationError(f"out.{name}", "read-only", "is not writable", "a writable array")
        columns[name] = column
    lengths = {name: column.shape[0] for name, column in columns.items()}
    if len(set(lengths.values())) != 1:
        name = next(n for n in columns if lengths[n] != lengths["plan"])
        raise ValidationError(f"out.{name}", f"{lengths[name]} rows", "differs from out.plan's length",
                              f"{lengths['plan']} rows, as every column")
    names = list(columns)
    for i, name in enumerate(names):
        for other in names[i + 1:]:
            if np.may_share_memory(columns[name], columns[other]):
                raise ValidationError(f"out.{name}", "shares memory with out." + other,
                                      "overlaps another column", "separate arrays")
        if any(np.may_share_memory(columns[name], column) for column in inputs):
            raise ValidationError(f"out.{name}", "shares memory with an input",
                                  "overlaps the plans being read", "an array apart from the inputs")
    return columns


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
