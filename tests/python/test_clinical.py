"""Clinical area through the Python bindings: codes, measures, levels, recommendation."""

import datetime
import pickle

import pytest

import iop

D = datetime.date


def test_icd_codes():
    assert repr(iop.IcdCode("f3341")) == "IcdCode('F33.41')"
    assert iop.IcdCode("F33.1").condition.description == "Major depressive disorder, recurrent, moderate"
    assert iop.IcdCode("F33.1").condition.group == iop.ConditionGroup.depression
    assert iop.IcdCode("Z99.89").condition is None
    assert iop.find_condition("F10.20").group == iop.ConditionGroup.substance_use
    assert pickle.loads(pickle.dumps(iop.IcdCode("F32.A"))) == iop.IcdCode("F32.A")
    with pytest.raises(iop.ValidationError, match="'F3'"):
        iop.IcdCode("F3")
    with pytest.raises(iop.ValidationError, match="Z99.999999"):
        iop.IcdCode("Z99.999999")
    codes = [row.code for row in iop.condition_table()]
    assert codes == sorted(codes)
    assert {"F32.A", "F33.9", "F34.1", "F41.1", "F43.10", "F60.3", "F42.2", "F50.9", "F31.9", "F20.9"} <= set(codes)


def test_phq9_and_gad7_scoring():
    phq = iop.Phq9([2, 2, 1, 2, 1, 1, 2, 1, 0])  # 12
    assert (phq.total, phq.severity, phq.item9_positive) == (12, iop.Severity.moderate, False)
    assert repr(phq) == "Phq9(total=12, severity='moderate', item9_positive=False)"
    assert iop.Phq9([0, 0, 0, 0, 0, 0, 0, 0, 1]).item9_positive
    assert iop.Gad7([3, 3, 3, 2, 2, 1, 1]).total == 15
    assert iop.Gad7([3, 3, 3, 2, 2, 1, 1]).severity == iop.Severity.severe
    with pytest.raises(iop.ValidationError) as info:
        iop.Phq9([1, 1, 1, 1, 1, 1, 1, 1, 4])
    assert info.value.field == "phq9.items[8]"
    assert info.value.allowed == "0..3"
    with pytest.raises(iop.ValidationError, match="exactly 9"):
        iop.Phq9([1, 1, 1])


@pytest.mark.parametrize(
    "total, band",
    [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
     (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe")],
)
def test_phq9_band_edges(total, band):
    assert iop.severity_of("PHQ-9", total) == iop.Severity[band]


def test_trajectory():
    t = iop.Trajectory("PHQ-9", [(D(2026, 4, 13), 8), (D(2026, 3, 2), 18), ("2026-03-16", 12)])
    assert t.scores[0] == (D(2026, 3, 2), 18)
    assert t.change_from_baseline == -10
    assert t.percent_reduction == pytest.approx(100 * 10 / 18)
    assert t.is_response and not t.is_remission
    stalled = iop.Trajectory(iop.Measure.phq9, [(D(2026, 3, 2), 15), (D(2026, 3, 9), 12), (D(2026, 4, 6), 12)])
    assert stalled.weeks_without_improvement == 4  # 2026-03-09 to 2026-04-06 is 28 days
    with pytest.raises(iop.ValidationError, match="same date"):
        iop.Trajectory("PHQ-9", [(D(2026, 3, 2), 15), (D(2026, 3, 2), 12)])


def test_levels_of_care_and_bounds():
    assert iop.level_code(iop.LevelOfCare.intensive_outpatient) == "IOP"
    assert iop.asam_level("PHP") == "2.5"
    assert iop.locus_level("IOP") == 3
    adult = iop.weekly_hours_bounds("IOP")
    assert adult.describe() == "9-19 h" and adult.contains(540) and not adult.contains(539)
    assert iop.weekly_hours_bounds("IOP", iop.AgeGroup.adolescent).min_minutes == 360
    assert iop.compare_with_weekly_therapy(900) == (15.0, 20.0)
    assert iop.LevelOfCare.partial_hospitalization > iop.LevelOfCare.intensive_outpatient


def test_modalities():
    catalog = {m.id: m for m in iop.modality_catalog()}
    assert len(catalog) == 16
    assert catalog["dbt"].default_code == "90853"
    assert catalog["family_therapy"].default_code == "90847"
    assert catalog["peer_support"].code_system == "HCPCS"
    assert iop.psychotherapy_code_for_minutes(45) == "90834"
    assert iop.psychotherapy_code_for_minutes(10) is None


def test_recommendation_with_keywords_and_dict():
    r = iop.recommend_level_of_care(phq9=12, current_level="PHP")
    assert r.level == iop.LevelOfCare.intensive_outpatient
    decisive = [reason.rule_id for reason in r.reasons if reason.decisive]
    assert decisive == ["step-down-moderate"]
    assert all(reason.source for reason in r.reasons)
    acute = iop.recommend_level_of_care({"phq9": {"total": 14}, "flags": ["suicidal_ideation_with_plan_or_intent"]})
    assert acute.level == iop.LevelOfCare.inpatient
    assert acute.level > iop.LevelOfCare.intensive_outpatient
    assert iop.recommend_level_of_care(phq9=7).level == iop.LevelOfCare.outpatient
    assert iop.recommend_level_of_care().level is None
    assert acute.to_dict()["level"] == "inpatient"
    with pytest.raises(iop.NotFoundError):
        iop.recommend_level_of_care(phq9=12, flags=["sad"])


def test_clinic_rules_replace_the_defaults():
    rules = iop.default_level_of_care_rules()
    assert rules["version"] == "iop-default-2026.1"
    rules["version"] = "clinic-1"
    rules["rules"] = [r for r in rules["rules"] if r["id"] != "moderate-first-line"]
    rules["rules"].append({"id": "clinic-moderate", "when": {"phq9": {"min": 10, "max": 14}},
                           "recommend": "IOP", "reason": "Clinic policy", "source": "Clinic manual 4.2"})
    r = iop.recommend_level_of_care(phq9=12, rules=rules)
    assert r.level == iop.LevelOfCare.intensive_outpatient
    assert r.rules_version == "clinic-1"
