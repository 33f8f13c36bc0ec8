"""Cohort outcomes counted in parts (iop.outcomes.part, CohortPart, from_parts): the parts of a cohort split by
patient, in any way and order, add up to exactly what iop.outcomes.cohort gives on the whole — the hand-worked
20-patient cohort of examples/outcomes.json and a seeded synthetic one."""

import copy
import json
import math
import pickle

import numpy as np
import pytest

import iop
from scale_data import outcome_cohort
from test_outcomes import frames

OPTIONS = {"as_of": "2027-06-30", "reliability": 0.89, "by": ["program", "delivery"]}


def split(scores, patients, labels):
    """The (scores, patients) frames of each label's patients."""
    label_of = dict(zip(patients["patient"], labels))
    score_labels = scores["patient"].map(label_of).to_numpy()
    return [(scores[score_labels == k], patients[np.asarray(labels) == k]) for k in sorted(set(labels))]


def assert_same_summary(added_up, whole):
    assert added_up.groups.equals(whole.groups)
    assert added_up.reliable_change == whole.reliable_change
    assert added_up.warnings == whole.warnings
    assert added_up.as_of == whole.as_of and added_up.by == whole.by
    assert added_up.patients is None


@pytest.mark.parametrize("sd", [5.0, None])
def test_the_hand_worked_cohort_in_parts(sd):
    scores, patients = frames()
    whole = iop.outcomes.cohort(scores, patients, sd=sd, **OPTIONS)
    assert int(whole.groups.iloc[0]["remission_12"]) == 4 and int(whole.groups.iloc[0]["denominator_12"]) == 13
    for labels in ([i % 2 for i in range(20)], [0] * 5 + [1] * 12 + [2] * 3, list(range(20))):
        parts = [iop.outcomes.part(s, p, sd=sd, **OPTIONS) for s, p in split(scores, patients, labels)]
        assert_same_summary(iop.outcomes.from_parts(parts), whole)
        assert_same_summary(iop.outcomes.from_parts(parts[::-1]), whole)
    if sd is None:  # the 15 index scores' sample SD, not any part's
        assert whole.reliable_change["sd"] == pytest.approx(4.59606, abs=1e-5)


def test_a_synthetic_cohort_in_seven_parts():
    scores, patients = outcome_cohort()
    options = dict(OPTIONS, as_of="2026-06-30", by=["program", "track", "delivery"])
    whole = iop.outcomes.cohort(scores, patients, **options)
    # The sample SD from exact sums, rounded once: n x sum of squares - sum^2 over n(n - 1).
    index = [int(x) for x in whole.patients["index_score"].dropna()]
    n, total, squares = len(index), sum(index), sum(x * x for x in index)
    assert whole.reliable_change["sd"] == math.sqrt((n * squares - total * total) / (n * (n - 1)))
    labels = np.random.default_rng(3).integers(0, 7, len(patients))
    parts = [iop.outcomes.part(s, p, **options) for s, p in split(scores, patients, labels)]
    # Added in a tree, in another order: the same counts.
    left = parts[0].merge(parts[3], parts[5])
    right = parts[6].merge(parts[1]).merge(parts[2], parts[4])
    assert left.merge(right) == right.merge(left)
    assert_same_summary(left.merge(right).outcomes(), whole)
    assert int(whole.groups.iloc[0]["patients"]) == len(patients) and len(whole.groups) == 1 + 3 * 2 * 2


def test_a_part_is_a_value():
    scores, patients = frames()
    halves = split(scores, patients, [0] * 10 + [1] * 10)
    first, second = (iop.outcomes.part(s, p, sd=5.0, **OPTIONS) for s, p in halves)
    again = iop.outcomes.part(*halves[0], sd=5.0, **OPTIONS)
    assert first == again and hash(first) == hash(again) and first != second
    assert pickle.loads(pickle.dumps(first)) == first and copy.deepcopy(first) == first
    assert iop.outcomes.CohortPart.from_json(first.to_json()) == first
    assert repr(first) == "CohortPart(as_of=2027-06-30, patients=10, index_patients=7, groups=4)"
    document = json.loads(first.to_json())
    assert sorted(document) == ["as_of", "by", "groups", "index_scores", "reliability", "sd"]
    assert sum(document["index_scores"]) == 7 and document["index_scores"][18] == 1  # P01's index score 18
    with pytest.raises(AttributeError):
        first._text = "{}"
    with pytest.raises(AttributeError):
        del first._text
    with pytest.raises(AttributeError):
        first.__init__(second.to_json())
    assert first == again
    with pytest.raises(TypeError, match=r"others\[0\]: expected a CohortPart, got dict"):
        first.merge({})


@pytest.mark.parametrize("change, field", [
    (lambda d: d["groups"][0].__setitem__("patients", -1), "part.groups[0].patients"),
    (lambda d: d["groups"][0]["times"].reverse(), "part.groups[0].times[1]"),
    (lambda d: d.__setitem__("reliability", 1.5), "part.reliability"),
    (lambda d: d.__setitem__("by", ["program", "program"]), "part.by[1]"),
])
def test_a_bad_part_text_is_refused_by_its_place(change, field):
    scores, patients = frames()
    document = json.loads(iop.outcomes.part(scores, patients, sd=5.0, **OPTIONS).to_json())
    change(document)
    with pytest.raises(iop.ValidationError) as raised:
        iop.outcomes.CohortPart.from_json(json.dumps(document))
    assert raised.value.field == field


def test_parts_of_other_options_do_not_add():
    scores, patients = frames()
    (s1, p1), (s2, p2) = split(scores, patients, [0] * 10 + [1] * 10)
    first = iop.outcomes.part(s1, p1, sd=5.0, **OPTIONS)
    for other, field in ((dict(OPTIONS, as_of="2027-07-01"), "parts[1].as_of"),
                          (dict(OPTIONS, by=["program"]), "parts[1].by")):
        with pytest.raises(iop.ValidationError) as raised:
            first.merge(iop.outcomes.part(s2, p2, sd=5.0, **other))
        assert raised.value.field == field
    with pytest.raises(iop.ValidationError, match=r"parts\[1\].sd: none"):
        first.merge(iop.outcomes.part(s2, p2, sd=None, **OPTIONS))
    with pytest.raises(iop.ValidationError, match="parts"):
        iop.outcomes.from_parts([])
    with pytest.raises(TypeError, match=r"parts\[1\]: expected a CohortPart, got str"):
        iop.outcomes.from_parts([first, first.to_json()])
    with pytest.raises(iop.ValidationError) as raised:  # named by its place among the parts
        iop.outcomes.from_parts([first, iop.outcomes.part(s2, p2, sd=5.0, **dict(OPTIONS, as_of="2027-07-01"))])
    assert raised.value.field == "parts[1].as_of"


def test_a_part_too_small_for_a_sample_sd_waits_for_the_whole():
    # One index patient alone has no sample SD; counted as a part it does not need one until the parts are finished.
    scores, patients = frames()
    (s1, p1), (s2, p2) = split(scores, patients, [0] + [1] * 19)
    one = iop.outcomes.part(s1, p1, sd=None, **OPTIONS)
    with pytest.raises(iop.ValidationError, match="fewer than 2 patients with an index event"):
        one.outcomes()
    rest = iop.outcomes.part(s2, p2, sd=None, **OPTIONS)
    assert one.merge(rest).outcomes().reliable_change["sd"] == pytest.approx(4.59606, abs=1e-5)
