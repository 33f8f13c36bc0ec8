// A calendar's JSON, written straight from the values (core/json_writer.hpp):
// members in ascending order, as the DOM this replaced wrote them.

#include <string>

#include <nlohmann/json.hpp>

#include "iop/calendar/session_calendar.hpp"
#include "calendar/session_calendar_json.hpp"
#include "core/json_writer.hpp"

namespace iop {
namespace detail {

void write_events(JsonWriter& out, const std::vector<CalendarEvent>& events) {
  out.begin_array();
  for (const auto& e : events) {
    using Kind = CalendarEvent::Kind;
    out.begin_object();
    out.member("date", e.date);
    out.member("kind", to_string(e.kind));
    if (e.kind == Kind::reschedule) {
      if (e.new_date) out.member("new_date", *e.new_date);
      if (e.new_start) out.member("new_start", e.new_start->to_string());
    }
    if (!e.note.empty()) out.member("note", e.note);
    if (e.kind == Kind::attendance || e.kind == Kind::reschedule) out.member("session", to_string(e.session_kind));
    if (e.kind == Kind::attendance) out.member("status", to_string(e.status));
    if (e.kind == Kind::change_track) out.member("track", e.track);
    if (e.kind == Kind::change_weekdays) {
      out.key("weekdays").begin_array();
      for (auto d : e.weekdays) out.string(weekday_name(d));
      out.end_array();
    }
    if (e.kind == Kind::extend) out.member("weeks", e.weeks);
    out.end_object();
  }
  out.end_array();
}

void write_session(JsonWriter& out, const Session& s) {
  out.begin_object();
  if (s.bill_blocks) out.member("bill_blocks", true);
  out.key("blocks").begin_array();
  for (const auto& b : s.blocks) {
    out.begin_object();
    out.member("billing_code", b.billing_code);
    out.member("minutes", b.minutes);
    out.member("modality", to_string(b.modality));
    out.member("offset_minutes", b.offset_minutes);
    out.end_object();
  }
  out.end_array();
  out.member("date", s.date);
  out.member("end", s.end);
  out.member("kind", to_string(s.kind));
  out.member("minutes", s.minutes());
  if (!s.note.empty()) out.member("note", s.note);
  if (s.original_date != s.date) out.member("original_date", s.original_date);
  if (!s.phase.empty()) out.member("phase", s.phase);
  out.member("start", s.start);
  out.member("status", to_string(s.status));
  out.member("track", s.track);
  out.member("uid", s.uid);
  out.member("week", s.week);
  out.end_object();
}

namespace {

void write_gaps(JsonWriter& out, const std::vector<CalendarGap>& gaps) {
  out.begin_array();
  for (const auto& g : gaps) {
    out.begin_object();
    out.key("causes").begin_array();
    for (const auto& h : g.causes) {
      out.begin_object();
      out.member("actual", h.actual);
      out.member("kind", to_string(h.kind));
      out.member("name", h.name);
      out.member("observed", h.observed);
      out.end_object();
    }
    out.end_array();
    out.member("date", g.date);
    out.member("description", g.describe());
    out.member("resolution", g.resolution);
    out.member("week", g.week);
    out.end_object();
  }
  out.end_array();
}

void write_weeks(JsonWriter& out, const SessionCalendar& cal) {
  out.begin_array();
  for (const auto& w : weekly_hours(cal)) {
    out.begin_object();
    out.member("attended_minutes", w.attended_minutes);
    out.key("causes").begin_array();
    for (const auto& c : w.causes) out.string(c);
    out.end_array();
    out.member("first_day", w.first_day);
    out.member("last_day", w.last_day);
    if (!w.phase.empty()) out.member("phase", w.phase);
    out.member("scheduled_minutes", w.scheduled_minutes);
    out.member("sessions", w.sessions);
    out.member("week", w.week);
    out.member("within_bounds", w.within_bounds);
    out.end_object();
  }
  out.end_array();
}

void write_totals(JsonWriter& out, const CalendarTotals& t) {
  out.begin_object();
  out.member("attended_minutes", t.attended_minutes);
  out.member("billable_days", t.billable_days);
  out.member("days_with_3_services", t.days_with_3_services);
  out.member("days_with_4_or_more_services", t.days_with_4_or_more_services);
  out.member("days_with_fewer_than_3_services", t.days_with_fewer_than_3_services);
  out.member("program_days", t.program_days);
  out.member("scheduled_minutes", t.scheduled_minutes);
  out.member("sessions", t.sessions);
  out.end_object();
}

}  // namespace

void write_calendar(JsonWriter& out, const SessionCalendar& cal) {
  out.begin_object();
  out.member("age_group", to_string(cal.age_group));
  if (cal.discharged_on) out.member("discharged_on", *cal.discharged_on);
  out.key("events");
  write_events(out, cal.events);
  out.key("gaps");
  write_gaps(out, cal.gaps);
  out.member("holiday_calendar", cal.holiday_calendar);
  out.member("holiday_policy", to_string(cal.holiday_policy));
  out.member("level_of_care", to_string(cal.level_of_care));
  out.member("location", cal.location);
  out.member("patient_id", cal.patient_id);
  out.member("plan_id", cal.plan_id);
  out.member("planned_end", cal.planned_end);
  out.member("program", cal.program_id);
  out.member("program_name", cal.program_name);
  out.key("sessions").begin_array();
  for (const auto& s : cal.sessions) write_session(out, s);
  out.end_array();
  out.member("start_date", cal.start_date);
  if (cal.taper) {
    out.key("taper").begin_object();
    out.member("days_per_week", cal.taper->days_per_week);
    out.member("final_weeks", cal.taper->final_weeks);
    out.end_object();
    out.member("tapered_from_week", cal.tapered_from_week);
  }
  out.key("totals");
  write_totals(out, calendar_totals(cal));
  out.key("weekly_hours");
  write_weeks(out, cal);
  out.member("weekly_hours_bounds", weekly_hours_bounds(cal.level_of_care, cal.age_group).describe());
  out.member("weeks", cal.weeks);
  out.end_object();
}

}  // namespace detail

namespace {

template <class Value, class Write>
std::string written(const Value& value, Write write) {
  std::string text;
  detail::JsonWriter out(text);
  write(out, value);
  return text;
}

}  // namespace

std::string to_json_text(const SessionCalendar& calendar) {
  std::string text;
  text.reserve(2048 + 800 * calendar.sessions.size());
  detail::JsonWriter out(text);
  detail::write_calendar(out, calendar);
  return text;
}

// The DOM forms read the text back: one layout, written once.
nlohmann::json to_json(const std::vector<CalendarEvent>& events) {
  return nlohmann::json::parse(written(events, detail::write_events));
}

nlohmann::json to_json(const Session& session) { return nlohmann::json::parse(written(session, detail::write_session)); }

nlohmann::json to_json(const SessionCalendar& calendar) { return nlohmann::json::parse(to_json_text(calendar)); }

}  // namespace iop
