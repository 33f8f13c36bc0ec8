"""iop.spark on PySpark local[2]: the single-machine results, exactly.

Spark needs a Java runtime; where none is installed these tests are skipped, saying so."""

import os
import shutil
import sys

import numpy as np
import pyarrow as pa
import pytest

import iop
import iop.spark
from iop import parity

from scale_data import (CLAIM_ROWS, COHORT_COLUMNS, COST_COLUMNS, COSTS, EXAMPLE_ESTIMATES, claims_frame,
                        cohort_frame, decimal_dollars, hand_cells, outcome_cohort)

if shutil.which("java") is None:
    pytest.skip("Spark needs Java (a JDK or JRE 17 or later on PATH); none is installed", allow_module_level=True)
sql = pytest.importorskip("pyspark.sql")


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers import iop from this environment
    session = (sql.SparkSession.builder.master("local[2]").appName("iop-tests")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


CLAIMS_SCHEMA = "classification string, type string, level long, payment decimal(18,2)"


def claims_table():
    frame = claims_frame()
    return pa.table({"classification": pa.array(frame["classification"].astype(str)),
                     "type": pa.array(frame["type"].astype(str)),
                     "level": pa.array(frame["level"], pa.int64()),
                     "payment": decimal_dollars(frame["payment_cents"].to_numpy())})


def test_claims_aggregate_combined_on_the_driver(spark):
    table = claims_table()
    claims = spark.createDataFrame(table.to_pandas(), CLAIMS_SCHEMA)  # in two or more partitions
    assert claims.rdd.getNumPartitions() >= 2
    aggregate = iop.spark.claims_aggregate(claims)
    assert aggregate.cells == hand_cells()
    assert aggregate.rows == CLAIM_ROWS
    assert aggregate == parity.claims_aggregate(table)


def test_claims_from_parquet(spark, tmp_path):
    table = claims_table()
    import pyarrow.parquet as pq

    for k in range(3):
        pq.write_table(table.slice(k * CLAIM_ROWS // 3, CLAIM_ROWS // 3), tmp_path / f"part-{k}.parquet")
    assert iop.spark.claims_aggregate(spark.read.parquet(str(tmp_path))) == parity.claims_aggregate_parquet(tmp_path)


def test_a_bad_row_is_named_with_its_partition(spark):
    frame = claims_frame(120)
    frame["classification"] = frame["classification"].astype(str)
    frame["type"] = frame["type"].astype(str)
    frame.loc[100, "payment_cents"] = -5
    with pytest.raises(Exception) as info:
        iop.spark.claims_aggregate(spark.createDataFrame(frame).coalesce(1))
    assert "claims.payment[100]: -$0.05 is negative (in partitions[0])" in str(info.value)


def test_a_bad_row_of_a_later_partition_is_named_by_its_row_in_the_whole_table(spark):
    frame = claims_frame(120)
    frame["classification"] = frame["classification"].astype(str)
    frame["type"] = frame["type"].astype(str)
    frame.loc[100, "payment_cents"] = -5
    table = spark.createDataFrame(frame)  # contiguous slices of the frame, one per partition
    assert table.rdd.getNumPartitions() > 1
    with pytest.raises(iop.ValidationError) as info:
        iop.spark.claims_aggregate(table)
    assert info.value.field == "claims.payment[100]"  # as the single-machine call names it


def test_cohort_estimates_with_map_in_arrow(spark):
    patients = cohort_frame()
    single = iop.estimate_costs(patients["start"], patients["weeks"], patients["days"],
                                per_diem_cents=patients["per_diem_cents"], **COSTS)
    result = iop.spark.estimate_costs(spark.createDataFrame(patients), columns=COST_COLUMNS,
                                      **COSTS).toPandas().sort_values("patient").reset_index(drop=True)
    for name in ("charges_cents", "plan_cents", "patient_cents"):
        np.testing.assert_array_equal(result[name].to_numpy(), single[name])
    np.testing.assert_array_equal(result["patient"].to_numpy(), patients["patient"].to_numpy())


def test_cohort_calendars_with_map_in_arrow(spark):
    patients = cohort_frame(300)
    single = iop.build_calendars(patients["start"], patients["weeks"], patients["days"])
    sessions = iop.spark.build_calendars(spark.createDataFrame(patients), key="patient",
                                         columns=COHORT_COLUMNS).toPandas()
    sessions = sessions.sort_values(["patient", "local_start"], kind="stable").reset_index(drop=True)
    assert len(sessions) == len(single["plan"])
    np.testing.assert_array_equal(sessions["patient"].to_numpy(), patients["patient"].to_numpy()[single["plan"]])
    np.testing.assert_array_equal(sessions["date"].to_numpy().astype("datetime64[D]"),
                                  np.asarray(single["date"]))
    np.testing.assert_array_equal(sessions["local_start"].to_numpy().astype("datetime64[m]"), single["local_start"])
    np.testing.assert_array_equal(sessions["minutes"].to_numpy(), single["minutes"])
    np.testing.assert_array_equal(sessions["kind"].to_numpy(), single["kind"])


OUTCOME_OPTIONS = {"as_of": "2026-06-30", "reliability": 0.89, "by": ["program", "track", "delivery"]}
SCORES_SCHEMA = "patient string, date date, phq9 int"
PATIENTS_SCHEMA = ("patient string, program string, track string, delivery string, diagnosis string, "
                   "discharge string, exclusion string")


def test_cohort_outcomes_per_partition_of_patients(spark):
    scores, patients = outcome_cohort()
    whole = iop.outcomes.cohort(scores, patients, sd=None, **OUTCOME_OPTIONS)
    result = iop.spark.cohort_outcomes(spark.createDataFrame(scores, SCORES_SCHEMA).repartition(3),
                                       spark.createDataFrame(patients, PATIENTS_SCHEMA), partitions=4,
                                       **OUTCOME_OPTIONS)
    assert result.groups.equals(whole.groups)
    assert result.reliable_change == whole.reliable_change and result.warnings == whole.warnings
    rows = result.patients.toPandas().sort_values("patient").reset_index(drop=True)
    expected = whole.patients.sort_values("patient").reset_index(drop=True)
    assert list(rows.columns) == list(expected.columns)
    for column in expected.columns:  # statuses as text, dates as dates, nulls where the frame has <NA> or NaT
        mine = [None if v is None or v != v else v for v in rows[column].tolist()]
        theirs = expected[column].astype(object).where(expected[column].notna(), None).tolist()
        if column.startswith(("date_", "index_date")):
            theirs = [None if v is None else v.date() for v in theirs]
        assert mine == theirs, column


def test_a_bad_outcome_score_is_named_with_its_partition_and_patient(spark):
    scores, patients = outcome_cohort(100)
    scores.loc[scores.index[11], "phq9"] = 28
    with pytest.raises(iop.ValidationError) as raised:
        iop.spark.cohort_outcomes(spark.createDataFrame(scores, SCORES_SCHEMA),
                                  spark.createDataFrame(patients, PATIENTS_SCHEMA), sd=5.0, **OUTCOME_OPTIONS)
    assert raised.value.value == "28"
    assert f"of the frames hash-partitioned by patient: patient '{scores['patient'].iloc[11]}')" in raised.value.problem
    numbered = spark.createDataFrame(scores.assign(patient=range(len(scores))), "patient long, date date, phq9 int")
    with pytest.raises(TypeError, match="scores.patient: expected a Spark string column, got bigint"):
        iop.spark.cohort_outcomes(numbered, spark.createDataFrame(patients, PATIENTS_SCHEMA), sd=5.0,
                                  **OUTCOME_OPTIONS)


def test_the_spark_example_prints_its_hand_worked_figures(spark, capsys):
    # Run in this process, on this module's session (getOrCreate returns it; the example stops it last).
    import pathlib
    import runpy

    runpy.run_path(str(pathlib.Path(__file__).resolve().parents[2] / "examples" / "scale_out_spark.py"),
                   run_name="__main__")
    out = capsys.readouterr().out
    # Copay k meets classification 2 (outpatient in-network) for even k: $0 and $20, 1,000 lines of $100 each.
    assert "12,000 claim lines; outpatient in-network copays: $0.00 -> $100,000.00, $20.00 -> $100,000.00" in out
    for line in EXAMPLE_ESTIMATES:
        assert line in out
