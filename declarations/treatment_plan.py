"""The treatment-plan document."""
from declarations.dsl import *  # noqa: F401,F403

TREATMENT_PLAN = document(
    'treatment-plan',
    title='iop treatment plan',
    description='A treatment plan as read by iop::plan_from_json and `iop plan --input`.',
    root=Object('treatment_plan',
        members={
            'id': required(String()),
            'patient_id': required(String(min_length=1), 'opaque patient reference; no name needed'),
            'patient_age': member(Integer(minimum=0, maximum=120)),
            'diagnoses': required(Object('treatment_plan_diagnoses',
                members={
                    'primary': required(String(pattern='^[A-Za-z][0-9][0-9A-Za-z](\\.?[0-9A-Za-z]{1,4})?$'), 'ICD-10-CM code, e.g. F33.1'),
                    'secondary': member(Array(items=String(pattern='^[A-Za-z][0-9][0-9A-Za-z](\\.?[0-9A-Za-z]{1,4})?$', description='ICD-10-CM code, e.g. F33.1'))),
                })),
            'baseline': member(Array(items=Object('treatment_plan_baseline_item',
                    members={
                        'measure': required(Enum(('PHQ-9', 'GAD-7', 'phq9', 'gad7', 'PHQ9', 'GAD7'))),
                        'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), 'ISO 8601 calendar date'),
                        'total': required(Integer(minimum=0, maximum=27)),
                    }))),
            'problems': member(Array(items=Object('treatment_plan_problem',
                    members={
                        'description': required(String()),
                        'goals': required(Array(items=Object('treatment_plan_problem_goal',
                                members={
                                    'description': required(String()),
                                    'measure': required(Enum(('PHQ-9', 'GAD-7', 'phq9', 'gad7', 'PHQ9', 'GAD7'))),
                                    'comparator': required(Enum(('below', 'at_most'))),
                                    'target': required(Integer(minimum=0, maximum=27)),
                                    'target_date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), 'ISO 8601 calendar date'),
                                }), min_items=1)),
                    }))),
            'interventions': member(Array(items=Object('treatment_plan_intervention',
                    members={
                        'modality': required(Enum(('individual_therapy', 'process_group', 'psychoeducation', 'skills_training', 'cbt', 'dbt', 'act', 'motivational_interviewing', 'psychodynamic_therapy', 'mindfulness_and_relaxation', 'family_therapy', 'medication_management', 'psychiatric_evaluation', 'case_management', 'relapse_prevention', 'peer_support'))),
                        'frequency': required(Object('treatment_plan_intervention_frequency',
                            members={
                                'sessions': required(Integer(minimum=1, maximum=7)),
                                'per_weeks': required(Integer(minimum=1, maximum=12)),
                            })),
                        'responsible_role': required(String()),
                    }))),
            'level_of_care': required(Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient'))),
            'program': required(String()),
            'start_date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), 'ISO 8601 calendar date'),
            'weeks': required(Integer(minimum=1, maximum=104)),
            'days_per_week': required(Integer(minimum=1, maximum=7)),
            'weekdays': member(Array(items=Enum(('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')), unique=True)),
            'track': required(String()),
            'delivery': member(Object('treatment_plan_delivery',
                members={
                    'mode': required(Enum(('in_person', 'telehealth'))),
                    'patient_state': member(String(pattern='^[A-Z]{2}$'), 'USPS state code'),
                })),
            'payer': required(Enum(('commercial', 'medicare', 'medicaid', 'self_pay'))),
            'review_every_days': member(Integer(minimum=1, maximum=365)),
            'taper': member(Object('treatment_plan_taper',
                members={
                    'final_weeks': required(Integer(minimum=1)),
                    'days_per_week': required(Integer(minimum=1, maximum=7)),
                })),
            'discharge_criteria': member(Array(items=String())),
            'step_down_to': member(Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient'))),
            'extension': member(Object('treatment_plan_extension',
                members={
                    'reason': required(String(min_length=1)),
                    'authorization_reference': required(String(min_length=1)),
                })),
        }),
)
