"""Analyst-grade Python: every input that used to be silently wrong, or refused with the wrong exception.

One test per case; each failed before these fixes. The expected figures are worked out in the comments.
"""

import datetime
import decimal
import fractions
import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import iop
import iop.parity as parity

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = decimal.Decimal


def assert_named(error, field):
    """Every iop.Error carries its four parts, and names the input's own field."""
    for part in ("field", "value", "problem", "allowed"):
        assert isinstance(getattr(error, part), str), part
    assert error.field == field
    assert error.problem and error.allowed


# --- Money times an exact multiplier ---------------------------------------------------------

@pytest.mark.parametrize("multiplier, expected", [
    (D("0.2"), "$20.00"),              # was $0.00: the Decimal was truncated to 0
    (D("2.9"), "$290.00"),             # was $200.00
    (fractions.Fraction(1, 3), "$33.33"),   # 33.333... rounds down
    (fractions.Fraction(2, 3), "$66.67"),   # 66.666... rounds up
    (D("0.00005"), "$0.01"),           # 0.5 cent: halves away from zero
    (D("-0.00005"), "-$0.01"),
    (np.int64(3), "$300.00"),
])
def test_money_times_decimal_fraction_and_numpy_is_exact(multiplier, expected):
    assert iop.Money("$100") * multiplier == iop.Money(expected)
    assert multiplier * iop.Money("$100") == iop.Money(expected)


@pytest.mark.parametrize("multiplier", [np.float64(2.9), np.float32(2.9), 2.9, True, np.bool_(True), "20%", "2"])
def test_money_times_a_float_bool_or_text_names_the_allowed_types(multiplier):
    with pytest.raises(TypeError, match="int, a numpy integer, an iop.Rate, a decimal.Decimal or a fractions.Fraction"):
        iop.Money("$100") * multiplier


# --- aggregate_claims -------------------------------------------------------------------------

def test_claims_with_float_levels_or_payments_are_refused():
    # A level of 35.7 used to become '0.35' (read as cents), a coinsurance of 0.2 became '0%'.
    with pytest.raises(TypeError, match="claims.level"):
        parity.aggregate_claims(["outpatient_in_network"], ["copay"], [35.7], [100_00])
    with pytest.raises(TypeError, match="claims.level"):
        parity.aggregate_claims(["outpatient_in_network"], ["coinsurance"], [0.2], [100_00])
    with pytest.raises(TypeError, match="claims.payment_cents"):
        parity.aggregate_claims(["outpatient_in_network"], ["copay"], [3500], [100.5])


def test_claims_with_a_negative_payment_are_refused_by_row():
    with pytest.raises(iop.ValidationError) as info:
        parity.aggregate_claims(["outpatient_in_network"] * 2, ["copay"] * 2, [3500, 2000], [100_00, -5])
    assert_named(info.value, "claims.payment[1]")
    assert info.value.value == "-$0.05"


def test_claims_in_explicit_units_are_exact():
    # $35.00 copay (3,500 cents) on a $100.00 claim, and the same claim paid in Decimal dollars.
    by_cents = parity.aggregate_claims(["outpatient_in_network"], ["copay"], [3500], [10000])
    by_money = parity.aggregate_claims(["outpatient_in_network"], ["copay"], [3500], payment=[D("100.00")])
    assert by_cents == by_money
    assert by_cents[0]["medical_surgical"][0] == {"type": "copay", "level": "35.00", "payments": "100.00"}


# --- estimate_costs: units say themselves -----------------------------------------------------

def test_bare_integers_for_money_or_rates_are_refused():
    # deductible=1500 was read as $15.00, coinsurance=20 as 0.20 %.
    with pytest.raises(TypeError, match="deductible: a bare integer"):
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300.00", deductible=1500, coinsurance="20%",
                           out_of_pocket_max="3000.00")
    with pytest.raises(TypeError, match="coinsurance: a Rate is never built from a bare number"):
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300.00", deductible="1500.00", coinsurance=20,
                           out_of_pocket_max="3000.00")


def test_every_unit_spelling_gives_the_same_estimate():
    # Program A, 8 weeks x 4 days from 2026-06-29 less July 3: 31 days x $300 = $9,300;
    # $500 deductible + 20% of $8,800 = $2,260.
    forms = [
        dict(per_diem="300.00", deductible="500.00", coinsurance="20%", out_of_pocket_max="3000"),
        dict(per_diem=iop.Money("$300"), deductible=D("500"), coinsurance=D("0.2"), out_of_pocket_max=D("3000.00")),
        dict(per_diem_cents=30000, deductible_cents=50000, coinsurance_bp=2000, out_of_pocket_max_cents=300000),
        dict(per_diem=[D("300")], deductible=["500.00"], coinsurance=[fractions.Fraction(1, 5)],
             out_of_pocket_max=np.array([iop.Money("3000")], dtype=object)),
    ]
    for form in forms:
        out = iop.estimate_costs(["2026-06-29"], 8, 4, track="morning", **form)
        assert out["charges_cents"].tolist() == [930000]
        assert out["patient_cents"].tolist() == [226000]
    with pytest.raises(TypeError, match="not both"):
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300", per_diem_cents=30000, out_of_pocket_max="3000")


