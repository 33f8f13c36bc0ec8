"""The document API from Python: results, errors as exceptions, schemas, and the same bytes as every other surface."""

import ctypes
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest
from conftest import schema_registry

import iop

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def wrap(member, example, fmt=None):
    """A request by concatenation of the example file's bytes, exactly as the C, Java, Go and Node tests build it."""
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    if fmt is None:
        return '{"api_version":1,"%s":%s}' % (member, text)
    return '{"api_version":1,"format":"%s","%s":%s}' % (fmt, member, text)


def x12_requests():
    """The X12 example course's requests: each X12 operation and format."""
    folder = EXAMPLES / "x12"
    b271, r835 = (folder / "benefits.271").read_text(), (folder / "remittance.835").read_text()
    course = json.loads((folder / "course.json").read_text())
    case = {**json.loads((folder / "case.json").read_text()), "benefits_271": b271}
    out = []
    for fmt in ("json", "text"):
        out.append(("x12.benefits", json.dumps({"api_version": 1, "format": fmt, "x12": b271})))
        out.append(("remittance.reconcile", json.dumps({"api_version": 1, "format": fmt, "case": case, "x12": r835,
                                                        "gfe": {"expected_charges": "5000.00", "billed_on": "2026-04-25"}})))
    for fmt in ("json", "csv"):
        out.append(("x12.remittance", json.dumps({"api_version": 1, "format": fmt, "x12": r835})))
    for form in ("837p", "837i"):
        claims = json.loads((folder / f"claims-{form}.json").read_text())
        for fmt in ("x12", "json"):
            out.append(("x12.claims", json.dumps({"api_version": 1, "format": fmt, "case": course, "claims": claims})))
    out.append(("estimate", json.dumps({"api_version": 1, "case": case})))
    return out


# The requests every surface is compared on: each operation and format, and errors.
REQUESTS = [
    ("version", '{"api_version":1}'),
    ("programs.list", '{"api_version":1}'),
    ("programs.list", '{"api_version":1,"format":"text"}'),
    ("plan.check", wrap("plan", "plan.json")),
    ("plan.check", wrap("plan", "plan.json", "text")),
    ("plan.fhir", wrap("plan", "plan.json")),
    ("episode.state", json.dumps({"api_version": 1, "episode": json.loads((EXAMPLES / "episode.json").read_text()),
                                  "as_of": "2026-04-10", "since": "2026-03-23"})),
    ("episode.state", json.dumps({"api_version": 1, "episode": json.loads((EXAMPLES / "episode.json").read_text()),
                                  "as_of": "2026-04-20", "format": "text"})),
    ("episode.state", json.dumps({"api_version": 1, "episode": json.loads((EXAMPLES / "episode.json").read_text()),
                                  "as_of": "2026-04-20", "format": "fhir"})),
    ("episode.review", json.dumps({"api_version": 1, "episode": json.loads((EXAMPLES / "episode.json").read_text()),
                                   "as_of": "2026-04-20"})),
    ("plan.review", json.dumps({"api_version": 1, "plan": json.loads((EXAMPLES / "plan.json").read_text()),
                                "fhir": [json.loads((EXAMPLES / "fhir" / f).read_text()) for f in
                                         ("phq9-questionnaire-response.json", "phq9-observation.json",
                                          "gad7-questionnaire-response.json")]})),
    ("recommend", wrap("intake", "intake.json")),
    ("recommend", wrap("intake", "intake.json", "text")),
    ("calendar.build", wrap("plan", "plan.json")),
    ("calendar.build", wrap("plan", "plan.json", "ics")),
    ("calendar.build", wrap("plan", "plan.json", "fhir")),
    ("calendar.build", wrap("plan", "plan.json", "csv")),
    ("calendar.build", wrap("plan", "plan.json", "text")),
    ("estimate", wrap("case", "case.json")),
    ("estimate", wrap("case", "case.json", "text")),
    ("estimate", wrap("case", "case.json", "csv")),
    ("estimate", wrap("case", "case-out-of-network.json")),
    ("estimate", wrap("case", "case-out-of-network.json", "text")),
    ("gfe", wrap("case", "gfe-case.json")),
    ("gfe", wrap("case", "gfe-case.json", "html")),
    ("gfe", wrap("case", "gfe-two-providers.json")),
    ("gfe", wrap("case", "gfe-two-providers.json", "html")),
    ("parity.analyse", wrap("design", "design.json")),
    ("parity.analyse", wrap("design", "design.json", "text")),
    ("demo", '{"api_version":1}'),
    ("zone.convert", '{"api_version":1,"zone":"America/New_York","local":"2026-03-08T02:30"}'),
    ("zone.transitions", '{"api_version":1,"zone":"America/Denver","year":2027}'),
    ("data.sources", '{"api_version":1}'),
    ("data.sources", '{"api_version":1,"format":"text","status":"secondary"}'),
    ("parity.analyse", wrap("design", "design.json").replace('"design":', '"rule_set":"mhpaea_2024","design":', 1)),
    ("schema", '{"api_version":1,"name":"estimate.request"}'),
    *x12_requests(),
    # errors
    ("calendar.make", '{"api_version":1}'),
    ("version", "{}"),
    ("estimate", '{"api_version":1,"case":{"plan":{"weeks":1e400}}}'),
    ("calendar.build", '{"api_version":1,"plan":{"id":"x"},"plan":{}}'),
]


REGISTRY = schema_registry()


def validate(document, name):
    schema = iop.api.schema(name)
    jsonschema.Draft202012Validator(schema, registry=REGISTRY).validate(document)


