"""A patient's benefits for the IOP: cost sharing in and out of network, public payers, accumulators,
prior authorisations and a secondary payer."""
from declarations.common import PAYER, Date, Identifier, List, Money, Rate, UsState
from declarations.limits import limit
from declarations.dsl import Boolean, Const, Enum, Integer, Object, OneOf, Ref, document, member, required

FAMILY_TYPE = Enum(("embedded", "aggregate"), name="family_accumulation")
FAMILY_TYPE_TEXT = ("embedded (default): each person meets the individual amount, or the family the family amount; "
                    "aggregate (non-embedded): only the family amount, met by the family's claims together (no "
                    "individual amount is given)")

DEDUCTIBLE = Object("deductible", members={
    "individual": member(Money(), "required unless family_type is aggregate"),
    "family": member(Money()),
    "family_type": member(FAMILY_TYPE, FAMILY_TYPE_TEXT, default="embedded"),
})

MAXIMUM = Object("out_of_pocket_maximum", members={
    "individual": member(Money()),
    "family": member(Money()),
    "family_type": member(FAMILY_TYPE, FAMILY_TYPE_TEXT, default="embedded"),
}, min_properties=1)

# The cost-sharing members of a tier: the coverage's own (in network) and its out_of_network tier.
COST_SHARING = {
    "deductible": member(DEDUCTIBLE, "The deductible: individual (required unless family_type is aggregate) and family."),
    "coinsurance": member(Rate(), "The patient's coinsurance after the deductible."),
    "copay": member(Money(), "Copay per program day (per diem) or per visit (itemized)."),
    "combination": member(Enum(("single", "copay_then_coinsurance", "greater_of", "lesser_of"),
                               name="cost_sharing_combination"),
                          "Required when both a copay and a coinsurance are given: the copay then coinsurance of the "
                          "rest, or the greater or the lesser of the two."),
    "copay_before_deductible": member(Boolean(), "The copay is charged first and is not subject to the deductible.",
                                      default=False),
    "out_of_pocket_max": member(OneOf((Const("none"), MAXIMUM)), 'The out-of-pocket maximum, or "none" (no maximum).'),
}

# Which of Medicare's IOP per diems (data/medicare-iop-rates.json): a calendar year and a setting.
MEDICARE_IOP = Object("medicare_iop_rate", members={
    "year": required(Integer(minimum=2024, maximum=2100)),
    "setting": required(Enum(("hospital", "cmhc", "off_campus_non_excepted"), name="medicare_setting"),
                        "hospital (on campus or excepted off campus), cmhc, or off_campus_non_excepted (a non-excepted "
                        "off-campus hospital department, paid the CMHC per diems)."),
})

AMOUNTS = Object("amounts_by_code", values=Money(), description='{"code": "amount"}',
                 extra={"maxProperties": limit("max_long_list")})

ALLOWED = Object("out_of_network_allowed", members={
    "basis": required(Enum(("fee_schedule", "percent_of_charge", "percent_of_medicare"), name="allowed_basis")),
    "amounts": member(AMOUNTS, "basis fee_schedule: the allowed amount of each code"),
    "percent": member(Rate(), "basis percent_of_charge or percent_of_medicare"),
    "medicare_rates": member(Object("medicare_rates_by_code", values=Money(), extra={"maxProperties": limit("max_long_list")}),
                             "basis percent_of_medicare: Medicare's amount for each code"),
    "medicare_iop": member(MEDICARE_IOP, "basis percent_of_medicare: Medicare's IOP per diem of a year and setting"),
})

OUT_OF_NETWORK = Object("out_of_network_benefits", members={
    **COST_SHARING,
    "allowed": required(ALLOWED, "how the plan sets the allowed amount out of network"),
    "accumulation": member(Enum(("separate", "joint"), name="tier_accumulation"),
                           "whether out-of-network cost sharing counts toward the in-network deductible and maximum"),
})

AUTHORIZATION = Object("authorization", members={
    "reference": required(Identifier(), "the payer's authorisation number"),
    "first_day": required(Date()),
    "last_day": required(Date()),
    "units": required(Integer(minimum=0, maximum=366), "program days authorised"),
    "next_review": member(Date(), "the payer's next concurrent review"),
    "extends": member(Identifier(), "the reference of the authorisation this one extends, listed before it"),
})
AUTHORIZATIONS = List(AUTHORIZATION, description="Prior authorisations: the initial one and its extensions.")

