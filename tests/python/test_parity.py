"""Parity through Python: the facts' worked example, frames, claims aggregation, the CLI,
and the facts a compliance review records (sub-classifications, coverage units, dollar
limits, exemption years, California's criteria, in-operation NQTL data)."""

import json
import pathlib
import pickle
from fractions import Fraction
import subprocess

import jsonschema
import numpy as np
import pandas as pd
import pytest

import iop
import iop.parity as parity

ROOT = pathlib.Path(__file__).resolve().parents[2]


SCHEMA = json.loads((ROOT / "docs/schema/benefit-design.schema.json").read_text())
REPORT_SCHEMA = json.loads((ROOT / "docs/schema/parity-report.schema.json").read_text())


def design(name="design.json"):
    return json.loads((ROOT / "examples" / name).read_text())


def test_example_design_matches_its_schema_and_passes():
    jsonschema.validate(design(), SCHEMA)
    report = parity.analyse(design())
    assert report.passes and report.subject_to_parity
    assert all(f["rule"] for f in report.findings)
    assert all(f["message"].endswith(".") for f in report.findings)
    assert parity.report_from_dict(report.to_dict()).to_dict() == report.to_dict()


def test_every_example_design_validates_and_its_report_round_trips():
    """Each example is valid against the schema, its report against the report schema, and the report
    survives JSON, pickling and ==."""
    for path in sorted((ROOT / "examples").glob("design*.json")):
        document = json.loads(path.read_text())
        jsonschema.validate(document, SCHEMA)
        report = parity.analyse(document)
        jsonschema.validate(report.to_dict(), REPORT_SCHEMA)
        again = parity.report_from_dict(json.loads(json.dumps(report.to_dict())))
        assert again == report, path.name
        assert pickle.loads(pickle.dumps(report)) == report, path.name


def test_the_examples_say_what_was_worked_out_by_hand():
    # Two coverage units with two declared in-network tiers each: four tests, each copay equal
    # to the tier's only M/S level (100% of its payments), so every IOP copay passes.
    units = parity.analyse(design("design-coverage-units.json"))
    assert units.coverage_units == ["self-only", "family"]
    frame = parity.report_to_pandas(units)
    assert list(frame["coverage_unit"]) == ["self-only", "self-only", "family", "family"]
    assert list(frame["tier"]) == ["preferred", "participating"] * 2
    assert list(frame["predominant_cents"]) == [1000, 3000, 1500, 3500]
    # Self-insured in California: SB 855 does not reach it, so InterQual is no violation there.
    scope = [f for f in units.findings if f["topic"] == "CA: scope"]
    assert len(scope) == 1 and "self-insured" in scope[0]["message"]
    assert units.passes
    # 1.4% in the third plan year of compliance (> 1%), determined after six months, certified,
    # notified: the plan year that follows, from 2026-01-01, is exempt; its $45 IOP copay is not tested.
    exempt = parity.analyse(design("design-exempt-year.json"))
    assert not exempt.subject_to_parity and exempt.tests == []
    assert any(f["message"].startswith("Exempt for the plan year starting 2026-01-01 only") for f in exempt.findings)


def test_worked_example_of_the_facts():
    """$50M outpatient in-network; $40M with a copay (80% >= 2/3); $35 on $25M is 62.5% > 1/2."""
    frame = parity.report_to_pandas(parity.analyse(design()))
    copay = frame[frame["type"] == "copay"].iloc[0]
    assert copay["subject_share"] == 0.8  # a float for reading, and the exact fraction beside it
    assert Fraction(copay["subject_share_numerator"], copay["subject_share_denominator"]) == Fraction(4, 5)
    assert copay["total_payments_cents"] == 5_000_000_000 and copay["subject_payments_cents"] == 4_000_000_000
    assert copay["substantially_all"]
    assert copay["predominant_cents"] == 3500 and pd.isna(copay["predominant_bp"])
    levels = parity.report_to_pandas(parity.analyse(design()), table="levels")
    copays = levels[levels["type"] == "copay"]
    assert copays["level_cents"].tolist() == [3500, 2000]
    assert copays["payments_cents"].tolist() == [2_500_000_000, 1_500_000_000]
    assert [Fraction(n, d) for n, d in zip(copays["share_numerator"], copays["share_denominator"])] == [
        Fraction(5, 8), Fraction(3, 8)]
    test = parity.analyse(design()).tests[0]
    assert test["levels"][0]["share"] == "62.5%"


