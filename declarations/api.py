"""The document API: each operation's request and response, and the error object."""
from declarations.common import LEVEL_OF_CARE, TIME_ZONE, Date, Identifier, List, Money, Rate, TimeOfDay
from declarations.dsl import *  # noqa: F401,F403
from declarations.limits import limit
from declarations.estimate import ESTIMATE
from declarations.parity_report import RULE_SET
from declarations.level_of_care_rules import RECOMMENDATION

# What the estimate operation answers: the estimate, the fee schedule its lines were priced with and, when the case
# asks for one, the Monte Carlo range.
ESTIMATE_RESULT = Object('estimate_result', members={
    **ESTIMATE.root.members,
    'fee_schedule': required(Ref('fee-schedule'), 'The schedule the lines were priced with.'),
    'monte_carlo': member(Ref('monte-carlo'), 'When the case asks for a Monte Carlo.'),
}, description=ESTIMATE.root.description)

CALENDAR_BUILD_REQUEST = document(
    'calendar.build.request',
    title='iop calendar.build request',
    description='The session calendar of a plan.',
    folder='api',
    root=Object('api_calendar_build_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'plan': required(Ref('treatment-plan')),
            'program': member(Ref('program'), "The plan's program; default: the catalog's program named by the plan."),
            'holidays': member(Ref('holiday-calendar'), "Default: the program's holiday preset (its `holidays`; private_clinic when it states none)."),
            'holiday_policy': member(Enum(('skip', 'make_up_same_week', 'extend')), 'What happens to a program day on a closed day (default skip).'),
            'events': member(Ref('events'), 'Recorded attendance, reschedules, changes and discharge.'),
            'authorizations': member(Ref('coverage#/$defs/authorizations'), "Prior authorisations: each one's next concurrent review (next_review, else its last day) appears in the calendar as a review event."),
            'format': member(Enum(('json', 'text', 'ics', 'fhir', 'csv')), 'Output format (default json).', default='json'),
        }),
)

CALENDAR_BUILD_RESPONSE = document(
    'calendar.build.response',
    title='iop calendar.build response',
    description='The calendar as JSON, FHIR R4 (Schedule, Slot, Appointment), or text, iCalendar (RFC 5545) or CSV (RFC 4180).',
    folder='api',
    root=OneOf((Object('api_calendar_build_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('calendar')),
            }), Object('api_calendar_build_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('fhir',))),
                'result': required(Object('api_calendar_build_response_option1_result',
                    members={
                        'resourceType': required(Const('Bundle')),
                    },
                    closed=False), 'A FHIR R4 Bundle (checked with fhir.resources in the tests).'),
            }), Object('api_calendar_build_response_option2',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text', 'ics', 'csv'))),
                'content': required(String()),
            }), Ref('error'),)),
)

DEMO_REQUEST = document(
    'demo.request',
    title='iop demo request',
    description='The main job on the built-in default data (reference program A).',
    folder='api',
    root=Object('api_demo_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'demo': member(Object('demo_overrides',
                members={
                    'program': member(Identifier(), 'the program name shown'),
                    'zone': member(TIME_ZONE),
                    'start_date': member(Date()),
                    'hours_per_day': member(Integer(minimum=1, maximum=8)),
                    'days_per_week': member(Object('demo_days_per_week',
                        members={
                            'min': required(Integer(minimum=1, maximum=7)),
                            'max': required(Integer(minimum=1, maximum=7)),
                        })),
                    'weeks': member(Integer(minimum=1, maximum=52)),
                    'tracks': member(Array(items=Object('demo_track',
                            members={
                                'name': required(Identifier()),
                                'start': required(TimeOfDay()),
                            }), min_items=1, max_items=limit('max_list'))),
                    'per_diem': member(Money()),
                    'coinsurance': member(Rate()),
                }), 'Overrides of the default data.'),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
        }),
)

