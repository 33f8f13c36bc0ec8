#include "iop/calendar/session_calendar.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "calendar/closures_text.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

using boost::date_time::weekdays;
using boost::gregorian::days;
using nlohmann::json;
using detail::enum_name;
using detail::parse_enum;

constexpr std::array<std::pair<HolidayPolicy, std::string_view>, 3> kPolicies{{
    {HolidayPolicy::skip, "skip"}, {HolidayPolicy::make_up_same_week, "make_up_same_week"}, {HolidayPolicy::extend, "extend"}}};
constexpr std::array<std::pair<SessionKind, std::string_view>, 3> kKinds{{
    {SessionKind::program_day, "program_day"},
    {SessionKind::individual_therapy, "individual_therapy"},
    {SessionKind::medication_management, "medication_management"}}};
constexpr std::array<std::pair<AttendanceStatus, std::string_view>, 5> kStatuses{{
    {AttendanceStatus::scheduled, "scheduled"},
    {AttendanceStatus::attended, "attended"},
    {AttendanceStatus::missed, "missed"},
    {AttendanceStatus::cancelled_by_clinic, "cancelled_by_clinic"},
    {AttendanceStatus::made_up, "made_up"}}};
constexpr std::array<std::pair<CalendarEvent::Kind, std::string_view>, 7> kEventKinds{{
    {CalendarEvent::Kind::attendance, "attendance"},
    {CalendarEvent::Kind::reschedule, "reschedule"},
    {CalendarEvent::Kind::change_track, "change_track"},
    {CalendarEvent::Kind::change_weekdays, "change_weekdays"},
    {CalendarEvent::Kind::discharge, "discharge"},
    {CalendarEvent::Kind::extend, "extend"},
    {CalendarEvent::Kind::review, "review"}}};

}  // namespace

std::string_view to_string(HolidayPolicy policy) noexcept { return enum_name(kPolicies, policy); }
HolidayPolicy parse_holiday_policy(std::string_view text, std::string_view field) {
  return parse_enum(kPolicies, text, field, "a holiday policy");
}
std::string_view to_string(SessionKind kind) noexcept { return enum_name(kKinds, kind); }
SessionKind parse_session_kind(std::string_view text, std::string_view field) {
  return parse_enum(kKinds, text, field, "a session kind");
}
std::string_view to_string(AttendanceStatus status) noexcept { return enum_name(kStatuses, status); }
AttendanceStatus parse_attendance_status(std::string_view text, std::string_view field) {
  return parse_enum(kStatuses, text, field, "an attendance status");
}
std::string_view to_string(CalendarEvent::Kind kind) noexcept { return enum_name(kEventKinds, kind); }

int Session::minutes() const noexcept {
  int total = 0;
  for (const auto& b : blocks) total += b.minutes;
  return total;
}

std::string CalendarGap::describe() const {
  return (causes.empty() ? to_iso_string(date) : closures_text(causes)) + ": " + resolution;
}

