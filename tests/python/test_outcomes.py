"""Cohort outcomes through Python: the 20-patient cohort of examples/outcomes.json worked by hand (the figures are
derived in tests/cpp/episode/test_cohort_outcomes.cpp), the frames equal to the document API's answer, episodes as a
cohort, and bad frames refused by column and row."""

import datetime
import importlib
import json
import pathlib
import pickle
import statistics
import subprocess

import jsonschema
import pandas as pd
import pytest

import iop
from conftest import schema_registry

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
REQUEST = json.loads((EXAMPLES / "outcomes.json").read_text())


def frames(request=REQUEST):
    rows, patients = [], []
    for p in request["patients"]:
        patients.append({"patient": p["id"], "program": p["program"], "track": p["track"], "delivery": p["delivery"],
                         "diagnosis": p["diagnosis"], "discharge": p.get("discharge", "ongoing"),
                         "exclusion": p.get("exclusion", "none")})
        rows += [{"patient": p["id"], "date": pd.Timestamp(s["date"]), "phq9": s["phq9"]} for s in p["scores"]]
    return pd.DataFrame(rows), pd.DataFrame(patients)


def cohort(sd=5.0, **changes):
    scores, patients = frames()
    return iop.outcomes.cohort(scores, patients, as_of="2027-06-30", reliability=0.89, sd=sd, by=["program"], **changes)


def test_the_hand_worked_cohort():
    result = cohort()
    whole = result.groups.iloc[0]
    assert [int(whole[k]) for k in ("patients", "excluded", "no_index", "index_patients")] == [20, 2, 3, 15]
    assert [int(whole[k]) for k in ("denominator_6", "pending_6", "no_score_6", "remission_6", "response_6")] == [
        14, 1, 3, 4, 8]
    assert [int(whole[k]) for k in ("denominator_12", "pending_12", "no_score_12", "remission_12", "response_12")] == [
        13, 2, 6, 4, 5]
    assert whole["remission_rate_12"] == 4 / 13 and whole["response_rate_6"] == 8 / 14
    assert (int(whole["reliable_improvement_6"]), int(whole["reliable_deterioration_6"])) == (8, 1)
    assert whole["median_days_to_response"] == 56 and int(whole["responders"]) == 10
    assert (int(whole["ended"]), int(whole["against_advice"])) == (14, 3)
    assert result.groups["program"].tolist() == [None, "alpha", "beta"]
    assert result.groups["median_days_to_response"].tolist() == [56, 121, 42]
    assert result.reliable_change["threshold"] == pytest.approx(1.96 * 5 * 2 ** 0.5 * 0.11 ** 0.5)
    p = result.patients.set_index("patient")
    assert p.loc["P02", "days_to_response"] == 399 and p.loc["P02", "status_12"] == "response"
    assert p.loc["P15", "date_6"] == pd.Timestamp("2025-12-30")  # 2025-08-31 + 6 months = 2026-02-28, less 60 days
    assert p.loc["P11", "change_6"] == 5 and p.loc["P11", "reliable_6"] == 1
    assert p.loc["P05", "status_12"] == "not in measure" and pd.isna(p.loc["P05", "index_score"])
    assert pickle.loads(pickle.dumps(result)) == result
    assert repr(result) == "CohortOutcomes(as_of=2027-06-30, patients=20, groups=2, remission_12=4/13)"


def test_the_sample_sd_is_the_index_scores_sd():
    result = cohort(sd=None)
    index_scores = result.patients["index_score"].dropna().astype(int).tolist()
    assert sum(index_scores) == 233 and len(index_scores) == 15
    assert result.reliable_change["sd"] == pytest.approx(statistics.stdev(index_scores))
    assert result.reliable_change["sd_source"] == "sample SD of the index scores"


def test_the_frames_equal_the_document_api():
    answer = iop.call("outcomes.cohort", REQUEST)
    jsonschema.validate(answer, iop.schema("outcomes.cohort.response"),
                        registry=schema_registry())
    result = cohort()
    for group, row in zip(answer["result"]["groups"], result.groups.itertuples()):
        assert group["months_12"]["remission"] == row.remission_12
        assert group["months_6"]["response"] == row.response_6
        assert group["time_to_response"]["median_days"] == row.median_days_to_response
    for patient, row in zip(answer["result"]["patients"], result.patients.itertuples()):
        assert patient["id"] == row.patient
        assert patient["months_12"]["status"] == row.status_12
        assert patient["days_to_response"] == (None if pd.isna(row.days_to_response) else row.days_to_response)


