"""The claim-batch document."""
from declarations.common import MoneyOut
from declarations.dsl import *  # noqa: F401,F403

CLAIM_BATCH = document(
    'claim-batch',
    title='iop claims',
    description='The claims of a course, the sessions not billed and why, and the 837 interchange.',
    root=Object('claim_batch',
        members={
            'claims': required(Array(items=Object('claim_batch_claim',
                    members={
                        'id': required(String()),
                        'first': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'last': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'frequency': required(Enum(('1', '2', '3', '4'))),
                        'patient_status': required(String()),
                        'total': required(MoneyOut('An amount in dollars with two decimals.')),
                        'lines': required(Array(items=Object('claim_batch_claim_line',
                                members={
                                    'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                                    'code': required(String()),
                                    'modifiers': required(Array(items=String())),
                                    'revenue_code': required(String()),
                                    'charge': required(MoneyOut('An amount in dollars with two decimals.')),
                                    'units': required(Integer()),
                                    'control': required(String()),
                                    'authorization': required(String()),
                                }))),
                    }))),
            'not_billed': required(Array(items=Object('claim_batch_not_billed_item',
                    members={
                        'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'kind': required(String()),
                        'reason': required(String()),
                    }))),
            'x12': required(String()),
        }),
)
