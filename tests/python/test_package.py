"""The Python package itself: exports, stubs, py.typed, docstrings."""

import ast
import pathlib

import iop
import iop._core as core

PACKAGE = pathlib.Path(iop.__file__).resolve().parent


def public_names(module):
    return {n for n in dir(module) if not n.startswith("_")}


def test_package_exports_everything_the_core_has():
    assert public_names(core) <= set(iop.__all__) | {"annotations"}
    for name in iop.__all__:
        assert hasattr(iop, name), name


def stubbed_names(path):
    stubbed = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
        elif isinstance(node, ast.Assign):
            stubbed.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            stubbed.update(alias.asname or alias.name for alias in node.names)
    return stubbed


def test_stubs_cover_every_name():
    """Every name of the compiled module, public or private, has a stub (the stubs are a package:
    iop/_core/__init__.pyi, parity.pyi and outcomes.pyi)."""
    names = {n for n in dir(core) if not n.startswith("__")}
    assert names - stubbed_names(PACKAGE / "_core" / "__init__.pyi") == set()
    parity_names = {n for n in dir(core.parity) if not n.startswith("__")}
    assert parity_names - stubbed_names(PACKAGE / "_core" / "parity.pyi") == set()
    outcomes_names = {n for n in dir(core.outcomes) if not n.startswith("__")}
    assert outcomes_names - stubbed_names(PACKAGE / "_core" / "outcomes.pyi") == set()
    assert (PACKAGE / "py.typed").exists()


def test_everything_public_has_a_docstring():
    for name in public_names(core):
        obj = getattr(core, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), name


def test_extras_are_declared():
    import importlib.metadata

    metadata = importlib.metadata.metadata("iop")
    assert {"pandas", "plot", "dask"} <= set(metadata.get_all("Provides-Extra"))
    requires = metadata.get_all("Requires-Dist")
    assert any(r.startswith("pandas") and 'extra == "pandas"' in r for r in requires)
    assert any(r.startswith("matplotlib") and 'extra == "plot"' in r for r in requires)
    assert any(r.startswith("dask") and 'extra == "dask"' in r for r in requires)


def test_a_missing_extra_names_itself(monkeypatch):
    import sys

    import pytest

    from iop._extras import require

    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(iop.MissingExtraError, match=r"pip install 'iop\[pandas\]'"):
        iop.build_calendars(["2026-06-29"], 8, 4, as_frame=True)
    plan = iop.TreatmentPlan.from_dict({"id": "x", "patient_id": "p", "diagnoses": {"primary": "F33.1"},
                                        "level_of_care": "IOP", "program": "la-depression-iop",
                                        "start_date": "2026-06-29", "weeks": 8, "days_per_week": 4,
                                        "track": "morning", "payer": "commercial"})
    with pytest.raises(ImportError, match=r"to_pandas needs pandas"):
        iop.build_calendar(plan).to_pandas()
    assert iop.build_calendars(["2026-06-29"], 8, 4)["date"].size  # numpy results need no extra
    for module, extra in (("matplotlib", "plot"), ("dask", "dask")):
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(iop.MissingExtraError, match=rf"pip install 'iop\[{extra}\]'"):
            require(module, "this feature")
