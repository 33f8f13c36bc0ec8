"""How a holiday calendar is made: a preset and its changes, or a join of calendars."""
from declarations.common import HOLIDAY_PRESET, WEEKDAY, Date, Identifier, List, LongList
from declarations.dsl import Array, Enum, Object, OneOf, Ref, document, member, required

WEEKEND_SHIFT = Enum(("none", "previous_friday", "next_monday"), name="weekend_shift")
OBSERVANCE = Object("observance", members={
    "saturday": member(WEEKEND_SHIFT, "where a holiday on a Saturday is observed"),
    "sunday": member(WEEKEND_SHIFT, "where a holiday on a Sunday is observed"),
})
HOLIDAY_RULE = Enum(("new_years_day", "martin_luther_king_jr_day", "washingtons_birthday", "memorial_day", "juneteenth",
                     "independence_day", "labor_day", "columbus_day", "veterans_day", "thanksgiving_day",
                     "christmas_day", "day_after_thanksgiving"), name="holiday_rule")

HOLIDAY = Object("holiday", members={
    "date": required(Date()),
    "name": required(Identifier()),
    "observance": member(OBSERVANCE, "default: the calendar's"),
})

CLOSURE = Object("closure", members={
    "date": member(Date(), "a single day"),
    "from": member(Date(), "the first day of a stretch"),
    "to": member(Date(), "its last day, at most 366 days on"),
    "name": required(Identifier()),
}, extra={"oneOf": [{"required": ["date"], "not": {"anyOf": [{"required": ["from"]}, {"required": ["to"]}]}},
                    {"required": ["from", "to"], "not": {"required": ["date"]}}]})

# What a preset and a join both take, applied after the base.
CHANGES = {
    "except": member(List(HOLIDAY_RULE), "rule holidays removed in every year"),
    "open_weekdays": member(List(WEEKDAY, max_items=7, min_items=1), "default: Monday to Friday"),
    "holidays": member(LongList(HOLIDAY), "the clinic's own holidays"),
    "closures": member(LongList(CLOSURE), "days or stretches the clinic is closed"),
}

PRESET_CALENDAR = Object("holiday_calendar", members={
    "base": member(HOLIDAY_PRESET,
                   "us_federal: the eleven holidays of 5 U.S.C. 6103(a); private_clinic: New Year's Day, Memorial Day, "
                   "Independence Day, Labor Day, Thanksgiving Day and the day after, Christmas Day; weekdays: none.",
                   default="us_federal"),
    "name": member(Identifier(), "Only with base weekdays."),
    "observance": member(OBSERVANCE, "of weekend holidays"),
    **CHANGES,
})

JOINED_CALENDAR = Object("holiday_join", members={
    "join": required(Array(items=Ref("#/$defs/calendar"), min_items=2, max_items=100), "the calendars joined"),
    **CHANGES,
})

document("holiday-calendar", title="iop holiday calendar",
         description="How a holiday calendar is made: a base (the US federal holidays of 5 U.S.C. 6103, the "
                     "private-clinic set, or weekdays only), observance of weekend holidays, rule holidays removed in "
                     "every year (except), open weekdays, extra holidays and closures; or the join of calendars, with "
                     "the same removals, weekdays, holidays and closures applied after the join. As read by "
                     "iop::holiday_calendar_from_json and written by HolidayCalendar.to_dict().",
         root=Ref("#/$defs/calendar"),
         defs={"calendar": OneOf((PRESET_CALENDAR, JOINED_CALENDAR))})
