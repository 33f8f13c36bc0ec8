#include "iop/io/calendar_export.hpp"

#include <cstdint>
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"
#include "iop/io/csv.hpp"
#include "iop/io/fhir.hpp"
#include "iop/version.hpp"

namespace iop {
namespace {

using nlohmann::json;

// Appends @p value with at least @p width digits (values are never negative here).
void append_padded(std::string& out, long value, std::size_t width) {
  const std::string digits = std::to_string(value);
  if (digits.size() < width) out.append(width - digits.size(), '0');
  out += digits;
}

// 20260629T180000
std::string ical_date_time(const DateTime& t) {
  const auto d = t.date().year_month_day();
  const auto time = t.time_of_day();
  std::string text;
  text.reserve(15);
  append_padded(text, static_cast<long>(d.year), 4);
  append_padded(text, static_cast<long>(d.month), 2);
  append_padded(text, static_cast<long>(d.day), 2);
  text += 'T';
  append_padded(text, static_cast<long>(time.hours()), 2);
  append_padded(text, static_cast<long>(time.minutes()), 2);
  append_padded(text, static_cast<long>(time.seconds()), 2);
  return text;
}

// 20260629
std::string compact_date(Date d) { return ical_date_time(DateTime(d)).substr(0, 8); }

// -0800
std::string ical_offset(std::chrono::minutes offset) {
  std::string text = format_utc_offset(offset);
  text.erase(3, 1);
  return text;
}

void line(std::string& out, std::string_view content) { out += fold_content_line(content); }

// One change of a zone as a VTIMEZONE observance sees it: the wall time it happens at (in the offset before it),
// and the yearly rule it would follow (month, weekday, which one in the month: -1 for the last week).
struct Occurrence {
  DateTime wall;
  ZoneChange change;
};

struct ObservanceRule {
  bool daylight;
  int month;
  int weekday;
  int week;
  std::int64_t seconds_of_day;
  std::int64_t from;
  std::int64_t to;
  std::string name;
  friend bool operator==(const ObservanceRule&, const ObservanceRule&) = default;
};

ObservanceRule rule_of(const Occurrence& o) {
  const Date day = o.wall.date();
  const int dom = day.day();
  const int length = boost::gregorian::gregorian_calendar::end_of_month_day(day.year(), day.month());
  return {o.change.dst_after,
          day.month().as_number(),
          day.day_of_week().as_number(),
          dom + 7 > length ? -1 : (dom - 1) / 7 + 1,
          o.wall.time_of_day().total_seconds(),
          o.change.offset_before.count(),
          o.change.offset_after.count(),
          o.change.abbreviation_after};
}

// Changes that follow one yearly rule in consecutive years.
struct Run {
  ObservanceRule rule;
  std::vector<Occurrence> occurrences;
};

std::vector<Run> runs_of(const TimeZone& zone) {
  std::vector<Run> runs;
  for (const auto& c : zone.changes_between(TimeZone::first_supported_year, TimeZone::last_supported_year)) {
    const Occurrence o{c.utc + boost::posix_time::minutes(c.offset_before.count()), c};
    const auto rule = rule_of(o);
    auto open = std::find_if(runs.rbegin(), runs.rend(), [&](const Run& r) { return r.rule == rule; });
    if (open != runs.rend() && open->occurrences.back().wall.date().year() + 1 == o.wall.date().year())
      open->occurrences.push_back(o);
    else
      runs.push_back({rule, {o}});
  }
  return runs;
}

const char* weekday_code(int weekday) {
  static const char* const codes[] = {"SU", "MO", "TU", "WE", "TH", "FR", "SA"};
  return codes[weekday];
}

void observance(std::string& out, const Run& run, bool open_ended) {
  const auto& first = run.occurrences.front();
  const char* kind = run.rule.daylight ? "DAYLIGHT" : "STANDARD";
  line(out, std::string("BEGIN:") + kind);
  line(out, "DTSTART:" + ical_date_time(first.wall));
  if (run.occurrences.size() > 1) {
    std::string rrule = "RRULE:FREQ=YEARLY;BYMONTH=" + std::to_string(run.rule.month) + ";BYDAY=" +
                        std::to_string(run.rule.week) + weekday_code(run.rule.weekday);
    if (!open_ended) rrule += ";UNTIL=" + ical_date_time(run.occurrences.back().change.utc) + "Z";
    line(out, rrule);
  }
  line(out, "TZOFFSETFROM:" + ical_offset(first.change.offset_before));
  line(out, "TZOFFSETTO:" + ical_offset(first.change.offset_after));
  line(out, "TZNAME:" + run.rule.name);
  line(out, std::string("END:") + kind);
}

// VTIMEZONE from the zone's IANA history (data/time-zones.json): one observance per run of changes that follow
// one yearly rule (with RRULE, bounded by UNTIL unless it runs to 2100) and one per irregular change, for the
// runs in force during the calendar's years [from_year, to_year] and the one in force as they begin.
void vtimezone(std::string& out, const TimeZone& zone, int from_year, int to_year) {
  line(out, "BEGIN:VTIMEZONE");
  line(out, "TZID:" + std::string(zone.name()));
  const auto runs = runs_of(zone);
  const DateTime span_start(Date(static_cast<unsigned short>(from_year), 1, 1));
  const DateTime span_end(Date(static_cast<unsigned short>(to_year + 1), 1, 1));
  // The run of the last change before the span: it sets the offset the span begins in.
  const Run* in_force = nullptr;
  DateTime latest;
  for (const auto& r : runs)
    for (const auto& o : r.occurrences)
      if (o.wall < span_start && (!in_force || o.wall > latest)) {
        in_force = &r;
        latest = o.wall;
      }
  if (!in_force) {
    // No change before the calendar's years: the type of 1970 holds from then until the first change.
    const auto type = zone.in_force_at(DateTime(Date(1970, 1, 1)));
    const char* kind = type.dst_after ? "DAYLIGHT" : "STANDARD";
    line(out, std::string("BEGIN:") + kind);
    line(out, "DTSTART:19700101T000000");
    line(out, "TZOFFSETFROM:" + ical_offset(type.offset_after));
    line(out, "TZOFFSETTO:" + ical_offset(type.offset_after));
    line(out, "TZNAME:" + type.abbreviation_after);
    line(out, std::string("END:") + kind);
  }
  const int last_change_year = runs.empty() ? 0 : TimeZone::last_supported_year;
  for (const auto& r : runs) {
    const bool overlaps = r.occurrences.back().wall >= span_start && r.occurrences.front().wall < span_end;
    if (!overlaps && &r != in_force) continue;
    observance(out, r, r.occurrences.size() > 1 && r.occurrences.back().wall.date().year() == last_change_year);
  }
  line(out, "END:VTIMEZONE");
}

std::string blocks_text(const Session& s) {
  std::string text;
  for (const auto& b : s.blocks)
    text += (text.empty() ? "" : ", ") + std::string(modality_info(b.modality).name) + " " + std::to_string(b.minutes) +
            " min (" + b.billing_code + ")";
  return text;
}

std::string summary_of(const SessionCalendar& cal, const Session& s) {
  switch (s.kind) {
    case SessionKind::program_day: return cal.program_name + ": " + s.track + " track";
    case SessionKind::individual_therapy: return cal.program_name + ": individual therapy";
    case SessionKind::medication_management: return cal.program_name + ": medication management";
  }
  return cal.program_name;
}

std::string_view appointment_status(AttendanceStatus status) {
  switch (status) {
    case AttendanceStatus::scheduled: return "booked";
    case AttendanceStatus::attended:
    case AttendanceStatus::made_up: return "fulfilled";
    case AttendanceStatus::missed: return "noshow";
    case AttendanceStatus::cancelled_by_clinic: return "cancelled";
  }
  return "booked";
}

std::string fhir_id(std::string_view text) {
  std::string id;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    id += ok ? c : '-';
  }
  if (id.size() > 64) id = id.substr(id.size() - 64);
  return id.empty() ? "unnamed" : id;
}

}  // namespace

