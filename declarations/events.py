"""The events document."""
from declarations.dsl import *  # noqa: F401,F403

EVENTS = document(
    'events',
    title='iop calendar events',
    description="What happened to a calendar, in order: attendance, reschedules, changes of track or weekdays from a date on, discharge, extension, and reminders (a payer's concurrent review due). As read by iop::events_from_json (iop calendar --events, build_calendar(events=...)).",
    root=Array(items=Ref('#/$defs/event')),
    defs={
        'event': Object('event',
            members={
                'kind': required(Enum(('attendance', 'reschedule', 'change_track', 'change_weekdays', 'discharge', 'extend', 'review'))),
                'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date'), "The session's date (attendance, reschedule) or the date the change takes effect."),
                'session': member(Enum(('program_day', 'individual_therapy', 'medication_management')), 'Which session on that date (default program_day).'),
                'status': member(Enum(('scheduled', 'attended', 'missed', 'cancelled_by_clinic', 'made_up'))),
                'new_date': member(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                'new_start': member(String(pattern='^[0-9]{2}:[0-9]{2}$')),
                'track': member(String(min_length=1)),
                'weekdays': member(Array(items=Enum(('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')), min_items=1)),
                'weeks': member(Integer(minimum=1, maximum=26)),
                'note': member(String(), 'Free text kept with the event; for a review, what is due.'),
            },
            extra={'allOf': [{'if': {'properties': {'kind': {'const': 'attendance'}}}, 'then': {'required': ['status']}}, {'if': {'properties': {'kind': {'const': 'reschedule'}}}, 'then': {'required': ['new_date']}}, {'if': {'properties': {'kind': {'const': 'change_track'}}}, 'then': {'required': ['track']}}, {'if': {'properties': {'kind': {'const': 'change_weekdays'}}}, 'then': {'required': ['weekdays']}}, {'if': {'properties': {'kind': {'const': 'extend'}}}, 'then': {'required': ['weeks']}}, {'if': {'properties': {'kind': {'const': 'review'}}}, 'then': {'required': ['note']}}]}),
    },
)
