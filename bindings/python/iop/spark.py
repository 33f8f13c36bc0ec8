"""iop inside Spark (PySpark): claims aggregated per partition and combined on the driver, cohort
estimates and calendars with ``mapInArrow``.

Each function gives exactly what the single-machine function gives on the whole table. In outline
(it needs a cluster and data; ``examples/scale_out_spark.py`` is the whole example, run by the tests)::

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    claims = spark.read.parquet("claims/")          # classification, type, level, payment_cents
    aggregate = iop.spark.claims_aggregate(claims)    # == iop.parity.claims_aggregate(whole table)
    patients = spark.read.parquet("patients/")
    costs = iop.spark.estimate_costs(patients, columns={"start_dates": "start", "weeks": "weeks",
                                                        "days_per_week": "days"}, per_diem="450.00")

Executors read Arrow record batches (``mapInArrow``): names arrive as strings, Spark decimals as
Arrow decimals (exact to the cent, a fraction of a cent refused), dates as dates. Each partition's
claims become one :class:`iop.parity.ClaimsAggregate`, sent to the driver in its JSON form and
merged there, in any order, to the exact whole. An error names the row in the whole table, as the
single-machine function would (``claims.level[1017] ... (in partitions[1])``); the cohort functions
count each partition's rows first (one pass) to know where it starts.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List, Mapping, Optional

import numpy as np

from . import _claims, _scale
from ._errors import Error, NotFoundError, OverflowError, ValidationError
from ._extras import require
from .parity import ClaimsAggregate, claims_aggregate as _claims_aggregate

__all__ = ["claims_aggregate", "estimate_costs", "build_calendars"]


def _error_document(error: Error) -> Dict[str, str]:
    return {"kind": type(error).__name__, "field": error.field, "value": error.value, "problem": error.problem,
            "allowed": error.allowed}


def _error_from(document: Dict[str, str]) -> Error:
    kinds = {"ValidationError": ValidationError, "NotFoundError": NotFoundError, "OverflowError": OverflowError}
    return kinds.get(document["kind"], Error)(document["field"], document["value"], document["problem"],
                                              document["allowed"])


def _aggregate_partition(batches: Iterator[Any]) -> Iterator[Any]:
    """A partition's aggregate, its length and its partition id; an error is sent to the driver as it is, to be
    raised there with its row in the whole table."""
    import pyarrow as pa

    total, row, error = ClaimsAggregate(), 0, None
    for batch in batches:
        if error is None:
            try:
                total = total.merge(_claims_aggregate(batch, threads=1, first_row=row))
            except Error as raised:
                error = raised
        row += batch.num_rows
    yield pa.RecordBatch.from_pydict({"partition": [_partition()], "rows": [row], "aggregate": [
        json.dumps({"error": _error_document(error)} if error is not None else total.to_dict())]})


def _partition() -> int:
    from pyspark import TaskContext

    context = TaskContext.get()
    return context.partitionId() if context is not None else 0


def _spark_frame(frame: Any, feature: str) -> None:
    sql = require("pyspark.sql", feature)
    if not isinstance(frame, sql.DataFrame):
        raise TypeError(f"{feature}: expected a Spark DataFrame, got {type(frame).__name__}")


def claims_aggregate(claims: Any) -> ClaimsAggregate:
    """The :class:`iop.parity.ClaimsAggregate` of a Spark DataFrame of claims.

    Columns as :func:`iop.parity.claims_aggregate` reads them (``classification``,
    ``type``, ``level``, ``payment_cents`` or ``payment`` as a Spark decimal).
    Each partition is aggregated on an executor; the partial aggregates are
    combined on the driver.
    """
    _spark_frame(claims, "iop.spark.claims_aggregate")
    names = _claims.column_names(list(claims.columns))
    rows = sorted(claims.select(*names).mapInArrow(_aggregate_partition,
                                                   "partition long, rows long, aggregate string").collect(),
                  key=lambda r: r["partition"])
    starts = _scale.first_rows([r["rows"] for r in rows])
    total = ClaimsAggregate()
    for row, first in zip(rows, starts):
        document = json.loads(row["aggregate"])
        if "error" in document:
            raise _scale.in_table(_error_from(document["error"]), int(first), row["partition"])
        total = total.merge(ClaimsAggregate.from_dict(document))
    return total


def _map(function: str, binding: Mapping[str, str], constants: Mapping[str, Any], key: Optional[str],
         starts: Any) -> Any:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        partition, row = _partition(), 0
        for batch in batches:
            try:  # the Arrow columns themselves, read by the column layer
                columns = _scale.call(function, batch.column, binding, constants)
            except Error as error:
                raise _scale.in_table(error, int(starts[partition]) + row, partition) from None
            row += batch.num_rows
            if key is None:
                yield pa.RecordBatch.from_arrays(
                    list(batch.columns) + [pa.array(columns[name]) for name in _scale.ESTIMATE_COLUMNS],
                    names=list(batch.schema.names) + list(_scale.ESTIMATE_COLUMNS))
            else:
                columns["local_start"] = columns["local_start"].astype("datetime64[us]")  # Spark's unit
                yield pa.RecordBatch.from_arrays(
                    [batch.column(key).take(pa.array(columns["plan"]))]
                    + [pa.array(columns[name]) for name in _scale.CALENDAR_COLUMNS],
                    names=[key] + list(_scale.CALENDAR_COLUMNS))
    return run


def _count_partition(batches: Iterator[Any]) -> Iterator[Any]:
    import pyarrow as pa

    yield pa.RecordBatch.from_pydict({"partition": [_partition()], "rows": [sum(b.num_rows for b in batches)]})


def _first_rows(frame: Any) -> Any:
    """Each partition's first row in the whole table (one counting pass), so that an error names its row as
    the single-machine function would."""
    counts = sorted(frame.mapInArrow(_count_partition, "partition long, rows long").collect(),
                    key=lambda r: r["partition"])
    starts = np.zeros(max([r["partition"] for r in counts], default=-1) + 1, dtype=np.int64)
    firsts = _scale.first_rows([r["rows"] for r in counts])
    for r, first in zip(counts, firsts):
        starts[r["partition"]] = first
    return starts


def estimate_costs(patients: Any, *, columns: Optional[Mapping[str, str]] = None, **constants: Any) -> Any:
    """:func:`iop.estimate_costs` over a Spark DataFrame of patients, with ``mapInArrow``.

    ``columns`` maps the function's parameters to the frame's columns, other
    keywords are one value for every patient (as in :func:`iop.dask.estimate_costs`).
    Returns the frame with the long columns ``charges_cents``, ``plan_cents`` and
    ``patient_cents`` added: row for row what :func:`iop.estimate_costs` gives.
    """
    _spark_frame(patients, "iop.spark.estimate_costs")
    types = require("pyspark.sql.types", "iop.spark.estimate_costs")
    binding = _scale.check_binding("estimate_costs", columns, constants, list(patients.columns))
    schema = types.StructType(list(patients.schema.fields)
                              + [types.StructField(name, types.LongType(), False) for name in _scale.ESTIMATE_COLUMNS])
    return patients.mapInArrow(_map("estimate_costs", binding, constants, None, _first_rows(patients)), schema)


def build_calendars(patients: Any, *, key: str, columns: Optional[Mapping[str, str]] = None,
                    **constants: Any) -> Any:
    """:func:`iop.build_calendars` over a Spark DataFrame of patients: one row per session.

    ``key`` names the column that identifies a patient; returns a Spark DataFrame
    with columns ``key``, ``date``, ``local_start`` (local wall time, as a
    timestamp without zone), ``minutes`` and ``kind``.
    """
    _spark_frame(patients, "iop.spark.build_calendars")
    types = require("pyspark.sql.types", "iop.spark.build_calendars")
    if key not in patients.columns:
        raise KeyError(f"key: column {key!r} is not in the frame; columns: " + ", ".join(patients.columns))
    binding = _scale.check_binding("build_calendars", columns, constants, list(patients.columns))
    schema = types.StructType([patients.schema[key],
                               types.StructField("date", types.DateType(), False),
                               types.StructField("local_start", types.TimestampNTZType(), False),
                               types.StructField("minutes", types.LongType(), False),
                               types.StructField("kind", types.LongType(), False)])
    return patients.mapInArrow(_map("build_calendars", binding, constants, key, _first_rows(patients)), schema)


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
