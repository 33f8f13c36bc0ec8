"""An analyst's bad-input table: columns from numpy, pandas, polars, pyarrow and duckdb, each taken exactly or
refused by name (docs/python.md, "Columns").

Every case gives a column of two rows to a public cohort function. An accepted column must give exactly what
the same values give as a plain list (the reference); a refused one must raise the named error: a missing
value names its row (``weeks[1]: ... is missing``), never a dtype; a wrong kind is a TypeError naming the
parameter; a bad value of a right kind names ``parameter[row]``.
"""

import datetime
import decimal
import fractions

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import iop
import iop.parity as parity
import iop.plot

D = decimal.Decimal
TWO = ["2026-03-02", "2026-03-09"]
DATES = [datetime.date(2026, 3, 2), datetime.date(2026, 3, 9)]
BIG_OOP = "90000.00"


def probe_dates(column):
    return iop.build_calendars(column, 6, 3)["date"]


def probe_weeks(column):
    return iop.build_calendars(TWO, column, 3)["date"]


def probe_days(column):
    return iop.build_calendars(TWO, 6, column)["date"]


def probe_per_diem(column):
    return iop.estimate_costs(TWO, 6, 3, per_diem=column, out_of_pocket_max=BIG_OOP)["charges_cents"]


def probe_per_diem_cents(column):
    return iop.estimate_costs(TWO, 6, 3, per_diem_cents=column, out_of_pocket_max=BIG_OOP)["charges_cents"]


def probe_coinsurance(column):
    return iop.estimate_costs(TWO, 6, 3, per_diem="300.00", coinsurance=column,
                              out_of_pocket_max=BIG_OOP)["patient_cents"]


def probe_attendance(column):
    return iop.estimate_costs(TWO, 6, 3, per_diem="300.00", attendance=column,
                              out_of_pocket_max=BIG_OOP)["charges_cents"]


def probe_copay_first(column):
    return iop.estimate_costs(TWO, 6, 3, per_diem="300.00", deductible="500.00", copay="20.00",
                              copay_before_deductible=column, out_of_pocket_max=BIG_OOP)["patient_cents"]


def probe_track(column):
    return iop.build_calendars(TWO, 6, 3, track=column)["local_start"]


def probe_level(column):
    return parity.claims_aggregate(["outpatient_in_network"] * 2, ["copay", "copay"], column,
                                   [100_00, 300_00]).classifications()


def probe_payment(column):
    return parity.claims_aggregate(["outpatient_in_network"] * 2, ["copay", "copay"], [35_00, 0],
                                   payment=column).classifications()


def probe_costs(column):
    return iop.plot.nearest_rank(column, 90)


PROBES = {
    "start_dates": probe_dates, "weeks": probe_weeks, "days_per_week": probe_days, "per_diem": probe_per_diem,
    "per_diem_cents": probe_per_diem_cents, "coinsurance": probe_coinsurance, "attendance": probe_attendance,
    "copay_before_deductible": probe_copay_first, "track": probe_track, "claims.level": probe_level,
    "claims.payment": probe_payment, "costs": probe_costs,
}


def chunked(values, type=None):
    return pa.chunked_array([pa.array(values[:1], type), pa.array(values[1:], type)])


def duck(values, type):
    """A one-column duckdb result (read through the Arrow PyCapsule stream)."""
    return duckdb.from_arrow(pa.table({"x": pa.array(values, type)}))


def ok(reference):
    return ("ok", reference)


def missing(row):
    return ("missing", row)


def refused(kind, *text):
    return (kind, text)


