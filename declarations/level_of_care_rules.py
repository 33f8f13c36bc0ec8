"""The level-of-care rule set a recommendation applies (iop's defaults: data/level-of-care-rules.json)."""
from declarations.common import LEVEL_OF_CARE, Identifier, List, LongList, Text
from declarations.dsl import Array, Boolean, Integer, Null, Object, OneOf, String, document, member, required
from declarations.intake import INTAKE_FLAG


def score_range(name, highest, what):
    return Object(name, members={
        "min": member(Integer(minimum=0, maximum=highest), f"the lowest {what} the rule matches"),
        "max": member(Integer(minimum=0, maximum=highest), f"the highest {what} the rule matches"),
    }, min_properties=1)


CONDITIONS = Object("rule_conditions", members={
    "phq9": member(score_range("phq9_range", 27, "PHQ-9 total")),
    "gad7": member(score_range("gad7_range", 21, "GAD-7 total")),
    "age": member(score_range("age_range", 120, "age")),
    "flags": member(Object("rule_flags", members={flag: member(Boolean()) for flag in INTAKE_FLAG.values}),
                    "each flag present (true) or absent (false)"),
    "current_level": member(List(LEVEL_OF_CARE), "the levels of care the patient may be in"),
}, min_properties=1)

RULE = Object("level_of_care_rule", members={
    "id": required(Identifier()),
    "when": required(CONDITIONS, "every condition must hold"),
    "recommend": member(LEVEL_OF_CARE, "the level proposed; none: the rule only explains"),
    "reason": required(Text()),
    "source": required(Text(), "where the rule comes from"),
})

RULES = Object("level_of_care_rules", members={
    "version": required(Identifier()),
    "description": member(Text()),
    "rules": required(LongList(RULE, min_items=1)),
})

document("level-of-care-rules", title="iop level-of-care rule set",
         description="Rules read by iop::LevelOfCareRules::from_json; the recommended level is the most intensive "
                     "level any matching rule proposes.",
         root=RULES)

# What the recommendation answers (the `recommend` operation's result; iop reads it back too).
RECOMMENDATION_REASON = Object("recommendation_reason", members={
    "rule": required(Identifier(), "the rule's id (no-level when no rule proposes a level)"),
    "reason": required(Text()),
    "source": required(Text()),
    "decisive": required(Boolean(), "the rule proposed the level recommended"),
    "proposes": required(OneOf((LEVEL_OF_CARE, Null()))),
})

RECOMMENDATION = Object("recommendation", members={
    "rules_version": required(Identifier()),
    "reasons": required(Array(items=RECOMMENDATION_REASON), "every matching rule, with its source"),
    "level": required(OneOf((LEVEL_OF_CARE, Null())), "the most intensive level any matching rule proposes"),
    "asam_level": member(String(), "the ASAM Criteria level of that level of care, e.g. 2.1"),
    "locus_level": member(Integer(minimum=1, maximum=6), "the LOCUS level of that level of care, 1..6"),
})
