"""Same input, same bytes: across runs (separate processes), across threads, and
across surfaces (the iop command's subcommands, `iop call`, Python's iop.call and
the Python value types' own writers).

Each request below is run several ways and every answer must be byte-identical:
a Monte Carlo estimate (seeded), calendars as iCalendar, CSV, FHIR and JSON, a
GFE as HTML, a parity report as text, and an error.
"""

import json
import pathlib
import subprocess
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import iop

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def text(name):
    return (EXAMPLES / name).read_text(encoding="utf-8")


REQUESTS = [
    ("estimate", '{"api_version":1,"format":"csv","case":%s}' % text("case.json")),
    ("estimate", '{"api_version":1,"case":%s}' % text("case.json")),  # with the seeded Monte Carlo
    ("calendar.build", '{"api_version":1,"format":"ics","plan":%s,"holidays":%s,"events":%s,"holiday_policy":"make_up_same_week"}'
     % (text("plan.json"), text("holidays.json"), text("events.json"))),
    ("calendar.build", '{"api_version":1,"format":"fhir","plan":%s}' % text("plan.json")),
    ("calendar.build", '{"api_version":1,"format":"csv","plan":%s,"events":%s}' % (text("plan.json"), text("events.json"))),
    ("gfe", '{"api_version":1,"format":"html","case":%s}' % text("gfe-case.json")),
    ("parity.analyse", '{"api_version":1,"format":"text","design":%s}' % text("design.json")),
    ("demo", '{"api_version":1,"format":"json","demo":%s}' % text("demo.json")),
    ("plan.check", '{"api_version":1,"plan":{"id":"x\\u202e"}}'),
]


def cli_call(command, operation, request):
    result = subprocess.run([command, "call", operation, "--input", "-"], input=request.encode(),
                            capture_output=True, timeout=60)
    return result.stdout.decode("utf-8")


def test_runs_threads_and_surfaces_give_the_same_bytes(iop_command):
    expected = [iop.call_json(op, req) for op, req in REQUESTS]
    assert any("BEGIN:VCALENDAR" in e for e in expected)
    # Separate processes, three times each.
    for _ in range(3):
        assert [cli_call(iop_command, op, req) for op, req in REQUESTS] == expected
    # Eight Python threads at once, each through the list in its own order.
    def one_thread(start):
        order = [(start + k) % len(REQUESTS) for k in range(len(REQUESTS))]
        return {i: iop.call_json(*REQUESTS[i]) for i in order for _ in range(2)}

    with ThreadPoolExecutor(8) as pool:
        for answers in pool.map(one_thread, range(8)):
            assert [answers[i] for i in range(len(REQUESTS))] == expected


def test_subcommands_and_python_writers_agree(iop_command):
    # iop calendar --format ics prints what Python's SessionCalendar.to_ics() writes.
    plan = iop.TreatmentPlan.from_dict(json.loads(text("plan.json")))
    calendar = iop.build_calendar(plan)
    ics = subprocess.run([iop_command, "calendar", "--input", str(EXAMPLES / "plan.json"), "--format", "ics"],
                         capture_output=True, timeout=60).stdout.decode("utf-8")
    assert ics == calendar.to_ics()
    # And the same twice in a row from Python.
    assert iop.build_calendar(plan).to_ics() == calendar.to_ics()


def test_batch_calendars_do_not_depend_on_the_thread(iop_command):
    starts = np.array(["2026-01-05", "2026-06-29", "2026-11-23", "2027-02-15"] * 50, dtype="datetime64[D]")
    weeks = np.array([6, 8, 10, 12] * 50)
    days = np.array([3, 4, 5, 3] * 50)
    alone = iop.build_calendars(starts, weeks, days)

    def batch(_):
        return iop.build_calendars(starts, weeks, days)

    with ThreadPoolExecutor(8) as pool:
        for columns in pool.map(batch, range(8)):
            for name, column in alone.items():
                assert np.array_equal(columns[name], column), name
