"""MHPAEA parity checks: the quantitative tests, cumulative requirements, NQTL analyses
and state overlays, each conclusion with its arithmetic and its rule.

>>> report = analyse(json.load(open("examples/design.json")))
>>> report.passes, report_to_pandas(report)[["type", "subject_share", "predominant"]]

Designs come as dicts in the JSON form (docs/schema/benefit-design.schema.json),
or from pandas frames laid out like the Texas quantitative-limit worksheet
(:func:`design_from_frames`), or from a claims-level table
(:func:`aggregate_claims`).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Optional

import numpy as np

from ._core.parity import ParityReport, analyse, report_from_dict, rule_set
from ._core.parity import _aggregate_claims

__all__ = ["ParityReport", "analyse", "report_from_dict", "rule_set", "aggregate_claims", "design_from_frames",
           "report_to_pandas", "CLASSIFICATIONS", "TYPES"]

CLASSIFICATIONS = ("inpatient_in_network", "inpatient_out_of_network", "outpatient_in_network",
                   "outpatient_out_of_network", "emergency", "prescription_drugs")
TYPES = ("deductible", "copay", "coinsurance", "out_of_pocket_maximum", "visit_limit", "day_limit")


def aggregate_claims(classification: Any, type: Any, level: Any, payment: Any) -> list:
    """Aggregates a claims-level table into classification dicts for :func:`analyse`.

    One row per claim and type (level 0 when the claim is not subject to the
    type). ``classification`` and ``type`` are names or codes (positions in
    ``CLASSIFICATIONS`` and ``TYPES``); ``level`` is in the type's unit (cents,
    basis points, visits or days); ``payment`` in cents. Runs in C++ without the GIL.
    """
    def codes(values: Any, names: tuple, what: str) -> np.ndarray:
        array = np.asarray(values)
        if array.dtype.kind in "OUS":
            lookup = {name: i for i, name in enumerate(names)}
            try:
                return np.fromiter((lookup[v] for v in array), dtype=np.uint8, count=array.shape[0])
            except KeyError as error:
                from ._core import ValidationError
                raise ValidationError(f"claims.{what}: {error.args[0]!r} is not known; allowed: {', '.join(names)}") from None
        return array.astype(np.uint8, copy=False)

    return _aggregate_claims(codes(classification, CLASSIFICATIONS, "classification"), codes(type, TYPES, "type"),
                             np.asarray(level, dtype=np.int64), np.asarray(payment, dtype=np.int64))


def design_from_frames(medical_surgical: Any, mental_health: Any, *, totals: Any, **design: Any) -> dict:
    """A design dict from pandas frames laid out like the Texas worksheet (28 TAC 21.2437).

    ``totals`` has columns ``classification``, ``total_payments`` (and optionally
    ``subclassification``, ``tier``); ``medical_surgical`` has ``classification``,
    ``type``, ``level``, ``payments``; ``mental_health`` has ``classification``,
    ``benefit``, ``type``, ``level``. Levels and amounts are strings in the JSON
    form ("35.00", "20%", "30"). Other keys (plan, plan_year_start, state, ...)
    pass through.
    """
    def key(row: Any) -> tuple:
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
            classes[key(row)][target].append(item)
    return {**design, "classifications": list(classes.values())}


def report_to_pandas(report: ParityReport) -> Any:
    """One row per test: classification, type, shares (exact fractions and floats), levels, predominant, pass."""
    import pandas as pd

    rows = []
    for t in report.tests:
        share = Fraction(t["subject_share"].rstrip("%")) / 100 if t["subject_share"].endswith("%") else Fraction(t["subject_share"])
        rows.append({
            "classification": t["classification"], "subclassification": t["subclassification"], "tier": t["tier"],
            "type": t["type"], "total_payments": t["total_payments"], "subject_payments": t["subject_payments"],
            "subject_share": t["subject_share"], "subject_share_float": float(share),
            "substantially_all": t["substantially_all"], "levels": [l["display"] for l in t["levels"]],
            "predominant": t["predominant_display"], "combined": t["combined"],
            "passes": all(c["pass"] for c in t["checks"]), "rule": t["rule"],
        })
    return pd.DataFrame(rows)
