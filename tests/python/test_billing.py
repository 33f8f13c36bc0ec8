"""Billing through Python: estimates, scenarios, Monte Carlo, Good Faith Estimates, cohorts."""

import copy
import json
import pathlib
import subprocess

import jsonschema
import numpy as np
import pytest

import iop

ROOT = pathlib.Path(__file__).resolve().parents[2]


def case():
    return json.loads((ROOT / "examples" / "case.json").read_text())


def test_case_documents_match_their_schemas():
    c = case()
    jsonschema.validate(c["coverage"], json.loads((ROOT / "docs/schema/coverage.schema.json").read_text()))
    jsonschema.validate(c["fee_schedule"], json.loads((ROOT / "docs/schema/fee-schedule.schema.json").read_text()))
    assert iop.Coverage.from_dict(c["coverage"]).to_dict()["deductible"] == {"individual": "1500.00", "family": "3000.00"}


def test_estimate_by_hand():
    c = case()
    plan = iop.TreatmentPlan.from_dict(c["plan"])
    est = iop.estimate_cost(iop.build_calendar(plan), iop.Coverage.from_dict(c["coverage"]),
                            iop.FeeSchedule.from_dict(c["fee_schedule"]))
    # 36 program days x $300 + 6 medication visits x $130 = $11,580. $1,250 of deductible left
    # (family has $2,100 left), then 20% of $10,330 = $2,066: the patient pays $3,316.
    assert est.charges == iop.Money("$11,580")
    assert est.patient == iop.Money("$3,316")
    assert est.patient + est.plan == est.allowed
    frame = est.to_pandas()
    assert (frame["patient_cents"] + frame["plan_cents"] == frame["allowed_cents"]).all()
    assert frame["patient_cents"].sum() == est.patient.cents == 331600
    assert [m["period"] for m in est.months] == ["2026-03", "2026-04", "2026-05"]
    months = est.to_pandas("months")
    assert months["charges_cents"].sum() == est.charges.cents
    assert len(est.to_pandas("weeks")) == 12


def test_payer_not_accepted_and_scenarios():
    c = case()
    plan = iop.TreatmentPlan.from_dict(c["plan"])
    medicare = {"payer": "medicare", "medicare": "original"}
    est = iop.estimate_cost(iop.build_calendar(plan), iop.Coverage.from_dict(medicare))
    assert est.self_pay and "does not accept medicare" in est.warnings[0]
    assert est.patient == est.charges == iop.Money("$10,800")  # default per diem $300 x 36
    early = iop.estimate_scenario(plan, iop.Coverage.from_dict(c["coverage"]), discharge_after_weeks=4)
    assert early.charges == iop.Money("$3,600")  # 4 weeks x 3 days x $300
    sim = iop.simulate_costs(plan, iop.Coverage.from_dict(c["coverage"]), runs=100, seed=3, attendance="90%")
    again = iop.simulate_costs(plan, iop.Coverage.from_dict(c["coverage"]), runs=100, seed=3, attendance="90%")
    assert sim == again
    assert isinstance(sim.patient_p50, iop.Money)
    assert sim.patient_p10 <= sim.patient_p50 <= sim.patient_p90
    # The plan's own course by default (its 12 weeks), stated in the result.
    assert sim.attendance == iop.Rate("90%") and (sim.min_weeks, sim.max_weeks) == (plan.weeks, plan.weeks) == (12, 12)
    assert sim.length_of_stay == "plan"


def test_good_faith_estimate_and_html():
    plan = iop.TreatmentPlan.from_dict(json.loads((ROOT / "examples" / "gfe-case.json").read_text())["plan"])
    request = {"patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"}, "diagnosis_codes": ["F32.1"],
               "provider": {"name": "LA IOP", "npi": "1234567893", "tin": "12-3456789",
                            "locations": [{"address": "Los Angeles", "state": "CA"}]},
               "scheduled_on": "2026-02-02", "issued_on": "2026-02-03"}
    gfe = iop.good_faith_estimates(iop.build_calendar(plan), request)[0]
    assert gfe.total == iop.Money("$10,800")
    d = gfe.to_dict()
    assert d["primary_service"]["recurrence"] == {"frequency": "3 days a week, 3 hours a day", "sessions": 36}
    assert str(gfe.issue_by) == "2026-02-05"  # scheduled 19 business days ahead: 3 business days
    del d["disclaimers"]["dispute_rights"]
    with pytest.raises(iop.ValidationError) as info:
        iop.GoodFaithEstimate.from_dict(d)
    assert info.value.field == "gfe.disclaimers.dispute_rights"
    html = gfe.to_html()
    assert "<table class=\"items\">" in html
    assert ("<tr><th>Scheduled on</th><td>2026-02-02</td></tr>\n<tr><th>Issued on</th><td>2026-02-03</td></tr>\n"
            "<tr><th>Due by</th><td>2026-02-05</td></tr>") in html
    # A missing issue date is refused, never taken to be the scheduling date.
    with pytest.raises(iop.ValidationError) as info:
        iop.good_faith_estimates(iop.build_calendar(plan), {k: v for k, v in request.items() if k != "issued_on"})
    assert info.value.field.endswith("issued_on")
    assert iop.is_valid_npi("1234567893") and not iop.is_valid_npi("1234567894")