DEMO_RESPONSE = document(
    'demo.response',
    title='iop demo response',
    description="The demo's findings.",
    folder='api',
    root=OneOf((Object('api_demo_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_demo_response_option0_result',
                    closed=False,
                    extra={'required': ['iop_version', 'program', 'zone', 'weekly_hours', 'money']})),
            }), Object('api_demo_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

ERROR = document(
    'error',
    title='iop document API error',
    description='A refused or failed call: the same fields as iop::Error and the Python exceptions.',
    folder='api',
    root=Object('api_error',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'error': required(Object('api_error_error',
                members={
                    'kind': required(Enum(('validation', 'not_found', 'overflow', 'internal', 'unavailable')), 'unavailable: only from the HTTP service, for a request past its time limit or a full queue.'),
                    'id': required(Enum(('iop.validation', 'iop.not_found', 'iop.overflow', 'iop.internal', 'iop.unavailable'))),
                    'field': required(String(), "The request's own field path, e.g. case.plan.weeks (empty when the request as a whole is meant)."),
                    'value': required(String(), 'A short, escaped excerpt of the value given.'),
                    'problem': required(String()),
                    'allowed': required(String()),
                    'message': required(String(), '[id] field: value problem; allowed: ...'),
                })),
        }),
)

ESTIMATE_REQUEST = document(
    'estimate.request',
    title='iop estimate request',
    description='What a course costs the patient and the plan.',
    folder='api',
    root=Object('api_estimate_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'case': required(Ref('case')),
            'format': member(Enum(('json', 'text', 'csv')), 'Output format (default json).', default='json'),
        }),
)

ESTIMATE_RESPONSE = document(
    'estimate.response',
    title='iop estimate response',
    description="The estimate with every line's rules, the fee schedule used and, when asked, the Monte Carlo range.",
    folder='api',
    root=OneOf((Object('api_estimate_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(ESTIMATE_RESULT),
            }), Object('api_estimate_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text', 'csv'))),
                'content': required(String()),
            }), Ref('error'),)),
)

GFE_REQUEST = document(
    'gfe.request',
    title='iop gfe request',
    description='Good Faith Estimates (45 CFR 149.610) for a self-pay or uninsured course.',
    folder='api',
    root=Object('api_gfe_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'case': required(Ref('gfe-case')),
            'format': member(Enum(('json', 'html')), 'Output format (default json).', default='json'),
        }),
)

GFE_RESPONSE = document(
    'gfe.response',
    title='iop gfe response',
    description='One estimate per 12 months of the course, as JSON or printable HTML.',
    folder='api',
    root=OneOf((Object('api_gfe_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Array(items=Ref('gfe'), min_items=1)),
            }), Object('api_gfe_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('html',))),
                'content': required(String()),
            }), Ref('error'),)),
)

PARITY_ANALYSE_REQUEST = document(
    'parity.analyse.request',
    title='iop parity.analyse request',
    description='The MHPAEA analysis of a benefit design.',
    folder='api',
    root=Object('api_parity_analyse_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'design': required(Ref('benefit-design')),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
            'rule_set': member(RULE_SET, "The rule set the report applies (data/parity-rule-sets.json): mhpaea_2013, what the Departments enforce (the statute, the 2013 final rules and the CAA 2021 comparative-analysis duty), or mhpaea_2024, with the 2024 final rule in full (its new provisions marked).", default='mhpaea_2013'),
        }),
)

