"""plan.review with measures as clinic systems send them (examples/fhir/): the examples are valid FHIR R4 resources
(fhir.resources' R4B models, which match R4 for QuestionnaireResponse and Observation), and the review's figures
are worked by hand.

examples/plan.json: PHQ-9 baseline 18 on 2026-03-02, reviews every 30 days.
  fhir[0] PHQ-9 of 2026-03-16 answered 2 1 2 1 1 1 1 0 1 = 10, item 9 answered 1 (a same-day follow-up warning);
  fhir[1] PHQ-9 total 7 on 2026-04-13; fhir[2] GAD-7 of 2026-03-16, 1 2 1 1 0 1 0 = 6 (kept, not reviewed).
  18 -> 7: -11, 61.1 % below baseline: response, not remission; next review 2026-04-13 + 30 = 2026-05-13.
"""

import json
import pathlib
import subprocess

import jsonschema
import pytest
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

import iop
from conftest import schema_registry

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
FILES = ("phq9-questionnaire-response.json", "phq9-observation.json", "gad7-questionnaire-response.json")


def resources():
    return [json.loads((EXAMPLES / "fhir" / name).read_text(encoding="utf-8")) for name in FILES]


def review(**members):
    request = {"api_version": 1, "plan": json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8")), **members}
    return json.loads(iop.call_json("plan.review", json.dumps(request)))


def test_the_examples_are_valid_fhir_r4():
    phq9, total, gad7 = resources()
    assert QuestionnaireResponse.model_validate(phq9).item[8].answer[0].valueCoding.code == "LA6569-3"
    assert Observation.model_validate(total).valueQuantity.value == 7
    assert QuestionnaireResponse.model_validate(gad7).item[1].answer[0].valueCoding.code == "LA18938-3"


def test_review_of_the_fhir_examples_as_worked_by_hand():
    result = review(fhir=resources())["result"]
    assert result["status"] == "response"
    assert result["change_from_baseline"] == -11
    assert result["reasons"][0] == "PHQ-9 18 on 2026-03-02 -> 7 on 2026-04-13 (-11, 61.1% reduction)"
    assert (result["response"], result["remission"]) == (True, False)
    assert result["next_review"] == "2026-05-13"
    assert [s["total"] for s in result["scores"]] == [18, 10, 7]
    assert [(m["source"], m["measure"], m["total"]) for m in result["measures"]] == [
        ("fhir[0]", "PHQ-9", 10), ("fhir[1]", "PHQ-9", 7), ("fhir[2]", "GAD-7", 6)]
    assert result["measures"][0]["difficulty"] == "Somewhat difficult"
    assert result["warnings"][0].startswith("PHQ-9 item 9 (thoughts of being better off dead or of hurting oneself) "
                                            "answered 1 on 2026-03-16 (fhir[0])")
    assert "GAD-7 6 on 2026-03-16 (fhir[2])" in result["warnings"][1]
    validator = jsonschema.Draft202012Validator(iop.schema("plan.review.response"), registry=schema_registry())
    validator.validate(review(fhir=resources()))
    validator.validate(review(fhir=resources(), format="text"))


def test_a_partial_questionnaire_is_refused_by_item():
    partial = resources()
    del partial[0]["item"][8]  # item 9 left out: its score is never guessed as 0
    error = review(fhir=partial)["error"]
    assert error["field"] == "fhir[0].item"
    assert error["problem"] == "is a partial PHQ-9: question 9 is not answered"
    assert error["value"] == "no answer to 44260-8"


def test_the_review_command_answers_as_the_operation(iop_command, tmp_path):
    (tmp_path / "fhir.json").write_text(json.dumps(resources()))
    out = subprocess.run([iop_command, "review", "--input", str(EXAMPLES / "plan.json"), "--fhir",
                          str(tmp_path / "fhir.json"), "--format", "json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == review(fhir=resources(), format="json")["result"]


@pytest.mark.parametrize("weeks", [0, 27])
def test_not_improving_weeks_is_1_to_26_on_every_surface(weeks):
    assert review(not_improving_weeks=weeks)["error"]["field"] == "not_improving_weeks"
    plan = iop.TreatmentPlan.from_dict(json.loads((EXAMPLES / "plan.json").read_text(encoding="utf-8")))
    with pytest.raises(ValueError, match="not_improving_weeks"):
        plan.review([("2026-03-16", 10)], not_improving_weeks=weeks)
