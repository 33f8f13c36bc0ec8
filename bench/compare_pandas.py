"""Session calendars for a cohort: iop's batch path against pandas, numpy and the memory-write floor.

Every version builds the same calendars: eight weeks, four days a week (Monday,
Tuesday, Thursday, Friday), the program's holiday preset skipped, for plans
starting on random days of 2026, program days only. The engine takes the preset
the program names (``ProgramTemplate.holiday_preset``); the peers build the same
holidays from pandas' own rules (``peer_holidays``), and the script prints which.

- pandas: one ``pd.date_range`` a plan with ``CustomBusinessDay``, the way an
  analyst would write it;
- numpy: ``np.busday_count`` and ``np.busday_offset`` vectorized over the cohort
  (a careful rewrite), giving the same five columns as iop;
- the write floor: numpy filling preallocated columns of the same size and dtypes
  as iop's answer (plan int32, date datetime64[D], local start datetime64[m],
  minutes int16, kind uint8), computing nothing: what writing the answer costs;
  also with the columns allocated in the timing, as a function returning new
  columns must;
- iop: ``iop.build_calendars`` on every core, and on one thread; and with
  ``out=``, writing into preallocated columns as the floor does (a loop over
  scenarios reuses its columns), against the floor that fills preallocated
  columns, while the call that returns new columns is set against the
  allocating floor.

The script checks that iop's sessions equal pandas' on the small cohort and
numpy's on the whole one, then prints plans per second and the ratios. Run after
``make demo`` (or ``pip install .``):

    .venv/bin/python bench/compare_pandas.py [--plans 200000] [--pandas-plans 1000] [--repeats 5]
"""

import argparse

import numpy as np
import pandas as pd
from pandas.tseries.offsets import CustomBusinessDay

import iop
from _timing import best_of, load, peer_holidays, program_days_only

WEEKMASK = "Mon Tue Thu Fri"  # the pattern iop gives four days a week


def cohort(n, seed=42):
    random = np.random.default_rng(seed)
    starts = np.datetime64("2026-01-01") + random.integers(0, 365, n).astype("timedelta64[D]")
    tracks = random.integers(0, 3, n).astype(np.int32)
    return starts, tracks


def iop_batch(program, starts, tracks, threads=None, out=None):
    return iop.build_calendars(starts, 8, 4, track=tracks, programs=[program], threads=threads, out=out)


def pandas_version(starts, tracks, track_minutes, holidays):
    """The straightforward pandas calendar: one date_range per plan."""
    business_days = CustomBusinessDay(weekmask=WEEKMASK, calendar=holidays)
    frames = []
    for i, (start, track) in enumerate(zip(pd.to_datetime(starts), tracks)):
        days = pd.date_range(start, start + pd.Timedelta(days=55), freq=business_days)
        frames.append(pd.DataFrame({"plan": i, "date": days,
                                    "local_start": days + pd.Timedelta(minutes=int(track_minutes[track]))}))
    return pd.concat(frames, ignore_index=True)


def numpy_version(starts, tracks, track_minutes, minutes, calendar):
    """Vectorized numpy: each plan's open days counted, then the k-th open day from its start, all at once."""
    counts = np.busday_count(starts, starts + np.timedelta64(56, "D"), busdaycal=calendar)
    rows = int(counts.sum())
    plan = np.repeat(np.arange(starts.shape[0], dtype=np.int32), counts)
    k = np.arange(rows) - np.repeat(np.cumsum(counts) - counts, counts)
    date = np.busday_offset(np.repeat(starts, counts), k, roll="forward", busdaycal=calendar)
    local_start = date.astype("datetime64[m]") + np.repeat(np.asarray(track_minutes)[tracks], counts).astype(
        "timedelta64[m]")
    return {"plan": plan, "date": date, "local_start": local_start, "minutes": np.full(rows, minutes, np.int16),
            "kind": np.zeros(rows, np.uint8)}


COLUMN_DTYPES = {"plan": np.int32, "date": "datetime64[D]", "local_start": "datetime64[m]", "minutes": np.int16,
                 "kind": np.uint8}


def write_floor(columns):
    """The floor: every column of the answer written once, nothing computed."""
    for column in columns.values():
        column.fill(1)
    return columns