def test_episodes_join_a_cohort_as_frames():
    episode = json.loads((EXAMPLES / "episode.json").read_text())
    scores, patients = iop.outcomes.from_episodes([episode], "2027-06-30")
    assert patients.loc[0, "discharge"] == "planned" and patients.loc[0, "program"] == "la-depression-iop"
    assert scores["phq9"].iloc[0] == 18 and scores["date"].iloc[0] == pd.Timestamp("2026-02-27")
    ours = iop.outcomes.cohort(scores, patients, as_of="2027-06-30", reliability=0.89, sd=5.0)
    answer = iop.call("outcomes.cohort", {"api_version": 1, "episodes": [episode], "as_of": "2027-06-30",
                                          "reliability": 0.89, "sd": 5})["result"]
    assert answer["patients"][0]["months_12"]["status"] == ours.patients.loc[0, "status_12"] == "no score"
    with pytest.raises(iop.ValidationError, match=r"episodes\[0\]\.events\[\d+\]\.date"):
        iop.outcomes.from_episodes([episode], "2026-04-01")


@pytest.mark.parametrize("change, message", [
    (lambda s, p: s.assign(phq9=s["phq9"].where(s.index != 3, 28)), r"scores\.phq9\[3\]: 28 is not a PHQ-9 total"),
    (lambda s, p: s.assign(phq9=s["phq9"].astype(float) + 0.5), r"scores\.phq9"),
    (lambda s, p: s.assign(patient=s["patient"].where(s.index != 2, "P99")), r"scores\.patient\[2\]"),
    (lambda s, p: s.assign(extra=1), r"scores\.extra"),
    (lambda s, p: s.drop(columns="date"), r"scores\.date: is missing"),
    (lambda s, p: s.assign(date=s["date"] + pd.Timedelta(hours=3)), r"scores\.date"),
    (lambda s, p: s.assign(date=s["date"].where(s.index != 0, pd.Timestamp("2027-07-01"))), r"scores\[0\]\.date"),
])
def test_bad_scores_are_refused_by_column_and_row(change, message):
    scores, patients = frames()
    with pytest.raises((ValueError, TypeError), match=message):  # TypeError: a column of another kind (floats)
        iop.outcomes.cohort(change(scores, patients), patients, as_of="2027-06-30", reliability=0.89, sd=5.0)


@pytest.mark.parametrize("change, message", [
    (lambda p: p.assign(discharge=p["discharge"].where(p.index != 4, "left")), r"patients\.discharge\[4\]"),
    (lambda p: p.assign(patient=p["patient"].where(p.index != 5, "P01")), r"patients\.patient\[5\]"),
    (lambda p: p.assign(diagnosis=p["diagnosis"].where(p.index != 1, "F3")), r"patients\[1\]\.diagnosis"),
    (lambda p: p.assign(delivery=p["delivery"].where(p.index != 1, "video")), r"patients\[1\]\.delivery"),
    (lambda p: p.assign(track=p["track"].where(p.index != 6, None)), r"patients\.track\[6\]"),
])
def test_bad_patients_are_refused_by_column_and_row(change, message):
    scores, patients = frames()
    with pytest.raises(ValueError, match=message):
        iop.outcomes.cohort(scores, change(patients), as_of="2027-06-30", reliability=0.89, sd=5.0)


@pytest.mark.parametrize("members, error", [
    ({"reliability": 1.0}, ValueError), ({"reliability": True}, TypeError), ({"sd": 0.0}, ValueError),
    ({"by": "program"}, TypeError), ({"by": ["ward"]}, ValueError),
])
def test_bad_arguments_are_refused(members, error):
    scores, patients = frames()
    arguments = {"as_of": "2027-06-30", "reliability": 0.89, "sd": 5.0, **members}
    with pytest.raises(error):
        iop.outcomes.cohort(scores, patients, **arguments)


