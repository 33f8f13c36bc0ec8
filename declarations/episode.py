"""An episode: a plan and everything that happened in its course, in date order; and the state of the episode as of a
date (the `episode.state` operation)."""
from declarations.common import (LEVEL_OF_CARE, WEEKDAY, Date, Identifier, List, LongList, MoneyOut,
                                 Text, TimeOfDay)
from declarations.case import COURSE, COURSE_CALENDAR, FEE_SCHEDULE
from declarations.coverage import AUTHORIZATION
from declarations.gfe_request import REQUEST_MEMBERS as GFE_REQUEST_MEMBERS
from declarations.dsl import *  # noqa: F401,F403
from declarations.events import ATTENDANCE, SESSION_KIND

DECISION = Enum(('continue', 'extend', 'step_down', 'step_up', 'discharge'), name='episode_decision')

EPISODE_EVENT = Object('episode_event', members={
    'kind': required(Enum(('attendance', 'reschedule', 'measure', 'decision', 'authorization'), name='episode_event_kind')),
    'date': required(Date(), "The session's date (attendance, reschedule), the measure's, the day the team decided, or "
                             "the day the payer authorised."),
    'session': member(SESSION_KIND, 'Which session on that date (default program_day).'),
    'status': member(ATTENDANCE, 'attendance: what happened.'),
    'new_date': member(Date(), 'reschedule: the new date.'),
    'new_start': member(TimeOfDay(), 'reschedule: the new local start time HH:MM.'),
    'measure': member(Enum(('PHQ-9', 'GAD-7'), name='episode_measure'), 'measure: which questionnaire.'),
    'total': member(Integer(minimum=0, maximum=27), 'measure: the total (PHQ-9 0..27, GAD-7 0..21).'),
    'items': member(List(Integer(minimum=0, maximum=3), min_items=7, max_items=9),
                    'measure: the item answers (0-3) in the questionnaire\'s order: 9 for a PHQ-9, 7 for a GAD-7.'),
    'decision': member(DECISION, "decision: what the team decided."),
    'effective': member(Date(), 'decision: the day a step-down, a step-up or a discharge takes effect (a step-up or a '
                                'discharge: the last IOP day; a step-down: the first day at the new days).'),
    'weeks': member(Integer(minimum=1, maximum=26), 'decision extend: the weeks added.'),
    'authorization_requested': member(Identifier(), 'decision extend: the reference of the authorisation requested '
                                                    'from the payer (its answer is an authorization event).'),
    'weekdays': member(List(WEEKDAY, max_items=7, min_items=1), 'decision step_down: the program days from `effective` on.'),
    'level': member(LEVEL_OF_CARE, 'decision step_up: the higher level the patient moves to.'),
    'planned': member(Boolean(), 'decision discharge: true for a planned discharge, false against advice.'),
    'reason': member(Text(), 'decision: why (required for a discharge, an extension and a step-up).'),
    'authorization': member(AUTHORIZATION, 'authorization: what the payer authorised.'),
    'note': member(Text(), 'Free text kept with the event.'),
}, extra={'allOf': [
    {'if': {'properties': {'kind': {'const': 'attendance'}}}, 'then': {'required': ['status']}},
    {'if': {'properties': {'kind': {'const': 'reschedule'}}}, 'then': {'required': ['new_date']}},
    {'if': {'properties': {'kind': {'const': 'measure'}}}, 'then': {'required': ['measure']}},
    {'if': {'properties': {'kind': {'const': 'decision'}}}, 'then': {'required': ['decision']}},
    {'if': {'properties': {'kind': {'const': 'authorization'}}}, 'then': {'required': ['authorization']}},
]})