std::string fold_content_line(std::string_view content) {
  std::string out;
  std::size_t width = 0;  // octets on the current physical line
  for (std::size_t i = 0; i < content.size(); ++i) {
    const auto byte = static_cast<unsigned char>(content[i]);
    const bool starts_character = (byte & 0xC0) != 0x80;
    // Count the whole UTF-8 character before deciding whether it fits.
    std::size_t length = 1;
    if (starts_character) {
      if (byte >= 0xF0) length = 4;
      else if (byte >= 0xE0) length = 3;
      else if (byte >= 0xC0) length = 2;
      if (width + length > 75) {
        out += "\r\n ";
        width = 1;
      }
    }
    out += content[i];
    ++width;
  }
  return out + "\r\n";
}

std::string escape_ical_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        // CRLF and a lone CR are one line break each.
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\t': out += c; break;
      default:
        // Other control characters have no TEXT form (RFC 5545 section 3.3.11 allows
        // none): the loaders refuse them, and a value built in code gets U+FFFD.
        if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::string to_icalendar(const SessionCalendar& cal, std::optional<DateTime> stamp) {
  const DateTime dtstamp = stamp ? *stamp : DateTime(cal.start_date);
  std::string out;
  line(out, "BEGIN:VCALENDAR");
  line(out, std::string("PRODID:-//iop//iop ") + version_string + "//EN");
  line(out, "VERSION:2.0");
  line(out, "CALSCALE:GREGORIAN");
  line(out, "X-WR-CALNAME:" + escape_ical_text(cal.program_name + " sessions (" + cal.plan_id + ")"));
  // Each zone with the years its sessions fall in (their local years, 1970..2100).
  std::map<std::string, std::pair<TimeZone, std::pair<int, int>>> zones;
  for (const auto& s : cal.sessions) {
    const int year = s.start.local().date().year();
    auto [it, added] = zones.try_emplace(std::string(s.start.zone().name()), s.start.zone(), std::pair{year, year});
    auto& span = it->second.second;
    const int end_year = s.end.local().date().year();
    span = {std::min(span.first, year), std::max(span.second, std::max(year, end_year))};
  }
  for (const auto& [name, zone] : zones) vtimezone(out, zone.first, zone.second.first, zone.second.second);
  for (const auto& s : cal.sessions) {
    const std::string tzid = std::string(s.start.zone().name());
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + escape_ical_text(s.uid) + "@iop");
    line(out, "DTSTAMP:" + ical_date_time(dtstamp) + "Z");
    line(out, "DTSTART;TZID=" + tzid + ":" + ical_date_time(s.start.local()));
    line(out, "DTEND;TZID=" + tzid + ":" + ical_date_time(s.end.local()));
    line(out, "SUMMARY:" + escape_ical_text(summary_of(cal, s)));
    line(out, "LOCATION:" + escape_ical_text(cal.location));
    std::string description = blocks_text(s) + "\nAttendance: " + std::string(to_string(s.status));
    if (!s.note.empty()) description += "\n" + s.note;
    line(out, "DESCRIPTION:" + escape_ical_text(description));
    line(out, std::string("STATUS:") + (s.status == AttendanceStatus::cancelled_by_clinic ? "CANCELLED" : "CONFIRMED"));
    line(out, "CATEGORIES:IOP," + std::string(to_string(s.kind)));
    line(out, "END:VEVENT");
  }
  // Reminders (a payer's concurrent review due) are all-day events (a DATE value takes no TZID).
  for (const auto& e : cal.events) {
    if (e.kind != CalendarEvent::Kind::review) continue;
    const std::string day = compact_date(e.date);
    line(out, "BEGIN:VEVENT");
    line(out, "UID:" + cal.plan_id + "-review-" + day + "@iop");
    line(out, "DTSTAMP:" + ical_date_time(dtstamp) + "Z");
    line(out, "DTSTART;VALUE=DATE:" + day);
    line(out, "DTEND;VALUE=DATE:" + compact_date(e.date + boost::gregorian::days(1)));
    line(out, "SUMMARY:" + escape_ical_text(cal.program_name + ": review due"));
    line(out, "DESCRIPTION:" + escape_ical_text(e.note));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "CATEGORIES:IOP,review");
    line(out, "END:VEVENT");
  }
  line(out, "END:VCALENDAR");
  return out;
}

