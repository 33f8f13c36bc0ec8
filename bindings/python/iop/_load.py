"""The weekly census of a clinic: patients in program, sessions and clinician hours a week, by track.

Works on a sessions frame as the cohort functions give it: pandas (``build_calendars(..., as_frame=True)``,
``SessionCalendar.to_pandas()``), polars, any Arrow table with the same columns, a Dask frame of
``iop.dask.build_calendars``, or a SessionCalendar.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from . import _core
from ._errors import ValidationError
from ._extras import require

#: The columns of :func:`weekly_load`'s frame.
LOAD_COLUMNS = ("week", "track", "patients", "sessions", "program_days", "patient_hours", "clinician_hours")
_NEEDED = ("plan", "track", "date", "kind", "minutes", "status")


def _sessions(sessions: Any) -> Any:
    """A pandas or Dask frame of sessions (the others converted through Arrow)."""
    if isinstance(sessions, _core.SessionCalendar):
        return sessions.to_pandas()
    module = type(sessions).__module__
    if not (module.startswith(("pandas", "dask")) and type(sessions).__name__ == "DataFrame"):
        if not hasattr(sessions, "__arrow_c_stream__"):
            raise TypeError("sessions: expected a sessions frame (pandas, polars, Arrow or Dask) of "
                            "iop.build_calendars(..., as_frame=True), or a SessionCalendar; got "
                            f"{type(sessions).__name__}")
        sessions = require("pyarrow", "iop.weekly_load").table(sessions).to_pandas()
    missing = [c for c in _NEEDED if c not in sessions.columns]
    if missing:
        raise ValidationError("sessions", f"a frame without {', '.join(missing)}", "is not a sessions frame",
                              "the columns of iop.build_calendars(..., as_frame=True)")
    return sessions


def _with_week(frame: Any) -> Any:
    """The frame's held sessions (not cancelled by the clinic) with ``week``, the Monday of each date, and
    ``kind`` and ``track`` as text (so partitions of any categories combine)."""
    held = frame[frame["status"].astype(str) != "cancelled_by_clinic"]
    days = held["date"].to_numpy(dtype="datetime64[D]")
    # numpy's day 0 (1970-01-01) is a Thursday: (day + 3) % 7 is the weekday with Monday 0.
    monday = days - ((days.astype(np.int64) + 3) % 7).astype("timedelta64[D]")
    kind = held["kind"].astype(str)
    return held.assign(week=monday.astype("datetime64[ns]"), track=held["track"].astype(str), kind=kind,
                       minutes=held["minutes"].astype(np.int64), program_day=(kind == "program_day").astype(np.int64))


def weekly_load(sessions: Any) -> Any:
    """Patients in program, sessions and clinician hours a week, by track, as a pandas DataFrame.

    A week runs Monday to Sunday and is labelled by its Monday (``week``).
    Sessions the clinic cancelled are not counted; every other row is (scheduled,
    attended, missed, made up: the clinic staffs them). ``patients``: distinct
    plans with a session that week; ``sessions``: rows; ``program_days``: program
    days held; ``patient_hours``: the sessions' minutes / 60; ``clinician_hours``:
    a track's group meets once a day, so each day's program day counts once (its
    longest), plus every individual and medication session (one clinician each).
    Rows are ordered by week, then track (in the frame's order of tracks, a
    categorical's categories, else by name). A Dask frame is computed.

    >>> import iop
    >>> sessions = iop.build_calendars(["2026-06-29", "2026-06-29"], 6, 3, track="morning", as_frame=True)
    >>> # Week of 06-29: each patient's Monday and Wednesday and a medication visit; the group meets twice.
    >>> load = iop.weekly_load(sessions)
    >>> load[["patients", "sessions", "program_days"]].iloc[0].tolist()  # Friday 07-03 is closed
    [2, 6, 4]
    """
    frame = _sessions(sessions)
    is_dask = type(frame).__module__.startswith("dask")
    categories = getattr(getattr(frame["track"], "cat", None), "categories", None) if not is_dask else None
    order = {str(t): i for i, t in enumerate(categories)} if categories is not None else {}
    frame = frame.map_partitions(_with_week) if is_dask else _with_week(frame)
    keys = ["week", "track"]
    counts = frame.groupby(keys).agg(sessions=("kind", "size"), program_days=("program_day", "sum"),
                                     minutes=("minutes", "sum"))
    patients = frame[keys + ["plan"]].drop_duplicates().groupby(keys).size().rename("patients")
    # A track's group meets once a day: its longest program day that day is the clinician's time.
    groups = frame[frame["kind"] == "program_day"].groupby(keys + ["date"])["minutes"].max().reset_index()
    group_minutes = groups.groupby(keys)["minutes"].sum().rename("group_minutes")
    others = frame[frame["kind"] != "program_day"].groupby(keys)["minutes"].sum().rename("other_minutes")
    if is_dask:
        counts, patients, group_minutes, others = require("dask", "iop.weekly_load").compute(
            counts, patients, group_minutes, others)
    table = counts.join(patients).join(group_minutes, how="left").join(others, how="left").fillna(0).reset_index()
    # By week, then tracks in the frame's own order (its categories: the program's tracks), else by name.
    table = table.assign(_order=table["track"].map(lambda t: (order.get(t, len(order)), t))).sort_values(
        ["week", "_order"], kind="stable").reset_index(drop=True)
    pd = require("pandas", "iop.weekly_load")
    return pd.DataFrame({
        "week": table["week"].astype("datetime64[ns]"),
        "track": table["track"].astype(str),
        "patients": table["patients"].astype(np.int64),
        "sessions": table["sessions"].astype(np.int64),
        "program_days": table["program_days"].astype(np.int64),
        "patient_hours": table["minutes"].astype(np.int64) / 60,
        "clinician_hours": (table["group_minutes"].astype(np.int64) + table["other_minutes"].astype(np.int64)) / 60,
    }, columns=list(LOAD_COLUMNS))
