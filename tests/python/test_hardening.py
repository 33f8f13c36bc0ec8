"""Issue 11's table, row by row, at the command line: each input that once
crashed, hung, ate memory, was accepted when it should not be, or was refused
naming the wrong field. Each test says what the row was.

Every refusal must be exit 2 with one short line on standard error naming the
field of the input; every acceptance must give output that cannot be forged.
Set IOP_COMMAND to run these against another build of the command.
"""

import csv
import copy
import io
import json
import os
import pathlib
import re
import resource
import subprocess

import icalendar
import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"


def example(name):
    return json.loads((EXAMPLES / name).read_text())


@pytest.fixture(scope="module")
def iop(iop_command):
    command = os.environ.get("IOP_COMMAND", iop_command)

    def run(*args, document=None, text=None, files=None, tmp=None):
        """Runs the command with `--input -` fed from `document` (JSON) or `text`."""
        stdin = text if text is not None else (json.dumps(document) if document is not None else None)
        argv = [command, *args]

        def limit():
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

        result = subprocess.run(argv, input=stdin.encode() if isinstance(stdin, str) else stdin,
                                capture_output=True, timeout=30, preexec_fn=limit)
        result.out = result.stdout.decode("utf-8")
        result.err = result.stderr.decode("utf-8")
        return result

    return run


def refused(result, field):
    """Exit 2 and one short line naming `field` (a prefix of the field path, or the path itself)."""
    assert result.returncode == 2, (result.returncode, result.err[:500])
    lines = result.err.split("\n")
    assert len(lines) == 2 and lines[1] == "", result.err[:500]
    assert len(lines[0]) < 600, f"an error line of {len(lines[0])} characters"
    match = re.match(r"^iop: \[iop\.(validation|not_found|overflow)\] (?P<field>[^:]+?): ", lines[0])
    assert match, lines[0]
    assert match.group("field") == field or match.group("field").startswith(field), (field, lines[0])
    # Nothing raw that a terminal or a log would act on.
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", lines[0]), lines[0]
    return lines[0]


def plan_with(**changes):
    plan = example("plan.json")
    plan.update(changes)
    return plan


# --- crashes and internal errors ---------------------------------------------

DEEP = "[" * 70_000 + "]" * 70_000


@pytest.mark.parametrize("command", ["plan", "recommend", "calendar", "estimate", "gfe", "parity", "demo"])
def test_deep_nesting_is_refused_by_every_command(iop, command):
    # Was: signal 11, the error message recursed through the JSON dump (345 inputs).
    refused(iop(command, "--input", "-", text=DEEP), "standard input")


@pytest.mark.parametrize("number", ["1e400", "-1e400"])
def test_a_number_no_double_holds_is_refused(iop, number):
    # Was: exit 1, internal error: number overflow.
    text = json.dumps(plan_with(weeks="@")).replace('"@"', number)
    line = refused(iop("plan", "--input", "-", text=text), "standard input")
    assert "$.weeks" in line


@pytest.mark.parametrize("command, name, place", [
    ("demo", "demo.json", ["start_date"]),
    ("estimate", "case.json", ["plan", "start_date"]),
    ("gfe", "gfe-case.json", ["plan", "start_date"]),
])
def test_year_9999_is_a_named_validation_error(iop, command, name, place):
    # Was: exit 1, internal error: Year is out of valid range.
    document = example(name)
    node = document
    for key in place[:-1]:
        node = node[key]
    node[place[-1]] = "9999-12-31"
    root = {"demo": "demo", "estimate": "case", "gfe": "case"}[command]
    line = refused(iop(command, "--input", "-", document=document), ".".join([root, *place]))
    assert "1900-01-01..2100-12-31" in line


def test_start_date_9999_is_not_blamed_on_a_goal(iop):
    # Was: a 9999 start date blamed on problems[0].goals[0].target_date.
    refused(iop("plan", "--input", "-", document=plan_with(start_date="9999-12-31")), "plan.start_date")


# --- cost bounded ---------------------------------------------------------------

def test_a_huge_tracks_array_in_demo_is_refused_at_once(iop):
    # Was: 47 s and 9.6 GB for a 50 MB tracks array.
    tracks = [{"name": f"t{i}", "start": "09:00"} for i in range(10_001)]
    refused(iop("demo", "--input", "-", document={"tracks": tracks}), "standard input")
    tracks = tracks[:101]
    refused(iop("demo", "--input", "-", document={"tracks": tracks}), "demo.tracks")


