"""No silent coercion: every public callable, every parameter, every kind of Python value.

For each parameter the table says what it takes (its kind) and a valid value. Each
probe — int, bool, float, Decimal, Fraction, numpy int and float scalars, dates,
naive and aware datetimes, pandas Timestamps, None, NaN, text, a wrong-dimension
array, out-of-range integers — is passed in its place, and the outcome must be one of:

* a TypeError (a wrong type);
* an iop.Error carrying its field, value, problem and allowed text;
* a result, only when the kind accepts the probe exactly, and then equal to the result
  of the probe's exact value (``Decimal('8')`` as a count gives what ``8`` gives; a
  naive midnight ``Timestamp`` as a date gives what the date gives).

The accepted types per kind are the table in docs/python.md.
"""

import datetime
import decimal
import enum
import fractions
import inspect
import json
import math
import pathlib
import re

import numpy as np
import pandas as pd
import pytest

import iop
import iop.parity as parity
import iop.plot as plot

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = decimal.Decimal
F = fractions.Fraction
UTC = datetime.timezone.utc
REFUSE = object()


def example(name):
    return json.loads((ROOT / "examples" / name).read_text())


PLAN = iop.TreatmentPlan.from_dict(example("plan.json"))
CALENDAR = iop.build_calendar(PLAN)
CASE = example("case.json")
COVERAGE = iop.Coverage.from_dict(CASE["coverage"])
FEES = iop.FeeSchedule.from_dict(CASE["fee_schedule"])
FEDERAL = iop.HolidayCalendar.us_federal()
ZONE = iop.TimeZone("America/Chicago")
DESIGN = example("design.json")


# --- the probes -------------------------------------------------------------------------------

def probes(baseline):
    """Every kind of value, built around a valid ``baseline`` where the kind is numeric or a date."""
    n = baseline if isinstance(baseline, int) and not isinstance(baseline, bool) else 8
    day = baseline if type(baseline) is datetime.date else datetime.date(2026, 3, 2)
    return [
        ("int", n), ("bool", True), ("float", float(n)), ("float fraction", n + 0.5),
        ("Decimal", D(n)), ("Decimal fraction", D(n) + D("0.5")), ("Fraction", F(n)), ("Fraction half", F(2 * n + 1, 2)),
        ("numpy int64", np.int64(n)), ("numpy uint8", np.uint8(min(n, 255))), ("numpy float64", np.float64(n)),
        ("numpy bool", np.bool_(True)),
        ("date", day), ("datetime midnight", datetime.datetime.combine(day, datetime.time())),
        ("datetime 10:00", datetime.datetime.combine(day, datetime.time(10))),
        ("datetime aware", datetime.datetime.combine(day, datetime.time(10), UTC)),
        ("Timestamp midnight", pd.Timestamp(day)), ("Timestamp aware", pd.Timestamp(day, tz="America/Chicago")),
        ("datetime64 day", np.datetime64(day, "D")), ("datetime64 noon", np.datetime64(day, "h") + 12),
        ("NaT", pd.NaT), ("None", None), ("NaN", math.nan), ("text number", str(n)), ("text date", day.isoformat()),
        ("text", "nonsense"), ("2-D array", np.array([[n]])), ("list", [n]), ("dict", {"a": n}),
        ("huge int", 2**70), ("negative huge int", -(2**70)), ("negative int", -1),
    ]


# --- the kinds: what each accepts, as the exact value it means ----------------------------------

def is_int(v):
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def as_integer(v):
    if is_int(v):
        return int(v)
    if isinstance(v, D) and v.is_finite() and v == v.to_integral_value():
        return int(v)
    if isinstance(v, F) and v.denominator == 1:
        return int(v)
    return REFUSE


def as_date(v):
    if v is pd.NaT:
        return REFUSE
    if isinstance(v, pd.Timestamp):
        if v is pd.NaT or v.tz is not None or v != v.normalize():
            return REFUSE
        return v.date()
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None or v.time() != datetime.time():
            return REFUSE
        return v.date()
    if isinstance(v, datetime.date):
        return v
    if isinstance(v, np.datetime64):
        if np.isnat(v) or v.astype("datetime64[D]") != v:
            return REFUSE
        return v.astype("datetime64[D]").item()
    if isinstance(v, str):
        try:
            return iop.parse_date(v)
        except iop.Error:
            return REFUSE
    return REFUSE


def as_money(v, bare_int_is_cents=False):
    if isinstance(v, iop.Money):
        return v
    if is_int(v):
        return iop.Money.from_cents(int(v)) if bare_int_is_cents and abs(int(v)) < 2**63 else REFUSE
    if isinstance(v, str):
        try:
            return iop.Money(v)
        except iop.Error:
            return REFUSE
    if isinstance(v, (D, F)):
        try:
            cents = F(v) * 100 if v == v else None
        except (ValueError, OverflowError):
            return REFUSE
        if cents is None or cents.denominator != 1 or abs(cents) >= 2**63:
            return REFUSE
        return iop.Money.from_cents(int(cents))
    return REFUSE


def as_rate(v):
    if isinstance(v, iop.Rate):
        return v
    if isinstance(v, (str, D, F)):
        try:
            return iop.Rate(v)
        except iop.Error:
            return REFUSE
    return REFUSE