# --- rule_set takes dates ---------------------------------------------------------------------

@pytest.mark.parametrize("start", ["2026-01-01", datetime.date(2026, 1, 1), np.datetime64("2026-01-01"),
                                   pd.Timestamp("2026-01-01")])
def test_rule_set_accepts_dates(start):
    # Was "date: not-a-date is not a calendar date" for any input.
    provisions = parity.rule_set(start)
    assert [p["applies"] for p in provisions] == [True, True, True, True, True]
    assert provisions[3]["enforced"] is False  # the 2024 rule's new provisions: May 15, 2025 non-enforcement


# --- the attended basis needs a cut-off -------------------------------------------------------

def test_attended_basis_without_a_cut_off_is_refused():
    plan = iop.TreatmentPlan.from_dict(json.loads((ROOT / "examples" / "plan.json").read_text()))
    calendar = iop.build_calendar(plan)
    with pytest.raises(iop.ValidationError) as info:  # was $0.00, no warning
        iop.estimate_cost(calendar, iop.Coverage.self_pay(), basis="attended")
    assert_named(info.value, "as_of")


def test_attended_basis_prices_the_future_as_scheduled_and_lists_the_unmarked_past():
    # examples/plan.json: Program A's evening group, Monday/Wednesday/Friday... from 2026-03-02, 8 weeks,
    # $300 a day self-pay. Attended 03-02, missed 03-04; cut-off 03-09: the program days from 03-09 on are
    # priced as scheduled, 03-02 is charged, 03-04 is not, 03-06 (unmarked) is not and is listed.
    plan = iop.TreatmentPlan.from_dict(json.loads((ROOT / "examples" / "plan.json").read_text()))
    events = [{"kind": "attendance", "date": "2026-03-02", "status": "attended"},
              {"kind": "attendance", "date": datetime.date(2026, 3, 4), "status": "missed"}]
    calendar = iop.build_calendar(plan, events=events)
    future = [s for s in calendar if s.kind == "program_day" and s.date >= datetime.date(2026, 3, 9)]
    estimate = iop.estimate_cost(calendar, iop.Coverage.self_pay(), basis="attended", as_of="2026-03-09")
    assert estimate.charges == iop.Money("$300") * (len(future) + 1)
    assert "2026-03-06 program_day" in estimate.warnings[-1]
    assert "no attendance recorded before 2026-03-09" in estimate.warnings[-1]


# --- build_calendars: dates exactly --------------------------------------------------------

def test_aware_start_timestamps_are_refused_not_converted_to_utc():
    # 20:00 in Los Angeles on 2026-03-02 used to become 2026-03-03 (its UTC date).
    aware = pd.Series([pd.Timestamp("2026-03-02 20:00", tz="America/Los_Angeles")])
    with pytest.raises(iop.ValidationError) as info:
        iop.build_calendars(aware, 8, 4)
    assert_named(info.value, "start_dates")
    with pytest.raises(iop.ValidationError) as info:
        iop.build_calendars([pd.Timestamp("2026-03-02 20:00", tz="America/Los_Angeles")], 8, 4)
    assert_named(info.value, "start_dates[0]")
    with pytest.raises(iop.ValidationError, match="time of day"):
        iop.build_calendars(pd.to_datetime(["2026-03-02 20:00"]), 8, 4)
    naive = iop.build_calendars(aware.dt.tz_localize(None).dt.normalize(), 8, 4)
    assert str(naive["date"][0]) == "2026-03-02"


def test_an_impossible_start_date_names_its_position():
    with pytest.raises(iop.ValidationError) as info:  # was numpy's ValueError
        iop.build_calendars(["2026-03-02", "2026-02-30"], 8, 4)
    assert_named(info.value, "start_dates[1]")
    with pytest.raises(iop.ValidationError) as info:  # numpy reads '2026-03' as 2026-03-01
        iop.build_calendars(["2026-03"], 8, 4)
    assert_named(info.value, "start_dates[0]")


@pytest.mark.parametrize("weeks, days, track, field, value", [
    (2**32 + 8, 4, 0, "plans[0].weeks", "4294967304"),        # was read as 8 weeks
    (8, 2**32 + 3, 0, "plans[0].days_per_week", "4294967299"),  # was read as 3 days
    (8, 4, 2**32, "plans[0].track", "4294967296"),            # was read as track 0
])
def test_integers_that_would_wrap_are_refused(weeks, days, track, field, value):
    with pytest.raises(iop.ValidationError) as info:
        iop.build_calendars(["2026-03-02"], weeks, days, track=track)
    assert_named(info.value, field)
    assert info.value.value == value
    with pytest.raises(iop.ValidationError) as info:
        iop.build_calendars(["2026-03-02"], np.array([2**64 - 1], dtype=np.uint64), 4)
    assert_named(info.value, "weeks[0]")


