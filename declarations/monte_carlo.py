"""The monte-carlo document."""
from declarations.common import MoneyOut
from declarations.dsl import *  # noqa: F401,F403

MONTE_CARLO = document(
    'monte-carlo',
    title='iop Monte Carlo result (output)',
    description="Nearest-rank P10/P50/P90 of the patient's cost and of the total charges over simulated courses, with the settings they were drawn with. Written by MonteCarloResult.to_dict() and in iop estimate --format json.",
    root=Object('monte_carlo',
        members={
            'runs': required(Integer(minimum=1, maximum=1000000)),
            'seed': required(Integer(minimum=0, maximum=18446744073709551615)),
            'attendance': required(String(pattern='^([0-9]+(\\.[0-9]+)?%|[0-9]+/[0-9]+)$'), 'Exact rate: "20%", "12.5%" or a fraction "1/3".'),
            'length_of_stay': required(Enum(('plan', 'uniform'), name='length_of_stay'), 'How the stays were drawn: the plan\'s own weeks, or uniform over weeks.min..weeks.max.'),
            'weeks': required(Object('monte_carlo_weeks',
                members={
                    'min': required(Integer(minimum=1, maximum=104)),
                    'max': required(Integer(minimum=1, maximum=104)),
                })),
            'patient': required(Object('percentiles',
                members={
                    'p10': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                    'p50': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                    'p90': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                })),
            'charges': required(Object('percentiles',
                members={
                    'p10': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                    'p50': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                    'p90': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                })),
        }),
)
