"""Time zones: hand-checked daylight-saving weeks, then every hour of many
years compared with the IANA database through Python's zoneinfo (an
independent implementation, fed by the tzdata package)."""

import datetime
import pickle
import zoneinfo

import pytest

import iop

UTC = datetime.timezone.utc
ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Puerto_Rico",
    "UTC",
]
# Every other zone of the states and territories (zone1970.tab and the territories' links).
MORE_ZONES = [
    "America/Detroit", "America/Kentucky/Louisville", "America/Kentucky/Monticello", "America/Indiana/Indianapolis",
    "America/Indiana/Marengo", "America/Indiana/Vevay", "America/Indiana/Vincennes", "America/Indiana/Petersburg",
    "America/Indiana/Winamac", "America/Indiana/Tell_City", "America/Indiana/Knox", "America/Menominee",
    "America/North_Dakota/Center", "America/North_Dakota/New_Salem", "America/North_Dakota/Beulah", "America/Boise",
    "America/Juneau", "America/Sitka", "America/Yakutat", "America/Nome", "America/Metlakatla", "America/Adak",
    "Pacific/Johnston", "America/St_Thomas", "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "Pacific/Midway",
    "Pacific/Wake",
]
FIRST_YEAR, LAST_YEAR = 1970, 2100


@pytest.fixture(autouse=True, scope="module")
def _tzdata_package():
    """zoneinfo reads the tzdata package (requirements.txt), the version data/time-zones.json was generated from,
    not whatever the machine's /usr/share/zoneinfo holds."""
    zoneinfo.reset_tzpath(to=[])
    yield
    zoneinfo.reset_tzpath()


def test_supported_zones():
    assert sorted(iop.supported_time_zones()) == sorted(ZONES + MORE_ZONES)
    with pytest.raises(iop.NotFoundError) as info:
        iop.TimeZone("America/Boston")
    assert "'America/Boston'" in str(info.value)
    assert info.value.field == "zone"


@pytest.mark.parametrize(
    "local, utc",
    [
        # March 2026 change week in Los Angeles (change on Sunday 2026-03-08):
        # 18:00 PST = 02:00Z next day before; 18:00 PDT = 01:00Z next day after.
        ("2026-03-06T18:00", datetime.datetime(2026, 3, 7, 2, 0, tzinfo=UTC)),
        ("2026-03-09T18:00", datetime.datetime(2026, 3, 10, 1, 0, tzinfo=UTC)),
        # November 2026 change week (change on Sunday 2026-11-01).
        ("2026-10-30T18:00", datetime.datetime(2026, 10, 31, 1, 0, tzinfo=UTC)),
        ("2026-11-02T18:00", datetime.datetime(2026, 11, 3, 2, 0, tzinfo=UTC)),
    ],
)
def test_evening_group_keeps_its_wall_time_in_los_angeles(local, utc):
    t = iop.ZonedTime(local, "America/Los_Angeles")
    assert t.utc == utc
    assert t.local.hour == 18


@pytest.mark.parametrize("day", ["2026-03-06", "2026-03-09", "2026-10-30", "2026-11-02"])
def test_phoenix_never_shifts(day):
    # MST all year: 18:00 is always 01:00Z the next day.
    t = iop.ZonedTime(f"{day}T18:00", "America/Phoenix")
    assert t.utc.hour == 1
    assert t.utc_offset == datetime.timedelta(hours=-7)
    assert not t.is_dst


def test_skipped_and_repeated_times_match_fold():
    ny = iop.TimeZone("America/New_York")
    assert ny.classify("2026-03-08T02:30") == "skipped"
    assert ny.classify("2026-11-01T01:30") == "repeated"
    with pytest.raises(iop.ValidationError, match="does not exist in America/New_York"):
        ny.to_utc("2026-03-08T02:30")
    with pytest.raises(iop.ValidationError, match="happens twice"):
        iop.ZonedTime("2026-11-01T01:30", ny)
    zi = zoneinfo.ZoneInfo("America/New_York")
    for text in ["2026-03-08T02:30", "2026-11-01T01:30"]:
        naive = datetime.datetime.fromisoformat(text)
        for fold, choice in [(0, iop.Disambiguation.earlier), (1, iop.Disambiguation.later)]:
            expected = naive.replace(tzinfo=zi, fold=fold).astimezone(UTC)
            assert ny.to_utc(naive, choice) == expected


def test_zoned_time_values():
    t = iop.ZonedTime(datetime.datetime(2026, 7, 1, 9, 0), "America/Anchorage")
    assert str(t) == "2026-07-01T09:00:00-08:00[America/Anchorage]"
    assert t.abbreviation == "AKDT"
    assert t.to_datetime().utcoffset() == datetime.timedelta(hours=-8)
    assert iop.ZonedTime.from_utc(t.utc, "America/Anchorage") == t
    assert pickle.loads(pickle.dumps(t)) == t
    assert pickle.loads(pickle.dumps(t.zone)) == t.zone
    assert repr(t) == "ZonedTime('2026-07-01T09:00:00', 'America/Anchorage')"


def test_unsupported_years_are_refused():
    with pytest.raises(iop.ValidationError, match="1970..2100"):
        iop.ZonedTime("1969-07-01T12:00", "America/Denver")
    assert iop.ZonedTime("1970-01-01T00:00", "America/Denver").utc == datetime.datetime(1970, 1, 1, 7, tzinfo=UTC)
    assert iop.ZonedTime("2100-12-31T23:59", "America/Denver").utc == datetime.datetime(2101, 1, 1, 6, 59, tzinfo=UTC)


