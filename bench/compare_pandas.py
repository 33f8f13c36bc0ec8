"""Session calendars for a cohort: iop's batch path against a plain pandas version.

Both build the same calendars: eight weeks, four days a week (Monday, Tuesday,
Thursday, Friday), US federal holidays skipped, for plans starting on random
days of 2026. pandas uses CustomBusinessDay with USFederalHolidayCalendar, the
way an analyst would write it. The script checks that both give the same
sessions, then prints plans per second for each and the ratio.

Run from the repository root after `make demo` (or `pip install .`):

    .venv/bin/python bench/compare_pandas.py [--plans 200000] [--pandas-plans 1000]
"""

import argparse

import numpy as np
import pandas as pd
from pandas.tseries.holiday import USFederalHolidayCalendar
from pandas.tseries.offsets import CustomBusinessDay

import iop
from _timing import best_of, program_days_only




def cohort(n, seed=42):
    random = np.random.default_rng(seed)
    starts = np.datetime64("2026-01-01") + random.integers(0, 365, n).astype("timedelta64[D]")
    tracks = random.integers(0, 3, n).astype(np.int32)
    return starts, tracks


def iop_batch(program, starts, tracks):
    return iop.build_calendars(starts, 8, 4, track=tracks, programs=[program])


def pandas_version(starts, tracks, track_minutes):
    """The straightforward pandas calendar: one date_range per plan."""
    business_days = CustomBusinessDay(weekmask="Mon Tue Thu Fri", calendar=USFederalHolidayCalendar())
    frames = []
    for i, (start, track) in enumerate(zip(pd.to_datetime(starts), tracks)):
        days = pd.date_range(start, start + pd.Timedelta(days=55), freq=business_days)
        frames.append(pd.DataFrame({"plan": i, "date": days,
                                    "local_start": days + pd.Timedelta(minutes=int(track_minutes[track]))}))
    return pd.concat(frames, ignore_index=True)




def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=200_000, help="plans for iop (default 200,000)")
    parser.add_argument("--pandas-plans", type=int, default=1_000, help="plans for pandas (default 1,000)")
    args = parser.parse_args()

    program = program_days_only()
    track_minutes = [int(t["start"][:2]) * 60 + int(t["start"][3:]) for t in program.tracks]

    # Agreement on the plans pandas builds.
    starts, tracks = cohort(args.pandas_plans)
    ours = iop_batch(program, starts, tracks)
    pandas_seconds, theirs = best_of(1, pandas_version, starts, tracks, track_minutes)
    assert np.array_equal(ours["plan"], theirs["plan"].to_numpy()), "plans differ"
    assert np.array_equal(ours["date"], theirs["date"].to_numpy().astype("datetime64[D]")), "dates differ"
    assert np.array_equal(ours["local_start"], theirs["local_start"].to_numpy().astype("datetime64[m]")), "times differ"

    starts, tracks = cohort(args.plans)
    iop_seconds, rows = best_of(3, iop_batch, program, starts, tracks)
    kernel_seconds, _ = best_of(3, iop._core._build_calendars_batch,
                                starts.astype(np.int64), np.full(args.plans, 8, np.int64),
                                np.full(args.plans, 4, np.int64), tracks.astype(np.int64), np.zeros(args.plans, np.int64),
                                [program], iop.HolidayCalendar.us_federal(), "skip", False)

    iop_rate = args.plans / iop_seconds
    kernel_rate = args.plans / kernel_seconds
    pandas_rate = args.pandas_plans / pandas_seconds
    print(f"sessions agree on {args.pandas_plans:,} plans ({len(theirs):,} sessions)")
    print(f"iop.build_calendars:          {iop_rate:>14,.0f} plans/s  ({args.plans:,} plans, {len(rows['plan']):,} sessions)")
    print(f"iop kernel (int64 in, int32 out): {kernel_rate:>10,.0f} plans/s")
    print(f"pandas CustomBusinessDay:     {pandas_rate:>14,.0f} plans/s  ({args.pandas_plans:,} plans)")
    print(f"ratio iop / pandas: {iop_rate / pandas_rate:,.0f}x")


if __name__ == "__main__":
    main()
