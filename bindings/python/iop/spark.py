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
merged there, in any order, to the exact whole. Errors name the Spark partition:
``partitions[1].claims.level[17]`` is row 17 of partition 1.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Mapping, Optional

import numpy as np

from . import _arrow, _scale
from ._errors import Error
from ._extras import require
from .parity import ClaimsAggregate, claims_aggregate as _claims_aggregate

__all__ = ["claims_aggregate", "estimate_costs", "build_calendars"]


def _partition() -> str:
    from pyspark import TaskContext

    context = TaskContext.get()
    return f"partitions[{context.partitionId() if context is not None else 0}]"


def _aggregate_partition(batches: Iterator[Any]) -> Iterator[Any]:
    import pyarrow as pa

    total = ClaimsAggregate()
    row = 0
    try:
        for batch in batches:
            total = total.merge(_claims_aggregate(batch, threads=1, first_row=row))
            row += batch.num_rows
    except Error as error:
        raise _scale.in_partition(error, _partition()) from None
    yield pa.RecordBatch.from_pydict({"aggregate": [json.dumps(total.to_dict())]})


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
    names = _arrow.claim_column_names(list(claims.columns))
    rows = claims.select(*names).mapInArrow(_aggregate_partition, "aggregate string").collect()
    total = ClaimsAggregate()
    for row in rows:
        total = total.merge(ClaimsAggregate.from_dict(json.loads(row["aggregate"])))
    return total


def _column_reader(batch: Any) -> Any:
    def column(name: str) -> Any:
        array = batch.column(name)
        if array.null_count:
            i = int(np.argmax(array.is_null().to_numpy(zero_copy_only=False)))
            raise _scale.missing(name, i)
        return array.to_numpy(zero_copy_only=False)
    return column


def _map(function: str, binding: Mapping[str, str], constants: Mapping[str, Any], key: Optional[str]) -> Any:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        row = 0
        for batch in batches:
            try:
                columns = _scale.call(function, _column_reader(batch), binding, constants)
            except Error as error:
                raise _scale.in_partition(_scale.renumber(error, row), _partition()) from None
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
    return patients.mapInArrow(_map("estimate_costs", binding, constants, None), schema)


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
    return patients.mapInArrow(_map("build_calendars", binding, constants, key), schema)