def registry():
    import referencing

    resources = []
    for path in (ROOT / "docs" / "schema").rglob("*.schema.json"):
        document = json.loads(path.read_text())
        resources.append((document["$id"], referencing.Resource.from_contents(document)))
    return referencing.Registry().with_resources(resources)


def schema_validator(name):
    schema = json.loads((ROOT / "docs" / "schema" / name).read_text())
    return jsonschema.Draft202012Validator(schema, registry=registry())


def two_providers():
    return json.loads((ROOT / "examples" / "gfe-two-providers.json").read_text())


def test_good_faith_estimates_with_a_co_provider_over_twelve_months():
    # examples/gfe-two-providers.json, worked by hand (as in tests/cpp/billing/test_good_faith_estimate.cpp):
    # no holidays, 54 weeks x Mon/Wed/Fri from Monday 2026-03-02 at $450 a day. Estimate 1 covers
    # 2026-03-02..2027-03-01: 52 weeks x 3 = 156 days and Monday 2027-03-01 = 157 days = $70,650, and the
    # psychiatrist's visits of 2026-03-10 and 2026-09-15: 2 x $180 = $360; total $71,010. Estimate 2: the other
    # 54 x 3 - 157 = 5 days = $2,250 and the visits of 2027-03-03 and 2027-03-10 = $360; total $2,610.
    # Course total $73,620 (= 162 x $450 + 4 x $180).
    c = two_providers()
    request = {k: c[k] for k in ("patient", "provider", "co_providers", "scheduled_on", "issued_on", "separately_scheduled")}
    request["diagnosis_codes"] = ["F33.1", "F41.1"]
    schema_validator("gfe-request.schema.json").validate(request)
    schema_validator("gfe-case.schema.json").validate(c)
    plan = iop.TreatmentPlan.from_dict(c["plan"])
    holidays = iop.HolidayCalendar.from_dict(c["holidays"])
    calendar = iop.build_calendar(plan, holidays=holidays)
    gfes = iop.good_faith_estimates(calendar, request, fees=iop.FeeSchedule.from_dict(c["fee_schedule"]), holidays=holidays)
    assert [g.total for g in gfes] == [iop.Money("$71,010"), iop.Money("$2,610")]
    output = schema_validator("gfe.schema.json")
    for g in gfes:
        d = g.to_dict()
        output.validate(d)
        assert iop.GoodFaithEstimate.from_dict(d).to_dict() == d
    first, second = (g.to_dict() for g in gfes)
    assert [(p["name"], p["subtotal"], p["dispute_threshold"]) for p in first["providers"]] == [
        ("Los Angeles depression IOP", "70650.00", "71050.00"), ("Dr. Rivera, psychiatrist", "360.00", "760.00")]
    assert [p["subtotal"] for p in second["providers"]] == ["2250.00", "360.00"]
    assert first["providers"][0]["contact"] == {"phone": "(213) 555-0100", "email": "billing@la-iop.example"}
    assert second["items"][-1]["dates"] == ["2027-03-03", "2027-03-10"]
    assert {d["code"]: d["description"] for d in first["diagnoses"]} == {
        "F33.1": "Major depressive disorder, recurrent, moderate", "F41.1": "Generalized anxiety disorder"}
    assert [i["code_type"] for i in first["items"]] == ["CPT", "HCPCS", "CPT"]
    assert first["items"][0]["charge_note"] == "included in the program day's per diem: no separate charge"
    # One document for the course, the same bytes as the document API's html.
    html = iop.good_faith_estimates_html(gfes)
    assert html.count("<html") == 1
    assert "<td colspan=\"2\">Course total</td><td class=\"money\">$73,620.00</td>" in html
    assert html == iop.call("gfe", {"api_version": 1, "format": "html", "case": c})["content"]
    assert [json.dumps(g.to_dict(), sort_keys=True) for g in gfes] == [
        json.dumps(r, sort_keys=True) for r in iop.call("gfe", {"api_version": 1, "case": c})["result"]]
    with pytest.raises(iop.ValidationError) as info:
        iop.good_faith_estimates_html([gfes[1], gfes[0]])
    assert info.value.field == "course[0].part"
    # Unknown members are refused by name; the co-provider's dates are needed to place its visits.
    bad = copy.deepcopy(request)
    bad["co_providers"][0]["items"][0]["modifier"] = "95"
    with pytest.raises(iop.ValidationError) as info:
        iop.good_faith_estimates(calendar, bad, holidays=holidays)
    assert info.value.field == "request.co_providers[0].items[0].modifier"
    bad = copy.deepcopy(request)
    del bad["co_providers"][0]["items"][0]["dates"]
    with pytest.raises(iop.ValidationError) as info:
        iop.good_faith_estimates(calendar, bad, fees=iop.FeeSchedule.from_dict(c["fee_schedule"]), holidays=holidays)
    assert info.value.field == "co_providers[0].items[0].dates"
    bad = copy.deepcopy(c)
    bad["provider"]["telehealth_patient_state"] = "CA"  # the plan is delivered in person
    with pytest.raises(iop.ValidationError) as info:
        iop.call("gfe", {"api_version": 1, "case": bad})
    assert info.value.field == "case.provider.telehealth_patient_state"


