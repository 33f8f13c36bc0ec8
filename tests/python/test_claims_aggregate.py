"""The claims aggregate: a value that partial aggregates merge into exactly; Arrow tables in; a Parquet
dataset streamed in bounded memory."""

import copy
import functools
import json
import pickle
import subprocess
import sys
import textwrap
from decimal import Decimal as D

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import iop
from iop import parity

from scale_data import decimal_dollars

OUTPATIENT = "outpatient_in_network"
SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


def design(classifications):
    return {"plan": "Claims", "plan_year_start": "2026-01-01", "classifications": classifications}


# --- the value ----------------------------------------------------------------------------------

# Two parts of one table of copay rows in outpatient in-network.
# Part a: $10,000 at a $35 copay, $15,000 at $20; part b: $15,000 at $35, $6,000 not subject ($0).
# Whole: $0 -> $6,000, $20 -> $15,000, $35 -> $25,000 (cents: 600,000; 1,500,000; 2,500,000), 4 rows,
# total $46,000.
PART_A = ([OUTPATIENT] * 2, ["copay"] * 2, [3500, 2000], [1_000_000, 1_500_000])
PART_B = ([OUTPATIENT] * 2, ["copay"] * 2, [3500, 0], [1_500_000, 600_000])
WHOLE_CELLS = [(OUTPATIENT, "copay", 0, 600_000), (OUTPATIENT, "copay", 2000, 1_500_000),
               (OUTPATIENT, "copay", 3500, 2_500_000)]


def test_two_parts_merge_into_the_whole_in_either_order():
    a, b = parity.claims_aggregate(*PART_A), parity.claims_aggregate(*PART_B)
    assert a.merge(b).cells == WHOLE_CELLS
    assert a.merge(b).rows == 4
    assert a.merge(b) == b.merge(a) == a + b == sum([a, b], parity.ClaimsAggregate()) == sum([b, a])
    whole = parity.claims_aggregate(*(x + y for x, y in zip(PART_A, PART_B)))
    assert whole == a + b
    assert (a + b).classifications() == parity.aggregate_claims(*(x + y for x, y in zip(PART_A, PART_B)))
    assert (a + b).classifications()[0]["total_payments"] == "46000.00"
    assert a + parity.ClaimsAggregate() == a
    assert repr(a + b) == "ClaimsAggregate(rows=4, cells=3)"


def test_the_aggregate_is_a_value():
    whole = parity.claims_aggregate(*PART_A) + parity.claims_aggregate(*PART_B)
    assert pickle.loads(pickle.dumps(whole)) == whole
    assert copy.deepcopy(whole) == whole and hash(copy.copy(whole)) == hash(whole)
    assert parity.ClaimsAggregate.from_dict(json.loads(json.dumps(whole.to_dict()))) == whole
    assert whole.to_dict() == {"rows": 4, "cells": [
        {"classification": OUTPATIENT, "type": "copay", "level": level, "payments_cents": cents}
        for _, _, level, cents in WHOLE_CELLS]}
    assert whole != parity.claims_aggregate(*PART_A)


def test_a_stored_aggregate_is_checked_when_read_back():
    document = {"rows": 2, "cells": [
        {"classification": "emergency", "type": "copay", "level": 10, "payments_cents": 5},
        {"classification": "emergency", "type": "copay", "level": 5, "payments_cents": 5}]}
    with pytest.raises(iop.ValidationError) as info:
        parity.ClaimsAggregate.from_dict(document)
    assert info.value.field == "aggregate.cells[1]"
    document["cells"][1]["level"] = -5
    with pytest.raises(iop.ValidationError, match="aggregate.cells\\[1\\].level"):
        parity.ClaimsAggregate.from_dict(document)


