"""Static checks of iop's types (mypy --strict runs on this file in `make test`; it also runs as a script).

Each assert_type states what a call returns; a stub that drifts from the bindings fails here.
"""

import datetime
import decimal
import fractions
import json
import pathlib
from typing import Any, Literal, assert_type

import numpy as np

import iop
import iop.parity

ROOT = pathlib.Path(__file__).resolve().parents[2]

# core
money = iop.Money("$12.34")
assert_type(money, iop.Money)
assert_type(money * 3, iop.Money)
assert_type(money * iop.Rate("20%"), iop.Money)
assert_type(money * decimal.Decimal("0.2"), iop.Money)
assert_type(money * fractions.Fraction(1, 3), iop.Money)
assert_type(3 * money, iop.Money)
assert_type(sum([money, money]), iop.Money | Literal[0])
assert_type(abs(-money), iop.Money)
assert_type(money.cents, int)
assert_type(money.to_decimal(), decimal.Decimal)
assert_type(float(money), float)
assert_type(format(money, ",.2f"), str)
assert_type(iop.Money.from_cents(np.int64(5)), iop.Money)
rate = iop.Rate(fractions.Fraction(1, 8))
assert_type(rate.to_decimal(), decimal.Decimal)
assert_type(rate.to_fraction(), fractions.Fraction)
assert_type(iop.parse_date("2026-03-02", "plan.start_date"), datetime.date)
t = iop.ZonedTime.at(np.datetime64("2026-03-09"), "18:00", "America/Los_Angeles")
assert_type(t.utc, datetime.datetime)
assert_type(t < iop.ZonedTime("2026-03-09T20:00", "America/New_York"), bool)

# plan, calendar
plan = iop.TreatmentPlan.from_dict(json.loads((ROOT / "examples" / "plan.json").read_text()))
assert_type(plan, iop.TreatmentPlan)
assert_type(plan.to_dict(), dict[str, Any])
calendar = iop.build_calendar(plan, events=[{"kind": "attendance", "date": datetime.date(2026, 3, 2),
                                             "status": "attended"}])
assert_type(calendar, iop.SessionCalendar)
assert_type(calendar[0], iop.Session)
assert_type(calendar[1:3], list[iop.Session])
assert_type(list(calendar), list[iop.Session])
assert_type(calendar[0].start, iop.ZonedTime)
assert_type(calendar[0].date, datetime.date)
assert_type(iop.SessionCalendar.from_dict(calendar.to_dict()), iop.SessionCalendar)
holidays = iop.HolidayCalendar.us_federal().with_closure(datetime.date(2026, 12, 24), "Christmas Eve")
assert_type(holidays.next_open_day("2026-12-24"), datetime.date)
assert_type(iop.HolidayCalendar.from_dict(holidays.to_dict()), iop.HolidayCalendar)
columns = iop.build_calendars(["2026-06-29"], 8, 4, track="evening")

# billing
coverage = iop.Coverage.self_pay()
estimate = iop.estimate_cost(calendar, coverage, basis="attended", as_of=datetime.date(2026, 3, 9))
assert_type(estimate.patient, iop.Money)
assert_type(estimate.warnings, list[str])
simulation = iop.simulate_costs(plan, coverage, runs=20, seed=np.uint64(7))
assert_type(simulation, iop.MonteCarloResult)
assert_type(simulation.patient_p50, iop.Money)
assert_type(simulation.attendance, iop.Rate)
fees = iop.FeeSchedule.per_diem("clinic", decimal.Decimal("300.00"))
assert_type(iop.poverty_guideline(2026, 4), iop.Money)
assert_type(iop.income_share_of_poverty("40000.00", 2026, 3), iop.Rate)
gfes = iop.good_faith_estimates(calendar, {
    "patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"}, "diagnosis_codes": ["F33.1"],
    "provider": {"name": "LA IOP", "npi": "1234567893", "tin": "12-3456789",
                 "locations": [{"address": "Los Angeles", "state": "CA"}]},
    "scheduled_on": "2026-02-16"}, fees)
assert_type(gfes, list[iop.GoodFaithEstimate])
assert_type(gfes[0].issue_by, datetime.date | None)
assert_type(iop.good_faith_estimates_html(gfes), str)

# parity and the package
report = iop.parity.analyse(json.loads((ROOT / "examples" / "design.json").read_text()))
assert_type(report, iop.parity.ParityReport)
assert_type(report.passes, bool)
assert_type(iop.parity.rule_set(datetime.date(2026, 1, 1)), list[dict[str, Any]])
assert_type(iop.schema("estimate"), dict[str, Any])

try:
    iop.Money("1.234")
except iop.ValidationError as error:
    assert_type(error.field, str)
