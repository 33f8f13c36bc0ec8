"""The level-of-care-rules document."""
from declarations.dsl import *  # noqa: F401,F403

LEVEL_OF_CARE_RULES = document(
    'level-of-care-rules',
    title='iop level-of-care rule set',
    description='Rules read by iop::LevelOfCareRules::from_json; the recommended level is the most intensive level any matching rule proposes.',
    root=Object('level_of_care_rules',
        members={
            'version': required(String()),
            'description': member(String()),
            'rules': required(Array(items=Object('level_of_care_rules_rule',
                    members={
                        'id': required(String()),
                        'reason': required(String()),
                        'source': required(String()),
                        'recommend': member(Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient'))),
                        'when': required(Object('level_of_care_rules_rule_when',
                            members={
                                'phq9': member(Object('level_of_care_rules_rule_when_phq9',
                                    members={
                                        'min': member(Integer(minimum=0, maximum=27)),
                                        'max': member(Integer(minimum=0, maximum=27)),
                                    },
                                    min_properties=1)),
                                'gad7': member(Object('level_of_care_rules_rule_when_gad7',
                                    members={
                                        'min': member(Integer(minimum=0, maximum=21)),
                                        'max': member(Integer(minimum=0, maximum=21)),
                                    },
                                    min_properties=1)),
                                'age': member(Object('level_of_care_rules_rule_when_age',
                                    members={
                                        'min': member(Integer(minimum=0, maximum=120)),
                                        'max': member(Integer(minimum=0, maximum=120)),
                                    },
                                    min_properties=1)),
                                'flags': member(Object('level_of_care_rules_rule_when_flags',
                                    members={
                                        'suicidal_ideation_with_plan_or_intent': member(Boolean()),
                                        'danger_to_others': member(Boolean()),
                                        'medical_instability': member(Boolean()),
                                        'psychosis': member(Boolean()),
                                        'failed_outpatient_treatment': member(Boolean()),
                                        'co_occurring_substance_use': member(Boolean()),
                                        'phq9_item9_positive': member(Boolean()),
                                    })),
                                'current_level': member(Array(items=Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient')))),
                            },
                            min_properties=1)),
                    }), min_items=1)),
        }),
)