def test_a_classification_whose_types_disagree_is_refused_only_on_the_whole():
    # The copay row of a claim in one part, its coinsurance row in the other: each part alone is lopsided.
    copay = parity.claims_aggregate([OUTPATIENT], ["copay"], [3500], [10_000])
    coinsurance = parity.claims_aggregate([OUTPATIENT], ["coinsurance"], [2000], [10_000])
    assert len((copay + coinsurance).classifications()[0]["medical_surgical"]) == 2
    with pytest.raises(iop.ValidationError, match="types whose payments differ"):
        (copay + coinsurance + copay).classifications()


def test_payments_that_overflow_do_so_whatever_the_split():
    big = parity.claims_aggregate([OUTPATIENT], ["copay"], [3500], [2**63 - 1])
    one = parity.claims_aggregate([OUTPATIENT], ["copay"], [3500], [1])
    with pytest.raises(iop.OverflowError):
        big + one
    with pytest.raises(iop.OverflowError):
        parity.claims_aggregate([OUTPATIENT] * 2, ["copay"] * 2, [3500] * 2, [2**63 - 1, 1])


def test_a_negative_payment_is_refused_even_where_the_sum_stays_positive():
    # $1.00 then -$0.05 at the same level: the sum would be $0.95, but the row is refused.
    with pytest.raises(iop.ValidationError) as info:
        parity.claims_aggregate([OUTPATIENT] * 3, ["copay"] * 3, [3500] * 3, [100, -5, 7])
    assert (info.value.field, info.value.value) == ("claims.payment[1]", "-$0.05")


def test_many_levels_in_a_pair_are_all_kept():
    # 200 levels 0..199 cents, level k paid k + 1 cents on each of two rows: 2 (k + 1) cents.
    levels = np.tile(np.arange(200), 2)
    aggregate = parity.claims_aggregate(np.zeros(400, np.uint8), np.zeros(400, np.uint8), levels, levels + 1)
    assert aggregate.cells == [("inpatient_in_network", "deductible", k, 2 * (k + 1)) for k in range(200)]


def test_threads_do_not_change_the_aggregate():
    # 2,400,000 rows: classification i % 6, copay level (i % 4) * $10, $1.00 each. (c, k) meets where
    # i = c (mod 6) and i = k (mod 4): one residue mod 12 when c and k have the same parity, so twelve
    # cells of 2,400,000 / 12 = 200,000 rows, $200,000 each.
    i = np.arange(2_400_000)
    columns = ((i % 6).astype(np.uint8), np.ones(i.size, np.uint8), (i % 4) * 1000, np.full(i.size, 100))
    one = parity.claims_aggregate(*columns, threads=1)
    assert [cell[3] for cell in one.cells] == [20_000_000] * 12
    assert parity.claims_aggregate(*columns, threads=2) == one == parity.claims_aggregate(*columns)
    with pytest.raises(TypeError, match="threads"):
        parity.claims_aggregate(*columns, threads=1.0)


# --- property: any split, merged in any order and grouping, is one pass ----------------------------

claims_rows = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 600_000),
              st.sampled_from([0, 2000, 3500, 5000]), st.sampled_from([0, 1000, 2000, 3000])),
    min_size=1, max_size=60)


def table_of(claims):
    """Each claim: a copay row and a coinsurance row with the same payment (level 0: not subject)."""
    classification, type_, level, payment = [], [], [], []
    for cls, pay, copay, coins in claims:
        classification += [cls, cls]
        type_ += [1, 2]
        level += [copay, coins]
        payment += [pay, pay]
    return (np.array(classification, np.uint8), np.array(type_, np.uint8), np.array(level, np.int64),
            np.array(payment, np.int64))


def merge_in_tree(parts, data):
    """Merges the parts in a random binary tree."""
    if len(parts) == 1:
        return parts[0]
    cut = data.draw(st.integers(1, len(parts) - 1))
    return merge_in_tree(parts[:cut], data).merge(merge_in_tree(parts[cut:], data))