def test_a_50_mb_document_is_refused_by_size(iop):
    # Was: 1.5 GB of output and 5 GB of memory for a 50 MB plan id in calendar --format json.
    text = json.dumps(plan_with(id="x" * (50 << 20)))
    line = refused(iop("calendar", "--input", "-", "--format", "json", text=text), "standard input")
    assert "4194304 bytes" in line


def test_a_long_plan_id_is_refused_not_copied_into_every_uid(iop):
    refused(iop("calendar", "--input", "-", "--format", "json", document=plan_with(id="x" * 129)), "plan.id")
    result = iop("calendar", "--input", "-", "--format", "json", document=plan_with(id="x" * 128))
    assert result.returncode == 0, result.err


@pytest.mark.parametrize("size", [100_000, 60_000])
def test_a_long_value_is_echoed_as_a_short_excerpt(iop, size):
    # Was: a 100 KB or 50 MB value echoed whole in the one-line error (a 52 MB line).
    line = refused(iop("plan", "--input", "-", document=plan_with(payer="p" * size)), "")
    assert len(line) < 600


@pytest.mark.parametrize("value, shown", [("a\u0000b", "\\x00"), ("\u202eevil", "\\u{202E}"), ("x\r\ny", "\\x0D\\x0A"),
                                          ("\x1b[31m", "\\x1B")])
def test_control_characters_are_echoed_escaped(iop, value, shown):
    # Was: control characters, U+202E and NUL echoed raw.
    line = refused(iop("plan", "--input", "-", document=plan_with(payer=value)), "plan.payer")
    assert shown in line


def test_duplicate_members_are_refused(iop):
    # Was: the last one silently won.
    text = json.dumps(plan_with()).replace('"weeks": 8', '"weeks": 8, "weeks": 12')
    line = refused(iop("plan", "--input", "-", text=text), "standard input")
    assert "given twice" in line


# --- money ------------------------------------------------------------------------

def design_with(edit):
    design = example("design.json")
    edit(design)
    return design


def zero_level_row(design):
    for c in design["classifications"]:
        for row in c.get("medical_surgical", []):
            return c, row
    raise AssertionError("the example design has no medical/surgical rows")


def test_negative_payments_on_a_zero_level_row_are_refused(iop):
    # Was: accepted; UBSan: std::gcd negates INT64_MIN in src/parity/report.cpp.
    def edit(design):
        _, row = zero_level_row(design)
        row["level"] = "0" if row["type"] in ("visit_limit", "day_limit") else "0.00"
        row["payments"] = "-92233720368547758.08"
    refused(iop("parity", "--input", "-", document=design_with(edit)), "design.classifications[0].medical_surgical[0].payments")


def test_a_parity_level_past_the_largest_amount_is_refused(iop):
    # Was: a level of 92233720368547758.07 accepted and printed.
    def edit(design):
        _, row = zero_level_row(design)
        row["type"] = "copay"
        row["level"] = "92233720368547758.07"
    refused(iop("parity", "--input", "-", document=design_with(edit)), "design.classifications[0].medical_surgical[0].level")


def test_payments_past_the_total_name_the_rows_not_an_internal_sum(iop):
    # Was: `amount + amount: ... does not fit`, and `design.classifications.copay`, names the input never had.
    def edit(design):
        _, row = zero_level_row(design)
        row["payments"] = "100000000000.00"
    refused(iop("parity", "--input", "-", document=design_with(edit)), "design.classifications[0].")

    def negative(design):
        _, row = zero_level_row(design)
        row["payments"] = "-5.00"
    # Was: `share: -500/1499999500 is not a non-negative rate`.
    refused(iop("parity", "--input", "-", document=design_with(negative)), "design.classifications[0].medical_surgical[0].payments")


def set_path(document, path, value):
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


BIDI = "Plan\u202eGPO"


