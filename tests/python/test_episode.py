"""episode.state from Python and the iop command: examples/episode.json worked by hand.

la-depression-iop ($300 default per diem), 6 weeks x 5 days from 2026-03-02, PHQ-9 baseline 18, reviews every 14 days,
a closure on Friday 2026-03-20. Week 2 missed (5 days); 03-23 extended by 2 weeks; 03-30 stepped down to Monday,
Wednesday and Friday from 04-06; 04-13 a planned discharge effective 04-17. Attended: 5 + 4 + 5 + 5 + 3 + 3 = 25.
Coverage: $1,000 deductible, 20 %, $3,000 maximum: the patient pays $900 for three days, $140 on the fourth, then $60.
"""

import json
import pathlib
import subprocess

import jsonschema
import pytest
from fhir.resources.R4B.bundle import Bundle

import iop
from conftest import schema_registry

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def episode():
    return json.loads((EXAMPLES / "episode.json").read_text(encoding="utf-8"))


def state(as_of, **members):
    return iop.call("episode.state", {"api_version": 1, "episode": episode(), "as_of": as_of, **members})["result"]


def test_the_example_is_a_valid_episode_document():
    jsonschema.validate(episode(), iop.schema("episode"), registry=schema_registry())


def test_after_the_discharge_every_figure_is_the_hand_worked_one():
    s = state("2026-04-20", since="2026-04-10")
    assert s["status"] == "discharged"
    assert (s["sessions"]["attended"], s["sessions"]["missed"], s["sessions"]["upcoming"]) == (25, 5, 0)
    assert s["sessions"]["last_session"] == "2026-04-17"
    assert s["costs"]["total"] == {"sessions": 25, "charges": "7500.00", "patient": "2300.00", "plan": "5200.00"}
    assert s["next_review"]["date"] == "2026-04-27"  # the discharge decision of 04-13 + 14 days
    assert s["changes"][0] == "Status: in treatment -> discharged."
    assert "The patient's expected total: $2,480.00 -> $2,300.00." in s["changes"]


def test_the_re_planned_calendar_at_each_decision():
    # Before the extension: 6 weeks of 5 days less the closure: 29 program days, the last on 04-10.
    assert state("2026-03-13")["sessions"]["last_session"] == "2026-04-10"
    # The extension adds 2 weeks of 5 days (to 04-24); the step-down leaves 3 days a week from 04-06.
    at_extension = state("2026-03-23")["sessions"]
    assert (at_extension["last_session"], at_extension["attended"] + at_extension["missed"] + at_extension["upcoming"]) == (
        "2026-04-24", 5 + 5 + 4 + 5 + 5 + 5 + 5 + 5)
    after_step_down = state("2026-04-10")["sessions"]
    assert after_step_down["weekdays"] == ["monday", "wednesday", "friday"]
    assert after_step_down["attended"] + after_step_down["missed"] + after_step_down["upcoming"] == 5 + 5 + 4 + 5 + 5 + 3 * 3


def test_remission_proposes_discharge_with_the_plans_criteria():
    s = state("2026-04-10")
    assert s["measures"]["status"] == "remission"
    assert s["proposal"]["action"] == "discharge"
    assert "The plan's discharge criterion: Safety plan in place." in s["proposal"]["reasons"]
    assert s["warnings"][0].startswith("PHQ-9 item 9")


def test_attendance_below_the_clinics_threshold_is_a_reason():
    # By 2026-03-16: 5 attended in week 1, 5 missed in week 2, 03-16 attended: 6 of 11 is 54.5 %, below 80 %.
    reasons = state("2026-03-16", attendance_threshold=80)["proposal"]["reasons"]
    assert "Attendance 6 of 11 program days is below the clinic's threshold of 80%." in reasons
    assert not any("threshold" in r for r in state("2026-03-16", attendance_threshold=50)["proposal"]["reasons"])


@pytest.mark.parametrize("change, field", [
    (lambda e: e["events"][2].update(date="2026-03-01"), "episode.events[2].date"),
    (lambda e: e["events"][22]["authorization"].update(first_day="2026-03-27"), "episode.events[22].authorization.first_day"),
    (lambda e: e["events"][27].update(weekdays=["monday"] * 2 + ["tuesday", "wednesday", "thursday"]), "episode.events[27].weekdays"),
    (lambda e: e["events"][17].update(items=[1] * 8), "episode.events[17].items"),
    (lambda e: e["events"][38].pop("planned"), "episode.events[38].planned"),
])
def test_bad_events_raise_value_errors_naming_the_event(change, field):
    doc = episode()
    change(doc)
    with pytest.raises(ValueError) as raised:
        iop.call("episode.state", {"api_version": 1, "episode": doc, "as_of": "2026-04-20"})
    assert raised.value.field == field


