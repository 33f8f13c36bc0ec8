"""Holiday and session calendars: checked against the `holidays` package, parsed
back with `icalendar`, validated with `fhir.resources`, and compared with the batch path."""

import datetime
import json
import pathlib
import subprocess

import holidays as holidays_package
import icalendar
import numpy as np
import pytest
from fhir.resources.R4B.bundle import Bundle

import iop
from conftest import coded_value_violations

ROOT = pathlib.Path(__file__).resolve().parents[2]
D = datetime.date
UTC = datetime.timezone.utc


def example_plan(**changes):
    d = json.loads((ROOT / "examples" / "plan.json").read_text())
    d["problems"] = []  # the example's goal dates belong to its own start date
    d.update(changes)
    return iop.TreatmentPlan.from_dict(d)


def july_plan(days=4, weeks=8):
    return example_plan(start_date="2026-06-29", days_per_week=days, weekdays=[], weeks=weeks,
                        delivery={"mode": "in_person"})


# --- holidays ----------------------------------------------------------------

def test_federal_holidays_agree_with_the_holidays_package_2000_2050():
    first, last = D(2000, 1, 1), D(2050, 12, 31)
    theirs = holidays_package.US(years=range(1999, 2052), observed=True)
    their_actual = {d for d, name in theirs.items() if "(observed)" not in name and first <= d <= last}
    their_observed = {d for d, name in theirs.items() if "(observed)" in name and first <= d <= last}
    ours = iop.HolidayCalendar.us_federal().holidays_between(D(1999, 12, 1), D(2051, 1, 31))
    our_actual = {h["actual"] for h in ours if first <= h["actual"] <= last}
    our_observed = {h["observed"] for h in ours if h["observed"] != h["actual"] and first <= h["observed"] <= last}
    assert our_actual == their_actual
    assert our_observed == their_observed
    assert len(our_actual) == 51 * 10 + 30  # 10 holidays a year, Juneteenth from 2021


def test_holiday_calendar_values():
    federal = iop.HolidayCalendar.us_federal()
    clinic = federal.with_closure(D(2026, 12, 24), "Christmas Eve").with_closures("2026-08-10", "2026-08-14", "Training")
    assert federal.is_open(D(2026, 12, 24)) and not clinic.is_open(D(2026, 12, 24))
    assert clinic.next_open_day(D(2026, 8, 7)) == D(2026, 8, 17)
    assert federal.closures_on(D(2026, 7, 3))[0]["description"] == \
        "2026-07-03 Independence Day (observed; actual 2026-07-04)"
    none = iop.HolidayCalendar.us_federal(saturday="none", sunday="none")
    assert none.is_open(np.datetime64("2026-07-03"))
    joined = federal | iop.HolidayCalendar.weekdays_only("clinic").with_closure(D(2026, 3, 13), "Retreat")
    assert not joined.is_open(D(2026, 3, 13))
    with pytest.raises(iop.ValidationError, match="1971-01-01..2100-12-31"):
        federal.is_open(D(2150, 1, 1))


# --- the July 2026 scenario ---------------------------------------------------

def program_day_dates(calendar, week):
    return [str(s.date) for s in calendar if s.kind == "program_day" and s.week == week]


def test_independence_day_under_each_policy():
    skip = iop.build_calendar(july_plan(), holiday_policy="skip")
    assert program_day_dates(skip, 0) == ["2026-06-29", "2026-06-30", "2026-07-02"]
    assert skip.gaps[0]["description"] == "2026-07-03 Independence Day (observed; actual 2026-07-04): skipped"
    week0 = skip.weekly_hours()[0]
    assert week0["scheduled_minutes"] == 570 and week0["within_bounds"]  # 3 x 180 + a 30-minute medication visit
    make_up = iop.build_calendar(july_plan(), holiday_policy="make_up_same_week")
    assert program_day_dates(make_up, 0) == ["2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02"]
    extend = iop.build_calendar(july_plan(), holiday_policy="extend")
    assert extend.totals()["program_days"] == 32
    assert extend.planned_end == D(2026, 8, 30)
    three = iop.build_calendar(july_plan(days=3), holiday_policy="skip")
    week0 = three.weekly_hours()[0]
    assert week0["scheduled_minutes"] == 390 and not week0["within_bounds"]
    assert week0["causes"] == ["2026-07-03 Independence Day (observed; actual 2026-07-04): skipped"]


