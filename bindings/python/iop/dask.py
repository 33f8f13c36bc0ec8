"""iop inside Dask: claims aggregation with a tree reduction, cohort estimates and calendars per partition, cohort
outcome measures counted per partition of patients and added up.

Each function gives exactly what the single-machine function gives on the whole table. In outline
(it needs a cluster and data; ``examples/scale_out_dask.py`` is the whole example, run by the tests)::

    from dask.distributed import Client, LocalCluster
    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    claims = dask.dataframe.read_parquet("claims/")          # classification, type, level, payment_cents
    aggregate = iop.dask.claims_aggregate(claims)             # == iop.parity.claims_aggregate(whole table)
    report = iop.parity.analyse({..., "classifications": aggregate.classifications()})
    patients = dask.dataframe.read_parquet("patients/")
    costs = iop.dask.estimate_costs(patients, columns={"start_dates": "start", "weeks": "weeks",
                                                       "days_per_week": "days"}, per_diem="450.00")

The claims aggregate of each partition is a :class:`iop.parity.ClaimsAggregate`; partitions merge in
a tree (``split_every`` at a time) to the exact whole. Cohort outcomes set both frames in patient order with
the same divisions (so each patient's scores sit in the patient's partition), count each partition as an
:class:`iop.outcomes.CohortPart` and add the parts up in a tree. Cohort estimates and calendars are per patient,
so each partition is computed on its own with ``map_partitions``. An error names the row in the whole
table, as the single-machine function would (``claims.level[1017] ... (in partitions[3])``): the
partitions' lengths are computed with the result.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Tuple

from . import _claims, _scale, outcomes as _outcomes
from ._errors import Error
from ._extras import require
from .parity import ClaimsAggregate, _count, claims_aggregate as _claims_aggregate

__all__ = ["claims_aggregate", "estimate_costs", "build_calendars", "cohort_outcomes"]


def _partition_aggregate(frame: Any, index: int) -> Tuple[ClaimsAggregate, int, List[Any]]:
    """A partition's aggregate and length; an error is kept (with the partition) to be raised with its row in the
    whole table, once the lengths of the partitions before it are known."""
    try:
        return _claims_aggregate(frame, threads=1), len(frame), []
    except Error as error:
        return ClaimsAggregate(), len(frame), [(index, error)]


def _merge(*parts: Tuple[ClaimsAggregate, List[int], List[Any]]) -> Tuple[ClaimsAggregate, List[int], List[Any]]:
    """Partial results merged in partition order: the aggregates summed, the lengths and errors kept."""
    total, lengths, errors = ClaimsAggregate(), [], []
    for aggregate, length, error in parts:
        total = total.merge(aggregate)
        lengths += length if isinstance(length, list) else [length]
        errors += error
    return total, lengths, errors


def _finish(part: Tuple[ClaimsAggregate, Any, List[Any]]) -> ClaimsAggregate:
    """The aggregate of the whole, or the first partition's error with its row in the whole table."""
    total, lengths, errors = _merge(part)
    if errors:
        index, error = min(errors, key=lambda e: e[0])
        raise _scale.in_table(error, int(_scale.first_rows(lengths)[index]), index)
    return total


def _claims_frame(claims: Any) -> Any:
    dd = require("dask.dataframe", "iop.dask.claims_aggregate")
    if isinstance(claims, dd.DataFrame):
        return claims
    if isinstance(claims, str) or isinstance(claims, (list, tuple)):
        pq = require("pyarrow.parquet", "iop.dask.claims_aggregate")
        names = _claims.column_names(pq.read_schema(_first_file(claims)).names)
        # pyarrow dtypes keep dictionary-encoded names and decimal payments as they are stored.
        return dd.read_parquet(claims, columns=list(names), dtype_backend="pyarrow")
    raise TypeError(f"claims: expected a Dask DataFrame or a Parquet path, got {type(claims).__name__}")


def _first_file(source: Any) -> str:
    ds = require("pyarrow.dataset", "iop.dask.claims_aggregate")
    files = ds.dataset(source, format="parquet").files
    if not files:
        raise FileNotFoundError(f"claims: no Parquet file in {source!r}")
    return str(files[0])


