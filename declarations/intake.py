"""The intake document."""
from declarations.dsl import *  # noqa: F401,F403

INTAKE = document(
    'intake',
    title='iop intake',
    description='An intake as read by iop::intake_from_json and `iop recommend --input`.',
    root=Object('intake',
        members={
            'phq9': member(Object('intake_phq9',
                members={
                    'items': member(Array(items=Integer(minimum=0, maximum=3), min_items=9, max_items=9)),
                    'total': member(Integer(minimum=0, maximum=27)),
                },
                extra={'oneOf': [{'required': ['items']}, {'required': ['total']}]})),
            'gad7': member(Object('intake_gad7',
                members={
                    'items': member(Array(items=Integer(minimum=0, maximum=3), min_items=7, max_items=7)),
                    'total': member(Integer(minimum=0, maximum=21)),
                },
                extra={'oneOf': [{'required': ['items']}, {'required': ['total']}]})),
            'flags': member(Array(items=Enum(('suicidal_ideation_with_plan_or_intent', 'danger_to_others', 'medical_instability', 'psychosis', 'failed_outpatient_treatment', 'co_occurring_substance_use', 'phq9_item9_positive')))),
            'current_level': member(Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient'))),
            'age': member(Integer(minimum=0, maximum=120)),
        }),
)
