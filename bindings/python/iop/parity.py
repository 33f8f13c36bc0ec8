"""MHPAEA parity checks: scope and exemptions, the quantitative tests per coverage unit,
aggregate dollar limits, cumulative requirements, NQTL analyses with in-operation data,
and state overlays, each conclusion a sentence with its arithmetic and its rule.

>>> import json
>>> report = analyse(json.load(open("examples/design.json")))
>>> report.passes
True
>>> tests = report_to_pandas(report)
>>> tests[["type", "subject_share", "predominant_cents", "passes"]]
          type  subject_share  predominant_cents  passes
0        copay            0.8               3500    True
1  coinsurance            0.6               <NA>    True
2  visit_limit            0.8               <NA>    True
3   deductible            1.0             150000    True
>>> tests[["subject_share_numerator", "subject_share_denominator"]].iloc[0].tolist()  # exactly 4/5
[4, 5]

Designs come as dicts in the JSON form (docs/schema/benefit-design.schema.json),
or from pandas frames laid out like the Texas quantitative-limit worksheet
(:func:`design_from_frames`), or from a claims-level table
(:func:`aggregate_claims`). Claims aggregate into a :class:`ClaimsAggregate`, a value
that partial aggregates merge into exactly, so a table split across files, Dask
partitions or Spark executors gives the single-machine answer
(:func:`claims_aggregate`, :func:`claims_aggregate_parquet`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from . import _claims, _columns
from ._core.parity import ClaimsAggregate, ParityReport, analyse, report_from_dict, rule_set
from ._core.parity import _aggregate_claim_rows
from ._errors import ValidationError
from ._extras import require

__all__ = ["ParityReport", "analyse", "report_from_dict", "rule_set", "aggregate_claims", "design_from_frames",
           "ClaimsAggregate", "claims_aggregate", "claims_aggregate_parquet",
           "report_to_pandas", "dollar_limits_to_pandas", "findings_to_pandas", "CLASSIFICATIONS", "TYPES",
           "LEVEL_UNITS", "PERIODS"]

#: The MHPAEA benefit classifications (29 CFR 2590.712(c)(2)(ii)); a classification code is a position here.
CLASSIFICATIONS = _claims.CLASSIFICATIONS
#: The financial requirements and quantitative treatment limitations tested; a type code is a position here.
TYPES = _claims.TYPES
#: The unit of each type's levels: money in cents, coinsurance in basis points, limits in visits or days.
LEVEL_UNITS = _claims.LEVEL_UNITS
#: Periods of a visit or day limit; each makes its own type (29 CFR 2590.712(c)(1)(ii)).
PERIODS = ("annual", "episode", "lifetime")


def _count(value: Any, name: str, allowed: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected an int ({allowed}), got {type(value).__name__}")
    if value < minimum:
        raise ValidationError(name, str(value), "is out of range", allowed)
    return int(value)


def claims_aggregate(classification: Any, type: Any = None, level: Any = None, payment_cents: Any = None, *,
                     payment: Any = None, threads: Optional[int] = None, first_row: int = 0) -> ClaimsAggregate:
    """Sums claim rows by classification, type and level into a :class:`ClaimsAggregate`.

    The rows come as four columns (as for :func:`aggregate_claims`), or as one
    table in ``classification``: a pandas or polars DataFrame, a pyarrow Table or
    RecordBatch, or anything with ``__arrow_c_stream__`` (a duckdb result), with
    columns ``classification``, ``type``, ``level`` and ``payment_cents``
    (integer cents) or ``payment`` (decimal dollars, exact to the cent). Names
    may be text or categorical columns, or integer codes. A level is an integer
    in its type's unit (``LEVEL_UNITS``) or a Decimal in its natural unit
    (dollars, a fraction, a count). Columns are read as the column layer reads
    every column (docs/python.md): nothing is converted row by row in Python
    for Arrow and numpy columns, and an int64 column is read in place. Floats
    are a TypeError; a missing value, an unknown name, a fraction of a cent or a
    negative payment is refused naming its row (numbered from ``first_row``).

    Aggregates of parts merge (``a.merge(b)``, ``a + b``) into the aggregate of
    the whole. ``threads`` (default None: one per hardware thread) share a large
    table's rows; the result does not depend on it.
    """
    workers = 0 if threads is None else _count(threads, "threads", "0 or more; 0 or None: one per hardware thread", 0)
    start = _count(first_row, "first_row", "0 or more", 0)
    if _columns.is_table(classification) or (type is None and level is None and hasattr(classification,
                                                                                       "__arrow_c_stream__")):
        if type is not None or level is not None or payment_cents is not None or payment is not None:
            raise TypeError("claims: give a table (its columns name the parts) or four columns, not both")
        return _aggregate_batches(_claims.table_columns(classification, start), workers)
    if type is None or level is None:
        raise TypeError("claims: give a table, or the columns classification, type, level and a payment")
    if payment is not None and payment_cents is not None:
        raise TypeError("payment: give payment_cents= (int cents) or payment= (Money, str or Decimal), not both")
    if payment is None and payment_cents is None:
        raise TypeError("payment: missing; give payment_cents= (int cents) or payment= (Money, str or Decimal)")
    columns = _claims.claim_columns(classification, type, level, payment if payment is not None else payment_cents,
                                    "payment" if payment is not None else "payment_cents")
    classes, types, levels, payments = columns
    return _aggregate_claim_rows(classes, types, levels, payments, start, workers)


def _aggregate_batches(batches: Any, threads: int) -> ClaimsAggregate:
    """The merged aggregate of record batches' columns, each with its first row."""
    total = ClaimsAggregate()
    for (classes, types, levels, payments), row in batches:
        total = total.merge(_aggregate_claim_rows(classes, types, levels, payments, row, threads))
    return total