std::vector<weekdays> default_weekdays(int count) {
  using namespace boost::date_time;
  switch (count) {
    case 1: return {Wednesday};
    case 2: return {Tuesday, Thursday};
    case 3: return {Monday, Wednesday, Friday};
    case 4: return {Monday, Tuesday, Thursday, Friday};
    case 5: return {Monday, Tuesday, Wednesday, Thursday, Friday};
    case 6: return {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday};
    case 7: return {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    default: break;
  }
  throw ValidationError("days_per_week", std::to_string(count), "is not a number of days a week", "1..7");
}

std::vector<WeekSummary> weekly_hours(const SessionCalendar& cal) {
  const auto bounds = weekly_hours_bounds(cal.level_of_care, cal.age_group);
  int last_week = cal.weeks - 1;
  if (cal.discharged_on) last_week = std::min(last_week, static_cast<int>((*cal.discharged_on - cal.start_date).days() / 7));
  std::vector<WeekSummary> out;
  for (int w = 0; w <= last_week; ++w) {
    WeekSummary s{w, cal.start_date + days(7 * w), cal.start_date + days(7 * w + 6), 0, 0, 0, false, true, {}, ""};
    std::vector<Date> days_seen;
    for (const auto& session : cal.sessions) {
      if (session.week != w) continue;
      if (session.status == AttendanceStatus::cancelled_by_clinic) {
        s.causes.push_back(to_iso_string(session.date) + " " + std::string(to_string(session.kind)) +
                           " cancelled by the clinic");
        continue;
      }
      ++s.sessions;
      s.scheduled_minutes += session.minutes();
      if (counts_as_attended(session.status)) s.attended_minutes += session.minutes();
    }
    for (const auto& gap : cal.gaps)
      if (gap.week == w && gap.resolution.rfind("moved to", 0) != 0) s.causes.push_back(gap.describe());
    for (const auto& e : cal.events)
      if (e.kind == CalendarEvent::Kind::change_weekdays && e.date >= s.first_day && e.date <= s.last_day)
        s.causes.push_back(to_iso_string(e.date) + " weekdays changed");
    if (cal.discharged_on && *cal.discharged_on >= s.first_day && *cal.discharged_on < s.last_day)
      s.causes.push_back("discharged on " + to_iso_string(*cal.discharged_on));
    for (const auto& session : cal.sessions)
      if (session.week == w && !session.phase.empty() && s.phase.empty()) s.phase = session.phase;
    s.tapered = cal.tapered_from_week >= 0 && w >= cal.tapered_from_week;
    if (s.tapered && cal.taper)
      s.causes.push_back("tapered week: " + std::to_string(cal.taper->days_per_week) + " days");
    s.within_bounds = bounds.contains(s.scheduled_minutes);
    out.push_back(std::move(s));
  }
  return out;
}

CalendarTotals calendar_totals(const SessionCalendar& cal) {
  CalendarTotals t{};
  std::map<Date, int> services;
  std::map<Date, bool> attended_day;
  for (const auto& s : cal.sessions) {
    if (s.status == AttendanceStatus::cancelled_by_clinic) continue;
    ++t.sessions;
    t.scheduled_minutes += s.minutes();
    if (counts_as_attended(s.status)) t.attended_minutes += s.minutes();
    services[s.date] += s.kind == SessionKind::program_day ? static_cast<int>(s.blocks.size()) : 1;
    if (s.kind == SessionKind::program_day) {
      ++t.program_days;
      if (counts_as_attended(s.status)) attended_day[s.date] = true;
    }
  }
  t.billable_days = static_cast<int>(attended_day.size());
  for (const auto& [date, count] : services) {
    if (count < 3) ++t.days_with_fewer_than_3_services;
    else if (count == 3) ++t.days_with_3_services;
    else ++t.days_with_4_or_more_services;
  }
  return t;
}

std::vector<CalendarEvent> events_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  std::vector<CalendarEvent> out;
  for (std::size_t i = 0; i < in.array_size(limits::max_long_list); ++i) {
    const auto e = in.at(i);
    e.expect_only(decl::event::members);
    const auto kind_field = e.at(decl::event::kind);
    CalendarEvent ev;
    ev.kind = parse_enum(kEventKinds, kind_field.as_string(), kind_field.path(), "an event kind");
    ev.date = e.at(decl::event::date).as_date();
    if (auto v = e.find(decl::event::session)) ev.session_kind = parse_session_kind(v->as_string(), v->path());
    if (auto v = e.find(decl::event::status)) ev.status = parse_attendance_status(v->as_string(), v->path());
    if (auto v = e.find(decl::event::new_date)) ev.new_date = v->as_date();
    if (auto v = e.find(decl::event::new_start)) ev.new_start = TimeOfDay::parse(v->as_string(), v->path());
    if (auto v = e.find(decl::event::track)) ev.track = v->as_identifier(decl::event::track);
    if (auto v = e.find(decl::event::weekdays))
      for (std::size_t k = 0; k < v->array_size(decl::event::weekdays); ++k)
        ev.weekdays.push_back(parse_weekday(v->at(k).as_string(), v->at(k).path()));
    if (auto v = e.find(decl::event::weeks)) ev.weeks = static_cast<int>(v->as_int(decl::event::weeks));
    if (auto v = e.find(decl::event::note)) ev.note = v->as_text(decl::event::note);
    switch (ev.kind) {
      case CalendarEvent::Kind::attendance:
        if (!e.find(decl::event::status)) throw ValidationError(e.path() + ".status", "", "is missing", "an attendance status");
        break;
      case CalendarEvent::Kind::reschedule:
        if (!ev.new_date) throw ValidationError(e.path() + ".new_date", "", "is missing", "the new date");
        break;
      case CalendarEvent::Kind::change_track:
        if (ev.track.empty()) throw ValidationError(e.path() + ".track", "", "is missing", "a track name");
        break;
      case CalendarEvent::Kind::change_weekdays:
        if (ev.weekdays.empty()) throw ValidationError(e.path() + ".weekdays", "[]", "is missing", "the new weekdays");
        break;
      case CalendarEvent::Kind::extend:
        if (ev.weeks == 0) throw ValidationError(e.path() + ".weeks", "", "is missing", "1..26");
        break;
      case CalendarEvent::Kind::discharge: break;
      case CalendarEvent::Kind::review:
        if (ev.note.empty()) throw ValidationError(e.path() + ".note", "", "is missing", "what the review is about");
        break;
    }
    out.push_back(std::move(ev));
  }
  return out;
}

