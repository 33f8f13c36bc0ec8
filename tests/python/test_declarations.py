"""One declaration per document (declarations/): what is generated from it stays generated.

The library's schemas are checked against a fresh generation in test_schemas.py; here, the committed
copies (docs/documents.md, the operations tables of README.md and docs/api.md, iop/documents.py),
the CLI's formats and the readers, which must name members only through the declarations.
"""

import json
import pathlib
import re
import subprocess
import sys

import pytest

import iop
import iop.documents

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_committed_copies_are_what_the_declarations_generate():
    run = subprocess.run([sys.executable, str(ROOT / "declarations" / "generate.py"), "docs", "--check"],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr


def test_the_installed_typed_dicts_are_the_generated_ones():
    assert (pathlib.Path(iop.documents.__file__).read_text(encoding="utf-8")
            == (ROOT / "bindings" / "python" / "iop" / "documents.py").read_text(encoding="utf-8"))
    plan: iop.documents.TreatmentPlanDocument = json.loads((ROOT / "examples" / "plan.json").read_text())
    assert set(plan) <= set(iop.documents.TreatmentPlan.__annotations__) | set(
        getattr(iop.documents, "_TreatmentPlanRequired").__annotations__)


@pytest.mark.parametrize("command, operation", [
    ("calendar", "calendar.build"), ("estimate", "estimate"), ("gfe", "gfe"), ("parity", "parity.analyse"),
    ("recommend", "recommend"), ("programs", "programs.list"), ("demo", "demo"), ("review", "plan.review"),
    ("episode", "episode.state"), ("outcomes", "outcomes.cohort")])
def test_the_commands_formats_are_the_operations(iop_command, command, operation):
    help_text = subprocess.run([iop_command, command, "--help"], capture_output=True, text=True, check=True).stdout
    option = re.search(r"--format TEXT:\{([^}]*)\}", help_text)
    assert option, help_text
    offered = set(option.group(1).split(","))
    declared = set()
    for answer in iop.schema(f"{operation}.response")["oneOf"]:
        if "properties" in answer:
            declared |= set(answer["properties"]["format"]["enum"])
    # The plan command also answers FHIR (through plan.fhir); every other format is the operation's own.
    assert offered == declared


def test_calendar_help_names_the_programs_holidays_as_the_default(iop_command):
    help_text = subprocess.run([iop_command, "calendar", "--help"], capture_output=True, text=True, check=True).stdout
    assert "US federal" not in help_text
    assert "private_clinic" in help_text


# Member names are written once, in the declarations: a reader names a member through its declared
# descriptor (decl::<object>::<member>), never as a string of its own. The files below read data iop
# ships (data/*.json) or its own outputs' derived parts, each with the reason it keeps literal names.
LITERAL_NAMES_ALLOWED = {
    "src/api/openapi.cpp": "writes the OpenAPI description (JSON Schema keywords, not document members)",
    # The data iop ships (data/*.json), read once when first used; their files are checked by the tests that
    # use them, not by a request's schema.
    "src/parity/data.cpp": "data/medical-necessity-criteria.json and data/state-overlays.json",
    "src/billing/fee_schedule.cpp": "data/medicare-iop-rates.json",
    "src/billing/sliding_scale.cpp": "data/poverty-guidelines.json",
    "src/plan/program.cpp": "data/programs.json's list of programs (each one read as a declared program)",
    "src/billing/figures.cpp": "data/medicare-part-b.json, aca-oop-limits.json and medicaid-cost-sharing.json",
    "src/core/time_zone.cpp": "data/time-zones.json (generated from the IANA database by scripts/generate_time_zones.py)",
    "src/core/evidence.cpp": "the evidence record of every figure in data/",
    "src/api/data_operations.cpp": "lists the data files' figures and evidence (data.sources)",
    # Not a document of the API: the counts of a cohort's part, written and read back by iop itself between the
    # processes of a cluster (iop.outcomes.CohortPart); no operation takes it.
    "src/episode/cohort_tally.cpp": "reads back the tally text it writes (iop.outcomes.CohortPart)",
}
# A line may name an old member on purpose, to refuse it by name rather than as unknown.
NAMED_TO_REFUSE = "named to refuse it"


def test_readers_name_members_only_through_the_declarations():
    offenders = []
    pattern = re.compile(r'(\.|->)(at|find)\("[a-z_]+"\)|expect_only\(\{')
    for path in sorted((ROOT / "src").rglob("*.cpp")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in LITERAL_NAMES_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and NAMED_TO_REFUSE not in line:
                offenders.append(f"{relative}:{number}: {line.strip()[:100]}")
    assert offenders == []


# The writers that write straight from the values (core/json_writer.hpp) and whose every member name is a
# declaration's: the calendar (declarations/calendar.py, events.py) and the estimate (estimate.py). Others still
# name members as strings; each one converted joins this list.
DECLARED_WRITERS = ["src/calendar/session_calendar_json.cpp", "src/billing/estimate_json.cpp"]


def test_the_declared_writers_name_members_only_through_the_declarations():
    literal = re.compile(r'\b(member|key)\("')
    offenders = []
    for relative in DECLARED_WRITERS:
        for number, line in enumerate((ROOT / relative).read_text(encoding="utf-8").splitlines(), 1):
            if literal.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()[:100]}")
    assert offenders == []


# The writers that build a JSON value member by member (nlohmann's DOM) and whose every member name is a
# declaration's (`decl::key(decl::<object>::<member>)`): the function, by the line it starts with, in its file.
# Still naming members as strings: the demo's report; a writer converted joins this list.
DECLARED_DOM_WRITERS = {
    "src/plan/treatment_plan.cpp": ["json to_json(const TreatmentPlan& plan) {", "json to_json(const PlanCheck& check) {",
                                    "json to_json(const PlanReview& review) {"],
    "src/plan/program.cpp": ["json frequency_json(const SessionFrequency& f) {", "json blocks_json(",
                             "json to_json(const ProgramTemplate& p) {"],
    "src/billing/coverage_json.cpp": ["json cost_sharing_json(const CostSharing& t) {", "json medicaid_json(",
                                      "json out_of_network_json(", "json accumulators_json(", "json authorizations_json(",
                                      "json secondary_json(", "json to_json(const Coverage& c) {"],
    "src/parity/report_json.cpp": ["json test_json(const TypeTest& t) {", "json dollar_limit_json(const DollarLimitTest& t) {",
                                   "json to_json(const ParityReport& r) {", "json to_json(const std::vector<Provision>& provisions) {"],
    "src/io/x12/benefits.cpp": ["nlohmann::json tier_json(const TierBenefits& t) {",
                                "nlohmann::json coverage_document(const Benefits& b) {",
                                "nlohmann::json to_json(const Benefits& b) {"],
    "src/io/x12/claims_json.cpp": ["nlohmann::json to_json(const ClaimBatch& batch) {"],
    "src/billing/remittance.cpp": ["nlohmann::json adjustments_json(", "nlohmann::json line_json(",
                                   "nlohmann::json claim_json(", "nlohmann::json to_json(const Remittance& r) {"],
    "src/billing/reconciliation.cpp": ["nlohmann::json line_json(", "nlohmann::json to_json(const Reconciliation& r) {"],
    "src/billing/fee_schedule.cpp": ["json to_json(const FeeSchedule& f) {"],
    "src/billing/estimate.cpp": ["json to_json(const MonteCarloResult& r) {"],
    "src/parity/claims_aggregate.cpp": ["json to_json(const ClaimsAggregate& aggregate) {"],
    "src/episode/episode_reviews.cpp": ["nlohmann::json to_json(const std::vector<EpisodeReview>& reviews) {"],
    "src/billing/good_faith_estimate_json.cpp": ["json provider_json(", "json item_json(",
                                                 "json to_json(const GoodFaithEstimate& g) {"],
    "src/episode/cohort_json.cpp": ["json horizon_json(", "json group_json(", "json patient_horizon_json(",
                                    "json to_json(const CohortOutcomes& outcomes"],
    "src/parity/benefit_design_json.cpp": ["json practice_json(", "json classifications_json(", "json nqtl_json(",
                                           "json cost_exemption_json(", "json dollar_limit_json(",
                                           "json to_json(const BenefitDesign& d) {"],
    "src/clinical/recommendation.cpp": ["json range_json(", "json LevelOfCareRules::to_json() const {",
                                        "json to_json(const Intake& intake) {", "json to_json(const Recommendation& r) {"],
    "src/calendar/holiday_calendar.cpp": ["nlohmann::json observance_json(", "void add_to_recipe(",
                                          "HolidayCalendar HolidayCalendar::weekdays_only(",
                                          "HolidayCalendar HolidayCalendar::build_us_federal(",
                                          "HolidayCalendar HolidayCalendar::private_clinic(",
                                          "HolidayCalendar HolidayCalendar::without(",
                                          "HolidayCalendar HolidayCalendar::with_closures(",
                                          "HolidayCalendar HolidayCalendar::with_holiday(",
                                          "HolidayCalendar HolidayCalendar::with_open_weekdays(",
                                          "HolidayCalendar join("],
    "src/episode/episode_json.cpp": ["json cost_part(const EpisodeCostPart& p) {", "json to_json(const EpisodeState& s) {"],
}


def test_the_declared_dom_writers_name_members_only_through_the_declarations():
    literal = re.compile(r'\{"[a-z_]+",|\["[a-z_]+"\]')
    offenders = []
    for relative, starts in DECLARED_DOM_WRITERS.items():
        lines = (ROOT / relative).read_text(encoding="utf-8").splitlines()
        for start in starts:
            first = next((i for i, line in enumerate(lines) if line.startswith(start)), None)
            assert first is not None, f"{relative}: no function starts with {start!r}"
            last = next(i for i in range(first, len(lines)) if lines[i] == "}" or lines[i].endswith(" }")
                        and lines[i].startswith(start))
            offenders += [f"{relative}:{i + 1}: {lines[i].strip()[:100]}" for i in range(first, last + 1)
                          if literal.search(lines[i])]
    assert offenders == []


def test_the_limits_header_states_the_declared_limits():
    sys.path.insert(0, str(ROOT))
    sys.dont_write_bytecode = True
    from declarations.limits import LIMITS

    header = (ROOT / "include" / "iop" / "core" / "limits.hpp").read_text(encoding="utf-8")
    stated = {name: int(value.replace("'", "")) for deprecated, name, value in
              re.findall(r"^(\[\[deprecated[^\]]*\]\] )?inline constexpr [\w:]+ (\w+) = ([\d']+);", header, re.M)
              if not deprecated}
    assert stated == {name: value for name, (value, _type, _what) in LIMITS.items()}


def test_the_declared_us_states_are_the_ones_the_readers_accept():
    sys.path.insert(0, str(ROOT))
    sys.dont_write_bytecode = True
    from declarations.common import US_STATES

    source = (ROOT / "src" / "plan" / "program.cpp").read_text(encoding="utf-8")
    table = re.search(r"kStates\{(.*?)\};", source, re.S).group(1)
    assert tuple(re.findall(r'"([A-Z]{2})"', table)) == US_STATES
