"""The fee-schedule document."""
from declarations.dsl import *  # noqa: F401,F403

FEE_SCHEDULE = document(
    'fee-schedule',
    title='iop fee schedule',
    description=None,
    root=Object('fee_schedule',
        members={
            'id': required(String(min_length=1)),
            'basis': required(Enum(('per_diem', 'itemized', 'medicare_iop'))),
            'per_diem': member(String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$')),
            'prices': member(Object('fee_schedule_prices',
                values=String(pattern='^[+-]?\\$?[0-9]{1,3}(,?[0-9]{3})*(\\.[0-9]{1,2})?$'))),
            'revenue_code': member(String()),
            'medicare': member(Object('fee_schedule_medicare',
                members={
                    'year': required(Integer()),
                    'setting': required(Enum(('hospital', 'cmhc'))),
                })),
            'source': member(String()),
        }),
)
