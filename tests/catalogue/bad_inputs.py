#!/usr/bin/env python3
"""The bad-input catalogue: every example document, mutated, through every command.

Each case is one example document (a plan, an intake, a case, ...) with one
mutation: a member deleted, set to null or to a value of the wrong type, an
extreme (dates in year 1400 or 9999, money near the 64-bit limits, integers
past every range), a long string, control characters, markup, spreadsheet
formulas, iCalendar line breaks, a duplicate member, deep nesting, an array
past the length limits, a number no double can hold. Every case runs the
`iop` command it belongs to, in one of the command's output formats, and must

* exit 0 with the output's invariants holding (allowed = plan + patient on
  every line and in the totals, no negative money, no session on a closed
  day, an iCalendar file whose lines are at most 75 octets with no forged
  property, a rectangular CSV without formulas, HTML without live markup),
* or exit 2 with exactly one line on standard error that names a field of
  the input (the path must lead into the document that was given),

never 1, never a signal, never more than a second of CPU or 256 MB of memory
(the address space is capped at 256 MB, so a case that needs more fails).

Run it as a program (``python3 tests/catalogue/bad_inputs.py --iop build/dev/apps/iop/iop``)
or through tests/python/test_bad_inputs.py, which runs it on the installed command.
"""
from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
DATA = ROOT / "data"

CPU_SECONDS = 1.0
MAX_RSS_BYTES = 256 << 20

# A placeholder that a mutation puts in the document and then replaces in its
# text, for what json.dumps cannot write (1e400, duplicate members, nesting).
TOKEN = "\u0001IOP-RAW\u0001"


@dataclass(frozen=True)
class Spec:
    """One command and the document slot the catalogue mutates."""

    name: str           # e.g. "calendar.holidays"
    document: Path      # the example document mutated
    argv: tuple         # the command's arguments, "{doc}" where the mutated file goes
    formats: tuple      # output formats, used in turn
    root: str           # the name the command gives the document in field paths
    others: tuple = ()  # (root, path) of the other documents the command is given, unchanged


def specs() -> list[Spec]:
    plan, intake = str(EXAMPLES / "plan.json"), str(EXAMPLES / "intake.json")
    with_plan = (("plan", EXAMPLES / "plan.json"),)
    return [
        Spec("plan", EXAMPLES / "plan.json", ("plan", "--input", "{doc}"), ("text", "json", "fhir"), "plan"),
        Spec("plan.program", EXAMPLES / "program.json", ("plan", "--input", plan, "--program", "{doc}"),
             ("json", "text"), "program", with_plan),
        Spec("recommend", EXAMPLES / "intake.json", ("recommend", "--input", "{doc}"), ("json", "text"), "intake"),
        Spec("recommend.rules", DATA / "level-of-care-rules.json",
             ("recommend", "--input", intake, "--rules", "{doc}"), ("json", "text"), "rules",
             (("intake", EXAMPLES / "intake.json"),)),
        Spec("calendar", EXAMPLES / "plan.json", ("calendar", "--input", "{doc}"), ("json", "ics", "csv", "fhir", "text"),
             "plan"),
        Spec("calendar.program", EXAMPLES / "program.json", ("calendar", "--input", plan, "--program", "{doc}"),
             ("json", "ics", "text"), "program", with_plan),
        Spec("calendar.holidays", EXAMPLES / "holidays.json", ("calendar", "--input", plan, "--holidays", "{doc}"),
             ("json", "ics", "csv"), "holidays", with_plan),
        Spec("calendar.events", EXAMPLES / "events.json",
             ("calendar", "--input", plan, "--events", "{doc}", "--holiday-policy", "make_up_same_week"),
             ("json", "ics", "csv"), "events", with_plan),
        Spec("estimate", EXAMPLES / "case.json", ("estimate", "--input", "{doc}"), ("json", "csv", "text"), "case"),
        Spec("gfe", EXAMPLES / "gfe-case.json", ("gfe", "--input", "{doc}"), ("json", "html"), "case"),
        Spec("parity", EXAMPLES / "design.json", ("parity", "--input", "{doc}"), ("json", "text"), "design"),
        Spec("demo", EXAMPLES / "demo.json", ("demo", "--input", "{doc}"), ("json", "text"), "demo"),
    ]


@dataclass
class Case:
    spec: Spec
    mutation: str       # e.g. "plan.start_date = '9999-12-31'"
    text: bytes         # the mutated document
    fmt: str
    document: object = field(default=None, repr=False)  # the parsed document when it is JSON iop reads as such


