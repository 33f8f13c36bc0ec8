"""Every document has a schema: each example and each output validates against its JSON Schema
(with jsonschema, an independent implementation), and iop.schema(name) gives the schemas it ships."""

import json
import pathlib
import subprocess

import sys

import jsonschema
import pytest
from conftest import schema_registry

import iop
import iop.parity as parity

ROOT = pathlib.Path(__file__).resolve().parents[2]
REGISTRY = schema_registry()


def validate(document, name):
    schema = iop.schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, registry=REGISTRY, format_checker=jsonschema.FormatChecker()).validate(
        json.loads(json.dumps(document)))


def example(name):
    return json.loads((ROOT / "examples" / name).read_text())


def test_iop_schema_returns_the_shipped_schemas(tmp_path):
    names = iop.schema_names()
    assert {"events", "holiday-calendar", "calendar", "estimate", "monte-carlo", "gfe", "parity-report", "coverage",
            "fee-schedule", "program", "treatment-plan", "intake", "level-of-care-rules", "benefit-design"} <= set(names)
    # The library carries exactly what the declarations generate (iop.schema reads it through the document API).
    generated = tmp_path / "schema"
    subprocess.run([sys.executable, str(ROOT / "declarations" / "generate.py"), "schemas", str(generated)], check=True)
    files = {p.name[: -len(".schema.json")]: p for p in generated.rglob("*.schema.json")}
    assert sorted(files) == sorted(names)
    for name in names:
        assert iop.schema(name) == json.loads(files[name].read_text())
    with pytest.raises(iop.NotFoundError) as info:
        iop.schema("case-study")
    assert info.value.field == "name" and "estimate" in info.value.allowed


@pytest.mark.parametrize("file, name", [
    ("plan.json", "treatment-plan"), ("intake.json", "intake"), ("design.json", "benefit-design"),
    ("events.json", "events"), ("holidays.json", "holiday-calendar"),
])
def test_examples_validate(file, name):
    validate(example(file), name)


def test_case_examples_validate_against_the_schemas_they_are_made_of():
    case = example("case.json")
    validate(case["plan"], "treatment-plan")
    validate(case["coverage"], "coverage")
    validate(case["fee_schedule"], "fee-schedule")
    validate(example("case.json"), "case")          # the estimate request of the document API
    validate(example("gfe-case.json"), "gfe-case")  # the Good Faith Estimate request
    # A clinic's case: out of network, two authorisations.
    validate(example("case-out-of-network.json"), "case")
    validate(example("case-out-of-network.json")["coverage"], "coverage")


# The example's federal calendar joined with a clinic's own days (a state holiday, closures).
JOINED_HOLIDAYS = {"join": [
    example("holidays.json"),
    {"base": "weekdays", "name": "Los Angeles clinic",
     "holidays": [{"date": "2026-03-31", "name": "Cesar Chavez Day"}],
     "closures": [{"date": "2026-12-24", "name": "Christmas Eve"},
                  {"from": "2026-08-10", "to": "2026-08-14", "name": "Staff training week"}]},
]}


# Clinic calendars: a preset without rule holidays, and a join with a rule removed after it.
CLINIC_HOLIDAYS = [
    {"base": "private_clinic", "except": ["day_after_thanksgiving"]},
    {"base": "us_federal", "except": ["columbus_day", "veterans_day"],
     "closures": [{"date": "2026-12-24", "name": "Christmas Eve"}]},
    {"join": [{"base": "private_clinic"}, {"base": "weekdays", "name": "staff days",
                                           "closures": [{"date": "2026-08-14", "name": "Staff training"}]}],
     "except": ["memorial_day"]},
]


@pytest.mark.parametrize("document", CLINIC_HOLIDAYS)
def test_clinic_holiday_calendars_validate_and_read_back(document):
    validate(document, "holiday-calendar")
    calendar = iop.HolidayCalendar.from_dict(document)
    validate(calendar.to_dict(), "holiday-calendar")
    assert iop.HolidayCalendar.from_dict(calendar.to_dict()) == calendar


def test_the_examples_read_back_equal():
    holidays = iop.HolidayCalendar.from_dict(example("holidays.json"))
    assert holidays == iop.HolidayCalendar.from_dict(holidays.to_dict())
    validate(holidays.to_dict(), "holiday-calendar")
    # Independence Day 2026 is a Saturday, observed on Friday 3 July; the clinic moves 6..8 April.
    assert not holidays.is_open("2026-07-03") and not holidays.is_open("2026-04-07")
    assert holidays.is_open("2026-08-12")
    validate(JOINED_HOLIDAYS, "holiday-calendar")
    joined = iop.HolidayCalendar.from_dict(JOINED_HOLIDAYS)
    assert joined == iop.HolidayCalendar.from_dict(joined.to_dict())
    validate(joined.to_dict(), "holiday-calendar")
    assert not joined.is_open("2026-08-12") and not joined.is_open("2026-03-31") and not joined.is_open("2026-07-03")
    assert not joined.is_open("2026-04-07") and joined.is_open("2026-08-17")