# (id, parameter, column, expectation). "ok" compares with the reference list; "missing" expects
# ValidationError '<parameter>[row]' 'is missing'; "type" a TypeError naming the parameter; "row" an iop.Error
# naming '<parameter>[<row>]' with the text; "zone" a ValidationError naming the column and its zone.
CASES = [
    # ---- dates ---------------------------------------------------------------------------------------
    ("np-date-D", "start_dates", np.array(TWO, dtype="datetime64[D]"), ok(TWO)),
    ("np-date-ns", "start_dates", np.array(TWO, dtype="datetime64[ns]"), ok(TWO)),
    ("np-date-s", "start_dates", np.array(TWO, dtype="datetime64[s]"), ok(TWO)),
    ("np-timed", "start_dates", np.array(["2026-03-02", "2026-03-09T16:00"], dtype="datetime64[m]"),
     refused("row", 1, "has a time of day")),
    ("np-nat", "start_dates", np.array(["2026-03-02", "NaT"], dtype="datetime64[D]"), missing(1)),
    ("np-text", "start_dates", np.array(TWO), ok(TWO)),
    ("np-text-impossible", "start_dates", np.array(["2026-03-02", "2026-02-30"]), refused("row", 1, "")),
    ("np-text-short", "start_dates", np.array(["2026-03-02", "2026-03"]), refused("row", 1, "")),
    ("list-dates", "start_dates", DATES, ok(TWO)),
    ("list-none", "start_dates", [DATES[0], None], missing(1)),
    ("list-nan", "start_dates", [DATES[0], float("nan")], missing(1)),
    ("list-mixed", "start_dates", [DATES[0], "2026-03-09"], ok(TWO)),
    ("list-int", "start_dates", [20260302, 20260309], refused("type")),
    ("pd-ns", "start_dates", pd.Series(pd.to_datetime(TWO)), ok(TWO)),
    ("pd-nat", "start_dates", pd.Series(pd.to_datetime([TWO[0], None])), missing(1)),
    ("pd-tz", "start_dates", pd.Series(pd.to_datetime(TWO)).dt.tz_localize("America/Los_Angeles"),
     refused("zone")),
    ("pd-object-dates", "start_dates", pd.Series(DATES, dtype=object), ok(TWO)),
    ("pd-object-none", "start_dates", pd.Series([DATES[0], None], dtype=object), missing(1)),
    ("pd-object-timestamp-timed", "start_dates",
     pd.Series([pd.Timestamp("2026-03-02"), pd.Timestamp("2026-03-09 16:00")], dtype=object),
     refused("row", 1, "has a time of day")),
    ("pd-string", "start_dates", pd.Series(TWO, dtype="string"), ok(TWO)),
    ("pd-string-na", "start_dates", pd.Series([TWO[0], None], dtype="string"), missing(1)),
    ("pd-string-pyarrow", "start_dates", pd.Series(TWO, dtype="string[pyarrow]"), ok(TWO)),
    ("pd-arrow-date", "start_dates", pd.Series(DATES, dtype=pd.ArrowDtype(pa.date32())), ok(TWO)),
    ("pd-arrow-date-null", "start_dates", pd.Series([DATES[0], None], dtype=pd.ArrowDtype(pa.date32())),
     missing(1)),
    ("pd-arrow-timestamp-tz", "start_dates",
     pd.Series(pd.to_datetime(TWO), dtype=pd.ArrowDtype(pa.timestamp("us", "UTC"))), refused("zone")),
    ("pd-category", "start_dates", pd.Series(TWO, dtype="category"), ok(TWO)),
    ("pd-category-nan", "start_dates", pd.Series([TWO[0], None], dtype="category"), missing(1)),
    ("pd-category-bad", "start_dates", pd.Series(["2026-03-02", "2026-13-01"], dtype="category"),
     refused("row", 1, "")),
    ("pd-int", "start_dates", pd.Series([1, 2]), refused("type")),
    ("pd-float-nan", "start_dates", pd.Series([1.0, np.nan]), missing(1)),
    ("pl-date", "start_dates", pl.Series(DATES), ok(TWO)),
    ("pl-date-null", "start_dates", pl.Series([DATES[0], None], dtype=pl.Date), missing(1)),
    ("pl-datetime-midnight", "start_dates", pl.Series([datetime.datetime(2026, 3, 2), datetime.datetime(2026, 3, 9)]),
     ok(TWO)),
    ("pl-datetime-timed", "start_dates",
     pl.Series([datetime.datetime(2026, 3, 2), datetime.datetime(2026, 3, 9, 16)]), refused("row", 1, "time of day")),
    ("pl-datetime-tz", "start_dates",
     pl.Series([datetime.datetime(2026, 3, 2, 16), datetime.datetime(2026, 3, 9, 16)]).dt.replace_time_zone(
         "America/Los_Angeles"), refused("zone")),
    ("pl-string", "start_dates", pl.Series(TWO), ok(TWO)),
    ("pl-string-null", "start_dates", pl.Series([TWO[0], None]), missing(1)),
    ("pl-categorical", "start_dates", pl.Series(TWO, dtype=pl.Categorical), ok(TWO)),
    ("pl-int", "start_dates", pl.Series([1, 2]), refused("type")),
    ("pa-date32", "start_dates", pa.array(DATES), ok(TWO)),
    ("pa-date64", "start_dates", pa.array(DATES, pa.date64()), ok(TWO)),
    ("pa-date-null", "start_dates", pa.array([DATES[0], None]), missing(1)),
    ("pa-timestamp", "start_dates", pa.array([datetime.datetime(2026, 3, 2), datetime.datetime(2026, 3, 9)]),
     ok(TWO)),
    ("pa-timestamp-tz", "start_dates", pa.array([datetime.datetime(2026, 3, 2)] * 2, pa.timestamp("ns", "UTC")),
     refused("zone")),
    ("pa-string", "start_dates", pa.array(TWO), ok(TWO)),
    ("pa-large-string", "start_dates", pa.array(TWO, pa.large_string()), ok(TWO)),
    ("pa-string-bad", "start_dates", pa.array([TWO[0], "02/03/2026"]), refused("row", 1, "")),
    ("pa-dictionary", "start_dates", pa.array(TWO).dictionary_encode(), ok(TWO)),
    ("pa-chunked", "start_dates", chunked(DATES), ok(TWO)),
    ("pa-int", "start_dates", pa.array([1, 2]), refused("type")),
    ("pa-duration", "start_dates", pa.array([1, 2], pa.duration("s")), refused("type")),
    ("duckdb-date", "start_dates", duck(DATES, pa.date32()), ok(TWO)),
    ("duckdb-null", "start_dates", duck([DATES[0], None], pa.date32()), missing(1)),
    # ---- counts (weeks, days a week) ------------------------------------------------------------------
    ("np-int64", "weeks", np.array([6, 8]), ok([6, 8])),
    ("np-int8", "weeks", np.array([6, 8], dtype=np.int8), ok([6, 8])),
    ("np-uint16", "weeks", np.array([6, 8], dtype=np.uint16), ok([6, 8])),
    ("np-uint64-huge", "weeks", np.array([6, 2**64 - 1], dtype=np.uint64), refused("row", 1, "out of range")),
    ("np-float", "weeks", np.array([6.0, 8.0]), refused("type", "floats are not exact")),
    ("np-float-nan", "weeks", np.array([6.0, np.nan]), missing(1)),
    ("np-bool", "weeks", np.array([True, False]), refused("type")),
    ("np-text", "weeks", np.array(["6", "8"]), refused("type")),
    ("list-ints", "weeks", [6, 8], ok([6, 8])),
    ("list-none", "weeks", [6, None], missing(1)),
    ("list-decimal", "weeks", [D("6"), D("8")], ok([6, 8])),
    ("list-decimal-half", "weeks", [D("6"), D("8.5")], refused("row", 1, "not a whole number")),
    ("list-fraction", "weeks", [fractions.Fraction(12, 2), 8], ok([6, 8])),
    ("list-float", "weeks", [6, 8.0], refused("type")),
    ("list-bool", "weeks", [6, True], refused("type")),
    ("pd-int64", "weeks", pd.Series([6, 8]), ok([6, 8])),
    ("pd-Int64", "weeks", pd.Series([6, 8], dtype="Int64"), ok([6, 8])),
    ("pd-Int64-na", "weeks", pd.Series([6, None], dtype="Int64"), missing(1)),
    ("pd-float-after-merge", "weeks", pd.Series([6, None]), missing(1)),
    ("pd-float", "weeks", pd.Series([6.0, 8.0]), refused("type")),
    ("pd-arrow-int", "weeks", pd.Series([6, 8], dtype="int64[pyarrow]"), ok([6, 8])),
    ("pd-arrow-int-null", "weeks", pd.Series([6, None], dtype="int64[pyarrow]"), missing(1)),
    ("pd-category-int", "weeks", pd.Series([6, 8], dtype="category"), ok([6, 8])),
    ("pd-object-mixed", "weeks", pd.Series([6, "8"], dtype=object), refused("type")),
    ("pd-boolean", "weeks", pd.Series([True, False], dtype="boolean"), refused("type")),
    ("pl-int64", "weeks", pl.Series([6, 8]), ok([6, 8])),
    ("pl-uint8", "weeks", pl.Series([6, 8], dtype=pl.UInt8), ok([6, 8])),
    ("pl-null", "weeks", pl.Series([6, None]), missing(1)),
    ("pl-float", "weeks", pl.Series([6.0, 8.0]), refused("type")),
    ("pl-float-nan", "weeks", pl.Series([6.0, float("nan")]), missing(1)),
    ("pl-decimal", "weeks", pl.Series([D("6"), D("8")], dtype=pl.Decimal(10, 0)), ok([6, 8])),
    ("pl-string", "weeks", pl.Series(["6", "8"]), refused("type")),
    ("pa-int32", "weeks", pa.array([6, 8], pa.int32()), ok([6, 8])),
    ("pa-null", "weeks", pa.array([6, None]), missing(1)),
    ("pa-decimal-whole", "weeks", pa.array([D("6.00"), D("8.00")]), ok([6, 8])),
    ("pa-decimal-half", "weeks", pa.array([D("6.00"), D("8.50")]), refused("row", 1, "decimal places")),
    ("pa-chunked", "weeks", chunked([6, 8]), ok([6, 8])),
    ("pa-bool", "weeks", pa.array([True, False]), refused("type")),
    ("duckdb-int", "weeks", duck([6, 8], pa.int64()), ok([6, 8])),
    ("np-days", "days_per_week", np.array([3, 5]), ok([3, 5])),
    ("pd-days-na", "days_per_week", pd.Series([3, None], dtype="Int64"), missing(1)),
    ("pl-days", "days_per_week", pl.Series([3, 5], dtype=pl.Int16), ok([3, 5])),
    # ---- amounts --------------------------------------------------------------------------------------
    ("list-money", "per_diem", [iop.Money("300.00"), iop.Money("250.00")], ok(["300.00", "250.00"])),
    ("list-text", "per_diem", ["300.00", "$250"], ok(["300.00", "250.00"])),
    ("list-decimal", "per_diem", [D("300"), D("250.00")], ok(["300.00", "250.00"])),
    ("list-fraction", "per_diem", [fractions.Fraction(600, 2), D("250")], ok(["300.00", "250.00"])),
    ("list-int", "per_diem", [300, 250], refused("type", "bare integers")),
    ("list-float", "per_diem", [300.0, 250.0], refused("type", "never a float")),
    ("list-none", "per_diem", ["300.00", None], missing(1)),
    ("list-third-cent", "per_diem", ["300.00", D("250.001")], refused("row", 1, "")),
    ("np-int", "per_diem", np.array([30000, 25000]), refused("type", "bare integers")),
    ("np-float", "per_diem", np.array([300.0, 250.0]), refused("type")),
    ("np-float-nan", "per_diem", np.array([300.0, np.nan]), missing(1)),
    ("np-text", "per_diem", np.array(["300.00", "250.00"]), ok(["300.00", "250.00"])),
    ("np-object-decimal", "per_diem", np.array([D("300"), D("250")], dtype=object), ok(["300.00", "250.00"])),
    ("pd-object-decimal", "per_diem", pd.Series([D("300.00"), D("250.00")]), ok(["300.00", "250.00"])),
    ("pd-object-nan", "per_diem", pd.Series([D("300.00"), np.nan]), missing(1)),
    ("pd-arrow-decimal", "per_diem", pd.Series([D("300.00"), D("250.00")], dtype=pd.ArrowDtype(pa.decimal128(10, 2))),
     ok(["300.00", "250.00"])),
    ("pd-string", "per_diem", pd.Series(["300.00", "250.00"], dtype="string"), ok(["300.00", "250.00"])),
    ("pd-string-bad", "per_diem", pd.Series(["300.00", "2 50"], dtype="string"), refused("row", 1, "")),
    ("pd-Int64", "per_diem", pd.Series([30000, 25000], dtype="Int64"), refused("type", "bare integers")),
    ("pd-category", "per_diem", pd.Series(["300.00", "250.00"], dtype="category"), ok(["300.00", "250.00"])),
    ("pl-decimal", "per_diem", pl.Series([D("300.00"), D("250.00")], dtype=pl.Decimal(10, 2)),
     ok(["300.00", "250.00"])),
    ("pl-decimal-null", "per_diem", pl.Series([D("300.00"), None], dtype=pl.Decimal(10, 2)), missing(1)),
    ("pl-string", "per_diem", pl.Series(["300.00", "250.00"]), ok(["300.00", "250.00"])),
    ("pl-int", "per_diem", pl.Series([30000, 25000]), refused("type", "bare integers")),
    ("pl-float", "per_diem", pl.Series([300.0, 250.0]), refused("type")),
    ("pa-decimal", "per_diem", pa.array([D("300.00"), D("250.00")]), ok(["300.00", "250.00"])),
    ("pa-decimal-fine", "per_diem", pa.array([D("300.000"), D("250.005")]), refused("row", 1, "decimal places")),
    ("pa-decimal-exact-fine", "per_diem", pa.array([D("300.000"), D("250.500")]), ok(["300.00", "250.50"])),
    ("pa-decimal256", "per_diem", pa.array([D("300.00"), D("250.00")], pa.decimal256(40, 2)),
     ok(["300.00", "250.00"])),
    ("pa-string", "per_diem", pa.array(["300.00", "250.00"]), ok(["300.00", "250.00"])),
    ("pa-int", "per_diem", pa.array([30000, 25000]), refused("type", "bare integers")),
    ("duckdb-decimal", "per_diem", duck([D("300.00"), D("250.00")], pa.decimal128(10, 2)),
     ok(["300.00", "250.00"])),
    ("np-cents", "per_diem_cents", np.array([30000, 25000]), ok([30000, 25000])),
    ("pd-cents-na", "per_diem_cents", pd.Series([30000, None], dtype="Int64"), missing(1)),
    ("pl-cents", "per_diem_cents", pl.Series([30000, 25000]), ok([30000, 25000])),
    ("pl-cents-float", "per_diem_cents", pl.Series([30000.0, 25000.0]), refused("type")),
    ("pa-cents", "per_diem_cents", pa.array([30000, 25000], pa.int32()), ok([30000, 25000])),
    # ---- rates ----------------------------------------------------------------------------------------
    ("list-rate", "coinsurance", [iop.Rate("20%"), iop.Rate("10%")], ok(["20%", "10%"])),
    ("list-percent", "coinsurance", ["20%", "10%"], ok(["20%", "10%"])),
    ("list-fraction-text", "coinsurance", ["1/5", "1/10"], ok(["20%", "10%"])),
    ("list-bare-text", "coinsurance", ["20%", "10"], refused("row", 1, "does not say percent or fraction")),
    ("list-decimal", "coinsurance", [D("0.2"), D("0.1")], ok(["20%", "10%"])),
    ("list-fraction", "coinsurance", [fractions.Fraction(1, 5), fractions.Fraction(1, 10)], ok(["20%", "10%"])),
    ("list-int", "coinsurance", [20, 10], refused("type", "bare numbers")),
    ("list-float", "coinsurance", [0.2, 0.1], refused("type")),
    ("list-none", "coinsurance", ["20%", None], missing(1)),
    ("np-float", "coinsurance", np.array([0.2, 0.1]), refused("type")),
    ("pd-string", "coinsurance", pd.Series(["20%", "10%"], dtype="string"), ok(["20%", "10%"])),
    ("pd-string-bare", "coinsurance", pd.Series(["20%", "0.1"], dtype="string"), refused("row", 1, "percent")),
    ("pd-category", "coinsurance", pd.Series(["20%", "10%"], dtype="category"), ok(["20%", "10%"])),
    ("pd-float-nan", "coinsurance", pd.Series([0.2, np.nan]), missing(1)),
    ("pl-string", "coinsurance", pl.Series(["20%", "10%"]), ok(["20%", "10%"])),
    ("pl-decimal", "coinsurance", pl.Series([D("0.20"), D("0.10")], dtype=pl.Decimal(5, 2)), ok(["20%", "10%"])),
    ("pl-float", "coinsurance", pl.Series([0.2, 0.1]), refused("type")),
    ("pa-decimal", "coinsurance", pa.array([D("0.2"), D("0.1")]), ok(["20%", "10%"])),
    ("pa-string-null", "coinsurance", pa.array(["20%", None]), missing(1)),
    ("pa-int", "coinsurance", pa.array([2000, 1000]), refused("type", "_bp")),
    ("list-attendance", "attendance", ["85%", "1/2"], ok(["85%", "50%"])),
    ("pl-attendance", "attendance", pl.Series(["85%", "50%"]), ok(["85%", "50%"])),
    ("pd-attendance-bare", "attendance", pd.Series(["85", "50"]), refused("row", 0, "percent")),
    ("pa-attendance-null", "attendance", pa.array(["85%", None]), missing(1)),
    # ---- yes or no --------------------------------------------------------------------------------------
    ("np-bool", "copay_before_deductible", np.array([True, False]), ok([True, False])),
    ("np-01", "copay_before_deductible", np.array([1, 0]), ok([True, False])),
    ("np-2", "copay_before_deductible", np.array([1, 2]), refused("row", 1, "not a yes or no")),
    ("list-bools", "copay_before_deductible", [True, False], ok([True, False])),
    ("list-none", "copay_before_deductible", [True, None], missing(1)),
    ("list-text", "copay_before_deductible", ["yes", "no"], refused("type")),
    ("pd-boolean", "copay_before_deductible", pd.Series([True, False], dtype="boolean"), ok([True, False])),
    ("pd-boolean-na", "copay_before_deductible", pd.Series([True, None], dtype="boolean"), missing(1)),
    ("pd-object-bool-nan", "copay_before_deductible", pd.Series([True, np.nan], dtype=object), missing(1)),
    ("pl-bool", "copay_before_deductible", pl.Series([True, False]), ok([True, False])),
    ("pl-bool-null", "copay_before_deductible", pl.Series([True, None], dtype=pl.Boolean), missing(1)),
    ("pa-bool", "copay_before_deductible", pa.array([True, False]), ok([True, False])),
    ("pa-float", "copay_before_deductible", pa.array([1.0, 0.0]), refused("type")),
    # ---- names (tracks) ---------------------------------------------------------------------------------
    ("list-names", "track", ["morning", "evening"], ok(["morning", "evening"])),
    ("list-codes", "track", [0, 2], ok(["morning", "evening"])),
    ("list-unknown", "track", ["morning", "night"], refused("row", 1, "is not a track")),
    ("list-none", "track", ["morning", None], missing(1)),
    ("np-text", "track", np.array(["morning", "evening"]), ok(["morning", "evening"])),
    ("np-float", "track", np.array([0.0, 1.0]), refused("type")),
    ("pd-category", "track", pd.Series(["morning", "evening"], dtype="category"), ok(["morning", "evening"])),
    ("pd-category-unused", "track", pd.Series(pd.Categorical(["evening", "evening"], categories=["night", "evening"])),
     ok(["evening", "evening"])),
    ("pd-category-nan", "track", pd.Series(["morning", None], dtype="category"), missing(1)),
    ("pd-string-pyarrow", "track", pd.Series(["morning", "evening"], dtype="string[pyarrow]"),
     ok(["morning", "evening"])),
    ("pd-object-mixed", "track", pd.Series(["morning", 1.5], dtype=object), refused("type")),
    ("pl-string", "track", pl.Series(["morning", "evening"]), ok(["morning", "evening"])),
    ("pl-categorical", "track", pl.Series(["morning", "evening"], dtype=pl.Categorical), ok(["morning", "evening"])),
    ("pl-enum", "track", pl.Series(["morning", "evening"], dtype=pl.Enum(["morning", "evening"])),
     ok(["morning", "evening"])),
    ("pl-null", "track", pl.Series(["morning", None]), missing(1)),
    ("pa-dictionary", "track", pa.array(["morning", "evening"]).dictionary_encode(), ok(["morning", "evening"])),
    ("pa-unknown", "track", pa.array(["morning", "Morning"]), refused("row", 1, "is not a track")),
    ("duckdb-names", "track", duck(["morning", "evening"], pa.string()), ok(["morning", "evening"])),
    # ---- claims levels and payments ---------------------------------------------------------------------
    ("level-ints", "claims.level", [3500, 0], ok([3500, 0])),
    ("level-decimal", "claims.level", [D("35.00"), D("0")], ok([3500, 0])),
    ("level-money", "claims.level", [iop.Money("35.00"), iop.Money("0.00")], ok([3500, 0])),
    ("level-mixed", "claims.level", [D("35.00"), 0], refused("name", "mix two units")),
    ("level-float", "claims.level", [35.0, 0.0], refused("type")),
    ("level-cent-fraction", "claims.level", [D("35.005"), D("0")], refused("row", 0, "whole number of cents")),
    ("level-pa-decimal", "claims.level", pa.array([D("35.00"), D("0.00")]), ok([3500, 0])),
    ("level-pl-decimal", "claims.level", pl.Series([D("35.00"), D("0.00")], dtype=pl.Decimal(8, 2)), ok([3500, 0])),
    ("level-pd-Int64-na", "claims.level", pd.Series([3500, None], dtype="Int64"), missing(1)),
    ("payment-decimal", "claims.payment", [D("100.00"), D("300.00")], ok(["100.00", "300.00"])),
    ("payment-pa-decimal", "claims.payment", pa.array([D("100.00"), D("300.00")]), ok(["100.00", "300.00"])),
    ("payment-int", "claims.payment", [10000, 30000], refused("type", "bare integers")),
    ("payment-pl-null", "claims.payment", pl.Series([D("100.00"), None], dtype=pl.Decimal(8, 2)), missing(1)),
    # ---- costs (plot) -----------------------------------------------------------------------------------
    ("costs-np", "costs", np.array([100_00, 300_00]), ok([100_00, 300_00])),
    ("costs-pl", "costs", pl.Series([100_00, 300_00]), ok([100_00, 300_00])),
    ("costs-pa-null", "costs", pa.array([100_00, None]), missing(1)),
    ("costs-pd-float", "costs", pd.Series([100.0, 300.0]), refused("type")),
]


