"""The cost of the column layer: the same 1,000,000 rows from numpy, pandas, polars and pyarrow, in one run.

Every cohort and claims function reads its columns through ``iop/_columns.py``. This script gives
each function the same rows as numpy arrays (the path every earlier release took), as pandas
Series (numpy-backed, and Arrow-backed), as polars Series and as pyarrow arrays, checks that every
library's answer equals numpy's exactly, and prints the time of each and its ratio to numpy's and
to pandas':

- reading: the columns alone, as the kernels take them (dates, two counts, an amount in cents,
  a name looked up), with no kernel run: the layer's own cost;
- claims: ``iop.parity.claims_aggregate`` on four columns (names as categoricals or dictionary
  arrays, levels and payments as int64 cents), a kernel of a few milliseconds, so the layer's
  cost shows;
- estimates: ``iop.estimate_costs`` for every patient (calendars and adjudication in C++), where
  the layer's cost is a small part of the whole.

Run after ``make demo``:

    .venv/bin/python bench/compare_columns.py [--rows 1000000] [--patients 200000] [--repeats 5]
"""

import argparse

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import iop
import iop.parity as parity
from iop import _convert
from _timing import best_of

CLASSIFICATIONS = list(parity.CLASSIFICATIONS)


def claim_columns(rows, seed=7):
    """Claims as numpy: classification and type names, levels and payments in cents."""
    random = np.random.default_rng(seed)
    classification = np.array(CLASSIFICATIONS, dtype=object)[random.integers(0, 6, rows)]
    kind = np.array(["copay", "coinsurance"], dtype=object)[random.integers(0, 2, rows)]
    level = np.where(kind == "copay", random.integers(0, 5, rows) * 1000, random.integers(0, 3, rows) * 1000)
    payment = random.integers(1_00, 5_000_00, rows)
    return {"classification": classification, "type": kind, "level": level.astype(np.int64), "payment": payment}


def claims_inputs(columns):
    """The same claims in each library (names as categoricals: the form analysts' frames hold them in)."""
    names = {k: pd.Categorical(columns[k]) for k in ("classification", "type")}
    # numpy's path: uint8 codes in the order of parity.CLASSIFICATIONS and parity.TYPES
    numpy = (pd.Categorical(columns["classification"], categories=CLASSIFICATIONS).codes.astype(np.uint8),
             pd.Categorical(columns["type"], categories=list(parity.TYPES)).codes.astype(np.uint8),
             columns["level"], columns["payment"])
    frame = pd.DataFrame({"classification": names["classification"], "type": names["type"],
                          "level": columns["level"], "payment_cents": columns["payment"]})
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    return {
        "numpy": numpy,
        "pandas": tuple(frame[c] for c in frame.columns),
        "pandas (Arrow-backed)": tuple(frame[c].astype(pd.ArrowDtype(arrow[c].type)) for c in frame.columns),
        "polars": tuple(pl.from_arrow(arrow)[c] for c in frame.columns),
        "pyarrow": tuple(arrow[c] for c in frame.columns),
    }


def patient_columns(rows, seed=11):
    random = np.random.default_rng(seed)
    start = np.datetime64("2026-01-05") + random.integers(0, 300, rows).astype("timedelta64[D]")
    return {"start": start, "weeks": random.integers(6, 13, rows), "days": random.integers(3, 6, rows),
            "per_diem_cents": random.integers(250_00, 350_01, rows), "track": np.array(
                ["morning", "afternoon", "evening"], dtype=object)[random.integers(0, 3, rows)]}


def patient_inputs(columns):
    frame = pd.DataFrame(columns)
    frame["start"] = frame["start"].astype("datetime64[ns]")
    frame["track"] = frame["track"].astype("category")
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    polars = pl.from_arrow(arrow)
    # numpy's path: the frame's own numpy columns (dates as datetime64[ns]); a categorical's numpy form is its codes.
    numpy = {c: frame[c].to_numpy() for c in ("start", "weeks", "days", "per_diem_cents")}
    numpy["track"] = pd.Categorical(columns["track"], categories=["morning", "afternoon", "evening"]).codes.astype(
        np.int64)
    return {
        "numpy": numpy,
        "pandas": {c: frame[c] for c in frame.columns},
        "pandas (Arrow-backed)": {c: frame[c].astype(pd.ArrowDtype(arrow[c].type)) for c in frame.columns},
        "polars": {c: polars[c] for c in frame.columns},
        "pyarrow": {c: arrow[c] for c in frame.columns},
    }


def read_columns(columns):
    """The layer alone: every column of a cohort call read as the kernels take it."""
    n = len(_convert.days(columns["start"], "start_dates"))
    return (_convert.integers(columns["weeks"], n, "weeks"), _convert.integers(columns["days"], n, "days_per_week"),
            _convert.integers(columns["per_diem_cents"], n, "per_diem_cents"),
            _convert.names_or_indices(columns["track"], n, "track", [["morning", "afternoon", "evening"]], 0,
                                      "track"))


def estimate(columns):
    return iop.estimate_costs(columns["start"], columns["weeks"], columns["days"], track=columns["track"],
                              per_diem_cents=columns["per_diem_cents"], out_of_pocket_max="3000.00",
                              coinsurance="20%", deductible="500.00")["patient_cents"]


def same(a, b):
    if isinstance(a, tuple):
        return all(np.array_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return a == b


def report(title, rows, inputs, function, repeats):
    print(f"\n{title} ({rows:,} rows)")
    print(f"  {'input':<24}{'seconds':>10}{'x numpy':>10}{'x pandas':>10}")
    times, results = {}, {}
    for _ in range(repeats):  # round by round, so a busy moment of the machine falls on every library alike
        for name, arguments in inputs.items():
            seconds, results[name] = best_of(1, function, arguments)
            times[name] = min(seconds, times.get(name, seconds))
            assert same(results[name], results["numpy"]), f"{title}: {name} differs from numpy"
    for name, seconds in times.items():
        print(f"  {name:<24}{seconds:>10.4f}{seconds / times['numpy']:>10.2f}{seconds / times['pandas']:>10.2f}")
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--patients", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    patients = patient_inputs(patient_columns(options.rows))
    report("reading the columns of a cohort call", options.rows, patients, read_columns, options.repeats)
    claims = claims_inputs(claim_columns(options.rows))
    report("claims_aggregate, four columns", options.rows, claims,
           lambda c: parity.claims_aggregate(*c, threads=1), options.repeats)
    cohort = patient_inputs(patient_columns(options.patients))
    report("estimate_costs", options.patients, cohort, estimate, options.repeats)
    print("\nEvery library's answer equals numpy's.")


if __name__ == "__main__":
    main()
