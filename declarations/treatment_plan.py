"""The treatment plan: a patient's course in a program, its diagnoses, measures, goals and interventions."""
from declarations.common import (FREQUENCY, LEVEL_OF_CARE, MEASURE, MODALITY, PAYER, WEEKDAY, Date,
                                 IcdCode, Identifier, List, Text, UsState)
from declarations.dsl import Enum, Integer, Object, document, member, required



BASELINE_SCORE = Object("baseline_score", members={
    "measure": required(MEASURE),
    "date": required(Date(), "the day the measure was taken"),
    "total": required(Integer(minimum=0, maximum=27), "the total score (PHQ-9 0..27, GAD-7 0..21)"),
})

GOAL = Object("goal", members={
    "description": required(Text()),
    "measure": required(MEASURE),
    "comparator": required(Enum(("below", "at_most"), name="goal_comparator")),
    "target": required(Integer(minimum=0, maximum=27), "the score to reach (PHQ-9 0..27, GAD-7 0..21)"),
    "target_date": required(Date(), "the day it should be reached, after the start date"),
})

PROBLEM = Object("problem", members={
    "description": required(Text()),
    "goals": required(List(GOAL, min_items=1), "at least one measurable goal"),
})

INTERVENTION = Object("intervention", members={
    "modality": required(MODALITY),
    "frequency": required(FREQUENCY),
    "responsible_role": required(Identifier(), "who delivers it, e.g. therapist, psychiatrist"),
})

PLAN_DELIVERY = Object("plan_delivery", members={
    "mode": required(Enum(("in_person", "telehealth"), name="delivery_kind")),
    "patient_state": member(UsState(), "where a telehealth patient is located (USPS state code)"),
})

PLAN_TAPER = Object("plan_taper", members={
    "final_weeks": required(Integer(minimum=1, maximum=103), "the last weeks of the course at fewer days"),
    "days_per_week": required(Integer(minimum=1, maximum=7), "days a week in those weeks"),
})

PLAN_EXTENSION = Object("plan_extension", members={
    "reason": required(Text(), "why the course goes beyond the program's weeks"),
    "authorization_reference": required(Identifier(), "the payer's authorisation of the extension"),
})

TREATMENT_PLAN = Object("treatment_plan", members={
    "id": required(Identifier()),
    "patient_id": required(Identifier(), "opaque patient reference; no name needed"),
    "patient_age": member(Integer(minimum=0, maximum=120)),
    "diagnoses": required(Object("diagnoses", members={
        "primary": required(IcdCode()),
        "secondary": member(List(IcdCode())),
    })),
    "baseline": member(List(BASELINE_SCORE), "PHQ-9 and GAD-7 scores at intake"),
    "problems": member(List(PROBLEM)),
    "interventions": member(List(INTERVENTION)),
    "level_of_care": required(LEVEL_OF_CARE),
    "program": required(Identifier(), "a program of the catalog, or the id of the program given with the plan"),
    "start_date": required(Date()),
    "weeks": required(Integer(minimum=1, maximum=104), "the course's length (the program's range unless extended)"),
    "days_per_week": required(Integer(minimum=1, maximum=7)),
    "weekdays": member(List(WEEKDAY, max_items=7, unique=True), "the program days (default: the first days of the week)"),
    "track": required(Identifier(), "a track of the program, e.g. morning"),
    "delivery": member(PLAN_DELIVERY, "in person (default) or telehealth"),
    "payer": required(PAYER),
    "review_every_days": member(Integer(minimum=1, maximum=365), "days between treatment-plan reviews"),
    "taper": member(PLAN_TAPER),
    "discharge_criteria": member(List(Text())),
    "step_down_to": member(LEVEL_OF_CARE),
    "extension": member(PLAN_EXTENSION, "required for a course beyond the program's weeks"),
})

document("treatment-plan", title="iop treatment plan",
         description="A treatment plan as read by iop::plan_from_json and `iop plan --input`.",
         root=TREATMENT_PLAN)
