"""Shared fixtures for iop's Python tests (run against the installed package)."""

import pathlib
import shutil
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def iop_command() -> str:
    """Path of the installed `iop` command (next to the interpreter in the venv)."""
    candidate = pathlib.Path(sys.executable).with_name("iop")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("iop")
    assert found, "the iop command is not installed; run `pip install .`"
    return found