def calendars():
    plan = iop.TreatmentPlan.from_dict(example("plan.json"))
    holidays = iop.HolidayCalendar.from_dict(example("holidays.json"))
    yield iop.build_calendar(plan)
    yield iop.build_calendar(plan, holidays=holidays, events=example("events.json"))
    yield iop.build_calendar(plan, holidays=iop.HolidayCalendar.from_dict(JOINED_HOLIDAYS))
    july = iop.TreatmentPlan.from_dict({**example("plan.json"), "problems": [], "start_date": "2026-06-29",
                                        "weekdays": [], "days_per_week": 4})
    for policy in ("skip", "make_up_same_week", "extend"):
        yield iop.build_calendar(july, holiday_policy=policy)
    # Reference program B: an assessment week (a phase) in its own preset, with a payer's review event.
    phased = iop.find_program("az-depression-iop")
    yield iop.build_calendar(iop.TreatmentPlan.from_dict({**example("plan.json"), "problems": [], "weekdays": [],
                                                          "program": phased.id, "track": phased.tracks[0]["name"],
                                                          "days_per_week": 3, "weeks": 8,
                                                          "delivery": {"mode": "in_person"}}),
                             events=[{"kind": "review", "date": "2026-03-20",
                                      "note": "Concurrent review of authorisation PA-1"}])
    tapered = iop.find_program("depression-iop-guide")
    yield iop.build_calendar(iop.TreatmentPlan.from_dict({**example("plan.json"), "problems": [], "weekdays": [],
                                                          "program": tapered.id, "track": tapered.tracks[0]["name"],
                                                          "days_per_week": 4, "weeks": 10,
                                                          "delivery": {"mode": "in_person"}}))


def test_calendars_validate():
    for calendar in calendars():
        validate(calendar.to_dict(), "calendar")
        assert iop.SessionCalendar.from_dict(calendar.to_dict()) == calendar
        validate(calendar.to_dict()["events"], "events")


def test_estimates_monte_carlo_and_gfes_validate():
    case = example("case.json")
    coverage, fees = iop.Coverage.from_dict(case["coverage"]), iop.FeeSchedule.from_dict(case["fee_schedule"])
    for calendar in calendars():
        validate(iop.estimate_cost(calendar, coverage, fees).to_dict(), "estimate")
        validate(iop.estimate_cost(calendar, iop.Coverage.self_pay(), fees).to_dict(), "estimate")
    clinic = example("case-out-of-network.json")
    estimate = iop.estimate_cost(iop.build_calendar(iop.TreatmentPlan.from_dict(clinic["plan"])),
                                 iop.Coverage.from_dict(clinic["coverage"]), iop.FeeSchedule.from_dict(clinic["fee_schedule"]))
    assert estimate.balance_billed.cents and estimate.unauthorized_days and estimate.to_dict()["reviews"]
    validate(estimate.to_dict(), "estimate")
    assert iop.CostEstimate.from_dict(estimate.to_dict()) == estimate
    plan = iop.TreatmentPlan.from_dict(case["plan"])
    validate(iop.simulate_costs(plan, coverage, fees, runs=50).to_dict(), "monte-carlo")
    validate(iop.estimate_scenario(plan, coverage, fees, attendance="80%", discharge_after_weeks=6).to_dict(), "estimate")
    request = {"patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"}, "diagnosis_codes": ["F32.1"],
               "provider": {"name": "LA IOP", "npi": "1234567893", "tin": "12-3456789",
                            "locations": [{"address": "Los Angeles", "state": "CA"}]},
               "scheduled_on": "2026-02-02", "issued_on": "2026-02-02",
               "separately_scheduled": ["90792 before admission"]}
    long_plan = iop.TreatmentPlan.from_dict({**example("plan.json"), "problems": []})
    for gfe in iop.good_faith_estimates(iop.build_calendar(long_plan), request):
        validate(gfe.to_dict(), "gfe")


def test_parity_reports_validate():
    validate(parity.analyse(example("design.json")).to_dict(), "parity-report")
    changed = example("design.json")
    changed["classifications"][0]["mental_health"][0]["level"] = "40.00"
    changed["accumulation"]["deductible"] = "separate"
    validate(parity.analyse(changed).to_dict(), "parity-report")


def run(iop_command, *arguments):
    result = subprocess.run([iop_command, *arguments], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_command_outputs_validate(iop_command):
    validate(run(iop_command, "calendar", "--input", str(ROOT / "examples" / "plan.json"), "--format", "json",
                 "--events", str(ROOT / "examples" / "events.json"), "--holidays", str(ROOT / "examples" / "holidays.json")),
             "calendar")
    # The estimate command prints the estimate operation's result: the estimate, the fee schedule used and the
    # Monte Carlo range; the estimate document itself is what CostEstimate reads and writes.
    estimate = run(iop_command, "estimate", "--input", str(ROOT / "examples" / "case.json"), "--format", "json")
    validate({"api_version": 1, "format": "json", "result": estimate}, "estimate.response")
    assert "monte_carlo" in estimate
    validate({k: v for k, v in estimate.items() if k not in ("fee_schedule", "monte_carlo")}, "estimate")
    for gfe in run(iop_command, "gfe", "--input", str(ROOT / "examples" / "gfe-case.json"), "--format", "json"):
        validate(gfe, "gfe")
    validate(run(iop_command, "parity", "--input", str(ROOT / "examples" / "design.json"), "--format", "json"),
             "parity-report")