def claims_aggregate(claims: Any, *, split_every: int = 8, compute: bool = True) -> Any:
    """The :class:`iop.parity.ClaimsAggregate` of a Dask DataFrame of claims (or a Parquet dataset's path).

    Columns as :func:`iop.parity.claims_aggregate` reads them (``classification``,
    ``type``, ``level``, ``payment_cents`` or ``payment``). Each partition is
    aggregated on a worker; the partial aggregates merge in a tree of
    ``split_every`` at a time. ``compute=False`` returns the Dask Delayed instead.
    """
    dask = require("dask", "iop.dask.claims_aggregate")
    fan_in = _count(split_every, "split_every", "2 or more", 2)
    frame = _claims_frame(claims)
    _claims.column_names([str(c) for c in frame.columns])
    parts: List[Any] = [dask.delayed(_partition_aggregate)(part, i) for i, part in enumerate(frame.to_delayed())]
    if not parts:
        parts = [dask.delayed(lambda: (ClaimsAggregate(), 0, []))()]
    while len(parts) > 1:  # neighbours merge, so the partitions stay in order
        parts = [dask.delayed(_merge)(*parts[i:i + fan_in]) for i in range(0, len(parts), fan_in)]
    whole = dask.delayed(_finish)(parts[0])
    return whole.compute() if compute else whole


def _call(function: str, frame: Any, binding: Mapping[str, str], constants: Mapping[str, Any], starts: Any,
          partition_info: Optional[Mapping[str, Any]], **options: Any) -> Any:
    try:
        # Positions within the partition (its own index may repeat another partition's): rows and plans are
        # numbered here, then placed in the whole table.
        return _scale.call(function, lambda c: frame[c].reset_index(drop=True), binding, constants, **options)
    except Error as error:
        number = partition_info["number"] if partition_info else 0
        first = int(starts[number]) if starts is not None else 0
        raise _scale.in_table(error, first, number) from None


def _estimates(frame: Any, binding: Mapping[str, str], constants: Mapping[str, Any], starts: Any = None,
               partition_info: Optional[Mapping[str, Any]] = None) -> Any:
    columns = _call("estimate_costs", frame, binding, constants, starts, partition_info)
    out = frame.copy()
    for name in _scale.ESTIMATE_COLUMNS:
        out[name] = columns[name]
    return out


#: The sessions frame's columns whose categories depend on the data: text in a Dask frame, so that every
#: partition has the same dtypes.
_TEXT_COLUMNS = ("program", "track", "kind", "status", "zone")


def _calendars(frame: Any, key: str, binding: Mapping[str, str], constants: Mapping[str, Any], starts: Any = None,
               partition_info: Optional[Mapping[str, Any]] = None) -> Any:
    sessions = _call("build_calendars", frame, binding, constants, starts, partition_info, as_frame=True)
    keys = frame[key].to_numpy()
    return sessions.assign(plan=keys[sessions["plan"].to_numpy(dtype="int64")],
                           start=sessions["start"].dt.tz_convert("UTC"), end=sessions["end"].dt.tz_convert("UTC"),
                           **{c: sessions[c].astype(str) for c in _TEXT_COLUMNS})


def _first_rows(frame: Any) -> Any:
    """The first row of each partition in the whole table, as a Dask Delayed (partition lengths, computed with
    the result): errors then name the row as the single-machine function would."""
    dask = require("dask", "iop.dask")
    return dask.delayed(_scale.first_rows)(frame.map_partitions(len).to_delayed())


def estimate_costs(patients: Any, *, columns: Optional[Mapping[str, str]] = None, **constants: Any) -> Any:
    """:func:`iop.estimate_costs` over a Dask DataFrame of patients, one partition at a time.

    ``columns`` maps the function's parameters to the frame's columns (e.g.
    ``{"start_dates": "start", "weeks": "weeks", "days_per_week": "days",
    "per_diem_cents": "per_diem_cents"}``); other keywords are one value for
    every patient (``per_diem="450.00"``). Returns the frame with the int64
    columns ``charges_cents``, ``plan_cents`` and ``patient_cents`` added, as a
    Dask DataFrame: row for row what :func:`iop.estimate_costs` gives on the
    whole table.
    """
    dd = require("dask.dataframe", "iop.dask.estimate_costs")
    if not isinstance(patients, dd.DataFrame):
        raise TypeError(f"patients: expected a Dask DataFrame, got {type(patients).__name__}")
    binding = _scale.check_binding("estimate_costs", columns, constants, list(patients.columns))
    meta = _estimates(patients._meta, binding, constants)
    return patients.map_partitions(_estimates, binding, constants, _first_rows(patients), meta=meta)


