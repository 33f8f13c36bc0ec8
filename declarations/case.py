"""An estimate's case: one course (plan, program, holidays, events), its coverage and its prices."""
from declarations.common import HOLIDAY_POLICY, Identifier, List, Money, Rate, Text
from declarations.dsl import Enum, Integer, Object, Ref, String, document, member, required
from declarations.limits import limit

SLIDING_SCALE_TIER = Object("sliding_scale_tier", members={
    "up_to": member(Rate(), "the tier's highest income as a share of the poverty guideline; none: the last tier"),
    "discount": required(Rate()),
    "name": required(Identifier()),
})

SLIDING_SCALE = Object("sliding_scale", members={
    "household_income": required(Money(), "a year's household income"),
    "household_size": required(Integer(minimum=1, maximum=20)),
    "year": required(Integer(minimum=2023, maximum=2100), "the HHS poverty guideline's year (data/poverty-guidelines.json)"),
    "state": member(Identifier(), "USPS state code: AK and HI have their own guidelines."),
    "tiers": required(List(SLIDING_SCALE_TIER, min_items=1)),
}, description="A sliding-scale discount on the fee schedule by household income as a share of the HHS poverty "
               "guideline.")

# The course and its prices: what an estimate's case and a Good Faith Estimate's case both hold.
COURSE = {
    "plan": required(Ref("treatment-plan")),
    "program": member(Ref("program"), "The plan's program; default: the catalog's program named by the plan."),
}
COURSE_CALENDAR = {
    "holidays": member(Ref("holiday-calendar"),
                       "Default: the program's holiday preset (its `holidays`; private_clinic when it states none)."),
    "holiday_policy": member(HOLIDAY_POLICY, "What happens to a program day on a closed day (default skip).",
                             default="skip"),
    "events": member(Ref("events"), "Recorded attendance, reschedules, changes and discharge."),
}
FEE_SCHEDULE = member(Ref("fee-schedule"), "Default: the program's default per diem, when it has one.")

SCENARIO = Object("scenario", members={
    "attendance": member(Rate(), "the share of sessions attended"),
    "discharge_after_weeks": member(Integer(minimum=1, maximum=104), "an early discharge"),
    "extension_weeks": member(Integer(minimum=0, maximum=26), "weeks added to the course"),
    "note": member(Text()),
})

MONTE_CARLO = Object("monte_carlo_options", members={
    "runs": member(Integer(minimum=1, maximum=limit("max_runs"))),
    "seed": member(Integer(minimum=0, maximum=2**63 - 1)),
    "attendance": member(Rate(), "each session's chance of being attended"),
    "length_of_stay": member(Enum(("plan", "uniform"), name="length_of_stay"),
                             "The plan's own weeks (the default), or uniform over min_weeks..max_weeks (the program's "
                             "bounds when not given).", default="plan"),
    "min_weeks": member(Integer(minimum=1, maximum=104), "the shortest length of stay drawn"),
    "max_weeks": member(Integer(minimum=1, maximum=104), "the longest length of stay drawn"),
})

CASE = Object("estimate_case", members={
    **COURSE,
    "coverage": member(Object("case_coverage", closed=False),
                       "The patient's benefits (coverage.schema.json); with benefits_271, only the members the 271 "
                       "does not state."),
    "fee_schedule": FEE_SCHEDULE,
    **COURSE_CALENDAR,
    "sliding_scale": member(Ref("#/$defs/sliding_scale")),
    "scenario": member(SCENARIO, "A what-if course; cannot be combined with events or basis."),
    "monte_carlo": member(MONTE_CARLO),
    "basis": member(Enum(("scheduled", "attended"), name="charge_basis"),
                    "Charge scheduled sessions (default) or attended ones.", default="scheduled"),
    "benefits_271": member(String(), "A 271 (005010X279A1) answering for the patient: the coverage is what it states, "
                                     "with coverage adding what it does not (the program's network status at least); a "
                                     "member both give is refused."),
}, extra={"oneOf": [
    {"required": ["coverage"], "not": {"required": ["benefits_271"]},
     "properties": {"coverage": {"$ref": "coverage.schema.json"}}},
    {"required": ["benefits_271"]},
]})

document("case", title="iop estimate case",
         description="One course to estimate: the plan and its program, holidays and events, the coverage and the fee "
                     "schedule (the `case` of an `estimate` request, and `iop estimate --input`).",
         root=CASE, defs={"sliding_scale": SLIDING_SCALE})
