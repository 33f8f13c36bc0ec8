"""Shared fixtures for iop's Python tests (run against the installed package)."""

import os
import pathlib
import shutil
import sys

import pytest
import referencing
from fhir_core.fhirabstractmodel import FHIRAbstractModel

import iop

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def iop_command() -> str:
    """Path of the installed `iop` command (next to the interpreter in the venv), or $IOP_COMMAND (make coverage)."""
    if "IOP_COMMAND" in os.environ:
        return os.environ["IOP_COMMAND"]
    candidate = pathlib.Path(sys.executable).with_name("iop")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("iop")
    assert found, "the iop command is not installed; run `pip install .`"
    return found


@pytest.fixture(scope="module")
def service(iop_command):
    """One `iop serve` with two threads on a loopback port, for a test module (tests/python/service_support.py)."""
    from service_support import Service

    running = Service(iop_command, "--threads", "2")
    yield running
    assert running.stop() == 0


def coded_value_violations(model, path=""):
    """Codes outside an element's allowed values (fhir.resources lists them as enum_values)."""
    found = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name, None)
        if value is None:
            continue
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        allowed = extra.get("enum_values")
        for i, item in enumerate(value if isinstance(value, list) else [value]):
            where = f"{path}{name}" + (f"[{i}]" if isinstance(value, list) else "")
            if allowed and isinstance(item, str) and item not in allowed:
                found.append(f"{where}: {item!r} not in {allowed}")
            if isinstance(item, FHIRAbstractModel):
                found += coded_value_violations(item, where + ".")
    return found


def schema_registry() -> referencing.Registry:
    """Every JSON Schema the library carries (iop.schema), by its $id, so references between them resolve."""
    resources = []
    for name in iop.schema_names():
        document = iop.schema(name)
        resources.append((document["$id"], referencing.Resource.from_contents(document)))
    # Crawled once here: an uncrawled registry is crawled again at every $dynamicRef a validation meets.
    return referencing.Registry().with_resources(resources).crawl()