KINDS = {
    "int": as_integer,
    "optional int": lambda v: None if v is None else as_integer(v),
    "date": as_date,
    "optional date": lambda v: None if v is None else as_date(v),
    "money": as_money,
    "money or cents": lambda v: as_money(v, bare_int_is_cents=True),
    "rate": as_rate,
    "optional rate": lambda v: None if v is None else as_rate(v),
    "multiplier": lambda v: as_integer(v) if is_int(v) else (v if isinstance(v, (D, F, iop.Rate)) else REFUSE),
    "str": lambda v: v if isinstance(v, str) else REFUSE,
    "optional str": lambda v: None if v is None else (v if isinstance(v, str) else REFUSE),
    "bool": lambda v: bool(v) if isinstance(v, (bool, np.bool_)) else REFUSE,
    "local time": lambda v: (v if isinstance(v, datetime.datetime) and v.tzinfo is None and v is not pd.NaT
                             else (v if isinstance(v, str) else REFUSE)),
    "instant": lambda v: v if isinstance(v, datetime.datetime) and v is not pd.NaT and v.tzinfo is not None else REFUSE,

    "optional instant": lambda v: None if v is None else (
        v if isinstance(v, datetime.datetime) and v is not pd.NaT and v.tzinfo is not None else REFUSE),
}

# --- the table: every public callable, valid arguments, and the kind of every parameter -----------
#
# "object" parameters take an iop value (or a pandas frame) and refuse every probe; "optional object"
# takes None as "not given"; "document" takes a dict in a JSON form (every probe is refused by the reader).

KINDS["object"] = lambda v: REFUSE
KINDS["optional object"] = lambda v: None if v is None else REFUSE
KINDS["document"] = lambda v: REFUSE
KINDS["optional document"] = lambda v: None if v is None else REFUSE

SESSION = CALENDAR[0]
ESTIMATE = iop.estimate_cost(CALENDAR, COVERAGE, FEES)
REPORT = parity.analyse(DESIGN)
AGGREGATE = parity.claims_aggregate([2], [1], [3500], [10000])
PROGRAM = iop.find_program("la-depression-iop")
SIMULATION = iop.simulate_costs(PLAN, COVERAGE, runs=8)
GFE_REQUEST = {"patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"}, "diagnosis_codes": ["F32.1"],
               "provider": {"name": "LA IOP", "npi": "1234567893", "tin": "12-3456789",
                            "locations": [{"address": "Los Angeles", "state": "CA"}]},
               "scheduled_on": "2026-02-02", "issued_on": "2026-02-02"}
GFE = iop.good_faith_estimates(CALENDAR, GFE_REQUEST)[0]


def from_dicts():
    values = {"CostEstimate": ESTIMATE, "Coverage": COVERAGE, "FeeSchedule": FEES, "GoodFaithEstimate": GFE,
              "HolidayCalendar": FEDERAL, "MonteCarloResult": SIMULATION, "ProgramTemplate": PROGRAM,
              "Recommendation": iop.recommend_level_of_care(phq9=18), "Session": SESSION,
              "SessionCalendar": CALENDAR, "TreatmentPlan": PLAN}
    return [(f"iop.{name}.from_dict", type(value).from_dict, {"document": value.to_dict()}, {"document": "document"})
            for name, value in values.items()]


