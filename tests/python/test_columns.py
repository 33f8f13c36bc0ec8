"""The column layer itself: its one table of rules is the one docs/python.md prints, any Arrow-speaking
object is a column, tables come from any library, and a missing row is found by its label."""

import pathlib

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import iop
import iop.parity as parity
from iop import _columns

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_docs_print_the_rules_the_code_applies():
    page = (ROOT / "docs" / "python.md").read_text()
    start = page.index("<!-- rules: generated from iop._columns.RULES")
    start = page.index("\n", start) + 1
    end = page.index("<!-- end rules -->")
    assert page[start:end] == _columns.rules_table()


class Capsule:
    """A column known only by the Arrow PyCapsule interface (as nanoarrow or a new library would hand one over)."""

    def __init__(self, array):
        self._array = array

    def __arrow_c_array__(self, requested_schema=None):
        return self._array.__arrow_c_array__(requested_schema)


class Stream:
    """A table known only by ``__arrow_c_stream__``."""

    def __init__(self, table):
        self._table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self._table.__arrow_c_stream__(requested_schema)


def test_any_arrow_speaking_column_is_read():
    expected = iop.build_calendars(["2026-03-02", "2026-03-09"], [6, 8], 3)["date"]
    got = iop.build_calendars(Capsule(pa.array(["2026-03-02", "2026-03-09"])), Capsule(pa.array([6, 8])), 3)["date"]
    np.testing.assert_array_equal(got, expected)


def test_a_table_where_a_column_is_expected_is_refused_unless_it_has_one_column():
    frame = pd.DataFrame({"start": ["2026-03-02"], "weeks": [8]})
    with pytest.raises(TypeError, match="table of 2 columns"):
        iop.build_calendars(frame, 8, 3)
    one = iop.build_calendars(duckdb.sql("select DATE '2026-03-02' as start"), 8, 3)["date"]
    np.testing.assert_array_equal(one, iop.build_calendars(["2026-03-02"], 8, 3)["date"])


def test_a_missing_row_is_named_with_its_label():
    frame = pd.DataFrame({"start": pd.to_datetime(["2026-03-02"] * 4), "weeks": [8, 8, None, 8]},
                         index=[31, 33, 35, 37])
    with pytest.raises(iop.ValidationError) as raised:
        iop.build_calendars(frame.start, frame.weeks, 3)
    error = raised.value
    assert (error.field, error.value) == ("weeks[2]", "nan")
    assert error.problem == "is missing (index label 35)"  # frame.loc[35]


def claims_table():
    return pa.table({"classification": pa.array(["outpatient_in_network"] * 3).dictionary_encode(),
                     "type": ["copay", "copay", "coinsurance"], "level": [3500, 0, 2000],
                     "payment_cents": pa.array([100_00, 50_00, 70_00], pa.int64())})


def test_claims_tables_from_every_library_agree():
    table = claims_table()
    expected = parity.claims_aggregate(table)
    assert parity.claims_aggregate(table.to_pandas()) == expected
    assert parity.claims_aggregate(pl.from_arrow(table)) == expected
    assert parity.claims_aggregate(Stream(table)) == expected
    relation = duckdb.from_arrow(table)
    assert parity.claims_aggregate(relation) == expected
    assert parity.claims_aggregate(table.to_batches()[0]) == expected


def test_a_claims_tables_missing_row_is_numbered_across_batches():
    table = pa.concat_tables([claims_table(), claims_table().set_column(
        2, "level", pa.array([3500, None, 2000], pa.int64()))])
    with pytest.raises(iop.ValidationError) as raised:
        parity.claims_aggregate(table)
    assert raised.value.field == "claims.level[4]" and raised.value.problem == "is missing"