def test_a_telehealth_course_is_furnished_in_the_patients_state():
    c = json.loads((ROOT / "examples" / "gfe-case.json").read_text())
    c["plan"]["delivery"] = {"mode": "telehealth", "patient_state": "CA"}
    result = iop.call("gfe", {"api_version": 1, "case": c})["result"][0]
    assert result["providers"][0]["telehealth_patient_state"] == "CA"
    html = iop.call("gfe", {"api_version": 1, "format": "html", "case": c})["content"]
    assert "Where services are furnished: Telehealth (live video), patient located in CA</p>" in html


def test_poverty_guidelines():
    assert iop.poverty_guideline(2026, 4) == iop.Money("$33,000")
    assert iop.income_share_of_poverty("40000", 2026, 3) == iop.Rate.fraction(4000000, 2732000)


def test_cohort_estimates_equal_single_estimates():
    starts = np.array(["2026-06-29", "2026-03-02", "2026-12-07"], dtype="datetime64[D]")
    out = iop.estimate_costs(starts, [8, 6, 10], [4, 3, 5], per_diem_cents=[30000, 25000, 35000], deductible="500",
                             coinsurance="20%", out_of_pocket_max="2500", plan_year_start="2026-01-01")
    for i, start in enumerate(starts):
        plan = iop.TreatmentPlan.from_dict({**case()["plan"], "start_date": str(start), "weeks": [8, 6, 10][i],
                                            "days_per_week": [4, 3, 5][i], "track": "morning"})
        coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500"},
                                           "coinsurance": "20%", "out_of_pocket_max": {"individual": "2500"}})
        fees = iop.FeeSchedule.per_diem("f", iop.Money.from_cents([30000, 25000, 35000][i]))
        est = iop.estimate_cost(iop.build_calendar(plan), coverage, fees)
        assert out["patient_cents"][i] == est.patient.cents
        assert out["charges_cents"][i] == est.charges.cents
    with pytest.raises(TypeError, match="float"):
        iop.estimate_costs(starts, 8, 4, per_diem=300.0, out_of_pocket_max="2500")
    # A copay with a coinsurance: a Coverage states how they combine; the cohort kernel never guesses.
    with pytest.raises(iop.ValidationError) as info:
        iop.estimate_costs(starts, 8, 4, per_diem="300", copay="25", coinsurance="20%", out_of_pocket_max="2500")
    assert info.value.field == "coverage.copay[0]" and info.value.problem == "is given with a coinsurance of 20%"
    with pytest.raises(iop.ValidationError) as info:
        iop.simulate_cohort_costs(starts, 4, runs=4, per_diem="300", copay="25", coinsurance="20%",
                                  out_of_pocket_max="2500")
    assert info.value.field == "coverage.copay[0]"