TABLE = [
    # core
    ("iop.Money.__init__", iop.Money, {"value": "$12.34"}, {"value": "money"}),
    ("iop.Money.from_cents", iop.Money.from_cents, {"cents": 1234}, {"cents": "int"}),
    ("iop.Money.from_dollars", iop.Money.from_dollars, {"dollars": 12}, {"dollars": "int"}),
    ("iop.Money.__mul__", lambda arg0: iop.Money("$100") * arg0, {"arg0": 3}, {"arg0": "multiplier"}),
    ("iop.Money.apply", iop.Money("$100").apply, {"rate": iop.Rate("20%")}, {"rate": "object"}),
    ("iop.Rate.__init__", iop.Rate, {"value": "20%"}, {"value": "rate"}),
    ("iop.Rate.percent", iop.Rate.percent, {"n": 20}, {"n": "int"}),
    ("iop.Rate.basis_points", iop.Rate.basis_points, {"n": 2000}, {"n": "int"}),
    ("iop.Rate.fraction", iop.Rate.fraction, {"numerator": 1, "denominator": 3}, {"numerator": "int", "denominator": "int"}),
    ("iop.parse_date", iop.parse_date, {"text": "2026-03-02"}, {"text": "str", "field": "str"}),
    ("iop.TimeZone.__init__", iop.TimeZone, {"name": "America/Chicago"}, {"name": "str"}),
    ("iop.TimeZone.to_utc", ZONE.to_utc, {"local": datetime.datetime(2026, 1, 15, 13)},
     {"local": "local time", "disambiguation": "object"}),
    ("iop.TimeZone.to_local", ZONE.to_local, {"utc": datetime.datetime(2026, 1, 15, 19, tzinfo=UTC)}, {"utc": "instant"}),
    ("iop.TimeZone.utc_offset", ZONE.utc_offset, {"utc": datetime.datetime(2026, 1, 15, 19, tzinfo=UTC)},
     {"utc": "instant"}),
    ("iop.TimeZone.classify", ZONE.classify, {"local": datetime.datetime(2026, 1, 15, 13)}, {"local": "local time"}),
    ("iop.TimeZone.transitions", ZONE.transitions, {"year": 2026}, {"year": "int"}),
    ("iop.ZonedTime.__init__", iop.ZonedTime, {"local": "2026-03-09T18:00", "zone": "America/Los_Angeles"},
     {"local": "local time", "zone": "str", "disambiguation": "object"}),
    ("iop.ZonedTime.from_utc", iop.ZonedTime.from_utc,
     {"utc": datetime.datetime(2026, 3, 10, 1, tzinfo=UTC), "zone": "America/Los_Angeles"}, {"utc": "instant", "zone": "str"}),
    ("iop.ZonedTime.at", iop.ZonedTime.at,
     {"day": datetime.date(2026, 3, 9), "time_of_day": "18:00", "zone": "America/Los_Angeles"},
     {"day": "date", "time_of_day": "str", "zone": "str", "disambiguation": "object"}),
    # clinical
    ("iop.IcdCode.__init__", iop.IcdCode, {"code": "F33.1"}, {"code": "str"}),
    ("iop.find_condition", iop.find_condition, {"code": "F33.1"}, {"code": "str"}),
    ("iop.severity_of", iop.severity_of, {"measure": "PHQ-9", "total": 12}, {"total": "int", "measure": "str"}),
    ("iop.Phq9.__init__", iop.Phq9, {"items": [2, 2, 1, 2, 1, 1, 2, 1, 0]}, {"items": "object"}),
    ("iop.Gad7.__init__", iop.Gad7, {"items": [3, 3, 3, 2, 2, 1, 1]}, {"items": "object"}),
    ("iop.Trajectory.__init__", iop.Trajectory, {"measure": "PHQ-9", "scores": [("2026-03-02", 18)]},
     {"measure": "str", "scores": "object"}),
    ("iop.compare_with_weekly_therapy", iop.compare_with_weekly_therapy, {"weekly_minutes": 540}, {"weekly_minutes": "int"}),
    ("iop.psychotherapy_code_for_minutes", iop.psychotherapy_code_for_minutes, {"minutes": 45}, {"minutes": "int"}),
    ("iop.WeeklyHoursBounds.contains", iop.weekly_hours_bounds("IOP").contains, {"minutes": 540}, {"minutes": "int"}),
    ("iop.weekly_hours_bounds", iop.weekly_hours_bounds, {"level": "IOP"}, {"level": "str", "age_group": "object"}),
    ("iop.recommend_level_of_care", iop.recommend_level_of_care, {"phq9": 18},
     {"phq9": "optional int", "gad7": "optional int", "age": "optional int", "intake": "optional document",
      "flags": "object", "current_level": "optional object", "rules": "optional document"}),
    ("iop.level_code", iop.level_code, {"level": "IOP"}, {"level": "str"}),
    ("iop.asam_level", iop.asam_level, {"level": "IOP"}, {"level": "str"}),
    ("iop.locus_level", iop.locus_level, {"level": "IOP"}, {"level": "str"}),
    # plan
    ("iop.find_program", iop.find_program, {"id": "la-depression-iop"}, {"id": "str"}),
    ("iop.ProgramTemplate.weekly_minutes", PROGRAM.weekly_minutes, {"days": 3}, {"days": "int"}),
    ("iop.ProgramTemplate.payer_acceptance", PROGRAM.payer_acceptance, {"payer": "commercial"}, {"payer": "str"}),
    ("iop.ProgramTemplate.offers_telehealth_in", PROGRAM.offers_telehealth_in, {"state": "CA"}, {"state": "str"}),
    ("iop.TreatmentPlan.review", PLAN.review, {"scores": [("2026-03-09", 14)], "not_improving_weeks": 4},
     {"not_improving_weeks": "int", "scores": "object"}),
    ("iop.TreatmentPlan.review", lambda total: PLAN.review([("2026-03-09", total)]), {"total": 14}, {"total": "int"}),
    ("iop.TreatmentPlan.review", lambda day: PLAN.review([(day, 14)]), {"day": datetime.date(2026, 3, 9)}, {"day": "date"}),
    ("iop.TreatmentPlan.check", PLAN.check, {}, {"program": "optional object"}),
    ("iop.TreatmentPlan.to_fhir", PLAN.to_fhir, {}, {"program": "optional object"}),
    # calendar
    ("iop.HolidayCalendar.us_federal", iop.HolidayCalendar.us_federal, {}, {"saturday": "str", "sunday": "str"}),
    ("iop.HolidayCalendar.weekdays_only", iop.HolidayCalendar.weekdays_only, {}, {"name": "str"}),
    ("iop.HolidayCalendar.private_clinic", iop.HolidayCalendar.private_clinic, {}, {"saturday": "str", "sunday": "str"}),
    ("iop.HolidayCalendar.preset", iop.HolidayCalendar.preset, {"name": "private_clinic"}, {"name": "str"}),
    ("iop.HolidayCalendar.without", FEDERAL.without, {"rule": "columbus_day"}, {"rule": "str"}),
    ("iop.HolidayCalendar.is_open", FEDERAL.is_open, {"date": datetime.date(2026, 7, 3)}, {"date": "date"}),
    ("iop.HolidayCalendar.next_open_day", FEDERAL.next_open_day, {"date": datetime.date(2026, 7, 3)}, {"date": "date"}),
    ("iop.HolidayCalendar.adjust", FEDERAL.adjust, {"date": datetime.date(2026, 7, 3)}, {"date": "date"}),
    ("iop.HolidayCalendar.closures_on", FEDERAL.closures_on, {"date": datetime.date(2026, 7, 3)}, {"date": "date"}),
    ("iop.HolidayCalendar.holidays_between", FEDERAL.holidays_between,
     {"first": datetime.date(2026, 1, 1), "last": datetime.date(2026, 12, 31)}, {"first": "date", "last": "date"}),
    ("iop.HolidayCalendar.with_closure", FEDERAL.with_closure, {"date": datetime.date(2026, 12, 24), "reason": "Eve"},
     {"date": "date", "reason": "str"}),
    ("iop.HolidayCalendar.with_closures", FEDERAL.with_closures,
     {"first": datetime.date(2026, 8, 10), "last": datetime.date(2026, 8, 14), "reason": "x"},
     {"first": "date", "last": "date", "reason": "str"}),
    ("iop.HolidayCalendar.with_holiday", FEDERAL.with_holiday, {"date": datetime.date(2026, 3, 14), "name": "Founders"},
     {"date": "date", "name": "str"}),
    ("iop.HolidayCalendar.with_open_weekdays", FEDERAL.with_open_weekdays, {"weekdays": ["monday"]},
     {"weekdays": "object"}),
    ("iop.HolidayCalendar.join", FEDERAL.join, {"other": FEDERAL}, {"other": "object"}),
    ("iop.build_calendar", iop.build_calendar, {"plan": PLAN},
     {"plan": "object", "program": "optional object", "holidays": "optional object", "holiday_policy": "str",
      "events": "optional document"}),
    ("iop.SessionCalendar.to_ics", CALENDAR.to_ics, {}, {"stamp": "optional instant"}),
    ("iop.SessionCalendar.__getitem__", CALENDAR.__getitem__, {"index": 3}, {"index": "int"}),
    # billing
    ("iop.FeeSchedule.per_diem", iop.FeeSchedule.per_diem, {"id": "f", "per_diem": "300.00"},
     {"per_diem": "money", "id": "str"}),
    ("iop.FeeSchedule.medicare", iop.FeeSchedule.medicare, {"year": 2024}, {"year": "int", "setting": "str"}),
    ("iop.estimate_cost", iop.estimate_cost, {"calendar": CALENDAR, "coverage": COVERAGE, "fees": FEES},
     {"calendar": "object", "coverage": "object", "fees": "optional object", "program": "optional object",
      "basis": "str", "primary_substance_use": "bool", "as_of": "optional date"}),
    ("iop.estimate_cost", iop.estimate_cost, {"calendar": CALENDAR, "coverage": COVERAGE, "fees": FEES,
                                              "basis": "attended", "as_of": datetime.date(2026, 4, 1)},
     {"as_of": "date"}),
    ("iop.CostEstimate.to_pandas", ESTIMATE.to_pandas, {}, {"table": "str"}),
    ("iop.estimate_scenario", iop.estimate_scenario, {"plan": PLAN, "coverage": COVERAGE},
     {"plan": "object", "coverage": "object", "fees": "optional object", "program": "optional object",
      "holidays": "optional object", "attendance": "optional rate", "discharge_after_weeks": "optional int",
      "extension_weeks": "int", "holiday_policy": "str", "note": "str", "attendance_sessions": "str",
      "intake_may_be_missed": "bool"}),
    ("iop.simulate_costs", iop.simulate_costs, {"plan": PLAN, "coverage": COVERAGE, "runs": 8},
     {"plan": "object", "coverage": "object", "fees": "optional object", "program": "optional object",
      "holidays": "optional object", "holiday_policy": "str", "runs": "int", "seed": "int",
      "attendance": "optional rate", "min_weeks": "int", "max_weeks": "int", "attendance_sessions": "str",
      "length_of_stay": "str"}),
    ("iop.simulate_costs", iop.simulate_costs, {"plan": PLAN, "coverage": COVERAGE, "runs": 8,
                                                "length_of_stay": "uniform"},
     {"min_weeks": "int", "max_weeks": "int"}),
    ("iop.weekly_load", iop.weekly_load, {"sessions": CALENDAR}, {"sessions": "object"}),
    ("iop.good_faith_estimates", iop.good_faith_estimates, {"calendar": CALENDAR, "request": GFE_REQUEST},
     {"calendar": "object", "request": "document", "fees": "optional object", "program": "optional object",
      "holidays": "optional object"}),
    ("iop.good_faith_estimates_html", iop.good_faith_estimates_html, {"estimates": [GFE]}, {"estimates": "object"}),
    ("iop.is_valid_npi", iop.is_valid_npi, {"npi": "1234567893"}, {"npi": "str"}),
    ("iop.poverty_guideline", iop.poverty_guideline, {"year": 2026, "household_size": 4},
     {"year": "int", "household_size": "int", "area": "str"}),
    ("iop.income_share_of_poverty", iop.income_share_of_poverty, {"income": "40000", "year": 2026, "household_size": 3},
     {"income": "money", "year": "int", "household_size": "int", "area": "str"}),
    # parity and the package
    ("iop.parity.analyse", parity.analyse, {"design": DESIGN}, {"design": "document", "rule_set": "optional str"}),
    ("iop.data_sources", iop.data_sources, {}, {"status": "optional str"}),
    ("iop.parity.report_from_dict", parity.report_from_dict, {"document": REPORT.to_dict()}, {"document": "document"}),
    ("iop.parity.ParityReport.from_dict", parity.ParityReport.from_dict, {"document": REPORT.to_dict()},
     {"document": "document"}),
    ("iop.parity.ClaimsAggregate.from_dict", parity.ClaimsAggregate.from_dict, {"document": AGGREGATE.to_dict()},
     {"document": "document"}),
    ("iop.parity.ClaimsAggregate.merge", AGGREGATE.merge, {"other": AGGREGATE}, {"other": "object"}),
    ("iop.parity.claims_aggregate", parity.claims_aggregate,
     {"classification": [2], "type": [1], "level": [3500], "payment_cents": [10000]},
     {"threads": "optional int", "first_row": "int"}),
    ("iop.parity.rule_set", parity.rule_set, {"plan_year_start": datetime.date(2026, 1, 1)}, {"plan_year_start": "date"}),
    ("iop.parity.report_to_pandas", parity.report_to_pandas, {"report": REPORT}, {"report": "object", "table": "str"}),
    ("iop.parity.dollar_limits_to_pandas", parity.dollar_limits_to_pandas, {"report": REPORT}, {"report": "object"}),
    ("iop.parity.findings_to_pandas", parity.findings_to_pandas, {"report": REPORT}, {"report": "object"}),
    ("iop.parity.design_from_frames", parity.design_from_frames,
     {"medical_surgical": pd.DataFrame(columns=["classification", "type", "level", "payments"]),
      "mental_health": pd.DataFrame(columns=["classification", "benefit", "type", "level"]),
      "totals": pd.DataFrame([{"classification": "outpatient_in_network", "total_payments": "1.00"}])},
     {"medical_surgical": "object", "mental_health": "object", "totals": "object"}),
    ("iop.schema", iop.schema, {"name": "estimate"}, {"name": "str"}),
    ("iop.call", iop.call, {"operation": "version", "request": {"api_version": 1}},
     {"operation": "str", "request": "document"}),
] + from_dicts()


