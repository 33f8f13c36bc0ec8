"""The case document."""
from declarations.dsl import *  # noqa: F401,F403

CASE = document(
    'case',
    title='iop estimate case',
    description='One course to estimate: the plan and its program, holidays and events, the coverage and the fee schedule (the `case` of an `estimate` request, and `iop estimate --input`).',
    root=Object('case',
        members={
            'plan': required(Ref('treatment-plan')),
            'program': member(Ref('program'), "The plan's program; default: the catalog's program named by the plan."),
            'holidays': member(Ref('holiday-calendar'), "Default: the program's holiday preset (its `holidays`; private_clinic when it states none)."),
            'holiday_policy': member(Enum(('skip', 'make_up_same_week', 'extend')), 'What happens to a program day on a closed day (default skip).'),
            'events': member(Ref('events'), 'Recorded attendance, reschedules, changes and discharge.'),
            'coverage': required(Ref('coverage')),
            'fee_schedule': member(Ref('fee-schedule'), "Default: the program's default per diem, when it has one."),
            'sliding_scale': member(Ref('#/$defs/sliding_scale')),
            'scenario': member(Object('case_scenario',
                members={
                    'attendance': member(String(pattern='^[0-9]+(\\.[0-9]+)?%?$|^[0-9]+/[0-9]+$')),
                    'discharge_after_weeks': member(Integer(minimum=1, maximum=104)),
                    'extension_weeks': member(Integer(minimum=0, maximum=26)),
                    'note': member(String()),
                }), 'A what-if course; cannot be combined with events or basis.'),
            'monte_carlo': member(Object('case_monte_carlo',
                members={
                    'runs': member(Integer(minimum=1, maximum=1000)),
                    'seed': member(Integer(minimum=0, maximum=9223372036854775807)),
                    'attendance': member(String(pattern='^[0-9]+(\\.[0-9]+)?%?$|^[0-9]+/[0-9]+$')),
                    'min_weeks': member(Integer(minimum=1, maximum=104)),
                    'max_weeks': member(Integer(minimum=1, maximum=104)),
                })),
            'basis': member(Enum(('scheduled', 'attended')), 'Charge scheduled sessions (default) or attended ones.'),
        }),
    defs={
        'sliding_scale': Object('sliding_scale',
            members={
                'household_income': required(String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$')),
                'household_size': required(Integer(minimum=1, maximum=20)),
                'year': required(Integer(minimum=2023, maximum=2100)),
                'state': member(String(), 'USPS state code: AK and HI have their own guidelines.'),
                'tiers': required(Array(items=Object('sliding_scale_tier',
                        members={
                            'up_to': member(String(pattern='^[0-9]+(\\.[0-9]+)?%?$|^[0-9]+/[0-9]+$')),
                            'discount': required(String(pattern='^[0-9]+(\\.[0-9]+)?%?$|^[0-9]+/[0-9]+$')),
                            'name': required(String()),
                        }), min_items=1)),
            },
            description='A sliding-scale discount on the fee schedule by household income as a share of the HHS poverty guideline.'),
    },
)