@SETTINGS
@given(claims_rows, st.data())
def test_any_split_merged_in_any_order_gives_one_pass(claims, data):
    columns = table_of(claims)
    rows = columns[0].size
    one_pass = parity.claims_aggregate(*columns)
    cuts = sorted(data.draw(st.lists(st.integers(0, rows), max_size=6)))
    bounds = [0] + cuts + [rows]
    parts = [parity.claims_aggregate(*(c[lo:hi] for c in columns)) for lo, hi in zip(bounds, bounds[1:])]
    order = data.draw(st.permutations(range(len(parts))))
    merged = merge_in_tree([parts[i] for i in order], data)
    assert merged == one_pass
    assert merged.rows == rows
    report = parity.analyse(design(merged.classifications()))
    assert report == parity.analyse(design(one_pass.classifications()))
    # An Arrow table in record batches at the same cuts is the same aggregate again.
    batches = [pa.record_batch({"classification": pa.array(c[lo:hi]), "type": pa.array(t[lo:hi]),
                                "level": pa.array(lv[lo:hi]), "payment_cents": pa.array(p[lo:hi])})
               for (c, t, lv, p), lo, hi in ((columns, lo, hi) for lo, hi in zip(bounds, bounds[1:]))]
    assert parity.claims_aggregate(pa.Table.from_batches(batches)) == one_pass


# --- Arrow in ------------------------------------------------------------------------------------

CLAIMS = {"classification": [OUTPATIENT, OUTPATIENT, "emergency", OUTPATIENT],
          "type": ["copay", "copay", "copay", "copay"],
          "level": [3500, 2000, 5000, 3500],
          "payment": [D("10000.00"), D("15000.00"), D("0.50"), D("15000.00")]}
# Outpatient: $35 -> $25,000.00, $20 -> $15,000.00; emergency: $50 -> $0.50.
CLAIMS_CELLS = [(OUTPATIENT, "copay", 2000, 1_500_000), (OUTPATIENT, "copay", 3500, 2_500_000),
                ("emergency", "copay", 5000, 50)]


def arrow_claims(names="dictionary", payment_type=pa.decimal128(12, 2)):
    names_of = {"dictionary": lambda v: pa.array(v).dictionary_encode(), "string": pa.array,
                "large": lambda v: pa.array(v, pa.large_string())}[names]
    return pa.table({"classification": names_of(CLAIMS["classification"]), "type": names_of(CLAIMS["type"]),
                     "level": pa.array(CLAIMS["level"], pa.int32()),
                     "payment": pa.array(CLAIMS["payment"], payment_type)})


@pytest.mark.parametrize("names", ["dictionary", "string", "large"])
@pytest.mark.parametrize("payment_type", [pa.decimal128(12, 2), pa.decimal128(20, 4), pa.decimal256(40, 2)])
def test_arrow_tables_with_names_and_decimal_payments(names, payment_type):
    table = arrow_claims(names, payment_type)
    assert parity.claims_aggregate(table).cells == CLAIMS_CELLS
    assert parity.claims_aggregate(table.to_batches()[0]).cells == CLAIMS_CELLS
    assert parity.aggregate_claims(table) == parity.aggregate_claims(
        CLAIMS["classification"], CLAIMS["type"], CLAIMS["level"], payment=CLAIMS["payment"])


def test_a_chunked_table_and_a_pandas_frame_give_the_same_aggregate():
    table = pa.concat_tables([arrow_claims().slice(0, 1), arrow_claims().slice(1)])
    assert table.column("level").num_chunks == 2
    assert parity.claims_aggregate(table).cells == CLAIMS_CELLS
    frame = arrow_claims().to_pandas()  # dictionary columns become categoricals
    assert str(frame["classification"].dtype) == "category"
    assert parity.claims_aggregate(frame).cells == CLAIMS_CELLS


def test_whole_dollar_decimals_are_scaled_to_cents():
    table = arrow_claims(payment_type=pa.decimal128(12, 2)).set_column(
        3, "payment", pa.array([D(10000), D(15000), D(1), D(15000)], pa.decimal128(8, 0)))
    assert parity.claims_aggregate(table).cells[2] == ("emergency", "copay", 5000, 100)