# The facts a compliance review records (plan status, size, exemption years, tiers, coverage
# units, dollar limits, NQTL data, criteria, telehealth) keep to the same limits as every input,
# and an error names the design's own field.
@pytest.mark.parametrize("path, value, field", [
    (("dollar_limits", 0, "total_payments"), "100000000000.01", "design.dollar_limits[0].total_payments"),
    (("dollar_limits", 0, "medical_surgical", 0, "limit"), "100000000.01",
     "design.dollar_limits[0].medical_surgical[0].limit"),
    (("dollar_limits", 0, "medical_surgical", 0, "payments"), "-0.01",
     "design.dollar_limits[0].medical_surgical[0].payments"),
    (("dollar_limits", 0, "medical_surgical", 0, "category"), "x" * 129,
     "design.dollar_limits[0].medical_surgical[0].category"),
    (("dollar_limits", 0, "mental_health"), {"application": "separate", "limit": "92233720368547758.07"},
     "design.dollar_limits[0].mental_health.limit"),
    (("dollar_limits",), [{"kind": "annual", "total_payments": "1.00", "mental_health": {"application": "none"}}] * 101,
     "design.dollar_limits"),
    (("employer", "controlled_group", 0, "name"), BIDI, "design.employer.controlled_group[0].name"),
    (("employer", "average_employees_prior_year"), 10_000_001, "design.employer.average_employees_prior_year"),
    (("participants_current_employees",), -1, "design.participants_current_employees"),
    (("nqtls", 0, "name"), "Prior\nauthorization", "design.nqtls[0].name"),
    (("nqtls", 0, "terms"), "x" * 4097, "design.nqtls[0].terms"),
    (("nqtls", 0, "applies_to", 0, "mental_health", 0), "", "design.nqtls[0].applies_to[0].mental_health[0]"),
    (("nqtls", 0, "in_operation", 0, "period"), "2025\r\nX-INJECTED", "design.nqtls[0].in_operation[0].period"),
    (("nqtls", 0, "in_operation", 1, "mental_health"), 3651, "design.nqtls[0].in_operation[1].mental_health"),
    (("medical_necessity_criteria", 0), "locus\u0000", "design.medical_necessity_criteria[0]"),
    (("medical_necessity_criteria",), ["locus"] * 101, "design.medical_necessity_criteria"),
    (("telehealth", 0, "service"), " IOP", "design.telehealth[0].service"),
    (("telehealth", 0, "telehealth"), "1000000.01", "design.telehealth[0].telehealth"),
    (("status", "funding"), "partly_insured", "design.status.funding"),
    (("coverage_unit",), BIDI, "design.coverage_unit"),
])
def test_compliance_facts_keep_to_the_limits_and_name_the_designs_field(iop, path, value, field):
    design = example("design.json")
    set_path(design, path, value)
    refused(iop("parity", "--input", "-", document=design), field)


def test_tiers_and_coverage_units_keep_to_the_limits(iop):
    design = example("design-coverage-units.json")
    design["network_tiers"][0]["factors"] = "quality\x07"
    refused(iop("parity", "--input", "-", document=design), "design.network_tiers[0].factors")
    design = example("design-coverage-units.json")
    design["network_tiers"][0]["id"] = "t" * 129
    refused(iop("parity", "--input", "-", document=design), "design.network_tiers[0].id")
    design = example("design-coverage-units.json")
    design["coverage_units"] = design["coverage_units"] * 51  # 102 units
    refused(iop("parity", "--input", "-", document=design), "design.coverage_units")
    design = example("design-coverage-units.json")
    design["coverage_units"][1]["coverage_unit"] = "family\u2028"
    refused(iop("parity", "--input", "-", document=design), "design.coverage_units[1].coverage_unit")
    design = example("design-exempt-year.json")
    design["cost_exemption"]["certification"]["actuary"] = "A. Actuary\tFSA"
    refused(iop("parity", "--input", "-", document=design), "design.cost_exemption.certification.actuary")


@pytest.mark.parametrize("member, value, field", [
    (("accumulators", "deductible_family"), "-5.00", "case.coverage.accumulators.deductible_family"),
    (("accumulators", "oop_family"), "-5.00", "case.coverage.accumulators.oop_family"),
    (("accumulators", "deductible_individual"), "-5.00", "case.coverage.accumulators.deductible_individual"),
    (("deductible", "family"), "-5.00", "case.coverage.deductible.family"),
    (("out_of_pocket_max", "individual"), "0.00", "case.coverage.out_of_pocket_max.individual"),
    (("coinsurance",), "1000000%", "case.coverage.coinsurance"),
    (("deductible", "individual"), "100000000000.00", "case.coverage.deductible.individual"),
])
def test_coverage_amounts_are_refused_naming_the_cases_own_field(iop, member, value, field):
    # Was: negative accumulators accepted; others named coverage.deductible_family etc.
    case = example("case.json")
    node = case["coverage"]
    for key in member[:-1]:
        node = node[key]
    node[member[-1]] = value
    refused(iop("estimate", "--input", "-", document=case), field)


def test_fee_schedule_errors_name_the_cases_own_field(iop):
    case = example("case.json")
    case["fee_schedule"]["per_diem"] = "-5.00"
    refused(iop("estimate", "--input", "-", document=case), "case.fee_schedule.per_diem")


@pytest.mark.parametrize("member, value", [("per_diem", "-5.00"), ("per_diem", "0.00"), ("coinsurance", "1000000%"),
                                           ("per_diem", "1000000.01")])