def test_estimate_and_gfe_commands(iop_command):
    text = subprocess.run([iop_command, "estimate", "--input", str(ROOT / "examples" / "case.json")],
                          capture_output=True, text=True, timeout=120)
    assert text.returncode == 0, text.stderr
    assert "charges $11,580.00, allowed $11,580.00, plan pays $8,264.00, patient pays $3,316.00" in text.stdout
    csv = subprocess.run([iop_command, "estimate", "--input", str(ROOT / "examples" / "case.json"), "--format", "csv"],
                         capture_output=True, text=True, timeout=120).stdout
    assert csv.startswith("date,session,code,units,charge,network,allowed")
    html = subprocess.run([iop_command, "gfe", "--input", str(ROOT / "examples" / "gfe-case.json"), "--format", "html"],
                          capture_output=True, text=True, timeout=60)
    assert html.returncode == 0, html.stderr
    assert "Good Faith Estimate" in html.stdout and "$10,800.00" in html.stdout
    broken = json.loads((ROOT / "examples" / "gfe-case.json").read_text())
    broken["provider"]["npi"] = "1234567890"
    bad = subprocess.run([iop_command, "gfe", "--input", "-"], input=json.dumps(broken), capture_output=True, text=True,
                         timeout=60)
    # Named by the case's own field, as the user wrote it.
    assert bad.returncode == 2 and "case.provider.npi" in bad.stderr


def out_of_network_case():
    return json.loads((ROOT / "examples" / "case-out-of-network.json").read_text())


def test_out_of_network_estimate_by_hand():
    # examples/case-out-of-network.json (worked in tests/cpp/api/test_api.cpp): allowed 80% of the charge;
    # 30 authorised days x $240 + 6 visits x $104 = $7,824: $1,000 deductible + 40% of $6,824 = $3,729.60;
    # balance bills 30 x $60 + 6 x $26 = $1,956; 6 days outside authorisation at their $300 charge = $1,800.
    c = out_of_network_case()
    jsonschema.validate(c["coverage"], json.loads((ROOT / "docs/schema/coverage.schema.json").read_text()))
    coverage = iop.Coverage.from_dict(c["coverage"])
    assert iop.Coverage.from_dict(coverage.to_dict()).to_dict() == coverage.to_dict()
    est = iop.estimate_cost(iop.build_calendar(iop.TreatmentPlan.from_dict(c["plan"])), coverage,
                            iop.FeeSchedule.from_dict(c["fee_schedule"]))
    assert est.patient == iop.Money("$7,485.60")
    assert est.plan == iop.Money("$4,094.40")
    assert est.balance_billed == iop.Money("$1,956")
    assert est.write_off == iop.Money("0.00") and est.secondary == iop.Money("0.00")
    assert est.unauthorized_days == ["2026-05-11", "2026-05-13", "2026-05-15", "2026-05-18", "2026-05-20", "2026-05-22"]
    assert est.warnings[0].startswith("6 days outside prior authorisation")
    frame = est.to_pandas()
    assert (frame.plan_cents + frame.secondary_cents + frame.patient_cents + frame.write_off_cents
            == frame.charge_cents).all()
    assert frame.balance_billed_cents.sum() == est.balance_billed.cents
    assert set(frame["network"]) == {"out_of_network"}
    weeks = est.to_pandas("weeks")
    assert weeks.secondary_cents.sum() == 0 and weeks.patient_cents.sum() == est.patient.cents
    # Read back from its JSON with every new member: secondary, balance-billed and written-off totals, the days
    # outside authorisation and the reviews.
    back = iop.CostEstimate.from_dict(est.to_dict())
    assert back == est and back.balance_billed == est.balance_billed and back.unauthorized_days == est.unauthorized_days


def test_coverage_errors_name_the_input_key():
    with pytest.raises(iop.ValidationError) as info:
        iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "500"}, "coinsurance": "20%"})
    assert info.value.field == "coverage.out_of_pocket_max"
    with pytest.raises(iop.ValidationError) as info:
        iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "0"}, "copay": "25",
                                "coinsurance": "20%", "out_of_pocket_max": {"individual": "5000"}})
    assert info.value.field == "coverage.combination"
    # Original Medicare's cost sharing is set by law: a maximum given for it is refused by its key.
    with pytest.raises(iop.ValidationError) as info:
        iop.Coverage.from_dict({"payer": "medicare", "medicare": "original", "out_of_pocket_max": {"individual": "5000"}})
    assert info.value.field == "coverage.out_of_pocket_max"
