"""The reconciliation document."""
from declarations.common import MoneyOut
from declarations.dsl import *  # noqa: F401,F403


def AMOUNT():
    return required(MoneyOut('An amount in dollars with two decimals.'))


def LINE_AMOUNTS(name):
    """A line's figures as estimated or as remitted: the same members on both sides."""
    return Object(name, members={k: AMOUNT() for k in
                                 ('charge', 'allowed', 'plan', 'patient', 'deductible', 'coinsurance', 'copay')})

RECONCILIATION = document(
    'reconciliation',
    title='iop reconciliation',
    description='An estimate reconciled with a remittance line by line, the differences explained, the accumulators brought up to date and the 45 CFR 149.620 check.',
    root=Object('reconciliation',
        members={
            'lines': required(Array(items=Object('reconciliation_line',
                    members={
                        'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'code': required(String()),
                        'status': required(Enum(('paid', 'denied', 'not_remitted', 'not_estimated'))),
                        'expected': required(LINE_AMOUNTS('reconciliation_line_expected')),
                        'actual': required(LINE_AMOUNTS('reconciliation_line_actual')),
                        'plan_difference': AMOUNT(),
                        'patient_difference': AMOUNT(),
                        'explanations': required(Array(items=String())),
                    }))),
            'totals': required(Object('reconciliation_totals',
                members={
                    'expected_charges': AMOUNT(),
                    'billed_charges': AMOUNT(),
                    'expected_plan': AMOUNT(),
                    'actual_plan': AMOUNT(),
                    'plan_difference': AMOUNT(),
                    'expected_patient': AMOUNT(),
                    'actual_patient': AMOUNT(),
                    'patient_difference': AMOUNT(),
                    'provider_adjustments': AMOUNT(),
                    'deductible_met_elsewhere': AMOUNT(),
                })),
            'explanations': required(Array(items=String())),
            'accumulators': required(Object('reconciliation_accumulators',
                members={
                    'as_of': required(OneOf((String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$'), Null(),))),
                    'deductible_individual': AMOUNT(),
                    'deductible_family': AMOUNT(),
                    'oop_individual': AMOUNT(),
                    'oop_family': AMOUNT(),
                    'visits_used': required(Integer()),
                })),
            'gfe_check': required(OneOf((Null(), Object('reconciliation_gfe_check_option1',
                    members={
                        'expected_charges': AMOUNT(),
                        'billed_charges': AMOUNT(),
                        'excess': AMOUNT(),
                        'threshold': AMOUNT(),
                        'eligible': required(Boolean()),
                        'billed_on': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'dispute_deadline': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                        'explanation': required(String()),
                    }),))),
        }),
)