def test_demo_refuses_negative_per_diem_and_coinsurance_over_100(iop, member, value):
    # Was: accepted, negative charges printed.
    refused(iop("demo", "--input", "-", document={member: value}), f"demo.{member}")


# --- the commands agree -------------------------------------------------------------

@pytest.mark.parametrize("start", ["1400-01-01", "1950-06-05", "2099-06-01"])
def test_plan_and_calendar_refuse_the_same_start_dates(iop, start):
    # Was: `iop plan` said valid for 1400-01-01, `iop calendar` refused.
    plan = plan_with(start_date=start)
    line_plan = refused(iop("plan", "--input", "-", document=plan), "plan.start_date")
    line_calendar = refused(iop("calendar", "--input", "-", document=plan), "plan.start_date")
    assert line_plan == line_calendar


def test_plan_and_calendar_accept_the_same_late_start(iop):
    plan = plan_with(start_date="2096-12-28")
    for problem in plan["problems"]:
        for goal in problem["goals"]:
            goal["target_date"] = "2097-02-20"
    plan["baseline"] = []
    assert iop("plan", "--input", "-", document=plan).returncode == 0
    assert iop("calendar", "--input", "-", document=plan).returncode == 0


@pytest.mark.parametrize("edit, field", [
    (lambda h: h["closures"][0].update(date="1950-01-02"), "holidays.closures[0].date"),
    (lambda h: h["holidays"][0].update(date="1400-01-01"), "holidays.holidays[0].date"),
    (lambda h: h["closures"][1].update(to="2030-01-01"), "holidays.closures[1].to"),
    (lambda h: h.update(open_weekdays=[]), "holidays.open_weekdays"),
])
def test_holiday_errors_name_the_holiday_documents_field(iop, tmp_path, edit, field):
    # Was: `date: 1400-01-01 is outside the holiday calendar's years`, `closures.from`, `open_weekdays`.
    holidays = example("holidays.json")
    edit(holidays)
    path = tmp_path / "holidays.json"
    path.write_text(json.dumps(holidays))
    refused(iop("calendar", "--input", str(EXAMPLES / "plan.json"), "--holidays", str(path)), field)


def test_event_dates_outside_the_calendar_name_the_event(iop, tmp_path):
    events = example("events.json")
    events[1]["new_date"] = "1950-01-02"
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events))
    refused(iop("calendar", "--input", str(EXAMPLES / "plan.json"), "--events", str(path)), "events[1].new_date")


def test_extension_events_cannot_extend_a_course_forever(iop, tmp_path):
    events = [{"kind": "extend", "date": "2026-04-24", "weeks": 26, "note": "authorised"}] * 10
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events))
    refused(iop("calendar", "--input", str(EXAMPLES / "plan.json"), "--events", str(path)), "events[5].weeks")


@pytest.mark.parametrize("member, value", [
    (("issued_on",), "1400-01-01"), (("issued_on",), "9999-12-31"),
    (("patient", "date_of_birth"), "1400-01-01"), (("patient", "date_of_birth"), "9999-12-31"),
    (("patient", "date_of_birth"), "2027-01-01"),
])
def test_gfe_dates_out_of_range_are_refused(iop, member, value):
    # Was: accepted.
    case = example("gfe-case.json")
    node = case
    for key in member[:-1]:
        node = node[key]
    node[member[-1]] = value
    refused(iop("gfe", "--input", "-", document=case), "case." + ".".join(member))


@pytest.mark.parametrize("field, value", [("npi", "1234567890"), ("tin", "12-34"), ("name", "")])
def test_gfe_provider_errors_name_the_cases_field(iop, field, value):
    # Was: case.gfe.providers[0].npi, a name the input never had.
    case = example("gfe-case.json")
    case["provider"][field] = value
    refused(iop("gfe", "--input", "-", document=case), f"case.provider.{field}")


def test_a_baseline_date_in_1400_is_refused(iop):
    # Was: accepted.
    plan = plan_with()
    plan["baseline"][0]["date"] = "1400-01-01"
    refused(iop("plan", "--input", "-", document=plan), "plan.baseline[0].date")


@pytest.mark.parametrize("member, make", [
    ("problems", lambda p: p["problems"][0]), ("interventions", lambda p: p["interventions"][0]),
    ("baseline", lambda p: p["baseline"][0]),
])
def test_ten_thousand_entries_are_refused(iop, member, make):
    # Was: 10,000 entries accepted in tracks, locations, problems, interventions, baseline.
    plan = plan_with()
    plan[member] = [make(plan)] * 10_000
    refused(iop("plan", "--input", "-", document=plan), f"plan.{member}")


