#!/usr/bin/env python3
"""Turns the declarations into what the build and the docs use.

    python3 declarations/generate.py schemas OUT_DIR     # every JSON Schema, as OUT_DIR/<name>.schema.json
    python3 declarations/generate.py cpp OUT_HEADER      # the readers' member lists and limits (decl::...)
    python3 declarations/generate.py python OUT_FILE     # TypedDicts of the dict forms
    python3 declarations/generate.py docs [--check]      # rewrites the committed copies: docs/documents.md, the
                                                         # operations tables of README.md and docs/api.md, and
                                                         # bindings/python/iop/documents.py (a test checks them)

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


STALE: list = []      # with --check: the committed files that differ from a fresh generation
CHECK_ONLY = False


def write_if_changed(path: pathlib.Path, text: str) -> None:
    """Leaves an unchanged file alone, so the build does not redo what depends on it."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    if CHECK_ONLY:
        STALE.append(str(path))
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
    out = cpp_descriptor(name, member.type, key, member.default if isinstance(member.default, str) else "")
    items = member.type.items if isinstance(member.type, dsl.Array) else None
    if isinstance(items, (dsl.String, dsl.Integer, dsl.Enum)):
        out += "\n" + cpp_descriptor(cpp_identifier(key + "_item"), items, key)
    return out


def cpp_descriptor(name: str, t: dsl.Type, key: str = "", default: str = "") -> str:
    key = cpp_string(key or name)
    if isinstance(t, dsl.Integer):
        if any(b is not None and not -2**63 <= b < 2**63 for b in (t.minimum, t.maximum)):
            # Only what iop writes goes past 64-bit signed integers (a seed); no reader takes it.
            return f"inline constexpr Member {name}{{{key}}};"
        low = t.minimum if t.minimum is not None else "INT64_MIN"
        high = t.maximum if t.maximum is not None else "INT64_MAX"
        return f"inline constexpr Int {name}{{{{{key}}}, {low}, {high}}};"
    if isinstance(t, dsl.String) and t.max_length is not None:
        return f"inline constexpr Str {name}{{{{{key}}}, {t.max_length}}};"
    if isinstance(t, dsl.Array) and t.max_items is not None:
        return f"inline constexpr List {name}{{{{{key}}}, {t.max_items}}};"
    if isinstance(t, dsl.Enum):
        values = ", ".join(cpp_string(v) for v in t.values)
        return (f"inline constexpr std::array<std::string_view, {len(t.values)}> {name}_values{{{values}}};\n"
                f"inline constexpr Choice {name}{{{{{key}}}, {name}_values, {cpp_string(default)}}};")
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
        "#include <cstddef>",
        "#include <cstdint>",
        "#include <string>",
        "#include <string_view>",
        "",
        '#include "iop/core/json.hpp"',
        "",
        "namespace iop::decl {",
        "// A member's name as a key of a JSON value built member by member (the writers that build a DOM).",
        "inline std::string key(const Member& member) { return std::string(member.name); }",
        "// Whether an object's members include @p name: static_asserts that two declarations share members.",
        "template <std::size_t N>",
        "constexpr bool declares(const std::array<std::string_view, N>& members, std::string_view name) {",
        "  for (std::string_view member : members) {",
        "    if (member == name) return true;",
        "  }",
        "  return false;",
        "}",
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


# --- Python: TypedDicts of the dict forms ------------------------------------------------------

PY_KEYWORDS = {"from", "except", "class", "def", "return", "import", "global", "lambda", "pass", "raise", "with", "yield",
               "in", "is", "not", "or", "and", "if", "else", "elif", "for", "while", "try", "finally", "del", "assert",
               "break", "continue", "nonlocal", "async", "await", "None", "True", "False"}


def py_class(name: str) -> str:
    return "".join(part.capitalize() for part in name.replace("-", "_").replace(".", "_").split("_"))