def test_results_of_the_examples():
    # Hand-worked in tests/cpp/api/test_api.cpp: 24 program days, 28 sessions, 4,440 minutes;
    # $11,580 charged, $3,316 for the patient; copays on 80% of M/S payments, $35 predominant.
    calendar = iop.call("calendar.build", wrap("plan", "plan.json"))["result"]
    assert calendar["totals"]["program_days"] == 24
    assert calendar["totals"]["scheduled_minutes"] == 4440
    estimate = iop.call("estimate", json.loads(wrap("case", "case.json")))["result"]
    assert estimate["totals"] == {
        "allowed": "11580.00",
        "balance_billed": "0.00",
        "charges": "11580.00",
        "patient": "3316.00",
        "plan": "8264.00",
        "secondary": "0.00",
        "write_off": "0.00",
    }
    report = iop.call("parity.analyse", wrap("design", "design.json").encode())["result"]
    assert report["tests"][0]["subject_share"] == "80%"
    assert report["tests"][0]["predominant_display"] == "$35.00"
    ics = iop.call("calendar.build", wrap("plan", "plan.json", "ics"))
    assert ics["format"] == "ics" and ics["content"].startswith("BEGIN:VCALENDAR\r\n")


def test_errors_are_raised_with_every_field():
    with pytest.raises(iop.ValidationError) as info:
        iop.call("estimate", {"api_version": 1, "case": {**json.loads((EXAMPLES / "case.json").read_text()),
                                                          "plan": {**json.loads((EXAMPLES / "case.json").read_text())["plan"],
                                                                   "weeks": 14}}})
    assert info.value.field == "case.plan.weeks"
    assert info.value.value == "14"
    assert info.value.problem == "is outside the program's weeks"
    assert info.value.allowed.startswith("6..12")
    with pytest.raises(iop.NotFoundError) as info:
        iop.call("calendar.make", {"api_version": 1})
    assert info.value.field == "operation"
    assert isinstance(info.value, LookupError)
    with pytest.raises(iop.ValidationError) as info:
        iop.call("version", {"api_version": 1, "x": float("nan")})
    with pytest.raises(iop.ValidationError):
        iop.call("version", b"\xff")
    with pytest.raises(TypeError):
        iop.call("version", 1)
    with pytest.raises(TypeError):
        iop.call(None, "{}")


@pytest.mark.parametrize("operation,request_text", REQUESTS)
def test_requests_and_responses_match_their_schemas(operation, request_text):
    response = json.loads(iop.call_json(operation, request_text))
    if operation in iop.api.operations():
        if "error" not in response:
            validate(json.loads(request_text), f"{operation}.request")
        validate(response, f"{operation}.response")
    else:
        validate(response, "error")


def test_every_schema_is_a_valid_draft_2020_12_schema():
    names = iop.api.schema_names()
    assert len(names) == len(set(names))
    for name in names:
        jsonschema.Draft202012Validator.check_schema(iop.api.schema(name))
    assert set(iop.api.operations()) <= {n.rsplit(".", 1)[0] for n in names if n.endswith(".request")}


def c_library():
    if "IOP_C_LIBRARY" in os.environ:  # make coverage: its own build's
        return pathlib.Path(os.environ["IOP_C_LIBRARY"])
    for build in ("dev", "release", "asan-ubsan"):
        path = ROOT / "build" / build / "libiop_c.so"
        if path.exists():
            return path
    return None


def through_c_abi(operation, data):
    """(status, response bytes) of iop_call through ctypes; skips the test when the C ABI is not built."""
    library_path = c_library()
    if library_path is None:
        pytest.skip("the C ABI is not built (cmake --preset dev && cmake --build --preset dev builds libiop_c.so)")
    library = ctypes.CDLL(str(library_path))
    library.iop_call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                                 ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
    library.iop_call.restype = ctypes.c_int
    library.iop_free.argtypes = [ctypes.c_void_p]
    pointer = ctypes.c_void_p()
    length = ctypes.c_size_t()
    status = library.iop_call(operation.encode(), data, len(data), ctypes.byref(pointer), ctypes.byref(length))
    body = ctypes.string_at(pointer, length.value)
    library.iop_free(pointer)
    return status, body


def test_the_same_request_gives_the_same_bytes_through_every_surface(iop_command):
    """The iop command (iop call), Python (iop.call_json) and the C ABI (through ctypes) answer byte for byte alike."""
    for operation, request in REQUESTS:
        data = request.encode()
        status, through_c = through_c_abi(operation, data)
        through_python = iop.call_json(operation, request).encode()
        through_cli = subprocess.run([iop_command, "call", operation, "--input", "-"], input=data,
                                     capture_output=True, timeout=60)
        assert through_cli.stdout == through_python == through_c, operation
        assert (status == 0) == (through_cli.returncode == 0), operation
        assert through_cli.returncode in (0, 2), operation


def test_subcommands_print_the_apis_answer(iop_command):
    """`iop calendar --format ics` prints the content; `--format json` the indented result of the same call."""
    plan = str(EXAMPLES / "plan.json")
    ics = subprocess.run([iop_command, "calendar", "--input", plan, "--format", "ics"], capture_output=True)
    assert ics.stdout == iop.call("calendar.build", wrap("plan", "plan.json", "ics"))["content"].encode()
    out = subprocess.run([iop_command, "calendar", "--input", plan, "--format", "json"], capture_output=True, text=True)
    assert out.stdout == json.dumps(iop.call("calendar.build", wrap("plan", "plan.json"))["result"], indent=2,
                                    ensure_ascii=False) + "\n"
    bad = subprocess.run([iop_command, "call", "version", "--input", "-"], input="{}", capture_output=True, text=True)
    assert bad.returncode == 2
    assert bad.stderr == "iop: [iop.validation] api_version: is missing; allowed: \"api_version\": 1 in every request\n"
