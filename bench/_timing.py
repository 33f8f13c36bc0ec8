"""Shared helpers of the side-by-side benchmark scripts."""

import os
import time

import iop


def best_of(repeats, function, *args):
    """The fastest of `repeats` runs (seconds) and the last result."""
    best, result = None, None
    for _ in range(repeats):
        begin = time.perf_counter()
        result = function(*args)
        elapsed = time.perf_counter() - begin
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def load():
    """The machine's load average over the last minute and its cores, as a line to print beside the figures."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def program_days_only():
    """Reference program A without its medication visits: program days only, as the pandas versions build."""
    d = iop.find_program("la-depression-iop").to_dict()
    del d["medication_management"]
    d["id"] = "la-depression-iop-days-only"
    return iop.ProgramTemplate.from_dict(d)


def peer_holidays(preset):
    """The holidays of iop's holiday preset ``preset`` written with pandas' own rules, for the peers: the engine
    takes the preset the program names (``ProgramTemplate.holiday_preset``), and each peer says which one it
    follows. Both observe a Saturday holiday on the Friday before and a Sunday one on the Monday after
    (``nearest_workday``, 5 U.S.C. 6103(b)). A preset without a pandas form here is refused by name."""
    from pandas import DateOffset
    from pandas.tseries.holiday import (AbstractHolidayCalendar, Holiday, USFederalHolidayCalendar, USLaborDay,
                                        USMemorialDay, USThanksgivingDay, nearest_workday)
    from pandas.tseries.offsets import Day
    from dateutil.relativedelta import TH

    if preset == "us_federal":
        return USFederalHolidayCalendar()
    if preset == "private_clinic":
        # New Year's Day, Memorial Day, Independence Day, Labor Day, Thanksgiving and the day after, Christmas Day.
        class PrivateClinicCalendar(AbstractHolidayCalendar):
            rules = [
                Holiday("New Year's Day", month=1, day=1, observance=nearest_workday),
                USMemorialDay,
                Holiday("Independence Day", month=7, day=4, observance=nearest_workday),
                USLaborDay,
                USThanksgivingDay,
                Holiday("Day after Thanksgiving", month=11, day=1, offset=[DateOffset(weekday=TH(4)), Day(1)]),
                Holiday("Christmas Day", month=12, day=25, observance=nearest_workday),
            ]

        return PrivateClinicCalendar()
    raise SystemExit(f"the peers have no pandas calendar for the holiday preset {preset!r}: add it to peer_holidays")