def write_floor_allocating(rows):
    return write_floor({name: np.empty(rows, dtype) for name, dtype in COLUMN_DTYPES.items()})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=200_000, help="plans for iop, numpy and the floor (default 200,000)")
    parser.add_argument("--pandas-plans", type=int, default=1_000, help="plans for pandas (default 1,000)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each version; the fastest counts")
    args = parser.parse_args()

    program = program_days_only()
    preset = program.holiday_preset
    holidays = peer_holidays(preset)
    track_minutes = [int(t["start"][:2]) * 60 + int(t["start"][3:]) for t in program.tracks]
    minutes = program.to_dict()["minutes_per_day"]
    calendar = np.busdaycalendar(weekmask=WEEKMASK,
                                 holidays=holidays.holidays("2025-12-01", "2028-01-31").values.astype("datetime64[D]"))

    # Agreement on the plans pandas builds.
    starts, tracks = cohort(args.pandas_plans)
    ours = iop_batch(program, starts, tracks)
    pandas_seconds, theirs = best_of(1, pandas_version, starts, tracks, track_minutes, holidays)
    assert np.array_equal(ours["plan"], theirs["plan"].to_numpy()), "plans differ"
    assert np.array_equal(ours["date"], theirs["date"].to_numpy().astype("datetime64[D]")), "dates differ"
    assert np.array_equal(ours["local_start"], theirs["local_start"].to_numpy().astype("datetime64[m]")), "times differ"

    starts, tracks = cohort(args.plans)
    iop_seconds, rows = best_of(args.repeats, iop_batch, program, starts, tracks)
    one_seconds, _ = best_of(args.repeats, iop_batch, program, starts, tracks, 1)
    numpy_seconds, vectorized = best_of(args.repeats, numpy_version, starts, tracks, track_minutes, minutes, calendar)
    for name, dtype in COLUMN_DTYPES.items():
        assert vectorized[name].dtype == rows[name].dtype == np.dtype(dtype), f"{name}: the dtypes differ"
        assert np.array_equal(vectorized[name], rows[name]), f"iop and numpy differ in {name}"
    count = rows["plan"].shape[0]
    preallocated = {n: np.empty(count, d) for n, d in COLUMN_DTYPES.items()}
    into_seconds, into = best_of(args.repeats, iop_batch, program, starts, tracks, None, preallocated)
    into_one_seconds, _ = best_of(args.repeats, iop_batch, program, starts, tracks, 1, preallocated)
    for name in COLUMN_DTYPES:
        assert np.array_equal(into[name], rows[name]), f"iop's out= columns differ in {name}"
    floor_seconds, _ = best_of(args.repeats, write_floor, {n: np.empty(count, d) for n, d in COLUMN_DTYPES.items()})
    allocating_seconds, _ = best_of(args.repeats, write_floor_allocating, count)

    rate = lambda plans, seconds: plans / seconds  # noqa: E731
    iop_rate, one_rate = rate(args.plans, iop_seconds), rate(args.plans, one_seconds)
    into_rate, into_one_rate = rate(args.plans, into_seconds), rate(args.plans, into_one_seconds)
    floor_rate, allocating_rate = rate(args.plans, floor_seconds), rate(args.plans, allocating_seconds)
    numpy_rate, pandas_rate = rate(args.plans, numpy_seconds), rate(args.pandas_plans, pandas_seconds)
    size = sum(column.nbytes for column in rows.values())
    print(f"holidays: {preset} (the program's preset) in iop; the same rules from pandas in the peers; {load()}")
    print(f"sessions agree: iop and pandas on {args.pandas_plans:,} plans ({len(theirs):,} sessions), "
          f"iop and numpy on {args.plans:,} plans ({count:,} sessions, {size / 2**20:,.0f} MiB of columns)")
    print(f"write floor (numpy fills the preallocated columns): {floor_rate:>12,.0f} plans/s")
    print(f"write floor, allocating the columns:                {allocating_rate:>12,.0f} plans/s")
    print(f"iop.build_calendars(out=...), every core:           {into_rate:>12,.0f} plans/s  "
          f"({into_rate / floor_rate:.0%} of the floor)")
    print(f"iop.build_calendars(out=...), one thread:           {into_one_rate:>12,.0f} plans/s  "
          f"({into_one_rate / floor_rate:.0%} of the floor)")
    print(f"iop.build_calendars, every core:                    {iop_rate:>12,.0f} plans/s  "
          f"({iop_rate / allocating_rate:.0%} of the allocating floor)")
    print(f"iop.build_calendars, one thread:                    {one_rate:>12,.0f} plans/s  "
          f"({one_rate / allocating_rate:.0%} of the allocating floor)")
    print(f"numpy busday_count + busday_offset:                 {numpy_rate:>12,.0f} plans/s")
    print(f"pandas CustomBusinessDay:                           {pandas_rate:>12,.0f} plans/s  ({args.pandas_plans:,} plans)")
    print(f"ratio iop / numpy: {iop_rate / numpy_rate:,.1f}x; iop / pandas: {iop_rate / pandas_rate:,.0f}x")


if __name__ == "__main__":
    main()
