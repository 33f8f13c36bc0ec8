"""The declaration language: documents, objects, members and their types, written once.

A declaration says what a document holds: each member's type, unit, limits, allowed values,
default and a one-line description. `generate.py` turns the declarations into the JSON Schemas
(embedded in the library, installed and served), the C++ member lists and limits the readers
use (`decl::<object>`), the Python TypedDicts of the dict forms, and the member tables of the
docs. Nothing here is read at run time by the library: it is the source the build reads.

Types are small immutable values; `schema()` gives a type's JSON Schema (draft 2020-12) as it
stands inside the document `doc` (which decides how references to other documents are spelled).
"""
from __future__ import annotations

import dataclasses
from typing import Any, Optional

MISSING: Any = object()

# --- types ----------------------------------------------------------------------------------------


class Type:
    """A JSON value's type; `extra` holds further JSON Schema keywords (written after the type's own)."""

    description: Optional[str] = None
    extra: dict

    def own(self, doc: "Document") -> dict:
        raise NotImplementedError

    def schema(self, doc: "Document") -> dict:
        out = self.own(doc)
        for key, value in self.extra.items():
            out[key] = resolve(value, doc)
        if self.description is not None:
            out["description"] = self.description
        return out

    def children(self):
        return []


def resolve(value, doc):
    """Raw JSON Schema fragments may hold types (a `then` with a member's type, say)."""
    if isinstance(value, Type):
        return value.schema(doc)
    if isinstance(value, dict):
        return {k: resolve(v, doc) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, doc) for v in value]
    return value


@dataclasses.dataclass(frozen=True)
class String(Type):
    pattern: Optional[str] = None
    min_length: Optional[int] = None
    max_length: Optional[int] = None
    format: Optional[str] = None
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        out: dict = {"type": "string"}
        if self.min_length is not None:
            out["minLength"] = self.min_length
        if self.max_length is not None:
            out["maxLength"] = self.max_length
        if self.pattern is not None:
            out["pattern"] = self.pattern
        if self.format is not None:
            out["format"] = self.format
        return out


@dataclasses.dataclass(frozen=True)
class Integer(Type):
    minimum: Optional[int] = None
    maximum: Optional[int] = None
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        out: dict = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclasses.dataclass(frozen=True)
class Number(Type):
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        out: dict = {"type": "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclasses.dataclass(frozen=True)
class Boolean(Type):
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return {"type": "boolean"}


@dataclasses.dataclass(frozen=True)
class Null(Type):
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return {"type": "null"}


@dataclasses.dataclass(frozen=True)
class Enum(Type):
    """One of the names; `name` (a C++ identifier) makes the list available to the readers."""

    values: tuple
    name: Optional[str] = None
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return {"enum": list(self.values)}


@dataclasses.dataclass(frozen=True)
class Const(Type):
    value: Any
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return {"const": self.value}


@dataclasses.dataclass(frozen=True)
class Array(Type):
    items: Optional[Type] = None
    min_items: Optional[int] = None
    max_items: Optional[int] = None
    unique: bool = False
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        out: dict = {"type": "array"}
        if self.items is not None:
            out["items"] = self.items.schema(doc)
        if self.min_items is not None:
            out["minItems"] = self.min_items
        if self.max_items is not None:
            out["maxItems"] = self.max_items
        if self.unique:
            out["uniqueItems"] = True
        return out

    def children(self):
        return [self.items] if self.items is not None else []


@dataclasses.dataclass(frozen=True)
class Member:
    """A member of an object: its type, whether it is required, its default, its description."""

    type: Type
    description: Optional[str] = None
    required: bool = False
    default: Any = MISSING

    def schema(self, doc):
        out = self.type.schema(doc)
        if self.default is not MISSING:
            out["default"] = self.default
        if self.description is not None:
            out["description"] = self.description
        return out


@dataclasses.dataclass(frozen=True)
class Object(Type):
    """A JSON object with known members (any other is refused, unless `values` types them all)."""

    name: str                       # C++ identifier of its member list: decl::<name>::members
    members: dict = dataclasses.field(default_factory=dict)
    values: Optional[Type] = None   # a map: every member has this type
    closed: bool = True             # additionalProperties false
    min_properties: Optional[int] = None
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        out: dict = {"type": "object"}
        if self.values is not None:
            out["additionalProperties"] = self.values.schema(doc)
        elif self.closed:
            out["additionalProperties"] = False
        required = [k for k, m in self.members.items() if m.required]
        if required:
            out["required"] = required
        if self.min_properties is not None:
            out["minProperties"] = self.min_properties
        if self.members:
            out["properties"] = {k: m.schema(doc) for k, m in self.members.items()}
        return out

    def children(self):
        kids = [m.type for m in self.members.values()]
        if self.values is not None:
            kids.append(self.values)
        return kids


@dataclasses.dataclass(frozen=True)
class OneOf(Type):
    options: tuple
    keyword: str = "oneOf"
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return {self.keyword: [o.schema(doc) for o in self.options]}

    def children(self):
        return list(self.options)


@dataclasses.dataclass(frozen=True)
class Ref(Type):
    """A reference: `#/$defs/x` inside the document, or another document (`coverage`, `coverage#/$defs/x`)."""

    target: str
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        if self.target.startswith("#") or self.target.startswith("http"):
            return {"$ref": self.target}
        name, _, fragment = self.target.partition("#")
        if name == doc.name:  # within its own document, as a local reference
            return {"$ref": "#" + fragment}
        return {"$ref": doc.relative_path(name) + (("#" + fragment) if fragment else "")}


@dataclasses.dataclass(frozen=True)
class Raw(Type):
    """A JSON Schema fragment written as it is (for what the other types cannot say)."""

    fragment: dict
    description: Optional[str] = None
    extra: dict = dataclasses.field(default_factory=dict)

    def own(self, doc):
        return resolve(dict(self.fragment), doc)


# --- documents ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Document:
    """A document iop reads or writes, with its schema's name (`coverage`, `calendar.build.request`)."""

    name: str
    title: str
    description: str
    root: Type
    defs: dict = dataclasses.field(default_factory=dict)
    folder: str = ""           # "api" for the document API's requests and responses
    defs_first: bool = False   # where "$defs" stands among the keywords (kept for stable output)

    @property
    def path(self) -> str:
        return (self.folder + "/" if self.folder else "") + self.name + ".schema.json"

    def relative_path(self, other: str) -> str:
        target = REGISTRY[other]
        if target.folder == self.folder:
            return target.name + ".schema.json"
        if self.folder and not target.folder:
            return "../" + target.name + ".schema.json"
        return target.folder + "/" + target.name + ".schema.json"

    def schema(self) -> dict:
        out: dict = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://iop.invalid/schema/" + self.path,
            "title": self.title,
        }
        if self.description is not None:
            out["description"] = self.description
        body = self.root.schema(self)
        defs = {k: v.schema(self) for k, v in self.defs.items()}
        if defs and self.defs_first:
            out["$defs"] = defs
        out.update(body)
        if defs and not self.defs_first:
            out["$defs"] = defs
        return out


REGISTRY: dict = {}


def document(name, title, description, root, defs=None, folder="", defs_first=False) -> Document:
    doc = Document(name, title, description, root, defs or {}, folder, defs_first)
    if name in REGISTRY:
        raise ValueError(f"document {name} declared twice")
    REGISTRY[name] = doc
    return doc


# --- short spellings used by the declarations ---------------------------------------------------

def member(type_, description=None, required=False, default=MISSING) -> Member:
    return Member(type_, description, required, default)


def required(type_, description=None, default=MISSING) -> Member:
    return Member(type_, description, True, default)
