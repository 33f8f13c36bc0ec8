"""The document API: one operation name and one JSON request in, one JSON response out.

It is the same door the ``iop`` command (``iop call``), the C ABI (``iop_call``)
and the HTTP service open, so the same request gives byte-identical responses
through each of them.

>>> import iop
>>> iop.call("zone.convert", {"api_version": 1, "zone": "America/Chicago",
...                           "local": "2026-11-01T01:30", "fold": "later"})["result"]["utc"]
'2026-11-01T07:30:00Z'
>>> iop.call_json("version", '{"api_version": 1}').startswith('{"api_version":1,')
True

``call`` raises ``iop.ValidationError``, ``iop.NotFoundError`` or
``iop.OverflowError`` (each with ``field``, ``value``, ``problem`` and
``allowed``) for an error object; ``call_json`` returns every response,
errors included, as the exact text.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from typing import Any, List, Optional, Union

from . import _core

__all__ = ["call", "call_json", "data_sources", "operations", "schema", "schema_names", "API_VERSION"]

#: The version of the document API's requests and responses (``api_version`` in each).
API_VERSION: int = _core.API_VERSION

_ERRORS = {
    "validation": _core.ValidationError,
    "not_found": _core.NotFoundError,
    "overflow": _core.OverflowError,
}


def _plain_json(value: Any, path: str) -> Any:
    """``value`` as ``json`` writes it, refusing what ``json`` would change without a word: a member name that
    is not text (``json`` writes ``{90853: ...}`` as ``{"90853": ...}``), naming its place. Mappings become
    dicts; lists and tuples lists; everything else is left for ``json`` (and the library) to take or refuse."""
    if isinstance(value, Mapping):
        plain: dict[str, Any] = {}
        for key, member in value.items():
            if not isinstance(key, str):
                raise _core.ValidationError(path or "request", repr(key), "is a member name that is not text",
                                            "text member names, as JSON has")
            plain[key] = _plain_json(member, f"{path}.{key}" if path else key)
        return plain
    if isinstance(value, (list, tuple)):
        return [_plain_json(v, f"{path}[{i}]") for i, v in enumerate(value)]
    return value


def _request_text(operation: str, request: Union[Mapping[str, Any], str, bytes]) -> Union[str, bytes]:
    if not isinstance(operation, str):
        raise TypeError(f"operation: {type(operation).__name__} is not a str; allowed: an operation name such as 'calendar.build'")
    if isinstance(request, bytes):
        # The bytes as they are, so that a request that is not UTF-8 gets the very error object the C ABI,
        # the iop command and the service give it.
        return request
    if isinstance(request, str):
        return request
    if isinstance(request, Mapping):
        plain = _plain_json(request, "")
        try:
            # allow_nan=False: NaN and infinities are not JSON (RFC 8259), so they are refused, not written.
            return json.dumps(plain, ensure_ascii=False, allow_nan=False)
        except ValueError as error:
            raise _core.ValidationError("request", "NaN or infinity", f"is not JSON ({error})",
                                        "JSON numbers (no NaN or infinity)") from None
    raise TypeError(
        f"request: {type(request).__name__} is not a JSON document; allowed: a dict (JSON-serialisable), str or bytes"
    )


def call_json(operation: str, request: Union[Mapping[str, Any], str, bytes]) -> str:
    """Runs ``operation`` on ``request`` and returns the response document's exact text.

    Errors come back as error objects in the text, as through the C ABI (bytes
    that are not UTF-8 included); the call itself raises only for a request
    that is neither a dict, text nor bytes (``TypeError``). The GIL is
    released while the library works.
    """
    _status, body = _core._call(operation, _request_text(operation, request))
    return body


def call(operation: str, request: Union[Mapping[str, Any], str, bytes]) -> dict[str, Any]:
    """Runs ``operation`` on ``request`` and returns the response document as a dict.

    The response holds ``api_version``, ``format`` and either ``result`` (JSON
    formats) or ``content`` (text formats: plain text, iCalendar, CSV, HTML).
    An error object is raised as the matching ``iop.Error`` subclass, with
    ``field``, ``value``, ``problem`` and ``allowed`` set.
    """
    return _answer(*_core._call(operation, _request_text(operation, request)))


def _answer(status: int, body: str) -> dict[str, Any]:
    """The response document of ``_core._call``, or its error object raised."""
    response: dict[str, Any] = json.loads(body)
    if status == 0:
        return response
    error = response["error"]
    kind = _ERRORS.get(error["kind"])
    if kind is None:
        raise RuntimeError(error["message"])
    raise kind(error["field"], error["value"], error["problem"], error["allowed"])


def operations() -> list[str]:
    """The names of every operation, in the library's order."""
    return list(call("version", {"api_version": API_VERSION})["result"]["operations"])


def schema_names() -> list[str]:
    """The names of every JSON Schema the library carries (documents, requests, responses, ``error``)."""
    return list(_core._schema_names())


def data_sources(status: Optional[str] = None) -> list[dict[str, Any]]:
    """Every yearly or regulatory figure iop's answers rest on, with its evidence.

    One dict per figure: ``file`` (e.g. ``data/medicare-iop-rates.json``), ``pointer``
    (where it is in the file), ``values`` (its values; ``None`` where unconfirmed),
    ``status`` (``confirmed``, ``secondary`` or ``unconfirmed``), ``citation``,
    ``source`` and ``read_on`` (a ``datetime.date``). ``status`` keeps only the
    figures of that status. The same list as the ``data.sources`` operation.

    >>> rates = [f for f in data_sources("confirmed") if f["file"] == "data/medicare-iop-rates.json"]
    >>> sorted(f["values"]["apc"] for f in rates if f["values"].get("year") == 2025)
    ['5851', '5852', '5861', '5862']
    """
    request: dict[str, Any] = {"api_version": API_VERSION}
    if status is not None:
        if not isinstance(status, str):
            raise TypeError(f"status: {status!r} is not a str (confirmed, secondary or unconfirmed)")
        request["status"] = status
    result = call("data.sources", request)["result"]
    figures: list[dict[str, Any]] = []
    for file in result["files"]:
        for figure in file["figures"]:
            figures.append({"file": file["file"], **figure, "read_on": _dt.date.fromisoformat(figure["read_on"])})
    return figures


def schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) called ``name``, e.g. ``"treatment-plan"`` or ``"estimate.request"``."""
    result: dict[str, Any] = call("schema", {"api_version": API_VERSION, "name": name})["result"]
    return result


def __dir__() -> List[str]:
    """The public names only (``__all__``): what ``help`` and tab completion offer is what is meant to be used."""
    return sorted(__all__)
