"""Invariants checked on generated inputs (Hypothesis, derandomized so every run is the same)."""

import datetime
import decimal
import fractions

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iop

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)
cents = st.integers(min_value=-(10**15), max_value=10**15)


@SETTINGS
@given(cents, cents)
def test_money_arithmetic_is_exact(a, b):
    assert (iop.Money.from_cents(a) + iop.Money.from_cents(b)).cents == a + b
    assert (iop.Money.from_cents(a) - iop.Money.from_cents(b)).cents == a - b
    assert iop.Money(str(iop.Money.from_cents(a))) == iop.Money.from_cents(a)          # "$1,234.56" round-trips
    assert iop.Money(iop.Money.from_cents(a).plain()) == iop.Money.from_cents(a)       # "-0.05" round-trips
    assert iop.Money(iop.Money.from_cents(a).to_decimal()) == iop.Money.from_cents(a)


@SETTINGS
@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=10000))
def test_rate_rounds_once_half_away_from_zero(amount, bp):
    exact = decimal.Decimal(amount) * decimal.Decimal(bp) / decimal.Decimal(10000)
    expected = int(exact.to_integral_value(rounding=decimal.ROUND_HALF_UP))  # ROUND_HALF_UP is away from zero
    assert (iop.Money.from_cents(amount) * iop.Rate.basis_points(bp)).cents == expected


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
    # A copay or a coinsurance: both together need a stated combination, which the cohort kernel does not take.
    bp = 0 if copay else bp
    plan = iop.TreatmentPlan.from_dict({
        "id": "h", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": start.isoformat(), "weeks": weeks, "days_per_week": days,
        "track": "morning", "payer": "commercial"})
    coverage = iop.Coverage.from_dict({
        "payer": "commercial", "plan_year_start": f"2024-{year_start // 100:02d}-{year_start % 100:02d}",
        "deductible": {"individual": iop.Money.from_cents(deductible).plain()}, "coinsurance": str(iop.Rate.basis_points(bp)),
        "copay": iop.Money.from_cents(copay).plain(), "copay_before_deductible": copay_first,
        "out_of_pocket_max": {"individual": iop.Money.from_cents(oop).plain()}})
    est = iop.estimate_cost(iop.build_calendar(plan), coverage, iop.FeeSchedule.per_diem("f", iop.Money.from_cents(per_diem)))
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


# --- Money times any Decimal or Fraction: the exact product, rounded once, or an overflow -----------

def rounded_half_away_from_zero(value):
    magnitude = abs(value)
    whole = magnitude.numerator // magnitude.denominator
    if 2 * (magnitude - whole) >= 1:
        whole += 1
    return whole if value >= 0 else -whole


def assert_exact_product(cents, multiplier):
    exact = fractions.Fraction(cents) * fractions.Fraction(multiplier)
    expected = rounded_half_away_from_zero(exact)
    if -(2**63) <= expected < 2**63:
        assert (iop.Money.from_cents(cents) * multiplier).cents == expected
        assert (multiplier * iop.Money.from_cents(cents)).cents == expected
    else:
        with pytest.raises(iop.OverflowError):
            iop.Money.from_cents(cents) * multiplier


@SETTINGS
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1),
       st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**30), max_value=10**30))
def test_money_times_any_decimal_is_exact_or_overflows(cents, multiplier):
    assert_exact_product(cents, multiplier)


@SETTINGS
@given(st.integers(min_value=-(2**63), max_value=2**63 - 1),
       st.fractions(max_denominator=10**15).filter(lambda f: abs(f) < 10**30))
def test_money_times_any_fraction_is_exact_or_overflows(cents, multiplier):
    assert_exact_product(cents, multiplier)


@SETTINGS
@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(min_value=-40, max_value=40),
       st.integers(min_value=-(10**6), max_value=10**6))
def test_money_times_tiny_and_huge_decimals(cents, exponent, coefficient):
    assert_exact_product(cents, decimal.Decimal(coefficient).scaleb(exponent))


# --- cohort estimates equal one patient's, and overflow the same way --------------------------------

# The program without medication visits: every session is a program day at the per diem.
def per_diem_only_program():
    return iop.ProgramTemplate.from_dict({**iop.find_program("la-depression-iop").to_dict(), "medication_management": None})


