"""Pythonic helpers on top of the compiled calendar code: pandas frames and the batch API."""

from __future__ import annotations

from typing import Any, Optional, Sequence, Union

import numpy as np

from . import _core

SESSION_KINDS = ("program_day", "individual_therapy", "medication_management")


def calendar_to_pandas(calendar: "_core.SessionCalendar") -> Any:
    """The sessions of a calendar as a pandas DataFrame.

    ``start`` and ``end`` are timezone-aware (the track's IANA zone); ``start_utc``
    and ``end_utc`` are in UTC; ``minutes``, ``status``, ``kind``, ``week`` and
    ``track`` follow the JSON form.
    """
    import pandas as pd

    rows = []
    for s in calendar.sessions:
        zone = s["start"]["zone"]
        rows.append(
            {
                "uid": s["uid"],
                "kind": s["kind"],
                "date": pd.Timestamp(s["date"]).date(),
                "week": s["week"],
                "track": s["track"],
                "start": pd.Timestamp(s["start"]["utc"]).tz_convert(zone),
                "end": pd.Timestamp(s["end"]["utc"]).tz_convert(zone),
                "start_utc": pd.Timestamp(s["start"]["utc"]),
                "end_utc": pd.Timestamp(s["end"]["utc"]),
                "minutes": s["minutes"],
                "status": s["status"],
                "codes": ";".join(b["billing_code"] for b in s["blocks"]),
                "note": s.get("note", ""),
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        zones = {s["start"]["zone"] for s in calendar.sessions}
        if len(zones) == 1:  # one zone: keep a proper timezone-aware dtype
            zone = zones.pop()
            frame["start"] = pd.to_datetime(frame["start_utc"]).dt.tz_convert(zone)
            frame["end"] = pd.to_datetime(frame["end_utc"]).dt.tz_convert(zone)
    return frame


def _as_int32(values: Any, n: int, name: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim == 0:
        array = np.full(n, array)
    if array.shape != (n,):
        raise _core.ValidationError(f"{name}: {array.shape[0] if array.ndim else 1} values; allowed: one per plan ({n})")
    if not np.issubdtype(array.dtype, np.integer):
        raise TypeError(f"{name}: expected integers, got {array.dtype}")
    return array.astype(np.int32, copy=False)


def build_calendars(
    start_dates: Any,
    weeks: Any,
    days_per_week: Any,
    *,
    track: Any = 0,
    program: Any = 0,
    programs: Optional[Sequence[Union[str, "_core.ProgramTemplate"]]] = None,
    holidays: Optional["_core.HolidayCalendar"] = None,
    holiday_policy: str = "skip",
    as_frame: bool = False,
) -> Any:
    """Calendars for many plans at once, as flat columns (one row per session).

    ``start_dates`` is anything numpy reads as ``datetime64[D]`` (dates, strings,
    a DatetimeIndex at midnight); ``weeks``, ``days_per_week``, ``track`` (index
    into the program's tracks) and ``program`` (index into ``programs``, the
    catalog ids or templates; default the first catalog program) are integer
    arrays or scalars. The rules are those of :func:`build_calendar`; the work
    runs in C++ without the GIL.

    Returns a dict of numpy arrays ``plan``, ``date`` (datetime64[D]),
    ``local_start`` (datetime64[m], local wall time), ``minutes`` and ``kind``
    (0 program day, 1 individual therapy, 2 medication management), or a pandas
    DataFrame with ``as_frame=True``.
    """
    arrays = _plan_arrays(start_dates, weeks, days_per_week, track, program, programs)
    kernel = _core._build_calendars_batch(
        *arrays,
        holidays if holidays is not None else _default_holidays(arrays[5]),
        holiday_policy,
    )
    plan, day, start_minutes, minutes, kind = kernel
    day64 = day.astype(np.int64)
    local_start = day64 * 1440
    local_start += start_minutes
    columns = {
        "plan": plan,
        "date": day64.view("datetime64[D]"),
        "local_start": local_start.view("datetime64[m]"),
        "minutes": minutes,
        "kind": kind,
    }
    if not as_frame:
        return columns
    import pandas as pd

    frame = pd.DataFrame(columns)
    frame["kind"] = pd.Categorical.from_codes(kind, categories=list(SESSION_KINDS))
    return frame


def _plan_arrays(start_dates: Any, weeks: Any, days_per_week: Any, track: Any, program: Any,
                 programs: Optional[Sequence[Union[str, "_core.ProgramTemplate"]]]) -> tuple:
    """The kernels' plan arguments: int32 day numbers and counts, and the program templates."""
    starts = np.asarray(start_dates, dtype="datetime64[D]")
    if starts.ndim != 1:
        raise _core.ValidationError(f"start_dates: {starts.ndim} dimensions; allowed: a 1-D array of dates")
    if np.isnat(starts).any():
        raise _core.ValidationError(f"start_dates[{int(np.argmax(np.isnat(starts)))}]: NaT; allowed: a calendar date")
    n = starts.shape[0]
    if programs is None:
        programs = [_core.program_catalog()[0]]
    templates = [_core.find_program(p) if isinstance(p, str) else p for p in programs]
    return (starts.astype(np.int64).astype(np.int32), _as_int32(weeks, n, "weeks"),
            _as_int32(days_per_week, n, "days_per_week"), _as_int32(track, n, "track"),
            _as_int32(program, n, "program"), templates)


_PRESETS: dict = {}


def _default_holidays(templates: Sequence["_core.ProgramTemplate"]) -> "_core.HolidayCalendar":
    """The holiday preset the programs keep (all of them must keep the same one)."""
    presets = sorted({t.holiday_preset for t in templates})
    if len(presets) != 1:
        raise _core.ValidationError(
            f"holidays: programs keep different holiday presets ({', '.join(presets)}); "
            "allowed: one calendar given as holidays=")
    # Built once per process; calendars are immutable, so sharing them is safe.
    if presets[0] not in _PRESETS:
        _PRESETS[presets[0]] = _core.HolidayCalendar.preset(presets[0])
    return _PRESETS[presets[0]]