namespace {

ClosureKind parse_closure_kind(std::string_view text, std::string_view field) {
  for (auto kind : {ClosureKind::federal_holiday, ClosureKind::holiday, ClosureKind::closure})
    if (to_string(kind) == text) return kind;
  throw NotFoundError(std::string(field), iop::quoted(text), "is not a kind of closure", "federal holiday, holiday, closure");
}

// A zoned time as written: its UTC instant in its zone (the local time may repeat in the autumn),
// checked against the local time written with it.
ZonedTime zoned_from_json(const JsonReader& in) {
  in.expect_only(decl::zoned_time::members);
  auto utc = in.at(decl::zoned_time::utc).as_string();
  if (utc.empty() || utc.back() != 'Z')
    throw ValidationError(in.at(decl::zoned_time::utc).path(), iop::quoted(utc), "is not a UTC instant", "YYYY-MM-DDTHH:MM:SSZ");
  utc.pop_back();
  const auto t = ZonedTime::from_utc(parse_date_time(utc, in.at(decl::zoned_time::utc).path()), in.at(decl::zoned_time::zone).as_time_zone());
  if (t.local() != in.at(decl::zoned_time::local).as_date_time())
    throw ValidationError(in.at(decl::zoned_time::local).path(), iop::quoted(in.at(decl::zoned_time::local).as_string()),
                          "is not the local time of the instant", to_iso_string(t.local()));
  return t;
}

Session read_session(const JsonReader& in) {
  in.expect_only(decl::session::members);
  const auto kind = in.at(decl::session::kind);
  const auto date = in.at(decl::session::date).as_date();
  Session s{in.at(decl::session::uid).as_string(),
            parse_session_kind(kind.as_string(), kind.path()),
            date,
            in.find(decl::session::original_date) ? in.at(decl::session::original_date).as_date() : date,
            static_cast<int>(in.integer(decl::session::week)),
            in.identifier(decl::session::track),
            zoned_from_json(in.at(decl::session::start)),
            zoned_from_json(in.at(decl::session::end)),
            {},
            AttendanceStatus::scheduled,
            {},
            {},
            false};
  const auto blocks = in.at(decl::session::blocks);
  for (std::size_t i = 0; i < blocks.array_size(); ++i) {
    const auto b = blocks.at(i);
    b.expect_only(decl::block::members);
    const auto modality = b.at(decl::block::modality);
    s.blocks.push_back({parse_modality(modality.as_string(), modality.path()),
                        static_cast<int>(b.integer(decl::block::offset_minutes)),
                        static_cast<int>(b.integer(decl::block::minutes)), b.at(decl::block::billing_code).as_string()});
  }
  const auto status = in.at(decl::session::status);
  s.status = parse_attendance_status(status.as_string(), status.path());
  if (auto v = in.find(decl::session::note)) s.note = v->as_text(decl::session::note);
  if (auto v = in.find(decl::session::phase)) s.phase = v->as_identifier(decl::session::phase);
  if (auto v = in.find(decl::session::bill_blocks)) {
    s.bill_blocks = v->as_bool();
    if (s.bill_blocks && s.phase.empty())
      throw ValidationError(v->path(), "true", "is given without a phase", "bill_blocks only on a program day of a phase");
  }
  if (s.minutes() != in.integer(decl::session::minutes))
    throw ValidationError(in.at(decl::session::minutes).path(), std::to_string(in.integer(decl::session::minutes)),
                          "is not the sum of the blocks", std::to_string(s.minutes()));
  return s;
}

}  // namespace