@SETTINGS
@given(
    start=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 6, 30)),
    weeks=st.integers(min_value=6, max_value=12),
    days=st.integers(min_value=3, max_value=5),
    per_diem=st.one_of(st.integers(min_value=1, max_value=100_000),
                       st.integers(min_value=100_000, max_value=100_000_000)),
    bp=st.integers(min_value=0, max_value=10000),
    attendance=st.fractions(min_value=0, max_value=1, max_denominator=100),
)
def test_cohort_estimates_with_attendance_equal_the_scenario(start, weeks, days, per_diem, bp, attendance):
    """estimate_costs with an attendance rate equals estimate_scenario (the same spread) to the cent, for
    everyday per diems and up to the largest a fee schedule takes ($1,000,000.00, docs/limits.md)."""
    oop = 100_000_000  # $1,000,000.00, the largest maximum a coverage takes
    plan = iop.TreatmentPlan.from_dict({
        "id": "h", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": start, "weeks": weeks, "days_per_week": days,
        "track": "morning", "payer": "commercial"})
    coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "0.00"},
                                       "coinsurance": str(iop.Rate.basis_points(bp)),
                                       "out_of_pocket_max": {"individual": iop.Money.from_cents(oop).plain()}})
    program = per_diem_only_program()
    single = iop.estimate_scenario(plan, coverage, iop.FeeSchedule.per_diem("f", iop.Money.from_cents(per_diem)),
                                   program=program, attendance=attendance)
    batch = iop.estimate_costs([start], weeks, days, programs=[program], per_diem_cents=per_diem,
                               coinsurance_bp=bp, out_of_pocket_max_cents=oop, attendance=attendance)
    assert batch["charges_cents"][0] == single.charges.cents
    assert batch["patient_cents"][0] == single.patient.cents
    assert batch["plan_cents"][0] == single.plan.cents


@SETTINGS
@given(
    start=st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 6, 30)),
    weeks=st.integers(min_value=6, max_value=12),
    days=st.integers(min_value=3, max_value=5),
    per_diem=st.integers(min_value=10**14, max_value=2**63 - 1),
    attendance=st.fractions(min_value=0, max_value=1, max_denominator=100),
)
def test_cohort_estimates_past_the_document_limits_are_exact_or_overflow(start, weeks, days, per_diem, attendance):
    """The cohort kernel's columns take any 64-bit cents, checked as Money is: at 100% coinsurance with no
    deductible the patient pays (days attended) x (per diem) exactly, or iop.OverflowError when that
    product does not fit in 64-bit cents. The days attended are the charges at a per diem of one cent."""
    common = dict(programs=[per_diem_only_program()], coinsurance_bp=10000, out_of_pocket_max_cents=2**63 - 1,
                  attendance=attendance)
    attended = int(iop.estimate_costs([start], weeks, days, per_diem_cents=1, **common)["charges_cents"][0])
    expected = attended * per_diem
    if expected >= 2**63:
        with pytest.raises(iop.OverflowError):
            iop.estimate_costs([start], weeks, days, per_diem_cents=per_diem, **common)
        return
    batch = iop.estimate_costs([start], weeks, days, per_diem_cents=per_diem, **common)
    assert batch["charges_cents"][0] == expected
    assert batch["patient_cents"][0] == expected
    assert batch["plan_cents"][0] == 0


@SETTINGS
@given(
    plans=st.lists(st.tuples(st.dates(min_value=datetime.date(2025, 1, 1), max_value=datetime.date(2027, 6, 30)),
                             st.integers(min_value=6, max_value=12), st.integers(min_value=3, max_value=5),
                             st.sampled_from(["morning", "afternoon", "evening"])), min_size=1, max_size=40),
    attendance=st.fractions(min_value=0, max_value=1, max_denominator=1000),
)
def test_a_cohort_attends_the_rate_times_its_program_days(plans, attendance):
    """The cohort total equals the rate times the program days, to within half a day a patient (each course
    attends round-half-to-even(rate x its program days)), the intake day is attended whenever a day is, and the
    single-patient scenario bills the same days. Charges at one cent a day count the days."""
    starts, weeks, days, tracks = (list(column) for column in zip(*plans))
    common = dict(per_diem_cents=1, coinsurance_bp=0, out_of_pocket_max_cents=10**12, track=tracks)
    every = iop.estimate_costs(starts, weeks, days, **common)["charges_cents"]
    attended = iop.estimate_costs(starts, weeks, days, attendance=attendance, **common)["charges_cents"]
    total, scheduled = int(attended.sum()), int(every.sum())
    assert abs(total - attendance * scheduled) <= fractions.Fraction(len(plans), 2)
    for start, week_count, day_count, track, full, part in zip(starts, weeks, days, tracks, every, attended):
        exact = attendance * int(full)
        assert abs(int(part) - exact) <= fractions.Fraction(1, 2)
        if abs(int(part) - exact) == fractions.Fraction(1, 2):
            assert int(part) % 2 == 0  # a tie goes to the even count
    start, week_count, day_count, track = plans[0]
    plan = iop.TreatmentPlan.from_dict({
        "id": "h", "patient_id": "p", "diagnoses": {"primary": "F33.1"}, "level_of_care": "IOP",
        "program": "la-depression-iop", "start_date": start, "weeks": week_count, "days_per_week": day_count,
        "track": track, "payer": "commercial"})
    coverage = iop.Coverage.from_dict({"payer": "commercial", "deductible": {"individual": "0.00"},
                                       "coinsurance": "0%", "out_of_pocket_max": {"individual": "10000.00"}})
    scenario = iop.estimate_scenario(plan, coverage, iop.FeeSchedule.per_diem("f", "0.01"), attendance=attendance)
    days_billed = sorted({line["date"] for line in scenario.lines if line["kind"] == "program_day"})
    assert len(days_billed) == int(attended[0])
    first_day = iop.build_calendar(plan)[0].date.isoformat()
    assert (first_day in days_billed) == (int(attended[0]) > 0)