# --- iop.plot: each function draws on a new figure; what it drew is compared, not the Axes object ----

OUTCOME_SCORES = pd.DataFrame({"patient": ["a", "a", "b", "b"], "date": pd.to_datetime(
    ["2026-01-05", "2027-01-04", "2026-01-05", "2026-12-01"]), "phq9": [18, 3, 12, 11]})
OUTCOMES = iop.outcomes.cohort(OUTCOME_SCORES, pd.DataFrame({
    "patient": ["a", "b"], "program": "p", "track": "t", "delivery": "in_person", "diagnosis": "F33.1"}),
    as_of="2027-06-30", reliability=0.89, sd=5.0)

def drawn(axes):
    """What a plot shows, comparable between two calls: titles, labels, texts, legend, bars and lines."""
    legend = axes.get_legend()
    return (axes.get_title(), axes.get_xlabel(), axes.get_ylabel(), tuple(t.get_text() for t in axes.texts),
            tuple(t.get_text() for t in legend.get_texts()) if legend else (),
            tuple((p.get_gid(), tuple(p.get_path().vertices.ravel().tolist()), str(p.get_transform()))
                  for p in axes.patches),
            tuple((line.get_gid(), tuple(map(str, line.get_xdata())), tuple(map(str, line.get_ydata())))
                  for line in axes.lines))


