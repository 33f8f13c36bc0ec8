"""Who and what a Good Faith Estimate (45 CFR 149.610) is for: the patient, the convening provider, the
co-providers with their own items, and the dates that set its deadline."""
from declarations.common import Date, IcdCode, Identifier, List, LongList, Money, Npi, Text, UsState
from declarations.dsl import Boolean, Enum, Integer, Object, Ref, document, member, required

PATIENT = Object("gfe_patient", members={
    "name": required(Identifier()),
    "date_of_birth": required(Date()),
})

LOCATION = Object("gfe_location", members={
    "address": required(Text(max_length=512), "the office or facility location"),
    "state": required(UsState()),
})

CONTACT = Object("gfe_contact", members={
    "phone": member(Identifier(max_length=32), "US telephone number: 10 digits (or 1 and 10 digits), e.g. (213) 555-0100."),
    "email": member(Identifier(), "Email address, e.g. billing@clinic.example."),
}, min_properties=1)

BUSINESS_DAYS = Enum(("clinic_open_days", "federal_weekdays"), name="business_day_counting")

TELEHEALTH_STATE = ("Services furnished by telehealth to a patient located in this state (printed as the place of "
                    "service). For the convening provider it comes from the course's calendar (the plan's delivery) "
                    "and may be left out; a different state is refused.")

PROVIDER_MEMBERS = {
    "name": required(Identifier()),
    "npi": required(Npi("National Provider Identifier (check digit verified).")),
    "tin": required(Identifier(), "Taxpayer Identification Number: 9 digits, e.g. 12-3456789"),
    "locations": required(List(LOCATION, min_items=1)),
    "facility": member(Boolean(), "A health care facility (default false: a provider).", default=False),
    "contact": member(CONTACT),
    "telehealth_patient_state": member(UsState(), TELEHEALTH_STATE),
}
PROVIDER = Object("gfe_provider", members=PROVIDER_MEMBERS)

ITEM = Object("gfe_item", members={
    "code": required(Identifier(), "The service code; its shape must fit code_type."),
    "code_type": required(Enum(("CPT", "HCPCS", "ICD-10-PCS", "CDT", "DRG", "NDC", "other"), name="gfe_code_type")),
    "description": required(Identifier(max_length=512), "The item or service in clear language."),
    "quantity": required(Integer(minimum=1, maximum=10000)),
    "unit_charge": required(Money(), "Expected charge per unit, $0.00..$1,000,000.00 (e.g. \"180.00\")."),
    "diagnosis_codes": required(List(IcdCode(), min_items=1), "ICD-10-CM codes."),
    "dates": member(LongList(Date()), "Dates of service in order, one per unit."),
    "charge_note": member(Identifier(max_length=512), "Why it costs what it does; required when unit_charge is 0.00."),
})

CO_PROVIDER = Object("gfe_co_provider", members={
    **PROVIDER_MEMBERS,
    "locations": member(List(LOCATION, min_items=1), "may be left out when it furnishes its services by telehealth"),
    "items": required(List(ITEM, min_items=1)),
}, description="A co-provider or co-facility: locations may be left out when it furnishes its services by telehealth "
               "(telehealth_patient_state).")

CO_PROVIDERS = List(CO_PROVIDER, description="Co-providers and co-facilities with their own items "
                    "(45 CFR 149.610(c)(1)(iii)(B)); when the course needs more than one estimate, every item gives "
                    "its dates.")

# Who it is for, and the dates: what a request and a gfe case both hold.
REQUEST_MEMBERS = {
    "patient": required(PATIENT),
    "provider": required(PROVIDER),
    "co_providers": member(CO_PROVIDERS),
    "separately_scheduled": member(List(Text()), "items scheduled separately, named so the patient knows"),
    "scheduled_on": required(Date(), "the day the course was scheduled (or, with on_request, requested)"),
    "on_request": member(Boolean(), "the patient asked for the estimate without scheduling", default=False),
    "issued_on": required(Date(), "The date the estimate is issued (required; on or after scheduled_on; after the "
                                  "deadline it is flagged)."),
    "business_days": member(BUSINESS_DAYS,
                            "How the deadline counts business days, which 45 CFR 149.610 does not define: the clinic's "
                            "open days (its holiday calendar) or Monday to Friday without the federal holidays (5 U.S.C. "
                            "6103, observed).", default="clinic_open_days"),
}

GFE_REQUEST = Object("gfe_request", members={
    "patient": REQUEST_MEMBERS["patient"],
    "diagnosis_codes": required(List(Identifier()), "the course's ICD-10-CM codes"),
    **{k: v for k, v in REQUEST_MEMBERS.items() if k != "patient"},
})

document("gfe-request", title="iop Good Faith Estimate request",
         description="Who and what a Good Faith Estimate (45 CFR 149.610) is for, as read by "
                     "iop::gfe_request_from_json.",
         root=GFE_REQUEST, defs={"patient": PATIENT, "provider": PROVIDER, "co_providers": CO_PROVIDERS})
