"""Cohort outcome measures: iop against the same windows written in pandas, in one run.

A seeded synthetic cohort of 100,000 patients with 12 PHQ-9s each (1.2 million scores) on four programs, three
tracks and two delivery modes, with a few diagnoses outside the measures and a few denominator exclusions. Both
engines start from the same two DataFrames (scores: patient, date, phq9; patients: patient, program, track,
delivery, diagnosis, discharge, exclusion) and compute, by program, track and delivery:

- the index event (the first PHQ-9 above 9 with a qualifying diagnosis, not excluded);
- at 6 and 12 months the most recent PHQ-9 within 60 days of index + months (pending when the window closes after
  as_of): remission (below 5), response (at least halved), reliable improvement and deterioration (Jacobson & Truax
  with the given SD and reliability);
- responders, the Kaplan-Meier median days to response (censored at the last score) and dropout.

The script checks that every count and median agrees, then prints both times and the ratio (target: iop at least
20x pandas). Run after ``make demo``:

    .venv/bin/python bench/compare_outcomes.py [--patients 100000] [--repeats 3]
"""

import argparse
import math

import numpy as np
import pandas as pd

import iop
from _timing import best_of, load

AS_OF = pd.Timestamp("2026-06-30")
RELIABILITY, SD = 0.89, 5.0
BY = ["program", "track", "delivery"]
OFFSETS = np.array([0, 7, 14, 28, 42, 56, 84, 120, 182, 240, 365, 420])
QUALIFYING = r"^(?:F32\.[0-59]|F33(?:\.[0-9]+)?|F34\.1)$"