# --- exports -------------------------------------------------------------------

def november_calendar():
    return iop.build_calendar(example_plan(start_date="2026-10-26", weeks=6), holiday_policy="skip",
                              events=[{"kind": "attendance", "date": "2026-10-26", "status": "attended"},
                                      {"kind": "attendance", "date": "2026-10-28", "status": "cancelled_by_clinic"}])


def test_icalendar_parses_and_every_instant_matches():
    calendar = november_calendar()
    text = calendar.to_ics()
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    parsed = icalendar.Calendar.from_ical(text.encode())
    assert str(parsed["VERSION"]) == "2.0" and str(parsed["PRODID"]).startswith("-//iop//")
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    assert len(events) == len(calendar.sessions)
    for s in calendar:
        event = events[s.uid + "@iop"]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start.astimezone(UTC) == s.start.utc
        assert end.astimezone(UTC) == s.end.utc
        if s.kind == "program_day":
            assert start.hour == 18  # the evening group keeps 18:00 across the November change
    before = events["plan-001-program_day-20261030@iop"].decoded("DTSTART")
    after = events["plan-001-program_day-20261102@iop"].decoded("DTSTART")
    assert before.utcoffset() == datetime.timedelta(hours=-7) and after.utcoffset() == datetime.timedelta(hours=-8)
    assert str(events["plan-001-program_day-20261028@iop"]["STATUS"]) == "CANCELLED"
    assert parsed.walk("VTIMEZONE")[0]["TZID"] == "America/Los_Angeles"
    assert text == november_calendar().to_ics()  # byte-identical


def test_icalendar_vtimezone_alone_gives_the_right_offsets():
    """Resolve the instants from iop's own VTIMEZONE, not the system zone database."""
    parsed = icalendar.Calendar.from_ical(november_calendar().to_ics().encode())
    vtz = parsed.walk("VTIMEZONE")[0]
    tz = vtz.to_tz()
    assert datetime.datetime(2026, 10, 30, 18, 0, tzinfo=tz).utcoffset() == datetime.timedelta(hours=-7)
    assert datetime.datetime(2026, 11, 2, 18, 0, tzinfo=tz).utcoffset() == datetime.timedelta(hours=-8)
    # The VTIMEZONE carries the rules in force during the calendar's years (the 2007 rule, from the IANA history).
    assert [str(c["DTSTART"].dt) for c in vtz.subcomponents] == ["2007-03-11 02:00:00", "2007-11-04 02:00:00"]


def test_a_calendar_of_2005_carries_the_rule_of_its_years():
    """A course in spring 2005 falls under the 1987-2006 rule (first Sunday of April, 2005-04-03): its VTIMEZONE
    says so, and its sessions resolve from it alone."""
    calendar = iop.build_calendar(example_plan(start_date="2005-03-28", weeks=6), holiday_policy="skip")
    parsed = icalendar.Calendar.from_ical(calendar.to_ics().encode())
    tz = parsed.walk("VTIMEZONE")[0].to_tz()
    assert datetime.datetime(2005, 4, 1, 12, 0, tzinfo=tz).utcoffset() == datetime.timedelta(hours=-8)
    assert datetime.datetime(2005, 4, 4, 12, 0, tzinfo=tz).utcoffset() == datetime.timedelta(hours=-7)
    for event in parsed.walk("VEVENT"):
        start = event.decoded("DTSTART")
        session = next(s for s in calendar if s.uid + "@iop" == str(event["UID"]))
        assert start.astimezone(UTC) == session.start.utc