PARITY_ANALYSE_RESPONSE = document(
    'parity.analyse.response',
    title='iop parity.analyse response',
    description='The parity report with every share, level and rule.',
    folder='api',
    root=OneOf((Object('api_parity_analyse_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('parity-report')),
            }), Object('api_parity_analyse_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

PLAN_CHECK_REQUEST = document(
    'plan.check.request',
    title='iop plan.check request',
    description='Validates a treatment plan against its program.',
    folder='api',
    root=Object('api_plan_check_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'plan': required(Ref('treatment-plan')),
            'program': member(Ref('program'), "Default: the catalog's program named by the plan."),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
        }),
)

PLAN_CHECK_RESPONSE = document(
    'plan.check.response',
    title='iop plan.check response',
    description="The plan as read and its check: end date, weekly hours against the level's bounds, findings.",
    folder='api',
    root=OneOf((Object('api_plan_check_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_plan_check_response_option0_result',
                    members={
                        'plan': required(Ref('treatment-plan')),
                        'check': required(Object('plan_check',
                            members={
                                'weekly_minutes': required(Integer(minimum=0),
                                                           'Scheduled clinical minutes a week at full intensity.'),
                                'weekly_hours_bounds': required(String(), "The level of care's weekly hours for the "
                                                                         "patient's age group, e.g. 9-19 h."),
                                'within_bounds': required(Boolean(), 'Whether weekly_minutes is within them.'),
                                'end_date': required(Date(), 'The last planned day.'),
                                'extended': required(Boolean(), "The plan runs beyond the program's longest course."),
                                'findings': required(Array(items=Object('plan_check_finding',
                                    members={
                                        'field': required(String(), 'The plan member the finding is about.'),
                                        'message': required(String()),
                                    })), 'Points for the clinician, in order (no limit: one a baseline score '
                                         'or a diagnosis can give one each).'),
                            })),
                    })),
            }), Object('api_plan_check_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

PLAN_FHIR_REQUEST = document(
    'plan.fhir.request',
    title='iop plan.fhir request',
    description='A valid plan as a FHIR R4 Bundle of CarePlan, Goal and Condition.',
    folder='api',
    root=Object('api_plan_fhir_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'plan': required(Ref('treatment-plan')),
            'program': member(Ref('program'), "Default: the catalog's program named by the plan."),
        }),
)

PLAN_FHIR_RESPONSE = document(
    'plan.fhir.response',
    title='iop plan.fhir response',
    description='The plan as FHIR R4.',
    folder='api',
    root=OneOf((Object('api_plan_fhir_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('fhir',))),
                'result': required(Object('api_plan_fhir_response_option0_result',
                    members={
                        'resourceType': required(Const('Bundle')),
                    },
                    closed=False), 'A FHIR R4 Bundle (checked with fhir.resources in the tests).'),
            }), Ref('error'),)),
)

PLAN_REVIEW_REQUEST = document(
    'plan.review.request',
    title='iop plan.review request',
    description="Reviews a plan with the PHQ-9 scores taken since its baseline: remission, response, on track or not improving, with the reasons and figures, the next review, and an item 9 above 0 flagged at the top for same-day follow-up. Scores come as dated totals or item answers, or as the clinic system's FHIR resources.",
    folder='api',
    root=Object('api_plan_review_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'plan': required(Ref('treatment-plan')),
            'scores': member(List(Object('plan_review_score',
                members={
                    'date': required(Date()),
                    'total': member(Integer(minimum=0, maximum=27), 'The PHQ-9 total.'),
                    'items': member(List(Integer(minimum=0, maximum=3), min_items=9, max_items=9),
                                    'The nine item answers (0-3), in the PHQ-9\'s order.'),
                },
                extra={'oneOf': [{'required': ['total']}, {'required': ['items']}]})),
                'PHQ-9 scores taken after the baseline, as totals or as item answers.'),
            'fhir': member(List(Ref('fhir-measure')), 'PHQ-9 (and GAD-7) QuestionnaireResponses and Observations from a clinic system.'),
            'not_improving_weeks': member(Integer(minimum=1, maximum=26), 'Weeks without a new best score that count as not improving.', default=4),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
        }),
)

