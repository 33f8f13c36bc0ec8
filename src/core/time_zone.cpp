#include "iop/core/time_zone.hpp"

#include <array>
#include <string>

#include "iop/core/date.hpp"
#include "iop/core/error.hpp"
#include "iop/core/zoned_time.hpp"

namespace iop {
namespace detail {

// One period of the United States daylight-saving rule. Both changes happen
// at 02:00 local wall time (standard time in spring, daylight time in fall).
// Source: 15 U.S.C. 260a; Energy Policy Act of 2005, Pub. L. 109-58, §110
// (second Sunday of March to first Sunday of November from 2007).
using DstEra = DaylightSavingRule;

constexpr std::array<DstEra, 2> kUnitedStatesEras{{
    {1987, 2006, 4, 1, 10, 5},  // first Sunday of April .. last Sunday of October
    {2007, 2100, 3, 2, 11, 1},  // second Sunday of March .. first Sunday of November
}};

struct ZoneRules {
  std::string_view name;
  int standard_minutes;  // UTC offset of standard time
  bool observes_dst;
  std::string_view standard_abbreviation;
  std::string_view daylight_abbreviation;
  int first_year;               // first year iop's rules hold for the zone (earlier years are refused)
  std::string_view same_rules;  // which rules the zone follows and since when (from the IANA database)
};

}  // namespace detail

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;
using detail::ZoneRules;

// Every IANA zone of the United States and its territories (the zone1970.tab
// rows for US, PR, VI, GU, MP, AS and UM, with the territories' links), checked
// year by year against the IANA database: the first year is the first whole
// year in which the zone keeps the offset and daylight-saving rule given here.
// Years before it are refused, never guessed. Sources: tzdata `northamerica`
// and `australasia` (Zone lines of each name) and `backward` (links).
constexpr std::array<ZoneRules, 38> kZones{{
    {"America/New_York", -5 * 60, true, "EST", "EDT", 1987, "Eastern Time with the US daylight-saving rule"},
    {"America/Detroit", -5 * 60, true, "EST", "EDT", 1987,
     "Eastern Time (Michigan); the rules of America/New_York since 1975 Apr 27"},
    {"America/Kentucky/Louisville", -5 * 60, true, "EST", "EDT", 1987,
     "Eastern Time (Louisville area); the rules of America/New_York since 1974 Oct 27"},
    {"America/Kentucky/Monticello", -5 * 60, true, "EST", "EDT", 2001,
     "Eastern Time (Wayne County, Kentucky) since 2000 Oct 29; Central Time before"},
    {"America/Indiana/Indianapolis", -5 * 60, true, "EST", "EDT", 2006,
     "Eastern Time with daylight saving since 2006; Eastern Standard Time all year 1971-2005"},
    {"America/Indiana/Marengo", -5 * 60, true, "EST", "EDT", 2006,
     "Eastern Time with daylight saving since 2006 (Crawford County, Indiana); EST all year 1976-2005"},
    {"America/Indiana/Vevay", -5 * 60, true, "EST", "EDT", 2006,
     "Eastern Time with daylight saving since 2006 (Switzerland County, Indiana); EST all year 1973-2005"},
    {"America/Indiana/Vincennes", -5 * 60, true, "EST", "EDT", 2008,
     "Eastern Time since 2007 Nov 4 (Daviess, Dubois, Knox and Martin Counties, Indiana); Central Time 2006-2007"},
    {"America/Indiana/Petersburg", -5 * 60, true, "EST", "EDT", 2008,
     "Eastern Time since 2007 Nov 4 (Pike County, Indiana); Central Time 2006-2007"},
    {"America/Indiana/Winamac", -5 * 60, true, "EST", "EDT", 2008,
     "Eastern Time since 2007 Mar 11 (Pulaski County, Indiana); Central Time 2006-2007"},
    {"America/Chicago", -6 * 60, true, "CST", "CDT", 1987, "Central Time with the US daylight-saving rule"},
    {"America/Indiana/Tell_City", -6 * 60, true, "CST", "CDT", 2007,
     "Central Time since 2006 Apr 2 (Perry County, Indiana); EST all year before"},
    {"America/Indiana/Knox", -6 * 60, true, "CST", "CDT", 2007,
     "Central Time since 2006 Apr 2 (Starke County, Indiana); EST all year 1991-2006"},
    {"America/Menominee", -6 * 60, true, "CST", "CDT", 1987,
     "Central Time (Michigan's Wisconsin border counties) since 1973 Apr 29"},
    {"America/North_Dakota/Center", -6 * 60, true, "CST", "CDT", 1993,
     "Central Time since 1992 Oct 25 (Oliver County, North Dakota); Mountain Time before"},
    {"America/North_Dakota/New_Salem", -6 * 60, true, "CST", "CDT", 2004,
     "Central Time since 2003 Oct 26 (Morton County rural, North Dakota); Mountain Time before"},
    {"America/North_Dakota/Beulah", -6 * 60, true, "CST", "CDT", 2011,
     "Central Time since 2010 Nov 7 (Mercer County, North Dakota); Mountain Time before"},
    {"America/Denver", -7 * 60, true, "MST", "MDT", 1987, "Mountain Time with the US daylight-saving rule"},
    {"America/Boise", -7 * 60, true, "MST", "MDT", 1987,
     "Mountain Time (southern Idaho, eastern Oregon); the rules of America/Denver since 1974 Feb 3"},
    {"America/Phoenix", -7 * 60, false, "MST", "MST", 1987, "Mountain Standard Time all year (Arizona except the Navajo Nation)"},
    {"America/Los_Angeles", -8 * 60, true, "PST", "PDT", 1987, "Pacific Time with the US daylight-saving rule"},
    {"America/Anchorage", -9 * 60, true, "AKST", "AKDT", 1987, "Alaska Time with the US daylight-saving rule since 1983 Nov 30"},
    {"America/Juneau", -9 * 60, true, "AKST", "AKDT", 1987, "Alaska Time (Juneau area); the rules of America/Anchorage since 1983 Nov 30"},
    {"America/Sitka", -9 * 60, true, "AKST", "AKDT", 1987, "Alaska Time (Sitka area); the rules of America/Anchorage since 1983 Nov 30"},
    {"America/Yakutat", -9 * 60, true, "AKST", "AKDT", 1987, "Alaska Time (Yakutat); the rules of America/Anchorage since 1983 Nov 30"},
    {"America/Nome", -9 * 60, true, "AKST", "AKDT", 1987, "Alaska Time (western Alaska); the rules of America/Anchorage since 1983 Nov 30"},
    {"America/Metlakatla", -9 * 60, true, "AKST", "AKDT", 2020,
     "Alaska Time since 2019 Jan 20 (Annette Island); Pacific Standard Time 1983-2015 and 2018 Nov 4-2019 Jan 20"},
    {"America/Adak", -10 * 60, true, "HST", "HDT", 1987, "Hawaii-Aleutian Time with the US daylight-saving rule since 1983 Nov 30"},
    {"Pacific/Honolulu", -10 * 60, false, "HST", "HST", 1987, "Hawaii Standard Time all year"},
    {"Pacific/Johnston", -10 * 60, false, "HST", "HST", 1987, "a link to Pacific/Honolulu (Johnston Atoll): the same rules"},
    {"America/Puerto_Rico", -4 * 60, false, "AST", "AST", 1987, "Atlantic Standard Time all year"},
    {"America/St_Thomas", -4 * 60, false, "AST", "AST", 1987, "a link to America/Puerto_Rico (US Virgin Islands): the same rules"},
    {"Pacific/Guam", 10 * 60, false, "ChST", "ChST", 2001, "Chamorro Standard Time all year; abbreviated GST before 2000 Dec 23"},
    {"Pacific/Saipan", 10 * 60, false, "ChST", "ChST", 2001,
     "a link to Pacific/Guam (Northern Mariana Islands): the same rules; abbreviated GST before 2000 Dec 23"},
    {"Pacific/Pago_Pago", -11 * 60, false, "SST", "SST", 1987, "Samoa Standard Time all year since 1983 Nov 30 (American Samoa)"},
    {"Pacific/Midway", -11 * 60, false, "SST", "SST", 1987, "a link to Pacific/Pago_Pago (Midway Atoll): the same rules"},
    {"Pacific/Wake", 12 * 60, false, "+12", "+12", 1987, "UTC+12 all year (Wake Island; a link to Pacific/Tarawa)"},
    {"UTC", 0, false, "UTC", "UTC", 1987, "Coordinated Universal Time"},
}};

constexpr std::array<std::string_view, kZones.size()> kNames = [] {
  std::array<std::string_view, kZones.size()> names{};
  for (std::size_t i = 0; i < kZones.size(); ++i) names[i] = kZones[i].name;
  return names;
}();

std::string supported_list() {
  std::string list;
  for (auto name : kNames) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

// `describe` builds the offending value's text only when the year is refused.
template <class Describe>
void check_year(const ZoneRules& zone, int year, std::string_view field, Describe describe) {
  if (year < zone.first_year || year > TimeZone::last_supported_year) {
    std::string allowed = "years " + std::to_string(zone.first_year) + ".." + std::to_string(TimeZone::last_supported_year);
    if (zone.first_year > TimeZone::first_supported_year)
      allowed += " in " + std::string(zone.name) + " (" + std::string(zone.same_rules) + ")";
    throw ValidationError(std::string(field), describe(), "is in a year without built-in time-zone rules", allowed);
  }
}

// The n-th Sunday of a month (n = 5 means the last one).
Date nth_sunday(int year, unsigned short month, int n) {
  const Date first(static_cast<unsigned short>(year), month, 1);
  const int to_sunday = (7 - first.day_of_week().as_number()) % 7;
  Date d = first + boost::gregorian::days(to_sunday + 7 * (n - 1));
  if (n == 5) {
    while (d.month() != month) d -= boost::gregorian::days(7);
    while ((d + boost::gregorian::days(7)).month() == month) d += boost::gregorian::days(7);
  }
  return d;
}

const detail::DstEra& era_for(int year) {
  for (const auto& era : detail::kUnitedStatesEras)
    if (year >= era.first_year && year <= era.last_year) return era;
  return detail::kUnitedStatesEras.back();  // unreachable after check_year
}

// Local wall times of the two changes in a year: [start, start + 1h) is
// skipped, [end - 1h, end) is repeated.
struct LocalChanges {
  DateTime start;
  DateTime end;
};

LocalChanges compute_local_changes(int year) {
  const auto& era = era_for(year);
  return {DateTime(nth_sunday(year, era.start_month, era.start_sunday), hours(2)),
          DateTime(nth_sunday(year, era.end_month, era.end_sunday), hours(2))};
}

constexpr std::size_t kSupportedYears =
    static_cast<std::size_t>(TimeZone::last_supported_year - TimeZone::first_supported_year + 1);

// The changes of every supported year, computed once (thread-safe static
// initialisation) and only read afterwards, so a conversion is a table lookup.
const std::array<LocalChanges, kSupportedYears>& change_table() {
  static const auto table = [] {
    std::array<LocalChanges, kSupportedYears> changes{};
    for (std::size_t i = 0; i < kSupportedYears; ++i)
      changes[i] = compute_local_changes(TimeZone::first_supported_year + static_cast<int>(i));
    return changes;
  }();
  return table;
}

// Callers have checked the year with check_year.
const LocalChanges& local_changes(int year) {
  return change_table()[static_cast<std::size_t>(year - TimeZone::first_supported_year)];
}

}  // namespace

TimeZone TimeZone::from_name(std::string_view name, std::string_view field) {
  for (const auto& zone : kZones)
    if (zone.name == name) return TimeZone(&zone);
  throw NotFoundError(std::string(field), iop::quoted(name), "is not a supported time zone",
                      supported_list());
}

std::span<const std::string_view> TimeZone::supported_names() noexcept { return kNames; }

TimeZone TimeZone::utc() noexcept { return TimeZone(&kZones.back()); }

std::string_view TimeZone::name() const noexcept { return rules_->name; }

int TimeZone::first_year() const noexcept { return rules_->first_year; }

std::string_view TimeZone::rules_note() const noexcept { return rules_->same_rules; }

std::span<const DaylightSavingRule> TimeZone::daylight_saving_rules() noexcept { return detail::kUnitedStatesEras; }

std::string_view TimeZone::standard_abbreviation() const noexcept { return rules_->standard_abbreviation; }

std::string_view TimeZone::daylight_abbreviation() const noexcept { return rules_->daylight_abbreviation; }

bool TimeZone::observes_dst() const noexcept { return rules_->observes_dst; }

std::chrono::minutes TimeZone::standard_offset() const noexcept {
  return std::chrono::minutes(rules_->standard_minutes);
}

bool TimeZone::is_dst_at(const DateTime& utc) const {
  const auto standard = minutes(rules_->standard_minutes);
  const int year = (utc + standard).date().year();
  check_year(*rules_, year, "utc_time", [&] { return to_iso_string(utc) + "Z"; });
  if (!rules_->observes_dst) return false;
  const auto& changes = local_changes(year);
  const DateTime utc_start = changes.start - standard;
  const DateTime utc_end = changes.end - standard - hours(1);
  return utc >= utc_start && utc < utc_end;
}

std::chrono::minutes TimeZone::offset_at(const DateTime& utc) const {
  return standard_offset() + std::chrono::minutes(is_dst_at(utc) ? 60 : 0);
}

std::string_view TimeZone::abbreviation_at(const DateTime& utc) const {
  return is_dst_at(utc) ? rules_->daylight_abbreviation : rules_->standard_abbreviation;
}

LocalTimeInfo TimeZone::classify(const DateTime& local) const {
  const int year = local.date().year();
  check_year(*rules_, year, "local_time", [&] { return to_iso_string(local); });
  const auto standard = standard_offset();
  const auto daylight = standard + std::chrono::minutes(60);
  if (!rules_->observes_dst) return {LocalTimeKind::unique, standard, standard};
  const auto& changes = local_changes(year);
  if (local < changes.start) return {LocalTimeKind::unique, standard, standard};
  if (local < changes.start + hours(1)) return {LocalTimeKind::skipped, standard, daylight};
  if (local < changes.end - hours(1)) return {LocalTimeKind::unique, daylight, daylight};
  if (local < changes.end) return {LocalTimeKind::repeated, daylight, standard};
  return {LocalTimeKind::unique, standard, standard};
}

DateTime TimeZone::to_utc(const DateTime& local, Disambiguation choice, std::string_view field) const {
  // Named by the caller's field (a request's `local`, a track's start) rather than classify's own.
  check_year(*rules_, local.date().year(), field, [&] { return to_iso_string(local); });
  const auto info = classify(local);
  if (info.kind != LocalTimeKind::unique && choice == Disambiguation::reject) {
    const bool skipped = info.kind == LocalTimeKind::skipped;
    throw ValidationError(
        std::string(field), to_iso_string(local),
        std::string(skipped ? "does not exist in " : "happens twice in ") + std::string(name()) +
            (skipped ? " (skipped when daylight saving time starts)"
                     : " (repeated when daylight saving time ends)"),
        "a local time that happens exactly once, or Disambiguation earlier or later");
  }
  const auto offset = choice == Disambiguation::later ? info.offset_after : info.offset_before;
  return local - minutes(offset.count());
}

DateTime TimeZone::to_local(const DateTime& utc) const {
  return utc + minutes(offset_at(utc).count());
}

std::vector<OffsetTransition> TimeZone::transitions(int year) const {
  check_year(*rules_, year, "year", [&] { return std::to_string(year); });
  if (!rules_->observes_dst) return {};
  const auto standard = standard_offset();
  const auto daylight = standard + std::chrono::minutes(60);
  const auto& changes = local_changes(year);
  return {{changes.start - minutes(standard.count()), standard, daylight},
          {changes.end - minutes(daylight.count()), daylight, standard}};
}

std::string format_utc_offset(std::chrono::minutes offset) {
  const auto total = offset.count();
  const auto magnitude = total < 0 ? -total : total;
  char text[8];
  text[0] = total < 0 ? '-' : '+';
  text[1] = static_cast<char>('0' + magnitude / 600);
  text[2] = static_cast<char>('0' + (magnitude / 60) % 10);
  text[3] = ':';
  text[4] = static_cast<char>('0' + (magnitude % 60) / 10);
  text[5] = static_cast<char>('0' + magnitude % 10);
  text[6] = '\0';
  return text;
}

}  // namespace iop