def synthetic_cohort(patients, seed=7):
    """Scores and patients frames: index days through 2024-2025, each patient's scores drifting down with noise."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"P{i:07d}" for i in range(patients)], dtype=object)
    frame = pd.DataFrame({
        "patient": ids,
        "program": rng.choice(["la-depression-iop", "sf-evening-iop", "tx-telehealth-iop", "ny-adolescent-iop"], patients),
        "track": rng.choice(["morning", "afternoon", "evening"], patients),
        "delivery": rng.choice(["in_person", "telehealth"], patients),
        "diagnosis": rng.choice(["F33.1", "F32.1", "F33.2", "F34.1", "F32.A"], patients, p=[.5, .2, .15, .1, .05]),
        "discharge": rng.choice(["planned", "against_advice", "stepped_up", "ongoing"], patients, p=[.6, .2, .1, .1]),
        "exclusion": rng.choice(["none", "bipolar", "died"], patients, p=[.97, .02, .01]),
    })
    start = np.datetime64("2024-01-01") + rng.integers(0, 600, patients).astype("timedelta64[D]")
    jitter = rng.integers(-20, 21, (patients, len(OFFSETS)))
    jitter[:, :8] = 0
    days = start[:, None] + (OFFSETS[None, :] + jitter).astype("timedelta64[D]")
    baseline = rng.integers(6, 28, patients)
    slope = rng.uniform(0.0, 1.0, patients)
    noise = rng.integers(-3, 4, (patients, len(OFFSETS)))
    phq9 = np.clip(np.round(baseline[:, None] * (1 - slope[:, None] * np.minimum(OFFSETS / 120, 1.0))) + noise, 0, 27)
    phq9[:, 0] = baseline
    keep = days <= AS_OF.to_datetime64()
    scores = pd.DataFrame({"patient": np.repeat(ids, len(OFFSETS))[keep.ravel()],
                           "date": days.ravel()[keep.ravel()].astype("datetime64[ns]"),
                           "phq9": phq9.ravel()[keep.ravel()].astype(np.int64)})
    return scores, frame


def iop_version(scores, patients):
    return iop.outcomes.cohort(scores, patients, as_of=AS_OF.date(), reliability=RELIABILITY, sd=SD, by=BY)


def kaplan_meier_median(times):
    """Per group: the first event time where the product-limit curve reaches 1/2 (NaN when it does not)."""
    at = times.groupby(BY + ["time"]).agg(events=("event", "sum"), leaving=("event", "size")).reset_index()
    at["at_risk"] = at.iloc[::-1].groupby(BY)["leaving"].cumsum().iloc[::-1]
    at["factor"] = 1 - at["events"] / at["at_risk"]
    at["survival"] = at.groupby(BY)["factor"].cumprod()
    reached = at[(at["events"] > 0) & (at["survival"] <= 0.5)]
    return reached.groupby(BY)["time"].first().astype(float)


def pandas_version(scores, patients):
    """The same measures with pandas only: joins, masks and groupbys."""
    threshold = 1.96 * SD * math.sqrt(2) * math.sqrt(1 - RELIABILITY)
    p = patients.set_index("patient")
    in_measure = p["diagnosis"].str.match(QUALIFYING) & (p["exclusion"] == "none")
    s = scores[scores["patient"].map(in_measure)].sort_values(["patient", "date"], kind="stable")
    index = s[s["phq9"] > 9].groupby("patient", sort=False)[["date", "phq9"]].first()
    index.columns = ["index_date", "index_score"]
    s = s.join(index, on="patient", how="inner")
    after = s[s["date"] > s["index_date"]]
    out = p.join(index, how="left")
    for months in (6, 12):
        anniversary = index["index_date"] + pd.DateOffset(months=months)
        start, end = anniversary - pd.Timedelta(days=60), anniversary + pd.Timedelta(days=60)
        window = after[(after["date"] >= after["patient"].map(start)) & (after["date"] <= after["patient"].map(end))]
        last = window.groupby("patient", sort=False)["phq9"].last()
        score = last.reindex(index.index)
        pending = end > AS_OF
        status = np.select([pending, score.isna(), score < 5, 2 * score <= index["index_score"]],
                           ["pending", "no score", "remission", "response"], "no response")
        out[f"status_{months}"] = pd.Series(status, index=index.index)
        change = score - index["index_score"]
        reliable = pd.Series(np.select([change < -threshold, change > threshold], [-1, 1], 0), index=index.index)
        out[f"reliable_{months}"] = reliable.reindex(out.index, fill_value=0)
    responded = after[2 * after["phq9"] <= after["index_score"]].groupby("patient", sort=False)["date"].first()
    last_day = s.groupby("patient", sort=False)["date"].last()
    out["days_to_response"] = (responded.reindex(out.index) - out["index_date"]).dt.days
    out["followed"] = (last_day.reindex(out.index) - out["index_date"]).dt.days
    return summarise(out)


def summarise(out):
    has_index = out["index_date"].notna()
    excluded = out["exclusion"] != "none"
    measured = has_index & ~excluded
    columns = {"patients": pd.Series(1, index=out.index), "excluded": excluded, "no_index": ~excluded & ~has_index,
               "index_patients": measured}
    for months in (6, 12):
        status, reliable = out[f"status_{months}"], out[f"reliable_{months}"]
        closed = measured & (status != "pending")
        columns[f"denominator_{months}"] = closed
        columns[f"pending_{months}"] = measured & (status == "pending")
        columns[f"no_score_{months}"] = closed & (status == "no score")
        columns[f"remission_{months}"] = closed & (status == "remission")
        columns[f"response_{months}"] = closed & status.isin(["remission", "response"])
        columns[f"reliable_improvement_{months}"] = closed & (reliable < 0)
        columns[f"reliable_deterioration_{months}"] = closed & (reliable > 0)
    columns["responders"] = measured & out["days_to_response"].notna()
    columns["ended"] = measured & (out["discharge"] != "ongoing")
    columns["against_advice"] = measured & (out["discharge"] == "against_advice")
    flags = pd.DataFrame(columns).astype(np.int64)
    flags[BY] = out[BY]
    counts = flags.groupby(BY).sum()
    times = out.loc[measured, BY].copy()
    times["event"] = out.loc[measured, "days_to_response"].notna().astype(np.int64)
    times["time"] = out.loc[measured, "days_to_response"].fillna(out.loc[measured, "followed"]).astype(np.int64)
    counts["median_days_to_response"] = kaplan_meier_median(times)
    return counts


def iop_groups(result):
    groups = result.groups.iloc[1:].set_index(BY)
    return groups


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--patients", type=int, default=100_000, help="patients (12 scores each; default 100,000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each engine; the fastest counts")
    args = parser.parse_args()
    scores, patients = synthetic_cohort(args.patients)
    iop_s, result = best_of(args.repeats, iop_version, scores, patients)
    pandas_s, expected = best_of(max(1, args.repeats // 2), pandas_version, scores, patients)
    ours = iop_groups(result)
    for column in expected.columns:
        theirs = expected[column].reindex(ours.index)
        mine = ours[column]
        same = (mine.isna() & theirs.isna()) | (mine == theirs)
        assert same.all(), f"{column} differs: {mine[~same].head(3).to_dict()} vs {theirs[~same].head(3).to_dict()}"
    whole = result.groups.iloc[0]
    print(f"iop and pandas agree on every count and median of {len(ours)} groups: {args.patients:,} patients, "
          f"{len(scores):,} scores; {int(whole['denominator_12']):,} measured at 12 months, "
          f"remission {whole['remission_rate_12']:.1%}, response {whole['response_rate_12']:.1%}; {load()}")
    print(f"{'iop.outcomes.cohort (from the frames)':<42} {iop_s * 1000:>10.1f} ms")
    print(f"{'pandas (the same windows)':<42} {pandas_s * 1000:>10.1f} ms")
    print(f"iop / pandas: {pandas_s / iop_s:,.1f}x (target at least 20x)")


if __name__ == "__main__":
    main()
