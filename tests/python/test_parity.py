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
    assert copay["subject_share"] == Fraction(4, 5)
    assert copay["total_payments_cents"] == 5_000_000_000 and copay["subject_payments_cents"] == 4_000_000_000
    assert copay["substantially_all"]
    assert copay["predominant_cents"] == 3500 and pd.isna(copay["predominant_bp"])
    levels = parity.report_to_pandas(parity.analyse(design()), table="levels")
    copays = levels[levels["type"] == "copay"]
    assert copays["level_cents"].tolist() == [3500, 2000]
    assert copays["payments_cents"].tolist() == [2_500_000_000, 1_500_000_000]
    assert copays["share"].tolist() == [Fraction(5, 8), Fraction(3, 8)]
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
    assert row["test"] == "single_limit" and row["limited_share"] == "80%" and not row["passes"]
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
