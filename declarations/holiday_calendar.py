"""The holiday-calendar document."""
from declarations.dsl import *  # noqa: F401,F403

HOLIDAY_CALENDAR = document(
    'holiday-calendar',
    title='iop holiday calendar',
    description='How a holiday calendar is made: a base (the US federal holidays of 5 U.S.C. 6103, the private-clinic set, or weekdays only), observance of weekend holidays, rule holidays removed in every year (except), open weekdays, extra holidays and closures; or the join of calendars, with the same removals, weekdays, holidays and closures applied after the join. As read by iop::holiday_calendar_from_json and written by HolidayCalendar.to_dict().',
    root=Ref('#/$defs/calendar'),
    defs={
        'calendar': OneOf((Object('calendar_option0',
                members={
                    'base': member(Enum(('us_federal', 'private_clinic', 'weekdays')), "us_federal: the eleven holidays of 5 U.S.C. 6103(a); private_clinic: New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving Day and the day after, Christmas Day; weekdays: none. Default us_federal."),
                    'name': member(String(), 'Only with base weekdays.'),
                    'observance': member(Object('calendar_option0_observance',
                        members={
                            'saturday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                            'sunday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                        })),
                    'except': member(Array(items=Enum(('new_years_day', 'martin_luther_king_jr_day', 'washingtons_birthday', 'memorial_day', 'juneteenth', 'independence_day', 'labor_day', 'columbus_day', 'veterans_day', 'thanksgiving_day', 'christmas_day', 'day_after_thanksgiving')), unique=True), 'Rule holidays the calendar does not close on, in any year (each must be one the calendar has).'),
                    'open_weekdays': member(Array(items=Enum(('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')), min_items=1)),
                    'holidays': member(Array(items=Object('calendar_option0_holiday',
                            members={
                                'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                'name': required(String(min_length=1)),
                                'observance': member(Object('calendar_option0_holiday_observance',
                                    members={
                                        'saturday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                                        'sunday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                                    })),
                            }))),
                    'closures': member(Array(items=OneOf((Object('calendar_option0_closure_option0',
                                members={
                                    'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'name': required(String(min_length=1)),
                                }), Object('calendar_option0_closure_option1',
                                members={
                                    'from': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'to': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'name': required(String(min_length=1)),
                                }),)))),
                }), Object('calendar_option1',
                members={
                    'join': required(Array(items=Ref('#/$defs/calendar'), min_items=2)),
                    'except': member(Array(items=Enum(('new_years_day', 'martin_luther_king_jr_day', 'washingtons_birthday', 'memorial_day', 'juneteenth', 'independence_day', 'labor_day', 'columbus_day', 'veterans_day', 'thanksgiving_day', 'christmas_day', 'day_after_thanksgiving')), unique=True), 'Rule holidays the calendar does not close on, in any year (each must be one the calendar has).'),
                    'open_weekdays': member(Array(items=Enum(('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday')), min_items=1)),
                    'holidays': member(Array(items=Object('calendar_option1_holiday',
                            members={
                                'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                'name': required(String(min_length=1)),
                                'observance': member(Object('calendar_option1_holiday_observance',
                                    members={
                                        'saturday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                                        'sunday': member(Enum(('none', 'previous_friday', 'next_monday'))),
                                    })),
                            }))),
                    'closures': member(Array(items=OneOf((Object('calendar_option1_closure_option0',
                                members={
                                    'date': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'name': required(String(min_length=1)),
                                }), Object('calendar_option1_closure_option1',
                                members={
                                    'from': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'to': required(String(pattern='^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format='date')),
                                    'name': required(String(min_length=1)),
                                }),)))),
                }),)),
    },
)