def _hours(year):
    start = datetime.datetime(year, 1, 1)
    hour = datetime.timedelta(hours=1)
    for i in range(0, 366 * 24):
        t = start + i * hour
        if t.year != year:
            return
        yield t


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("year", [1970, 1974, 1975, 1986, 1987, 1995, 2006, 2007, 2021, 2026, 2027, 2050, 2099])
def test_every_local_hour_agrees_with_zoneinfo(zone, year):
    ours = iop.TimeZone(zone)
    theirs = zoneinfo.ZoneInfo(zone)
    for local in _hours(year):
        kind = ours.classify(local)
        for fold, choice in [(0, iop.Disambiguation.earlier), (1, iop.Disambiguation.later)]:
            expected = local.replace(tzinfo=theirs, fold=fold).astimezone(UTC)
            assert ours.to_utc(local, choice) == expected, (zone, local, fold)
        if kind == "unique":
            assert ours.to_local(ours.to_utc(local)) == local
        if local < datetime.datetime(1970, 1, 2):
            continue  # these UTC instants are still 1969 in US zones: outside the supported years
        for half in (datetime.timedelta(0), datetime.timedelta(minutes=30)):
            instant = datetime.datetime.combine(local.date(), local.time(), UTC) + half
            assert ours.to_local(instant) == instant.astimezone(theirs).replace(tzinfo=None), (zone, instant)


def _offset_changes(zone: zoneinfo.ZoneInfo) -> list[tuple[datetime.datetime, datetime.timedelta, datetime.timedelta]]:
    """zoneinfo's changes of UTC offset from 1969-12-30 to 2101-01-02: sampled every day at 00:00 UTC, each change
    then found to the second by bisection."""
    def offset(t: datetime.datetime) -> datetime.timedelta:
        return t.astimezone(zone).utcoffset()  # type: ignore[return-value]

    day = datetime.timedelta(days=1)
    t = datetime.datetime(1969, 12, 30, tzinfo=UTC)
    end = datetime.datetime(2101, 1, 2, tzinfo=UTC)
    changes = []
    before = offset(t)
    while t < end:
        after_day = t + day
        if offset(after_day) != before:
            lo, hi = t, after_day
            while hi - lo > datetime.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                lo, hi = (mid, hi) if offset(mid) == before else (lo, mid)
            changes.append((hi, before, offset(hi)))
            before = offset(hi)
        t = after_day
    return changes


@pytest.mark.parametrize("zone", ZONES + MORE_ZONES)
def test_every_year_of_every_zone_agrees_with_zoneinfo(zone):
    """Every zone iop names, every year 1970..2100: the same changes of offset at the same instants, the same
    abbreviation and daylight-saving flag in January and July, and the same UTC instant for the wall times on
    both sides of each change, with either fold."""
    ours = iop.TimeZone(zone)
    theirs = zoneinfo.ZoneInfo(zone)
    assert ours.first_year == FIRST_YEAR
    expected = _offset_changes(theirs)
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        in_year = [c for c in expected if (c[0] + c[1]).year == year]
        assert ours.transitions(year) == in_year, (zone, year)
        for month in (1, 7):
            instant = datetime.datetime(year, month, 15, 12, tzinfo=UTC)
            t = iop.ZonedTime.from_utc(instant, zone)
            assert t.abbreviation == instant.astimezone(theirs).tzname(), (zone, instant)
            assert t.is_dst == bool(instant.astimezone(theirs).dst()), (zone, instant)
        for when, before, after in in_year:
            for wall in {(when + before).replace(tzinfo=None), (when + after).replace(tzinfo=None)}:
                for local in (wall - datetime.timedelta(minutes=30), wall + datetime.timedelta(minutes=30)):
                    for fold, choice in [(0, iop.Disambiguation.earlier), (1, iop.Disambiguation.later)]:
                        assert ours.to_utc(local, choice) == local.replace(tzinfo=theirs, fold=fold).astimezone(UTC), (
                            zone, local, fold)


def test_county_moves_are_real_history():
    """Hand-checked against tzdata `northamerica`: Indianapolis kept EST all year 1971-2005 (12:00 is 17:00Z in July
    1990); Vincennes was on Central time 2006-04-02..2007-11-04; Beulah moved from Mountain to Central on 2010-11-07."""
    assert iop.TimeZone("America/Indiana/Indianapolis").to_utc("1990-07-01T12:00") == datetime.datetime(
        1990, 7, 1, 17, tzinfo=UTC)
    assert iop.TimeZone("America/Indiana/Indianapolis").transitions(1990) == []
    assert iop.ZonedTime("2007-07-01T12:00", "America/Indiana/Vincennes").abbreviation == "CDT"
    assert iop.TimeZone("America/North_Dakota/Beulah").to_utc("2009-07-01T12:00").hour == 18
    assert iop.TimeZone("America/North_Dakota/Beulah").to_utc("2011-07-01T12:00").hour == 17
    assert "1971-2005 EST" in iop.TimeZone("America/Indiana/Indianapolis").rules_note
    assert iop.TimeZone("America/St_Thomas").rules_note.startswith("a link to America/Puerto_Rico")


def test_the_data_file_is_the_tzdata_packages():
    """data/time-zones.json is what scripts/generate_time_zones.py makes from the pinned tzdata package."""
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, str(root / "scripts" / "generate_time_zones.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
