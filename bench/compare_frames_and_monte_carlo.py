"""Per-patient frames and Monte Carlo ranges: iop against today's path and a numpy peer, side by side.

1. One patient's 12-week calendar as a DataFrame: ``SessionCalendar.to_pandas()``
   (columns built in C++, the frame assembled from them) against today's path
   (the Python loop over session dicts that built it before, kept here verbatim).
   Both are checked to hold the same sessions.
2. One patient's 1,000-run Monte Carlo: ``iop.simulate_costs`` (every length of
   stay priced once, runs only adjudicated, in C++ without the GIL) against a
   numpy version vectorized over the runs (the strongest plain-numpy peer we
   wrote). They draw from different generators, so they are checked to agree on
   P10/P50/P90 within sampling error at 20,000 runs. Today's path (each run priced
   in full) is timed in C++: BM_SimulateCostsPricingEachRun in iop_bench.
3. A cohort's Monte Carlo: ``iop.simulate_cohort_costs`` for 10,000 patients x
   1,000 runs on one thread and on every core (checked to give the same figures),
   and patient 0 checked against ``iop.simulate_costs``.

Run after ``make demo``: ``.venv/bin/python bench/compare_frames_and_monte_carlo.py``
"""

import argparse
import json
import os
import pathlib

import numpy as np
import pandas as pd
from pandas.tseries.offsets import CustomBusinessDay

import iop
from _timing import best_of, load, peer_holidays

ROOT = pathlib.Path(__file__).resolve().parents[1]


# --- 1. frames -----------------------------------------------------------------------------------

def today_to_pandas(calendar):
    """The frame as it was built before: a Python loop over the session dicts, then pandas conversions."""
    sessions = calendar.to_dict()["sessions"]
    rows = []
    for s in sessions:
        zone = s["start"]["zone"]
        rows.append({
            "uid": s["uid"], "kind": s["kind"], "date": pd.Timestamp(s["date"]).date(), "week": s["week"],
            "track": s["track"], "start": pd.Timestamp(s["start"]["utc"]).tz_convert(zone),
            "end": pd.Timestamp(s["end"]["utc"]).tz_convert(zone), "start_utc": pd.Timestamp(s["start"]["utc"]),
            "end_utc": pd.Timestamp(s["end"]["utc"]), "minutes": s["minutes"], "status": s["status"],
            "codes": ";".join(b["billing_code"] for b in s["blocks"]), "note": s.get("note", ""),
        })
    frame = pd.DataFrame(rows)
    if not frame.empty:
        zones = {s["start"]["zone"] for s in sessions}
        if len(zones) == 1:
            zone = zones.pop()
            frame["start"] = pd.to_datetime(frame["start_utc"]).dt.tz_convert(zone)
            frame["end"] = pd.to_datetime(frame["end_utc"]).dt.tz_convert(zone)
    return frame


