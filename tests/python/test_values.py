"""Value semantics of every public type: == by value, hash, pickle, copy and deepcopy, repr, and
the round trip through to_dict; Money, Rate, ZonedTime and SessionCalendar as Python values."""

import copy
import datetime
import decimal
import enum
import fractions
import json
import pathlib
import pickle

import pytest

import iop
import iop.parity as parity

ROOT = pathlib.Path(__file__).resolve().parents[2]


def example(name):
    return json.loads((ROOT / "examples" / name).read_text())


def values():
    """One value of every public type (and a different one of the same type), built from the examples."""
    plan = iop.TreatmentPlan.from_dict(example("plan.json"))
    other_plan = iop.TreatmentPlan.from_dict({**example("plan.json"), "weeks": 10})
    calendar = iop.build_calendar(plan)
    case = example("case.json")
    coverage = iop.Coverage.from_dict(case["coverage"])
    fees = iop.FeeSchedule.from_dict(case["fee_schedule"])
    estimate = iop.estimate_cost(calendar, coverage, fees)
    request = {"patient": {"name": "Alex Example", "date_of_birth": "1990-05-17"}, "diagnosis_codes": ["F32.1"],
               "provider": {"name": "LA IOP", "npi": "1234567893", "tin": "12-3456789",
                            "locations": [{"address": "Los Angeles", "state": "CA"}]},
               "scheduled_on": "2026-02-02", "issued_on": "2026-02-02"}
    gfe = iop.good_faith_estimates(calendar, request)[0]
    recommendation = iop.recommend_level_of_care(phq9=18)
    return {
        "Money": (iop.Money("$1,234.56"), iop.Money("$1")),
        "Rate": (iop.Rate("1/3"), iop.Rate("20%")),
        "TimeZone": (iop.TimeZone("America/Denver"), iop.TimeZone("America/Phoenix")),
        "ZonedTime": (iop.ZonedTime("2026-03-09T18:00", "America/Los_Angeles"),
                      iop.ZonedTime("2026-03-09T18:00", "America/Chicago")),
        "IcdCode": (iop.IcdCode("F33.1"), iop.IcdCode("F32.A")),
        "ConditionInfo": (iop.find_condition("F33.1"), iop.find_condition("F41.1")),
        "Phq9": (iop.Phq9([2, 2, 1, 2, 1, 1, 2, 1, 0]), iop.Phq9([0] * 9)),
        "Gad7": (iop.Gad7([3, 3, 3, 2, 2, 1, 1]), iop.Gad7([0] * 7)),
        "Trajectory": (iop.Trajectory("PHQ-9", [(datetime.date(2026, 3, 2), 18), ("2026-04-13", 8)]),
                       iop.Trajectory("GAD-7", [(datetime.date(2026, 3, 2), 18)])),
        "WeeklyHoursBounds": (iop.weekly_hours_bounds("IOP"), iop.weekly_hours_bounds("PHP")),
        "ModalityInfo": (iop.modality_catalog()[0], iop.modality_catalog()[1]),
        "RecommendationReason": (recommendation.reasons[0], iop.recommend_level_of_care(phq9=3).reasons[0]),
        "Recommendation": (recommendation, iop.recommend_level_of_care(phq9=3)),
        "ProgramTemplate": (iop.find_program("la-depression-iop"), iop.find_program("az-depression-iop")),
        "TreatmentPlan": (plan, other_plan),
        "HolidayCalendar": (iop.HolidayCalendar.us_federal().with_closure("2026-12-24", "Eve"),
                            iop.HolidayCalendar.us_federal()),
        "Session": (calendar[0], calendar[1]),
        "SessionCalendar": (calendar, iop.build_calendar(other_plan)),
        "FeeSchedule": (fees, iop.FeeSchedule.per_diem("other", "250.00")),
        "Coverage": (coverage, iop.Coverage.self_pay()),
        "CostEstimate": (estimate, iop.estimate_cost(calendar, iop.Coverage.self_pay(), fees)),
        "MonteCarloResult": (iop.simulate_costs(plan, coverage, runs=20, seed=1),
                             iop.simulate_costs(plan, coverage, runs=20, seed=2)),
        "GoodFaithEstimate": (gfe, iop.good_faith_estimates(calendar, {**request, "scheduled_on": "2026-02-25", "issued_on": "2026-02-25"})[0]),
        "Episode": (iop.Episode(example("episode.json")),
                    iop.Episode(example("episode.json")).with_events(
                        {"kind": "measure", "date": "2026-04-20", "measure": "PHQ-9", "total": 4})),
        "CohortPart": (outcome_part({"a": 18}), outcome_part({"a": 18, "b": 12})),
        "ParityReport": (parity.analyse(example("design.json")),
                         parity.analyse({**example("design.json"), "plan": "Other plan"})),
    }


def outcome_part(index_scores):
    """The iop.outcomes.CohortPart of patients with one PHQ-9 each (their index scores)."""
    import pandas as pd

    ids = list(index_scores)
    scores = pd.DataFrame({"patient": ids, "date": pd.to_datetime(["2026-01-05"] * len(ids)),
                           "phq9": list(index_scores.values())})
    patients = pd.DataFrame({"patient": ids, "program": "p", "track": "t", "delivery": "in_person",
                             "diagnosis": "F33.1"})
    return iop.outcomes.part(scores, patients, as_of="2027-06-30", reliability=0.89)


VALUES = values()