PLAN_REVIEW_RESPONSE = document(
    'plan.review.response',
    title='iop plan.review response',
    description='Where the patient stands, why, and when the next review is due; warnings first.',
    folder='api',
    root=OneOf((Object('api_plan_review_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_plan_review_response_option0_result',
                    members={
                        'warnings': required(List(String()), 'Same-day follow-up flags (PHQ-9 item 9 above 0) and measures the review does not use, first.'),
                        'status': required(Enum(('on track', 'response', 'remission', 'not improving'))),
                        'scores': required(List(Object('plan_review_result_score',
                            members={'date': required(Date()), 'total': required(Integer(minimum=0, maximum=27))}))),
                        'measures': required(List(Object('plan_review_result_measure',
                            members={
                                'source': required(String(), "Where it was read: scores[i] or fhir[i]."),
                                'measure': required(Enum(('PHQ-9', 'GAD-7'))),
                                'date': required(Date()),
                                'total': required(Integer(minimum=0, maximum=27)),
                                'items': member(List(Integer(minimum=0, maximum=3), min_items=7, max_items=9)),
                                'difficulty': member(Enum(('Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult')),
                                                     "The PHQ-9's difficulty question (LOINC 69722-7), not scored."),
                            })), 'Every measure read, in the order given.'),
                        'change_from_baseline': required(Integer()),
                        'response': required(Boolean()),
                        'remission': required(Boolean()),
                        'weeks_without_improvement': required(Integer(minimum=0)),
                        'reasons': required(List(String())),
                        'next_review': required(Date()),
                        'consider_level': required(OneOf((LEVEL_OF_CARE, Null())), 'A higher level to consider when not improving.'),
                    })),
            }), Object('api_plan_review_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

PROGRAMS_LIST_REQUEST = document(
    'programs.list.request',
    title='iop programs.list request',
    description='The built-in program catalog (the five reference programs).',
    folder='api',
    root=Object('api_programs_list_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
        }),
)

PROGRAMS_LIST_RESPONSE = document(
    'programs.list.response',
    title='iop programs.list response',
    description='The catalog.',
    folder='api',
    root=OneOf((Object('api_programs_list_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Array(items=Ref('program'))),
            }), Object('api_programs_list_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

RECOMMEND_REQUEST = document(
    'recommend.request',
    title='iop recommend request',
    description='A level-of-care recommendation for an intake (decision support, never a diagnosis).',
    folder='api',
    root=Object('api_recommend_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'intake': required(Ref('intake')),
            'rules': member(Ref('level-of-care-rules'), "Default: iop's rules (data/level-of-care-rules.json)."),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
        }),
)

RECOMMEND_RESPONSE = document(
    'recommend.response',
    title='iop recommend response',
    description='The recommended level with every matching rule and its source.',
    folder='api',
    root=OneOf((Object('api_recommend_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(RECOMMENDATION),
            }), Object('api_recommend_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
)

SCHEMA_REQUEST = document(
    'schema.request',
    title='iop schema request',
    description='One of the JSON Schemas iop carries.',
    folder='api',
    root=Object('api_schema_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'name': required(String(), "A schema's name: a document (treatment-plan, coverage, ...) or <operation>.request / <operation>.response / error."),
        }),
)

SCHEMA_RESPONSE = document(
    'schema.response',
    title='iop schema response',
    description='The JSON Schema asked for.',
    folder='api',
    root=OneOf((Object('api_schema_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('https://json-schema.org/draft/2020-12/schema')),
            }), Ref('error'),)),
)

VERSION_REQUEST = document(
    'version.request',
    title='iop version request',
    description="The library's version, the operations and the limits on requests.",
    folder='api',
    root=Object('api_version_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
        }),
)

VERSION_RESPONSE = document(
    'version.response',
    title='iop version response',
    description="The library's version, the operations it serves and the limits it applies to every request.",
    folder='api',
    root=OneOf((Object('api_version_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_version_response_option0_result',
                    members={
                        'version': required(String()),
                        'api_version': required(Const(1)),
                        'operations': required(Array(items=String())),
                        'limits': required(Object('api_version_response_option0_result_limits',
                            values=Integer())),
                    })),
            }), Ref('error'),)),
)

ZONE_CONVERT_REQUEST = document(
    'zone.convert.request',
    title='iop zone.convert request',
    description='A local wall time in an IANA zone as a UTC instant.',
    folder='api',
    root=Object('api_zone_convert_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'zone': required(String()),
            'local': required(String(), 'YYYY-MM-DDTHH:MM[:SS]'),
            'fold': member(Enum(('reject', 'earlier', 'later')), default='reject'),
        }),
)

