"""The claims aggregation against the memory-read floor, duckdb, polars and pandas, in one run.

Ten million claim lines (six classifications; each claim has a copay row and a
coinsurance row, level 0 when not subject), as four columns: classification and
type (uint8 codes), level and payment (int64 cents): 18 bytes a line. Each
engine sums the payments by classification, type and level:

- the read floor: numpy sums each of the four columns once (no grouping at all);
- iop: ``iop.parity.claims_aggregate`` (C++, GIL released, one thread per core);
- duckdb: ``GROUP BY`` over the same columns as a zero-copy Arrow table;
- polars: ``group_by(...).agg(sum)`` over the same columns;
- pandas: ``groupby([...]).sum()``.

The script checks that every engine's sums equal iop's exactly, then prints
lines per second and the ratios. Run after ``make demo``:

    .venv/bin/python bench/compare_claims.py [--lines 10000000] [--repeats 5]
"""

import argparse
import os

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa

import iop.parity as parity
from _timing import best_of
from compare_pandas_parity import claims

KEYS = ["classification", "type", "level"]


def floor(columns):
    return [int(c.sum()) for c in columns]


def iop_version(columns):
    return parity.claims_aggregate(*columns)


def duckdb_version(connection):
    return connection.execute("SELECT classification, type, level, SUM(payment)::BIGINT FROM claims "
                              "GROUP BY ALL").fetchall()


def polars_version(frame):
    return frame.group_by(KEYS).agg(pl.col("payment").sum())


def pandas_version(frame):
    return frame.groupby(KEYS, sort=False)["payment"].sum()


def cells_of_rows(rows):
    return sorted((int(c), int(t), int(level), int(total)) for c, t, level, total in rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10_000_000, help="claim lines (default 10,000,000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each engine; the fastest counts")
    args = parser.parse_args()
    columns = claims(args.lines)
    names = dict(zip(KEYS + ["payment"], columns))
    table = pa.table(names)  # zero-copy views of the numpy columns
    connection = duckdb.connect()
    connection.register("claims", table)
    polars_frame = pl.from_arrow(table)
    pandas_frame = pd.DataFrame(names)

    floor_s, sums = best_of(args.repeats, floor, columns)
    iop_s, aggregate = best_of(args.repeats, iop_version, columns)
    duck_s, duck = best_of(args.repeats, duckdb_version, connection)
    polars_s, polars_result = best_of(args.repeats, polars_version, polars_frame)
    pandas_s, pandas_result = best_of(max(1, args.repeats // 2), pandas_version, pandas_frame)

    ours = sorted((parity.CLASSIFICATIONS.index(c), parity.TYPES.index(t), level, total)
                  for c, t, level, total in aggregate.cells)
    assert ours == cells_of_rows(duck), "duckdb differs"
    assert ours == cells_of_rows(polars_result.iter_rows()), "polars differs"
    assert ours == cells_of_rows((*k, v) for k, v in pandas_result.items()), "pandas differs"
    assert sum(total for *_, total in ours) == sums[3], "the floor's payment sum differs"
    report = parity.analyse({"plan": "Claims", "plan_year_start": "2026-01-01",
                             "classifications": aggregate.classifications()})

    rate = {name: args.lines / seconds for name, seconds in
            [("floor", floor_s), ("iop", iop_s), ("duckdb", duck_s), ("polars", polars_s), ("pandas", pandas_s)]}
    print(f"all engines agree exactly on {args.lines:,} claim lines ({len(ours)} cells, {len(report.tests)} tests); "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    labels = {"floor": "read floor (numpy sum of each column)", "iop": "iop.parity.claims_aggregate",
              "duckdb": "duckdb GROUP BY", "polars": "polars group_by", "pandas": "pandas groupby"}
    for name, label in labels.items():
        print(f"{label:<40} {rate[name]:>14,.0f} lines/s")
    print(f"iop / read floor: {rate['iop'] / rate['floor']:.0%} (target at least 60%)")
    for peer in ("duckdb", "polars", "pandas"):
        print(f"iop / {peer}: {rate['iop'] / rate[peer]:,.1f}x" + (" (target at least 5x)" if peer == "duckdb" else ""))


if __name__ == "__main__":
    main()