def test_every_public_type_is_covered():
    public = {name for name in iop.__all__ if isinstance(getattr(iop, name), type)
              and not issubclass(getattr(iop, name), (enum.Enum, BaseException))}
    assert public | {"ParityReport", "CohortPart"} == set(VALUES)


@pytest.mark.parametrize("name", sorted(VALUES))
def test_equality_hash_pickle_copy_and_repr(name):
    value, other = VALUES[name]
    assert type(value).__name__ == name
    assert value == value and not (value != value)
    assert value != other and not (value == other)
    assert value != "something else"
    restored = pickle.loads(pickle.dumps(value))
    assert restored == value and type(restored) is type(value)
    assert hash(restored) == hash(value)
    assert copy.copy(value) == value and copy.deepcopy(value) == value
    assert len({value, copy.deepcopy(value), other}) == 2
    assert repr(value).startswith(name + "(")
    if hasattr(value, "to_dict"):  # round trip through the JSON form, as a file would carry it
        document = json.loads(json.dumps(value.to_dict()))
        assert type(value).from_dict(document) == value
        assert type(value).from_dict(document).to_dict() == value.to_dict()


def test_pickled_states_of_another_version_are_refused():
    for name in ("Money", "Rate", "TimeZone", "ZonedTime", "Phq9", "TreatmentPlan", "SessionCalendar"):
        value = VALUES[name][0]
        state = value.__getstate__()
        with pytest.raises(iop.ValidationError) as info:
            type(value).__new__(type(value)).__setstate__((99,) + tuple(state[1:]))
        assert info.value.field == f"{name}.__setstate__"


def test_errors_pickle_with_their_parts():
    try:
        iop.parse_date("2026-02-30", "plan.start_date")
    except iop.ValidationError as error:
        restored = pickle.loads(pickle.dumps(error))
    assert type(restored) is iop.ValidationError
    assert (restored.field, restored.value) == ("plan.start_date", "'2026-02-30'")
    assert str(restored).startswith("[iop.validation] plan.start_date: '2026-02-30' is not a valid calendar date")


# --- Money ----------------------------------------------------------------------------------------

def test_money_as_a_python_number():
    amounts = [iop.Money("$1.10"), iop.Money("$2.20"), iop.Money("-$0.30")]
    assert sum(amounts) == iop.Money("$3.00")                # sum() starts from 0
    assert sum(amounts, iop.Money("0.00")) == iop.Money("$3.00")
    with pytest.raises(TypeError):
        1 + iop.Money("$1")                                  # only zero is unit-free
    assert abs(iop.Money("-$5.25")) == iop.Money("$5.25")
    assert sorted(amounts) == [iop.Money("-$0.30"), iop.Money("$1.10"), iop.Money("$2.20")]
    assert max(amounts) == iop.Money("$2.20")
    assert format(iop.Money("$1234567.89"), ",.2f") == "1,234,567.89"
    assert format(iop.Money("$1234.5"), ">12,.2f") == "    1,234.50"
    assert f"{iop.Money('$2.50'):.0f}" == "3"                # 2.5 -> 3: halves away from zero
    assert f"{iop.Money('-$2.50'):.0f}" == "-3"
    assert f"{iop.Money('$3.50'):.0f}" == "4"                # not banker's rounding (which gives 4 here, 2 above)
    assert f"{iop.Money('$12.34')}" == "$12.34"
    assert float(iop.Money("$12.34")) == 12.34               # explicit, for plotting
    assert iop.Money("$12.34").to_decimal() == decimal.Decimal("12.34")
    assert decimal.Decimal(iop.Money("$12.34").cents) / 100 == decimal.Decimal("12.34")


def test_rate_converts_out_exactly():
    assert iop.Rate("12.5%").to_decimal() == decimal.Decimal("0.125")
    assert iop.Rate("1/8").to_decimal() == decimal.Decimal("0.125")
    assert iop.Rate("1/3").to_fraction() == fractions.Fraction(1, 3)
    with pytest.raises(iop.ValidationError, match="no exact decimal form"):
        iop.Rate("1/3").to_decimal()
    assert float(iop.Rate("20%")) == 0.2


def test_zoned_times_order_by_instant():
    la = iop.ZonedTime("2026-03-09T18:00", "America/Los_Angeles")  # 01:00Z on the 10th
    ny = iop.ZonedTime("2026-03-09T20:00", "America/New_York")     # 00:00Z on the 10th
    assert ny < la and la > ny and ny <= la and la >= ny
    later = iop.ZonedTime("2026-03-09T21:00", "America/Chicago")  # CDT is UTC-5: 02:00Z on the 10th
    assert sorted([la, later, ny]) == [ny, la, later]


# --- SessionCalendar as a sequence ----------------------------------------------------------------

def test_session_calendar_is_a_sequence_of_sessions():
    calendar = VALUES["SessionCalendar"][0]
    sessions = list(calendar)
    assert len(sessions) == len(calendar) == 28  # 8 weeks x 3 days + 4 medication visits
    assert calendar[0] == sessions[0] and calendar[-1] == sessions[-1]
    assert calendar[1:3] == sessions[1:3] and calendar[::-1] == sessions[::-1]
    assert calendar.sessions == sessions
    first = calendar[0]
    assert (first.kind, first.date, first.week, first.track) == ("program_day", datetime.date(2026, 3, 2), 0, "evening")
    assert first.start.local == datetime.datetime(2026, 3, 2, 18, 0) and first.minutes == 180
    assert first.status == "scheduled" and first.blocks[0]["billing_code"]
    with pytest.raises(IndexError):
        calendar[28]
    with pytest.raises(TypeError):
        calendar[1.0]
