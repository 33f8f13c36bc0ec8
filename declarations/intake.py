"""The intake: what the level-of-care recommendation reads (PHQ-9, GAD-7, risk flags, current level, age)."""
from declarations.common import LEVEL_OF_CARE, List
from declarations.dsl import Array, Enum, Integer, Object, document, member

INTAKE_FLAG = Enum(("suicidal_ideation_with_plan_or_intent", "danger_to_others", "medical_instability", "psychosis",
                    "failed_outpatient_treatment", "co_occurring_substance_use", "phq9_item9_positive"),
                   name="intake_flag")

PHQ9 = Object("intake_phq9", members={
    "items": member(Array(items=Integer(minimum=0, maximum=3), min_items=9, max_items=9), "the nine item answers, 0..3"),
    "total": member(Integer(minimum=0, maximum=27), "the total, when the items are not given"),
}, extra={"oneOf": [{"required": ["items"]}, {"required": ["total"]}]})

GAD7 = Object("intake_gad7", members={
    "items": member(Array(items=Integer(minimum=0, maximum=3), min_items=7, max_items=7), "the seven item answers, 0..3"),
    "total": member(Integer(minimum=0, maximum=21), "the total, when the items are not given"),
}, extra={"oneOf": [{"required": ["items"]}, {"required": ["total"]}]})

INTAKE = Object("intake", members={
    "phq9": member(PHQ9),
    "gad7": member(GAD7),
    "flags": member(List(INTAKE_FLAG)),
    "current_level": member(LEVEL_OF_CARE),
    "age": member(Integer(minimum=0, maximum=120)),
})

document("intake", title="iop intake",
         description="An intake as read by iop::intake_from_json and `iop recommend --input`.", root=INTAKE)