def test_an_int64_column_is_read_in_place():
    from iop import _convert

    levels = pa.array(np.arange(10, dtype=np.int64)).slice(3)
    read = _convert.integers(levels, 7, "claims.level")
    assert read.__array_interface__["data"][0] == levels.buffers()[1].address + 3 * 8


@pytest.mark.parametrize("column, array, error, field", [
    ("level", pa.array([3500, None, 5000, 3500]), iop.ValidationError, "claims.level[1]"),
    ("classification", pa.array([OUTPATIENT, OUTPATIENT, None, OUTPATIENT]).dictionary_encode(),
     iop.ValidationError, "claims.classification[2]"),
    ("classification", pa.array([OUTPATIENT, "outpatient", OUTPATIENT, OUTPATIENT]).dictionary_encode(),
     iop.NotFoundError, "claims.classification[1]"),
    ("type", pa.array(["copay", "copay", "copay", "copays"]), iop.NotFoundError, "claims.type[3]"),
    ("type", pa.array([1, 1, 9, 1], pa.int8()), iop.ValidationError, "claims.type[2]"),
    ("payment", pa.array([D("1.00"), D("2.005"), D("3.00"), D("4.00")], pa.decimal128(10, 3)),
     iop.ValidationError, "claims.payment[1]"),
    ("payment", pa.array([D("1.00"), D("2.00"), D(2**70), D("4.00")], pa.decimal128(38, 2)),
     iop.OverflowError, "claims.payment[2]"),
    ("payment", pa.array([D("1.00"), D("-2.00"), D("3.00"), D("4.00")], pa.decimal128(10, 2)),
     iop.ValidationError, "claims.payment[1]"),
    ("payment", pa.array([D("1.00"), D("2.00"), None, D("4.00")], pa.decimal128(10, 2)),
     iop.ValidationError, "claims.payment[2]"),
    ("level", pa.array([1, 2, 2**64 - 1, 3], pa.uint64()), iop.ValidationError, "claims.level[2]"),
])
def test_arrow_values_are_refused_by_row(column, array, error, field):
    table = arrow_claims().set_column(arrow_claims().schema.get_field_index(column), column, array)
    with pytest.raises(error) as info:
        parity.claims_aggregate(table)
    assert info.value.field == field


def test_rows_are_numbered_across_batches():
    good = arrow_claims()
    bad = good.set_column(2, "level", pa.array([3500, 2000, -1, 3500], pa.int32()))
    with pytest.raises(iop.ValidationError) as info:
        parity.claims_aggregate(pa.concat_tables([good, good, bad]))
    assert info.value.field == "claims.level[10]"  # 4 + 4 + 2


@pytest.mark.parametrize("column, array, match", [
    ("payment", pa.array([1.0, 2.0, 3.0, 4.0]), "money is never a float"),
    ("payment", pa.array([100, 200, 300, 400]), "bare integers do not say dollars or cents.*payment_cents"),
    ("level", pa.array([35.0, 20.0, 50.0, 35.0]), "floats are not exact"),
    ("classification", pa.array([2.0, 2.0, 4.0, 2.0]), "expected names"),
])
def test_arrow_columns_of_the_wrong_type_are_type_errors(column, array, match):
    table = arrow_claims().set_column(arrow_claims().schema.get_field_index(column), column, array)
    with pytest.raises(TypeError, match=match):
        parity.claims_aggregate(table)


def test_a_table_without_a_payment_column_is_refused():
    with pytest.raises(iop.ValidationError, match="no payment column"):
        parity.claims_aggregate(arrow_claims().drop_columns(["payment"]))
    with pytest.raises(TypeError, match="not both"):
        parity.claims_aggregate(arrow_claims(), ["copay"])


# --- Parquet, streamed --------------------------------------------------------------------------