json calendar_to_fhir(const SessionCalendar& cal) {
  json entries = json::array();
  const std::string base = "iop/calendar/" + cal.plan_id;
  const json patient{{"reference", "Patient/" + fhir_id(cal.patient_id)}};
  std::map<std::string, std::string> schedule_urls;
  std::map<std::string, std::pair<Date, Date>> horizons;
  for (const auto& s : cal.sessions) {
    auto& h = horizons.try_emplace(s.track, s.date, s.date).first->second;
    h.first = std::min(h.first, s.date);
    h.second = std::max(h.second, s.date);
  }
  for (const auto& [track, horizon] : horizons) {
    const std::string url = "urn:uuid:" + name_based_uuid(base + "/schedule/" + track);
    schedule_urls[track] = url;
    entries.push_back({{"fullUrl", url},
                       {"resource",
                        {{"resourceType", "Schedule"},
                         {"id", fhir_id(cal.plan_id + "-schedule-" + track)},
                         {"active", true},
                         {"actor", {{{"display", cal.program_name + ", " + track + " track"}}}},
                         {"planningHorizon",
                          {{"start", to_iso_string(horizon.first)}, {"end", to_iso_string(horizon.second)}}},
                         {"comment", "Sessions of plan " + cal.plan_id}}}});
  }
  for (const auto& s : cal.sessions) {
    const std::string slot_url = "urn:uuid:" + name_based_uuid(base + "/slot/" + s.uid);
    entries.push_back({{"fullUrl", slot_url},
                       {"resource",
                        {{"resourceType", "Slot"},
                         {"id", fhir_id(s.uid + "-slot")},
                         {"schedule", {{"reference", schedule_urls[s.track]}}},
                         {"status", "busy"},
                         {"start", s.start.to_rfc3339()},
                         {"end", s.end.to_rfc3339()}}}});
    json appointment{{"resourceType", "Appointment"},
                     {"id", fhir_id(s.uid)},
                     {"status", appointment_status(s.status)},
                     {"description", summary_of(cal, s) + ": " + blocks_text(s)},
                     {"start", s.start.to_rfc3339()},
                     {"end", s.end.to_rfc3339()},
                     {"minutesDuration", s.minutes()},
                     {"slot", {{{"reference", slot_url}}}},
                     {"participant", {{{"actor", patient}, {"status", "accepted"}}}}};
    if (!s.note.empty()) appointment["comment"] = s.note;
    if (s.status == AttendanceStatus::cancelled_by_clinic)
      appointment["cancelationReason"] = {{"coding", {{{"system", "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason"},
                                                       {"code", "prov"}, {"display", "Provider"}}}}};
    entries.push_back({{"fullUrl", "urn:uuid:" + name_based_uuid(base + "/appointment/" + s.uid)},
                       {"resource", std::move(appointment)}});
  }
  return {{"resourceType", "Bundle"}, {"id", fhir_id(cal.plan_id + "-calendar")}, {"type", "collection"}, {"entry", entries}};
}

