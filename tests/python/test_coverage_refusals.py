"""Inconsistent coverage documents, refused by the document API with the member, the value and the rule.

Each case changes one member of examples/case.json's coverage (a $1,500 / $3,000 deductible, a $4,000 / $8,000
out-of-pocket maximum, 20% coinsurance, commercial, in network) and expects the refusal the coverage rules give.
"""

import copy
import json
import pathlib

import pytest

import iop

CASE = json.loads((pathlib.Path(__file__).resolve().parents[2] / "examples" / "case.json").read_text())

CASES = [
    # An aggregate family deductible is at least the individual one: $1,000 < $1,500.
    (lambda c: c["deductible"].update(family="1000.00"),
     "case.coverage.deductible.family", "$1,000.00", "is below the individual deductible", "$1,500.00 or more"),
    # The allowed amount is a share of the charge: 120% would have the plan allow more than was billed.
    (lambda c: c.update(allowed_share="120%"), "case.coverage.allowed_share", "120%", "is more than the charge",
     "0%..100%"),
    (lambda c: c.update(state="XX"), "case.coverage.state", "'XX'", "is not a US state code", "a USPS code such as CA"),
    # What was paid toward the out-of-pocket maximum cannot exceed it ($5,000 > $4,000).
    (lambda c: c["accumulators"].update(oop_individual="5000.00"), "case.coverage.accumulators.oop_individual",
     "$5,000.00", "is above the out-of-pocket maximum", "$0.00..$4,000.00"),
    # Medicaid's cost sharing follows the enrollee's terms, which must be given.
    (lambda c: c.update(payer="medicaid"), "case.coverage.medicaid", "", "is missing",
     "the enrollee's Medicaid terms (income band, exemption)"),
]


@pytest.mark.parametrize("mutate, field, value, problem, allowed", CASES)
def test_an_inconsistent_coverage_is_refused_by_name(mutate, field, value, problem, allowed):
    case = copy.deepcopy(CASE)
    mutate(case["coverage"])
    error = json.loads(iop.call_json("estimate", json.dumps({"api_version": 1, "case": case})))["error"]
    assert (error["kind"], error["field"], error["value"], error["problem"]) == ("validation", field, value, problem)
    assert error["allowed"] == allowed
    with pytest.raises(iop.ValidationError, match=problem):
        iop.call("estimate", {"api_version": 1, "case": case})