EPISODE = document(
    'episode',
    title='iop episode',
    description="A course as it unfolds: the plan (and its program, holidays and, for costs, coverage and fee schedule) "
                "and everything that happened, in date order: attendance, reschedules, measures, the team's decisions "
                "and the payer's authorisations. As read by iop::episode_from_json (the `episode` of episode.state).",
    root=Object('episode', members={
        **COURSE,
        'holidays': COURSE_CALENDAR['holidays'],
        'holiday_policy': COURSE_CALENDAR['holiday_policy'],
        'coverage': member(Ref('coverage'), "The patient's benefits, for costs; its authorisations come as events."),
        'fee_schedule': FEE_SCHEDULE,
        'events': required(LongList(Ref('#/$defs/episode_event')), 'What happened, in date order.'),
        'gfe': member(Object('episode_gfe', members={
            k: GFE_REQUEST_MEMBERS[k]
            for k in ('patient', 'provider', 'co_providers', 'separately_scheduled', 'business_days')}),
            "For a self-pay course: who its Good Faith Estimates are for and from. With it, the new estimate a "
            "scope change calls for (45 CFR 149.610(b)(1)(vii)) is produced, dated the decision's day; the "
            "diagnoses come from the plan."),
    }),
    defs={'episode_event': EPISODE_EVENT},
)

_MONEY_TOTALS = Object('episode_costs_part', members={
    'sessions': required(Integer(minimum=0), 'the dates charged'),
    'charges': required(MoneyOut()),
    'plan': required(MoneyOut()),
    'patient': required(MoneyOut()),
})

_PROPOSAL = Object('episode_proposal', members={
    'action': required(DECISION),
    'level': member(LEVEL_OF_CARE),
    'reasons': required(List(String())),
})

# The review's thresholds, alike in episode.state and episode.review.
_REVIEW_THRESHOLDS = {
    'not_improving_weeks': member(Integer(minimum=1, maximum=26),
                                  'Weeks without a new best PHQ-9 that count as not improving.', default=4),
    'attendance_threshold': member(Integer(minimum=1, maximum=100),
                                   'The share of program days (percent) below which attendance is a reason at a '
                                   'review; none: attendance is reported, not judged.'),
}

_SCORE = Object('episode_score', members={'date': required(Date()), 'total': required(Integer(minimum=0))})

EPISODE_STATE_REQUEST = document(
    'episode.state.request',
    title='iop episode.state request',
    description="The episode as of a date: sessions delivered and to come (the calendar re-planned from each decision), "
                "the measures' trajectory and status, the next review, the authorisation's remaining days, the costs so "
                "far and expected, what iop proposes at the review and why, and what changed since an earlier date.",
    folder='api',
    root=Object('api_episode_state_request', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'episode': required(Ref('episode')),
        'as_of': required(Date(), 'The day of the state: events after it have not happened yet.'),
        'since': member(Date(), 'An earlier state\'s day: what changed since then is listed at the top.'),
        **_REVIEW_THRESHOLDS,
        'format': member(Enum(('json', 'text', 'fhir')),
                         'Output format (default json); fhir: the plan\'s Bundle with the CarePlan as of the day and an '
                         'Observation per measure.', default='json'),
    }),
)

