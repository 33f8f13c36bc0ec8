#include "iop/core/time_zone.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/core/date.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/zoned_time.hpp"
#include "core/append_text.hpp"
#include "core/embedded.hpp"

namespace iop {
namespace detail {

// One offset a zone has kept: minutes east of UTC, daylight saving or not, its abbreviation.
struct ZoneType {
  int offset_minutes;
  bool dst;
  std::string abbreviation;
};

// A zone's whole history for local years 1970..2100, from data/time-zones.json (generated from the
// IANA database by scripts/generate_time_zones.py): the type in force before its first transition,
// then each transition's UTC instant and the type in force from it.
struct ZoneRules {
  std::string name;
  std::string note;
  std::vector<ZoneType> types;
  int initial = 0;
  std::vector<std::int64_t> times;  // UTC seconds since 1970-01-01, increasing
  std::vector<int> type_after;      // the type in force from each transition
};

}  // namespace detail

namespace {

using boost::posix_time::minutes;
using detail::ZoneRules;
using detail::ZoneType;

const DateTime kEpoch(Date(1970, 1, 1));

std::int64_t seconds_of(const DateTime& t) { return (t - kEpoch).total_seconds(); }
DateTime time_of(std::int64_t seconds) {
  return kEpoch + boost::posix_time::seconds(static_cast<long>(seconds));
}

struct ZoneTable {
  std::string version;
  std::vector<ZoneRules> zones;
  std::vector<std::string_view> names;
};

ZoneTable read_table() {
  const auto document = parse_json(detail::time_zones_json(), "data/time-zones.json");
  const JsonReader root(document, "time_zones");
  root.expect_only({"description", "tzdata_version", "tzdata_package", "first_year", "last_year", "evidence", "zones"});
  if (root.at("first_year").as_int(0, 9999) != TimeZone::first_supported_year ||
      root.at("last_year").as_int(0, 9999) != TimeZone::last_supported_year)
    throw ValidationError(root.path(), "", "covers other years than iop converts", "1970..2100");
  ZoneTable table;
  table.version = root.at("tzdata_version").as_string();
  const auto zones = root.at("zones");
  table.zones.reserve(zones.array_size());
  for (std::size_t i = 0; i < zones.array_size(); ++i) {
    const auto z = zones.at(i);
    z.expect_only({"name", "link_to", "history", "types", "initial", "transitions"});
    ZoneRules rules;
    rules.name = z.at("name").as_string();
    const auto link = z.at("link_to").as_string();
    rules.note = (link.empty() ? "" : "a link to " + link + ": ") + z.at("history").as_string() + " (IANA tzdata " +
                 table.version + ")";
    const auto types = z.at("types");
    for (std::size_t k = 0; k < types.array_size(); ++k) {
      const auto t = types.at(k);
      const auto offset = t.at(0).as_int(-14 * 3600, 14 * 3600);
      if (offset % 60 != 0) throw ValidationError(t.path(), std::to_string(offset), "is not whole minutes", "minutes");
      rules.types.push_back({static_cast<int>(offset / 60), t.at(1).as_bool(), t.at(2).as_string()});
    }
    const auto count = static_cast<std::int64_t>(rules.types.size());
    rules.initial = static_cast<int>(z.at("initial").as_int(0, count - 1));
    const auto transitions = z.at("transitions");
    for (std::size_t k = 0; k < transitions.array_size(); ++k) {
      const auto t = transitions.at(k);
      rules.times.push_back(t.at(0).as_int(-(std::int64_t{1} << 40), std::int64_t{1} << 40));
      rules.type_after.push_back(static_cast<int>(t.at(1).as_int(0, count - 1)));
      if (k > 0 && rules.times[k] <= rules.times[k - 1])
        throw ValidationError(t.path(), std::to_string(rules.times[k]), "is not after the previous transition", "increasing");
    }
    table.zones.push_back(std::move(rules));
  }
  for (const auto& z : table.zones) table.names.push_back(z.name);
  return table;
}

// Read once (thread-safe static initialisation), then only read.
const ZoneTable& table() {
  static const ZoneTable t = read_table();
  return t;
}

std::string supported_list() {
  std::string list;
  for (auto name : table().names) list += (list.empty() ? "" : ", ") + std::string(name);
  return list;
}

// Regime r is the span before transition r (r = 0: before the first), in force from transition r - 1.
const ZoneType& regime_type(const ZoneRules& z, std::size_t r) {
  return z.types[static_cast<std::size_t>(r == 0 ? z.initial : z.type_after[r - 1])];
}
std::size_t regime_at(const ZoneRules& z, std::int64_t utc) {
  return static_cast<std::size_t>(std::upper_bound(z.times.begin(), z.times.end(), utc) - z.times.begin());
}
const ZoneType& type_at(const ZoneRules& z, std::int64_t utc) { return regime_type(z, regime_at(z, utc)); }

// `describe` builds the offending value's text only when the year is refused.
template <class Describe>
[[noreturn]] void refuse_year(std::string_view field, Describe describe) {
  throw ValidationError(std::string(field), describe(), "is in a year without built-in time-zone rules",
                        "years " + std::to_string(TimeZone::first_supported_year) + ".." +
                            std::to_string(TimeZone::last_supported_year));
}

template <class Describe>
void check_year(int year, std::string_view field, Describe describe) {
  if (year < TimeZone::first_supported_year || year > TimeZone::last_supported_year) refuse_year(field, describe);
}

// The same check on a local date and time, without working out its calendar year (a calendar
// converts two times a session): within the supported years is within these instants.
template <class Describe>
void check_local_year(const DateTime& local, std::string_view field, Describe describe) {
  static const DateTime first(Date(TimeZone::first_supported_year, 1, 1));
  static const DateTime past_last(Date(TimeZone::last_supported_year + 1, 1, 1));
  if (local.is_special() || local < first || local >= past_last) refuse_year(field, describe);
}

// The types in force during the last supported year: what the zone keeps now.
std::vector<const ZoneType*> current_types(const ZoneRules& z) {
  const auto first = seconds_of(DateTime(Date(TimeZone::last_supported_year, 1, 1)));
  std::vector<const ZoneType*> out{&type_at(z, first)};
  for (std::size_t k = regime_at(z, first); k < z.times.size(); ++k) out.push_back(&z.types[static_cast<std::size_t>(z.type_after[k])]);
  return out;
}

const ZoneType& current_standard(const ZoneRules& z) {
  for (const auto* t : current_types(z))
    if (!t->dst) return *t;
  return *current_types(z).front();
}

}  // namespace

TimeZone TimeZone::from_name(std::string_view name, std::string_view field) {
  for (const auto& zone : table().zones)
    if (zone.name == name) return TimeZone(&zone);
  throw NotFoundError(std::string(field), iop::quoted(name), "is not a supported time zone", supported_list());
}

std::span<const std::string_view> TimeZone::supported_names() noexcept { return table().names; }

TimeZone TimeZone::utc() noexcept {
  static const detail::ZoneRules* const utc_rules = [] {
    for (const auto& zone : table().zones)
      if (zone.name == "UTC") return &zone;
    return &table().zones.back();
  }();
  return TimeZone(utc_rules);
}

std::string_view TimeZone::name() const noexcept { return rules_->name; }

int TimeZone::first_year() const noexcept { return first_supported_year; }

std::string_view TimeZone::rules_note() const noexcept { return rules_->note; }

std::string_view TimeZone::tzdata_version() noexcept { return table().version; }

bool TimeZone::observes_dst() const noexcept {
  const auto types = current_types(*rules_);
  return std::any_of(types.begin(), types.end(), [](const ZoneType* t) { return t->dst; });
}

std::chrono::minutes TimeZone::standard_offset() const noexcept {
  return std::chrono::minutes(current_standard(*rules_).offset_minutes);
}

std::string_view TimeZone::standard_abbreviation() const noexcept { return current_standard(*rules_).abbreviation; }

std::string_view TimeZone::daylight_abbreviation() const noexcept {
  for (const auto* t : current_types(*rules_))
    if (t->dst) return t->abbreviation;
  return current_standard(*rules_).abbreviation;
}

std::chrono::minutes TimeZone::offset_at(const DateTime& utc) const { return offset_and_dst_at(utc).offset; }

bool TimeZone::is_dst_at(const DateTime& utc) const { return offset_and_dst_at(utc).dst; }

OffsetAtInstant TimeZone::offset_and_dst_at(const DateTime& utc) const {
  const auto& type = type_at(*rules_, seconds_of(utc));
  // The year of the instant's local time, without working out its calendar date.
  check_local_year(utc + minutes(type.offset_minutes), "utc_time", [&] { return to_iso_string(utc) + "Z"; });
  return {std::chrono::minutes(type.offset_minutes), type.dst};
}

std::string_view TimeZone::abbreviation_at(const DateTime& utc) const {
  return type_at(*rules_, seconds_of(utc)).abbreviation;
}

LocalTimeInfo TimeZone::classify(const DateTime& local) const {
  check_local_year(local, "local_time", [&] { return to_iso_string(local); });
  const auto& z = *rules_;
  const std::int64_t wall = seconds_of(local);
  // Offsets are within a day of UTC: only the regimes around `wall` can hold it.
  const std::size_t lo = regime_at(z, wall - 86400);
  const std::size_t hi = regime_at(z, wall + 86400);
  auto offset = [&](std::size_t r) { return std::int64_t{regime_type(z, r).offset_minutes} * 60; };
  auto holds = [&](std::size_t r) {
    const std::int64_t utc = wall - offset(r);
    return (r == 0 || utc >= z.times[r - 1]) && (r == z.times.size() || utc < z.times[r]);
  };
  // The first and last regimes that hold it (no list: a calendar classifies two times a session).
  std::size_t found = 0;
  std::size_t first = 0;
  std::size_t last = 0;
  for (std::size_t r = lo; r <= hi; ++r)
    if (holds(r)) {
      if (found++ == 0) first = r;
      last = r;
    }
  auto as_minutes = [&](std::size_t r) { return std::chrono::minutes(regime_type(z, r).offset_minutes); };
  if (found == 1) return {LocalTimeKind::unique, as_minutes(first), as_minutes(first)};
  if (found > 1) return {LocalTimeKind::repeated, as_minutes(first), as_minutes(last)};
  // In no regime: the wall time falls in the gap a change skips.
  for (std::size_t r = lo; r < hi; ++r)
    if (wall - offset(r) >= z.times[r] && wall - offset(r + 1) < z.times[r])
      return {LocalTimeKind::skipped, as_minutes(r), as_minutes(r + 1)};
  return {LocalTimeKind::skipped, as_minutes(lo), as_minutes(hi)};  // unreachable with increasing transitions
}

DateTime TimeZone::to_utc(const DateTime& local, Disambiguation choice, std::string_view field) const {
  // Named by the caller's field (a request's `local`, a track's start) rather than classify's own.
  check_local_year(local, field, [&] { return to_iso_string(local); });
  const auto info = classify(local);
  if (info.kind != LocalTimeKind::unique && choice == Disambiguation::reject) {
    const bool skipped = info.kind == LocalTimeKind::skipped;
    // The types on either side of the change: a daylight-saving change says so, another change of offset
    // (a county moving to another zone) is named as such.
    const std::int64_t wall = seconds_of(local);
    const auto& first = type_at(*rules_, wall - std::int64_t{(skipped ? info.offset_after : info.offset_before).count()} * 60);
    const auto& second = type_at(*rules_, wall - std::int64_t{(skipped ? info.offset_before : info.offset_after).count()} * 60);
    const bool dst_change = skipped ? (!first.dst && second.dst) : (first.dst && !second.dst);
    const std::string why = dst_change ? (skipped ? " (skipped when daylight saving time starts)"
                                                  : " (repeated when daylight saving time ends)")
                                       : (skipped ? " (skipped when the zone's offset moves forward)"
                                                  : " (repeated when the zone's offset moves back)");
    throw ValidationError(std::string(field), to_iso_string(local),
                          std::string(skipped ? "does not exist in " : "happens twice in ") + std::string(name()) + why,
                          "a local time that happens exactly once, or Disambiguation earlier or later");
  }
  const auto offset = choice == Disambiguation::later ? info.offset_after : info.offset_before;
  return local - minutes(offset.count());
}

DateTime TimeZone::to_local(const DateTime& utc) const { return utc + minutes(offset_at(utc).count()); }

std::vector<OffsetTransition> TimeZone::transitions(int year) const {
  check_year(year, "year", [&] { return std::to_string(year); });
  const auto& z = *rules_;
  std::vector<OffsetTransition> out;
  for (std::size_t k = 0; k < z.times.size(); ++k) {
    const auto before = regime_type(z, k).offset_minutes;
    const auto after = regime_type(z, k + 1).offset_minutes;
    if (before == after) continue;  // a new abbreviation only
    const DateTime utc = time_of(z.times[k]);
    if ((utc + minutes(before)).date().year() != year) continue;
    out.push_back({utc, std::chrono::minutes(before), std::chrono::minutes(after)});
  }
  return out;
}

std::vector<ZoneChange> TimeZone::changes_between(int from_year, int to_year) const {
  const auto& z = *rules_;
  std::vector<ZoneChange> out;
  for (std::size_t k = 0; k < z.times.size(); ++k) {
    const auto& before = regime_type(z, k);
    const auto& after = regime_type(z, k + 1);
    const DateTime utc = time_of(z.times[k]);
    const int year = (utc + minutes(before.offset_minutes)).date().year();
    if (year < from_year || year > to_year) continue;
    out.push_back({utc, std::chrono::minutes(before.offset_minutes), std::chrono::minutes(after.offset_minutes),
                   after.dst, after.abbreviation});
  }
  return out;
}

ZoneChange TimeZone::in_force_at(const DateTime& utc) const {
  const auto& t = type_at(*rules_, seconds_of(utc));
  return {utc, std::chrono::minutes(t.offset_minutes), std::chrono::minutes(t.offset_minutes), t.dst, t.abbreviation};
}

char* detail::write_utc_offset(char* to, std::chrono::minutes offset) {
  const auto total = offset.count();
  const auto magnitude = total < 0 ? -total : total;
  *to++ = total < 0 ? '-' : '+';
  *to++ = static_cast<char>('0' + magnitude / 600);
  *to++ = static_cast<char>('0' + (magnitude / 60) % 10);
  *to++ = ':';
  *to++ = static_cast<char>('0' + (magnitude % 60) / 10);
  *to++ = static_cast<char>('0' + magnitude % 10);
  return to;
}

void detail::append_utc_offset(std::string& out, std::chrono::minutes offset) {
  char text[6];
  out.append(text, write_utc_offset(text, offset));
}

std::string format_utc_offset(std::chrono::minutes offset) {
  std::string out;
  detail::append_utc_offset(out, offset);
  return out;
}

}  // namespace iop