def test_fhir_appointments_validate():
    bundle_dict = november_calendar().to_fhir()
    bundle = Bundle.model_validate(bundle_dict)
    assert coded_value_violations(bundle) == []
    kinds = [e.resource.get_resource_type() for e in bundle.entry]
    assert kinds.count("Schedule") == 1
    assert kinds.count("Slot") == kinds.count("Appointment") == len(november_calendar().sessions)
    # FHIR ids allow letters, digits, "-" and ".": the session uid with "_" written as "-".
    by_id = {e.resource.id: e.resource for e in bundle.entry if e.resource.get_resource_type() == "Appointment"}
    assert by_id["plan-001-program-day-20261026"].status == "fulfilled"
    assert by_id["plan-001-program-day-20261028"].status == "cancelled"
    assert by_id["plan-001-program-day-20261030"].status == "booked"
    assert by_id["plan-001-program-day-20261102"].start.isoformat() == "2026-11-02T18:00:00-08:00"


def test_to_pandas_is_timezone_aware():
    frame = november_calendar().to_pandas()
    assert str(frame["start"].dt.tz) == "America/Los_Angeles"
    program_days = frame[frame["kind"] == "program_day"]
    assert set(program_days["start"].dt.hour) == {18}
    assert set(program_days["start"].dt.tz_convert("UTC").dt.hour) == {1, 2}  # 01:00Z in PDT, 02:00Z in PST
    by_date = program_days.set_index("date")["status"]
    assert by_date["2026-10-26"] == "attended" and by_date["2026-10-28"] == "cancelled_by_clinic"


def test_csv_export():
    text = november_calendar().to_csv()
    header, first = text.split("\r\n")[:2]
    assert header.startswith("uid,kind,date,week,track,local_start")
    assert first.startswith("plan-001-program_day-20261026,program_day,2026-10-26,0,evening,2026-10-26T18:00:00,")


# --- batch -----------------------------------------------------------------------

def test_batch_matches_build_calendar():
    starts = np.array(["2026-06-29", "2026-03-02", "2026-11-23", "2027-12-20"], dtype="datetime64[D]")
    weeks, days, track = np.array([8, 6, 12, 10]), np.array([4, 3, 5, 3]), np.array([2, 0, 1, 2])
    for policy in ["skip", "make_up_same_week", "extend"]:
        cols = iop.build_calendars(starts, weeks, days, track=track, programs=["la-depression-iop"],
                                   holiday_policy=policy)
        for i in range(len(starts)):
            plan = example_plan(start_date=str(starts[i]), weeks=int(weeks[i]), days_per_week=int(days[i]), weekdays=[],
                                track=["morning", "afternoon", "evening"][track[i]])
            sessions = iop.build_calendar(plan, holiday_policy=policy).sessions
            mine = cols["plan"] == i
            assert [str(s.date) for s in sessions] == [str(d) for d in cols["date"][mine]]
            assert [s.start.local.isoformat()[:16] for s in sessions] == [str(t) for t in cols["local_start"][mine]]
            assert [s.minutes for s in sessions] == cols["minutes"][mine].tolist()


def test_batch_frame_and_errors():
    frame = iop.build_calendars(["2026-06-29"], 8, 4, as_frame=True)
    assert list(frame.columns) == ["plan", "program", "track", "week", "date", "kind", "start", "end", "minutes", "status",
                                   "zone", "local_start", "local_end"]
    assert frame["kind"].cat.categories.tolist() == ["program_day", "individual_therapy", "medication_management"]
    with pytest.raises(iop.ValidationError, match=r"plans\[1\].weeks"):
        iop.build_calendars(["2026-06-29", "2026-06-29"], [8, 14], 4)
    with pytest.raises(iop.ValidationError, match="NaT"):
        iop.build_calendars(np.array(["2026-06-29", "NaT"], dtype="datetime64[D]"), 8, 4)
    with pytest.raises(TypeError):
        iop.build_calendars(["2026-06-29"], 8.5, 4)


