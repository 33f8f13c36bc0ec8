"""Money, Rate, dates and errors through the Python bindings.

Expected values are worked out by hand in the comments.
"""

import copy
import datetime
import decimal
import fractions
import pickle

import numpy as np
import pytest

import iop


# --- the package -------------------------------------------------------------

def test_version_has_one_source():
    import importlib.metadata

    assert iop.__version__ == importlib.metadata.version("iop")
    assert iop.__version__.count(".") == 2


def test_errors_are_value_errors_with_their_standard_category():
    assert issubclass(iop.Error, ValueError)
    assert issubclass(iop.ValidationError, iop.Error)
    assert issubclass(iop.NotFoundError, LookupError)
    assert issubclass(iop.NotFoundError, iop.Error)
    assert issubclass(iop.OverflowError, OverflowError)
    assert issubclass(iop.OverflowError, ValueError)


# --- Money -------------------------------------------------------------------

@pytest.mark.parametrize(
    "text, cents",
    [("$1,234.56", 123456), ("-0.05", -5), ("1234", 123400), ("-$5", -500), ("$259.13", 25913)],
)
def test_money_from_text(text, cents):
    assert iop.Money(text).cents == cents


def test_money_formats_back_identically():
    assert str(iop.Money("$1,234.56")) == "$1,234.56"
    assert repr(iop.Money("$1,234.56")) == "Money('$1,234.56')"
    assert iop.Money("-0.05").plain() == "-0.05"
    assert str(iop.Money("-0.05")) == "-$0.05"


def test_money_from_cents_and_decimal_never_a_bare_int():
    # A bare integer does not say dollars or cents: refused, as every money parameter refuses it.
    with pytest.raises(TypeError, match="does not say dollars or cents"):
        iop.Money(123456)
    assert iop.Money.from_cents(123456) == iop.Money("$1,234.56")
    assert iop.Money(decimal.Decimal("1234.56")).cents == 123456
    assert iop.Money(decimal.Decimal("1E+2")).cents == 10000
    assert iop.Money("12.30").to_decimal() == decimal.Decimal("12.30")
    assert iop.Money.from_dollars(7).cents == 700


def test_money_never_from_float():
    with pytest.raises(TypeError, match="float"):
        iop.Money(1.5)
    with pytest.raises(TypeError):
        iop.Money(True)
    with pytest.raises(TypeError):
        iop.Money(None)
    with pytest.raises(TypeError):
        iop.Money("1.00") * 1.5


@pytest.mark.parametrize("bad", ["1.234", "abc", "1,23", "", "$-5"])
def test_money_bad_text_names_the_value(bad):
    with pytest.raises(iop.ValidationError) as info:
        iop.Money(bad)
    assert f"'{bad}'" in str(info.value)
    assert info.value.field == "amount"


def test_money_decimal_with_fraction_of_a_cent_is_refused():
    with pytest.raises(iop.ValidationError, match="not a whole number of cents"):
        iop.Money(decimal.Decimal("0.125"))
    with pytest.raises(iop.ValidationError):
        iop.Money(decimal.Decimal("NaN"))


def test_money_arithmetic_by_hand():
    per_diem = iop.Money("$259.13")
    assert per_diem * 3 == iop.Money("$777.39")
    assert 36 * per_diem == iop.Money("$9,328.68")  # 259.13 * 36
    assert per_diem + iop.Money("0.87") == iop.Money("260")
    assert per_diem - iop.Money("300") == iop.Money("-40.87")
    assert -per_diem == iop.Money.from_cents(-25913)
    # 20% of $777.39 = $155.478, rounded to the nearest cent
    assert iop.Money("777.39") * iop.Rate("20%") == iop.Money("155.48")
    assert iop.Rate("20%") * iop.Money("777.39") == iop.Money("155.48")
    # half a cent rounds away from zero, in both directions
    assert iop.Money("0.01").apply(iop.Rate("50%")) == iop.Money("0.01")
    assert iop.Money("-0.01").apply(iop.Rate("50%")) == iop.Money("-0.01")
    assert iop.Money("1.00") * iop.Rate.fraction(2, 3) == iop.Money("0.67")
    assert iop.Money("1") < iop.Money("1.01")
    assert not iop.Money("0")
    assert len({iop.Money("1"), iop.Money.from_cents(100)}) == 1


def test_money_overflow_raises_never_wraps():
    top = iop.Money.from_cents(2**63 - 1)
    with pytest.raises(iop.OverflowError):
        top + iop.Money("0.01")
    with pytest.raises(OverflowError):
        top * 2
    with pytest.raises(iop.ValidationError):
        iop.Money.from_cents(2**63)
    with pytest.raises(iop.OverflowError):
        iop.Money("92233720368547758.08")


