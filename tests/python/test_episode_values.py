"""iop.Episode: an episode document as a value, checked when made, asked through the document API."""

import copy
import datetime as dt
import json
import math
import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import iop

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = json.loads((ROOT / "examples" / "episode.json").read_text())
GOLDEN = ROOT / "tests" / "golden" / "cases"


def golden(operation, case):
    return json.loads((GOLDEN / operation / f"{case}.response").read_text())


def test_the_state_is_the_operations_and_worked_out_by_hand():
    episode = iop.Episode(EXAMPLE)
    # Byte for byte what episode.state answers (the golden corpus), through the value.
    assert episode.state("2026-03-23") == golden("episode.state", "as-of-2026-03-23")["result"]
    assert episode.state(dt.date(2026, 3, 23)) == episode.state("2026-03-23")
    state = episode.state("2026-03-23")
    # Up to 2026-03-23: 10 program days attended at the $300.00 per diem = $3,000.00; the patient pays the
    # $1,000.00 deductible and 20 % of the other $2,000.00 ($400.00) = $1,400.00; the plan $1,600.00.
    assert state["costs"]["so_far"] == {"charges": "3000.00", "patient": "1400.00", "plan": "1600.00", "sessions": 10}
    assert [s["total"] for s in state["measures"]["phq9"]] == [18, 17, 14]
    assert episode.reviews("2026-04-20") == golden("episode.review", "json")["result"]
    assert episode.state_text("2026-03-23") == iop.call(
        "episode.state", {"api_version": 1, "episode": EXAMPLE, "as_of": "2026-03-23", "format": "text"})["content"]
    assert episode.fhir("2026-03-23") == iop.call(
        "episode.state", {"api_version": 1, "episode": EXAMPLE, "as_of": "2026-03-23", "format": "fhir"})["result"]


def test_equal_by_document_hashable_picklable_and_immutable():
    one = iop.Episode(EXAMPLE)
    reordered = json.dumps(dict(reversed(list(EXAMPLE.items()))))
    two = iop.Episode.from_json(reordered)
    assert one == two and hash(one) == hash(two)
    assert iop.Episode(one) == one
    assert pickle.loads(pickle.dumps(one)) == one
    assert copy.copy(one) == one and copy.deepcopy(one) == one
    assert iop.Episode.from_dict(one.to_dict()) == one
    assert repr(one) == "Episode(plan='plan-ep-1', patient='p-4e21', from 2026-03-02, 42 events, last 2026-04-17)"
    assert one.to_dict() == EXAMPLE
    changed = one.to_dict()
    changed["events"].clear()
    assert len(one.events) == 42 and one.plan["id"] == "plan-ep-1"  # the value did not change
    with pytest.raises(AttributeError):
        one._text = "{}"
    with pytest.raises(AttributeError):
        one.plan = {}
    assert (one == one.to_json()) is False  # an Episode is never equal to its text
    assert one.with_events() == one
    assert {one, two} == {one}


def test_with_events_returns_a_new_checked_episode():
    one = iop.Episode(EXAMPLE)
    later = one.with_events({"kind": "measure", "date": "2026-04-20", "measure": "PHQ-9", "total": 4})
    assert len(later.events) == 43 and len(one.events) == 42
    assert later != one
    assert later.state("2026-04-20")["measures"]["phq9"][-1] == {"date": "2026-04-20", "total": 4}
    # Out of date order: refused by the library, naming the event.
    with pytest.raises(iop.ValidationError) as error:
        one.with_events({"kind": "measure", "date": "2026-03-01", "measure": "PHQ-9", "total": 12})
    assert error.value.field.startswith("episode.events[42]")


def test_bad_documents_are_refused_by_place():
    bad = json.loads(json.dumps(EXAMPLE))
    bad["events"][3]["status"] = "late"
    with pytest.raises(iop.NotFoundError) as error:
        iop.Episode(bad)
    assert error.value.field == "episode.events[3].status"
    missing = {k: v for k, v in EXAMPLE.items() if k != "plan"}
    with pytest.raises(iop.ValidationError, match="episode.plan"):
        iop.Episode(missing)
    nan = json.loads(json.dumps(EXAMPLE))
    nan["coverage"]["deductible"]["individual"] = math.nan
    with pytest.raises(iop.ValidationError, match="NaN"):
        iop.Episode(nan)
    with pytest.raises(iop.ValidationError, match="not valid JSON"):
        iop.Episode.from_json('{"plan": ')
    with pytest.raises(iop.ValidationError) as error:
        iop.Episode.from_json("[1, 2]")
    assert error.value.field == "episode"
    with pytest.raises(TypeError):
        iop.Episode(42)  # type: ignore[arg-type]
    episode = iop.Episode(EXAMPLE)
    # A day is read as every date parameter reads it: a timestamp at midnight is its day, a time of day is refused.
    assert episode.state(dt.datetime(2026, 3, 23)) == episode.state("2026-03-23")
    with pytest.raises(iop.ValidationError) as error:
        episode.state(dt.datetime(2026, 3, 23, 12, 0))
    assert error.value.field == "as_of" and "time of day" in error.value.problem
    with pytest.raises(iop.ValidationError) as error:
        episode.reviews(pd.Timestamp("2026-04-20", tz="America/Chicago"))
    assert error.value.field == "as_of"
    assert episode.state(np.datetime64("2026-03-23")) == episode.state(dt.date(2026, 3, 23))
    with pytest.raises(iop.ValidationError) as error:
        episode.state("2026-02-30")
    assert error.value.field == "as_of"
    with pytest.raises(iop.ValidationError) as error:
        episode.state("2026-03-23", not_improving_weeks=0)
    assert error.value.field == "not_improving_weeks"


