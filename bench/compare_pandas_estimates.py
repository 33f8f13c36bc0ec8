"""Patient cost estimates for a cohort: iop's batch path against pandas/numpy versions.

Every version estimates the same courses: eight weeks, four days a week
(Monday, Tuesday, Thursday, Friday), the program's holiday preset skipped (the
engine takes the preset the program names; the peers build the same holidays
from pandas' own rules, and the script prints which), a $300 per diem,
a $500 deductible, 20% coinsurance (rounded to the cent, halves up) and a
$2,500 out-of-pocket maximum, plan years starting January 1, for plans starting
on random days of 2026 (so some courses cross into 2027 and reset).

- pandas (straightforward): per patient, the days from ``pd.date_range`` with
  ``CustomBusinessDay`` and the preset's holidays, then a loop over the
  days carrying the deductible and out-of-pocket accumulators, as an analyst
  would first write it;
- numpy (vectorized): the same days from array arithmetic and a holiday mask,
  and the adjudication as grouped cumulative sums (a careful rewrite);
- iop: ``iop.estimate_costs``.

The script checks that all three agree to the cent, then prints estimates per
second and the ratios. Run after ``make demo``:

    .venv/bin/python bench/compare_pandas_estimates.py [--plans 200000] [--pandas-plans 500]
"""

import argparse

import numpy as np
import pandas as pd
from pandas.tseries.offsets import CustomBusinessDay

import iop
from _timing import best_of, load, peer_holidays, program_days_only

PER_DIEM, DEDUCTIBLE, COINSURANCE_BP, OOP = 30000, 50000, 2000, 250000  # cents, basis points




def cohort(n, seed=7):
    random = np.random.default_rng(seed)
    return np.datetime64("2026-01-01") + random.integers(0, 365, n).astype("timedelta64[D]")


def iop_version(program, starts):
    out = iop.estimate_costs(starts, 8, 4, per_diem_cents=PER_DIEM, deductible_cents=DEDUCTIBLE,
                             coinsurance_bp=COINSURANCE_BP, out_of_pocket_max_cents=OOP, programs=[program])
    return out["patient_cents"]


def pandas_version(starts, holidays):
    business_days = CustomBusinessDay(weekmask="Mon Tue Thu Fri", calendar=holidays)
    patient = []
    for start in pd.to_datetime(starts):
        days = pd.date_range(start, start + pd.Timedelta(days=55), freq=business_days)
        year, deductible_met, oop_met, total = None, 0, 0, 0
        for day in days:
            if day.year != year:  # plan year starts January 1
                year, deductible_met, oop_met = day.year, 0, 0
            deductible = min(PER_DIEM, max(DEDUCTIBLE - deductible_met, 0))
            coinsurance = ((PER_DIEM - deductible) * COINSURANCE_BP + 5000) // 10000
            paid = min(deductible + coinsurance, max(OOP - oop_met, 0))
            deductible_met += min(deductible, paid)
            oop_met += paid
            total += paid
        patient.append(total)
    return np.array(patient, dtype=np.int64)


def numpy_version(starts, holidays):
    n = starts.shape[0]
    closed = holidays.holidays("2025-12-01", "2028-01-31").values.astype("datetime64[D]")
    offsets = np.arange(56)
    days = starts[:, None] + offsets[None, :].astype("timedelta64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 0 = Monday
    keep = np.isin(weekday, [0, 1, 3, 4]) & ~np.isin(days, closed)
    plan = np.repeat(np.arange(n), 56).reshape(n, 56)[keep]
    day = days[keep]
    year = day.astype("datetime64[Y]").astype(np.int64)
    frame = pd.DataFrame({"plan": plan, "year": year, "allowed": np.full(plan.shape[0], PER_DIEM, dtype=np.int64)})
    groups = frame.groupby(["plan", "year"], sort=False)
    before = groups["allowed"].cumsum().to_numpy() - frame["allowed"].to_numpy()
    deductible = np.minimum(PER_DIEM, np.maximum(DEDUCTIBLE - before, 0))
    coinsurance = ((PER_DIEM - deductible) * COINSURANCE_BP + 5000) // 10000
    frame["share"] = deductible + coinsurance
    capped = np.minimum(frame.groupby(["plan", "year"], sort=False)["share"].cumsum().to_numpy(), OOP)
    frame["capped"] = capped
    previous = frame.groupby(["plan", "year"], sort=False)["capped"].shift(1, fill_value=0).to_numpy()
    frame["paid"] = capped - previous
    return frame.groupby("plan")["paid"].sum().reindex(range(n), fill_value=0).to_numpy()




def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=200_000, help="plans for iop and numpy (default 200,000)")
    parser.add_argument("--pandas-plans", type=int, default=500, help="plans for the pandas loop (default 500)")
    args = parser.parse_args()
    program = program_days_only()
    holidays = peer_holidays(program.holiday_preset)

    small = cohort(args.pandas_plans)
    pandas_seconds, theirs = best_of(1, pandas_version, small, holidays)
    ours = iop_version(program, small)
    assert np.array_equal(ours, theirs), "iop and pandas disagree"
    assert np.array_equal(numpy_version(small, holidays), theirs), "numpy and pandas disagree"

    starts = cohort(args.plans)
    iop_seconds, ours = best_of(3, iop_version, program, starts)
    numpy_seconds, vectorized = best_of(1, numpy_version, starts, holidays)
    assert np.array_equal(ours, vectorized), "iop and numpy disagree"

    iop_rate = args.plans / iop_seconds
    numpy_rate = args.plans / numpy_seconds
    pandas_rate = args.pandas_plans / pandas_seconds
    print(f"holidays: {program.holiday_preset} (the program's preset) in iop; the same rules from pandas in the peers; "
          f"{load()}")
    print(f"patient costs agree to the cent on {args.pandas_plans:,} plans (pandas) and {args.plans:,} plans (numpy)")
    print(f"iop.estimate_costs:            {iop_rate:>13,.0f} estimates/s")
    print(f"numpy/pandas vectorized:       {numpy_rate:>13,.0f} estimates/s")
    print(f"pandas straightforward loop:   {pandas_rate:>13,.0f} estimates/s")
    print(f"ratio iop / pandas loop: {iop_rate / pandas_rate:,.0f}x; iop / vectorized: {iop_rate / numpy_rate:,.1f}x")


if __name__ == "__main__":
    main()