ACCUMULATED = {
    "deductible_individual": member(Money()),
    "deductible_family": member(Money()),
    "oop_individual": member(Money()),
    "oop_family": member(Money()),
}
ACCUMULATORS = Object("accumulators", members={
    "as_of": required(Date(), "the date the amounts were read"),
    **ACCUMULATED,
    "visits_used": member(Integer(minimum=0, maximum=366)),
    "out_of_network": member(Object("out_of_network_accumulators", members=ACCUMULATED)),
})

MEDICAID = Object("medicaid_terms", members={
    "income": required(Enum(("at_or_below_100_percent_fpl", "101_to_150_percent_fpl", "above_150_percent_fpl"),
                            name="medicaid_income")),
    "exempt": member(Boolean(), "The enrollee is in a group exempt from cost sharing (42 CFR 447.56(a)(1)): every line "
                                "is priced $0.00 for the patient, whatever the state's copay."),
    "exemption": member(Enum(("children_1_to_17", "infants", "children_under_18", "foster_care", "state_option_under_21",
                              "disabled_children", "pregnant_women", "institutionalized", "hospice", "indian"),
                             name="medicaid_exemption"),
                        "Which exempt group of 42 CFR 447.56(a)(1) (data/medicaid-cost-sharing.json); named on each line. "
                        "Implies exempt."),
    "aggregate_limit": member(Object("medicaid_aggregate_limit", members={
        "family_income_per_month": required(Money()),
        "period": required(Enum(("month", "quarter"), name="medicaid_cap_period")),
        "premiums_per_period": member(Money()),
    }), "the 5 % aggregate limit of 42 CFR 447.56(f)"),
})

SECONDARY = Object("secondary_coverage", members={
    "name": required(Identifier()),
    "coordination": required(Enum(("standard", "non_duplication", "medigap"), name="coordination")),
    "coverage": member(Ref("#"), "the secondary plan's own benefits (not for Medigap)"),
    "coinsurance_share": member(Rate(), "Medigap: the share of the Part B coinsurance it pays"),
    "pays_part_b_deductible": member(Boolean(), "Medigap: whether it pays the Part B deductible"),
})

COVERAGE = Object("coverage", members={
    "payer": required(PAYER),
    "uninsured": member(Boolean()),
    "medicare": member(Enum(("original", "advantage"), name="medicare_plan"),
                       "Required with payer medicare: Original Medicare Part B (deductible of the year, 20% "
                       "coinsurance, no maximum) or Medicare Advantage."),
    "medicaid": member(MEDICAID, "Required with payer medicaid: the enrollee's terms under 42 CFR 447.52-447.56."),
    "network": member(Enum(("in_network", "out_of_network"), name="network_status"),
                      "The program's (its facility's) network status."),
    "out_of_network_codes": member(List(Identifier()),
                                   "Codes billed by a nonparticipating provider at an in-network program."),
    "facility": member(Enum(("hospital", "hospital_outpatient_department", "critical_access_hospital",
                             "ambulatory_surgical_center", "clinic"), name="facility_kind")),
    "regulator": member(Enum(("dmhc", "cdi", "self_funded", "other"), name="plan_regulator")),
    "state": member(UsState(), "Where services are furnished (USPS code), for state balance-billing protections."),
    "notice_and_consent": member(Boolean()),
    "plan_year_start": member(Date(), "default: January 1st"),
    **COST_SHARING,
    "out_of_network": member(OUT_OF_NETWORK, "Out-of-network benefits (absent: not covered out of network)."),
    "benefit_classification": member(Identifier()),
    "allowed_amounts": member(AMOUNTS),
    "allowed_share": member(Rate()),
    "accumulators": member(ACCUMULATORS),
    "visit_limit": member(Integer(minimum=0, maximum=366)),
    "authorizations": member(AUTHORIZATIONS),
    "outside_authorization": member(Enum(("patient_pays", "provider_absorbs"), name="outside_authorization"),
                                    "Required with authorizations: whether the contract lets the provider bill the "
                                    "patient for program days no authorisation covers."),
    "secondary": member(SECONDARY),
})

document("coverage", title="iop coverage",
         description="A patient's benefits for the IOP, as read by iop::coverage_from_json: in- and out-of-network "
                     "cost sharing, Medicare and Medicaid terms, accumulators as of a date, prior authorisations and a "
                     "secondary payer. The top-level cost-sharing members are the in-network tier's; Original "
                     "Medicare's are set by law and refused here.",
         root=COVERAGE, defs={"authorizations": AUTHORIZATIONS})
