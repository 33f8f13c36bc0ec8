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


def test_stubs_cover_every_public_name():
    tree = ast.parse((PACKAGE / "_core.pyi").read_text())
    stubbed = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
        elif isinstance(node, ast.Assign):
            stubbed.update(t.id for t in node.targets if isinstance(t, ast.Name))
    assert public_names(core) - stubbed == set()
    assert (PACKAGE / "py.typed").exists()


def test_everything_public_has_a_docstring():
    for name in public_names(core):
        obj = getattr(core, name)
        if callable(obj):
            assert (obj.__doc__ or "").strip(), name