def claims_aggregate_parquet(source: Any, *, batch_size: int = 65_536, threads: Optional[int] = 1,
                             filesystem: Any = None) -> ClaimsAggregate:
    """Aggregates a Parquet dataset (a file, a directory of files, or a list of files) batch by batch.

    Reads only the four claims columns, one file and one row group at a time,
    ``batch_size`` rows a batch, as the batches are summed: memory is bounded by
    the batch size and the files' row groups, not by the dataset, so a dataset
    larger than memory aggregates. Errors number the rows across the whole
    dataset, in the order the files are read (sorted by path).
    """
    ds = require("pyarrow.dataset", "claims_aggregate_parquet")
    pq = require("pyarrow.parquet", "claims_aggregate_parquet")
    size = _count(batch_size, "batch_size", "1 or more rows", 1)
    workers = 0 if threads is None else _count(threads, "threads", "0 or more; 0 or None: one per hardware thread", 0)
    dataset = ds.dataset(source, format="parquet", filesystem=filesystem)
    names = list(_claims.column_names(dataset.schema.names))

    def batches() -> Any:
        # One file open at a time, read a row group at a time as the batches are asked for: no read-ahead
        # queue that a slow consumer could let grow.
        row = 0
        for path in dataset.files:
            with dataset.filesystem.open_input_file(path) as stream:
                for batch in pq.ParquetFile(stream).iter_batches(batch_size=size, columns=names, use_threads=False):
                    yield from _claims.table_columns(batch, row)
                    row += batch.num_rows

    return _aggregate_batches(batches(), workers)


def aggregate_claims(classification: Any, type: Any = None, level: Any = None, payment_cents: Any = None, *,
                     payment: Any = None) -> List[Dict[str, Any]]:
    """Aggregates a claims-level table into classification dicts for :func:`analyse`.

    One row per claim and type (level 0 when the claim is not subject to the
    type). ``classification`` and ``type`` are names or codes (positions in
    ``CLASSIFICATIONS`` and ``TYPES``). ``level`` is an exact integer in the
    type's unit (``LEVEL_UNITS``: cents for deductibles, copays and out-of-pocket
    maximums, basis points for coinsurance, visits or days for limits). The plan
    payment is ``payment_cents`` (int cents) or ``payment`` (Money, str or
    Decimal). Or the whole table in ``classification``: a pyarrow Table or
    RecordBatch or a pandas DataFrame, read as :func:`claims_aggregate` reads it.
    Floats are refused (TypeError), negative payments and levels are
    refused by row (iop.ValidationError), payments that add up beyond 64-bit cents
    raise iop.OverflowError. Runs in C++ without the GIL
    (``claims_aggregate(...).classifications()``).
    Claims carry no period: add ``"period"`` (annual, episode, lifetime) to visit and
    day limit rows before :func:`analyse`, which refuses them without one.
    """
    return claims_aggregate(classification, type, level, payment_cents, payment=payment).classifications()


