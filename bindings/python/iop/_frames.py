"""Result frames: the same columns and dtypes whatever library the inputs came from.

``as_frame=True`` (or ``"pandas"``) gives a pandas DataFrame, ``as_frame="polars"`` a polars
DataFrame; ``False`` the dict of numpy arrays. A pandas frame of per-plan results carries the index of
the pandas columns it was computed from, so assigning one of its columns back into the input frame
lines up by label, never by accident of position.

The sessions frame (one row per session) is built from the columns computed in C++:

=============== ===================================================================================
plan            int32: the plan's position in the cohort; with pandas inputs whose index is not 0..n-1,
                the input's index label
program         category: the program's id
track           category: the track's name
week            int16: program week, 0-based
date            datetime64[ns]: the local calendar date (midnight, no zone)
kind            category: program_day, individual_therapy, medication_management
start, end      datetime64[ns, zone]: in the track's zone; in UTC when the frame's sessions are in
                several zones (one column holds one zone)
minutes         int16: length
status          category: scheduled, attended, missed, cancelled_by_clinic, made_up
zone            category: the session's IANA zone
local_start,    datetime64[ns]: the local wall time of the start and end, without a zone, whatever
local_end       zones the frame holds (for ``.dt.hour``, grouping by local day, Parquet)
=============== ===================================================================================
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from ._errors import ValidationError
from ._extras import require

SESSION_KINDS = ("program_day", "individual_therapy", "medication_management")
STATUSES = ("scheduled", "attended", "missed", "cancelled_by_clinic", "made_up")
FRAME_COLUMNS = ("plan", "program", "track", "week", "date", "kind", "start", "end", "minutes", "status", "zone",
                 "local_start", "local_end")

_NANOSECONDS_A_DAY = 86_400_000_000_000
_DTYPES: Dict[Any, Any] = {}  # pandas dtypes and indexes, built once: immutable, so shared


def frame_kind(as_frame: Any) -> Optional[str]:
    """``as_frame`` read: None (a dict of arrays), ``"pandas"`` or ``"polars"``."""
    if isinstance(as_frame, (bool, np.bool_)):
        return "pandas" if as_frame else None
    if isinstance(as_frame, str) and as_frame in ("pandas", "polars"):
        return as_frame
    if isinstance(as_frame, str):
        raise ValidationError("as_frame", repr(as_frame), "is not a kind of frame", "True, False, 'pandas', 'polars'")
    raise TypeError(f"as_frame: expected True, False, 'pandas' or 'polars', got {type(as_frame).__name__}")


def columns_frame(columns: Dict[str, np.ndarray], kind: Optional[str], index: Any, feature: str) -> Any:
    """Per-plan result columns as ``kind`` of frame (the dict itself for None), a pandas frame on ``index``."""
    if kind is None:
        return columns
    if kind == "polars":
        pl = require("polars", f"{feature}(as_frame='polars')")
        return pl.DataFrame(columns)
    pd = require("pandas", f"{feature}(as_frame=True)")
    return pd.DataFrame(columns, index=index if index is not None else None, copy=False)


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


def _instants(pd: Any, nanoseconds: np.ndarray, zones: Sequence[str]) -> Any:
    """UTC nanoseconds as a tz-aware column: in the one zone of the frame, or in UTC when it holds several."""
    utc = nanoseconds.view("datetime64[ns]")
    zone = zones[0] if len(zones) == 1 else "UTC"
    dtype = _cached(("zone", zone), lambda: pd.DatetimeTZDtype(tz=zone))
    from pandas.core.arrays import DatetimeArray  # type: ignore[import-untyped]

    return DatetimeArray._simple_new(utc, dtype=dtype)


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


def sessions_frame(columns: Dict[str, Any], kind: str = "pandas", labels: Any = None,
                   feature: str = "build_calendars(as_frame=True)") -> Any:
    """The sessions frame (see the module docstring) from the C++ columns; ``labels`` (a pandas index of the
    plans) replace the plans' positions in ``plan``."""
    pd = require("pandas", feature)
    rows = len(columns["date"])
    zones = columns["zones"]
    plan = columns["plan"]
    if labels is not None and not (getattr(labels, "start", None) == 0 and getattr(labels, "step", None) == 1):
        plan = labels.take(plan).to_numpy()  # a RangeIndex from 0 labels rows by their positions already
    arrays = [
        plan,
        _category(pd, columns["program"], columns["programs"]),
        _category(pd, columns["track"], columns["tracks"]),
        columns["week"],
        (columns["date"].astype(np.int64) * _NANOSECONDS_A_DAY).view("datetime64[ns]"),
        _category(pd, columns["kind"].view(np.int8), SESSION_KINDS),
        _instants(pd, columns["start"], zones),
        _instants(pd, columns["end"], zones),
        columns["minutes"],
        _category(pd, columns["status"].view(np.int8), STATUSES),
        _category(pd, columns["zone"], zones),
        columns["local_start"].view("datetime64[ns]"),  # wall times computed in C++ with iop's zone rules
        columns["local_end"].view("datetime64[ns]"),
    ]
    frame = _frame(pd, FRAME_COLUMNS, arrays, rows)
    if kind == "polars":
        return require("polars", "a sessions frame (as_frame='polars')").from_pandas(frame)
    return frame