def test_money_pickles_and_copies():
    m = iop.Money("$1,234.56")
    assert pickle.loads(pickle.dumps(m)) == m
    assert copy.deepcopy(m) == m
    with pytest.raises(iop.ValidationError):
        iop.Money.__new__(iop.Money).__setstate__((99, 5))


# --- Rate --------------------------------------------------------------------

def test_rate_forms():
    assert iop.Rate("20%") == iop.Rate(decimal.Decimal("0.2")) == iop.Rate.percent(20) == iop.Rate.basis_points(2000)
    assert iop.Rate("1/5") == iop.Rate("20%")
    with pytest.raises(iop.ValidationError, match="does not say percent or fraction"):
        iop.Rate("0.2")  # 20%, or 0.2%?
    assert iop.Rate(decimal.Decimal("0.125")) == iop.Rate("12.5%")
    assert iop.Rate(fractions.Fraction(1, 3)).to_fraction() == fractions.Fraction(1, 3)
    assert str(iop.Rate("12.5%")) == "12.5%"
    assert repr(iop.Rate.fraction(1, 3)) == "Rate('1/3')"
    assert iop.Rate.fraction(1, 3) < iop.Rate("34%")
    assert pickle.loads(pickle.dumps(iop.Rate("1/3"))) == iop.Rate("1/3")


def test_rate_refuses_floats_and_negatives():
    with pytest.raises(TypeError):
        iop.Rate(0.2)
    with pytest.raises(TypeError):
        iop.Rate(20)
    with pytest.raises(iop.ValidationError) as info:
        iop.Rate("-5%")
    assert "'-5%'" in str(info.value)


# --- dates -------------------------------------------------------------------

def test_invalid_date_names_the_value():
    with pytest.raises(iop.ValidationError) as info:
        iop.parse_date("2026-02-30")
    assert "2026-02-30" in str(info.value)
    assert info.value.value == "'2026-02-30'"
    assert "YYYY-MM-DD" in info.value.allowed


def test_parse_date_returns_datetime_date():
    assert iop.parse_date("2024-02-29") == datetime.date(2024, 2, 29)


def test_local_time_from_datetime_and_numpy_and_text():
    zone = iop.TimeZone("America/Chicago")
    naive = datetime.datetime(2026, 1, 15, 13, 0)
    assert zone.to_utc(naive) == datetime.datetime(2026, 1, 15, 19, 0, tzinfo=datetime.timezone.utc)
    assert zone.to_utc("2026-01-15T13:00") == zone.to_utc(naive)
    with pytest.raises(iop.ValidationError, match="carries a time zone"):
        zone.to_utc(naive.replace(tzinfo=datetime.timezone.utc))
    with pytest.raises(iop.ValidationError, match="naive"):
        zone.to_local(naive)


def test_date_caster_round_trips_datetime_date():
    for day in [datetime.date(2026, 1, 5), datetime.date(2024, 2, 29), datetime.date(2100, 12, 31)]:
        t = iop.ZonedTime.at(day, "18:00", "America/Los_Angeles")
        assert t.date == day
        assert type(t.date) is datetime.date


def test_date_caster_accepts_numpy_datetime64_days_and_iso_text():
    t = iop.ZonedTime.at(np.datetime64("2026-03-09"), "18:00", "America/Los_Angeles")
    assert t.date == datetime.date(2026, 3, 9)
    assert iop.ZonedTime.at("2026-03-09", "18:00", "America/Los_Angeles") == t
    with pytest.raises(iop.ValidationError, match="has a time of day"):
        iop.ZonedTime.at(np.datetime64("2026-03-09T10:00"), "18:00", "America/Los_Angeles")
    assert iop.ZonedTime.at(np.datetime64("2026-03-09T00:00:00"), "18:00", "America/Los_Angeles") == t
    with pytest.raises(iop.ValidationError, match="NaT"):
        iop.ZonedTime.at(np.datetime64("NaT", "D"), "18:00", "America/Los_Angeles")
    with pytest.raises(iop.ValidationError, match="2026-02-30"):
        iop.ZonedTime.at("2026-02-30", "18:00", "America/Los_Angeles")
    with pytest.raises(iop.ValidationError, match="time of day"):  # a time is never silently cut off
        iop.ZonedTime.at(datetime.datetime(2026, 3, 9, 10, 0), "18:00", "America/Los_Angeles")
    assert iop.ZonedTime.at(datetime.datetime(2026, 3, 9), "18:00", "America/Los_Angeles") == t  # midnight: a date
