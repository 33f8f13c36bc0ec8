"""The readers and the schemas say the same thing: both come from one declaration per document.

* Requests generated from each operation's request schema (hypothesis-jsonschema) are never refused
  for a reason the schema could have stated: an unknown member, a type, a missing required member,
  a value outside an enum, a pattern, a length or a range. What remains is what a schema cannot say
  (an unknown program, an end before its start, a copay and a coinsurance without a combination).
* Schema-invalid mutations of valid requests (an unknown member, a wrong type, a required member
  deleted, a value outside an enum) are always refused.
* Every response of the golden corpus validates against its operation's response schema.

IOP_SCHEMA_EXAMPLES sets the examples per operation and IOP_SCHEMA_SECONDS the time an operation may take
(a few examples and seconds in make test: generating from these schemas takes up to seconds a request;
thousands of examples and no time limit for a long run, IOP_SCHEMA_SECONDS=0).
"""

import copy
import json
import os
import pathlib
import time
from urllib.parse import urljoin

import hypothesis
import jsonschema
import pytest
from conftest import schema_registry
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis_jsonschema import _canonicalise, _from_schema, from_schema
from hypothesis_jsonschema._encode import encode_canonical_json

import iop

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = int(os.environ.get("IOP_SCHEMA_EXAMPLES", "15"))
SECONDS = float(os.environ.get("IOP_SCHEMA_SECONDS", "6"))
REGISTRY = schema_registry()
MAX_MUTATED_PLACES = 300

# The refusals a schema states: an error object whose problem (or allowed) reads like one of these was
# caused by something the request schema could have refused first.
SCHEMA_PROBLEMS = (
    "is not a known member", "is a JSON ", "has too many elements", "characters long", "holds a control character",
    "begins or ends with a space", "is out of range", "is not an amount of money", "is not a rate",
    "is not a time of day", "is not an ICD-10-CM code", "is not a US state code", "is not a format of this operation",
)


def stated_by_a_schema(error: dict) -> bool:
    if error["allowed"].startswith("a required member of"):
        return True
    if error["problem"] == "is empty" and error["allowed"].startswith("1.."):
        return True  # an identifier's minimum length
    return any(problem in error["problem"] for problem in SCHEMA_PROBLEMS)


def bundled(name: str) -> dict:
    """The schema `name` with every document it refers to copied under $defs, so that it stands alone."""
    documents: dict = {}

    def key(document_id: str) -> str:
        return document_id.rsplit("/", 1)[-1][: -len(".schema.json")]

    def rewrite(node, base: str):
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k == "$ref" and isinstance(v, str) and not v.startswith("https://json-schema.org"):
                    target, _, fragment = v.partition("#")
                    document_id = urljoin(base, target) if target else base
                    include(document_id)
                    pointer = fragment if fragment.startswith("/") else ""
                    out[k] = "#/$defs/" + key(document_id).replace("/", "~1") + pointer
                elif k in ("$id", "$schema"):
                    continue
                else:
                    out[k] = rewrite(v, base)
            return out
        if isinstance(node, list):
            return [rewrite(v, base) for v in node]
        return node

    def include(document_id: str):
        name_ = key(document_id)
        if name_ in documents:
            return
        documents[name_] = None
        documents[name_] = rewrite(REGISTRY.contents(document_id), document_id)

    root_id = iop.schema(name)["$id"]
    include(root_id)
    return {"$defs": documents, "$ref": "#/$defs/" + key(root_id)}


ANNOTATIONS = ("$defs", "$comment", "title", "description", "examples", "default", "deprecated")