EPISODE_STATE_RESPONSE = document(
    'episode.state.response',
    title='iop episode.state response',
    description='The episode as of a date; warnings and what changed first.',
    folder='api',
    root=OneOf((Object('api_episode_state_response_option0', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('json',))),
        'result': required(Object('episode_state', members={
            'warnings': required(List(String()), 'Same-day follow-up (PHQ-9 item 9), an overdue review, an authorisation '
                                                  'running out, a Good Faith Estimate due, days no authorisation covers.'),
            'changes': required(List(String()), 'What changed since `since` (empty without it).'),
            'as_of': required(Date()),
            'status': required(Enum(('not started', 'in treatment', 'discharged', 'stepped up'),
                                    name='episode_status')),
            'sessions': required(Object('episode_sessions', members={
                'attended': required(Integer(minimum=0), 'program days attended or made up, up to as_of'),
                'missed': required(Integer(minimum=0)),
                'cancelled_by_clinic': required(Integer(minimum=0)),
                'unrecorded': required(Integer(minimum=0), 'program days up to as_of with no attendance recorded'),
                'upcoming': required(Integer(minimum=0), 'program days after as_of, as re-planned (cancelled ones aside)'),
                'attendance': required(OneOf((String(), Null())),
                                       'attended / (attended + missed) of the program days up to as_of'),
                'next_session': required(OneOf((Date(), Null()))),
                'last_session': required(OneOf((Date(), Null())), 'the course\'s last program day as re-planned'),
                'weekdays': required(List(WEEKDAY), 'the program days in force on as_of'),
                'weeks_outside_bounds': required(List(String()),
                                                 "the current and later program weeks whose scheduled hours fall "
                                                 "outside the level's bounds, with their causes"),
            })),
            'measures': required(Object('episode_measures', members={
                'status': required(Enum(('on track', 'response', 'remission', 'not improving')),
                                   "the PHQ-9 review's (plan.review)"),
                'phq9': required(List(_SCORE)),
                'gad7': required(List(_SCORE)),
                'reasons': required(List(String())),
            })),
            'next_review': required(Object('episode_next_review', members={
                'date': required(Date()),
                'why': required(String()),
            })),
            'authorization': required(OneOf((Object('episode_authorization', members={
                'reference': required(String()),
                'first_day': required(Date()),
                'last_day': required(Date()),
                'units': required(Integer(minimum=0)),
                'used': required(Integer(minimum=0), 'program days in it up to as_of, attended or not'),
                'remaining_units': required(Integer()),
                'remaining_days': required(Integer(), 'calendar days from as_of to its last day'),
                'review_due': required(Date()),
            }), Null())), 'The authorisation in force on as_of.'),
            'pending_requests': required(List(String()), 'Authorisations requested by an extension, not yet answered.'),
            'proposal': required(_PROPOSAL, 'What iop proposes at the review; the team decides.'),
            'decisions': required(List(String()), 'The decisions up to as_of, in order.'),
            'good_faith_estimates': required(Array(items=Ref('gfe')),
                                             "For a self-pay course with the episode's gfe: the new estimate of each "
                                             "decision that changed the scope, its services still to come (issued on "
                                             "the decision's day, for the services from the first changed one on, as "
                                             "re-planned that day)."),
            'costs': required(OneOf((Object('episode_costs', members={
                'so_far': required(_MONEY_TOTALS, 'program days up to as_of, as attended'),
                'expected': required(_MONEY_TOTALS, 'the rest, as scheduled'),
                'total': required(_MONEY_TOTALS),
                'warnings': required(List(String()), "the estimate's warnings"),
            }), Null())), 'None without a coverage.'),
        })),
    }), Object('api_episode_state_response_option1', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('text',))),
        'content': required(String()),
    }), Object('api_episode_state_response_option2', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('fhir',))),
        'result': required(Object('api_episode_state_response_option2_result', members={
            'resourceType': required(Const('Bundle')),
        }, closed=False), 'A FHIR R4 Bundle: the plan\'s Conditions and Goals, its CarePlan as of the day (status, '
                          'period as re-planned, the decisions as notes, the Observations as supporting information) and '
                          'an Observation per PHQ-9 and GAD-7 up to the day (checked with fhir.resources and the npm fhir '
                          'validator in the tests).'),
    }), Ref('error'))),
)

EPISODE_REVIEW_REQUEST = document(
    'episode.review.request',
    title='iop episode.review request',
    description="Every review of an episode up to a date: each decision's day and each day a review fell due with no "
                "decision recorded, with what iop proposed from the state of that day (before its decision) beside "
                "what the team decided.",
    folder='api',
    root=Object('api_episode_review_request', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'episode': required(Ref('episode')),
        'as_of': required(Date(), 'The last day looked at: events after it have not happened yet.'),
        **_REVIEW_THRESHOLDS,
        'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
    }),
)

EPISODE_REVIEW_RESPONSE = document(
    'episode.review.response',
    title='iop episode.review response',
    description="The episode's reviews in order, each with iop's proposal and the team's decision.",
    folder='api',
    root=OneOf((Object('api_episode_review_response_option0', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('json',))),
        'result': required(Object('episode_reviews', members={
            'reviews': required(List(Object('episode_review', members={
                'date': required(Date()),
                'why': required(String(), 'a decision recorded that day, or a review due with none recorded'),
                'status': required(Enum(('on track', 'response', 'remission', 'not improving'))),
                'proposal': required(_PROPOSAL, "what iop proposed from that day's state, before its decision"),
                'decided': required(OneOf((DECISION, Null())), 'what the team decided (none: no decision recorded)'),
                'decision': required(OneOf((String(), Null())), 'the decision described'),
                'followed': required(OneOf((Boolean(), Null())), 'whether the decision is the action proposed'),
            }))),
        })),
    }), Object('api_episode_review_response_option1', members={
        'api_version': required(Const(1), 'The version of the document API: 1.'),
        'format': required(Enum(('text',))),
        'content': required(String()),
    }), Ref('error'))),
)