def _out(rows, fill=-1):
    """Columns for build_calendars(out=...), every row set to a sentinel so that a row left alone shows."""
    return {"plan": np.full(rows, fill, np.int32), "date": np.full(rows, fill, "datetime64[D]"),
            "local_start": np.full(rows, fill, "datetime64[m]"), "minutes": np.full(rows, fill, np.int16),
            "kind": np.full(rows, 255, np.uint8)}


def _days_only():
    d = iop.find_program("la-depression-iop").to_dict()
    del d["medication_management"]
    d["id"] = "la-depression-iop-days-only"
    return iop.ProgramTemplate.from_dict(d)


def test_batch_into_the_callers_columns_worked_by_hand():
    # Six weeks, Monday, Wednesday and Friday, from Monday 2026-06-29, evening track (18:00, 180 minutes):
    # 18 pattern days less Friday 2026-07-03 (Independence Day observed: the 4th is a Saturday) = 17 program days,
    # and medication management (30 minutes after the day, once every two weeks) on the first program day of
    # weeks 0, 2 and 4: 2026-06-29, 07-13 and 07-27. 20 rows, written from row 0; rows 20..24 left alone.
    out = _out(25)
    got = iop.build_calendars(["2026-06-29"], 6, 3, track="evening", program="la-depression-iop", out=out)
    assert set(got) == {"plan", "date", "local_start", "minutes", "kind"}
    assert all(len(column) == 20 and np.shares_memory(column, out[name]) for name, column in got.items())
    days = ["06-29", "07-01", "07-06", "07-08", "07-10", "07-13", "07-15", "07-17", "07-20", "07-22", "07-24", "07-27",
            "07-29", "07-31", "08-03", "08-05", "08-07"]
    assert len(days) == 17
    medication = {"06-29", "07-13", "07-27"}
    expected = []
    for day in days:
        expected.append((f"2026-{day}", f"2026-{day}T18:00", 180, 0))
        if day in medication:
            expected.append((f"2026-{day}", f"2026-{day}T21:00", 30, 2))
    assert [(str(d), str(t), int(m), int(k)) for d, t, m, k in
            zip(got["date"], got["local_start"], got["minutes"], got["kind"])] == expected
    assert got["plan"].tolist() == [0] * 20
    assert out["plan"][20:].tolist() == [-1] * 5 and out["kind"][20:].tolist() == [255] * 5
    assert str(out["date"][24]) == "1969-12-31"

    # The fast path (program days only): two plans, the second's rows right after the first's; the same rows as
    # new columns, on one thread and on two, and a second call into the same columns overwrites them.
    program = _days_only()
    starts = np.array(["2026-06-29", "2026-12-21"], dtype="datetime64[D]")
    fresh = iop.build_calendars(starts, 6, 3, track=[2, 0], programs=[program])
    assert len(fresh["plan"]) == 17 + 16  # 2026-12-25 and 2027-01-01 are Fridays: 18 - 2 program days
    out = _out(40)
    for threads in (1, 2):
        got = iop.build_calendars(starts, 6, 3, track=[2, 0], programs=[program], out=out, threads=threads)
        assert all(np.array_equal(got[name], fresh[name]) for name in fresh)
    assert str(got["date"][17]) == "2026-12-21" and str(got["local_start"][17]) == "2026-12-21T09:00"
    assert got["plan"].tolist() == [0] * 17 + [1] * 16
    assert got["minutes"].tolist() == [180] * 33 and got["kind"].tolist() == [0] * 33
    again = iop.build_calendars(starts[1:], 6, 3, track=0, programs=[program], out=out)
    assert len(again["plan"]) == 16 and out["plan"][:16].tolist() == [0] * 16
    assert np.array_equal(out["date"][:16], fresh["date"][17:])


