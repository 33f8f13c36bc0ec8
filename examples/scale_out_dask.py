"""Scaling out with Dask: a claims dataset's parity inputs, a cohort's estimates and a cohort's outcome measures on a
two-process cluster.

Run with the project's environment: .venv/bin/python examples/scale_out_dask.py
"""

import datetime
import json
import logging
import pathlib
import tempfile

import dask.dataframe as dd
import pandas as pd  # type: ignore[import-untyped]
from distributed import Client, LocalCluster

import iop
import iop.dask
from iop import parity

# 12,000 claim lines, one copay row each: claim i in classification i % 6 at a copay of (i % 4) * $10,
# paid $100. Classification c meets copay k on one residue of i mod 12 when c and k have the same parity:
# 1,000 lines, $100,000 a cell.
lines = 12_000
claims = pd.DataFrame({
    "classification": pd.Categorical.from_codes([i % 6 for i in range(lines)], parity.CLASSIFICATIONS),
    "type": pd.Categorical.from_codes([1] * lines, parity.TYPES),
    "level": [(i % 4) * 1000 for i in range(lines)],
    "payment_cents": [10_000] * lines,
})
patients = pd.DataFrame({
    "patient": ["A", "B", "C", "D"],
    "start": [datetime.date(2026, 3, 2), datetime.date(2026, 3, 9), datetime.date(2026, 6, 1),
              datetime.date(2026, 6, 29)],
    "weeks": [8, 8, 6, 6],
    "days": [3, 4, 5, 3],
})

# The hand-worked 20-patient cohort of examples/outcomes.json (tests/cpp/episode/test_cohort_outcomes.cpp works
# it): its PHQ-9s one row each, its patients one row each.
cohort = json.loads((pathlib.Path(__file__).parent / "outcomes.json").read_text(encoding="utf-8"))
scores = pd.DataFrame([{"patient": p["id"], "date": datetime.date.fromisoformat(s["date"]), "phq9": s["phq9"]}
                       for p in cohort["patients"] for s in p["scores"]])
people = pd.DataFrame([{"patient": p["id"], "program": p["program"], "track": p["track"], "delivery": p["delivery"],
                        "diagnosis": p["diagnosis"], "discharge": p.get("discharge", "ongoing"),
                        "exclusion": p.get("exclusion", "none")} for p in cohort["patients"]])

if __name__ == "__main__":
    # The shuffle that sets the outcome frames in patient order logs its start and end as warnings: errors only.
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,  # type: ignore[no-untyped-call]
                           silence_logs=logging.ERROR)
    with cluster, Client(cluster):  # type: ignore[no-untyped-call]
        with tempfile.TemporaryDirectory() as folder:
            # A Parquet dataset of four files, aggregated partition by partition and merged in a tree.
            for k in range(4):
                claims.iloc[k * 3000:(k + 1) * 3000].to_parquet(pathlib.Path(folder) / f"part-{k}.parquet")
            aggregate = iop.dask.claims_aggregate(folder)
        assert aggregate == parity.claims_aggregate(claims)  # the single-machine aggregate, exactly
        outpatient = [cell for cell in aggregate.cells if cell[0] == "outpatient_in_network"]
        print(f"{aggregate.rows:,} claim lines; outpatient in-network copays: "
              + ", ".join(f"{iop.Money.from_cents(level)} -> {iop.Money.from_cents(paid)}"
                          for _, _, level, paid in outpatient))
        report = parity.analyse({"plan": "Claims", "plan_year_start": "2026-01-01",
                                 "classifications": aggregate.classifications()})
        print(f"{len(report.tests)} quantitative tests; passes: {report.passes}")

        costs = iop.dask.estimate_costs(
            dd.from_pandas(patients, npartitions=2),  # type: ignore[no-untyped-call]
            columns={"start_dates": "start", "weeks": "weeks", "days_per_week": "days"},
            per_diem="300.00", deductible="500.00", coinsurance="20%", out_of_pocket_max="3000.00").compute()
        for row in costs.itertuples():
            print(f"patient {row.patient}: charges {iop.Money.from_cents(row.charges_cents)}, "
                  f"patient pays {iop.Money.from_cents(row.patient_cents)}")

        # Counted a partition of patients at a time, added up: the whole cohort's measures, exactly.
        outcomes = iop.dask.cohort_outcomes(
            dd.from_pandas(scores, npartitions=3), dd.from_pandas(people, npartitions=2),  # type: ignore[no-untyped-call]
            as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
        whole = outcomes.groups.iloc[0]
        print(f"outcomes of {int(whole['patients'])} patients: remission at 12 months {int(whole['remission_12'])} of "
              f"{int(whole['denominator_12'])}, response {int(whole['response_12'])}; at 6 months "
              f"{int(whole['remission_6'])} of {int(whole['denominator_6'])}, response {int(whole['response_6'])}")
