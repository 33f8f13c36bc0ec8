"""The program document."""
from declarations.dsl import *  # noqa: F401,F403

PROGRAM = document(
    'program',
    title='iop program template',
    description='A program template as read by iop::program_from_json; the built-in catalog (data/programs.json) uses it too.',
    root=Object('program',
        members={
            'id': required(String(min_length=1)),
            'name': required(String(min_length=1)),
            'description': member(String()),
            'source': member(String()),
            'level_of_care': required(Enum(('OP', 'IOP', 'PHP', 'residential', 'inpatient'))),
            'age_group': required(Enum(('adult', 'adolescent'))),
            'condition_groups': member(Array(items=Enum(('depression', 'anxiety', 'trauma_and_stress', 'substance_use', 'personality', 'obsessive_compulsive', 'eating', 'bipolar_and_mood', 'psychotic')))),
            'conditions': member(Array(items=String(pattern='^[A-Za-z][0-9][0-9A-Za-z](\\.?[0-9A-Za-z]{1,4})?$', description='ICD-10-CM code, e.g. F33.1'))),
            'minutes_per_day': required(Integer(minimum=60, maximum=600)),
            'days_per_week': required(Object('program_days_per_week',
                members={
                    'min': required(Integer(minimum=1, maximum=7)),
                    'max': required(Integer(minimum=1, maximum=7)),
                })),
            'duration_weeks': required(Object('program_duration_weeks',
                members={
                    'min': required(Integer(minimum=1, maximum=52)),
                    'max': required(Integer(minimum=1, maximum=52)),
                    'default': required(Integer(minimum=1, maximum=52)),
                })),
            'tracks': required(Array(items=Object('program_track',
                    members={
                        'name': required(String(min_length=1)),
                        'part_of_day': required(Enum(('morning', 'afternoon', 'evening'))),
                        'start': required(String(pattern='^([01][0-9]|2[0-3]):[0-5][0-9]$')),
                        'zone': required(Enum(('America/New_York', 'America/Detroit', 'America/Kentucky/Louisville', 'America/Kentucky/Monticello', 'America/Indiana/Indianapolis', 'America/Indiana/Marengo', 'America/Indiana/Vevay', 'America/Indiana/Vincennes', 'America/Indiana/Petersburg', 'America/Indiana/Winamac', 'America/Chicago', 'America/Indiana/Tell_City', 'America/Indiana/Knox', 'America/Menominee', 'America/North_Dakota/Center', 'America/North_Dakota/New_Salem', 'America/North_Dakota/Beulah', 'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Yakutat', 'America/Nome', 'America/Metlakatla', 'America/Adak', 'Pacific/Honolulu', 'Pacific/Johnston', 'America/Puerto_Rico', 'America/St_Thomas', 'Pacific/Guam', 'Pacific/Saipan', 'Pacific/Pago_Pago', 'Pacific/Midway', 'Pacific/Wake', 'UTC')), "An IANA zone of the United States or its territories (every zone1970.tab zone and the territories' links), or UTC."),
                    }), min_items=1)),
            'delivery': required(Array(items=Object('program_delivery_item',
                    members={
                        'mode': required(Enum(('in_person', 'telehealth'))),
                        'site': member(Object('program_delivery_item_site',
                            members={
                                'name': required(String()),
                                'city': required(String()),
                                'state': required(String(pattern='^[A-Z]{2}$'), 'USPS state code'),
                            })),
                        'states': member(Array(items=String(pattern='^[A-Z]{2}$', description='USPS state code'))),
                    }), min_items=1)),
            'daily_blocks': required(Array(items=Object('program_daily_block',
                    members={
                        'modality': required(Enum(('individual_therapy', 'process_group', 'psychoeducation', 'skills_training', 'cbt', 'dbt', 'act', 'motivational_interviewing', 'psychodynamic_therapy', 'mindfulness_and_relaxation', 'family_therapy', 'medication_management', 'psychiatric_evaluation', 'case_management', 'relapse_prevention', 'peer_support'))),
                        'minutes': required(Integer(minimum=5, maximum=240)),
                        'billing_code': member(String()),
                    }), min_items=1)),
            'individual_therapy': member(Object('program_individual_therapy',
                members={
                    'sessions': required(Integer(minimum=1, maximum=7)),
                    'per_weeks': required(Integer(minimum=1, maximum=12)),
                })),
            'medication_management': member(Object('program_medication_management',
                members={
                    'sessions': required(Integer(minimum=1, maximum=7)),
                    'per_weeks': required(Integer(minimum=1, maximum=12)),
                })),
            'accepted_payers': member(Array(items=Enum(('commercial', 'medicare', 'medicaid', 'self_pay')))),
            'declined_payers': member(Array(items=Enum(('commercial', 'medicare', 'medicaid', 'self_pay')))),
            'taper': member(Object('program_taper',
                members={
                    'final_weeks': required(Integer(minimum=1)),
                    'days_per_week': required(Integer(minimum=1, maximum=7)),
                })),
            'published_monthly_cost': member(Object('program_published_monthly_cost',
                members={
                    'low': required(String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$'), 'amount in dollars as a string, e.g. 1234.56'),
                    'high': required(String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$'), 'amount in dollars as a string, e.g. 1234.56'),
                })),
            'provenance': member(Array(items=String())),
            'default_per_diem': member(String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$'), 'price of a program day when a clinic gives none'),
            'phases': member(Array(items=Object('program_phas',
                    members={
                        'name': required(String(min_length=1, max_length=128)),
                        'description': member(String(max_length=4096)),
                        'weeks': member(Integer(minimum=1, maximum=52)),
                        'daily_blocks': member(Array(items=Object('program_phas_daily_block',
                                members={
                                    'modality': required(Enum(('individual_therapy', 'process_group', 'psychoeducation', 'skills_training', 'cbt', 'dbt', 'act', 'motivational_interviewing', 'psychodynamic_therapy', 'mindfulness_and_relaxation', 'family_therapy', 'medication_management', 'psychiatric_evaluation', 'case_management', 'relapse_prevention', 'peer_support'))),
                                    'minutes': required(Integer(minimum=5, maximum=240)),
                                    'billing_code': member(String()),
                                }), min_items=1)),
                        'billing': member(Enum(('per_diem', 'itemized')), "per_diem (default) or itemized: the phase's days billed by their blocks."),
                    }), max_items=100), "Phases in course order (e.g. an assessment week, core weeks): each with a number of weeks, except the last, which may take the rest of the course; its own daily blocks (default: the program's) and billing. The calendar, weekly hours and charges follow them."),
            'holidays': member(Enum(('us_federal', 'private_clinic', 'weekdays')), "The program's clinic holiday preset (default private_clinic: New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving and the day after, Christmas)."),
        }),
)