def design_from_frames(medical_surgical: Any, mental_health: Any, *, totals: Any, **design: Any) -> Dict[str, Any]:
    """A design dict from pandas frames laid out like the Texas worksheet (28 TAC 21.2437).

    ``totals`` has columns ``classification``, ``total_payments`` (and optionally
    ``subclassification``, ``tier``); ``medical_surgical`` has ``classification``,
    ``type``, ``level``, ``payments``; ``mental_health`` has ``classification``,
    ``benefit``, ``type``, ``level``; both take a ``period`` column for visit and day
    limits (annual, episode, lifetime; empty for the other types). Levels and amounts
    are strings in the JSON form ("35.00", "20%", "30"). Other keys (plan,
    plan_year_start, state, status, ...) pass through.
    """
    pd = require("pandas", "design_from_frames")
    for name, frame in (("medical_surgical", medical_surgical), ("mental_health", mental_health), ("totals", totals)):
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"{name}: expected a pandas DataFrame, got {type(frame).__name__}")

    def key(row: Any) -> Tuple[str, str, str]:
        return (row["classification"], row.get("subclassification", "none") or "none", row.get("tier", "") or "")

    classes = {}
    for row in totals.to_dict("records"):
        entry = {"classification": row["classification"], "subclassification": row.get("subclassification", "none") or "none",
                 "total_payments": str(row["total_payments"]), "medical_surgical": [], "mental_health": []}
        if row.get("tier"):
            entry["tier"] = row["tier"]
        classes[key(row)] = entry
    for frame, target in ((medical_surgical, "medical_surgical"), (mental_health, "mental_health")):
        for row in frame.to_dict("records"):
            item = {k: str(row[k]) for k in (("type", "level", "payments") if target == "medical_surgical"
                                             else ("benefit", "type", "level"))}
            period = row.get("period")
            if isinstance(period, str) and period:
                item["period"] = period
            classes[key(row)][target].append(item)
    return {**design, "classifications": list(classes.values())}


def _share(text: str) -> Fraction:
    """An exact share written as '62.5%' or '11/18'."""
    return Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)


def _share_columns(prefix: str, share: Fraction) -> Dict[str, Any]:
    """A share as plain numbers: a float for reading and plotting, and its exact numerator and denominator."""
    return {prefix: float(share), f"{prefix}_numerator": share.numerator, f"{prefix}_denominator": share.denominator}


def _level_columns(prefix: str, type_name: str, level: Optional[int]) -> Dict[str, Any]:
    unit = LEVEL_UNITS[type_name]
    return {f"{prefix}_{u}": (level if u == unit else None) for u in ("cents", "bp", "count")}


