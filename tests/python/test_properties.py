"""Invariants checked on generated inputs (Hypothesis, derandomized so every run is the same)."""

import decimal

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

import iop

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)
cents = st.integers(min_value=-(10**15), max_value=10**15)


@SETTINGS
@given(cents, cents)
def test_money_arithmetic_is_exact(a, b):
    assert (iop.Money(a) + iop.Money(b)).cents == a + b
    assert (iop.Money(a) - iop.Money(b)).cents == a - b
    assert iop.Money(str(iop.Money(a))) == iop.Money(a)          # "$1,234.56" round-trips
    assert iop.Money(iop.Money(a).plain()) == iop.Money(a)       # "-0.05" round-trips
    assert iop.Money(iop.Money(a).to_decimal()) == iop.Money(a)


@SETTINGS
@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=10000))
def test_rate_rounds_once_half_away_from_zero(amount, bp):
    exact = decimal.Decimal(amount) * decimal.Decimal(bp) / decimal.Decimal(10000)
    expected = int(exact.to_integral_value(rounding=decimal.ROUND_HALF_UP))  # ROUND_HALF_UP is away from zero
    assert (iop.Money(amount) * iop.Rate.basis_points(bp)).cents == expected


@SETTINGS
@given(
    start=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 6, 30)),
    weeks=st.integers(min_value=6, max_value=12),
    days=st.integers(min_value=3, max_value=5),
    per_diem=st.integers(min_value=5000, max_value=60000),
    deductible=st.integers(min_value=0, max_value=300000),
    bp=st.integers(min_value=0, max_value=5000),
    copay=st.sampled_from([0, 2500, 4000]),
    copay_first=st.booleans(),
    extra_oop=st.integers(min_value=0, max_value=500000),
    year_start=st.sampled_from([101, 401, 701, 1001]),
)
def test_estimates_keep_their_invariants(start, weeks, days, per_diem, deductible, bp, copay, copay_first, extra_oop,
                                         year_start):
    """patient + plan = allowed on every line; the patient never pays more than the maximum in a plan year;
    and the cohort kernel gives the same totals as the line-by-line estimate."""
    oop = deductible + extra_oop + 1
    plan = iop.TreatmentPlan.from_dict({
        "id": "h", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": start.isoformat(), "weeks": weeks, "days_per_week": days,
        "track": "morning", "payer": "commercial"})
    coverage = iop.Coverage.from_dict({
        "payer": "commercial", "plan_year_start": f"2024-{year_start // 100:02d}-{year_start % 100:02d}",
        "deductible": {"individual": iop.Money(deductible).plain()}, "coinsurance": str(iop.Rate.basis_points(bp)),
        "copay": iop.Money(copay).plain(), "copay_before_deductible": copay_first,
        "out_of_pocket_max": {"individual": iop.Money(oop).plain()}})
    est = iop.estimate_cost(iop.build_calendar(plan), coverage, iop.FeeSchedule.per_diem("f", iop.Money(per_diem)))
    paid_by_year = {}
    for line in est.lines:
        assert iop.Money(line["patient"]) + iop.Money(line["plan"]) == iop.Money(line["allowed"])
        year = line["after"]["plan_year"]
        paid_by_year[year] = paid_by_year.get(year, 0) + iop.Money(line["patient"]).cents
    assert all(total <= oop for total in paid_by_year.values())
    batch = iop.estimate_costs([start], weeks, days, per_diem_cents=per_diem, deductible_cents=deductible,
                               coinsurance_bp=bp, copay_cents=copay, copay_before_deductible=copay_first,
                               out_of_pocket_max_cents=oop, plan_year_start=year_start)
    assert batch["patient_cents"][0] == est.patient.cents
    assert batch["charges_cents"][0] == est.charges.cents