def small_table(rows, seed=14):
    """Claims with dictionary-encoded names and decimal payments, each claim a copay and a coinsurance row."""
    random = np.random.default_rng(seed)
    claims = rows // 2
    classes = np.repeat(random.integers(0, 6, claims), 2)
    types = np.tile([1, 2], claims)
    levels = np.where(types == 1, random.choice([0, 2000, 3500, 5000], rows), random.choice([0, 1000, 2000], rows))
    cents = np.repeat(random.integers(100, 200_000, claims), 2)
    return pa.table({
        "classification": pa.DictionaryArray.from_arrays(pa.array(classes.astype(np.int8)),
                                                         pa.array(parity.CLASSIFICATIONS)),
        "type": pa.DictionaryArray.from_arrays(pa.array(types.astype(np.int8)), pa.array(parity.TYPES)),
        "level": pa.array(levels, pa.int64()),
        "payment": decimal_dollars(cents),
    })


def test_a_parquet_dataset_streams_to_the_in_memory_aggregate(tmp_path):
    table = small_table(2_000)
    for k in range(3):
        pq.write_table(table, tmp_path / f"part-{k}.parquet", row_group_size=500)
    once = parity.claims_aggregate(table)
    assert parity.claims_aggregate_parquet(tmp_path, batch_size=256) == once + once + once
    assert parity.claims_aggregate_parquet(str(tmp_path / "part-1.parquet")) == once
    # A bad row is named by its place in the whole dataset (files in path order).
    bad = table.set_column(2, "level", pa.array(np.where(np.arange(2_000) == 7, -1, table["level"].to_numpy())))
    pq.write_table(bad, tmp_path / "part-3.parquet")
    with pytest.raises(iop.ValidationError) as info:
        parity.claims_aggregate_parquet(tmp_path, batch_size=256)
    assert info.value.field == "claims.level[6007]"


# The dataset is a small table written many times: the streamed aggregate must equal the small
# table's in-memory aggregate merged that many times, while the memory the aggregation takes stays
# under a limit of a quarter of the dataset's size in memory or less: Arrow's peak allocation, the peak
# of Python's and numpy's (tracemalloc), and the growth of the process's peak resident size (VmHWM,
# reset before the aggregation through /proc/self/clear_refs).
MEMORY_PROBE = textwrap.dedent("""
    import json, sys, tracemalloc
    import pyarrow as pa, pyarrow.dataset, pyarrow.parquet
    from iop import parity

    def kib(name):
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith(name + ":"))

    parity.claims_aggregate_parquet(sys.argv[3])  # every module the aggregation uses, imported
    pool = pa.default_memory_pool()
    arrow_before = pool.bytes_allocated()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # from here VmHWM is the peak resident size since this line
    rss_before = kib("VmRSS")
    tracemalloc.start()
    aggregate = parity.claims_aggregate_parquet(sys.argv[1], batch_size=int(sys.argv[2]))
    _, python_peak = tracemalloc.get_traced_memory()
    print(json.dumps({"aggregate": aggregate.to_dict(), "arrow_peak": pool.max_memory() - arrow_before,
                      "python_peak": python_peak, "rss_growth": (kib("VmHWM") - rss_before) * 1024}))
""")


def test_a_parquet_dataset_four_times_the_memory_limit_streams_in_bounded_memory(tmp_path):
    copies, rows, limit = 40, 100_000, 16 * 2**20
    table = small_table(rows)
    in_memory = table.nbytes  # the dataset's size once read: every file is one such table
    assert copies * in_memory >= 4 * limit, (copies * in_memory, limit)
    for k in range(copies):
        pq.write_table(table, tmp_path / f"part-{k:03}.parquet", row_group_size=16_384)
    warm = tmp_path.parent / (tmp_path.name + "-warm.parquet")
    pq.write_table(table.slice(0, 100), warm)
    run = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(tmp_path), "16384", str(warm)],
                         capture_output=True, text=True, check=True)
    result = json.loads(run.stdout)
    expected = functools.reduce(lambda a, b: a + b, [parity.claims_aggregate(table)] * copies)
    assert parity.ClaimsAggregate.from_dict(result["aggregate"]) == expected
    assert expected.rows == copies * rows
    assert result["arrow_peak"] + result["python_peak"] < limit, result
    assert result["rss_growth"] < limit, result
