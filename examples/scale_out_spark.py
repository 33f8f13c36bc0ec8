"""Scaling out with Spark: a claims table's parity inputs and a cohort's estimates with PySpark (local[2]).

Needs a Java runtime (17 or later). Run with the project's environment:
.venv/bin/python examples/scale_out_spark.py
"""

import datetime
import os
import sys
from decimal import Decimal

from pyspark.sql import SparkSession

import iop
import iop.spark
from iop import parity

# 12,000 claim lines, one copay row each: claim i in classification i % 6 at a copay of (i % 4) * $10,
# paid $100.00 (a Spark decimal). Classification c meets copay k on one residue of i mod 12 when c and k
# have the same parity: 1,000 lines, $100,000 a cell.
claims = [(parity.CLASSIFICATIONS[i % 6], "copay", (i % 4) * 1000, Decimal("100.00")) for i in range(12_000)]
patients = [("A", datetime.date(2026, 3, 2), 8, 3), ("B", datetime.date(2026, 3, 9), 8, 4),
            ("C", datetime.date(2026, 6, 1), 6, 5), ("D", datetime.date(2026, 6, 29), 6, 3)]

if __name__ == "__main__":
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # Spark's Python workers use this environment too
    spark = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        frame = spark.createDataFrame(claims, "classification string, type string, level long, payment decimal(12,2)")
        aggregate = iop.spark.claims_aggregate(frame)
        outpatient = [cell for cell in aggregate.cells if cell[0] == "outpatient_in_network"]
        print(f"{aggregate.rows:,} claim lines; outpatient in-network copays: "
              + ", ".join(f"{iop.Money.from_cents(level)} -> {iop.Money.from_cents(paid)}"
                          for _, _, level, paid in outpatient))
        report = parity.analyse({"plan": "Claims", "plan_year_start": "2026-01-01",
                                 "classifications": aggregate.classifications()})
        print(f"{len(report.tests)} quantitative tests; passes: {report.passes}")

        cohort = spark.createDataFrame(patients, "patient string, start date, weeks long, days long")
        costs = iop.spark.estimate_costs(
            cohort, columns={"start_dates": "start", "weeks": "weeks", "days_per_week": "days"},
            per_diem="300.00", deductible="500.00", coinsurance="20%", out_of_pocket_max="3000.00")
        for row in costs.orderBy("patient").collect():
            print(f"patient {row['patient']}: charges {iop.Money.from_cents(row['charges_cents'])}, "
                  f"patient pays {iop.Money.from_cents(row['patient_cents'])}")
    finally:
        spark.stop()