std::string to_csv(const SessionCalendar& cal) {
  std::string out = "uid,kind,date,week,track,local_start,local_end,zone,utc_start,utc_end,minutes,status,blocks,codes,note\r\n";
  for (const auto& s : cal.sessions) {
    std::string modalities;
    std::string codes;
    for (const auto& b : s.blocks) {
      // Appended piece by piece (GCC 12 -Wrestrict false positive on literal + std::string&&).
      if (!modalities.empty()) modalities += ';';
      modalities += to_string(b.modality);
      if (!codes.empty()) codes += ';';
      codes += b.billing_code;
    }
    const std::string fields[] = {s.uid,
                                  std::string(to_string(s.kind)),
                                  to_iso_string(s.date),
                                  std::to_string(s.week),
                                  s.track,
                                  to_iso_string(s.start.local()),
                                  to_iso_string(s.end.local()),
                                  std::string(s.start.zone().name()),
                                  s.start.utc_string(),
                                  s.end.utc_string(),
                                  std::to_string(s.minutes()),
                                  std::string(to_string(s.status)),
                                  modalities,
                                  codes,
                                  s.note};
    // Ids, tracks and notes come from the input: written as text cells.
    const bool text[] = {true, false, false, false, true, false, false, false, false, false, false, false, false, true, true};
    for (std::size_t i = 0; i < std::size(fields); ++i)
      out.append(i ? "," : "").append(text[i] ? csv_text(fields[i]) : csv_value(fields[i]));
    out += "\r\n";
  }
  return out;
}

}  // namespace iop