# --- mutations --------------------------------------------------------------

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONEY_RE = re.compile(r"^-?\$?[\d,]+\.\d{2}$")
RATE_RE = re.compile(r"^[\d.]+%$")

LONG = "x" * 100_000
GENERIC_STRINGS = [
    "", " ", LONG, "x\r\nSUMMARY:injected", "a\u0000b", "\u202eevil", "\x1b[31mred", "=HYPERLINK(\"http://x\")",
    "+1+1", "@SUM(A1)", "<script>alert(1)</script>", "\"&'<>", "a;b,c\\d", "\udcff" if False else "\u00e9\u4e2d",
    "ROLLUP" * 20,
]
DATE_STRINGS = ["9999-12-31", "1400-01-01", "0001-01-01", "1899-12-31", "2101-01-01", "2026-02-30", "2026-13-01",
                "26-03-02", "2026-03-02T00:00"]
MONEY_STRINGS = ["-92233720368547758.08", "92233720368547758.07", "-5.00", "0.00", "0.001", "1e3", "$9,999,999,999.99",
                 "100000000000.00", "NaN"]
RATE_STRINGS = ["1000000%", "-1%", "0%", "100%", "101%", "1/0", "0.5", "9223372036854775807%", "1/3"]
NUMBERS = [0, -1, 1, 7, 100, 1000, 100_000, 2**31, 2**63 - 1, -2**63, 2**64, 1.5, -0.0, 1e308]
WRONG_TYPES = [None, True, "x", [], {}, 3]
RAW = {"1e400": "1e400", "-1e400": "-1e400", "deep": "[" * 70_000 + "]" * 70_000,
       "deep_object": '{"a":' * 40 + "1" + "}" * 40}


def walk(node, path=()):
    """Every (path, value) of a JSON tree, the root first."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk(v, path + (i,))


def set_at(doc, path, value):
    if not path:
        return value
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


def delete_at(doc, path):
    out = copy.deepcopy(doc)
    node = out
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return out


def path_text(root, path):
    text = root
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else f".{key}"
    return text


def dumps(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8", "surrogatepass")


def with_raw(doc, path, raw: str) -> bytes:
    text = json.dumps(set_at(doc, path, TOKEN), ensure_ascii=False)
    return text.replace(json.dumps(TOKEN, ensure_ascii=False), raw, 1).encode()


def mutations(doc, root):
    """(description, text, parsed-or-None) for every mutation of @p doc."""
    yield "whole document deep", RAW["deep"].encode(), None
    yield "whole document empty", b"", None
    yield "whole document null", b"null", None
    yield "whole document invalid UTF-8", b'{"id": "\xff\xfe"}', None
    yield "whole document over 4 MiB", b'{"a": "' + b"x" * (4 << 20) + b'"}', None
    for path, value in walk(doc):
        where = path_text(root, path)
        if path and isinstance(path[-1], str):
            yield f"{where} deleted", dumps(delete_at(doc, path)), delete_at(doc, path)
        candidates = list(WRONG_TYPES)
        if isinstance(value, str):
            candidates += GENERIC_STRINGS
            if DATE_RE.match(value):
                candidates += DATE_STRINGS
            if MONEY_RE.match(value):
                candidates += MONEY_STRINGS
            if RATE_RE.match(value):
                candidates += RATE_STRINGS
        elif isinstance(value, bool):
            candidates += [False, 0, "true"]
        elif isinstance(value, (int, float)):
            candidates += NUMBERS + [str(value)]
        elif isinstance(value, list):
            if value:
                candidates += [value * 2, [value[0]] * 200, [value[0]] * 10_001, [value[0], value[0]]]
            candidates += [[None], [[]]]
        elif isinstance(value, dict):
            candidates += [dict(value, unknown_member=1)]
        for candidate in candidates:
            if candidate is value or (type(candidate) is type(value) and candidate == value):
                continue
            mutated = set_at(doc, path, candidate)
            shown = json.dumps(candidate)[:40]
            yield f"{where} = {shown}", dumps(mutated), mutated
        if path:
            for name, raw in RAW.items():
                yield f"{where} = <{name}>", with_raw(doc, path, raw), None
        if isinstance(value, dict) and value:
            first = next(iter(value))
            text = json.dumps(value, ensure_ascii=False)
            duplicated = "{" + json.dumps(first) + ": " + json.dumps(value[first]) + ", " + text[1:]
            yield f"{where} duplicate member {first}", with_raw(doc, path, duplicated) if path else duplicated.encode(), None


def cases(only: str | None = None):
    """Every case, generated one at a time (the whole catalogue is hundreds of megabytes)."""
    for spec in specs():
        if only and not spec.name.startswith(only):
            continue
        doc = json.loads(spec.document.read_text())
        for i, (mutation, text, parsed) in enumerate(mutations(doc, spec.root)):
            yield Case(spec, mutation, text, spec.formats[i % len(spec.formats)], parsed)


# --- running and checking -----------------------------------------------------

ERROR_LINE = re.compile(r"^iop: \[iop\.(validation|not_found|overflow)\] (?P<field>[^:]+?): ")
PATH_PART = re.compile(r"\.([^.\[\]]+)|\[(\d+)\]")


def resolves(document, root: str, field_path: str, sources: set[str]) -> bool:
    """Whether an error's field names a place in the document the command was given."""
    # A document refused as a whole (size, syntax, nesting) is named by its file, with the JSON path after " at ".
    base, _, json_path = field_path.partition(" at ")
    if base in sources:
        return json_path == "" or json_path.startswith("$")
    if base == root:
        return True
    if document is None:
        return False
    if not base.startswith(root):
        return False
    node = document
    rest = base[len(root):]
    parts = list(PATH_PART.finditer(rest))
    if "".join(m.group(0) for m in parts) != rest:
        return False
    for n, m in enumerate(parts):
        last = n == len(parts) - 1
        if m.group(1) is not None:
            if not isinstance(node, dict):
                return False
            if m.group(1) not in node:
                # A missing or unknown member, named by its would-be path (perhaps a member of it).
                return all(p.group(1) is not None for p in parts[n:])
            node = node[m.group(1)]
        else:
            index = int(m.group(2))
            if not isinstance(node, list) or index >= len(node):
                return False
            node = node[index]
    return True