def test_violations_are_found_with_their_rules():
    d = design()
    d["classifications"][0]["mental_health"][0]["level"] = "40.00"  # IOP copay above $35
    d["classifications"][0]["mental_health"][1]["level"] = "20%"    # coinsurance where M/S has under 2/3
    d["accumulation"]["deductible"] = "separate"
    d["medical_necessity_criteria"] = ["interqual-behavioral-health"]
    report = parity.analyse(d)
    assert not report.passes
    violations = {f["topic"]: f for f in report.findings if f["severity"] == "violation"}
    assert "2590.712(c)(3)(i)(B)(1)" in violations["copay / outpatient_in_network / all_other"]["rule"]
    assert "2590.712(c)(3)(i)(A)" in violations["coinsurance / outpatient_in_network / all_other"]["rule"]
    assert "2590.712(c)(3)(v)" in violations["cumulative requirements"]["rule"]
    assert "1374.721" in violations["CA: ca-nonprofit-criteria"]["rule"]
    with pytest.raises(iop.NotFoundError):
        parity.analyse({**design(), "classifications": [{"classification": "dental", "total_payments": "1.00"}]})
    # Criteria are named by identifier, never matched by spelling.
    with pytest.raises(iop.NotFoundError, match="locus, calocus-casii"):
        parity.analyse({**design(), "medical_necessity_criteria": ["LOCUS"]})


def test_an_out_of_network_tier_is_refused_by_iop_and_by_the_schema():
    """29 CFR 2590.712(c)(3)(iii)(B): network tiers split only in-network benefits."""
    d = design()
    d["classifications"][0]["classification"] = "outpatient_out_of_network"
    d["classifications"][0]["tier"] = "generalist"
    with pytest.raises(iop.ValidationError, match=r"2590\.712\(c\)\(3\)\(iii\)\(B\)"):
        parity.analyse(d)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, SCHEMA)
    # A visit limit without its period is refused by both as well.
    d = design()
    del d["classifications"][0]["medical_surgical"][5]["period"]
    with pytest.raises(iop.ValidationError, match="period"):
        parity.analyse(d)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, SCHEMA)


def test_an_annual_dollar_limit_below_the_medical_surgical_one_as_a_frame():
    """One $50,000 annual limit on $80M of $100M (80% >= 2/3): an MH/SUD limit of $25,000 is below it
    (29 U.S.C. 1185a(a)(2)(B)); money comes back in int64 cents."""
    d = design()
    d["dollar_limits"] = [{"kind": "annual", "total_payments": "100000000.00",
                           "medical_surgical": [{"category": "all", "limit": "50000.00", "payments": "80000000.00"}],
                           "mental_health": {"application": "separate", "limit": "25000.00"}}]
    jsonschema.validate(d, SCHEMA)
    report = parity.analyse(d)
    frame = parity.dollar_limits_to_pandas(report)
    row = frame.iloc[0]
    assert row["test"] == "single_limit" and row["limited_share"] == 0.8 and not row["passes"]
    assert (row["limited_share_numerator"], row["limited_share_denominator"]) == (4, 5)
    assert row["medical_surgical_limit_cents"] == 5_000_000 and row["mental_health_limit_cents"] == 2_500_000
    assert frame["total_payments_cents"].dtype == np.int64
    findings = parity.findings_to_pandas(report)
    assert list(findings[findings["severity"] == "violation"]["topic"]) == ["annual dollar limit"]
    assert not report.passes


def test_design_from_worksheet_frames():
    totals = pd.DataFrame([{"classification": "outpatient_in_network", "subclassification": "all_other",
                            "total_payments": "50000000.00"}])
    ms = pd.DataFrame([
        {"classification": "outpatient_in_network", "subclassification": "all_other", "type": "copay", "level": "35.00", "payments": "25000000.00"},
        {"classification": "outpatient_in_network", "subclassification": "all_other", "type": "copay", "level": "20.00", "payments": "15000000.00"},
    ])
    mh = pd.DataFrame([{"classification": "outpatient_in_network", "subclassification": "all_other",
                        "benefit": "IOP", "type": "copay", "level": "35.00"}])
    d = parity.design_from_frames(ms, mh, totals=totals, plan="Frame plan", plan_year_start="2026-01-01")
    report = parity.analyse(d)
    assert report.tests[0]["predominant_display"] == "$35.00" and report.passes


def test_claims_aggregation_matches_pandas_groupby():
    random = np.random.default_rng(11)
    n = 5000
    cls = random.integers(0, 6, n).astype(np.uint8)
    # one row per claim and type: two types per claim, copay and coinsurance
    claims = pd.DataFrame({"classification": np.repeat(cls, 2), "type": np.tile([1, 2], n),
                           "level": np.where(np.tile([1, 2], n) == 1, random.choice([0, 2000, 3500], 2 * n),
                                             random.choice([0, 2000], 2 * n)),
                           "payment": np.repeat(random.integers(1, 100_000, n), 2)})
    ours = parity.aggregate_claims(claims["classification"], claims["type"], claims["level"], claims["payment"])
    theirs = claims.groupby(["classification", "type", "level"])["payment"].sum()
    for c in ours:
        code = parity.CLASSIFICATIONS.index(c["classification"])
        for row in c["medical_surgical"]:
            t = parity.TYPES.index(row["type"])
            level = round(float(row["level"].rstrip("%")) * 100) if row["type"] != "copay" else round(float(row["level"]) * 100)
            assert iop.Money(row["payments"]).cents == theirs[(code, t, level)]


