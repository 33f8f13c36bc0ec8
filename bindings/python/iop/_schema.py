"""The JSON Schemas of iop's documents, shipped inside the package (docs/schema in the source tree)."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Dict, List

from ._errors import NotFoundError

_HERE = pathlib.Path(__file__).resolve().parent


def _directory() -> pathlib.Path:
    installed = _HERE / "schema"
    if installed.is_dir():
        return installed
    return _HERE.parents[2] / "docs" / "schema"  # running from a source tree


def schema_names() -> List[str]:
    """The names of every schema, e.g. ['calendar', 'coverage', 'estimate', ...]."""
    return sorted(p.name[: -len(".schema.json")] for p in _directory().glob("*.schema.json"))


def schema(name: str) -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document, e.g. ``schema('estimate')`` for the output of an estimate;
    an unknown name raises iop.NotFoundError listing the names."""
    if not isinstance(name, str):
        raise TypeError(f"name: expected a str, got {type(name).__name__}")
    path = _directory() / f"{name}.schema.json"
    if name not in schema_names() or not path.is_file():
        raise NotFoundError("name", repr(name), "is not a schema of iop", ", ".join(schema_names()))
    document: Dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document
