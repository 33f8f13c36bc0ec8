"""Dask and Spark on this machine: throughput with one and two workers, and the cost of a partition.

A claims dataset (Parquet, dictionary-encoded names, int64 cents) and a patient
cohort are written once to a temporary directory; then, for each engine and for
one and two workers:

- claims: ``iop.{dask,spark}.claims_aggregate`` over the dataset, checked equal to
  ``iop.parity.claims_aggregate_parquet`` (one process, streamed);
- cohort: ``iop.{dask,spark}.estimate_costs``, checked equal to ``iop.estimate_costs``;
- outcomes: ``iop.{dask,spark}.cohort_outcomes`` over a synthetic cohort of
  scores and patients (bench/compare_outcomes.py's), checked equal to
  ``iop.outcomes.cohort`` in one process (groups, SD, threshold, warnings);
- per-partition overhead: the claims aggregation of a dataset of many tiny
  partitions, less the work, divided by the partitions.

Run after ``make demo`` (``make bench-scale``):

    .venv/bin/python bench/scale_out.py [--lines 40000000] [--patients 400000]
"""

import argparse
import os
import shutil
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import iop
from iop import parity
from compare_outcomes import synthetic_cohort
from compare_pandas_parity import claims

COSTS = {"deductible": "500.00", "coinsurance": "20%", "out_of_pocket_max": "3000.00"}
COLUMNS = {"start_dates": "start", "weeks": "weeks", "days_per_week": "days", "per_diem_cents": "per_diem_cents"}
OUTCOMES = {"as_of": "2026-06-30", "reliability": 0.89, "by": ["program", "track", "delivery"]}  # the sample SD


def same_outcomes(result, expected):
    assert result.groups.equals(expected.groups)
    assert result.reliable_change == expected.reliable_change and result.warnings == expected.warnings


def write_claims(directory, lines, files):
    c, t, level, payment = claims(lines)
    table = pa.table({"classification": pa.DictionaryArray.from_arrays(pa.array(c.astype(np.int8)),
                                                                       pa.array(parity.CLASSIFICATIONS)),
                      "type": pa.DictionaryArray.from_arrays(pa.array(t.astype(np.int8)), pa.array(parity.TYPES)),
                      "level": level, "payment_cents": payment})
    os.makedirs(directory)
    step = lines // files
    for k in range(files):
        pq.write_table(table.slice(k * step, step), os.path.join(directory, f"part-{k:04}.parquet"),
                       row_group_size=1 << 20)
    return os.path.getsize(os.path.join(directory, "part-0000.parquet")) * files


def cohort(patients):
    random = np.random.default_rng(14)
    return pd.DataFrame({
        "patient": np.arange(patients),
        # Calendar dates (not timestamps): Spark carries them as DateType, where a timestamp would come back from
        # its Arrow batches in the session's time zone, which the column layer refuses rather than guess a date.
        "start": (pd.to_datetime("2026-01-05") + pd.to_timedelta(random.integers(0, 300, patients), unit="D")).date,
        "weeks": random.integers(6, 13, patients), "days": random.integers(3, 6, patients),
        "per_diem_cents": random.integers(30_000, 60_000, patients)})


def timed(function, *args, **kwargs):
    begin = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - begin, result


def dask_figures(workers, repeats, partitions, claims_dir, tiny_dir, patients, expected, expected_costs, outcome):
    import dask.dataframe as dd
    import distributed
    import iop.dask

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster):
        iop.dask.claims_aggregate(tiny_dir)  # warm the workers' imports
        seconds, aggregate = min(timed(iop.dask.claims_aggregate, claims_dir) for _ in range(repeats))
        assert aggregate == expected
        tiny = min(timed(iop.dask.claims_aggregate, tiny_dir)[0] for _ in range(repeats))
        frame = dd.from_pandas(patients, npartitions=partitions).persist()
        cost_seconds, costs = min(timed(lambda: iop.dask.estimate_costs(frame, columns=COLUMNS, **COSTS).compute())
                                  for _ in range(repeats))
        np.testing.assert_array_equal(costs["patient_cents"].to_numpy(), expected_costs["patient_cents"])
        (scores, people), expected_outcomes = outcome
        scores_frame = dd.from_pandas(scores, npartitions=partitions).persist()
        people_frame = dd.from_pandas(people, npartitions=partitions).persist()
        outcome_seconds, result = min(
            timed(iop.dask.cohort_outcomes, scores_frame, people_frame, **OUTCOMES) for _ in range(repeats))
        same_outcomes(result, expected_outcomes)
    return seconds, tiny, cost_seconds, outcome_seconds