def reference(parameter, values):
    """The same values as a plain list of the types every parameter has always taken."""
    if parameter == "per_diem" or parameter == "claims.payment":
        values = [iop.Money(v) for v in values]
    elif parameter in ("coinsurance", "attendance"):
        values = [iop.Rate(v) for v in values]
    return PROBES[parameter](list(values))


@pytest.mark.parametrize("case, parameter, column, expected", CASES, ids=[f"{c[1]}:{c[0]}" for c in CASES])
def test_a_column_is_taken_exactly_or_refused_by_name(case, parameter, column, expected):
    kind, detail = expected
    probe = PROBES[parameter]
    if kind == "ok":
        result = probe(column)
        want = reference(parameter, detail)
        if isinstance(result, np.ndarray):
            np.testing.assert_array_equal(result, want)
        else:
            assert result == want
        return
    name = parameter.split(".")[-1] if parameter == "costs" else parameter
    if kind == "type":
        with pytest.raises(TypeError) as raised:
            probe(column)
        assert name in str(raised.value)
        for text in detail:
            assert text in str(raised.value)
        return
    with pytest.raises(iop.Error) as raised:
        probe(column)
    error = raised.value
    if kind == "missing":
        assert error.field == f"{parameter}[{detail}]", str(error)
        assert error.problem.startswith("is missing"), str(error)
    elif kind == "row":
        row, text = detail
        assert error.field == f"{parameter}[{row}]", str(error)
        assert text in str(error)
    elif kind == "zone":
        assert isinstance(error, iop.ValidationError) and error.field == parameter, str(error)
        assert "time zone" in error.problem
    elif kind == "name":
        assert error.field == parameter and detail[0] in str(error), str(error)


def test_the_table_has_at_least_150_cases_over_every_library():
    assert len(CASES) >= 150
    assert len({c[0] + c[1] for c in CASES}) == len(CASES)
    for prefix in ("np-", "pd-", "pl-", "pa-", "list-", "duckdb-"):
        assert any(c[0].startswith(prefix) or f"-{prefix}" in c[0] for c in CASES), prefix
