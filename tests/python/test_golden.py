"""The golden corpus (tests/golden/) through Python (iop.call_json) and the iop command (iop call).

Every recorded request must be answered with exactly the recorded bytes; the C++ API and the C ABI
are checked by tests/cpp/golden/test_golden.cpp. A response changes only on purpose:
re-record it with tests/golden/build_corpus.py --record, and say in the commit why.
"""

import json
import pathlib
import subprocess

import iop

GOLDEN = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden"
INDEX = json.loads((GOLDEN / "index.json").read_text(encoding="utf-8"))


def expand(recipe):
    head, tail, fill = recipe["prefix"].encode(), recipe["suffix"].encode(), recipe["fill"].encode()
    n = recipe["total_bytes"] - len(head) - len(tail)
    return head + (fill * (n // len(fill) + 1))[:n] + tail


def request_of(entry):
    if "recipe" in entry:
        return expand(entry["recipe"])
    return (GOLDEN / "cases" / f"{entry['name']}.request").read_bytes()


def response_of(entry):
    return (GOLDEN / "cases" / f"{entry['name']}.response").read_bytes()


def test_the_corpus_is_large_and_every_operation_is_in_it():
    assert len(INDEX) >= 300
    assert set(iop.api.operations()) <= {entry["operation"] for entry in INDEX}
    names = [entry["name"] for entry in INDEX]
    assert len(names) == len(set(names))
    recorded = {p.relative_to(GOLDEN / "cases").as_posix()[: -len(".response")]
                for p in (GOLDEN / "cases").rglob("*.response")}
    assert recorded == set(names), "a response file without a case, or a case without its response"


def test_through_python():
    differences = [entry["name"] for entry in INDEX
                   if iop.call_json(entry["operation"], request_of(entry)).encode() != response_of(entry)]
    assert differences == []


def test_through_the_iop_command(iop_command, tmp_path):
    differences = []
    for entry in INDEX:
        if "recipe" in entry:
            source = tmp_path / "request.json"
            source.write_bytes(expand(entry["recipe"]))
        else:
            source = GOLDEN / "cases" / f"{entry['name']}.request"
        run = subprocess.run([iop_command, "call", entry["operation"], "--input", str(source)], capture_output=True,
                             check=False)
        expected = response_of(entry)
        is_error = b'"error":{' in expected[:40]
        if run.stdout != expected or (run.returncode == 0) == is_error:
            differences.append(f"{entry['name']} (exit {run.returncode})")
        if is_error:
            # The one line on standard error is the error object's message.
            message = json.loads(expected)["error"]["message"].replace("\n", " ").replace("\r", " ")
            if run.stderr.decode() != f"iop: {message}\n":
                differences.append(f"{entry['name']}: standard error {run.stderr[:120]!r}")
    assert differences == []

