#!/usr/bin/env python3
"""Turns the declarations into what the build and the docs use.

    python3 declarations/generate.py schemas OUT_DIR     # every JSON Schema, as OUT_DIR/<name>.schema.json
    python3 declarations/generate.py cpp OUT_HEADER      # the readers' member lists and limits (decl::...)

CMake runs both at build time; nothing generated is committed except where a test checks it
against a fresh generation (the Python TypedDicts and the docs' tables).
"""
from __future__ import annotations

import importlib
import json
import pathlib
import sys

sys.dont_write_bytecode = True  # nothing written into the source tree
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from declarations import dsl  # noqa: E402

MODULES = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in ("__init__", "dsl", "generate"))


def load() -> dict:
    """Every declared document by its schema name."""
    for name in MODULES:
        importlib.import_module(f"declarations.{name}")
    return dsl.REGISTRY


def write_if_changed(path: pathlib.Path, text: str) -> None:
    """Leaves an unchanged file alone, so the build does not redo what depends on it."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def schema_text(document: dsl.Document) -> str:
    return json.dumps(document.schema(), indent=2, ensure_ascii=False) + "\n"


def generate_schemas(out: pathlib.Path) -> None:
    for document in load().values():
        write_if_changed(out / document.path, schema_text(document))


# --- C++: the readers' member lists and each member's limits -------------------------------------

def objects() -> dict:
    """Every declared object by its C++ name, each once (a name declared twice must mean one object)."""
    found: dict = {}

    def visit(value):
        if isinstance(value, dsl.Object):
            earlier = found.setdefault(value.name, value)
            if earlier is not value and earlier != value:
                raise ValueError(f"two different objects are both named {value.name}")
        if isinstance(value, dsl.Type):
            for child in value.children():
                visit(child)
            visit(value.extra)
        elif isinstance(value, dict):
            for v in value.values():
                visit(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                visit(v)

    for document in load().values():
        visit(document.root)
        visit(document.defs)
    return dict(sorted(found.items()))


def cpp_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)


def cpp_member(key: str, member: dsl.Member) -> str:
    """A member's descriptor: its name and the limits its type states (and its elements' limits, as `<name>_item`)."""
    name = cpp_identifier(key)
    out = cpp_descriptor(name, member.type, key)
    items = member.type.items if isinstance(member.type, dsl.Array) else None
    if isinstance(items, (dsl.String, dsl.Integer, dsl.Enum)):
        out += "\n" + cpp_descriptor(cpp_identifier(key + "_item"), items, key)
    return out


def cpp_descriptor(name: str, t: dsl.Type, key: str = "") -> str:
    key = cpp_string(key or name)
    if isinstance(t, dsl.Integer):
        if any(b is not None and not -2**63 <= b < 2**63 for b in (t.minimum, t.maximum)):
            # Only what iop writes goes past 64-bit signed integers (a seed); no reader takes it.
            return f"inline constexpr Member {name}{{{key}}};"
        low = t.minimum if t.minimum is not None else "INT64_MIN"
        high = t.maximum if t.maximum is not None else "INT64_MAX"
        return f"inline constexpr Int {name}{{{key}, {low}, {high}}};"
    if isinstance(t, dsl.String) and t.max_length is not None:
        return f"inline constexpr Str {name}{{{key}, {t.max_length}}};"
    if isinstance(t, dsl.Array) and t.max_items is not None:
        return f"inline constexpr List {name}{{{key}, {t.max_items}}};"
    if isinstance(t, dsl.Enum):
        values = ", ".join(cpp_string(v) for v in t.values)
        return (f"inline constexpr Member {name}{{{key}}};\n"
                f"inline constexpr std::array<std::string_view, {len(t.values)}> {name}_values{{{values}}};")
    return f"inline constexpr Member {name}{{{key}}};"


CPP_KEYWORDS = {"alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class", "const",
                "continue", "default", "delete", "do", "double", "else", "enum", "explicit", "export", "extern",
                "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace",
                "new", "not", "operator", "or", "private", "protected", "public", "register", "return", "short",
                "signed", "sizeof", "static", "struct", "switch", "template", "this", "throw", "true", "try",
                "typedef", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while"}


def cpp_identifier(name: str) -> str:
    name = name.replace("-", "_").replace(".", "_")
    return name + "_" if name in CPP_KEYWORDS else name


def generate_cpp(out: pathlib.Path) -> None:
    lines = [
        "// Generated from declarations/ by declarations/generate.py: edit the declarations instead.",
        "// decl::<object>::members lists an object's members in the order the errors name them;",
        "// decl::<object>::<member> is a member's name with the limits its declaration states.",
        "#pragma once",
        "#include <array>",
        "#include <cstdint>",
        "#include <string_view>",
        "",
        '#include "iop/core/json.hpp"',
        "",
        "namespace iop::decl {",
    ]
    for name, obj in objects().items():
        names = ", ".join(cpp_string(k) for k in obj.members)
        lines.append(f"namespace {cpp_identifier(name)} {{")
        lines.append(f"inline constexpr std::array<std::string_view, {len(obj.members)}> members{{{names}}};")
        for key, member in obj.members.items():
            lines.append(cpp_member(key, member))
        lines.append(f"}}  // namespace {cpp_identifier(name)}")
    lines.append("}  // namespace iop::decl")
    write_if_changed(out, "\n".join(lines) + "\n")


def main(argv):
    if len(argv) != 3 or argv[1] not in ("schemas", "cpp"):
        sys.exit(__doc__)
    target = pathlib.Path(argv[2])
    if argv[1] == "schemas":
        generate_schemas(target)
    else:
        generate_cpp(target)


if __name__ == "__main__":
    main(sys.argv)