def test_batch_into_the_callers_columns_refuses_what_it_cannot_take_exactly():
    def call(out, **kwargs):
        return iop.build_calendars(["2026-06-29"], 6, 3, track="evening", program="la-depression-iop", out=out,
                                   **kwargs)

    short = _out(19)
    with pytest.raises(iop.ValidationError, match=r"out: 19 rows is too short .*at least 20 rows"):
        call(short)
    assert (short["plan"] == -1).all() and (short["kind"] == 255).all()  # refused before anything was written
    wrong = _out(20)
    wrong["date"] = np.zeros(20, np.int64)
    with pytest.raises(iop.ValidationError, match=r"out.date: int64 is not the column's dtype.*datetime64\[D\]"):
        call(wrong)
    wrong = _out(20)
    wrong["local_start"] = np.zeros(20, "datetime64[s]")
    with pytest.raises(iop.ValidationError, match=r"out.local_start: datetime64\[s\]"):
        call(wrong)
    wrong = _out(20)
    wrong["minutes"] = np.zeros(20, ">i2")  # the same width in the other byte order is another dtype
    with pytest.raises(iop.ValidationError, match="out.minutes"):
        call(wrong)
    missing = _out(20)
    del missing["kind"]
    with pytest.raises(iop.ValidationError, match="out.kind: is missing"):
        call(missing)
    extra = dict(_out(20), week=np.zeros(20, np.int32))
    with pytest.raises(iop.ValidationError, match="out.week: is not a column of the answer"):
        call(extra)
    strided = _out(40)
    strided["plan"] = strided["plan"][::2]
    with pytest.raises(iop.ValidationError, match="out.plan: .* is not an aligned, contiguous 1-D array"):
        call(strided)
    unaligned = _out(20)
    unaligned["plan"] = np.frombuffer(bytearray(4 * 20 + 1), dtype=np.int32, count=20, offset=1)
    with pytest.raises(iop.ValidationError, match="out.plan: .* is not an aligned, contiguous 1-D array"):
        call(unaligned)
    masked = _out(20)
    masked["minutes"] = np.ma.masked_array(np.zeros(20, np.int16), mask=[True] * 20)
    with pytest.raises(TypeError, match="out.minutes: .*got a masked array"):
        call(masked)
    read_only = _out(20)
    read_only["minutes"].flags.writeable = False
    with pytest.raises(iop.ValidationError, match="out.minutes: read-only is not writable"):
        call(read_only)
    uneven = _out(20)
    uneven["kind"] = np.zeros(21, np.uint8)
    with pytest.raises(iop.ValidationError, match="out.kind: 21 rows differs from out.plan's length"):
        call(uneven)
    shared = _out(20)
    buffer = np.zeros(40, np.uint8)
    shared["kind"], shared["minutes"] = buffer[:20], buffer.view(np.int16)
    with pytest.raises(iop.ValidationError, match="out.minutes: shares memory with out.kind overlaps"):
        call(shared)
    starts = np.array(["2026-06-29"] * 20, dtype="datetime64[D]")
    aliased = _out(20)
    aliased["date"] = starts
    with pytest.raises(iop.ValidationError, match="out.date: shares memory with an input overlaps the plans"):
        iop.build_calendars(starts[:1], 6, 3, track="evening", program="la-depression-iop", out=aliased)
    with pytest.raises(iop.ValidationError, match="out: given cannot be combined with as_frame"):
        call(_out(20), as_frame=True)
    with pytest.raises(TypeError, match="out: expected a dict of numpy arrays"):
        call([np.zeros(20)])
    with pytest.raises(TypeError, match="out.plan: expected a numpy array of int32, got list"):
        call(dict(_out(20), plan=[0] * 20))
    # The compiled entry point checks the lengths itself, whoever calls it.
    columns = iop._calendar.plan_columns(["2026-06-29"], 6, 3, "evening", "la-depression-iop", None)
    short_date = _out(20)
    with pytest.raises(iop.ValidationError, match="out: 20 rows in out.plan differs from another column's length"):
        iop._core._build_calendars_batch_into(*columns, iop.HolidayCalendar.preset("private_clinic"), "skip",
                                              short_date["plan"], short_date["date"][:10].view(np.int64),
                                              short_date["local_start"].view(np.int64), short_date["minutes"],
                                              short_date["kind"], 1)
    # No plans: nothing written, five empty views.
    empty = _out(3)
    none = iop.build_calendars(np.array([], dtype="datetime64[D]"), 8, 4, out=empty)
    assert all(len(column) == 0 for column in none.values()) and (empty["plan"] == -1).all()