def test_the_command_answers_as_the_document_api(iop_command, tmp_path):
    patients = tmp_path / "patients.json"
    patients.write_text(json.dumps(REQUEST["patients"]))
    run = subprocess.run([iop_command, "outcomes", "--input", str(patients), "--as-of", "2027-06-30",
                          "--reliability", "0.89", "--sd", "5", "--by", "program", "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == iop.call("outcomes.cohort", REQUEST)["result"]
    refused = subprocess.run([iop_command, "outcomes", "--input", str(patients), "--as-of", "2027-06-30",
                              "--reliability", "high"], capture_output=True, text=True)
    assert refused.returncode == 2 and "--reliability: 'high' is not a number" in refused.stderr


def test_the_plots_draw_the_hand_worked_figures():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    plot = importlib.import_module("iop.plot")
    scores, _ = frames()
    result = cohort()
    ax = plot.outcome_trajectories(scores, result)
    assert sum(line.get_gid() == "patient" for line in ax.lines) == 15  # the index patients
    median = next(line for line in ax.lines if line.get_gid() == "median")
    assert median.get_ydata()[0] == 15  # the 15 index scores' median (10, 10, 11, 11, 12, 13, 14, 15, 16, ...)
    ax = plot.change_waterfall(result, months=12)
    bars = [p for p in ax.patches if p.get_gid() == "change"]
    assert [int(b.get_height()) for b in bars] == [-5, -8, -9, -11, -12, -12, -15]  # P04, P02, P16, P20, P08, P15, P01
    assert next(line for line in ax.lines if line.get_gid() == "reliable-").get_ydata()[0] == pytest.approx(-4.5966,
                                                                                                        abs=1e-4)
    ax = plot.outcome_funnel(result, months=12)
    assert [(p.get_gid(), int(p.get_width())) for p in ax.patches] == [
        ("patients", 20), ("index patients", 15), ("denominator", 13), ("with a score", 7), ("response", 5),
        ("remission", 4)]
    with pytest.raises(ValueError, match="months: 9"):
        plot.outcome_funnel(result, months=9)


def test_the_order_of_the_rows_does_not_matter():
    # Frames sorted by patient and date take the kernel's walk; shuffled ones its sort and hash lookups.
    scores, patients = frames()
    ordered = iop.outcomes.cohort(scores, patients, as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
    shuffled_patients = patients.sample(frac=1, random_state=3).reset_index(drop=True)
    shuffled = iop.outcomes.cohort(scores.sample(frac=1, random_state=4).reset_index(drop=True), shuffled_patients,
                                   as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
    assert shuffled.groups.equals(ordered.groups)
    back = shuffled.patients.set_index("patient").loc[ordered.patients["patient"]].reset_index()
    assert back.equals(ordered.patients)
    with pytest.raises(ValueError, match=r"scores\[65\]\.date: 2026-01-05 is a second PHQ-9"):  # P01's first, again
        iop.outcomes.cohort(pd.concat([scores, scores.iloc[[0]]], ignore_index=True), patients, as_of="2027-06-30",
                            reliability=0.89, sd=5.0)


def test_a_diagnosis_reads_alike_through_frames_and_documents():
    # `f33.1` is F33.1 (IcdCode's canonical form) on both paths: the patient is in the measure either way.
    request = json.loads(json.dumps(REQUEST))
    request["patients"][0]["diagnosis"] = "f33.1"
    scores, patients = frames(request)
    ours = iop.outcomes.cohort(scores, patients, as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
    theirs = iop.call("outcomes.cohort", request)["result"]
    assert ours.patients.loc[0, "status_12"] == theirs["patients"][0]["months_12"]["status"] == "remission"


def test_dates_outside_the_calendar_and_text_dates():
    scores, patients = frames()
    far = scores.assign(date=[d.date() for d in scores["date"]])
    far.loc[1, "date"] = datetime.date(2700, 1, 4)
    with pytest.raises(ValueError, match=r"scores\.date\[1\]: 2700-01-04 is outside the dates iop reads"):
        iop.outcomes.cohort(far, patients, as_of="2027-06-30", reliability=0.89, sd=5.0)
    as_dates = scores.assign(date=[d.date() for d in scores["date"]])  # datetime.date objects, as cohort takes them
    result = iop.outcomes.cohort(as_dates, patients, as_of="2027-06-30", reliability=0.89, sd=5.0)
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    plot = importlib.import_module("iop.plot")
    ax = plot.outcome_trajectories(as_dates, result)
    assert sum(line.get_gid() == "patient" for line in ax.lines) == 15


def test_polars_and_arrow_frames_give_the_same_outcomes():
    pl = pytest.importorskip("polars")
    pa = pytest.importorskip("pyarrow")
    scores, patients = frames()
    expected = cohort()
    as_polars = pl.from_pandas(scores).with_columns(pl.col("date").dt.date())  # polars Date, not a timestamp
    for s, p in ((as_polars, pl.from_pandas(patients)), (pa.Table.from_pandas(scores), pa.Table.from_pandas(patients))):
        got = iop.outcomes.cohort(s, p, as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
        assert got.groups.equals(expected.groups) and got.patients.equals(expected.patients)
    with pytest.raises(TypeError, match="scores: expected a pandas or polars DataFrame or a pyarrow Table, got builtins.list"):
        iop.outcomes.cohort([1], patients, as_of="2027-06-30", reliability=0.89, sd=5.0)
    # A custom index changes nothing: rows are read by position.
    moved = iop.outcomes.cohort(scores.set_index(scores.index * 7 + 3), patients.set_index(patients.index + 100),
                                as_of="2027-06-30", reliability=0.89, sd=5.0, by=["program"])
    assert moved.groups.equals(expected.groups)
