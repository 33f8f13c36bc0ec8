"""X12 5010 transactions: benefits from a 271, claims as 837P/837I, remittances from an 835.

Every function but :func:`remittance_lines` is one request of the document API
(``x12.benefits``, ``x12.claims``, ``x12.remittance``, ``remittance.reconcile``),
so it answers exactly as the ``iop x12`` command, the C ABI and the service do.
:func:`remittance_lines` reads an 835 of any size with the library's streaming
reader, one claim at a time, into a DataFrame whose money columns are ``int64``
cents (``*_cents``).

>>> import iop, pathlib
>>> text = pathlib.Path("examples/x12/remittance.835").read_text()
>>> lines = iop.x12.remittance_lines(text)
>>> int(lines.paid_cents.sum()), int(lines.patient_cents.sum())
(262400, 170600)
>>> iop.x12.benefits(pathlib.Path("examples/x12/benefits.271").read_text())[0]["in_network"]["coinsurance"]
'20%'

Bad input raises ``iop.ValidationError`` naming the segment and the element
(``x12.835 segment 21 CAS03``); names, member IDs and birth dates are never
in a message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any, Optional, Union

import numpy as np

from . import _core
from ._extras import require
from .api import call

__all__ = ["benefits", "benefits_frame", "claims", "read_benefits", "remittance", "remittance_claims", "remittance_lines", "reconcile"]

Text = Union[str, bytes]


def _text(x12: Text, name: str) -> str:
    if isinstance(x12, bytes):
        try:
            return x12.decode("ascii")
        except UnicodeDecodeError:
            raise _core.ValidationError(name, "", "is not ASCII", "X12's character sets (printable ASCII)") from None
    if isinstance(x12, str):
        return x12
    raise TypeError(f"{name}: {type(x12).__name__} is not X12 text; allowed: str or bytes")


def benefits(x12: Text) -> list[dict[str, Any]]:
    """The IOP benefits of each person a 271 answers for (``x12.benefits``).

    Each entry lists ``not_stated`` (what the 271 does not say, never defaulted),
    ``conflicts``, the in- and out-of-network figures and the coverage document
    an estimate can use (``coverage``).
    """
    result: list[dict[str, Any]] = call("x12.benefits", {"api_version": 1, "x12": _text(x12, "x12")})["result"]["patients"]
    return result


def read_benefits(source: Union[Text, "os.PathLike[str]"]) -> list[dict[str, Any]]:
    """The same documents as :func:`benefits`, from a 271 of any size (its text, or a path to a file).

    The document API takes X12 inside a request, as a JSON string up to the request's 4 MiB
    (docs/limits.md); a larger batch is read here by the same library reader, whole.
    """
    result: list[dict[str, Any]] = json.loads(_core._x12_benefits_json(_source_text(source, "a 271")))
    return result


def _source_text(source: Union[Text, "os.PathLike[str]"], what: str) -> str:
    """The X12 text of @p source: its text (``str`` holding ``ISA``, or ``bytes``) or a path to a file."""
    if isinstance(source, (str, bytes)) and _text(source, "source").lstrip().startswith("ISA"):
        return _text(source, "source")
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            with open(path, "rb") as f:
                return _text(f.read(), "source")
        except OSError as e:  # as the streaming readers say it: the path cannot be opened
            raise _core.NotFoundError("path", repr(path), f"cannot be opened ({e.strerror})",
                                      f"a readable {what.removeprefix('a ')} file") from None
    raise TypeError(f"source: {type(source).__name__} is not {what}; allowed: its text, bytes or a path")


def benefits_frame(source: Union[Text, "os.PathLike[str]"]) -> Any:
    """One row a person of a 271 of any size (its text, bytes or a path): the figures of :func:`benefits`.

    Money is ``Int64`` cents (``<NA>`` where the 271 states nothing; nothing is defaulted):
    ``in_network_deductible_individual_cents``, ``..._remaining_cents``, ``..._met_cents`` and the same
    for ``deductible_family``, ``oop_individual``, ``oop_family`` and ``copay``, then the same with
    ``out_of_network_``; ``*_visit_limit`` and ``*_visits_remaining`` are ``Int64``; ``*_coinsurance``
    is the exact rate as the documents write it (``20%``) or ``None``. ``response_date``,
    ``plan_begin`` and ``plan_end`` are dates (``NaT`` when not stated), ``active`` and
    ``prior_authorization`` are ``boolean``. The list members (``service_types``, ``not_stated``,
    ``conflicts``, ``notes``, ``messages``) are one str each, an item a line
    (``frame.not_stated.str.split("\\n")``).

    >>> people = iop.x12.benefits_frame("examples/x12/benefits.271")
    >>> int(people.in_network_deductible_individual_cents[0]), people.in_network_coinsurance[0]
    (150000, '20%')
    """
    pd = require("pandas", "iop.x12.benefits_frame")
    columns = _core._x12_benefits_columns(_source_text(source, "a 271"))
    frame: dict[str, Any] = {}
    texts = columns["texts"]
    for name, (values, stated) in columns["numbers"].items():
        missing = stated == 0
        if name in ("response_date", "plan_begin", "plan_end"):
            days = values.astype("datetime64[D]")
            days[missing] = np.datetime64("NaT")
            frame[name] = pd.Series(days)
        elif name in ("active", "prior_authorization"):
            frame[name] = pd.arrays.BooleanArray(values.astype(bool), missing)
        else:
            frame[name] = pd.arrays.IntegerArray(values, missing)
    for name, values in texts.items():
        if name.endswith("_coinsurance"):
            values[values == ""] = None
        frame[name] = pd.Series(values, dtype=object, copy=False)
    order = ["response_date", "payer_name", "payer_id", "payer", "insurance_type", "plan_name", "active", "plan_begin",
             "plan_end", "service_types", "prior_authorization"]
    order += [n for n in frame if n.startswith(("in_network_", "out_of_network_"))]
    order += ["not_stated", "conflicts", "notes", "messages"]
    return pd.DataFrame({name: frame[name] for name in order})


def remittance(x12: Text) -> dict[str, Any]:
    """An 835 as a document (``x12.remittance``): payment, claims, service lines, adjustments."""
    result: dict[str, Any] = call("x12.remittance", {"api_version": 1, "x12": _text(x12, "x12")})["result"]
    return result


def claims(course: Mapping[str, Any], request: Mapping[str, Any], *, format: str = "x12") -> Union[str, dict[str, Any]]:
    """Claims of a course (``x12.claims``): the 837 text (``format="x12"``) or the claims with it (``"json"``)."""
    response = call("x12.claims", {"api_version": 1, "case": course, "claims": request, "format": format})
    if "content" in response:
        content: str = response["content"]
        return content
    result: dict[str, Any] = response["result"]
    return result


def reconcile(case: Mapping[str, Any], x12: Text, *, gfe: Optional[Mapping[str, Any]] = None) -> dict[str, Any]:
    """An estimate case reconciled with an 835 (``remittance.reconcile``).

    ``gfe`` is ``{"expected_charges": ..., "billed_on": ...}`` for the 45 CFR 149.620 check.
    """
    request: dict[str, Any] = {"api_version": 1, "case": case, "x12": _text(x12, "x12")}
    if gfe is not None:
        request["gfe"] = gfe
    result: dict[str, Any] = call("remittance.reconcile", request)["result"]
    return result


def remittance_claims(path: Union[str, "os.PathLike[str]"]) -> Any:
    """One row a claim of an 835 file of any size, read by the streaming reader.

    Columns: ``claim`` (CLP01), ``status`` (CLP02), ``charge_cents`` (CLP03), ``paid_cents`` (CLP04),
    ``patient_responsibility_cents`` (CLP05 as stated), ``patient_cents`` (the sum of its PR
    adjustments) and ``lines``; the BPR total in ``frame.attrs["total_paid_cents"]``.

    >>> claims = iop.x12.remittance_claims("examples/x12/remittance.835")
    >>> claims[["claim", "paid_cents", "patient_cents"]].values.tolist()
    [['PLANX12-2026-03', 162400, 145600], ['PLANX12-2026-04', 100000, 25000]]
    """
    pd = require("pandas", "iop.x12.remittance_claims")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: {type(path).__name__} is not a path; allowed: str or os.PathLike")
    columns = _core._x12_remittance_claims(os.fspath(path))
    total = columns.pop("total_paid_cents")
    frame = pd.DataFrame(columns)
    frame.attrs["total_paid_cents"] = total
    return frame


def remittance_lines(source: Union[Text, "os.PathLike[str]"]) -> Any:
    """One row a service line of an 835, read by the streaming reader.

    ``source`` is the 835's text (``str`` holding ``ISA``, or ``bytes``) or a path
    to a file of any size. Columns: ``claim``, ``status``, ``date``, ``code``,
    ``revenue_code``, ``units``, ``charge_cents``, ``allowed_cents`` (``<NA>`` when
    the payer states none), ``paid_cents``, ``patient_cents``, ``deductible_cents``,
    ``coinsurance_cents``, ``copay_cents``, ``contractual_cents``,
    ``other_adjustments_cents`` and ``adjustments`` (``CO-45 50.00; PR-1 250.00``).
    """
    pd = require("pandas", "iop.x12.remittance_lines")
    if isinstance(source, (str, bytes)) and _text(source, "source").lstrip().startswith("ISA"):
        columns = _core._x12_remittance_text(_text(source, "source"))
    elif isinstance(source, (str, os.PathLike)):
        columns = _core._x12_remittance_file(os.fspath(source))
    else:
        raise TypeError(f"source: {type(source).__name__} is not an 835; allowed: its text, bytes or a path")
    allowed = pd.array(columns["allowed_cents"], dtype="Int64")
    allowed[columns["allowed_stated"] == 0] = pd.NA
    frame = pd.DataFrame({
        "claim": pd.Series(columns["claim"], dtype=object),
        "status": pd.Series(columns["status"], dtype=object),
        "date": pd.Series(np.asarray(columns["date_days"], dtype="int64").astype("datetime64[D]")),
        "code": pd.Series(columns["code"], dtype=object),
        "revenue_code": pd.Series(columns["revenue_code"], dtype=object),
        "units": columns["units"],
        "charge_cents": columns["charge_cents"],
        "allowed_cents": allowed,
        "paid_cents": columns["paid_cents"],
        "patient_cents": columns["patient_cents"],
        "deductible_cents": columns["deductible_cents"],
        "coinsurance_cents": columns["coinsurance_cents"],
        "copay_cents": columns["copay_cents"],
        "contractual_cents": columns["contractual_cents"],
        "other_adjustments_cents": columns["other_adjustments_cents"],
        "adjustments": pd.Series(columns["adjustments"], dtype=object),
    })
    frame.attrs["total_paid_cents"] = columns["total_paid_cents"]
    frame.attrs["warnings"] = list(columns["warnings"])
    return frame