def plotted(function):
    return lambda **arguments: drawn(function(**arguments))


KINDS["month"] = lambda v: None if v is None else (
    v if type(v) is datetime.date or (isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}", v)) else REFUSE)
KINDS["cents column"] = lambda v: (
    v if (isinstance(v, list) and v and all(is_int(x) for x in v))
    or (isinstance(v, np.ndarray) and v.ndim == 1 and v.size and v.dtype.kind in "iu") else REFUSE)
# Axes are the one object the plot functions take besides iop values; every probe is refused.
KINDS["axes"] = KINDS["optional object"]

TABLE += [
    ("iop.plot.course_calendar", plotted(plot.course_calendar), {"calendar": CALENDAR, "holidays": FEDERAL},
     {"calendar": "object", "holidays": "optional object", "month": "month", "ax": "axes"}),
    ("iop.plot.clinic_load", plotted(plot.clinic_load), {"sessions": CALENDAR},
     {"sessions": "object", "measure": "str", "holidays": "optional object", "ax": "axes"}),
    ("iop.plot.cost_curve", plotted(plot.cost_curve), {"estimate": ESTIMATE, "coverage": COVERAGE},
     {"estimate": "object", "coverage": "optional object", "ax": "axes"}),
    ("iop.plot.cost_distribution", plotted(plot.cost_distribution), {"costs": [100, 250, 400], "bins": 3},
     {"costs": "cents column", "bins": "int", "label": "str", "ax": "axes"}),
    ("iop.plot.parity_chart", plotted(plot.parity_chart), {"report": REPORT}, {"report": "object", "ax": "axes"}),
    ("iop.plot.nearest_rank", plot.nearest_rank, {"cents": [500, 100, 400], "p": 50},
     {"cents": "cents column", "p": "int"}),
    ("iop.plot.outcome_trajectories", plotted(plot.outcome_trajectories),
     {"scores": OUTCOME_SCORES, "result": OUTCOMES, "weeks": 8},
     {"scores": "object", "result": "object", "weeks": "int", "lines": "int", "min_scores": "int", "ax": "axes"}),
    ("iop.plot.change_waterfall", plotted(plot.change_waterfall), {"result": OUTCOMES, "months": 12},
     {"result": "object", "months": "int", "ax": "axes"}),
    ("iop.plot.outcome_funnel", plotted(plot.outcome_funnel), {"result": OUTCOMES, "months": 12, "group": 1},
     {"result": "object", "months": "int", "group": "int", "ax": "axes"}),
]

# The batch functions: column parameters take scalars for all plans or one value per plan
# (a list of one is a column of one); None means "not given" where the keyword is optional.
COLUMN_KINDS = {
    "integers": as_integer,
    "money": as_money,
    "rate": as_rate,
    "optional money": lambda v: None if v is None else as_money(v),
    "optional rate": lambda v: None if v is None else as_rate(v),
    "optional integers": lambda v: None if v is None else as_integer(v),
    "yes or no": lambda v: bool(v) if isinstance(v, (bool, np.bool_)) or (is_int(v) and int(v) in (0, 1)) else REFUSE,
    "object": lambda v: REFUSE,
    "optional object": lambda v: None if v is None else REFUSE,
    "text": lambda v: v if isinstance(v, str) else REFUSE,
    "program": lambda v: v if isinstance(v, iop.ProgramTemplate) else as_integer(v),
    "programs": lambda v: None if v is None else REFUSE,
    "month and day": lambda v: (int(v) if is_int(v) else (as_date(v) if as_date(v) is not REFUSE else REFUSE)),
    # A copay level: an integer in the type's unit (cents), or an amount in dollars (Decimal, Fraction, Money).
    "copay level": lambda v: (int(v) if is_int(v) else v.cents if isinstance(v, iop.Money) else (
        as_money(v).cents if isinstance(v, (D, F)) and as_money(v) is not REFUSE else REFUSE)),
}

ESTIMATE_KEYWORDS = dict(per_diem="300", out_of_pocket_max="3000")


def estimate_with(**changes):
    arguments = {"start_dates": ["2026-06-29"], "weeks": 8, "days_per_week": 4, **ESTIMATE_KEYWORDS, **changes}
    if "per_diem_cents" in changes:
        del arguments["per_diem"]
    if "out_of_pocket_max_cents" in changes:
        del arguments["out_of_pocket_max"]
    return iop.estimate_costs(**arguments)["patient_cents"]


def simulate_with(**changes):
    arguments = {"start_dates": ["2026-06-29"], "days_per_week": 4, "runs": 4, **ESTIMATE_KEYWORDS, **changes}
    return iop.simulate_cohort_costs(**arguments)["patient_p50_cents"]


def calendars_with(**changes):
    return iop.build_calendars(**{"start_dates": ["2026-06-29"], "weeks": 8, "days_per_week": 4, **changes})["date"]


# The number of threads of a batch function: any accepted count gives the same rows.
TABLE += [
    ("iop.build_calendars", lambda threads: calendars_with(threads=threads), {"threads": 2}, {"threads": "optional int"}),
    ("iop.simulate_cohort_costs", lambda threads: simulate_with(threads=threads), {"threads": 2},
     {"threads": "optional int"}),
    ("iop.estimate_costs", lambda threads: estimate_with(threads=threads), {"threads": 2}, {"threads": "optional int"}),
]

# iop.Episode: the document read by the library; the days and thresholds of its questions.
EPISODE_DOCUMENT = example("episode.json")
EPISODE = iop.Episode(EPISODE_DOCUMENT)
_EPISODE_STATE = {"as_of": "date", "since": "optional date", "not_improving_weeks": "optional int",
                  "attendance_threshold": "optional int"}
TABLE += [
    ("iop.Episode.__init__", iop.Episode, {"document": EPISODE_DOCUMENT}, {"document": "document"}),
    ("iop.Episode.from_dict", iop.Episode.from_dict, {"document": EPISODE_DOCUMENT}, {"document": "document"}),
    ("iop.Episode.from_json", iop.Episode.from_json, {"text": json.dumps(EPISODE_DOCUMENT)}, {"text": "document"}),
    ("iop.Episode.state", EPISODE.state, {"as_of": datetime.date(2026, 3, 23)}, _EPISODE_STATE),
    ("iop.Episode.state_text", EPISODE.state_text, {"as_of": datetime.date(2026, 3, 23)}, _EPISODE_STATE),
    ("iop.Episode.reviews", EPISODE.reviews, {"as_of": datetime.date(2026, 4, 20)},
     {"as_of": "date", "not_improving_weeks": "optional int", "attendance_threshold": "optional int"}),
    ("iop.Episode.fhir", EPISODE.fhir, {"as_of": datetime.date(2026, 3, 23)}, {"as_of": "date"}),
]

BATCH = [("iop.build_calendars", name, (lambda name: lambda v: calendars_with(**{name: v}))(name), base, kind)
         for name, base, kind in [("weeks", 8, "integers"), ("days_per_week", 4, "integers"), ("track", 1, "integers"),
                                  ("program", 0, "program"), ("programs", None, "programs"),
                                  ("holidays", None, "optional object"), ("holiday_policy", "skip", "text")]]
BATCH += [("iop.estimate_costs", name, (lambda name: lambda v: estimate_with(**{name: v}))(name), base, kind)
          for name, base, kind in [
              ("weeks", 8, "integers"), ("days_per_week", 4, "integers"), ("track", 1, "integers"),
              ("program", 0, "program"), ("programs", None, "programs"), ("holidays", None, "optional object"),
              ("per_diem", iop.Money("300"), "money"), ("per_diem_cents", 30000, "integers"),
              ("deductible", iop.Money("500"), "optional money"), ("deductible_cents", 50000, "optional integers"),
              ("coinsurance", iop.Rate("20%"), "optional rate"), ("coinsurance_bp", 2000, "optional integers"),
              ("copay", iop.Money("25"), "optional money"), ("copay_cents", 2500, "optional integers"),
              ("copay_before_deductible", True, "yes or no"),
              ("out_of_pocket_max", iop.Money("3000"), "money"), ("out_of_pocket_max_cents", 300000, "integers"),
              ("deductible_met", iop.Money("100"), "optional money"), ("deductible_met_cents", 10000, "optional integers"),
              ("oop_met", iop.Money("100"), "optional money"), ("oop_met_cents", 10000, "optional integers"),
              ("plan_year_start", 701, "month and day"), ("attendance", iop.Rate("80%"), "optional rate"),
              ("attendance_sessions", "program_day", "text"),
              ("holiday_policy", "skip", "text")]]
BATCH += [("iop.simulate_cohort_costs", name, (lambda name: lambda v: simulate_with(**{name: v}))(name), base, kind)
          for name, base, kind in [
              ("days_per_week", 4, "integers"), ("runs", 4, "integers"), ("seed", 7, "integers"),
              ("attendance", iop.Rate("80%"), "rate"), ("min_weeks", 6, "integers"), ("max_weeks", 8, "integers"),
              ("per_diem", iop.Money("300"), "money"), ("deductible", iop.Money("500"), "optional money"),
              ("holiday_policy", "skip", "text")]]
BATCH += [("iop.parity.aggregate_claims", "level", lambda v: parity.aggregate_claims([2], [1], [v], [10000]), 3500,
           "copay level"),
          ("iop.parity.aggregate_claims", "payment_cents", lambda v: parity.aggregate_claims([2], [1], [3500], [v]),
           10000, "integers"),
          ("iop.parity.aggregate_claims", "payment", lambda v: parity.aggregate_claims([2], [1], [3500], payment=[v]),
           iop.Money("100"), "money"),
          ("iop.parity.aggregate_claims", "classification", lambda v: parity.aggregate_claims([v], [1], [3500], [100]),
           2, "integers"),
          ("iop.parity.aggregate_claims", "type", lambda v: parity.aggregate_claims([2], [v], [3500], [100]), 1,
           "integers")]
# claims_aggregate reads its columns as aggregate_claims does (aggregate_claims is claims_aggregate's classifications).
BATCH += [("iop.parity.claims_aggregate", "level", lambda v: parity.claims_aggregate([2], [1], [v], [10000]), 3500,
           "copay level"),
          ("iop.parity.claims_aggregate", "payment_cents", lambda v: parity.claims_aggregate([2], [1], [3500], [v]),
           10000, "integers"),
          ("iop.parity.claims_aggregate", "payment", lambda v: parity.claims_aggregate([2], [1], [3500], payment=[v]),
           iop.Money("100"), "money"),
          ("iop.parity.claims_aggregate", "classification", lambda v: parity.claims_aggregate([v], [1], [3500], [100]),
           2, "integers"),
          ("iop.parity.claims_aggregate", "type", lambda v: parity.claims_aggregate([2], [v], [3500], [100]), 1,
           "integers")]

# Parameters probed by their own tests: dates columns (test_start_dates_columns_take_dates_exactly), attendance
# flags (test_attendance_flags_are_yes_or_no), as_frame (test_as_frame_is_a_bool), the methods' self.
ELSEWHERE = {("iop.build_calendars", "start_dates"), ("iop.estimate_costs", "start_dates"),
             ("iop.simulate_cohort_costs", "start_dates"), ("iop.estimate_costs", "attended"),
             ("iop.build_calendars", "as_frame"), ("iop.estimate_costs", "as_frame"),
             ("iop.simulate_cohort_costs", "as_frame"), ("iop.estimate_costs", "intake_may_be_missed"),
             # json_default writes any value json cannot (test_aligned_answers.py).
             ("iop.json_default", "value"), ("iop.SessionCalendar.to_pandas", "calendar"), ("iop.CostEstimate.to_pandas", "estimate"),
             ("iop.calendar_to_pandas", "calendar"), ("iop.estimate_to_pandas", "estimate"),
             ("iop.estimate_to_pandas", "table"),
             # A Parquet dataset's path and its reading options (test_claims_aggregate.py).
             ("iop.parity.claims_aggregate_parquet", "source"), ("iop.parity.claims_aggregate_parquet", "batch_size"),
             ("iop.parity.claims_aggregate_parquet", "threads"), ("iop.parity.claims_aggregate_parquet", "filesystem"),
             # call_json returns every response as text, error objects included (see test_api.py).
             ("iop.call_json", "operation"), ("iop.call_json", "request"),
             # The caller's columns: dtypes, lengths, flags and overlaps refused by test_calendar.py
             # (test_batch_into_the_callers_columns_refuses_what_it_cannot_take_exactly).
             ("iop.build_calendars", "out")}
# The remaining keywords of simulate_cohort_costs are those of estimate_costs, read by the same code.
SHARED = {"copay", "copay_cents", "copay_before_deductible", "deductible_cents", "coinsurance", "coinsurance_bp",
          "out_of_pocket_max", "out_of_pocket_max_cents", "deductible_met", "deductible_met_cents", "oop_met",
          "oop_met_cents", "plan_year_start", "per_diem_cents", "track", "program", "programs", "holidays",
          "attendance_sessions"}


def outcome(call):
    try:
        return ("result", call())
    except TypeError as error:
        return ("type", error)
    except iop.Error as error:
        for part in ("field", "value", "problem", "allowed"):
            assert isinstance(getattr(error, part), str), f"{error!r} has no {part}"
        assert error.field and error.problem and error.allowed, f"{error!r} lacks a part"
        return ("error", error)


def same(a, b):
    if isinstance(a, np.ndarray):
        return isinstance(b, np.ndarray) and a.dtype == b.dtype and np.array_equal(a, b)
    if isinstance(a, float) and math.isnan(a):
        return isinstance(b, float) and math.isnan(b)
    return type(a) is type(b) and a == b


CASES = [(i, name, kind) for i, (_, _, _, kinds) in enumerate(TABLE) for name, kind in kinds.items()]


@pytest.mark.parametrize("index, name, kind", CASES, ids=[f"{TABLE[i][0]}-{n}" for i, n, _ in CASES])
def test_every_parameter_takes_values_exactly_or_refuses_them(index, name, kind):
    _, function, arguments, _ = TABLE[index]
    baseline = arguments.get(name, 8)
    accepts = KINDS[kind]
    for label, probe in probes(baseline):
        got = outcome(lambda: function(**{**arguments, name: probe}))
        exact = accepts(probe)
        if got[0] != "result":
            continue  # refused: a TypeError or an iop.Error with its four parts (checked in outcome)
        assert exact is not REFUSE, f"{name}={label} ({probe!r}) was accepted, not exact for a {kind}"
        expected = outcome(lambda: function(**{**arguments, name: exact}))
        assert expected[0] == "result" and same(got[1], expected[1]), \
            f"{name}={label} ({probe!r}) gave {got[1]!r}, its exact value {exact!r} gives {expected[1]!r}"


@pytest.mark.parametrize("index", range(len(BATCH)), ids=[f"{b[0]}-{b[1]}" for b in BATCH])
def test_every_column_takes_values_exactly_or_refuses_them(index):
    _, _, function, baseline, kind = BATCH[index]
    accepts = COLUMN_KINDS[kind]
    base = baseline.cents if isinstance(baseline, iop.Money) else baseline
    extra = [("Money", iop.Money("300")), ("Rate", iop.Rate("20%")), ("ProgramTemplate", PROGRAM)]
    for label, probe in probes(base if isinstance(base, int) and not isinstance(base, bool) else 8) + extra:
        for shape, value in (("scalar", probe), ("column", [probe]), ("object array", np.array([probe], dtype=object))):
            got = outcome(lambda: function(value))
            if got[0] != "result":
                continue
            exact = accepts(probe[0] if isinstance(probe, list) else probe)
            if kind == "programs" and shape != "scalar" and isinstance(probe, iop.ProgramTemplate):
                exact = [probe]  # a list of templates is what programs takes
            assert exact is not REFUSE, f"{label} as a {shape} ({probe!r}) was accepted, not exact for {kind}"
            expected = outcome(lambda: function(exact))
            assert expected[0] == "result" and same(got[1], expected[1]), f"{label} as a {shape}: {got[1]!r}"


def public_parameters():
    """(qualified name, parameter) of every public callable of iop, iop.parity and iop.plot, from inspect.signature."""
    found = set()

    def visit(owner, prefix, names):
        for name in names:
            obj = getattr(owner, name)
            if inspect.isclass(obj):
                if issubclass(obj, (enum.Enum, BaseException)) or obj.__module__.split(".")[0] != "iop":
                    continue
                members = [n for n in dir(obj) if not n.startswith("_") or n in ("__init__", "__mul__", "__getitem__")]
                visit(obj, f"{prefix}.{name}", members)
            elif callable(obj) and not inspect.ismodule(obj):
                for parameter in inspect.signature(obj).parameters.values():
                    if parameter.name != "self" and parameter.kind not in (parameter.VAR_POSITIONAL,
                                                                           parameter.VAR_KEYWORD):
                        found.add((f"{prefix}.{name}", parameter.name))

    visit(iop, "iop", [n for n in iop.__all__ if n != "parity"])
    visit(parity, "iop.parity", parity.__all__)
    visit(plot, "iop.plot", [n for n in plot.__all__ if n != "STATUS_COLORS"])
    return found


def test_the_table_covers_every_public_parameter():
    covered = {(q, n) for q, _, _, kinds in TABLE for n in kinds} | {(q, n) for q, n, *_ in BATCH} | ELSEWHERE
    covered |= {("iop.simulate_cohort_costs", n) for n in SHARED}
    covered |= {(q.replace("iop.parity.report_from_dict", "iop.parity.ParityReport.from_dict"), n) for q, n in covered}
    covered |= {("iop.parity.ParityReport.from_dict", "document")}
    missing = sorted(public_parameters() - covered)
    assert missing == []


def test_as_frame_is_a_bool_or_a_kind_of_frame():
    for function in (lambda v: iop.build_calendars(["2026-06-29"], 8, 4, as_frame=v),
                     lambda v: iop.estimate_costs(["2026-06-29"], 8, 4, as_frame=v, **ESTIMATE_KEYWORDS),
                     lambda v: iop.simulate_cohort_costs(["2026-06-29"], 4, runs=4, as_frame=v, **ESTIMATE_KEYWORDS)):
        for probe in (1, 0, None, np.int64(1), b"polars"):
            with pytest.raises(TypeError, match="as_frame"):
                function(probe)
        for probe in ("yes", "Polars", "arrow"):
            with pytest.raises(iop.ValidationError, match="as_frame"):
                function(probe)
        assert isinstance(function(np.bool_(False)), dict)
        assert isinstance(function("pandas"), pd.DataFrame)


def test_intake_may_be_missed_is_a_bool():
    for probe in (1, 0, None, "yes", np.int64(1)):
        with pytest.raises(TypeError, match="intake_may_be_missed"):
            estimate_with(attendance="50%", intake_may_be_missed=probe)
    assert same(estimate_with(attendance="50%", intake_may_be_missed=np.bool_(True)),
                estimate_with(attendance="50%", intake_may_be_missed=True))


def test_attendance_flags_are_yes_or_no():
    rows = len(iop.build_calendars(["2026-06-29"], 8, 4, track=1)["date"])
    every = iop.estimate_costs(["2026-06-29"], 8, 4, track=1, attended=[True] * rows, **ESTIMATE_KEYWORDS)
    assert every["charges_cents"].tolist() == iop.estimate_costs(["2026-06-29"], 8, 4, track=1,
                                                                 **ESTIMATE_KEYWORDS)["charges_cents"].tolist()
    assert np.array_equal(iop.estimate_costs(["2026-06-29"], 8, 4, track=1, attended=np.ones(rows, dtype=np.int64),
                                             **ESTIMATE_KEYWORDS)["charges_cents"], every["charges_cents"])
    for bad in ([2] * rows, [1.0] * rows, [None] * rows, [True] * (rows - 1), "yes", [[True] * rows]):
        assert outcome(lambda: iop.estimate_costs(["2026-06-29"], 8, 4, track=1, attended=bad,
                                                  **ESTIMATE_KEYWORDS))[0] != "result", bad


def test_start_dates_columns_take_dates_exactly():
    good = [["2026-06-29"], [datetime.date(2026, 6, 29)], np.array(["2026-06-29"], dtype="datetime64[D]"),
            np.array(["2026-06-29T00:00"], dtype="datetime64[m]"), pd.to_datetime(["2026-06-29"]),
            pd.Series([pd.Timestamp("2026-06-29")]), [pd.Timestamp("2026-06-29")], np.array(["2026-06-29"]),
            [np.datetime64("2026-06-29")], [datetime.datetime(2026, 6, 29)]]
    expected = iop.build_calendars(["2026-06-29"], 8, 4)["date"]
    for value in good:
        assert np.array_equal(iop.build_calendars(value, 8, 4)["date"], expected), value
    bad = [[datetime.datetime(2026, 6, 29, 10)], pd.to_datetime(["2026-06-29 10:00"]),
           pd.to_datetime(["2026-06-29"]).tz_localize("UTC"), [pd.NaT], ["2026-06-31"], ["2026-6-29"], ["June 29"],
           np.array(["2026-06-29T10"], dtype="datetime64[h]"), [None], [math.nan]]
    for value in bad:
        got = outcome(lambda: iop.build_calendars(value, 8, 4))
        assert got[0] != "result", value
    for value in ([20260629], [20260629.0], [True], "2026-06-29", datetime.date(2026, 6, 29), np.array([[1]])):
        assert outcome(lambda: iop.build_calendars(value, 8, 4))[0] != "result", value