def frames(repeats):
    plan = json.loads((ROOT / "examples" / "plan.json").read_text())
    plan.update(problems=[], weeks=12)
    events = [{"kind": "attendance", "date": "2026-03-02", "status": "attended"},
              {"kind": "attendance", "date": "2026-03-04", "status": "missed"}]
    calendar = iop.build_calendar(iop.TreatmentPlan.from_dict(plan), events=events)
    ours, theirs = calendar.to_pandas(), today_to_pandas(calendar)
    assert ours["date"].dt.date.tolist() == theirs["date"].tolist(), "dates differ"
    assert ours["start"].equals(theirs["start"]) and ours["end"].equals(theirs["end"]), "instants differ"
    assert ours["status"].astype(str).tolist() == theirs["status"].tolist(), "statuses differ"
    assert ours["minutes"].tolist() == theirs["minutes"].tolist(), "minutes differ"
    new = min(best_of(1, calendar.to_pandas)[0] for _ in range(repeats))
    old = min(best_of(1, today_to_pandas, calendar)[0] for _ in range(max(20, repeats // 20)))
    print(f"frames agree on {len(ours)} sessions of a 12-week calendar")
    print(f"SessionCalendar.to_pandas():            {new * 1e6:10.1f} us   (target at most 100 us)")
    print(f"today's path (Python loop over dicts):  {old * 1e6:10.1f} us   ratio {old / new:,.0f}x")


# --- 2. one patient's Monte Carlo ------------------------------------------------------------------

PER_DIEM, DEDUCTIBLE, BP, OOP = 30000, 50000, 2000, 300000  # cents; coinsurance in basis points


def program_weeks(start, holidays):
    """The program week of each open day of 12 weeks from ``start`` (Mon Tue Thu Fri, ``holidays`` skipped),
    computed once: the Monte Carlo below is timed on its own."""
    business = CustomBusinessDay(weekmask="Mon Tue Thu Fri", calendar=holidays)
    days = pd.date_range(start, start + pd.Timedelta(weeks=12) - pd.Timedelta(days=1), freq=business)
    return ((days - start).days // 7).to_numpy()


def numpy_monte_carlo(week, runs, seed, attendance=0.85):
    """6 to 12 weeks uniform, each day attended with probability ``attendance``; one plan year; adjudicated
    over all runs at once (a loop over the days, numpy across the runs)."""
    days = week
    random = np.random.default_rng(seed)
    weeks = random.integers(6, 13, runs)
    charged = (random.random((runs, len(days))) < attendance) & (week[None, :] < weeks[:, None])
    deductible_left = np.full(runs, DEDUCTIBLE, np.int64)
    room = np.full(runs, OOP, np.int64)
    patient = np.zeros(runs, np.int64)
    charges = charged.sum(axis=1) * PER_DIEM
    for d in range(len(days)):
        amount = np.where(charged[:, d], PER_DIEM, 0)
        deductible = np.minimum(amount, deductible_left)
        rest = amount - deductible
        share = deductible + (rest * BP + 5000) // 10000
        paid = np.minimum(share, room)
        deductible_left -= np.minimum(deductible, paid)
        room -= paid
        patient += paid
    return [int(np.percentile(v, p, method="inverted_cdf")) for v in (patient, charges) for p in (10, 50, 90)]


def monte_carlo_inputs(start):
    """The same course and terms as the numpy version, built once (as the numpy version's days are)."""
    plan = iop.TreatmentPlan.from_dict({
        "id": "mc", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": start, "weeks": 8, "days_per_week": 4, "track": "morning",
        "payer": "commercial"})
    coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500.00"},
                                       "coinsurance": "20%", "out_of_pocket_max": {"individual": "3000.00"}})
    program = iop.ProgramTemplate.from_dict({**iop.find_program("la-depression-iop").to_dict(),
                                             "medication_management": None})
    return plan, coverage, iop.FeeSchedule.per_diem("clinic", "300.00"), program


def iop_monte_carlo(inputs, runs, seed, attendance="85%"):
    plan, coverage, fees, program = inputs
    r = iop.simulate_costs(plan, coverage, fees, program=program, runs=runs, seed=seed, attendance=attendance,
                           length_of_stay="uniform")  # 6..12 weeks, the program's bounds, as numpy draws them
    return [m.cents for m in (r.patient_p10, r.patient_p50, r.patient_p90, r.charges_p10, r.charges_p50, r.charges_p90)]


def one_patient(repeats):
    start = pd.Timestamp("2026-03-02")
    inputs = monte_carlo_inputs(start.date())
    preset = inputs[3].holiday_preset
    week = program_weeks(start, peer_holidays(preset))
    ours, theirs = iop_monte_carlo(inputs, 20_000, 1), numpy_monte_carlo(week, 20_000, 1)
    for a, b, name in zip(ours, theirs, ("patient P10", "patient P50", "patient P90", "charges P10", "charges P50",
                                          "charges P90")):
        assert abs(a - b) <= 0.02 * max(a, b) + PER_DIEM, f"{name}: iop {a} vs numpy {b}"
    new = best_of(repeats, iop_monte_carlo, inputs, 1000, 7)[0]
    peer = best_of(repeats, numpy_monte_carlo, week, 1000, 7)[0]
    print(f"holidays: {preset} (the program's preset) in iop; the same rules from pandas in numpy's days; {load()}")
    print(f"P10/P50/P90 agree within sampling error at 20,000 runs: iop {ours[:3]}, numpy {theirs[:3]} (cents)")
    print(f"iop.simulate_costs, 1,000 runs:         {new * 1e3:10.2f} ms   (target at most 5 ms)")
    print(f"numpy, vectorized over the runs:        {peer * 1e3:10.2f} ms   ratio {peer / new:,.1f}x")


# --- 3. a cohort's Monte Carlo ---------------------------------------------------------------------

def cohort(patients, runs):
    random = np.random.default_rng(3)
    starts = np.datetime64("2026-01-01") + random.integers(0, 365, patients).astype("timedelta64[D]")
    tracks = random.integers(0, 3, patients)
    terms = dict(per_diem="300.00", deductible="500.00", coinsurance="20%", out_of_pocket_max="3000.00")
    timed = {}
    for threads in (1, None):  # one thread, then every core: the same figures for the seed
        timed[threads] = best_of(1, lambda: iop.simulate_cohort_costs(starts, 4, track=tracks, runs=runs, seed=11,
                                                                          threads=threads, **terms))
    (one_seconds, one), (seconds, out) = timed[1], timed[None]
    assert all(np.array_equal(one[name], out[name]) for name in out), "the threads changed the figures"
    first = iop.TreatmentPlan.from_dict({
        "id": "c0", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": starts[0], "weeks": 8, "days_per_week": 4,
        "track": ["morning", "afternoon", "evening"][tracks[0]], "payer": "commercial"})
    coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500.00"},
                                       "coinsurance": "20%", "out_of_pocket_max": {"individual": "3000.00"}})
    # The cohort kernel draws the stay over the program's weeks: simulate_costs does so when asked by name.
    single = iop.simulate_costs(first, coverage, iop.FeeSchedule.per_diem("clinic", "300.00"), runs=runs, seed=11,
                                length_of_stay="uniform")
    assert single.patient_p50.cents == out["patient_p50_cents"][0], "patient 0 differs from simulate_costs"
    courses = patients * runs
    print(f"patient 0 of the cohort equals iop.simulate_costs (P50 {single.patient_p50}); the figures on one thread "
          f"equal those on {os.cpu_count()} cores")
    print(f"iop.simulate_cohort_costs, {patients:,} patients x {runs:,} runs, one thread: {one_seconds:8.2f} s "
          f"({courses / one_seconds:,.0f} courses/s)")
    print(f"iop.simulate_cohort_costs, {patients:,} patients x {runs:,} runs, every core: {seconds:8.2f} s "
          f"({courses / seconds:,.0f} courses/s, {one_seconds / seconds:.2f}x one thread; target at least 1.8x on 2 cores)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patients", type=int, default=10_000, help="cohort size (default 10,000)")
    parser.add_argument("--runs", type=int, default=1000, help="Monte Carlo runs per patient (default 1,000)")
    parser.add_argument("--repeats", type=int, default=200, help="repeats of the small timings (best is kept)")
    args = parser.parse_args()
    frames(args.repeats)
    one_patient(max(5, args.repeats // 20))
    cohort(args.patients, args.runs)


if __name__ == "__main__":
    main()