# --- estimate_costs: overflow and narrowing ----------------------------------------------------

def test_a_per_diem_of_2_to_the_63_overflows_by_name():
    # 31 days at 2^63 - 1 cents: charges used to come out as -24.
    with pytest.raises(iop.OverflowError) as info:
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem_cents=2**63 - 1, out_of_pocket_max_cents=2**63 - 1)
    assert_named(info.value, "plans[0].charges")


def test_ten_to_the_15_cents_at_full_coinsurance_is_exact():
    # 31 days x 10^15 cents = 3.1 x 10^16 cents, all paid by the patient at 100% (the patient share used to
    # come out negative: the kernel overflowed 10^15 x 10^4 in an intermediate product).
    out = iop.estimate_costs(["2026-06-29"], 8, 4, per_diem_cents=10**15, coinsurance="100%",
                             out_of_pocket_max_cents=4 * 10**18)
    assert out["charges_cents"].tolist() == [31 * 10**15]
    assert out["patient_cents"].tolist() == [31 * 10**15]
    assert out["plan_cents"].tolist() == [0]


def test_values_that_would_wrap_in_narrow_types_name_the_parameter():
    # 256 used to wrap to 0 (uint8) and 70000 to 4464 (int16), or raise numpy's OverflowError.
    with pytest.raises(iop.ValidationError) as info:
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300", out_of_pocket_max="3000", copay_before_deductible=256)
    assert_named(info.value, "copay_before_deductible")
    with pytest.raises(iop.ValidationError) as info:
        iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300", out_of_pocket_max="3000", plan_year_start=70000)
    assert_named(info.value, "plan_year_start")


# --- Money from a huge Decimal -------------------------------------------------------------------

def test_money_from_a_huge_decimal_is_an_iop_overflow():
    with pytest.raises(iop.OverflowError) as info:  # was decimal.Overflow
        iop.Money(D("1e999999"))
    assert_named(info.value, "amount")
    with pytest.raises(iop.ValidationError, match="whole number of cents"):
        iop.Money(D("1e-999999"))
    # A Decimal longer than the context's 28 digits is read exactly, not rounded into whole cents.
    with pytest.raises(iop.ValidationError, match="whole number of cents"):
        iop.Money(D("0.1000000000000000000000000000001"))


# --- documents with native values -----------------------------------------------------------------

def test_plans_from_dicts_with_numpy_and_date_values():
    document = json.loads((ROOT / "examples" / "plan.json").read_text())
    native = dict(document, weeks=np.int64(8), days_per_week=np.int32(3), start_date=datetime.date(2026, 3, 2))
    assert iop.TreatmentPlan.from_dict(native) == iop.TreatmentPlan.from_dict(document)
    stamp = dict(document, start_date=pd.Timestamp("2026-03-02"))
    assert iop.TreatmentPlan.from_dict(stamp).start_date == datetime.date(2026, 3, 2)
    with pytest.raises(TypeError) as info:
        iop.TreatmentPlan.from_dict(dict(document, weeks=object()))
    assert "Traceback" not in str(info.value) and "plan.weeks" in str(info.value)
    with pytest.raises(iop.ValidationError) as error:
        iop.TreatmentPlan.from_dict(dict(document, start_date=pd.Timestamp("2026-03-02", tz="UTC")))
    assert_named(error.value, "plan.start_date")
    with pytest.raises(iop.ValidationError) as error:
        iop.TreatmentPlan.from_dict(dict(document, weeks=float("nan")))
    assert_named(error.value, "plan.weeks")


# --- errors raised by the Python layer carry all four parts -------------------------------------

def test_python_layer_errors_carry_field_value_problem_allowed():
    plan = iop.TreatmentPlan.from_dict(json.loads((ROOT / "examples" / "plan.json").read_text()))
    estimate = iop.estimate_cost(iop.build_calendar(plan), iop.Coverage.self_pay())
    report = parity.analyse(json.loads((ROOT / "examples" / "design.json").read_text()))
    cases = [
        (lambda: iop.build_calendars([["2026-03-02"]], 8, 4), "start_dates"),
        (lambda: iop.build_calendars(["2026-03-02", "2026-03-09"], [8, 8, 8], 4), "weeks"),
        (lambda: iop.build_calendars(["2026-03-02"], 8, 4, track="night"), "track[0]"),
        (lambda: iop.estimate_costs(["2026-06-29"], 8, 4, per_diem="300", out_of_pocket_max="3000",
                                    attended=[True, 2]), "attended[1]"),
        (lambda: estimate.to_pandas("days"), "table"),
        (lambda: parity.aggregate_claims([9], [1], [3500], [100]), "claims.classification[0]"),
        (lambda: parity.aggregate_claims(["dental"], [1], [3500], [100]), "claims.classification[0]"),
        (lambda: parity.report_to_pandas(report, "shares"), "table"),
        (lambda: iop.schema("nonsense"), "name"),
    ]
    for call, field in cases:
        with pytest.raises(iop.Error) as info:
            call()
        assert_named(info.value, field)
