"""The gfe document."""
from declarations.common import Date, MoneyOut
from declarations.dsl import *  # noqa: F401,F403
from declarations.gfe_request import BUSINESS_DAYS

GFE = document(
    'gfe',
    title='iop Good Faith Estimate (output)',
    description='A Good Faith Estimate under 45 CFR 149.610 with every required element: patient, the convening provider and any co-providers and co-facilities (each with NPI, TIN, locations, contact, its subtotal and the bill from it that may be disputed), the primary service and its recurrence, items with code types, codes, diagnosis codes (with their ICD-10-CM descriptors) and expected charges, the total, the disclaimers, and the issue deadline. Written by iop gfe --format json and GoodFaithEstimate.to_dict(); read back by GoodFaithEstimate.from_dict().',
    root=Object('good_faith_estimate',
        members={
            'patient': required(Object('good_faith_estimate_patient',
                members={
                    'name': required(String(min_length=1)),
                    'date_of_birth': required(Date()),
                })),
            'primary_service': required(Object('good_faith_estimate_primary_service',
                members={
                    'description': required(String()),
                    'dates': required(Object('good_faith_estimate_primary_service_dates',
                        members={
                            'first': required(Date()),
                            'last': required(Date()),
                        })),
                    'recurrence': required(Object('good_faith_estimate_primary_service_recurrence',
                        members={
                            'frequency': required(String()),
                            'sessions': required(Integer(minimum=1)),
                        })),
                })),
            'providers': required(Array(items=Object('good_faith_estimate_provider',
                    members={
                        'name': required(String(min_length=1)),
                        'npi': required(String(pattern='^[0-9]{10}$')),
                        'tin': required(String(min_length=1)),
                        'convening': required(Boolean()),
                        'facility': required(Boolean(), 'A health care facility (else a provider).'),
                        'locations': required(Array(items=Object('good_faith_estimate_provider_location',
                                members={
                                    'address': required(String(min_length=1)),
                                    'state': required(String(pattern='^[A-Z]{2}$')),
                                }), min_items=0), 'Addresses; may be empty for a co-provider that furnishes its services by telehealth.'),
                        'contact': member(Object('good_faith_estimate_provider_contact',
                            members={
                                'phone': member(String(), 'US telephone number: 10 digits (or 1 and 10).'),
                                'email': member(String(), 'Email address.'),
                            },
                            min_properties=1)),
                        'telehealth_patient_state': member(String(pattern='^[A-Z]{2}$'), 'Services furnished by telehealth to a patient located in this state: the place of service printed.'),
                        'subtotal': required(MoneyOut(), "The sum of this provider's items."),
                        'dispute_threshold': required(MoneyOut(), 'The subtotal plus $400.00: a bill from this provider at or above it may be disputed (45 CFR 149.620).'),
                    },
                    description='The convening provider or facility first, then the co-providers and co-facilities (45 CFR 149.610(c)(1)(iii)(B), (v)).'), min_items=1)),
            'items': required(Array(items=Object('good_faith_estimate_item',
                    members={
                        'provider_npi': required(String(pattern='^[0-9]{10}$')),
                        'description': required(String(min_length=1)),
                        'code_type': required(Enum(('CPT', 'HCPCS', 'ICD-10-PCS', 'CDT', 'DRG', 'NDC', 'other')), "The CMS standard form's service code type."),
                        'service_code': required(String(min_length=1)),
                        'diagnosis_codes': required(Array(items=String(), min_items=1)),
                        'quantity': required(Integer(minimum=1)),
                        'unit_charge': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                        'expected_charge': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56").'),
                        'charge_note': member(String(min_length=1), 'Why the line costs what it does; present on every $0.00 line.'),
                        'dates': member(Array(items=Date()), "Dates of service, one per unit, when known (a co-provider's items)."),
                    }), min_items=1)),
            'diagnoses': required(Array(items=Object('good_faith_estimate_diagnosis',
                    members={
                        'code': required(String()),
                        'description': required(Raw({'type': ['string', 'null']})),
                    })), "The items' ICD-10-CM codes in order of first use, with iop's descriptors (null when iop's table lacks the code)."),
            'separately_scheduled': required(Array(items=String())),
            'disclaimers': required(Object('good_faith_estimate_disclaimers',
                members={
                    'additional_items': required(String(min_length=1)),
                    'estimate_only': required(String(min_length=1)),
                    'dispute_rights': required(String(min_length=1)),
                    'not_a_contract': required(String(min_length=1)),
                    'dispute_process': required(String(min_length=1), "The CMS standard form's 'What if I am billed more than this Good Faith Estimate?'"),
                })),
            'total': required(MoneyOut(), 'Exact amount in dollars, two decimals (e.g. "1234.56"): the sum of the items\' expected charges (a stated total must equal it).'),
            'issued_on': required(Date()),
            'scheduled_on': member(Date(), 'When the service was scheduled, or requested (on_request); the estimate is never issued before it (45 CFR 149.610(b)(1)(vi)).'),
            'on_request': required(Boolean(), 'Requested by the patient without scheduling.'),
            'warnings': required(Array(items=String()), 'For the office, at the top: e.g. issued after its deadline.'),
            'issue_by': required(OneOf((Date(), Null(),))),
            'deadline_rule': required(String(), "Which timing rule of 45 CFR 149.610(b)(1)(vi) set the deadline (for the office; not on the patient's pages)."),
            'business_days': member(BUSINESS_DAYS, 'How business days were counted for the deadline (printed with the rule).'),
            'part': required(Integer(minimum=1)),
            'parts': required(Integer(minimum=1)),
        }),
)
