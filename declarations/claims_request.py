"""The claims-request document."""
from declarations.common import Date, Identifier, Npi, UsState
from declarations.dsl import *  # noqa: F401,F403

# Names and identifiers as long as the 837's elements take them (005010X222A1/X223A2: NM103 60, NM104 35,
# NM109 80, N301 55, N401 30, PER02 60, REF02 50; the claim's CLM01 at most 38, of which the prefix 30).


def ADDRESS(name):
    return Object(name, members={
        'line': required(Identifier(55)),
        'city': required(Identifier(30)),
        'state': required(UsState()),
        'zip': required(String(pattern='^[0-9]{5}([0-9]{4})?$')),
    })

CLAIMS_REQUEST = document(
    'claims-request',
    title='iop claims request',
    description='What an 837P or 837I says beyond the calendar and the fee schedule: parties, identifiers, places, the type of bill, authorisations. Nothing is defaulted.',
    root=Object('claims_request',
        members={
            'form': required(Enum(('professional', 'institutional')), '837P or 837I.'),
            'claim_id_prefix': required(Identifier(30)),
            'created_on': required(Date()),
            'control_number': required(Integer(minimum=1, maximum=999999999)),
            'billing': required(Enum(('monthly', 'course'))),
            'through': member(Date()),
            'submitter': required(Object('claims_request_submitter',
                members={
                    'name': required(Identifier(60)),
                    'id': required(Identifier(15)),
                    'contact': required(Identifier(60)),
                    'phone': required(String(pattern='^[0-9]{10}$')),
                })),
            'receiver': required(Object('claims_request_receiver',
                members={
                    'name': required(Identifier(60)),
                    'id': required(Identifier(15)),
                })),
            'provider': required(Object('claims_request_provider',
                members={
                    'name': required(Identifier(60)),
                    'npi': required(Npi()),
                    'tin': required(String(pattern='^[0-9]{2}-?[0-9]{7}$')),
                    'address': required(ADDRESS('claims_request_provider_address')),
                })),
            'patient': required(Object('claims_request_patient',
                members={
                    'last_name': required(Identifier(60)),
                    'first_name': required(Identifier(35)),
                    'member_id': required(Identifier(80)),
                    'date_of_birth': required(Date()),
                    'sex': required(Enum(('F', 'M', 'U'))),
                    'address': required(ADDRESS('claims_request_patient_address')),
                })),
            'payer': required(Object('claims_request_payer',
                members={
                    'name': required(Identifier(60)),
                    'id': required(Identifier(80)),
                })),
            'filing_indicator': required(Enum(('11', '12', '13', '14', '15', '16', '17', 'AM', 'BL', 'CH', 'CI', 'DS', 'FI', 'HM', 'LM', 'MA', 'MB', 'MC', 'OF', 'TV', 'VA', 'WC', 'ZZ'))),
            'place_of_service': member(Enum(('11', '19', '22', '49', '52', '53', '57', '58'))),
            'telehealth_place_of_service': member(Enum(('02', '10'))),
            'facility_type': member(Enum(('12', '13', '71', '76', '77', '85'))),
            'attending': member(Object('claims_request_attending',
                members={
                    'last_name': required(Identifier(60)),
                    'first_name': required(Identifier(35)),
                    'npi': required(Npi()),
                })),
            'revenue_codes': member(Object('claims_request_revenue_codes',
                values=String(pattern='^[0-9]{4}$'))),
            'authorizations': required(OneOf((Const('not_required'), Array(items=Object('claims_request_authorizations_option1_item',
                        closed=False)),))),
            'bill_unauthorized': member(Boolean()),
        }),
)
