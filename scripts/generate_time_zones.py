#!/usr/bin/env python3
"""Writes data/time-zones.json: the offset history of every time zone iop names, 1970 to 2100, from the IANA
time zone database as the `tzdata` Python package ships it (compiled TZif files).

Each zone's explicit transitions are read from its TZif file (version 2 or later, 64-bit section) and the
rule of its footer (a POSIX TZ string such as EST5EDT,M3.2.0,M11.1.0) is expanded year by year to 2100, so
the library carries every change as data and no rule is typed by hand. The tests compare the result with
Python's zoneinfo year by year (tests/python/test_time_zones.py).

    python3 scripts/generate_time_zones.py            # needs the tzdata package of requirements.txt
    python3 scripts/generate_time_zones.py --check    # exits 1 when data/time-zones.json differs
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import importlib.resources
import json
import re
import struct
import sys
from pathlib import Path

import tzdata

FIRST_YEAR, LAST_YEAR = 1970, 2100

# The zones of zone1970.tab for the United States and its territories (US, PR, VI, GU, MP, AS, UM) and the
# territories' links (tzdata `backward`), with UTC. A link's TZif file is its target's.
ZONES = [
    "America/New_York", "America/Detroit", "America/Kentucky/Louisville", "America/Kentucky/Monticello",
    "America/Indiana/Indianapolis", "America/Indiana/Marengo", "America/Indiana/Vevay", "America/Indiana/Vincennes",
    "America/Indiana/Petersburg", "America/Indiana/Winamac", "America/Chicago", "America/Indiana/Tell_City",
    "America/Indiana/Knox", "America/Menominee", "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
    "America/North_Dakota/Beulah", "America/Denver", "America/Boise", "America/Phoenix", "America/Los_Angeles",
    "America/Anchorage", "America/Juneau", "America/Sitka", "America/Yakutat", "America/Nome", "America/Metlakatla",
    "America/Adak", "Pacific/Honolulu", "Pacific/Johnston", "America/Puerto_Rico", "America/St_Thomas",
    "Pacific/Guam", "Pacific/Saipan", "Pacific/Pago_Pago", "Pacific/Midway", "Pacific/Wake", "UTC",
]
LINKS = {"Pacific/Johnston": "Pacific/Honolulu", "America/St_Thomas": "America/Puerto_Rico",
         "Pacific/Saipan": "Pacific/Guam", "Pacific/Midway": "Pacific/Pago_Pago", "Pacific/Wake": "Pacific/Tarawa"}


def tzif(name: str) -> bytes:
    return importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()


def parse_tzif(data: bytes) -> tuple[list[int], list[int], list[tuple[int, bool, str]], str]:
    """(transition times, type index of each, types (offset, is_dst, abbreviation), footer) of a TZif file."""
    def header(at: int) -> tuple[int, ...]:
        if data[at:at + 4] != b"TZif":
            raise SystemExit("not a TZif file")
        return struct.unpack(">6l", data[at + 20:at + 44])

    isut, isstd, leap, timecnt, typecnt, charcnt = header(0)
    skip = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut
    isut, isstd, leap, timecnt, typecnt, charcnt = header(skip)
    at = skip + 44
    times = list(struct.unpack(f">{timecnt}q", data[at:at + timecnt * 8]))
    at += timecnt * 8
    indexes = list(data[at:at + timecnt])
    at += timecnt
    raw_types = [struct.unpack(">lBB", data[at + 6 * i:at + 6 * i + 6]) for i in range(typecnt)]
    at += typecnt * 6
    chars = data[at:at + charcnt]
    at += charcnt + leap * 12 + isstd + isut
    footer = data[at:].strip(b"\n").decode()

    def abbreviation(i: int) -> str:
        return chars[i:chars.index(b"\0", i)].decode()

    types = [(offset, bool(dst), abbreviation(ai)) for offset, dst, ai in raw_types]
    return times, indexes, types, footer


def parse_posix(tz: str) -> tuple[tuple[int, str], tuple[int, str] | None, list[tuple[int, int, int, int]]]:
    """(standard (offset, name), daylight (offset, name) or None, [start rule, end rule]) of a POSIX TZ string."""
    name = r"(<[^>]+>|[A-Za-z]+)"
    offset = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
    m = re.fullmatch(name + offset + r"(?:" + name + offset + r"?" + r"(?:,(.*))?)?", tz)
    if not m:
        raise SystemExit(f"unsupported TZ string {tz!r}")

    def seconds(text: str) -> int:
        sign = -1 if text.startswith("-") else 1
        parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
        return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])

    std = (-seconds(m.group(2)), m.group(1).strip("<>"))
    if not m.group(3):
        return std, None, []
    dst = (-seconds(m.group(4)) if m.group(4) else std[0] + 3600, m.group(3).strip("<>"))
    rules = []
    for part in m.group(5).split(","):
        rm = re.fullmatch(r"M(\d+)\.(\d)\.(\d)(?:/([+-]?\d+(?::\d{2}){0,2}))?", part)
        if not rm:
            raise SystemExit(f"unsupported rule {part!r} in {tz!r}")
        at = seconds(rm.group(4)) if rm.group(4) else 7200
        rules.append((int(rm.group(1)), int(rm.group(2)), int(rm.group(3)), at))
    return std, dst, rules


def rule_day(year: int, month: int, week: int, weekday: int) -> dt.date:
    """Day `weekday` (0 Sunday) of week `week` (5: the last) of `month`."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - (first.isoweekday() % 7)) % 7 + 7 * (week - 1))
    while day.month != month:
        day -= dt.timedelta(days=7)
    return day