def inlined(schema: dict) -> dict:
    """`schema` with every local $ref replaced by what it points to.

    hypothesis-jsonschema cannot follow a reference into a nested $defs (#/$defs/coverage/$defs/...),
    so it is given a schema without references. A reference met again inside itself (a holiday calendar
    joining holiday calendars) becomes `false` there: the generated requests nest one level, which is
    all the readers' recursion needs to be reached."""
    def target(pointer: str):
        node = schema
        for part in pointer.lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def resolve(node, open_refs=()):
        if isinstance(node, dict):
            if "$ref" in node:
                ref = node["$ref"]
                # Annotations and nested $defs say nothing about validity: dropping them here keeps the
                # reference from becoming an allOf, which hypothesis-jsonschema merges again at every draw.
                rest = {k: v for k, v in node.items() if k != "$ref" and k not in ANNOTATIONS}
                referred = False if ref in open_refs else resolve(target(ref), open_refs + (ref,))
                if not rest:
                    return referred
                return {"allOf": [referred, resolve(rest, open_refs)]}
            return {k: resolve(v, open_refs) for k, v in node.items() if k != "$defs"}
        if isinstance(node, list):
            return [resolve(v, open_refs) for v in node]
        return node

    return resolve(schema)


OPERATIONS = [op for op in iop.api.operations() if op not in ("version",)]


def strategies_built_once():
    """hypothesis-jsonschema rebuilds the strategy of an object's member every time it draws that member:
    it canonicalises and merges the member's whole schema again, seconds a request for these schemas.
    The schemas it passes are the same objects from draw to draw, so the strategy built the first time
    is kept (keyed by the schemas' identities, which the kept entry holds alive) and drawn again."""
    build = _from_schema.merged_as_strategies
    built: dict = {}

    def merged_as_strategies(schemas, *, alphabet, custom_formats):
        key = (tuple(map(id, schemas)), id(alphabet), id(custom_formats))
        if key not in built:
            built[key] = (list(schemas), alphabet, custom_formats,
                          build(schemas, alphabet=alphabet, custom_formats=custom_formats))
        return built[key][3]

    return merged_as_strategies


def canonicalised_once():
    """hypothesis-jsonschema canonicalises a schema by canonicalising each of its subschemas, and again for
    every allOf it merges; a request schema without references repeats its shared parts (a coverage, a
    money amount) many times over, so parity.analyse's took 370,000 calls and 40 s. A subschema's canonical
    form depends on its canonical encoding only (the function's first step), so it is kept under that
    encoding, and each caller gets its own decoded copy (callers modify what they get)."""
    canonicalise = _canonicalise.canonicalish
    kept: dict = {}

    def canonicalish(schema):
        if schema is True or schema is False:
            return canonicalise(schema)
        key = encode_canonical_json(schema)
        if key not in kept:
            kept[key] = encode_canonical_json(canonicalise(schema))
        return json.loads(kept[key])

    return canonicalish


@pytest.fixture(autouse=True, scope="module")
def _strategies_built_once():
    canonicalish = canonicalised_once()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_from_schema, "merged_as_strategies", strategies_built_once())
        patch.setattr(_canonicalise, "canonicalish", canonicalish)
        patch.setattr(_from_schema, "canonicalish", canonicalish)
        yield


class OutOfTime(Exception):
    """Raised by a check once its operation's time is spent: the examples checked so far stand."""


@pytest.mark.parametrize("operation", OPERATIONS)
def test_schema_valid_requests_are_not_refused_for_what_the_schema_says(operation):
    schema = bundled(f"{operation}.request")
    validator = jsonschema.Draft202012Validator(schema)
    deadline = time.monotonic() + SECONDS if SECONDS > 0 else None
    checked = []

    # No shrinking: canonicalising these schemas makes each shrink step slow, and a failing request is
    # printed whole anyway.
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=(Phase.explicit, Phase.generate), suppress_health_check=list(HealthCheck))
    @given(from_schema(inlined(schema)))
    def check(request):
        if deadline is not None and checked and time.monotonic() > deadline:
            raise OutOfTime
        hypothesis.assume(validator.is_valid(request))
        response = json.loads(iop.call_json(operation, json.dumps(request)))
        checked.append(operation)
        if "error" in response:
            assert not stated_by_a_schema(response["error"]), (
                f"{operation}: a schema-valid request was refused for what its schema could say: "
                f"{response['error']['message']}\n{json.dumps(request)[:2000]}")

    try:
        check()
    except OutOfTime:
        pass
    assert checked, f"{operation}: no schema-valid request was generated"