def test_calendar_command(iop_command):
    example = ROOT / "examples" / "plan.json"
    for fmt in ["text", "json", "ics", "fhir", "csv"]:
        result = subprocess.run([iop_command, "calendar", "--input", str(example), "--format", fmt],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
    ics = subprocess.run([iop_command, "calendar", "--input", str(example), "--format", "ics"],
                         capture_output=True, timeout=60).stdout
    assert ics.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == 28
    bad = subprocess.run([iop_command, "calendar", "--input", str(example), "--holiday-policy", "never"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2


def test_one_patients_frame_and_a_cohorts_frame_match():
    """The same plan as one calendar and as a cohort of one: the same columns, dtypes and values
    (statuses aside: the cohort has no recorded events). By name or by index, tracks and programs agree."""
    plan = example_plan(start_date="2026-10-26", weeks=12, days_per_week=4, weekdays=[], track="evening")
    one = iop.build_calendar(plan).to_pandas()
    cohort = iop.build_calendars(["2026-10-26"], 12, 4, track="evening", program="la-depression-iop", as_frame=True)
    assert list(one.columns) == list(cohort.columns)
    assert one.dtypes.equals(cohort.dtypes)
    import pandas as pd
    pd.testing.assert_frame_equal(one, cohort)
    assert str(one["start"].dt.tz) == "America/Los_Angeles"
    assert one["date"].dtype == "datetime64[ns]"
    # November 2: the evening group still starts at 18:00 local after the change, 02:00Z.
    nov2 = one[(one["date"] == "2026-11-02") & (one["kind"] == "program_day")].iloc[0]
    assert nov2["start"].hour == 18 and nov2["start"].tz_convert("UTC").hour == 2
    by_index = iop.build_calendars(["2026-10-26"], 12, 4, track=2, program=0, as_frame=True)
    pd.testing.assert_frame_equal(by_index, cohort)
    mixed = iop.build_calendars(["2026-10-26", "2026-10-26"], 12, 4, track=["evening", "day"],
                                program=["la-depression-iop", "az-depression-iop"], as_frame=True)
    assert mixed.groupby("plan", observed=True)["program"].first().tolist() == ["la-depression-iop",
                                                                                "az-depression-iop"]
    # Two zones: start and end in UTC (one column holds one zone), each session's zone and local wall time beside.
    assert set(mixed["zone"]) == {"America/Los_Angeles", "America/Phoenix"}
    assert str(mixed["start"].dt.tz) == "UTC"
    evening = mixed[(mixed["zone"] == "America/Los_Angeles") & (mixed["kind"] == "program_day")]
    assert (evening["local_start"].dt.hour == 18).all()  # 18:00 in Los Angeles, on either side of November 1
    for zone, rows in mixed.groupby("zone", observed=True):
        local = rows["start"].dt.tz_convert(zone).dt.tz_localize(None)
        assert (local == rows["local_start"]).all()
        assert (rows["end"].dt.tz_convert(zone).dt.tz_localize(None) == rows["local_end"]).all()
