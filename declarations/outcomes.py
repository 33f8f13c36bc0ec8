"""Cohort outcomes (the `outcomes.cohort` operation): remission and response at 6 and 12 months in the windows of
CMS159 / NQF 0710 and NQF 1884, reliable change, time to response and dropout, by program, track and delivery."""
from declarations.common import Date, IcdCode, Identifier, List, LongList
from declarations.dsl import *  # noqa: F401,F403

DELIVERY = Enum(('in_person', 'telehealth'), name='cohort_delivery')
COURSE_END = Enum(('ongoing', 'planned', 'against_advice', 'stepped_up'), name='course_end')
EXCLUSION = Enum(('none', 'died', 'hospice', 'bipolar', 'personality', 'psychotic', 'developmental'),
                 name='outcome_exclusion')
DIMENSION = Enum(('program', 'track', 'delivery'), name='cohort_dimension')

COHORT_PATIENT = Object('cohort_patient', members={
    'id': required(Identifier(), 'The patient\'s reference, unique in the cohort.'),
    'program': required(Identifier()),
    'track': required(Identifier()),
    'delivery': required(DELIVERY),
    'diagnosis': required(IcdCode('The primary ICD-10-CM diagnosis: the measures count major depression (F32.0-F32.5, '
                                  'F32.9, F33.x) and dysthymia (F34.1).')),
    'discharge': member(COURSE_END, 'How the course ended (default ongoing: not ended).', default='ongoing'),
    'exclusion': member(EXCLUSION, "A denominator exclusion of the measures (default none).", default='none'),
    'scores': required(List(Object('cohort_score', members={
        'date': required(Date()),
        'phq9': required(Integer(minimum=0, maximum=27), 'The PHQ-9 total.'),
    })), 'The patient\'s PHQ-9 totals, one a day at most, in any order.'),
})

_RATE = OneOf((Number(minimum=0, maximum=1), Null()))
_HORIZON = Object('cohort_horizon', members={
    'denominator': required(Integer(minimum=0), 'index patients whose window closed by as_of'),
    'pending': required(Integer(minimum=0), 'index patients whose window closes after as_of'),
    'no_score': required(Integer(minimum=0), 'in the denominator, without a PHQ-9 in the window'),
    'remission': required(Integer(minimum=0), 'the window\'s most recent PHQ-9 below 5'),
    'response': required(Integer(minimum=0), 'at least 50 % below the index score (remissions included)'),
    'remission_rate': required(_RATE, 'remission / denominator (none without a denominator)'),
    'response_rate': required(_RATE, 'response / denominator'),
    'reliable_improvement': required(Integer(minimum=0)),
    'reliable_deterioration': required(Integer(minimum=0)),
})
_PATIENT_HORIZON = Object('cohort_patient_horizon', members={
    'status': required(Enum(('not in measure', 'pending', 'no score', 'remission', 'response', 'no response'),
                            name='horizon_status')),
    'date': required(OneOf((Date(), Null())), "the window's most recent PHQ-9's day"),
    'score': required(OneOf((Integer(minimum=0, maximum=27), Null()))),
    'change': required(OneOf((Integer(minimum=-27, maximum=27), Null())), 'score less the index score'),
    'reliable': required(OneOf((Enum(('improvement', 'deterioration'), name='reliable_change'), Null()))),
})

OUTCOMES_COHORT_REQUEST = document(
    'outcomes.cohort.request',
    title='iop outcomes.cohort request',
    description='Outcome measures of a cohort given as patients with their PHQ-9 totals, or as episodes, or both.',
    folder='api',
    root=Object('api_outcomes_cohort_request', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'as_of': required(Date(), 'The day the data speaks as of: a window closing after it is pending; a score '
                                  'dated after it is refused.'),
        'reliability': required(Number(extra={'exclusiveMinimum': 0, 'exclusiveMaximum': 1}),
                                "The PHQ-9's reliability for reliable change (e.g. 0.89, its Cronbach's alpha in "
                                "Kroenke et al. 2001)."),
        'sd': member(Number(maximum=27, extra={'exclusiveMinimum': 0}),
                     'The SD for reliable change (default: the sample SD of the index scores, written with the '
                     'result).'),
        'by': member(List(DIMENSION, max_items=3, unique=True), 'The groups\' dimensions (default: the whole '
                                                                  'cohort only).'),
        'patients': member(LongList(COHORT_PATIENT, min_items=1), 'Patients with their PHQ-9 totals.'),
        'episodes': member(LongList(Ref('episode'), min_items=1), 'Episodes: each one\'s plan gives the patient and its measures '
                                                     'the PHQ-9s (the baseline included); a discharge or step-up '
                                                     'decision its end.'),
        'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
    }, extra={'anyOf': [{'required': ['patients']}, {'required': ['episodes']}]}),
)

OUTCOMES_COHORT_RESPONSE = document(
    'outcomes.cohort.response',
    title='iop outcomes.cohort response',
    description='The cohort\'s outcomes: the whole cohort and each group, then each patient.',
    folder='api',
    root=OneOf((Object('api_outcomes_cohort_response_option0', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('json',))),
        'result': required(Object('cohort_outcomes', members={
            'warnings': required(List(String())),
            'as_of': required(Date()),
            'reliable_change': required(Object('cohort_reliable_change', members={
                'reliability': required(Number()),
                'sd': required(Number()),
                'sd_source': required(Enum(('given', 'sample SD of the index scores'))),
                'threshold': required(Number(), '1.96 x SD x sqrt(2) x sqrt(1 - reliability): a change beyond it, '
                                                 'in PHQ-9 points, is reliable (Jacobson & Truax 1991)'),
            })),
            'by': required(List(DIMENSION)),
            'groups': required(Array(items=Object('cohort_group', members={
                'key': required(Object('cohort_group_key', values=String()),
                                'the group\'s program, track and delivery, as `by` names them (empty: the whole '
                                'cohort)'),
                'patients': required(Integer(minimum=0)),
                'excluded': required(Integer(minimum=0)),
                'no_index': required(Integer(minimum=0), 'no qualifying diagnosis, or no PHQ-9 above 9'),
                'index_patients': required(Integer(minimum=0)),
                'months_6': required(_HORIZON, 'index + 6 months +/- 60 days (NQF 1884)'),
                'months_12': required(_HORIZON, 'index + 12 months +/- 60 days (CMS159 / NQF 0710)'),
                'time_to_response': required(Object('cohort_time_to_response', members={
                    'responders': required(Integer(minimum=0)),
                    'median_days': required(OneOf((Number(minimum=0), Null())),
                                            'Kaplan-Meier median, censored at the last score'),
                })),
                'dropout': required(Object('cohort_dropout', members={
                    'ended': required(Integer(minimum=0)),
                    'against_advice': required(Integer(minimum=0)),
                    'rate': required(_RATE),
                })),
            }))),
            'patients': required(Array(items=Object('cohort_patient_outcome', members={
                'id': required(Identifier()),
                'index_date': required(OneOf((Date(), Null()))),
                'index_score': required(OneOf((Integer(minimum=10, maximum=27), Null()))),
                'months_6': required(_PATIENT_HORIZON),
                'months_12': required(_PATIENT_HORIZON),
                'days_to_response': required(OneOf((Integer(minimum=1), Null()))),
            }))),
        })),
    }), Object('api_outcomes_cohort_response_option1', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('text',))),
        'content': required(String()),
    }), Ref('error'))),
)