MONEY_FIELD = re.compile(r'^-?\d+\.\d{2}$')


def money_values(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from money_values(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from money_values(v, f"{path}[{i}]")
    elif isinstance(node, str) and MONEY_FIELD.match(node):
        yield path, node


def cents(text: str) -> int:
    negative = text.startswith("-")
    whole, frac = text.lstrip("-").split(".")
    value = int(whole) * 100 + int(frac)
    return -value if negative else value


def check_estimate(result) -> list[str]:
    problems = []
    for where, row in [("totals", result["totals"])] + [(f"lines[{i}]", l) for i, l in enumerate(result["lines"])]:
        if cents(row["allowed"]) != cents(row["plan"]) + cents(row["patient"]):
            problems.append(f"{where}: allowed {row['allowed']} != plan {row['plan']} + patient {row['patient']}")
    for where, value in money_values(result):
        if value.startswith("-"):
            problems.append(f"negative money at {where}: {value}")
    return problems


def check_calendar(result) -> list[str]:
    closed = {g["date"] for g in result.get("gaps", []) if g.get("resolution") != "none"}
    return [f"session {s['uid']} on closed day {s['date']}" for s in result["sessions"] if s["date"] in closed]


def check_output(case: Case, stdout: bytes) -> list[str]:
    command, fmt = case.spec.argv[0], case.fmt
    try:
        text = stdout.decode("utf-8")
    except UnicodeDecodeError:
        return ["output is not UTF-8"]
    if fmt in ("json", "fhir"):
        try:
            result = json.loads(text)
        except ValueError as e:
            return [f"output is not JSON: {e}"]
        if command == "estimate":
            return check_estimate(result)
        if command == "calendar" and fmt == "json":
            return check_calendar(result)
        if command == "demo":
            return [f"negative money at {w}: {v}" for w, v in money_values(result) if v.startswith("-")]
        return []
    if fmt == "ics":
        problems = []
        lines = text.split("\r\n")
        for line in lines:
            if len(line.encode()) > 75:
                problems.append(f"ICS line over 75 octets: {line[:60]!r}")
            if "\n" in line or "\r" in line:
                problems.append(f"ICS line with a bare line break: {line[:60]!r}")
        unfolded = re.sub(r"\r\n[ \t]", "", text).split("\r\n")
        events = sum(1 for l in unfolded if l == "BEGIN:VEVENT")
        summaries = sum(1 for l in unfolded if l.startswith("SUMMARY"))
        if summaries != events:
            problems.append(f"{summaries} SUMMARY lines for {events} events (a forged property)")
        return problems[:3]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        problems = []
        if rows and len({len(r) for r in rows}) != 1:
            problems.append("CSV rows of different lengths")
        for row in rows:
            for cell in row:
                if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not re.match(r"^-\d", cell)):
                    problems.append(f"CSV cell that a spreadsheet runs as a formula: {cell[:40]!r}")
        return problems[:3]
    if fmt == "html":
        lowered = text.lower()
        if "<script" in lowered or "onerror=" in lowered:
            return ["HTML carries live markup from the input"]
        return []
    return []


def judge(case: Case, code: int, stdout: bytes, stderr: bytes, cpu: float) -> list[str]:
    problems = []
    if code < 0:
        problems.append(f"killed by signal {-code}")
    elif code == 1:
        problems.append("exit 1 (internal error)")
    elif code not in (0, 2):
        problems.append(f"exit {code}")
    if cpu > CPU_SECONDS:
        problems.append(f"{cpu:.2f} s of CPU")
    err = stderr.decode("utf-8", "replace")
    if code == 2:
        lines = err.split("\n")
        if len(lines) != 2 or lines[1] != "":
            problems.append(f"error is not one line: {err[:200]!r}")
        m = ERROR_LINE.match(lines[0])
        if not m:
            problems.append(f"error names no field: {lines[0][:200]!r}")
        else:
            sources = {case_path_marker} | {a for a in case.spec.argv if a.endswith(".json")}
            documents = [(case.spec.root, case.document)] + [(root, json.loads(path.read_text()))
                                                             for root, path in case.spec.others]
            if not any(resolves(doc, root, m.group("field"), sources) for root, doc in documents):
                problems.append(f"error names a field not in the input: {lines[0][:200]!r}")
        if len(err) > 2000:
            problems.append(f"error line of {len(err)} characters")
    elif code == 0:
        if err:
            problems.append(f"exit 0 with standard error {err[:200]!r}")
        problems += check_output(case, stdout)
    return problems


# The mutated file's own name, as the command reports a document refused as a whole.
case_path_marker = "<case file>"


def execute(iop: str, case: Case, directory: str, index: int):
    path = os.path.join(directory, f"case-{index}.json")
    with open(path, "wb") as f:
        f.write(case.text)
    # The limits are set by util-linux's prlimit, which then executes the command: 256 MB of address
    # space, more than the process's resident memory can ever be, so a case that needs more fails (an
    # out-of-memory exit 1) instead of being measured (a forked child's peak resident size counts its
    # parent's, so ru_maxrss cannot tell), and 10 s of CPU. Without a preexec_fn, Python starts the
    # child with vfork: forking a test process that has loaded pandas and Spark costs more than a case.
    argv = ["prlimit", f"--as={MAX_RSS_BYTES}", "--cpu=10", "--", iop]
    argv += [path if a == "{doc}" else a for a in case.spec.argv] + ["--format", case.fmt]

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    os.unlink(path)
    stderr = stderr.replace(path.encode(), case_path_marker.encode())
    cpu = usage.ru_utime + usage.ru_stime
    return judge(case, proc.returncode, stdout, stderr, cpu), proc.returncode, cpu


def run_all(iop: str, selected, jobs: int = 2):
    """Runs the cases on @p jobs workers, each taking the next case when it is free (so only
    @p jobs documents are in memory at once: a forked child's memory counts from its parent's)."""
    failures = []
    codes = {}
    slowest = [0.0, None]
    count = [0]
    lock = threading.Lock()
    source = enumerate(selected)

    def worker(directory):
        while True:
            with lock:
                item = next(source, None)
            if item is None:
                return
            index, case = item
            problems, code, cpu = execute(iop, case, directory, index)
            with lock:
                count[0] += 1
                codes[code] = codes.get(code, 0) + 1
                if cpu > slowest[0]:
                    slowest[:] = [cpu, f"{case.spec.name}: {case.mutation}"]
                if problems:
                    case.text = b""  # keep the description, not the document
                    failures.append((case, problems))

    with tempfile.TemporaryDirectory() as directory:
        threads = [threading.Thread(target=worker, args=(directory,)) for _ in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return failures, codes, slowest, count[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iop", required=True, help="the iop command to run")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", help="run only the specs whose name starts with this")
    parser.add_argument("--show", type=int, default=40, help="failures to print")
    args = parser.parse_args()
    start = time.monotonic()
    failures, codes, slowest, count = run_all(args.iop, cases(args.only), args.jobs)
    print(f"{count} cases in {time.monotonic() - start:.0f} s; exit codes {dict(sorted(codes.items()))}; "
          f"slowest {slowest[0]:.2f} s CPU ({slowest[1]})")
    for case, problems in failures[: args.show]:
        print(f"FAIL {case.spec.name} --format {case.fmt}: {case.mutation}: {'; '.join(problems)}")
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