def test_more_than_a_hundred_tracks_and_locations_are_refused(iop, tmp_path):
    program = example("program.json")
    program["tracks"] = [dict(program["tracks"][0], name=f"t{i}") for i in range(101)]
    path = tmp_path / "program.json"
    path.write_text(json.dumps(program))
    refused(iop("plan", "--input", str(EXAMPLES / "plan.json"), "--program", str(path)), "program.tracks")
    case = example("gfe-case.json")
    case["provider"]["locations"] = case["provider"]["locations"] * 101
    refused(iop("gfe", "--input", "-", document=case), "case.provider.locations")


def test_monte_carlo_runs_are_bounded(iop):
    case = example("case.json")
    case["monte_carlo"]["runs"] = 100_000
    refused(iop("estimate", "--input", "-", document=case), "case.monte_carlo.runs")


# --- exports that cannot be forged ------------------------------------------------------

INJECTED = "x\r\nSUMMARY:injected"


def test_a_plan_id_with_a_line_break_cannot_forge_an_ics_line(iop):
    # Was: the ICS gained a forged SUMMARY line.
    line = refused(iop("calendar", "--input", "-", "--format", "ics", document=plan_with(id=INJECTED)), "plan.id")
    assert "holds a control character" in line


def test_notes_with_line_breaks_are_escaped_and_folded_in_ics(iop, tmp_path):
    events = example("events.json")
    events[0]["note"] = "sick\r\nSUMMARY:injected;, \\ " + "long " * 40
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events))
    result = iop("calendar", "--input", str(EXAMPLES / "plan.json"), "--events", str(path), "--format", "ics")
    assert result.returncode == 0, result.err
    lines = result.out.split("\r\n")
    assert all(len(l.encode()) <= 75 for l in lines)
    assert not any(l.startswith("SUMMARY:injected") for l in lines)
    calendar = icalendar.Calendar.from_ical(result.out)
    events_out = [c for c in calendar.walk("VEVENT")]
    assert all(str(e["SUMMARY"]).startswith("Los Angeles depression IOP") for e in events_out)
    noted = [e for e in events_out if "sick" in str(e["DESCRIPTION"])]
    assert len(noted) == 1
    # The note comes back whole, line break and all, as TEXT.
    assert "sick\nSUMMARY:injected;, \\ long" in str(noted[0]["DESCRIPTION"])


def test_a_newline_in_the_plan_id_cannot_ragged_the_estimate_csv(iop):
    # Was: ragged CSV rows.
    case = example("case.json")
    case["plan"]["id"] = "a\nb"
    refused(iop("estimate", "--input", "-", "--format", "csv", document=case), "case.plan.id")


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_formula_leading_ids_are_neutralised_in_csv(iop, lead):
    # A leading = + - @ would be a spreadsheet formula.
    case = example("case.json")
    case["plan"]["id"] = lead + "HYPERLINK(\"http://x\",\"y\")"
    del case["monte_carlo"]
    result = iop("estimate", "--input", "-", "--format", "csv", document=case)
    assert result.returncode == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out, newline="")))
    assert len({len(r) for r in rows}) == 1
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "@") and not re.match(r"^-[^\d]", cell), cell


def test_markup_in_every_text_field_of_a_gfe_is_escaped(iop):
    markup = "<script>alert(1)</script>\"'&"
    case = example("gfe-case.json")
    case["patient"]["name"] = "Pat " + markup
    case["provider"]["name"] = "Clinic " + markup
    case["provider"]["locations"][0]["address"] = "1 Main St " + markup
    case["separately_scheduled"] = ["Evaluation " + markup]
    case["co_providers"] = [{"name": "Co " + markup, "npi": "1245319599", "tin": "98-7654321",
                             "locations": [{"address": "2 Main St " + markup, "state": "CA"}],
                             "items": [{"code": "99214", "code_type": "CPT", "description": "Visit " + markup,
                                        "quantity": 1, "unit_charge": "0.00", "diagnosis_codes": ["F32.1"],
                                        "charge_note": "Free " + markup}]}]
    result = iop("gfe", "--input", "-", "--format", "html", document=case)
    assert result.returncode == 0, result.err
    html = result.out
    assert "<script" not in html.lower()
    # Once each: the patient, each address, the separately scheduled item, the item and its note; four
    # times each provider's name (summary, heading, subtotal, dispute line): 1 + 2 + 1 + 2 + 2 x 4 = 14.
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;") == 14
