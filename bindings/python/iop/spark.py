"""iop inside Spark (PySpark): claims aggregated per partition and combined on the driver, cohort
estimates and calendars with ``mapInArrow``, cohort outcome measures counted per partition of patients and added
up on the driver.

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
count each partition's rows first (one pass) to know where it starts. Cohort outcomes put each patient's row and
scores in one partition (one frame of both, hash-partitioned by patient), count each partition as an
:class:`iop.outcomes.CohortPart` and add the parts up on the driver.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import numpy as np

from . import _claims, _scale, outcomes as _outcomes
from ._errors import Error, NotFoundError, OverflowError, ValidationError
from ._extras import require
from .parity import ClaimsAggregate, claims_aggregate as _claims_aggregate

__all__ = ["claims_aggregate", "estimate_costs", "build_calendars", "cohort_outcomes"]


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


_SIDE = "_iop_side"  # which frame a row of the mixed frame came from: "p" a patient, "s" a score
_SPARK_FRAMES = "the frames hash-partitioned by patient"


def _partition_frames(batches: Iterator[Any], patient_columns: List[str]) -> Optional[Tuple[Any, Any]]:
    """A partition of the mixed frame as the (scores, patients) pandas frames, each with its own columns (split in
    Arrow, so a score's total stays an integer)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    received = list(batches)
    if not received:
        return None
    table = pa.Table.from_batches(received)
    side = table.column(_SIDE)
    scores = table.filter(pc.equal(side, "s")).select(list(_outcomes.SCORE_COLUMNS))
    patients = table.filter(pc.equal(side, "p")).select(patient_columns)
    return scores.to_pandas(), patients.to_pandas()


def _empty_frames(patient_columns: List[str]) -> Tuple[Any, Any]:
    pd = require("pandas", "iop.spark.cohort_outcomes")
    scores = pd.DataFrame({"patient": pd.Series([], dtype=object), "date": pd.Series([], dtype="datetime64[ns]"),
                           "phq9": pd.Series([], dtype="int64")})
    return scores, pd.DataFrame({c: pd.Series([], dtype=object) for c in patient_columns})


def _count_parts(options: Mapping[str, Any], patient_columns: List[str]) -> Any:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        scores, patients = _partition_frames(batches, patient_columns) or _empty_frames(patient_columns)
        document: Dict[str, Any]
        try:
            document = {"part": _outcomes.part(scores, patients, **options).to_json()}
        except Error as error:
            document = {"error": _error_document(_outcomes._in_partition(error, scores, patients, _partition(),
                                                                         _SPARK_FRAMES))}
        yield pa.RecordBatch.from_pydict({"partition": [_partition()], "part": [json.dumps(document)]})
    return run


#: The patients' rows of :func:`cohort_outcomes` as Spark columns: the in-process frame's, with the statuses as
#: text, dates as dates and the nullable integers as nullable ints.
_ROW_COLUMNS = [("patient", "string"), ("program", "string"), ("track", "string"), ("delivery", "string"),
                ("index_date", "date"), ("index_score", "int"),
                *[(f"{name}_{m}", kind) for m in ("6", "12")
                  for name, kind in (("status", "string"), ("date", "date"), ("score", "int"), ("change", "int"),
                                     ("reliable", "int"))],
                ("days_to_response", "int"), ("followed_days", "int")]


def _patient_rows(options: Mapping[str, Any], patient_columns: List[str]) -> Any:
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        frames = _partition_frames(batches, patient_columns)
        if frames is None or len(frames[1]) == 0:
            return
        scores, patients = frames
        try:
            rows = _outcomes.cohort(scores, patients, **options).patients
        except Error as error:  # counted already without an error: the same data cannot fail here
            raise _outcomes._in_partition(error, scores, patients, _partition(), _SPARK_FRAMES) from None
        arrays = []
        for name, kind in _ROW_COLUMNS:
            column = rows[name]
            if kind == "string":
                arrays.append(pa.array(column.astype(object), type=pa.string(), from_pandas=True))
            elif kind == "date":  # NaT as null
                arrays.append(pa.array(column, from_pandas=True).cast(pa.date32()))
            else:  # <NA> as null
                arrays.append(pa.array(column, type=pa.int32(), from_pandas=True))
        yield pa.RecordBatch.from_arrays(arrays, names=[name for name, _ in _ROW_COLUMNS])
    return run


def cohort_outcomes(scores: Any, patients: Any, *, as_of: Any, reliability: float, sd: Optional[float] = None,
                    by: Any = (), partitions: Optional[int] = None) -> "_outcomes.CohortOutcomes":
    """:func:`iop.outcomes.cohort` over Spark DataFrames of scores and patients.

    Columns and arguments as :func:`iop.outcomes.cohort` (``date`` a Spark date). The patients and the scores
    become one frame hash-partitioned by patient into ``partitions`` (default: the larger of the two frames'
    partition counts), so that each partition holds some patients with all their scores; each is counted as an
    :class:`iop.outcomes.CohortPart` on an executor and the parts are added up on the driver to exactly the whole
    cohort's ``groups``, ``reliable_change`` (the sample SD, when ``sd`` is None, is the whole cohort's) and
    ``warnings``. ``patients`` is a Spark DataFrame of the patients' rows (columns as the in-process frame's, the
    statuses as text), measured with that SD when it is evaluated — from the source frames again, so cache them
    when they are not deterministic (a sample, a table that changes). Both ``patient`` columns are Spark strings
    (another type is refused rather than cast). An error names the frame's column, the partition and the patient.
    """
    _spark_frame(scores, "iop.spark.cohort_outcomes")
    _spark_frame(patients, "iop.spark.cohort_outcomes")
    functions = require("pyspark.sql.functions", "iop.spark.cohort_outcomes")
    _outcomes._check_frames(scores, patients)
    types = require("pyspark.sql.types", "iop.spark.cohort_outcomes")
    for name, frame in (("scores", scores), ("patients", patients)):
        kind = frame.schema["patient"].dataType
        if not isinstance(kind, types.StringType):  # unionByName would cast one side to the other's type
            raise TypeError(f"{name}.patient: expected a Spark string column, got {kind.simpleString()}")
    options = {"as_of": as_of, "reliability": reliability, "sd": sd, "by": _outcomes._dimensions(by)}
    count = partitions if partitions is not None else max(scores.rdd.getNumPartitions(),
                                                          patients.rdd.getNumPartitions())
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise TypeError(f"partitions: expected a whole number of 1 or more, got {count!r}")
    patient_columns = list(patients.columns)
    mixed = (patients.withColumn(_SIDE, functions.lit("p"))
             .unionByName(scores.withColumn(_SIDE, functions.lit("s")), allowMissingColumns=True)
             .repartition(count, "patient"))
    rows = sorted(mixed.mapInArrow(_count_parts(options, patient_columns), "partition long, part string").collect(),
                  key=lambda r: r["partition"])
    parts = []
    for row in rows:
        document = json.loads(row["part"])
        if "error" in document:
            raise _error_from(document["error"])
        parts.append(_outcomes.CohortPart(document["part"]))
    whole = _outcomes.from_parts(parts)
    rows_options = dict(options, sd=whole.reliable_change["sd"])  # each partition's rows with the cohort's SD
    schema = ", ".join(f"{name} {kind}" for name, kind in _ROW_COLUMNS)
    frame = mixed.mapInArrow(_patient_rows(rows_options, patient_columns), schema)
    return _outcomes.CohortOutcomes(whole.groups, frame, whole.reliable_change, whole.warnings, whole.as_of,
                                    whole.by)


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