def test_nothing_is_changed_without_a_word():
    """What json would change silently is refused by its place: a member name that is not text, an event that
    is not a dict, a lone surrogate; a text's byte order mark is read as the library reads it."""
    numbered = json.loads(json.dumps(EXAMPLE))
    numbered["coverage"]["deductible"] = {1: "1000.00"}
    with pytest.raises(iop.ValidationError) as error:
        iop.Episode(numbered)
    assert error.value.field == "episode.coverage.deductible" and error.value.value == "1"
    with pytest.raises(iop.ValidationError) as error:  # iop.call as well: json would write it "1"
        iop.call("episode.state", {"api_version": 1, "episode": numbered, "as_of": "2026-03-23"})
    assert error.value.field == "episode.coverage.deductible"
    episode = iop.Episode(EXAMPLE)
    with pytest.raises(TypeError, match=r"events\[42\]"):
        episode.with_events([{"kind": "measure", "date": "2026-04-20", "measure": "PHQ-9", "total": 4}])
    with pytest.raises(iop.ValidationError, match="lone surrogate"):
        iop.Episode({**EXAMPLE, "plan": {**EXAMPLE["plan"], "id": "plan-\ud800"}})
    with pytest.raises(iop.ValidationError, match="lone surrogate"):
        iop.Episode.from_json(json.dumps(EXAMPLE, ensure_ascii=False).replace("plan-ep-1", "plan-\ud800"))
    assert iop.Episode.from_json("\ufeff" + json.dumps(EXAMPLE)) == episode
    # Duplicate member names and NaN in a text are the library's to refuse (json.loads would take them).
    with pytest.raises(iop.ValidationError, match="given twice"):
        iop.Episode.from_json(json.dumps(EXAMPLE)[:-1] + ', "events": []}')


def test_an_episode_leaves_room_for_its_requests():
    """The document limit (4 MiB) holds for every request an episode sends: its compact text may be at most the
    limit less the largest request around it (138 bytes), and one of exactly that size is asked like any other."""
    limit = 4 << 20
    around = len('{"api_version":1,"as_of":"2000-01-01","attendance_threshold":100,"episode":') + \
        len(',"format":"fhir","not_improving_weeks":26,"since":"2000-01-01"}')
    assert around == 138
    target = limit - around
    document = json.loads(json.dumps(EXAMPLE))
    # Every event with a note of 4,096 characters (the longest text), 30 more discharge criteria as long, then
    # measures after the course, a day apart, with the same notes, until a few kilobytes short of the size.
    for event in document["events"]:
        event["note"] = "n" * 4096
    document["plan"]["discharge_criteria"] += ["c" * 4096] * 30  # at most 1,000 events: the rest in the plan
    size = len(iop.Episode(document).to_json())
    measure = {"kind": "measure", "date": "", "measure": "PHQ-9", "total": 5, "note": "n" * 4096}
    each = len(json.dumps(measure, separators=(",", ":"))) + 10 + 1  # the date's 10 characters and a comma
    day = dt.date(2026, 4, 18)
    for _ in range((target - 8000 - size) // each):
        document["events"].append({**measure, "date": day.isoformat()})
        day += dt.timedelta(days=1)
    document["events"].append({**measure, "date": day.isoformat(), "note": ""})
    # Then exactly to the size: a discharge criterion while more than a note's room is left, the last note the
    # rest (all ASCII: characters are bytes).
    while (deficit := target - len(iop.Episode(document).to_json())) > 4096:
        document["plan"]["discharge_criteria"].append("c" * min(4096, deficit - 3))  # '"...",'
    document["events"][-1]["note"] = "n" * deficit
    at_limit = iop.Episode(document)
    assert len(at_limit.to_json().encode()) == target
    assert at_limit.state("2026-03-23")["costs"]["so_far"]["sessions"] == 10
    document["events"][-1]["note"] += "n"
    with pytest.raises(iop.ValidationError) as error:
        iop.Episode(document)
    assert error.value.field == "episode" and error.value.allowed.startswith(f"at most {target} bytes")