class PythonTypes:
    """Writes each declared object as a TypedDict, the documents by name, in dependency order."""

    def __init__(self):
        self.written: dict = {}
        self.order: list = []

    def annotation(self, t: dsl.Type, doc: dsl.Document) -> str:
        if isinstance(t, dsl.Object):
            if t.values is not None and not t.members:
                return f"dict[str, {self.annotation(t.values, doc)}]"
            return self.object(t, doc)
        if isinstance(t, dsl.Enum):
            return "Literal[" + ", ".join(repr(v) for v in t.values) + "]"
        if isinstance(t, dsl.Const):
            return f"Literal[{t.value!r}]"
        if isinstance(t, dsl.String):
            return "str"
        if isinstance(t, dsl.Integer):
            return "int"
        if isinstance(t, dsl.Number):
            return "float"
        if isinstance(t, dsl.Boolean):
            return "bool"
        if isinstance(t, dsl.Null):
            return "None"
        if isinstance(t, dsl.Array):
            return f"list[{self.annotation(t.items, doc) if t.items is not None else 'Any'}]"
        if isinstance(t, dsl.OneOf):
            return "Union[" + ", ".join(self.annotation(o, doc) for o in t.options) + "]"
        if isinstance(t, dsl.Ref):
            return self.reference(t.target, doc)
        return "Any"

    def reference(self, target: str, doc: dsl.Document) -> str:
        if target.startswith("http"):
            return "dict[str, Any]"  # a JSON Schema itself (the schema operation's result)
        name, _, fragment = target.partition("#")
        other = dsl.REGISTRY[name] if name else doc
        if not fragment:
            return self.annotation(other.root, other) if name else "Any"  # "#": the document itself
        parts = fragment.strip("/").split("/")
        if parts[0] == "$defs" and len(parts) == 2:
            return self.annotation(other.defs[parts[1]], other)
        return "Any"

    def object(self, t: dsl.Object, doc: dsl.Document) -> str:
        cls = py_class(t.name)
        if cls in self.written:
            return f'"{cls}"'
        self.written[cls] = None  # placeholder: a recursive reference writes the name
        fields = {k: self.annotation(m.type, doc) for k, m in t.members.items()}
        required = [k for k, m in t.members.items() if m.required]
        optional = [k for k, m in t.members.items() if not m.required]
        lines = []
        description = (t.description or "").replace('"""', "'")
        if any(k in PY_KEYWORDS for k in t.members):
            # A member named like a Python keyword: the functional form (every member optional).
            body = ", ".join(f"{k!r}: {v}" for k, v in fields.items())
            lines.append(f"{cls} = TypedDict({cls!r}, {{{body}}}, total=False)")
        else:
            base = "TypedDict"
            if required and optional:
                lines.append(f"class _{cls}Required(TypedDict):")
                lines += [f"    {k}: {fields[k]}" for k in required]
                lines.append("")
                lines.append("")
                base = f"_{cls}Required"
            total = "" if not optional else ", total=False"
            lines.append(f"class {cls}({base}{total}):")
            if description:
                lines.append(f'    """{description}"""')
            members = optional if (required and optional) else list(t.members)
            lines += [f"    {k}: {fields[k]}" for k in members] or ["    pass"]
        self.written[cls] = "\n".join(lines)
        self.order.append(cls)
        return f'"{cls}"'


def generate_python(out: pathlib.Path) -> None:
    types = PythonTypes()
    aliases = []
    documents = list(load().values())
    taken = [py_class(d.name) for d in documents]
    for document in documents:
        root = types.annotation(document.root, document)
        alias = py_class(document.name) + "Document"
        # gfe-request (the document) and gfe.request (the operation's request) would share a name: the
        # operation's takes an Api prefix.
        if "." in document.name and taken.count(py_class(document.name)) > 1:
            alias = "Api" + alias
        aliases.append(f"#: {document.title}\n{alias} = {root.strip(chr(34))}")
    head = [
        '"""The dict forms of iop\'s documents as TypedDicts, for type checkers (generated from declarations/).',
        "",
        "Each document iop reads or writes (``iop.schema_names()``) as a TypedDict: the requests and",
        "responses of the document API and the documents inside them. Annotate a dict you build with",
        "them and mypy checks its members::",
        "",
        "    from iop.documents import TreatmentPlanDocument",
        '    plan: TreatmentPlanDocument = {"id": "plan-1", ...}',
        "",
        "Generated by declarations/generate.py; a test checks it is up to date.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import Any, Literal, TypedDict, Union",
        "",
    ]
    body = [types.written[c] for c in types.order]
    text = "\n".join(head) + "\n\n" + "\n\n\n".join(body) + "\n\n\n" + "\n".join(aliases) + "\n"
    write_if_changed(out, text)


# --- docs: the member tables of every document, and the operations table -------------------------

def describe(t: dsl.Type) -> str:
    """A type in words, with its limits: what a reader of the docs needs to write a valid member."""
    if isinstance(t, dsl.Object):
        if t.values is not None and not t.members:
            return f"object of {describe(t.values)} by name"
        return f"[{t.name}](#{t.name.replace('_', '-')})"
    if isinstance(t, dsl.Enum):
        return "one of " + ", ".join(f"`{v}`" for v in t.values)
    if isinstance(t, dsl.Const):
        return f"`{json.dumps(t.value)}`"
    if isinstance(t, dsl.String):
        from declarations import common
        if t.pattern == common.MONEY_PATTERN:
            return "amount (string, e.g. `\"1234.56\"`)"
        if t.pattern == common.RATE_PATTERN:
            return "rate (string, e.g. `\"20%\"`)"
        if t.pattern == common.DATE_PATTERN:
            return "date `YYYY-MM-DD`"
        words = "string"
        if t.min_length or t.max_length:
            words += f", {t.min_length or 0}..{t.max_length} characters" if t.max_length else f", at least {t.min_length}"
        elif t.pattern:
            words += f" matching `{t.pattern}`"
        return words
    if isinstance(t, dsl.Integer):
        if t.minimum is not None and t.maximum is not None:
            return f"integer {t.minimum}..{t.maximum}"
        return "integer" + (f" ≥ {t.minimum}" if t.minimum is not None else "")
    if isinstance(t, dsl.Number):
        return "number"
    if isinstance(t, dsl.Boolean):
        return "true or false"
    if isinstance(t, dsl.Null):
        return "null"
    if isinstance(t, dsl.Array):
        inner = describe(t.items) if t.items is not None else "values"
        count = f", at most {t.max_items}" if t.max_items is not None else ""
        count += f", at least {t.min_items}" if t.min_items else ""
        return f"list of {inner}{count}"
    if isinstance(t, dsl.OneOf):
        return " or ".join(describe(o) for o in t.options)
    if isinstance(t, dsl.Ref):
        name = t.target.partition("#")[0]
        return f"the `{name}` document" if name else "a JSON Schema"
    return "see the schema"