def spark_figures(workers, repeats, partitions, claims_dir, tiny_dir, patients, expected, expected_costs, outcome):
    from pyspark.sql import SparkSession
    import iop.spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master(f"local[{workers}]").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").config("spark.driver.memory", "2g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        iop.spark.claims_aggregate(spark.read.parquet(tiny_dir))
        seconds, aggregate = min(timed(iop.spark.claims_aggregate, spark.read.parquet(claims_dir))
                                 for _ in range(repeats))
        assert aggregate == expected
        tiny = min(timed(iop.spark.claims_aggregate, spark.read.parquet(tiny_dir))[0] for _ in range(repeats))
        frame = spark.createDataFrame(patients).repartition(partitions).cache()
        frame.count()
        cost_seconds, costs = min(
            timed(lambda: iop.spark.estimate_costs(frame, columns=COLUMNS, **COSTS).toPandas()) for _ in range(repeats))
        costs = costs.sort_values("patient")
        np.testing.assert_array_equal(costs["patient_cents"].to_numpy(), expected_costs["patient_cents"])
        (scores, people), expected_outcomes = outcome
        scores = scores.assign(date=scores["date"].dt.date)  # calendar dates: Spark's DateType
        scores_frame = spark.createDataFrame(scores, "patient string, date date, phq9 int").repartition(partitions).cache()
        people_frame = spark.createDataFrame(people).repartition(partitions).cache()
        scores_frame.count(), people_frame.count()
        outcome_seconds, result = min(
            timed(iop.spark.cohort_outcomes, scores_frame, people_frame, **OUTCOMES) for _ in range(repeats))
        same_outcomes(result, expected_outcomes)
    finally:
        spark.stop()
    return seconds, tiny, cost_seconds, outcome_seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=40_000_000)
    parser.add_argument("--files", type=int, default=16)
    parser.add_argument("--tiny", type=int, default=200, help="partitions of the per-partition overhead dataset")
    parser.add_argument("--patients", type=int, default=400_000)
    parser.add_argument("--outcome-patients", type=int, default=100_000,
                        help="patients of the outcomes cohort (about 11 scores each; default 100,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run (default 1 2)")
    parser.add_argument("--repeats", type=int, default=2, help="runs of each timing; the fastest counts")
    parser.add_argument("--partitions", type=int, default=8, help="partitions of the cohort (default 8)")
    args = parser.parse_args()
    root = tempfile.mkdtemp(prefix="iop-scale-")
    try:
        claims_dir, tiny_dir = os.path.join(root, "claims"), os.path.join(root, "tiny")
        size = write_claims(claims_dir, args.lines, args.files)
        write_claims(tiny_dir, args.tiny * 2, args.tiny)
        one_seconds, expected = timed(parity.claims_aggregate_parquet, claims_dir, batch_size=1 << 20, threads=1)
        patients = cohort(args.patients)
        single_cost_seconds, expected_costs = timed(
            iop.estimate_costs, patients["start"], patients["weeks"], patients["days"],
            per_diem_cents=patients["per_diem_cents"], **COSTS)
        outcome_frames = synthetic_cohort(args.outcome_patients)
        single_outcome_seconds, expected_outcomes = timed(iop.outcomes.cohort, *outcome_frames, **OUTCOMES)
        outcome = (outcome_frames, expected_outcomes)
        print(f"{args.lines:,} claim lines in {args.files} Parquet files ({size / 2**20:,.0f} MiB, "
              f"{size / args.lines:.2f} bytes a line on disk); {args.patients:,} patients; "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print(f"one process, streamed (claims_aggregate_parquet): {args.lines / one_seconds:>13,.0f} lines/s; "
              f"iop.estimate_costs: {args.patients / single_cost_seconds:>11,.0f} patients/s; "
              f"iop.outcomes.cohort: {args.outcome_patients / single_outcome_seconds:>11,.0f} patients/s "
              f"({len(outcome_frames[0]):,} scores)")
        for engine, figures in (("dask", dask_figures), ("spark", spark_figures)):
            for workers in args.workers:
                seconds, tiny, cost_seconds, outcome_seconds = figures(
                    workers, args.repeats, args.partitions, claims_dir, tiny_dir, patients, expected, expected_costs,
                    outcome)
                print(f"{engine:<5} {workers} worker{'s' if workers > 1 else ' '}: claims {args.lines / seconds:>13,.0f} "
                      f"lines/s; cohort {args.patients / cost_seconds:>11,.0f} patients/s; "
                      f"outcomes {args.outcome_patients / outcome_seconds:>9,.0f} patients/s; "
                      f"per partition {tiny / args.tiny * 1000:.1f} ms")
        print("every engine's aggregate, estimates and outcomes equal the single-process results exactly")
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
