"""The events document."""
from declarations.common import WEEKDAY, Date, Identifier, List, LongList, Text, TimeOfDay
from declarations.dsl import *  # noqa: F401,F403

SESSION_KIND = Enum(('program_day', 'individual_therapy', 'medication_management'), name="session_kind")
ATTENDANCE = Enum(('scheduled', 'attended', 'missed', 'cancelled_by_clinic', 'made_up'), name="attendance_status")

EVENTS = document(
    'events',
    title='iop calendar events',
    description="What happened to a calendar, in order: attendance, reschedules, changes of track or weekdays from a date on, discharge, extension, and reminders (a payer's concurrent review due). As read by iop::events_from_json (iop calendar --events, build_calendar(events=...)).",
    root=LongList(Ref('#/$defs/event')),
    defs={
        'event': Object('event',
            members={
                'kind': required(Enum(('attendance', 'reschedule', 'change_track', 'change_weekdays', 'discharge', 'extend', 'review'), name='event_kind')),
                'date': required(Date(), "The session's date (attendance, reschedule) or the date the change takes effect."),
                'session': member(SESSION_KIND, 'Which session on that date (default program_day).'),
                'status': member(ATTENDANCE),
                'new_date': member(Date()),
                'new_start': member(TimeOfDay(), 'the new local start time HH:MM'),
                'track': member(Identifier(), 'the new track'),
                'weekdays': member(List(WEEKDAY, max_items=7, min_items=1), 'the new program days'),
                'weeks': member(Integer(minimum=1, maximum=26), 'weeks added (extend)'),
                'note': member(Text(), 'Free text kept with the event; for a review, what is due.'),
            },
            extra={'allOf': [{'if': {'properties': {'kind': {'const': 'attendance'}}}, 'then': {'required': ['status']}}, {'if': {'properties': {'kind': {'const': 'reschedule'}}}, 'then': {'required': ['new_date']}}, {'if': {'properties': {'kind': {'const': 'change_track'}}}, 'then': {'required': ['track']}}, {'if': {'properties': {'kind': {'const': 'change_weekdays'}}}, 'then': {'required': ['weekdays']}}, {'if': {'properties': {'kind': {'const': 'extend'}}}, 'then': {'required': ['weeks']}}, {'if': {'properties': {'kind': {'const': 'review'}}}, 'then': {'required': ['note']}}]}),
    },
)