def test_parity_command(iop_command):
    text = subprocess.run([iop_command, "parity", "--input", str(ROOT / "examples" / "design.json")],
                          capture_output=True, text=True, timeout=60)
    assert text.returncode == 0, text.stderr
    assert "predominant level: $35.00" in text.stdout
    assert "combine $1,500.00: $55,000,000.00 (61.1%)" in text.stdout
    out = json.loads(subprocess.run([iop_command, "parity", "--input", str(ROOT / "examples" / "design.json"),
                                     "--format", "json"], capture_output=True, text=True, timeout=60).stdout)
    assert out["passes"] is True
    bad = subprocess.run([iop_command, "parity", "--input", "-"], input=json.dumps({"plan": "x"}),
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "design.plan_year_start" in bad.stderr


# --- the facts a compliance review records, worked by hand -------------------------------------
#
# Each test below builds a design document as a compliance officer would enter it, works the
# answer out by hand in its comments, and checks iop's report against it through Python.

def small_design(**members):
    """A one-classification design whose copay test passes: $35 on all $50M, IOP at $35."""
    document = {
        "plan": "Test plan", "plan_year_start": "2026-01-01",
        "classifications": [{
            "classification": "outpatient_in_network", "total_payments": "50000000.00",
            "medical_surgical": [{"type": "copay", "level": "35.00", "payments": "50000000.00"}],
            "mental_health": [{"benefit": "Intensive outpatient program", "type": "copay", "level": "35.00"}]}],
    }
    document.update(members)
    return document


def on(report, topic, prefix=False):
    return [f for f in report.findings if (f["topic"].startswith(topic) if prefix else f["topic"] == topic)]


def ms(type_, level, payments, period=None):
    row = {"type": type_, "level": level, "payments": payments}
    if period:
        row["period"] = period
    return row


def mh(type_, level, period=None, benefit="IOP"):
    row = {"benefit": benefit, "type": type_, "level": level}
    if period:
        row["period"] = period
    return row


def test_item_1_a_split_out_of_network_classification_is_refused_and_tested_whole():
    """29 CFR 2590.712(c)(3)(iii)(B): network tiers split in-network benefits only; (c)(3)(iii)(C): no other
    sub-classifications (its example: generalists and specialists).

    The plan once entered outpatient out-of-network as a "generalist" piece ($20M: 40% and $40 on $16M,
    20% and $20 on $4M) and a "specialist" piece ($40M: 20% and $20 on all of it), and each piece was tested
    alone: the generalist piece's own predominant levels were 40% and $40, so IOP at 40% / $40 passed.
    Tested whole: $60M, all of it subject to coinsurance and to a copay (100% >= 2/3); 20% (or $20) on
    $4M + $40M = $44M, 44/60 = 11/15 = 73.3% > 1/2, so 20% and $20 are predominant and IOP's 40% and $40
    are two violations.
    """
    generalist = {"classification": "outpatient_out_of_network", "tier": "generalist", "total_payments": "20000000.00",
                  "medical_surgical": [ms("coinsurance", "40%", "16000000.00"), ms("coinsurance", "20%", "4000000.00"),
                                       ms("copay", "40.00", "16000000.00"), ms("copay", "20.00", "4000000.00")],
                  "mental_health": [mh("coinsurance", "40%"), mh("copay", "40.00")]}
    specialist = {"classification": "outpatient_out_of_network", "tier": "specialist", "total_payments": "40000000.00",
                  "medical_surgical": [ms("coinsurance", "20%", "40000000.00"), ms("copay", "20.00", "40000000.00")]}
    with pytest.raises(iop.ValidationError, match=r"2590\.712\(c\)\(3\)\(iii\)\(B\)") as refused:
        parity.analyse(small_design(classifications=[generalist, specialist]))
    assert "design.classifications[0].tier" in str(refused.value)
    # The same classification entered twice without tiers is refused too: it is tested whole.
    for piece in (generalist, specialist):
        piece.pop("tier")
    with pytest.raises(iop.ValidationError, match=r"entered twice \(also at design\.classifications\[0\]\)"):
        parity.analyse(small_design(classifications=[generalist, specialist]))

    whole = {"classification": "outpatient_out_of_network", "total_payments": "60000000.00",
             "medical_surgical": [ms("coinsurance", "40%", "16000000.00"), ms("coinsurance", "20%", "44000000.00"),
                                  ms("copay", "40.00", "16000000.00"), ms("copay", "20.00", "44000000.00")],
             "mental_health": [mh("coinsurance", "40%"), mh("copay", "40.00")]}
    report = parity.analyse(small_design(classifications=[whole]))
    frame = parity.report_to_pandas(report).set_index("type")
    assert frame.loc["copay", "predominant_cents"] == 2000 and frame.loc["coinsurance", "predominant_bp"] == 2000
    assert frame.loc["copay", ["subject_share_numerator", "subject_share_denominator"]].tolist() == [1, 1]
    shares = {l["display"]: l["share"] for l in report.tests[0]["levels"]}
    assert shares == {"$40.00": "4/15", "$20.00": "11/15"}  # 16/60 and 44/60
    assert not frame.loc["copay", "passes"] and not frame.loc["coinsurance", "passes"]
    assert [f["topic"] for f in report.findings if f["severity"] == "violation"] == [
        "copay / outpatient_out_of_network", "coinsurance / outpatient_out_of_network"]
    assert not report.passes


def test_item_2_the_apa_guidelines_locus_and_asam_in_california():
    """28 CCR 1300.74.721(c) lists the nonprofit professional associations whose criteria must be used:
    (c)(6) the American Association for Community Psychiatry (LOCUS), (c)(9) the American Psychiatric
    Association. The design that was reported as a violation (LOCUS, ASAM, the APA's guidelines) now has
    no violation: LOCUS and the APA's guidelines are accepted with their entries; ASAM's association is
    not among the entries iop has confirmed, so the report asks to check it (a finding, not a violation)."""
    report = parity.analyse(small_design(
        state="CA", status={"funding": "fully_insured", "sponsor": "private_employer"},
        medical_necessity_criteria=["locus", "asam-criteria", "apa-practice-guidelines"]))
    found = on(report, "CA: ca-nonprofit-criteria")
    assert [f["severity"] for f in found] == ["info", "finding", "info"]
    assert found[0]["message"] == ("The criteria Level of Care Utilization System (LOCUS) come from the American "
                                   "Association for Community Psychiatry, a nonprofit professional association listed "
                                   "in 28 CCR 1300.74.721(c)(6).")
    assert "American Psychiatric Association, a nonprofit professional association listed in 28 CCR 1300.74.721(c)(9)" \
        in found[2]["message"]
    assert "unconfirmed" in found[1]["rule"]
    assert report.passes
    # The name is not an identifier: it is refused, never matched by spelling.
    with pytest.raises(iop.NotFoundError, match="apa-practice-guidelines"):
        parity.analyse(small_design(medical_necessity_criteria=["American Psychiatric Association Practice Guidelines"]))
    # Criteria outside iop's list are declared with their developer; commercial criteria are a violation.
    report = parity.analyse(small_design(
        state="CA", status={"funding": "fully_insured"},
        medical_necessity_criteria=["mcg-behavioral-health",
                                    {"id": "plan-iop", "name": "Plan IOP criteria", "developer": "Example Health Plan"}]))
    assert [f["severity"] for f in on(report, "CA: ca-nonprofit-criteria")] == ["violation", "finding"]


def test_item_3_findings_are_sentences_a_reader_can_quote():
    """The prior-authorisation finding once read "Prior authorization is required for Partial hospitalization
    program than for ..."; it now names both benefits in a sentence."""
    nqtl = {"name": "Prior authorization for PHP", "kind": "prior_authorization",
            "classification": "outpatient_in_network", "benefit": "Partial hospitalization program",
            "comparable_benefit": "Outpatient cardiac rehabilitation", "terms": "PHP requires prior authorization",
            "factors": "cost", "evidentiary_standards": "documented", "comparative_analysis": "documented",
            "findings": "documented", "mental_health": {"required": True}, "medical_surgical": {"required": False},
            "applies_to": [{"classification": "outpatient_in_network", "mental_health": ["Partial hospitalization program"],
                            "medical_surgical": ["Outpatient cardiac rehabilitation"]}]}
    report = parity.analyse(small_design(nqtls=[nqtl]))
    violations = [f["message"] for f in on(report, "NQTL: Prior authorization for PHP") if f["severity"] == "violation"]
    assert violations == ["Prior authorization is required for Partial hospitalization program in outpatient_in_network "
                          "but not for the comparable medical/surgical benefit, Outpatient cardiac rehabilitation."]
    for f in report.findings:
        assert f["message"][0].isupper() and f["message"].endswith("."), f["message"]
        assert " than for " not in f["message"] or "more" in f["message"]


def test_item_4_funding_sponsor_and_grandfathered_status():
    """SB 855 and AB 744 govern health care service plan contracts and insurance policies; a private
    employer's self-insured plan is neither, and ERISA keeps state insurance law from it (29 U.S.C.
    1144(b)(2)(B)). MHPAEA reaches a church plan through 26 U.S.C. 9812, a non-federal governmental plan
    through 42 U.S.C. 300gg-26; a federal governmental plan through neither."""
    california = dict(state="CA", medical_necessity_criteria=["interqual-behavioral-health"],
                      timely_in_network_access=False, out_of_network_at_in_network_cost_sharing=False,
                      telehealth=[{"service": "Intensive outpatient program", "classification": "outpatient_in_network",
                                   "type": "copay", "in_person": "35.00", "telehealth": "45.00"}])
    report = parity.analyse(small_design(status={"funding": "self_insured", "sponsor": "private_employer"}, **california))
    found = on(report, "CA:", prefix=True)
    assert [f["topic"] for f in found] == ["CA: scope"]
    assert found[0]["message"] == ("California's SB 855 (mental health and substance use disorder coverage) and AB 744 "
                                   "(telehealth) do not apply to this plan because it is self-insured; they reach "
                                   "insured products only.")
    assert "29 U.S.C. 1144(b)(2)(B)" in found[0]["rule"] and report.passes
    # Fully insured, the same design breaks all three California rules.
    insured = parity.analyse(small_design(status={"funding": "fully_insured", "sponsor": "private_employer"}, **california))
    assert sorted(f["topic"] for f in on(insured, "CA:", prefix=True) if f["severity"] == "violation") == [
        "CA: ca-nonprofit-criteria", "CA: ca-out-of-network-access", "CA: ca-telehealth-cost-sharing"]

    church = parity.analyse(small_design(status={"sponsor": "church"}))
    assert church.subject_to_parity and "26 U.S.C. 9812" in on(church, "scope")[0]["rule"]
    government = parity.analyse(small_design(status={"sponsor": "non_federal_governmental"}))
    assert "42 U.S.C. 300gg-26" in on(government, "scope")[0]["rule"]
    federal = parity.analyse(small_design(status={"sponsor": "federal_governmental"}))
    assert not federal.subject_to_parity and federal.tests == []
    # 40 employees, insured small group: exempt under 1185a(c)(1) only when grandfathered (non-grandfathered
    # small-group coverage owes parity as an essential health benefit, 45 CFR 156.115(a)(3)).
    small = dict(employer={"average_employees_prior_year": 40})
    ehb = parity.analyse(small_design(status={"funding": "fully_insured", "market": "small_group",
                                              "grandfathered": False, "sponsor": "private_employer"}, **small))
    assert ehb.subject_to_parity and "45 CFR 156.115(a)(3)" in on(ehb, "small employer exemption")[0]["rule"]
    grandfathered = parity.analyse(small_design(status={"funding": "fully_insured", "market": "small_group",
                                                        "grandfathered": True, "sponsor": "private_employer"}, **small))
    assert not grandfathered.subject_to_parity


def test_item_5_participants_controlled_group_and_a_new_employer():
    """26 U.S.C. 9831(a)(2): fewer than two participants who are current employees: outside the rules.
    29 U.S.C. 1185a(c)(1): a small employer has 2 to 50 employees (1 where the state allows one-person groups),
    counted with its controlled group (26 U.S.C. 414(b), (c), (m), (o)) and, for a new employer, by its expected
    size. 30 employees alone: small, a self-insured plan is exempt; 30 + 25 at a sister company = 55 > 50: not
    small, the tests apply."""
    one = parity.analyse(small_design(participants_current_employees=1))
    assert not one.subject_to_parity
    assert on(one, "scope")[-1]["message"] == (
        "On the first day of the plan year the plan had 1 participant who is a current employee, fewer than two, so "
        "the group health plan rules, parity among them, do not apply.")
    assert parity.analyse(small_design(participants_current_employees=2)).subject_to_parity

    self_insured = {"funding": "self_insured", "sponsor": "private_employer"}
    alone = parity.analyse(small_design(status=self_insured, employer={"average_employees_prior_year": 30}))
    assert not alone.subject_to_parity
    group = parity.analyse(small_design(status=self_insured, employer={
        "average_employees_prior_year": 30, "controlled_group": [{"name": "Sister Co", "employees": 25}]}))
    assert group.subject_to_parity
    assert "55 in all, more than 50" in on(group, "small employer exemption")[0]["message"]
    new = parity.analyse(small_design(status=self_insured, employer={"expected_employees_current_year": 45}))
    assert not new.subject_to_parity
    assert "reasonably expected to average 45 employees" in on(new, "small employer exemption")[0]["message"]
    # One employee: below the floor of 2 unless the state permits one-person small groups.
    assert parity.analyse(small_design(status=self_insured, employer={"average_employees_prior_year": 1})).subject_to_parity
    assert not parity.analyse(small_design(status=self_insured, employer={
        "average_employees_prior_year": 1, "state_permits_one_person_small_group": True})).subject_to_parity
    with pytest.raises(iop.ValidationError, match=r"design\.employer"):
        parity.analyse(small_design(employer={"average_employees_prior_year": 30, "expected_employees_current_year": 30}))


def test_item_6_an_exempt_report_for_the_year_after_a_qualifying_increase():
    """29 U.S.C. 1185a(c)(2): costs rose 2.5% in the plan year from 2025-01-01, the first year of compliance
    (threshold: more than 2%), determined on 2025-08-15 (after the six months that ended 2025-07-01),
    certified by an Academy member and notified: exempt for the following plan year, from 2026-01-01, only."""
    exemption = {"measured_plan_year_start": "2025-01-01", "compliance_year": 1, "cost_increase": "2.5%",
                 "determined_on": "2025-08-15",
                 "certification": {"actuary": "A. Actuary, FSA", "american_academy_of_actuaries_member": True,
                                   "certified_on": "2025-08-20"},
                 "notices": {"secretary": "2025-09-01", "state": "2025-09-01", "participants": "2025-09-01"}}
    report = parity.analyse(small_design(cost_exemption=exemption))
    assert not report.subject_to_parity and report.tests == [] and report.passes
    assert on(report, "increased cost exemption")[0]["message"].startswith(
        "Exempt for the plan year starting 2026-01-01 only: complying raised actual total costs of coverage by 2.5% "
        "in the plan year starting 2025-01-01 (plan year 1 of compliance, threshold more than 2%)")
    assert parity.report_from_dict(report.to_dict()) == report
    # Neither the measured year nor the year after the following one is exempt.
    assert parity.analyse(small_design(cost_exemption=exemption, plan_year_start="2025-01-01")).subject_to_parity
    assert parity.analyse(small_design(cost_exemption=exemption, plan_year_start="2027-01-01")).subject_to_parity
    # Exactly 2% in the first year is not more than 2%; 1.5% in a later year is more than 1%.
    assert parity.analyse(small_design(cost_exemption={**exemption, "cost_increase": "2%"})).subject_to_parity
    assert not parity.analyse(small_design(cost_exemption={**exemption, "compliance_year": 2,
                                                           "cost_increase": "1.5%"})).subject_to_parity
    # Determined before the six months ended, with no notice to participants: every missing fact is named.
    late = {**exemption, "determined_on": "2025-06-30", "notices": {"secretary": "2025-09-01", "state": "2025-09-01"}}
    finding = on(parity.analyse(small_design(cost_exemption=late)), "increased cost exemption")[0]
    assert finding["severity"] == "finding"
    assert finding["message"].endswith("but it was determined on 2025-06-30, before the first six months ended on "
                                       "2025-07-01 and no notice to the participants and beneficiaries is recorded.")


def test_item_7_dollar_limits_between_the_thirds_use_the_weighted_average():
    """29 U.S.C. 1185a(a)(1)(C); 29 CFR 2590.712(b)(5). Lifetime limits of $1,000,000 on $40M and $500,000 on
    $10M of $100M: 50% limited, between one-third and two-thirds. The other $50M count as one category at the
    plan's estimate of $2,000,000. Weighted average:
        (1,000,000 x 40 + 500,000 x 10 + 2,000,000 x 50) / 100 = 145,000,000 / 100 = $1,450,000.
    An MH/SUD limit of $1,000,000 is below it (violation); $1,450,000 equals it (passes)."""
    def lifetime(mental_health):
        return small_design(dollar_limits=[{
            "kind": "lifetime", "total_payments": "100000000.00",
            "medical_surgical": [{"category": "general", "limit": "1000000.00", "payments": "40000000.00"},
                                 {"category": "transplants", "limit": "500000.00", "payments": "10000000.00"}],
            "unlimited_upper_limit": "2000000.00", "mental_health": mental_health}])
    frame = parity.dollar_limits_to_pandas(parity.analyse(lifetime({"application": "separate", "limit": "1000000.00"})))
    row = frame.iloc[0]
    assert (row["test"], row["limited_share"], row["medical_surgical_limit_cents"]) == ("weighted_average", 0.5, 145_000_000)
    assert row["average_exact"] and not row["passes"]
    assert parity.analyse(lifetime({"application": "separate", "limit": "1450000.00"})).passes
    # Joint application is allowed only for one limit on at least two-thirds.
    assert not parity.analyse(lifetime({"application": "joint"})).passes
    # Below one-third ($30M of $100M): no MH/SUD limit at all.
    below = small_design(dollar_limits=[{"kind": "annual", "total_payments": "100000000.00",
                                         "medical_surgical": [{"category": "all", "limit": "50000.00",
                                                               "payments": "30000000.00"}],
                                         "mental_health": {"application": "separate", "limit": "50000.00"}}])
    test = parity.analyse(below).dollar_limit_tests[0]
    assert test["test"] == "below_one_third" and not test["pass"]


def test_item_8_visit_limits_carry_their_period_through_frames():
    """29 CFR 2590.712(c)(1)(ii): an annual and a lifetime visit limit are different types. Outpatient, $40M:
    annual 30 visits on $30M (none on $10M): 30/40 = 75% >= 2/3, predominant 30 visits, IOP's 30 passes;
    lifetime 100 visits on $10M (none on $30M): 10/40 = 25% < 2/3, so no lifetime visit limit may apply to
    MH/SUD benefits, and IOP's 60 lifetime visits are a violation."""
    key = {"classification": "outpatient_in_network", "subclassification": "all_other"}
    totals = pd.DataFrame([{**key, "total_payments": "40000000.00"}])
    medical = pd.DataFrame([
        {**key, "type": "visit_limit", "level": "30", "payments": "30000000.00", "period": "annual"},
        {**key, "type": "visit_limit", "level": "0", "payments": "10000000.00", "period": "annual"},
        {**key, "type": "visit_limit", "level": "100", "payments": "10000000.00", "period": "lifetime"},
        {**key, "type": "visit_limit", "level": "0", "payments": "30000000.00", "period": "lifetime"},
    ])
    mental = pd.DataFrame([{**key, "benefit": "IOP", "type": "visit_limit", "level": "30", "period": "annual"},
                           {**key, "benefit": "IOP", "type": "visit_limit", "level": "60", "period": "lifetime"}])
    report = parity.analyse(parity.design_from_frames(medical, mental, totals=totals, plan="Frame plan",
                                                      plan_year_start="2026-01-01"))
    frame = parity.report_to_pandas(report).set_index("period")
    assert frame.loc["annual", "subject_share"] == 0.75 and frame.loc["annual", "predominant_count"] == 30
    assert frame.loc["annual", "passes"]
    assert frame.loc["lifetime", "subject_share"] == 0.25 and not frame.loc["lifetime", "substantially_all"]
    assert not frame.loc["lifetime", "passes"] and not report.passes
    # A visit limit without its period is refused naming the row.
    with pytest.raises(iop.ValidationError, match=r"medical_surgical\[0\]\.period"):
        parity.analyse(parity.design_from_frames(medical.drop(columns="period"), mental, totals=totals,
                                                 plan="Frame plan", plan_year_start="2026-01-01"))


def test_item_9_two_coverage_units_in_one_report():
    """29 CFR 2590.712(c)(3)(ii): the predominant level is found for each coverage unit separately.
    Outpatient in-network, $50M in each unit:
      self-only: copay $35 on $25M, $20 on $15M, none on $10M: 40/50 = 80% >= 2/3; $35 on 25/40 = 62.5% > 1/2;
      family: copay $20 on $30M, $35 on $10M, none on $10M: 80% >= 2/3; $20 on 30/40 = 75% > 1/2.
    IOP's $35 copay passes for self-only and is a violation for family."""
    def unit(name, rows):
        return {"coverage_unit": name, "classifications": [{
            "classification": "outpatient_in_network", "total_payments": "50000000.00",
            "medical_surgical": [ms("copay", level, payments) for level, payments in rows],
            "mental_health": [mh("copay", "35.00")]}]}
    document = small_design(coverage_units=[
        unit("self-only", [("35.00", "25000000.00"), ("20.00", "15000000.00"), ("0.00", "10000000.00")]),
        unit("family", [("20.00", "30000000.00"), ("35.00", "10000000.00"), ("0.00", "10000000.00")])])
    del document["classifications"]
    jsonschema.validate(document, SCHEMA)
    report = parity.analyse(document)
    assert report.coverage_units == ["self-only", "family"]
    frame = parity.report_to_pandas(report)
    assert list(frame["coverage_unit"]) == ["self-only", "family"]
    assert list(frame["predominant_cents"]) == [3500, 2000]
    assert list(zip(frame["subject_share_numerator"], frame["subject_share_denominator"])) == [(4, 5), (4, 5)]
    assert list(frame["passes"]) == [True, False]
    assert [l["share"] for l in report.tests[1]["levels"]] == ["25%", "75%"]  # most restrictive first
    jsonschema.validate(report.to_dict(), REPORT_SCHEMA)
    assert parity.report_from_dict(report.to_dict()) == report
    # A unit named twice is refused.
    document["coverage_units"][1]["coverage_unit"] = "self-only"
    with pytest.raises(iop.ValidationError, match=r"coverage_units\[1\]\.coverage_unit"):
        parity.analyse(document)


def test_item_10_in_operation_data_against_the_stated_thresholds():
    """29 U.S.C. 1185a(a)(8)(A)(iv): the comparative analysis covers the NQTL in operation. Against the
    plan's stated thresholds:
      denial rate 12% (IOP) against 5% (cardiac rehabilitation), threshold 5 points: 7 points, beyond: a finding;
      denial rate 8% against 5%: 3 points, within 5: information;
      days to an appointment 21 against 10, threshold 7 days: 11 days, beyond: a finding."""
    def compare(measure, mental, medical, threshold, period="2025 plan year"):
        return {"measure": measure, "classification": "outpatient_in_network", "period": period,
                "mental_health": mental, "medical_surgical": medical, "threshold": threshold}
    nqtl = {"name": "Prior authorization for IOP", "kind": "prior_authorization",
            "classification": "outpatient_in_network", "benefit": "Intensive outpatient program",
            "comparable_benefit": "Cardiac rehabilitation", "terms": "required", "factors": "cost",
            "evidentiary_standards": "documented", "comparative_analysis": "documented", "findings": "documented",
            "mental_health": {"required": True}, "medical_surgical": {"required": True},
            "applies_to": [{"classification": "outpatient_in_network", "mental_health": ["Intensive outpatient program"],
                            "medical_surgical": ["Cardiac rehabilitation"]}],
            "in_operation": [compare("denial_rate", "12%", "5%", "5%"),
                             compare("denial_rate", "8%", "5%", "5%", "2024 plan year"),
                             compare("days_to_appointment", 21, 10, 7)]}
    document = small_design(nqtls=[nqtl])
    jsonschema.validate(document, SCHEMA)
    report = parity.analyse(document)
    found = on(report, "NQTL: Prior authorization for IOP")[2:]
    assert [f["severity"] for f in found] == ["finding", "info", "finding"]
    assert found[0]["message"] == (
        "In operation (2025 plan year), the denial rate for Intensive outpatient program was 12% against 5% for "
        "Cardiac rehabilitation in outpatient_in_network: 7.0 percentage points more restrictive, beyond the "
        "5.0-point threshold the plan's analysis states, so the analysis must show the NQTL is not applied more "
        "stringently in operation.")
    assert "3.0 percentage points more restrictive, within the 5.0-point threshold" in found[1]["message"]
    assert "11 days more restrictive, beyond the 7-day threshold" in found[2]["message"]
    assert all("1185a(a)(8)" in f["rule"] for f in found)
    assert report.passes  # findings, not violations
    with pytest.raises(iop.ValidationError, match=r"in_operation\[0\]\.mental_health"):
        parity.analyse(small_design(nqtls=[{**nqtl, "in_operation": [compare("denial_rate", "120%", "5%", "5%")]}]))


def test_item_11_telehealth_cost_sharing_service_by_service():
    """Cal. Health & Safety Code 1374.14 (AB 744): telehealth cost sharing may not exceed in-person cost sharing
    for the same service. IOP at a $45 telehealth copay against $35 in person is higher: a violation;
    psychotherapy at 20% both ways is not."""
    report = parity.analyse(small_design(
        state="CA", status={"funding": "fully_insured"},
        telehealth=[{"service": "Intensive outpatient program", "classification": "outpatient_in_network",
                     "type": "copay", "in_person": "35.00", "telehealth": "45.00"},
                    {"service": "Psychotherapy", "classification": "outpatient_in_network",
                     "type": "coinsurance", "in_person": "20%", "telehealth": "20%"}]))
    found = on(report, "CA: ca-telehealth-cost-sharing")
    assert [f["message"] for f in found] == [
        "Telehealth cost sharing for Intensive outpatient program in outpatient_in_network ($45.00 copay) is higher "
        "than in person ($35.00 copay). Cost sharing for a service delivered by telehealth may not exceed the cost "
        "sharing for the same service in person."]
    assert "1374.14" in found[0]["rule"] and not report.passes
    with pytest.raises(iop.ValidationError, match=r"telehealth\[0\]\.type"):
        parity.analyse(small_design(telehealth=[{"service": "IOP", "classification": "outpatient_in_network",
                                                 "type": "visit_limit", "in_person": "30", "telehealth": "30"}]))