ZONE_CONVERT_RESPONSE = document(
    'zone.convert.response',
    title='iop zone.convert response',
    description='The instant, its offset and abbreviation, and whether the wall time was unique, skipped or repeated.',
    folder='api',
    root=OneOf((Object('api_zone_convert_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_zone_convert_response_option0_result',
                    members={
                        'local': required(String()),
                        'zone': required(String()),
                        'utc': required(String()),
                        'offset': required(String()),
                        'abbreviation': required(String()),
                        'kind': required(Enum(('unique', 'skipped', 'repeated'))),
                        'rfc9557': required(String()),
                    })),
            }), Ref('error'),)),
)

ZONE_TRANSITIONS_REQUEST = document(
    'zone.transitions.request',
    title='iop zone.transitions request',
    description="A zone's daylight-saving changes in a year.",
    folder='api',
    root=Object('api_zone_transitions_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'zone': required(String()),
            'year': required(Integer(minimum=1, maximum=9999)),
        }),
)

ZONE_TRANSITIONS_RESPONSE = document(
    'zone.transitions.response',
    title='iop zone.transitions response',
    description='The changes in order (none for a zone without daylight saving time).',
    folder='api',
    root=OneOf((Object('api_zone_transitions_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Array(items=Object('api_zone_transitions_response_option0_result_item',
                        members={
                            'utc': required(String()),
                            'local_before': required(String()),
                            'offset_before': required(String()),
                            'offset_after': required(String()),
                        }))),
            }), Ref('error'),)),
)

FIGURE_STATUS = Enum(('confirmed', 'secondary', 'unconfirmed'), name='figure_status')

DATA_SOURCES_REQUEST = document(
    'data.sources.request',
    title='iop data.sources request',
    description="Every yearly or regulatory figure iop's answers rest on, from its data files, with its evidence: status, citation, where it was read and when.",
    folder='api',
    root=Object('api_data_sources_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('json', 'text')), 'json (the figures as data) or text (a listing).', default='json'),
            'file': member(Identifier(), 'Only this data file, e.g. medicare-iop-rates.json.'),
            'status': member(FIGURE_STATUS, 'Only figures of this status.'),
        }),
)

DATA_SOURCES_RESPONSE = document(
    'data.sources.response',
    title='iop data.sources response',
    description='The data files and their figures with evidence.',
    folder='api',
    root=OneOf((Object('api_data_sources_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('data_sources',
                    members={
                        'files': required(Array(items=Object('data_file',
                                members={
                                    'file': required(String(), 'The file, e.g. data/medicare-iop-rates.json.'),
                                    'description': required(String(), 'What the file holds.'),
                                    'figures': required(Array(items=Ref('#/$defs/figure'))),
                                }))),
                        'counts': required(Object('figure_counts',
                            members={
                                'confirmed': required(Integer(minimum=0)),
                                'secondary': required(Integer(minimum=0)),
                                'unconfirmed': required(Integer(minimum=0)),
                            }), 'How many figures of each status are listed.'),
                    })),
            }), Object('api_data_sources_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }), Ref('error'),)),
    defs={
        'figure': Object('figure',
            members={
                'pointer': required(String(), 'Where the figure is in its file (a JSON Pointer).'),
                'values': required(Object('figure_values', closed=False),
                                   "The figure's values (its scalar members), e.g. year and amount; null where unconfirmed."),
                'status': required(FIGURE_STATUS, 'confirmed: read in the primary source; secondary: read in agreeing secondary sources, used and said so; unconfirmed: carried without a value and refused by name.'),
                'citation': required(String(), 'The official citation.'),
                'source': required(String(), 'Where it was read.'),
                'read_on': required(Date(), 'When it was read.'),
            }),
    },
)
REMITTANCE_RECONCILE_REQUEST = document(
    'remittance.reconcile.request',
    title='iop remittance.reconcile request',
    description="An estimate (a case, or its scenario) reconciled with an 835 line by line; with a GFE's expected charges and the bill's date, the 45 CFR 149.620 check.",
    folder='api',
    root=Object('api_remittance_reconcile_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
            'case': required(Ref('case')),
            'x12': required(String(), 'The X12 interchange as text (ISA through IEA).'),
            'gfe': member(Object('api_remittance_reconcile_request_gfe',
                members={
                    'expected_charges': required(String(pattern='^[0-9]+(\\.[0-9]{1,2})?$'), 'An amount in dollars with two decimals.'),
                    'billed_on': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
                })),
        }),
)