def report_to_pandas(report: ParityReport, table: str = "tests") -> Any:
    """A report as a pandas DataFrame.

    ``table="tests"``: one row per quantitative test: coverage unit, classification, type, period,
    ``total_payments_cents`` and ``subject_payments_cents`` (int64 cents), the
    subject share (``subject_share`` a float, ``subject_share_numerator`` and
    ``subject_share_denominator`` the exact fraction), substantially
    all, the predominant level in the type's unit (``predominant_cents`` for
    money types, ``predominant_bp`` for coinsurance, ``predominant_count`` for
    limits; the others are missing), whether it was combined, pass and rule.

    ``table="levels"``: one row per level of each test: the level in its unit
    (``level_cents``, ``level_bp`` or ``level_count``), ``payments_cents`` and its
    share of the subject payments (``share`` a float, ``share_numerator`` and
    ``share_denominator`` exact). Every column is a plain number, text or bool, so
    the frame writes to Parquet as it is.
    """
    if not isinstance(report, ParityReport):
        raise TypeError(f"report: expected an iop.parity.ParityReport, got {type(report).__name__}")
    pd = require("pandas", "report_to_pandas")
    rows: List[Dict[str, Any]] = []
    if table == "levels":
        for t in report.tests:
            for level in t["levels"]:
                rows.append({"coverage_unit": t["coverage_unit"], "classification": t["classification"],
                             "subclassification": t["subclassification"], "tier": t["tier"], "type": t["type"],
                             "period": t["period"], **_level_columns("level", t["type"], level["level"]),
                             "payments_cents": _cents(level["payments"]), **_share_columns("share", _share(level["share"]))})
    elif table == "tests":
        for t in report.tests:
            share = _share(t["subject_share"])
            rows.append({
                "coverage_unit": t["coverage_unit"], "classification": t["classification"],
                "subclassification": t["subclassification"], "tier": t["tier"], "type": t["type"], "period": t["period"],
                "total_payments_cents": _cents(t["total_payments"]),
                "subject_payments_cents": _cents(t["subject_payments"]), **_share_columns("subject_share", share),
                "substantially_all": t["substantially_all"],
                **_level_columns("predominant", t["type"], t["predominant"]), "combined": t["combined"],
                "passes": all(c["pass"] for c in t["checks"]), "rule": t["rule"],
            })
    else:
        raise ValidationError("table", repr(table), "is not a table of a report", "tests, levels")
    frame = pd.DataFrame(rows)
    for column in frame.columns:
        if column.endswith(("_cents", "_bp", "_count")):
            frame[column] = frame[column].astype("Int64")
        elif column.endswith(("_numerator", "_denominator")):
            frame[column] = frame[column].astype("int64")
    return frame


def _cents(text: str) -> int:
    from ._core import Money
    return Money(text).cents


def dollar_limits_to_pandas(report: ParityReport) -> Any:
    """One row per aggregate lifetime or annual dollar limit test: the share of M/S payments limited (exact and
    float), the test applied, the M/S limit (or its weighted average), the MH/SUD limit, pass, reason and rule.

    Money is in int64 ``*_cents`` columns (nullable ``Int64`` where a limit may be absent); a weighted average
    that is not a whole number of cents is rounded for display and flagged by ``average_exact``.
    """
    if not isinstance(report, ParityReport):
        raise TypeError(f"report: expected an iop.parity.ParityReport, got {type(report).__name__}")
    pd = require("pandas", "dollar_limits_to_pandas")

    def cents(text: Optional[str]) -> Optional[int]:
        return None if text is None else _cents(text)

    columns = ["kind", "total_payments_cents", "limited_payments_cents", "limited_share", "limited_share_numerator",
               "limited_share_denominator",
               "test", "medical_surgical_limit_cents", "average_exact", "mental_health_application",
               "mental_health_limit_cents", "passes", "reason", "rule"]
    rows: List[Dict[str, Any]] = []
    for t in report.dollar_limit_tests:
        share = _share(t["limited_share"])
        rows.append({
            "kind": t["kind"], "total_payments_cents": cents(t["total_payments"]),
            "limited_payments_cents": cents(t["limited_payments"]), **_share_columns("limited_share", share),
            "test": t["test"],
            "medical_surgical_limit_cents": cents(t["medical_surgical_limit"]), "average_exact": t["average_exact"],
            "mental_health_application": t["mental_health"]["application"],
            "mental_health_limit_cents": cents(t["mental_health"]["limit"]), "passes": t["pass"],
            "reason": t["reason"], "rule": t["rule"],
        })
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("total_payments_cents", "limited_payments_cents", "limited_share_numerator",
                   "limited_share_denominator"):
        frame[column] = frame[column].astype("int64")
    frame["limited_share"] = frame["limited_share"].astype("float64")
    for column in ("medical_surgical_limit_cents", "mental_health_limit_cents"):
        frame[column] = frame[column].astype("Int64")
    return frame


def findings_to_pandas(report: ParityReport) -> Any:
    """One row per finding (severity, topic, message, rule), in report order: violations first is a
    ``sort_values`` away."""
    if not isinstance(report, ParityReport):
        raise TypeError(f"report: expected an iop.parity.ParityReport, got {type(report).__name__}")
    pd = require("pandas", "findings_to_pandas")

    return pd.DataFrame(report.findings, columns=["severity", "topic", "message", "rule"])


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
