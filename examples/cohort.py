"""A cohort: sessions as a frame, estimates with attendance, and Monte Carlo ranges per patient.

Run with the project's environment: .venv/bin/python examples/cohort.py
"""

import datetime

import numpy as np

import iop

# Twelve patients starting on Mondays through the summer, 8 weeks, 3 to 5 days, on Program A's tracks.
starts = np.array([datetime.date(2026, 6, 1) + datetime.timedelta(weeks=2 * i) for i in range(12)], dtype="datetime64[D]")
days = np.array([3, 4, 5] * 4)
tracks = ["morning", "afternoon", "evening"] * 4

sessions = iop.build_calendars(starts, 8, days, track=tracks, as_frame=True)
program_days = sessions[sessions["kind"] == "program_day"]
print(f"{len(sessions)} sessions, {len(program_days)} program days; busiest week starts "
      f"{program_days.groupby(program_days['date'].dt.to_period('W'))['plan'].count().idxmax()}")

# Every amount and rate says its unit: Money, '300.00' or Decimal; '20%'; integers only as *_cents= or *_bp=.
scheduled = iop.estimate_costs(starts, 8, days, track=tracks, per_diem="300.00", deductible="500.00",
                               coinsurance="20%", out_of_pocket_max="3000.00")
attended = iop.estimate_costs(starts, 8, days, track=tracks, per_diem_cents=30000, deductible_cents=50000,
                              coinsurance_bp=2000, out_of_pocket_max_cents=300000, attendance="85%")
print(f"patients pay {iop.Money.from_cents(int(scheduled['patient_cents'].sum()))} if every session is attended, "
      f"{iop.Money.from_cents(int(attended['patient_cents'].sum()))} at 85% attendance")

ranges = iop.simulate_cohort_costs(starts, days, track=tracks, runs=1000, seed=7, per_diem="300.00",
                                   deductible="500.00", coinsurance="20%", out_of_pocket_max="3000.00")
p10, p90 = ranges["patient_p10_cents"], ranges["patient_p90_cents"]
print(f"first patient pays {iop.Money.from_cents(int(p10[0]))} to {iop.Money.from_cents(int(p90[0]))} (P10 to P90)")

# Patient 0 of the cohort is simulated with seed 7 + 0: the same as one patient's Monte Carlo.
plan = iop.TreatmentPlan.from_dict({
    "id": "cohort-0", "patient_id": "p0", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
    "program": "la-depression-iop", "start_date": starts[0], "weeks": 8, "days_per_week": days[0],
    "track": "morning", "payer": "commercial"})
coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500.00"}, "coinsurance": "20%",
                                   "out_of_pocket_max": {"individual": "3000.00"}})
one = iop.simulate_costs(plan, coverage, iop.FeeSchedule.per_diem("clinic", "300.00"), runs=1000, seed=7,
                         length_of_stay="uniform")  # the cohort draws stays over the program's weeks
assert one.patient_p10.cents == p10[0] and one.patient_p90.cents == p90[0]
print(f"the same from simulate_costs: {one.patient_p10} to {one.patient_p90}")