REMITTANCE_RECONCILE_RESPONSE = document(
    'remittance.reconcile.response',
    title='iop remittance.reconcile response',
    description="An estimate (a case, or its scenario) reconciled with an 835 line by line; with a GFE's expected charges and the bill's date, the 45 CFR 149.620 check.",
    folder='api',
    root=OneOf((Object('api_remittance_reconcile_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('reconciliation')),
            }), Object('api_remittance_reconcile_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }),)),
)

X12_BENEFITS_REQUEST = document(
    'x12.benefits.request',
    title='iop x12.benefits request',
    description='Benefits for an IOP from a 271 (005010X279A1): one entry a person, with what is not stated and what conflicts.',
    folder='api',
    root=Object('api_x12_benefits_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('json', 'text')), 'Output format (default json).', default='json'),
            'x12': required(String(), 'The X12 interchange as text (ISA through IEA).'),
        }),
)

X12_BENEFITS_RESPONSE = document(
    'x12.benefits.response',
    title='iop x12.benefits response',
    description='Benefits for an IOP from a 271 (005010X279A1): one entry a person, with what is not stated and what conflicts.',
    folder='api',
    root=OneOf((Object('api_x12_benefits_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Object('api_x12_benefits_response_option0_result',
                    members={
                        'patients': required(Array(items=Ref('benefits'))),
                    })),
            }), Object('api_x12_benefits_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('text',))),
                'content': required(String()),
            }),)),
)

X12_CLAIMS_REQUEST = document(
    'x12.claims.request',
    title='iop x12.claims request',
    description='Claims of a course from its calendar with recorded attendance: an 837P or 837I interchange (x12) or the claims with it (json).',
    folder='api',
    root=Object('api_x12_claims_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('x12', 'json')), 'Output format (default x12).', default='x12'),
            'case': required(Object('api_x12_claims_request_case',
                members={
                    'plan': required(Ref('treatment-plan')),
                    'program': member(Ref('program')),
                    'fee_schedule': member(Ref('fee-schedule')),
                    'holidays': member(Ref('holiday-calendar')),
                    'holiday_policy': member(Enum(('skip', 'make_up_same_week', 'extend'))),
                    'events': member(Ref('events')),
                })),
            'claims': required(Ref('claims-request')),
        }),
)

X12_CLAIMS_RESPONSE = document(
    'x12.claims.response',
    title='iop x12.claims response',
    description='Claims of a course from its calendar with recorded attendance: an 837P or 837I interchange (x12) or the claims with it (json).',
    folder='api',
    root=OneOf((Object('api_x12_claims_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('claim-batch')),
            }), Object('api_x12_claims_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('x12',))),
                'content': required(String()),
            }),)),
)

X12_REMITTANCE_REQUEST = document(
    'x12.remittance.request',
    title='iop x12.remittance request',
    description='An 835 remittance (005010X221A1) as a document, or one CSV row a service line.',
    folder='api',
    root=Object('api_x12_remittance_request',
        members={
            'api_version': required(Const(1), 'The version of the document API: 1.'),
            'format': member(Enum(('json', 'csv')), 'Output format (default json).', default='json'),
            'x12': required(String(), 'The X12 interchange as text (ISA through IEA).'),
        }),
)

X12_REMITTANCE_RESPONSE = document(
    'x12.remittance.response',
    title='iop x12.remittance response',
    description='An 835 remittance (005010X221A1) as a document, or one CSV row a service line.',
    folder='api',
    root=OneOf((Object('api_x12_remittance_response_option0',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('json',))),
                'result': required(Ref('remittance')),
            }), Object('api_x12_remittance_response_option1',
            members={
                'api_version': required(Const(1), 'The version of the document API: 1.'),
                'format': required(Enum(('csv',))),
                'content': required(String()),
            }),)),
)