def test_the_command_answers_as_the_api(iop_command):
    run = subprocess.run([iop_command, "episode", "--input", str(EXAMPLES / "episode.json"), "--as-of", "2026-04-10",
                          "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == state("2026-04-10")
    refused = subprocess.run([iop_command, "episode", "--input", str(EXAMPLES / "episode.json"), "--as-of", "2026-04-10",
                              "--attendance-threshold", "150"], capture_output=True, text=True, check=False)
    assert refused.returncode == 2
    assert "attendance_threshold" in refused.stderr


def test_the_fhir_bundle_is_valid_and_brings_the_care_plan_to_the_day():
    bundle = iop.call("episode.state", {"api_version": 1, "episode": episode(), "as_of": "2026-03-23",
                                        "format": "fhir"})["result"]
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    care_plan = next(r for r in resources if r["resourceType"] == "CarePlan")
    # As of 2026-03-23: in treatment, extended to 2026-04-24; the decisions of 03-16 and 03-23 as dated notes.
    assert (care_plan["status"], care_plan["period"]["end"]) == ("active", "2026-04-24")
    assert [n["time"] for n in care_plan["note"] if "time" in n] == ["2026-03-16", "2026-03-23"]
    # The baseline, the PHQ-9s of 03-13 and 03-19 and the GAD-7 of 03-19, each one supporting the CarePlan.
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    assert [(o["code"]["coding"][0]["code"], o["effectiveDateTime"], o["valueInteger"]) for o in observations] == [
        ("44261-6", "2026-02-27", 18), ("44261-6", "2026-03-13", 17), ("44261-6", "2026-03-19", 14),
        ("70274-6", "2026-03-19", 9)]
    assert len(care_plan["supportingInfo"]) == 4
    assert sum(c["valueInteger"] for c in observations[2]["component"]) == 14


def test_each_review_shows_the_proposal_beside_the_decision(iop_command):
    reviews = iop.call("episode.review", {"api_version": 1, "episode": episode(), "as_of": "2026-04-20"})["result"]["reviews"]
    assert [(r["date"], r["proposal"]["action"], r["decided"], r["followed"]) for r in reviews] == [
        ("2026-03-16", "continue", "continue", True), ("2026-03-23", "continue", "extend", False),
        ("2026-03-30", "continue", "step_down", False), ("2026-04-13", "discharge", "discharge", True)]
    run = subprocess.run([iop_command, "episode", "--input", str(EXAMPLES / "episode.json"), "--as-of", "2026-04-20",
                          "--reviews", "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(run.stdout)["reviews"] == reviews


def test_a_self_pay_scope_change_produces_its_good_faith_estimate():
    # tests/cpp/episode/test_episode.cpp works these out: the extension's estimate for 04-13..04-24 (10 program days,
    # $3,000.00, due 04-10) and the step-down's for 04-06..04-24 (9, $2,700.00, due 04-03), each valid as a gfe.
    doc = episode()
    doc["coverage"] = {"payer": "self_pay", "uninsured": True}
    doc["events"] = [e for e in doc["events"] if e["kind"] != "authorization"]
    gfe_case = json.loads((EXAMPLES / "gfe-case.json").read_text())
    doc["gfe"] = {"patient": gfe_case["patient"], "provider": gfe_case["provider"]}
    answer = iop.call("episode.state", {"api_version": 1, "episode": doc, "as_of": "2026-03-30"})
    jsonschema.validate(answer, iop.schema("episode.state.response"), registry=schema_registry())
    estimates = answer["result"]["good_faith_estimates"]
    assert [(g["issued_on"], g["total"], g["issue_by"]) for g in estimates] == [
        ("2026-03-23", "3000.00", "2026-04-10"), ("2026-03-30", "2700.00", "2026-04-03")]
    for g in estimates:
        jsonschema.validate(g, iop.schema("gfe"), registry=schema_registry())
    assert all("It is in good_faith_estimates." in w for w in answer["result"]["warnings"] if "Good Faith" in w)