def build_calendars(patients: Any, *, key: str, columns: Optional[Mapping[str, str]] = None,
                    **constants: Any) -> Any:
    """:func:`iop.build_calendars` over a Dask DataFrame of patients: one row per session.

    ``key`` names the column that identifies a patient: its values are the
    ``plan`` column (in place of the partition's positions); ``columns`` and
    constants as in :func:`estimate_costs`. Returns a Dask DataFrame with the
    columns of the in-process sessions frame (``iop.build_calendars(...,
    as_frame=True)``): plan, program, track, week, date, kind, start, end,
    minutes, status, zone, local_start, local_end, so
    ``iop.plot`` and :func:`iop.weekly_load` take it. So that every partition has
    the same dtypes, program, track, kind, status and zone are text and
    ``start`` and ``end`` are in UTC (``local_start`` and ``local_end`` are the
    wall times).
    """
    dd = require("dask.dataframe", "iop.dask.build_calendars")
    if not isinstance(patients, dd.DataFrame):
        raise TypeError(f"patients: expected a Dask DataFrame, got {type(patients).__name__}")
    if key not in patients.columns:
        raise KeyError(f"key: column {key!r} is not in the frame; columns: " + ", ".join(map(str, patients.columns)))
    binding = _scale.check_binding("build_calendars", columns, constants, list(patients.columns))
    meta = _calendars(patients._meta, key, binding, constants)
    return patients.map_partitions(_calendars, key, binding, constants, _first_rows(patients), meta=meta)


def _outcome_part(scores: Any, patients: Any, options: Mapping[str, Any], partition: int) -> "_outcomes.CohortPart":
    """A partition's part (the frames in patient order, the patient in the index)."""
    scores, patients = scores.reset_index(), patients.reset_index()
    try:
        return _outcomes.part(scores, patients, **options)
    except Error as error:
        raise _outcomes._in_partition(error, scores, patients, partition) from None


def _merge_parts(*parts: "_outcomes.CohortPart") -> "_outcomes.CohortPart":
    return parts[0].merge(*parts[1:])


def _outcome_rows(scores: Any, patients: Any, options: Mapping[str, Any], partition: int) -> Any:
    """A partition's patients' rows, measured with the whole cohort's SD."""
    scores, patients = scores.reset_index(), patients.reset_index()
    try:
        return _outcomes.cohort(scores, patients, **options).patients
    except Error as error:
        raise _outcomes._in_partition(error, scores, patients, partition) from None


def cohort_outcomes(scores: Any, patients: Any, *, as_of: Any, reliability: float, sd: Optional[float] = None,
                    by: Any = (), split_every: int = 8) -> "_outcomes.CohortOutcomes":
    """:func:`iop.outcomes.cohort` over Dask DataFrames of scores and patients, one partition of patients at a time.

    Columns and arguments as :func:`iop.outcomes.cohort`. Both frames are set in patient order with the patients'
    divisions, so that each partition holds some patients with all their scores; each partition is counted as an
    :class:`iop.outcomes.CohortPart` on a worker and the parts add up in a tree (``split_every`` at a time) to
    exactly the whole cohort's ``groups``, ``reliable_change`` (the sample SD, when ``sd`` is None, is the whole
    cohort's) and ``warnings``, which are computed now. ``patients`` is a Dask DataFrame of the patients' rows, in
    patient order, measured with that SD when it is computed. An error names the frame's column, the partition and
    the patient (``scores.phq9[3]: 31 is not a PHQ-9 total (in partitions[1] of the frames set in patient order:
    patient 'P17')``).
    """
    dask = require("dask", "iop.dask.cohort_outcomes")
    dd = require("dask.dataframe", "iop.dask.cohort_outcomes")
    for name, frame in (("scores", scores), ("patients", patients)):
        if not isinstance(frame, dd.DataFrame):
            raise TypeError(f"{name}: expected a Dask DataFrame, got {type(frame).__name__}")
    _outcomes._check_frames(scores, patients)
    fan_in = _count(split_every, "split_every", "2 or more", 2)
    options = {"as_of": as_of, "reliability": reliability, "sd": sd, "by": _outcomes._dimensions(by)}
    by_patient = patients.set_index("patient")
    scores_by_patient = scores.set_index("patient", divisions=by_patient.divisions)
    pairs = list(zip(scores_by_patient.to_delayed(), by_patient.to_delayed()))
    parts: List[Any] = [dask.delayed(_outcome_part)(s, p, options, k) for k, (s, p) in enumerate(pairs)]
    while len(parts) > 1:  # neighbours merge; the sum does not depend on the order anyway
        parts = [dask.delayed(_merge_parts)(*parts[i:i + fan_in]) for i in range(0, len(parts), fan_in)]
    whole = parts[0].compute().outcomes()
    rows_options = dict(options, sd=whole.reliable_change["sd"])  # each partition's rows with the cohort's SD
    meta = _outcomes.cohort(scores._meta, patients._meta, **rows_options).patients  # the rows' columns and dtypes
    rows = dd.from_delayed([dask.delayed(_outcome_rows)(s, p, rows_options, k) for k, (s, p) in enumerate(pairs)],
                           meta=meta, verify_meta=False)
    return _outcomes.CohortOutcomes(whole.groups, rows, whole.reliable_change, whole.warnings, whole.as_of,
                                    whole.by)


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