def cell(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def generate_docs(out: pathlib.Path) -> None:
    documents = load()
    lines = ["# The documents, member by member", "",
             "Generated from `declarations/` by `declarations/generate.py docs`, like the JSON Schemas (`iop schema "
             "<name>`) and the readers' member lists; `make test` checks it is up to date. Every member not listed is "
             "refused; a required member is never defaulted.", ""]
    seen = set()
    for name, document in documents.items():
        if document.folder:
            continue
        lines += [f"## `{name}`", "", document.description or "", ""]
        pending = [document.root] + list(document.defs.values())
        while pending:
            t = pending.pop(0)
            if isinstance(t, dsl.OneOf):
                pending[:0] = list(t.options)
                continue
            if isinstance(t, dsl.Array) and t.items is not None:
                pending.insert(0, t.items)
                continue
            if not isinstance(t, dsl.Object) or not t.members or t.name in seen:
                continue
            seen.add(t.name)
            lines += [f"### {t.name}", ""]
            if t.description:
                lines += [cell(t.description), ""]
            lines += ["| member | type | required | description |", "|---|---|---|---|"]
            for key, m in t.members.items():
                default = f" (default `{json.dumps(m.default)}`)" if m.default is not dsl.MISSING else ""
                lines.append(f"| `{key}` | {cell(describe(m.type))} | {'yes' if m.required else ''} | "
                             f"{cell((m.description or m.type.description or '') + default)} |")
                kids = [m.type] + (list(m.type.options) if isinstance(m.type, dsl.OneOf) else [])
                pending += kids
            lines.append("")
    write_if_changed(out, "\n".join(lines).rstrip() + "\n")


def operations_table() -> str:
    """The operations of the document API: the members of each request and its formats (default first)."""
    rows = ["| operation | request members (besides `api_version`) | formats (default first) |", "|---|---|---|"]
    for name, document in load().items():
        if not name.endswith(".request"):
            continue
        root = document.root
        members, formats = [], []
        for key, m in root.members.items():
            if key == "api_version":
                continue
            if key == "format" and isinstance(m.type, dsl.Enum):
                default = m.default if m.default is not dsl.MISSING else None
                formats = ([default] if default else []) + [v for v in m.type.values if v != default]
                continue
            members.append(f"`{key}`" + ("" if m.required else "?"))
        answered = []
        response = load()[name[: -len(".request")] + ".response"].root
        for option in (response.options if isinstance(response, dsl.OneOf) else [response]):
            if isinstance(option, dsl.Object) and "format" in option.members:
                answered += [v for v in option.members["format"].type.values if v not in answered]
        formats = formats or answered
        assert sorted(formats) == sorted(answered), f"{name}: the request's formats differ from the response's"
        rows.append(f"| `{name[: -len('.request')]}` | {', '.join(members) or 'none'} | {', '.join(formats)} |")
    return "\n".join(rows)


def replace_between(path: pathlib.Path, marker: str, content: str) -> None:
    text = path.read_text(encoding="utf-8")
    begin, end = f"<!-- {marker}: generated from declarations/ -->", f"<!-- /{marker} -->"
    i, j = text.index(begin) + len(begin), text.index(end)
    write_if_changed(path, text[:i] + "\n" + content + "\n" + text[j:])


def main(argv):
    global CHECK_ONLY
    if len(argv) in (2, 3) and argv[1] == "docs":
        CHECK_ONLY = argv[2:] == ["--check"]
        root = HERE.parent
        generate_docs(root / "docs" / "documents.md")
        generate_python(root / "bindings" / "python" / "iop" / "documents.py")
        for path in (root / "docs" / "api.md", root / "README.md"):
            replace_between(path, "operations", operations_table())
        if STALE:
            sys.exit("not generated from the declarations as they are (run declarations/generate.py docs): "
                     + ", ".join(STALE))
        return
    if len(argv) != 3 or argv[1] not in ("schemas", "cpp", "python"):
        sys.exit(__doc__)
    target = pathlib.Path(argv[2])
    if argv[1] == "schemas":
        generate_schemas(target)
    elif argv[1] == "cpp":
        generate_cpp(target)
    else:
        generate_python(target)


if __name__ == "__main__":
    main(sys.argv)
