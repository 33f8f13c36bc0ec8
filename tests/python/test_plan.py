"""Programs and treatment plans: catalog figures, checks, reviews, JSON Schemas and FHIR R4.

FHIR output is validated with fhir.resources (its R4B models, which match R4
4.0.1 for Bundle, CarePlan, Goal and Condition), plus a check of coded values
against each element's allowed codes, which fhir.resources lists but does not enforce.
"""

import copy
import datetime
import json
import pathlib
import pickle

import jsonschema
import pytest
from fhir.resources.R4B.bundle import Bundle

import iop
from conftest import coded_value_violations

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = datetime.date


def schema(name):
    return iop.schema(name)


def example_plan():
    return json.loads((ROOT / "examples" / "plan.json").read_text())


# --- programs ----------------------------------------------------------------

def test_catalog_reproduces_published_figures():
    catalog = {p.id: p for p in iop.program_catalog()}
    assert set(catalog) == {"la-depression-iop", "az-depression-iop", "depression-iop-guide",
                            "iop-benefits-blog", "la-sud-mh-iop"}
    a = catalog["la-depression-iop"]
    assert (a.minutes_per_day, a.days_per_week) == (180, (3, 5))
    assert [t["part_of_day"] for t in a.tracks] == ["morning", "afternoon", "evening"]
    assert {t["zone"] for t in a.tracks} == {"America/Los_Angeles"}
    assert a.payer_acceptance("medicare") == "declined"
    assert a.payer_acceptance("medicaid") == "declined"
    assert a.payer_acceptance("commercial") == "accepted"
    assert a.offers_telehealth_in("CA") and not a.offers_telehealth_in("NV")
    assert catalog["az-depression-iop"].tracks[0]["zone"] == "America/Phoenix"
    assert catalog["depression-iop-guide"].duration_weeks[:2] == (8, 12)
    e = catalog["la-sud-mh-iop"].to_dict()
    assert e["published_monthly_cost"] == {"low": "3000.00", "high": "10000.00"}
    assert e["taper"] == {"final_weeks": 2, "days_per_week": 3}
    assert pickle.loads(pickle.dumps(a)).to_dict() == a.to_dict()


def test_catalog_and_examples_match_the_json_schemas():
    program_schema = schema("program")
    for program in iop.program_catalog():
        jsonschema.validate(program.to_dict(), program_schema)
    for program in json.loads((ROOT / "data" / "programs.json").read_text())["programs"]:
        jsonschema.validate(program, program_schema)
    jsonschema.validate(json.loads((ROOT / "data" / "level-of-care-rules.json").read_text()),
                        schema("level-of-care-rules"))
    jsonschema.validate(iop.default_level_of_care_rules(), schema("level-of-care-rules"))
    jsonschema.validate(example_plan(), schema("treatment-plan"))
    jsonschema.validate(iop.TreatmentPlan.from_dict(example_plan()).to_dict(), schema("treatment-plan"))
    jsonschema.validate(json.loads((ROOT / "examples" / "intake.json").read_text()), schema("intake"))


def test_schemas_refuse_what_the_loaders_refuse():
    bad = example_plan()
    bad["payer"] = "bitcoin"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("treatment-plan"))
    with pytest.raises(iop.NotFoundError):
        iop.TreatmentPlan.from_dict(bad)
    bad = example_plan()
    bad["wekks"] = 8
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema("treatment-plan"))
    with pytest.raises(iop.ValidationError, match="plan.wekks"):
        iop.TreatmentPlan.from_dict(bad)


def test_custom_program_from_dict():
    d = iop.find_program("la-depression-iop").to_dict()
    d["id"] = "my-clinic-iop"
    d["duration_weeks"] = {"min": 8, "max": 12, "default": 10}
    program = iop.ProgramTemplate.from_dict(d)
    assert program.duration_weeks == (8, 12, 10)
    d["daily_blocks"][0]["minutes"] = 20
    with pytest.raises(iop.ValidationError) as info:
        iop.ProgramTemplate.from_dict(d)
    assert info.value.field == "program.daily_blocks"