def golden_entries(ok: bool):
    for entry in json.loads((GOLDEN / "index.json").read_text(encoding="utf-8")):
        if "recipe" in entry:
            continue
        response = (GOLDEN / "cases" / f"{entry['name']}.response").read_bytes()
        if (b'"error":{' not in response[:40]) == ok:
            yield entry, (GOLDEN / "cases" / f"{entry['name']}.request").read_bytes(), json.loads(response)


def mutations(document, schema_validator):
    """Schema-invalid mutations of a valid request: each changes one place, and the schema refuses it."""
    def walk(node, path=()):
        yield path, node
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, path + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, path + (i,))

    def node(doc, path):
        for part in path:
            doc = doc[part]
        return doc

    def add_unknown(doc, path):
        node(doc, path)["zz_unknown"] = 1

    def replace(doc, path, value):
        node(doc, path[:-1])[path[-1]] = copy.deepcopy(value)

    def delete(doc, path):
        del node(doc, path[:-1])[path[-1]]

    # At most MAX_MUTATED_PLACES places, evenly spread: a request at a limit's edge (a thousand events) has
    # thousands of places, and mutating and validating each whole request would take many minutes.
    places = list(walk(document))
    for path, value in places[:: max(1, len(places) // MAX_MUTATED_PLACES)]:
        candidates = []
        if isinstance(value, dict):
            candidates.append(("unknown member", lambda d, p=path: add_unknown(d, p)))
        if path and path[-1] != "api_version":
            wrong_type = 7 if isinstance(value, list) else []
            candidates.append(("wrong type", lambda d, p=path, w=wrong_type: replace(d, p, w)))
            candidates.append(("value outside its enum", lambda d, p=path: replace(d, p, "zz-not-a-value")))
            if isinstance(path[-1], str):
                candidates.append(("deleted", lambda d, p=path: delete(d, p)))
        for label, mutate in candidates:
            mutated = copy.deepcopy(document)
            mutate(mutated)
            if not schema_validator.is_valid(mutated):
                yield "/".join(map(str, path)) + " " + label, mutated


def without_nulls(node):
    if isinstance(node, dict):
        return {k: without_nulls(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [without_nulls(v) for v in node]
    return node


# The limits' edges are left out: their requests are as large as a request may be, and each of their mutations
# is another whole validation of it; the limits have their own tests.
@pytest.mark.parametrize("entry", [e for e, _, _ in golden_entries(ok=True) if not e["name"].startswith("limits/")][::7],
                         ids=lambda e: e["name"])
def test_schema_invalid_mutations_are_refused(entry):
    # A member given as null is read as left out (docs/api.md), which a schema cannot say of every member.
    request = without_nulls(json.loads((GOLDEN / "cases" / f"{entry['name']}.request").read_bytes()))
    validator = jsonschema.Draft202012Validator(iop.schema(f"{entry['operation']}.request"), registry=REGISTRY)
    assert validator.is_valid(request), "a golden request that succeeds is valid by its schema"
    accepted = []
    for label, mutated in list(mutations(request, validator))[:: max(1, EXAMPLES // 15)]:
        response = json.loads(iop.call_json(entry["operation"], json.dumps(mutated)))
        if "error" not in response:
            accepted.append(label)
    assert accepted == []


def test_every_golden_response_validates_against_its_schema():
    failures = []
    for entry, _request, response in list(golden_entries(ok=True)) + list(golden_entries(ok=False)):
        name = "error" if "error" in response else f"{entry['operation']}.response"
        if entry["operation"] not in iop.api.operations():
            name = "error"
        validator = jsonschema.Draft202012Validator(iop.schema(name), registry=REGISTRY)
        errors = list(validator.iter_errors(response))
        if errors:
            failures.append(f"{entry['name']}: {errors[0].message[:200]}")
    assert failures == []
