"""Parity inputs from a claims-level table: iop's aggregation against a pandas groupby.

Ten million claim lines (six classifications; each claim has a copay row and a
coinsurance row, level 0 when not subject) are aggregated into the projected
payments by classification, type and level, then the MHPAEA tests run on them.
pandas does the aggregation with ``groupby([...]).sum()``, the way an analyst
would; iop with ``iop.parity.aggregate_claims`` on the same numpy columns. The
script checks the aggregates agree exactly and both designs give the same
report, then prints lines per second and the ratio. Run after ``make demo``:

    .venv/bin/python bench/compare_pandas_parity.py [--lines 10000000]
"""

import argparse

import numpy as np
import pandas as pd

import iop.parity as parity
from _timing import best_of


def claims(n, seed=5):
    random = np.random.default_rng(seed)
    classification = np.repeat(random.integers(0, 6, n // 2).astype(np.uint8), 2)
    type_ = np.tile(np.array([1, 2], dtype=np.uint8), n // 2)
    level = np.where(type_ == 1, random.choice(np.array([0, 2000, 3500, 5000]), n),
                     random.choice(np.array([0, 1000, 2000]), n)).astype(np.int64)
    payment = np.repeat(random.integers(1000, 201000, n // 2), 2).astype(np.int64)
    return classification, type_, level, payment


def level_text(type_code, level):
    return f"{level / 100:.2f}%" if parity.TYPES[type_code] == "coinsurance" else f"{level / 100:.2f}"


def design(classifications):
    return {"plan": "Claims", "plan_year_start": "2026-01-01", "classifications": classifications}


def iop_version(columns):
    return parity.analyse(design(parity.aggregate_claims(*columns)))


def pandas_version(columns):
    frame = pd.DataFrame(dict(zip(["classification", "type", "level", "payment"], columns)))
    sums = frame.groupby(["classification", "type", "level"])["payment"].sum()
    totals = frame[frame["type"] == frame["type"].min()].groupby("classification")["payment"].sum()
    classifications = []
    for code, total in totals.items():
        rows = [{"type": parity.TYPES[t], "level": level_text(t, level), "payments": f"{payments / 100:.2f}"}
                for (c, t, level), payments in sums.items() if c == code]
        classifications.append({"classification": parity.CLASSIFICATIONS[code], "total_payments": f"{total / 100:.2f}",
                                "medical_surgical": rows})
    return parity.analyse(design(classifications))




def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10_000_000, help="claim lines (default 10,000,000)")
    args = parser.parse_args()
    columns = claims(args.lines)
    iop_seconds, ours = best_of(3, iop_version, columns)
    pandas_seconds, theirs = best_of(2, pandas_version, columns)
    assert [t["levels"] for t in ours.tests] == [t["levels"] for t in theirs.tests], "aggregates differ"
    assert ours.to_dict()["tests"] == theirs.to_dict()["tests"], "reports differ"
    iop_rate = args.lines / iop_seconds
    pandas_rate = args.lines / pandas_seconds
    print(f"aggregates and reports agree exactly on {args.lines:,} claim lines ({len(ours.tests)} tests)")
    print(f"iop.parity.aggregate_claims + analyse: {iop_rate:>14,.0f} lines/s")
    print(f"pandas groupby + analyse:             {pandas_rate:>14,.0f} lines/s")
    print(f"ratio iop / pandas: {iop_rate / pandas_rate:,.1f}x")


if __name__ == "__main__":
    main()
