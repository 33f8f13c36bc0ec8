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
# Every other zone of the states and territories (zone1970.tab and the territories'
# links), with the first year iop converts in it.
MORE_ZONES = {
    "America/Detroit": 1987,
    "America/Kentucky/Louisville": 1987,
    "America/Kentucky/Monticello": 2001,
    "America/Indiana/Indianapolis": 2006,
    "America/Indiana/Marengo": 2006,
    "America/Indiana/Vevay": 2006,
    "America/Indiana/Vincennes": 2008,
    "America/Indiana/Petersburg": 2008,
    "America/Indiana/Winamac": 2008,
    "America/Indiana/Tell_City": 2007,
    "America/Indiana/Knox": 2007,
    "America/Menominee": 1987,
    "America/North_Dakota/Center": 1993,
    "America/North_Dakota/New_Salem": 2004,
    "America/North_Dakota/Beulah": 2011,
    "America/Boise": 1987,
    "America/Juneau": 1987,
    "America/Sitka": 1987,
    "America/Yakutat": 1987,
    "America/Nome": 1987,
    "America/Metlakatla": 2020,
    "America/Adak": 1987,
    "Pacific/Johnston": 1987,
    "America/St_Thomas": 1987,
    "Pacific/Guam": 2001,
    "Pacific/Saipan": 2001,
    "Pacific/Pago_Pago": 1987,
    "Pacific/Midway": 1987,
    "Pacific/Wake": 1987,
}


def test_supported_zones():
    assert sorted(iop.supported_time_zones()) == sorted(ZONES + list(MORE_ZONES))
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
    with pytest.raises(iop.ValidationError, match="1987..2100"):
        iop.ZonedTime("1986-07-01T12:00", "America/Denver")


def _hours(year):
    start = datetime.datetime(year, 1, 1)
    hour = datetime.timedelta(hours=1)
    for i in range(0, 366 * 24):
        t = start + i * hour
        if t.year != year:
            return
        yield t


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("year", [1987, 1995, 2006, 2007, 2021, 2026, 2027, 2050, 2099])
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
        if local < datetime.datetime(1987, 1, 2):
            continue  # these UTC instants are still 1986 in US zones: outside the supported years
        for half in (datetime.timedelta(0), datetime.timedelta(minutes=30)):
            instant = datetime.datetime.combine(local.date(), local.time(), UTC) + half
            assert ours.to_local(instant) == instant.astimezone(theirs).replace(tzinfo=None), (zone, instant)


@pytest.mark.parametrize("zone", sorted(MORE_ZONES))
def test_every_us_zone_agrees_with_zoneinfo_from_its_first_year(zone):
    ours = iop.TimeZone(zone)
    first = MORE_ZONES[zone]
    assert ours.first_year == first
    assert ours.name == zone
    theirs = zoneinfo.ZoneInfo(zone)
    for year in sorted({first, first + 1, 2026, 2099}):
        for local in list(_hours(year))[::5]:
            for fold, choice in [(0, iop.Disambiguation.earlier), (1, iop.Disambiguation.later)]:
                expected = local.replace(tzinfo=theirs, fold=fold).astimezone(UTC)
                assert ours.to_utc(local, choice) == expected, (zone, local, fold)
    if first > 1987:
        # The year before the zone's rules began is refused, never converted with rules that did not apply.
        with pytest.raises(iop.ValidationError, match=f"{first}..2100"):
            ours.to_utc(datetime.datetime(first - 1, 7, 1, 12))
