"""The gfe-case document."""
from declarations.dsl import *  # noqa: F401,F403

GFE_CASE = document(
    'gfe-case',
    title='iop Good Faith Estimate case',
    description='A self-pay or uninsured course and who it is for: the `case` of a `gfe` request (`iop gfe --input`). The diagnoses come from the plan.',
    root=Object('gfe_case',
        members={
            'plan': required(Ref('treatment-plan')),
            'program': member(Ref('program'), "The plan's program; default: the catalog's program named by the plan."),
            'holidays': member(Ref('holiday-calendar'), "Default: the program's holiday preset (its `holidays`; private_clinic when it states none)."),
            'holiday_policy': member(Enum(('skip', 'make_up_same_week', 'extend')), 'What happens to a program day on a closed day (default skip).'),
            'events': member(Ref('events'), 'Recorded attendance, reschedules, changes and discharge.'),
            'fee_schedule': member(Ref('fee-schedule'), "Default: the program's default per diem, when it has one."),
            'sliding_scale': member(Ref('case#/$defs/sliding_scale')),
            'patient': required(Ref('gfe-request#/$defs/patient')),
            'provider': required(Ref('gfe-request#/$defs/provider'), "The convening provider or facility; for a telehealth course the place of service is the plan's delivery.patient_state (telehealth_patient_state may be left out; a different one is refused)."),
            'separately_scheduled': member(Array(items=String())),
            'scheduled_on': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
            'on_request': member(Boolean()),
            'issued_on': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), 'The date the estimate is issued (required; on or after scheduled_on; after the deadline it is flagged).'),
            'co_providers': member(Ref('gfe-request#/properties/co_providers')),
        }),
)
