#!/usr/bin/env python3
"""Builds and records the golden corpus: requests of the document API and their exact responses.

The corpus guards every change of iop's code: `make test` sends each request through the C++
API, the C ABI, the `iop` command and Python, and each must answer with exactly the bytes
recorded here. A response changes only on purpose: re-record it with `--record` and say in the
commit why it changed.

    python3 tests/golden/build_corpus.py --library build/dev/libiop_c.so            # add new cases
    python3 tests/golden/build_corpus.py --library build/dev/libiop_c.so --record   # re-record all responses

Layout (tests/golden/):
    index.json                      one entry a case: name, operation, and how its request is made
    cases/<name>.request            the request's exact bytes (cases with a "recipe" have none)
    cases/<name>.response           the response's exact bytes

A case is added once: its request file is then the truth, whatever later happens to the example
documents it was first made from. A "recipe" makes a large request (a limit's edge) at test time:
prefix + fill repeated to total_bytes + suffix.
"""
from __future__ import annotations

import argparse
import copy
import ctypes
import json
import pathlib
import random
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLES = ROOT / "examples"
DATA = ROOT / "data"
CASES = HERE / "cases"
INDEX = HERE / "index.json"

sys.path.insert(0, str(ROOT / "tests" / "catalogue"))
import bad_inputs  # noqa: E402  (the catalogue's mutations)


def example(name):
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def request(members: dict) -> bytes:
    """A request as compact JSON, api_version first, as a client would write it."""
    return json.dumps({"api_version": 1, **members}, ensure_ascii=False, separators=(",", ":")).encode()


def raw_request(members_before: dict, member: str, raw: bytes) -> bytes:
    """A request whose @p member is the raw bytes @p raw (a mutated document, perhaps not JSON)."""
    head = request(members_before)[:-1]
    return head + b',"' + member.encode() + b'":' + raw + b"}"


# --- success paths: every operation, every format, every example ------------------------------

def formulary_design():
    """29 CFR 2590.712(c)(3)(iv) Example 4: a four-tier formulary (plan pays 90/80/60/50%), one MH drug per tier,
    the generic one charged above its tier's level."""
    factors = "cost, efficacy, generic versus brand name"
    tiers = [("generic", "10%", 40), ("preferred_brand", "20%", 30), ("non_preferred_brand", "40%", 20), ("specialty", "50%", 10)]
    return {"plan": "Example 4 plan", "plan_year_start": "2026-01-01",
            "formulary_tiers": [{"id": t, "name": t.replace("_", " "), "factors": factors, "without_regard_to_mh_sud": True}
                                for t, _, _ in tiers],
            "classifications": [{"classification": "prescription_drugs", "formulary_tier": t,
                                 "total_payments": f"{m}000000.00",
                                 "medical_surgical": [{"type": "coinsurance", "level": level, "payments": f"{m}000000.00"}],
                                 "mental_health": [{"benefit": f"MH drug, {t.replace('_', ' ')}", "type": "coinsurance",
                                                    "level": "20%" if t == "generic" else level}]}
                                for t, level, m in tiers]}


