"""iop inside Dask: claims aggregation with a tree reduction, cohort estimates and calendars per partition.

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
a tree (``split_every`` at a time), in any order, to the exact whole. Cohort estimates and calendars
are per patient, so each partition is computed on its own with ``map_partitions``. Errors name the
partition: ``partitions[3].claims.level[17]`` is row 17 of partition 3.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from . import _arrow, _scale
from ._errors import Error
from ._extras import require
from .parity import ClaimsAggregate, _count, claims_aggregate as _claims_aggregate

__all__ = ["claims_aggregate", "estimate_costs", "build_calendars"]


def _partition_aggregate(frame: Any, index: int) -> ClaimsAggregate:
    try:
        return _claims_aggregate(frame, threads=1)
    except Error as error:
        raise _scale.in_partition(error, f"partitions[{index}]") from None


def _merge(*parts: ClaimsAggregate) -> ClaimsAggregate:
    total = ClaimsAggregate()
    for part in parts:
        total = total.merge(part)
    return total


def _claims_frame(claims: Any) -> Any:
    dd = require("dask.dataframe", "iop.dask.claims_aggregate")
    if isinstance(claims, dd.DataFrame):
        return claims
    if isinstance(claims, str) or isinstance(claims, (list, tuple)):
        pq = require("pyarrow.parquet", "iop.dask.claims_aggregate")
        names = _arrow.claim_column_names(pq.read_schema(_first_file(claims)).names)
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
    _arrow.claim_column_names([str(c) for c in frame.columns])
    parts: List[Any] = [dask.delayed(_partition_aggregate)(part, i) for i, part in enumerate(frame.to_delayed())]
    if not parts:
        parts = [dask.delayed(ClaimsAggregate)()]
    while len(parts) > 1:
        parts = [dask.delayed(_merge)(*parts[i:i + fan_in]) for i in range(0, len(parts), fan_in)]
    return parts[0].compute() if compute else parts[0]


def _call(function: str, frame: Any, binding: Mapping[str, str], constants: Mapping[str, Any],
          partition_info: Optional[Mapping[str, Any]]) -> Any:
    try:
        return _scale.call(function, lambda c: frame[c], binding, constants)
    except Error as error:
        number = partition_info["number"] if partition_info else 0
        raise _scale.in_partition(error, f"partitions[{number}]") from None


def _estimates(frame: Any, binding: Mapping[str, str], constants: Mapping[str, Any],
               partition_info: Optional[Mapping[str, Any]] = None) -> Any:
    columns = _call("estimate_costs", frame, binding, constants, partition_info)
    out = frame.copy()
    for name in _scale.ESTIMATE_COLUMNS:
        out[name] = columns[name]
    return out


def _calendars(frame: Any, key: str, binding: Mapping[str, str], constants: Mapping[str, Any],
               partition_info: Optional[Mapping[str, Any]] = None) -> Any:
    pd = require("pandas", "iop.dask.build_calendars")
    columns = _call("build_calendars", frame, binding, constants, partition_info)
    keys = frame[key].to_numpy()
    return pd.DataFrame({key: keys[columns["plan"]], **{name: columns[name] for name in _scale.CALENDAR_COLUMNS}})


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
    return patients.map_partitions(_estimates, binding, constants, meta=meta)


def build_calendars(patients: Any, *, key: str, columns: Optional[Mapping[str, str]] = None,
                    **constants: Any) -> Any:
    """:func:`iop.build_calendars` over a Dask DataFrame of patients: one row per session.

    ``key`` names the column that identifies a patient (it replaces the
    partition-local ``plan`` index); ``columns`` and constants as in
    :func:`estimate_costs`. Returns a Dask DataFrame with columns ``key``,
    ``date``, ``local_start`` (local wall time), ``minutes`` and ``kind``.
    """
    dd = require("dask.dataframe", "iop.dask.build_calendars")
    if not isinstance(patients, dd.DataFrame):
        raise TypeError(f"patients: expected a Dask DataFrame, got {type(patients).__name__}")
    if key not in patients.columns:
        raise KeyError(f"key: column {key!r} is not in the frame; columns: " + ", ".join(map(str, patients.columns)))
    binding = _scale.check_binding("build_calendars", columns, constants, list(patients.columns))
    meta = _calendars(patients._meta, key, binding, constants)
    return patients.map_partitions(_calendars, key, binding, constants, meta=meta)