# --- plans -------------------------------------------------------------------

def test_plan_check_and_findings():
    plan = iop.TreatmentPlan.from_dict(example_plan())
    assert plan.end_date == D(2026, 4, 26)
    check = plan.check()
    assert check["weekly_minutes"] == 540
    assert check["within_bounds"] is True
    assert check["findings"] == []
    medicare = example_plan()
    medicare["payer"] = "medicare"
    findings = iop.TreatmentPlan.from_dict(medicare).check()["findings"]
    assert findings[0]["field"] == "payer"
    assert "self-pay" in findings[0]["message"]


def test_fourteen_weeks_needs_an_authorised_extension():
    d = example_plan()
    d["weeks"] = 14
    with pytest.raises(iop.ValidationError) as info:
        iop.TreatmentPlan.from_dict(d).check()
    message = str(info.value)
    assert "weeks" in message and "14" in message and "6..12" in message
    d["extension"] = {"reason": "Partial response at week 10", "authorization_reference": "AUTH-2026-0412"}
    assert iop.TreatmentPlan.from_dict(d).check()["extended"] is True


def test_plan_review():
    plan = iop.TreatmentPlan.from_dict(example_plan())  # baseline PHQ-9 18 on 2026-03-02
    review = plan.review([(D(2026, 3, 16), 12), (D(2026, 4, 13), 8)])
    assert review["status"] == "response"
    assert review["change_from_baseline"] == -10
    assert review["next_review"] == "2026-05-13"
    assert plan.review([("2026-04-20", 3)])["status"] == "remission"
    stalled = plan.review([(D(2026, 3, 9), 16), (D(2026, 4, 6), 17)])
    assert stalled["status"] == "not improving"
    assert stalled["consider_level"] == "PHP"


def test_plan_json_round_trip_is_lossless():
    plan = iop.TreatmentPlan.from_dict(example_plan())
    again = iop.TreatmentPlan.from_dict(plan.to_dict())
    assert again.to_dict() == plan.to_dict()
    assert pickle.loads(pickle.dumps(plan)).to_dict() == plan.to_dict()
    assert repr(plan) == "TreatmentPlan('plan-001', program='la-depression-iop', start=2026-03-02, weeks=8)"


# --- FHIR --------------------------------------------------------------------

def test_fhir_bundle_validates_with_fhir_resources():
    bundle_dict = iop.TreatmentPlan.from_dict(example_plan()).to_fhir()
    bundle = Bundle.model_validate(bundle_dict)
    assert [e.resource.get_resource_type() for e in bundle.entry] == [
        "Condition", "Condition", "Goal", "Goal", "CarePlan"]
    assert coded_value_violations(bundle) == []
    care_plan = bundle.entry[-1].resource
    assert care_plan.status == "active" and care_plan.intent == "plan"
    assert str(care_plan.period.start) == "2026-03-02"
    assert care_plan.activity[0].detail.code.coding[0].code == "S9480"
    goal = bundle.entry[2].resource
    assert goal.target[0].measure.coding[0].code == "44261-6"
    assert goal.target[0].detailQuantity.comparator == "<"
    gad_goal = bundle.entry[3].resource
    assert gad_goal.target[0].measure.coding[0].code == "70274-6"
    assert gad_goal.target[0].detailQuantity.comparator == "<="
    # every reference inside the bundle resolves to an entry
    urls = {e.fullUrl for e in bundle.entry}
    refs = [r.reference for r in care_plan.goal] + [r.reference for r in care_plan.addresses]
    assert set(refs) <= urls


def test_fhir_checker_catches_bad_codes():
    bundle_dict = iop.TreatmentPlan.from_dict(example_plan()).to_fhir()
    broken = copy.deepcopy(bundle_dict)
    broken["entry"][-1]["resource"]["status"] = "bogus"
    assert coded_value_violations(Bundle.model_validate(broken))
    del broken["entry"][-1]["resource"]["intent"]
    with pytest.raises(Exception):
        Bundle.model_validate(broken)