def expand(footer: str, after: int) -> list[tuple[int, tuple[int, bool, str]]]:
    """The footer's transitions after `after` (UTC seconds) up to the end of LAST_YEAR (local), each with its type."""
    std, dst, rules = parse_posix(footer)
    if dst is None:
        return []
    out = []
    for year in range(FIRST_YEAR - 1, LAST_YEAR + 2):
        (sm, sw, sd, st), (em, ew, ed, et) = rules
        start_local = calendar.timegm(rule_day(year, sm, sw, sd).timetuple()) + st
        end_local = calendar.timegm(rule_day(year, em, ew, ed).timetuple()) + et
        # The start is given in standard time, the end in daylight time (local wall clock before each change).
        out.append((start_local - std[0], (dst[0], True, dst[1])))
        out.append((end_local - dst[0], (std[0], False, std[1])))
    return sorted((t, ty) for t, ty in out if t > after)


def zone_history(name: str) -> dict[str, object]:
    data = tzif(LINKS.get(name, name)) if name in LINKS else tzif(name)
    if name in LINKS and data != tzif(name):
        raise SystemExit(f"{name} is not a copy of {LINKS[name]} in this tzdata")
    times, indexes, types, footer = parse_tzif(data)
    events = [(t, types[i]) for t, i in zip(times, indexes)]
    events += expand(footer, times[-1] if times else -2**62)
    # The span iop converts: local years FIRST_YEAR..LAST_YEAR, so UTC from a day before to a day after.
    begin = calendar.timegm((FIRST_YEAR, 1, 1, 0, 0, 0)) - 86400
    end = calendar.timegm((LAST_YEAR + 1, 1, 1, 0, 0, 0)) + 86400
    before = [ty for t, ty in events if t <= begin]
    std, _, _ = parse_posix(footer)
    initial = before[-1] if before else (types[0] if times else (std[0], False, std[1]))
    kept: list[tuple[int, tuple[int, bool, str]]] = []
    current = initial
    for t, ty in events:
        if begin < t < end and ty != current:
            kept.append((t, ty))
            current = ty
    type_list: list[tuple[int, bool, str]] = []
    for ty in [initial] + [ty for _, ty in kept]:
        if ty[0] % 60:
            raise SystemExit(f"{name}: offset {ty[0]} s is not whole minutes")
        if ty not in type_list:
            type_list.append(ty)
    return {
        "name": name,
        "link_to": LINKS.get(name, ""),
        "history": describe(initial, kept),
        "types": [[o, d, a] for o, d, a in type_list],
        "initial": type_list.index(initial),
        "transitions": [[t, type_list.index(ty)] for t, ty in kept],
    }


def describe(initial: tuple[int, bool, str], kept: list[tuple[int, tuple[int, bool, str]]]) -> str:
    """Year ranges with the abbreviations in force, e.g. `1970 EST/EDT; 1971-2005 EST; 2006-2100 EST/EDT`."""
    labels = []
    index = 0
    current = initial
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        finish = calendar.timegm((year + 1, 1, 1, 0, 0, 0))
        seen = [current]
        while index < len(kept) and kept[index][0] < finish - kept[index][1][0]:
            seen.append(kept[index][1])
            current = kept[index][1]
            index += 1
        names = []
        unique = list(dict.fromkeys(seen))  # in order of appearance: the sort below is stable
        for ty in sorted(unique, key=lambda t: (t[1], t[0])):
            if ty[2] not in names:
                names.append(ty[2])
        labels.append("/".join(names))
    parts = []
    year = FIRST_YEAR
    while year <= LAST_YEAR:
        last = year
        while last + 1 <= LAST_YEAR and labels[last + 1 - FIRST_YEAR] == labels[year - FIRST_YEAR]:
            last += 1
        parts.append((f"{year}" if last == year else f"{year}-{last}") + " " + labels[year - FIRST_YEAR])
        year = last + 1
    return "; ".join(parts)


def document() -> str:
    zones = [zone_history(name) for name in ZONES]
    head = {
        "description": "The UTC offset history of every time zone iop names, for local years 1970 to 2100, generated "
                       "from the IANA time zone database by scripts/generate_time_zones.py (do not edit by hand). "
                       "Each zone lists its types [offset in seconds east of UTC, daylight saving, abbreviation], the "
                       "type in force at the start, and its transitions [UTC seconds since 1970, type].",
        "tzdata_version": tzdata.IANA_VERSION,
        "tzdata_package": tzdata.__version__,
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "evidence": {"status": "confirmed", "citation": f"IANA Time Zone Database {tzdata.IANA_VERSION}",
                     "source": f"the compiled TZif files of the tzdata Python package {tzdata.__version__}, read and "
                               "their rules expanded by scripts/generate_time_zones.py",
                     "read_on": "2026-12-06"},
    }
    lines = ["{"]
    for key, value in head.items():
        lines.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append(' "zones": [')
    for i, z in enumerate(zones):
        body = ", ".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in z.items())
        lines.append("  {" + body + "}" + ("," if i + 1 < len(zones) else ""))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file instead of writing it")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent.parent / "data" / "time-zones.json")
    args = parser.parse_args()
    text = document()
    if args.check:
        if args.output.read_text() != text:
            print(f"{args.output} differs from the tzdata package's data: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