def success_cases():
    plan, case, gfe_case, program = example("plan.json"), example("case.json"), example("gfe-case.json"), example("program.json")
    events, holidays, intake, demo = example("events.json"), example("holidays.json"), example("intake.json"), example("demo.json")
    rules = json.loads((DATA / "level-of-care-rules.json").read_text(encoding="utf-8"))
    out = []

    def add(name, operation, members):
        out.append((name, operation, request(members)))

    add("version/plain", "version", {})
    for name in schema_names():
        add(f"schema/{name}", "schema", {"name": name})
    for fmt in ("json", "text"):
        add(f"programs.list/{fmt}", "programs.list", {"format": fmt})
        add(f"plan.check/example-{fmt}", "plan.check", {"plan": plan, "format": fmt})
        add(f"plan.check/custom-program-{fmt}", "plan.check", {"plan": plan, "program": program, "format": fmt})
        add(f"recommend/example-{fmt}", "recommend", {"intake": intake, "format": fmt})
        add(f"recommend/example-rules-{fmt}", "recommend", {"intake": intake, "rules": rules, "format": fmt})
        add(f"demo/default-{fmt}", "demo", {"format": fmt})
        add(f"demo/example-{fmt}", "demo", {"demo": demo, "format": fmt})
        add(f"parity.analyse/design-{fmt}", "parity.analyse", {"design": example("design.json"), "format": fmt})
        add(f"parity.analyse/coverage-units-{fmt}", "parity.analyse",
            {"design": example("design-coverage-units.json"), "format": fmt})
        add(f"parity.analyse/exempt-year-{fmt}", "parity.analyse", {"design": example("design-exempt-year.json"), "format": fmt})
        add(f"parity.analyse/design-rule-set-2024-{fmt}", "parity.analyse",
            {"design": example("design.json"), "format": fmt, "rule_set": "mhpaea_2024"})
        add(f"parity.analyse/formulary-tiers-{fmt}", "parity.analyse", {"design": formulary_design(), "format": fmt})
        untested = copy.deepcopy(example("design.json"))
        for entry in untested.get("classifications", []):
            entry["mental_health"] = []
        add(f"parity.analyse/no-mh-sud-tested-{fmt}", "parity.analyse", {"design": untested, "format": fmt})
    add("plan.check/default-format", "plan.check", {"plan": plan})
    add("plan.fhir/example", "plan.fhir", {"plan": plan})
    add("plan.fhir/custom-program", "plan.fhir", {"plan": plan, "program": program})
    add("plan.fhir/format-fhir", "plan.fhir", {"plan": plan, "format": "fhir"})
    # plan.review: the FHIR examples (a PHQ-9 answered item by item with item 9 above 0, a PHQ-9 total, a GAD-7),
    # plain scores, and what it refuses.
    measures = [example("fhir/phq9-questionnaire-response.json"), example("fhir/phq9-observation.json"),
                example("fhir/gad7-questionnaire-response.json")]
    for fmt in ("json", "text"):
        add(f"plan.review/fhir-{fmt}", "plan.review", {"plan": plan, "fhir": measures, "format": fmt})
    add("plan.review/scores", "plan.review", {"plan": plan, "scores": [
        {"date": "2026-03-16", "items": [2, 1, 2, 1, 1, 1, 1, 0, 1]}, {"date": "2026-04-13", "total": 7}]})
    add("plan.review/not-improving-6-weeks", "plan.review", {"plan": plan, "not_improving_weeks": 6, "scores": [
        {"date": "2026-03-09", "total": 16}, {"date": "2026-03-23", "total": 17}, {"date": "2026-04-06", "total": 16}]})
    add("plan.review/not-improving", "plan.review", {"plan": plan, "scores": [
        {"date": "2026-03-09", "total": 16}, {"date": "2026-03-23", "total": 17}, {"date": "2026-04-06", "total": 16}]})
    add("plan.review/remission", "plan.review", {"plan": plan, "scores": [{"date": "2026-04-20", "total": 4}]})
    partial = copy.deepcopy(measures)
    del partial[0]["item"][2]
    add("plan.review/partial-questionnaire", "plan.review", {"plan": plan, "fhir": partial})
    wrong_code = copy.deepcopy(measures)
    wrong_code[1]["code"]["coding"][0]["code"] = "44249-1"
    add("plan.review/observation-of-another-code", "plan.review", {"plan": plan, "fhir": wrong_code})
    add("plan.review/both-total-and-items", "plan.review", {"plan": plan, "scores": [
        {"date": "2026-03-16", "total": 10, "items": [2, 1, 2, 1, 1, 1, 1, 0, 1]}]})
    add("plan.review/score-out-of-range", "plan.review", {"plan": plan, "scores": [{"date": "2026-03-16", "total": 28}]})
    # episode.state: examples/episode.json (an extension, a step-down from 5 to 3 days, a missed week, a discharge)
    # at each stage, as text, with what changed, self-pay, and what it refuses.
    episode = example("episode.json")
    for as_of in ("2026-02-27", "2026-03-13", "2026-03-23", "2026-04-10", "2026-04-20"):
        add(f"episode.state/as-of-{as_of}", "episode.state", {"episode": episode, "as_of": as_of})
    add("episode.state/text", "episode.state", {"episode": episode, "as_of": "2026-04-10", "format": "text"})
    for as_of in ("2026-03-23", "2026-04-20"):
        add(f"episode.state/fhir-{as_of}", "episode.state", {"episode": episode, "as_of": as_of, "format": "fhir"})
    add("episode.state/since", "episode.state", {"episode": episode, "as_of": "2026-04-20", "since": "2026-03-23"})
    add("episode.state/attendance-threshold", "episode.state",
        {"episode": episode, "as_of": "2026-03-16", "attendance_threshold": 80, "not_improving_weeks": 2})
    self_pay = copy.deepcopy(episode)
    self_pay["coverage"] = {"payer": "self_pay", "uninsured": True}
    self_pay["events"] = [e for e in self_pay["events"] if e["kind"] != "authorization"]
    add("episode.state/self-pay-new-gfe-due", "episode.state", {"episode": self_pay, "as_of": "2026-03-30"})
    gfe_case = example("gfe-case.json")
    with_gfe = {**self_pay, "gfe": {"patient": gfe_case["patient"], "provider": gfe_case["provider"]}}
    for fmt in ("json", "text"):
        add(f"episode.state/self-pay-gfe-produced-{fmt}", "episode.state",
            {"episode": with_gfe, "as_of": "2026-03-30", "format": fmt})
    add("episode.state/gfe-not-self-pay", "episode.state",
        {"episode": {**episode, "gfe": with_gfe["gfe"]}, "as_of": "2026-03-30"})
    bad_npi = copy.deepcopy(with_gfe)
    bad_npi["gfe"]["provider"]["npi"] = "1234567890"
    add("episode.state/gfe-bad-npi", "episode.state", {"episode": bad_npi, "as_of": "2026-03-30"})
    no_coverage = {k: v for k, v in episode.items() if k != "coverage"}
    add("episode.state/no-coverage", "episode.state", {"episode": no_coverage, "as_of": "2026-04-10"})

    def bad_episode(name, change, as_of="2026-04-20"):
        doc = copy.deepcopy(episode)
        change(doc)
        add(f"episode.state/{name}", "episode.state", {"episode": doc, "as_of": as_of})

    bad_episode("out-of-order", lambda d: d["events"][2].update(date="2026-03-01"))
    bad_episode("decision-before-start", lambda d: d["events"].insert(0, {"kind": "decision", "date": "2026-02-27",
                                                                          "decision": "continue"}))
    bad_episode("two-decisions-one-day", lambda d: d["events"].insert(13, {"kind": "decision", "date": "2026-03-16",
                                                                           "decision": "continue"}))
    bad_episode("decision-after-discharge", lambda d: d["events"].append({"kind": "decision", "date": "2026-04-18",
                                                                          "decision": "continue"}))
    bad_episode("step-down-beyond-program", lambda d: d["events"][27].update(
        weekdays=["monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]))
    bad_episode("overlapping-authorizations", lambda d: d["events"][22]["authorization"].update(first_day="2026-03-27"))
    bad_episode("score-out-of-range", lambda d: d["events"][11].update(total=28))
    bad_episode("missing-item", lambda d: d["events"][17].update(items=[2, 2, 2, 1, 2, 1, 2, 1]))
    bad_episode("member-of-another-kind", lambda d: d["events"][1].update(weeks=2))
    bad_episode("no-such-session", lambda d: d["events"][34].update(date="2026-04-07"))
    bad_episode("discharge-without-reason", lambda d: d["events"][38].pop("reason"))
    for fmt in ("json", "text"):
        add(f"episode.review/{fmt}", "episode.review", {"episode": episode, "as_of": "2026-04-20", "format": fmt})
    missed_review = copy.deepcopy(episode)
    del missed_review["events"][12]
    add("episode.review/missed-review", "episode.review", {"episode": missed_review, "as_of": "2026-03-24"})
    add("episode.review/attendance-threshold", "episode.review",
        {"episode": episode, "as_of": "2026-03-20", "attendance_threshold": 80})
    bad_episode_review = copy.deepcopy(episode)
    bad_episode_review["events"][2]["date"] = "2026-03-01"
    add("episode.review/out-of-order", "episode.review", {"episode": bad_episode_review, "as_of": "2026-04-20"})
    add("episode.state/since-not-before", "episode.state", {"episode": episode, "as_of": "2026-04-10", "since": "2026-04-10"})
    # outcomes.cohort: examples/outcomes.json (20 patients worked by hand), and the episode as a cohort of one.
    cohort = {k: v for k, v in example("outcomes.json").items() if k != "api_version"}
    for fmt in ("json", "text"):
        add(f"outcomes.cohort/{fmt}", "outcomes.cohort", {**cohort, "format": fmt})
    add("outcomes.cohort/by-track-and-delivery", "outcomes.cohort", {**cohort, "by": ["track", "delivery"]})
    add("outcomes.cohort/sample-sd", "outcomes.cohort", {k: v for k, v in cohort.items() if k != "sd"})
    add("outcomes.cohort/episode", "outcomes.cohort", {"episodes": [episode], "as_of": "2027-06-30",
                                                       "reliability": 0.89, "sd": 5})
    add("outcomes.cohort/episode-sample-sd-of-one", "outcomes.cohort", {"episodes": [episode], "as_of": "2027-06-30",
                                                                        "reliability": 0.89})
    add("outcomes.cohort/episode-after-as-of", "outcomes.cohort", {"episodes": [episode], "as_of": "2026-04-01",
                                                                   "reliability": 0.89, "sd": 5})

    def bad_cohort(name, change):
        doc = copy.deepcopy(cohort)
        change(doc)
        add(f"outcomes.cohort/{name}", "outcomes.cohort", doc)
    bad_cohort("score-after-as-of", lambda d: d["patients"][3]["scores"][1].update(date="2027-07-01"))
    bad_cohort("two-scores-one-day", lambda d: d["patients"][3]["scores"][1].update(date="2026-02-02"))
    bad_cohort("score-out-of-range", lambda d: d["patients"][3]["scores"][1].update(phq9=28))
    bad_cohort("repeated-id", lambda d: d["patients"][5].update(id="P01"))
    bad_cohort("reliability-one", lambda d: d.update(reliability=1))
    bad_cohort("reliability-text", lambda d: d.update(reliability="0.89"))
    bad_cohort("sd-zero", lambda d: d.update(sd=0))
    bad_cohort("by-twice", lambda d: d.update(by=["track", "track"]))
    bad_cohort("no-patients", lambda d: d.update(patients=[]))
    bad_cohort("unknown-exclusion", lambda d: d["patients"][0].update(exclusion="moved"))
    bad_cohort("unknown-member", lambda d: d["patients"][0].update(age=40))
    add("recommend/default-format", "recommend", {"intake": intake})
    for items, total, flags, level in (([3, 3, 3, 3, 3, 3, 3, 3, 1], None, [], "OP"), (None, 6, [], "OP"),
                                       ([1, 1, 1, 1, 1, 1, 1, 1, 0], None, ["suicidal_ideation_with_plan_or_intent"], "IOP"),
                                       (None, 22, ["failed_outpatient_treatment"], "inpatient")):
        variant = copy.deepcopy(intake)
        variant["phq9"] = {"items": items} if items else {"total": total}
        variant["flags"] = flags
        variant["current_level"] = level
        add(f"recommend/phq9-{'items' if items else 'total'}-{level}-{len(flags)}flags", "recommend",
            {"intake": variant, "format": "json"})

    # calendar.build: every format, the example events and holidays, each policy, each catalog program.
    for fmt in ("json", "text", "ics", "fhir", "csv"):
        add(f"calendar.build/example-{fmt}", "calendar.build", {"plan": plan, "format": fmt})
        add(f"calendar.build/events-holidays-{fmt}", "calendar.build",
            {"plan": plan, "events": events, "holidays": holidays, "holiday_policy": "make_up_same_week", "format": fmt})
    add("calendar.build/default-format", "calendar.build", {"plan": plan})
    for policy in ("skip", "make_up_same_week", "extend"):
        for fmt in ("json", "text"):
            add(f"calendar.build/policy-{policy}-{fmt}", "calendar.build", {"plan": plan, "holiday_policy": policy, "format": fmt})
    add("calendar.build/custom-program", "calendar.build", {"plan": plan, "program": program, "format": "json"})
    add("calendar.build/custom-program-text", "calendar.build", {"plan": plan, "program": program, "format": "text"})
    add("calendar.build/authorizations", "calendar.build",
        {"plan": plan, "authorizations": example("case-out-of-network.json")["coverage"]["authorizations"], "format": "json"})
    for preset in ("us_federal", "private_clinic", "weekdays"):
        add(f"calendar.build/holidays-{preset}", "calendar.build",
            {"plan": plan, "holidays": {"base": preset}, "format": "text"})
    catalog = [("la-depression-iop", "morning", "2026-01-05"), ("az-depression-iop", "day", "2026-06-29"),
               ("depression-iop-guide", "day", "2026-10-26"), ("iop-benefits-blog", "day", "2026-11-16"),
               ("la-sud-mh-iop", "day", "2026-12-14")]
    for program_id, track, start in catalog:
        for days in (3, 5):
            variant = copy.deepcopy(plan)
            variant.update(program=program_id, track=track, start_date=start, days_per_week=days, weeks=8,
                           delivery={"mode": "in_person"})
            variant.pop("weekdays", None)
            variant.pop("problems", None)
            if program_id == "la-sud-mh-iop":
                variant["diagnoses"] = {"primary": "F10.20", "secondary": ["F33.1"]}
            for fmt in ("json", "text", "ics"):
                add(f"calendar.build/{program_id}-{days}days-{fmt}", "calendar.build", {"plan": variant, "format": fmt})
    for weeks in (6, 12):
        variant = dict(plan, weeks=weeks, start_date="2026-10-05")
        variant.pop("problems", None)
        add(f"calendar.build/example-{weeks}weeks-over-dst", "calendar.build", {"plan": variant, "format": "ics"})

    # estimate: the example cases in every format, and the payers and features of the coverage document.
    no_mc = {k: v for k, v in case.items() if k != "monte_carlo"}
    for fmt in ("json", "text", "csv"):
        add(f"estimate/case-{fmt}", "estimate", {"case": case, "format": fmt})
        add(f"estimate/out-of-network-{fmt}", "estimate", {"case": example("case-out-of-network.json"), "format": fmt})
        add(f"estimate/no-monte-carlo-{fmt}", "estimate", {"case": no_mc, "format": fmt})
    add("estimate/default-format", "estimate", {"case": no_mc})
    coverages = {
        "self-pay": {"payer": "self_pay"},
        "copay": {"payer": "commercial", "network": "in_network", "plan_year_start": "2026-01-01",
                  "deductible": {"individual": "0.00"}, "copay": "35.00", "out_of_pocket_max": {"individual": "3000.00"}},
        "copay-then-coinsurance": {"payer": "commercial", "network": "in_network", "plan_year_start": "2026-04-01",
                                   "deductible": {"individual": "500.00"}, "copay": "20.00", "coinsurance": "10%",
                                   "combination": "copay_then_coinsurance", "out_of_pocket_max": {"individual": "2000.00"}},
        "greater-of": {"payer": "commercial", "plan_year_start": "2026-01-01", "deductible": {"individual": "250.00"},
                       "copay": "40.00", "coinsurance": "20%", "combination": "greater_of",
                       "out_of_pocket_max": {"individual": "6000.00"}},
        "lesser-of": {"payer": "commercial", "plan_year_start": "2026-01-01", "deductible": {"individual": "250.00"},
                      "copay": "40.00", "coinsurance": "20%", "combination": "lesser_of",
                      "out_of_pocket_max": {"individual": "6000.00"}},
        "no-maximum": {"payer": "commercial", "plan_year_start": "2026-01-01", "deductible": {"individual": "1000.00"},
                       "coinsurance": "30%", "out_of_pocket_max": "none"},
        "aggregate-family": {"payer": "commercial", "plan_year_start": "2026-01-01",
                             "deductible": {"family": "3000.00", "family_type": "aggregate"}, "coinsurance": "20%",
                             "out_of_pocket_max": {"family": "9000.00", "family_type": "aggregate"},
                             "accumulators": {"as_of": "2026-02-01", "deductible_family": "1200.00", "oop_family": "1200.00"}},
        "visit-limit": {"payer": "commercial", "plan_year_start": "2026-01-01", "deductible": {"individual": "0.00"},
                        "coinsurance": "10%", "out_of_pocket_max": {"individual": "3000.00"}, "visit_limit": 20},
        "plan-year-april": {"payer": "commercial", "plan_year_start": "2025-04-01", "deductible": {"individual": "500.00"},
                            "coinsurance": "20%", "out_of_pocket_max": {"individual": "1000.00"}},
        "uninsured": {"payer": "self_pay", "uninsured": True},
    }
    for name, coverage in coverages.items():
        variant = dict(no_mc, coverage=coverage)
        if coverage["payer"] == "self_pay":
            variant["plan"] = dict(no_mc["plan"], payer="self_pay")
        for fmt in ("json", "text"):
            add(f"estimate/coverage-{name}-{fmt}", "estimate", {"case": variant, "format": fmt})
    for attendance in ("100%", "85%", "50%"):
        add(f"estimate/scenario-attendance-{attendance[:-1]}", "estimate",
            {"case": dict(no_mc, scenario={"attendance": attendance, "note": "what if"}), "format": "json"})
    add("estimate/scenario-discharge-extension", "estimate",
        {"case": dict(no_mc, plan=dict(no_mc["plan"], weeks=8), scenario={"discharge_after_weeks": 6, "extension_weeks": 2}),
         "format": "text"})
    add("estimate/attended-basis", "estimate",
        {"case": dict(no_mc, events=[{"kind": "attendance", "date": "2026-03-02", "status": "attended"},
                                     {"kind": "attendance", "date": "2026-03-04", "status": "missed"}],
                      basis="attended"), "format": "json"})
    add("estimate/scheduled-basis-with-events", "estimate",
        {"case": dict(no_mc, plan=dict(no_mc["plan"], weeks=8), events=events, basis="scheduled", holiday_policy="extend"),
         "format": "text"})
    for runs, seed, attendance in ((1, 0, "100%"), (200, 7, "70%"), (1000, 42, "85%")):
        add(f"estimate/monte-carlo-{runs}-{seed}", "estimate",
            {"case": dict(no_mc, monte_carlo={"runs": runs, "seed": seed, "attendance": attendance}), "format": "json"})
    add("estimate/monte-carlo-weeks", "estimate",
        {"case": dict(no_mc, monte_carlo={"runs": 300, "seed": 3, "min_weeks": 6, "max_weeks": 12}), "format": "text"})
    # The plan's own course is the default; stays drawn over weeks are asked for by name.
    for model in ("plan", "uniform"):
        add(f"estimate/monte-carlo-length-of-stay-{model}", "estimate",
            {"case": dict(no_mc, monte_carlo={"runs": 300, "seed": 3, "length_of_stay": model}), "format": "json"})
    add("estimate/monte-carlo-uniform-weeks", "estimate",
        {"case": dict(no_mc, monte_carlo={"runs": 300, "seed": 3, "length_of_stay": "uniform", "min_weeks": 6,
                                          "max_weeks": 12}), "format": "text"})
    itemized = {"id": "itemized-2026", "basis": "itemized", "per_diem": "300.00",
                "prices": {"90832": "95.00", "90853": "90.00", "90837": "180.00", "99214": "130.00"}, "source": "clinic price list 2026"}
    add("estimate/itemized", "estimate", {"case": dict(no_mc, fee_schedule=itemized), "format": "json"})
    add("estimate/itemized-text", "estimate", {"case": dict(no_mc, fee_schedule=itemized), "format": "text"})
    sliding = {"payer": "self_pay"}
    scale = {"year": 2026, "household_size": 3, "household_income": "40000.00",
             "tiers": [{"up_to": "100%", "discount": "100%", "name": "A"}, {"up_to": "200%", "discount": "50%", "name": "B"},
                       {"up_to": "300%", "discount": "25%", "name": "C"}, {"discount": "0%", "name": "D"}]}
    add("estimate/sliding-scale", "estimate",
        {"case": dict(no_mc, coverage=sliding, plan=dict(no_mc["plan"], payer="self_pay"), sliding_scale=scale), "format": "json"})
    # A program of exactly 3 services a day (Medicare's 3-service per diem, APC 5861 or 5851).
    medicare_program = copy.deepcopy(program)
    medicare_program["daily_blocks"] = [{"modality": "individual_therapy", "minutes": 60, "billing_code": "90837"},
                                        {"modality": "process_group", "minutes": 60, "billing_code": "90853"},
                                        {"modality": "skills_training", "minutes": 60, "billing_code": "90853"}]
    medicare_program.pop("medication_management", None)
    medicare_program["accepted_payers"] = ["medicare"]
    medicare_program.pop("declined_payers", None)
    for year, setting in ((2024, "hospital"), (2024, "cmhc"), (2025, "hospital"), (2026, "hospital"), (2025, "cmhc"),
                          (2025, "off_campus_non_excepted")):
        medicare = dict(no_mc, program=medicare_program, coverage={"payer": "medicare", "medicare": "original"},
                        plan=dict(no_mc["plan"], start_date=f"{year}-03-04", weeks=6, payer="medicare"),
                        fee_schedule={"id": f"medicare-{year}", "basis": "medicare_iop",
                                      "medicare": {"year": year, "setting": setting}})
        for fmt in ("json", "text"):
            add(f"estimate/medicare-original-{year}-{setting}-{fmt}", "estimate", {"case": medicare, "format": fmt})
    advantage = dict(no_mc, program=medicare_program, plan=dict(no_mc["plan"], payer="medicare"),
                     coverage={"payer": "medicare", "medicare": "advantage", "plan_year_start": "2026-01-01",
                               "deductible": {"individual": "0.00"}, "copay": "55.00",
                               "out_of_pocket_max": {"individual": "9250.00"}})
    add("estimate/medicare-advantage", "estimate", {"case": advantage, "format": "json"})
    medicaid_program = dict(medicare_program, accepted_payers=["medicaid"])
    for income in ("at_or_below_100_percent_fpl", "101_to_150_percent_fpl", "above_150_percent_fpl"):
        medicaid = dict(no_mc, program=medicaid_program, plan=dict(no_mc["plan"], payer="medicaid"),
                        coverage={"payer": "medicaid", "medicaid": {"income": income}, "copay": "4.00"})
        add(f"estimate/medicaid-{income}", "estimate", {"case": medicaid, "format": "json"})
    # An exempt enrollee (42 CFR 447.56(a)(1)) with the state's copay: $0.00 a line, the exemption named.
    for medicaid_terms, label in (({"income": "at_or_below_100_percent_fpl", "exemption": "pregnant_women"}, "pregnant-women"),
                                  ({"income": "above_150_percent_fpl", "exempt": True}, "exempt-unnamed")):
        exempt = dict(no_mc, program=medicaid_program, plan=dict(no_mc["plan"], payer="medicaid"),
                      coverage={"payer": "medicaid", "medicaid": medicaid_terms, "copay": "4.00"})
        add(f"estimate/medicaid-exempt-{label}", "estimate", {"case": exempt, "format": "json"})
    # Original Medicare with a day's copayment above the inpatient deductible: capped (42 U.S.C. 1395l(t)(8)(C)).
    capped = dict(no_mc, program=medicare_program, coverage={"payer": "medicare", "medicare": "original"},
                  plan=dict(no_mc["plan"], start_date="2025-03-04", weeks=6, payer="medicare"),
                  fee_schedule={"id": "high-per-diem", "basis": "per_diem", "per_diem": "10000.00"})
    add("estimate/medicare-original-2025-copayment-cap", "estimate", {"case": capped, "format": "text"})
    secondary = dict(no_mc, coverage=dict(case["coverage"], secondary={
        "name": "Spouse's PPO", "coordination": "standard",
        "coverage": {"payer": "commercial", "plan_year_start": "2026-01-01", "deductible": {"individual": "200.00"},
                     "coinsurance": "10%", "out_of_pocket_max": {"individual": "2000.00"}}}))
    add("estimate/secondary-standard", "estimate", {"case": secondary, "format": "json"})
    add("estimate/secondary-standard-text", "estimate", {"case": secondary, "format": "text"})
    nondup = copy.deepcopy(secondary)
    nondup["coverage"]["secondary"]["coordination"] = "non_duplication"
    add("estimate/secondary-non-duplication", "estimate", {"case": nondup, "format": "json"})
    oon = example("case-out-of-network.json")
    for basis in ({"basis": "percent_of_charge", "percent": "60%"},
                  {"basis": "fee_schedule", "amounts": {"S9480": "220.00", "99214": "95.00"}},
                  {"basis": "percent_of_medicare", "percent": "150%", "medicare_iop": {"year": 2024, "setting": "hospital"}}):
        variant = copy.deepcopy(oon)
        variant["coverage"]["out_of_network"]["allowed"] = basis
        add(f"estimate/out-of-network-{basis['basis']}", "estimate", {"case": variant, "format": "json"})
    protected = copy.deepcopy(oon)
    protected["coverage"].update(network="in_network", out_of_network_codes=["99214"], facility="hospital", state="CA",
                                 regulator="dmhc")
    add("estimate/out-of-network-codes-protected", "estimate", {"case": protected, "format": "text"})
    absorbs = copy.deepcopy(oon)
    absorbs["coverage"]["outside_authorization"] = "provider_absorbs"
    add("estimate/outside-authorization-provider-absorbs", "estimate", {"case": absorbs, "format": "text"})

    # gfe: both examples in both formats, a request-only estimate, a course over 12 months.
    for fmt in ("json", "html"):
        add(f"gfe/example-{fmt}", "gfe", {"case": gfe_case, "format": fmt})
        add(f"gfe/two-providers-{fmt}", "gfe", {"case": example("gfe-two-providers.json"), "format": fmt})
    add("gfe/default-format", "gfe", {"case": gfe_case})
    on_request = dict(gfe_case, on_request=True)
    add("gfe/on-request", "gfe", {"case": on_request, "format": "json"})
    long_course = copy.deepcopy(gfe_case)
    long_course["plan"].update(start_date="2026-11-02", weeks=12)
    long_course.update(scheduled_on="2026-10-01", issued_on="2026-10-02")
    add("gfe/days-ahead", "gfe", {"case": long_course, "format": "html"})
    # Business days counted Monday to Friday without the federal holidays (45 CFR 149.610 does not define them).
    for counting in ("clinic_open_days", "federal_weekdays"):
        add(f"gfe/business-days-{counting}", "gfe", {"case": dict(gfe_case, business_days=counting), "format": "json"})

    # zones.
    for zone, local, fold in (("America/Los_Angeles", "2026-03-09T18:00", None), ("America/New_York", "2026-03-08T02:30", "later"),
                              ("America/New_York", "2026-11-01T01:30", "earlier"), ("America/Phoenix", "2026-07-01T09:00", None),
                              ("Pacific/Honolulu", "2026-01-01T00:00:00", "reject"), ("America/Chicago", "2026-11-01T01:30", "later")):
        members = {"zone": zone, "local": local}
        if fold:
            members["fold"] = fold
        add(f"zone.convert/{zone.replace('/', '-')}-{local.replace(':', '')}-{fold or 'none'}", "zone.convert", members)
    # Local times before a zone's current rules (the Indiana counties' EST years, North Dakota's Mountain years).
    for zone, local in (("America/Indiana/Indianapolis", "1995-07-01T12:00"), ("America/North_Dakota/Beulah", "2009-07-01T12:00"),
                        ("America/Metlakatla", "2000-01-15T09:00"), ("Pacific/Saipan", "1990-07-01T09:00")):
        add(f"zone.convert/{zone.replace('/', '-')}-{local.replace(':', '')}-history", "zone.convert", {"zone": zone, "local": local})
    # data.sources: every figure with its evidence, in both formats, by file and by status.
    for fmt in ("json", "text"):
        add(f"data.sources/all-{fmt}", "data.sources", {"format": fmt})
    add("data.sources/medicare-iop-rates", "data.sources", {"file": "medicare-iop-rates.json"})
    add("data.sources/unconfirmed", "data.sources", {"status": "unconfirmed"})
    for zone, year in (("America/Los_Angeles", 2026), ("America/Phoenix", 2026), ("America/New_York", 2007),
                       ("America/Anchorage", 2030), ("America/Indiana/Indianapolis", 2026),
                       ("America/Indiana/Indianapolis", 1990), ("America/Indiana/Vincennes", 2007),
                       ("America/North_Dakota/Beulah", 2010), ("America/New_York", 1974), ("Pacific/Guam", 2000)):
        add(f"zone.transitions/{zone.replace('/', '-')}-{year}", "zone.transitions", {"zone": zone, "year": year})
    return out


# --- errors: the protocol, the limits' edges, and a seeded sample of the bad-input catalogue ----

def protocol_cases():
    plan = example("plan.json")
    plan_text = json.dumps(plan, separators=(",", ":")).encode()
    out = [
        ("errors/unknown-operation", "calendar.make", request({"plan": plan})),
        ("errors/operation-case", "Calendar.Build", request({"plan": plan})),
        ("errors/empty-request", "version", b""),
        ("errors/whitespace-request", "version", b"  \n"),
        ("errors/not-an-object", "version", b"[1]"),
        ("errors/null-request", "version", b"null"),
        ("errors/missing-version", "version", b"{}"),
        ("errors/version-2", "version", b'{"api_version":2}'),
        ("errors/version-string", "version", b'{"api_version":"1"}'),
        ("errors/version-float", "version", b'{"api_version":1.0}'),
        ("errors/unknown-member", "version", b'{"api_version":1,"verbose":true}'),
        ("errors/trailing-garbage", "version", b'{"api_version":1} x'),
        ("errors/two-documents", "version", b'{"api_version":1}{"api_version":1}'),
        ("errors/nul-byte-after-document", "version", b'{"api_version":1}\x00junk'),
        ("errors/nul-byte-inside-string", "schema", b'{"api_version":1,"name":"error\x00"}'),
        ("errors/byte-order-mark", "version", b'\xef\xbb\xbf{"api_version":1}'),
        ("errors/invalid-utf8", "schema", b'{"api_version":1,"name":"\xff"}'),
        ("errors/overlong-utf8", "schema", b'{"api_version":1,"name":"\xc0\xaf"}'),
        ("errors/lone-surrogate-escape", "schema", b'{"api_version":1,"name":"\\ud800"}'),
        ("errors/duplicate-member", "version", b'{"api_version":1,"api_version":1}'),
        ("errors/number-too-large", "calendar.build", raw_request({}, "plan", plan_text[:-1] + b',"weeks2":1e400}')),
        ("errors/comment", "version", b'{"api_version":1 /* c */}'),
        ("errors/single-quotes", "version", b"{'api_version':1}"),
        ("errors/unknown-format", "calendar.build", request({"plan": plan, "format": "pdf"})),
        ("errors/format-not-string", "calendar.build", request({"plan": plan, "format": 1})),
        ("errors/plan-missing", "calendar.build", request({"format": "json"})),
        ("errors/schema-unknown", "schema", request({"name": "nothing"})),
        ("errors/schema-name-missing", "schema", request({})),
        ("errors/program-unknown", "calendar.build", request({"plan": dict(plan, program="nowhere-iop")})),
        ("errors/zone-unknown", "zone.convert", request({"zone": "America/Boston", "local": "2026-03-09T18:00"})),
        ("errors/zone-skipped-time", "zone.convert", request({"zone": "America/New_York", "local": "2026-03-08T02:30"})),
        ("errors/zone-repeated-time", "zone.convert", request({"zone": "America/New_York", "local": "2026-11-01T01:30"})),
        ("errors/zone-fold-unknown", "zone.convert",
         request({"zone": "America/New_York", "local": "2026-11-01T01:30", "fold": "both"})),
        ("errors/zone-year-out-of-range", "zone.transitions", request({"zone": "America/New_York", "year": 1000})),
        ("errors/zone-before-rules", "zone.convert", request({"zone": "America/Indiana/Indianapolis", "local": "1990-07-01T12:00"})),
        ("errors/money-overflow", "estimate", request({"case": dict(example("case.json"), fee_schedule={
            "id": "x", "basis": "per_diem", "per_diem": "92233720368547758.07"})})),
        ("errors/money-three-decimals", "estimate", request({"case": dict(example("case.json"), fee_schedule={
            "id": "x", "basis": "per_diem", "per_diem": "300.001"})})),
        ("errors/money-number", "estimate", request({"case": dict(example("case.json"), fee_schedule={
            "id": "x", "basis": "per_diem", "per_diem": 300})})),
        ("errors/scenario-with-events", "estimate", request({"case": dict(example("case.json"), scenario={"attendance": "80%"},
                                                                        events=[])})),
    ]
    return out


def limit_cases():
    """The limits of docs/limits.md at their edge: the largest accepted and the smallest refused."""
    size = 4 << 20
    depth = 32
    string_bytes = 64 << 10
    elements = 10000
    out = []
    # The size limit: a request of exactly 4 MiB (white space after the version) is answered, one byte more is not.
    for total, label in ((size, "at"), (size + 1, "over")):
        out.append((f"limits/request-bytes-{label}", "version",
                    {"prefix": '{"api_version":1', "fill": " ", "total_bytes": total, "suffix": "}"}))
    # Nesting: depth 32 is parsed, 33 is not.
    for d, label in ((depth, "at"), (depth + 1, "over")):
        nested = '{"a":' * (d - 1) + "1" + "}" * (d - 1)
        out.append((f"limits/depth-{label}", "version", ('{"api_version":1,"x":' + nested + "}").encode()))
    for n, label in ((string_bytes, "at"), (string_bytes + 1, "over")):
        out.append((f"limits/string-bytes-{label}", "schema", ('{"api_version":1,"name":"' + "s" * n + '"}').encode()))
    for n, label in ((elements, "at"), (elements + 1, "over")):
        out.append((f"limits/elements-{label}", "version", ('{"api_version":1,"x":[' + ",".join(["0"] * n) + "]}").encode()))
    # Lists of the documents at their limits (docs/limits.md): events and closures.
    plan = example("plan.json")
    for n, label in ((1000, "at"), (1001, "over")):
        events = [{"kind": "attendance", "date": "2026-03-02", "status": "attended"}] * n
        out.append((f"limits/events-{label}", "calendar.build", request({"plan": plan, "events": events})))
    return out


def catalogue_cases(count: int, seed: int):
    """A seeded sample of the bad-input catalogue, each mutation sent as the document of its operation."""
    operation_of = {"plan": ("plan.check", "plan"), "plan.program": ("plan.check", "program"),
                    "recommend": ("recommend", "intake"), "recommend.rules": ("recommend", "rules"),
                    "calendar": ("calendar.build", "plan"), "calendar.program": ("calendar.build", "program"),
                    "calendar.holidays": ("calendar.build", "holidays"), "calendar.events": ("calendar.build", "events"),
                    "estimate": ("estimate", "case"), "gfe": ("gfe", "case"), "parity": ("parity.analyse", "design"),
                    "demo": ("demo", "demo")}
    by_spec: dict[str, list] = {}
    for c in bad_inputs.cases():
        if len(c.text) > 200_000:
            continue
        by_spec.setdefault(c.spec.name, []).append(c)
    rng = random.Random(seed)
    per_spec = max(1, count // len(by_spec))
    out = []
    for spec_name in sorted(by_spec):
        cases = by_spec[spec_name]
        operation, member = operation_of[spec_name]
        for c in rng.sample(cases, min(per_spec, len(cases))):
            others = {}
            for root, path in c.spec.others:
                others[root] = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
            fmt = c.fmt if c.fmt != "fhir" else "json"
            if operation == "calendar.build" and spec_name == "calendar.events":
                others["holiday_policy"] = "make_up_same_week"
            members = dict(others, format=fmt)
            if operation == "plan.check" and c.fmt == "fhir":
                operation_used, members = "plan.fhir", others
            else:
                operation_used = operation
            slug = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in c.mutation)[:60].strip("-")
            name = f"catalogue/{spec_name}/{slug}"
            out.append((name, operation_used, raw_request(members, member, c.text)))
    return out


# --- recording --------------------------------------------------------------------------------

class Library:
    """The C ABI (iop_call) of a built libiop_c."""

    def __init__(self, path):
        self.lib = ctypes.CDLL(str(path))
        self.lib.iop_call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t)]
        self.lib.iop_free.argtypes = [ctypes.c_void_p]

    def call(self, operation: str, body: bytes) -> bytes:
        response, length = ctypes.c_void_p(), ctypes.c_size_t()
        self.lib.iop_call(operation.encode(), body, len(body), ctypes.byref(response), ctypes.byref(length))
        try:
            return ctypes.string_at(response, length.value)
        finally:
            self.lib.iop_free(response)


def expand(recipe: dict) -> bytes:
    head, tail = recipe["prefix"].encode(), recipe["suffix"].encode()
    fill = recipe["fill"].encode()
    n = recipe["total_bytes"] - len(head) - len(tail)
    return head + (fill * (n // len(fill) + 1))[:n] + tail


def schema_names():
    """Every schema the declarations give."""
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(ROOT))
    from declarations import generate
    return sorted(generate.load())


_LIBRARY: Library


# --- X12: each example transaction in each format, and each error class of the bad-input table ---

def x12_cases():
    folder = EXAMPLES / "x12"
    b271 = (folder / "benefits.271").read_text(encoding="ascii")
    r835 = (folder / "remittance.835").read_text(encoding="ascii")
    course = json.loads((folder / "course.json").read_text(encoding="utf-8"))
    case = json.loads((folder / "case.json").read_text(encoding="utf-8"))
    case_271 = {**case, "benefits_271": b271}
    out = []

    def add(name, operation, members):
        out.append((name, operation, request(members)))

    for fmt in ("json", "text"):
        add(f"x12.benefits/example-{fmt}", "x12.benefits", {"x12": b271, "format": fmt})
        add(f"remittance.reconcile/example-{fmt}", "remittance.reconcile",
            {"case": case_271, "x12": r835, "format": fmt, "gfe": {"expected_charges": "5000.00", "billed_on": "2026-04-25"}})
    for fmt in ("json", "csv"):
        add(f"x12.remittance/example-{fmt}", "x12.remittance", {"x12": r835, "format": fmt})
    for form in ("837p", "837i"):
        claims = json.loads((folder / f"claims-{form}.json").read_text(encoding="utf-8"))
        for fmt in ("x12", "json"):
            add(f"x12.claims/{form}-{fmt}", "x12.claims", {"case": course, "claims": claims, "format": fmt})
    add("estimate/x12-benefits-271", "estimate", {"case": case_271, "format": "json"})
    # The bad-input table (tests/cpp/io/test_x12_remittance.cpp, test_x12_benefits.cpp): one case each.
    bad_835 = {
        "amount-letter": ("CAS*CO*45*50~", "CAS*CO*45*12.3x~"),
        "amount-three-decimals": ("CAS*CO*45*50~", "CAS*CO*45*50.125~"),
        "date-not-existing": ("DTM*472*20260302~", "DTM*472*20260230~"),
        "unknown-qualifier": ("CAS*CO*45*50~", "CAS*XX*45*50~"),
        "over-long-element": ("CLP*PLANX12-2026-03*", "CLP*" + "A" * 39 + "*"),
        "se-count": ("SE*125*0001~", "SE*124*0001~"),
        "control-numbers": ("IEA*1*000000101~", "IEA*1*000000102~"),
        "loop-order": ("NM1*QC*1*DOE*ALEX****MI*W123456789~\nDTM*232*20260302~",
                       "DTM*232*20260302~\nNM1*QC*1*DOE*ALEX****MI*W123456789~"),
        "line-balance": ("SVC*HC:S9480*300*48**1~", "SVC*HC:S9480*300*49**1~"),
        "separators": ("*P*:~", "*P**~"),
    }
    for name, (old, new) in bad_835.items():
        add(f"x12.remittance/bad-{name}", "x12.remittance", {"x12": r835.replace(old, new, 1)})
    add("x12.remittance/bad-truncated", "x12.remittance", {"x12": r835[: r835.index("CLP*PLANX12-2026-04")]})
    bad_271 = {
        "percent-not-decimal": ("*****0.2****Y~", "*****20%****Y~"),
        "service-type": ("EB*C*IND*MH^A8***23*1500*", "EB*C*IND*MH^ZZ***23*1500*"),
        "birth-date": ("DMG*D8*19900517", "DMG*D8*19900230"),
        "hierarchy": ("HL*2*1*21*1~", "HL*2*1*22*1~"),
    }
    for name, (old, new) in bad_271.items():
        add(f"x12.benefits/bad-{name}", "x12.benefits", {"x12": b271.replace(old, new, 1)})
    return out


def main():
    global _LIBRARY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", required=True, help="a built libiop_c shared library")
    parser.add_argument("--record", action="store_true", help="re-record the response of every case")
    parser.add_argument("--catalogue", type=int, default=240, help="how many catalogue mutations to sample")
    args = parser.parse_args()
    _LIBRARY = Library(args.library)

    index = json.loads(INDEX.read_text()) if INDEX.exists() else []
    known = {entry["name"] for entry in index}
    made = 0
    candidates = []
    for name, operation, body in (success_cases() + x12_cases() + protocol_cases() + limit_cases()
                                  + catalogue_cases(args.catalogue, 20261206)):
        candidates.append((name, operation, body))
    seen = set()
    for name, operation, body in candidates:
        if name in seen:
            continue
        seen.add(name)
        if name in known:
            continue
        entry = {"name": name, "operation": operation}
        path = CASES / f"{name}.request"
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, dict):
            entry["recipe"] = body
        else:
            path.write_bytes(body)
        index.append(entry)
        made += 1
    index.sort(key=lambda e: e["name"])
    INDEX.write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n")

    recorded = 0
    for entry in index:
        response_path = CASES / f"{entry['name']}.response"
        if response_path.exists() and not args.record:
            continue
        body = expand(entry["recipe"]) if "recipe" in entry else (CASES / f"{entry['name']}.request").read_bytes()
        response_path.parent.mkdir(parents=True, exist_ok=True)
        response_path.write_bytes(_LIBRARY.call(entry["operation"], body))
        recorded += 1
    kinds: dict[str, int] = {}
    for entry in index:
        response = json.loads((CASES / f"{entry['name']}.response").read_bytes())
        kind = response["error"]["kind"] if "error" in response else "ok"
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{len(index)} cases ({made} new, {recorded} recorded): " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
