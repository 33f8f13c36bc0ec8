"""The program template: what a program offers (tracks, blocks, delivery, payers) and the catalog's five."""
from declarations.common import (CONDITION_GROUP, FREQUENCY, HOLIDAY_PRESET, LEVEL_OF_CARE, MODALITY, PAYER,
                                 TIME_ZONE, IcdCode, Identifier, List, LongList, Money, Text, TimeOfDay, UsState)
from declarations.dsl import Enum, Integer, Object, document, member, required

BLOCK = Object("program_block", members={
    "modality": required(MODALITY),
    "minutes": required(Integer(minimum=5, maximum=240)),
    "billing_code": member(Identifier(), "CPT/HCPCS code (default: the modality's; individual therapy by its length)"),
})

TRACK = Object("program_track", members={
    "name": required(Identifier()),
    "part_of_day": required(Enum(("morning", "afternoon", "evening"), name="part_of_day")),
    "start": required(TimeOfDay(), "local start time HH:MM"),
    "zone": required(TIME_ZONE),
})

SITE = Object("program_site", members={
    "name": required(Identifier()),
    "city": required(Text(max_length=128)),
    "state": required(UsState()),
})

DELIVERY = Object("program_delivery", members={
    "mode": required(Enum(("in_person", "telehealth"), name="delivery_kind")),
    "site": member(SITE, "where in-person care is given"),
    "states": member(List(UsState()), "where telehealth patients may be located (USPS state codes)"),
})

PROGRAM_TAPER = Object("program_taper", members={
    "final_weeks": required(Integer(minimum=1, maximum=51), "the last weeks of the course at fewer days"),
    "days_per_week": required(Integer(minimum=1, maximum=7), "days a week in those weeks"),
})

PHASE = Object("program_phase", members={
    "name": required(Identifier()),
    "description": member(Text()),
    "weeks": member(Integer(minimum=1, maximum=52), "its length; the last phase may leave it out to take the rest"),
    "daily_blocks": member(List(BLOCK), "default: the program's"),
    "billing": member(Enum(("per_diem", "itemized"), name="phase_billing"),
                      "per_diem (default) or itemized: the phase's days billed by their blocks.", default="per_diem"),
})

PROGRAM = Object("program", members={
    "id": required(Identifier()),
    "name": required(Identifier()),
    "description": member(Text()),
    "source": member(Text()),
    "level_of_care": required(LEVEL_OF_CARE),
    "age_group": required(Enum(("adult", "adolescent"), name="age_group")),
    "condition_groups": member(List(CONDITION_GROUP)),
    "conditions": member(LongList(IcdCode())),
    "minutes_per_day": required(Integer(minimum=60, maximum=600)),
    "days_per_week": required(Object("days_per_week_range", members={
        "min": required(Integer(minimum=1, maximum=7)),
        "max": required(Integer(minimum=1, maximum=7)),
    })),
    "duration_weeks": required(Object("duration_weeks", members={
        "min": required(Integer(minimum=1, maximum=52)),
        "max": required(Integer(minimum=1, maximum=52)),
        "default": required(Integer(minimum=1, maximum=52)),
    })),
    "tracks": required(List(TRACK, min_items=1)),
    "delivery": required(List(DELIVERY, min_items=1)),
    "daily_blocks": required(List(BLOCK, min_items=1)),
    "individual_therapy": member(FREQUENCY),
    "medication_management": member(FREQUENCY),
    "accepted_payers": member(List(PAYER)),
    "declined_payers": member(List(PAYER)),
    "taper": member(PROGRAM_TAPER),
    "published_monthly_cost": member(Object("published_monthly_cost", members={
        "low": required(Money()),
        "high": required(Money()),
    })),
    "default_per_diem": member(Money(), "price of a program day when a clinic gives none"),
    "phases": member(List(PHASE),
                     "Phases in course order (e.g. an assessment week, core weeks): each with a number of weeks, except "
                     "the last, which may take the rest of the course; its own daily blocks (default: the program's) "
                     "and billing. The calendar, weekly hours and charges follow them."),
    "holidays": member(HOLIDAY_PRESET,
                       "The program's clinic holiday preset (default private_clinic: New Year's Day, Memorial Day, "
                       "Independence Day, Labor Day, Thanksgiving and the day after, Christmas).",
                       default="private_clinic"),
    "provenance": member(List(Text())),
})

document("program", title="iop program template",
         description="A program template as read by iop::program_from_json; the built-in catalog (data/programs.json) "
                     "uses it too.",
         root=PROGRAM)