Session session_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  return read_session(in);
}

SessionCalendar session_calendar_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only(decl::calendar::members);
  SessionCalendar cal{};
  cal.plan_id = in.identifier(decl::calendar::plan_id);
  cal.patient_id = in.identifier(decl::calendar::patient_id);
  cal.program_id = in.identifier(decl::calendar::program);
  cal.program_name = in.identifier(decl::calendar::program_name);
  const auto level = in.at(decl::calendar::level_of_care);
  cal.level_of_care = parse_level_of_care(level.as_string(), level.path());
  const auto age = in.at(decl::calendar::age_group);
  cal.age_group = parse_age_group(age.as_string(), age.path());
  cal.start_date = in.at(decl::calendar::start_date).as_date();
  cal.planned_end = in.at(decl::calendar::planned_end).as_date();
  cal.weeks = static_cast<int>(in.integer(decl::calendar::weeks));
  const auto policy = in.at(decl::calendar::holiday_policy);
  cal.holiday_policy = parse_holiday_policy(policy.as_string(), policy.path());
  cal.holiday_calendar = in.at(decl::calendar::holiday_calendar).as_string();
  cal.location = in.at(decl::calendar::location).as_string();
  if (auto v = in.find(decl::calendar::discharged_on)) cal.discharged_on = v->as_date();
  if (auto v = in.find(decl::calendar::taper)) {
    v->expect_only(decl::program_taper::members);
    cal.taper = TaperRule{static_cast<int>(v->integer(decl::program_taper::final_weeks)),
                          static_cast<int>(v->integer(decl::program_taper::days_per_week))};
    cal.tapered_from_week = static_cast<int>(in.integer(decl::calendar::tapered_from_week));
  }
  const auto sessions = in.at(decl::calendar::sessions);
  for (std::size_t i = 0; i < sessions.array_size(); ++i) cal.sessions.push_back(read_session(sessions.at(i)));
  const auto gaps = in.at(decl::calendar::gaps);
  for (std::size_t i = 0; i < gaps.array_size(); ++i) {
    const auto g = gaps.at(i);
    g.expect_only(decl::gap::members);
    CalendarGap gap{g.at(decl::gap::date).as_date(), static_cast<int>(g.integer(decl::gap::week)), {}, g.at(decl::gap::resolution).as_string()};
    const auto causes = g.at(decl::gap::causes);
    for (std::size_t k = 0; k < causes.array_size(); ++k) {
      const auto c = causes.at(k);
      c.expect_only(decl::gap_cause::members);
      const auto kind = c.at(decl::gap_cause::kind);
      gap.causes.push_back({c.identifier(decl::gap_cause::name), c.at(decl::gap_cause::actual).as_date(), c.at(decl::gap_cause::observed).as_date(),
                            parse_closure_kind(kind.as_string(), kind.path()), ""});
    }
    cal.gaps.push_back(std::move(gap));
  }
  cal.events = events_from_json(in.at(decl::calendar::events).json(), in.at(decl::calendar::events).path());
  // The weekly hours, totals and descriptions are derived: they must be what these sessions give.
  const auto written = to_json(cal);
  for (const auto& [key, value] : document.items())
    if (written.value(key, json()) != value)
      throw ValidationError(in.path().empty() ? key : in.path() + "." + key, "",
                            "does not match the calendar's sessions, gaps and events",
                            "the document as iop wrote it (derived figures are not edited)");
  return cal;
}

}  // namespace iop
