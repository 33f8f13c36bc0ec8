"""Tables the Dask and Spark tests share: claims whose aggregate is worked out by hand, and a cohort.

``IOP_SCALE_LONG=1`` (``make test-scale``) makes them larger."""

import datetime
import os

import numpy as np
import pandas as pd

from iop import parity

LONG = os.environ.get("IOP_SCALE_LONG") == "1"
#: Claim rows: a multiple of 12 (see hand_cells).
CLAIM_ROWS = 1_200_000 if LONG else 24_000
#: Patients in the cohort.
PATIENTS = 200_000 if LONG else 3_000


def claims_frame(rows=CLAIM_ROWS):
    """Row i: classification i % 6, a copay at level (i % 4) * $10, paid $1.00 + (i % 3) cents.

    By hand: (classification c, level k) meets where i = c (mod 6) and i = k (mod 4), so for one
    residue r of i mod 12 when c and k have the same parity (twelve cells), rows / 12 rows each. Those
    rows have i % 3 = r % 3, so each cell sums (rows / 12) * (100 + r % 3) cents.
    """
    i = np.arange(rows)
    return pd.DataFrame({
        "classification": pd.Categorical.from_codes(i % 6, parity.CLASSIFICATIONS),
        "type": pd.Categorical.from_codes(np.ones(rows, np.int8), parity.TYPES),
        "level": (i % 4) * 1000,
        "payment_cents": 100 + i % 3,
    })


def hand_cells(rows=CLAIM_ROWS):
    """The aggregate's cells as the docstring of claims_frame works them out."""
    cells = []
    for c in range(6):
        for k in range(4):
            if c % 2 != k % 2:
                continue
            r = next(x for x in range(12) if x % 6 == c and x % 4 == k)
            cells.append((parity.CLASSIFICATIONS[c], "copay", k * 1000, rows // 12 * (100 + r % 3)))
    return cells


def decimal_dollars(cents, precision=18):
    """Cents as an Arrow decimal column of dollars (scale 2), built from the unscaled 128-bit values."""
    import pyarrow as pa

    words = np.zeros((len(cents), 2), np.int64)
    words[:, 0] = cents
    words[:, 1] = np.where(np.asarray(cents) < 0, -1, 0)
    return pa.Array.from_buffers(pa.decimal128(precision, 2), len(cents), [None, pa.py_buffer(words)])


def cohort_frame(patients=PATIENTS):
    """Patients with their own start date, length, days a week and per diem (cents)."""
    random = np.random.default_rng(14)
    first = datetime.date(2026, 1, 5)
    return pd.DataFrame({
        "patient": [f"P{i:06}" for i in range(patients)],
        "start": [first + datetime.timedelta(days=int(d)) for d in random.integers(0, 300, patients)],
        "weeks": random.integers(6, 13, patients),
        "days": random.integers(3, 6, patients),
        "per_diem_cents": random.integers(30_000, 60_000, patients),
    })


#: How the cohort's columns feed iop.estimate_costs and iop.build_calendars.
COHORT_COLUMNS = {"start_dates": "start", "weeks": "weeks", "days_per_week": "days"}
COST_COLUMNS = {**COHORT_COLUMNS, "per_diem_cents": "per_diem_cents"}
COSTS = {"deductible": "500.00", "coinsurance": "20%", "out_of_pocket_max": "3000.00"}

#: The estimates examples/scale_out_dask.py and scale_out_spark.py print, worked by hand: $300 a day,
#: $500 deductible, then 20% up to a $3,000 maximum, under the program's holidays (the private-clinic
#: preset: Juneteenth is a working day). A: from Monday 2026-03-02, 8 weeks x 3 days = 24 days, no
#: holiday: $7,200; pays $500 + 20% of $6,700 = $1,840. B: 8 x 4 = 32 days from 2026-03-09: $9,600;
#: $500 + 20% of $9,100 = $2,320. C: 6 x 5 = 30 days from 2026-06-01 less Independence Day observed
#: (Friday 07-03): 29 days, $8,700; $500 + 20% of $8,200 = $2,140. D: 6 x 3 = 18 days from 2026-06-29
#: less Friday 07-03: 17 days, $5,100; $500 + 20% of $4,600 = $1,420.
EXAMPLE_ESTIMATES = ["patient A: charges $7,200.00, patient pays $1,840.00",
                     "patient B: charges $9,600.00, patient pays $2,320.00",
                     "patient C: charges $8,700.00, patient pays $2,140.00",
                     "patient D: charges $5,100.00, patient pays $1,420.00"]


OUTCOME_PATIENTS = 40_000 if LONG else 1_500
OUTCOME_OFFSETS = np.array([0, 14, 28, 56, 120, 182, 240, 365, 420])


def outcome_cohort(patients=OUTCOME_PATIENTS, seed=11):
    """Seeded scores and patients frames for cohort outcomes: index days through 2024-2025, scores drifting down with
    noise, a few diagnoses outside the measures, exclusions and every course end. Dates are calendar dates (Spark
    carries them as DateType)."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"P{i:06d}" for i in range(patients)], dtype=object)
    frame = pd.DataFrame({
        "patient": ids,
        "program": rng.choice(["alpha", "beta", "gamma"], patients),
        "track": rng.choice(["morning", "evening"], patients),
        "delivery": rng.choice(["in_person", "telehealth"], patients),
        "diagnosis": rng.choice(["F33.1", "F32.1", "F34.1", "F32.A"], patients, p=[.6, .2, .15, .05]),
        "discharge": rng.choice(["planned", "against_advice", "stepped_up", "ongoing"], patients, p=[.6, .2, .1, .1]),
        "exclusion": rng.choice(["none", "bipolar", "died"], patients, p=[.96, .02, .02]),
    })
    start = np.datetime64("2024-01-01") + rng.integers(0, 600, patients).astype("timedelta64[D]")
    jitter = rng.integers(-20, 21, (patients, len(OUTCOME_OFFSETS)))
    jitter[:, :5] = 0
    days = start[:, None] + (OUTCOME_OFFSETS[None, :] + jitter).astype("timedelta64[D]")
    baseline = rng.integers(6, 28, patients)
    slope = rng.uniform(0.0, 1.0, patients)
    noise = rng.integers(-3, 4, (patients, len(OUTCOME_OFFSETS)))
    phq9 = np.clip(np.round(baseline[:, None] * (1 - slope[:, None] * np.minimum(OUTCOME_OFFSETS / 120, 1.0)))
                   + noise, 0, 27)
    phq9[:, 0] = baseline
    keep = (days <= np.datetime64("2026-06-30")).ravel()
    scores = pd.DataFrame({"patient": np.repeat(ids, len(OUTCOME_OFFSETS))[keep],
                           "date": days.ravel()[keep].astype(object),  # datetime.date values
                           "phq9": phq9.ravel()[keep].astype(np.int64)})
    return scores, frame
