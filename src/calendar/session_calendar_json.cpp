// A calendar's JSON, written straight from the values (core/json_writer.hpp):
// members in ascending order, as the DOM this replaced wrote them.

#include <string>

#include <nlohmann/json.hpp>

#include "iop/calendar/session_calendar.hpp"
#include "calendar/session_calendar_json.hpp"
#include "core/json_writer.hpp"
#include "declared.hpp"

namespace iop {
namespace detail {

// The members by their declared names (declarations/calendar.py, events.py): a member renamed or dropped
// there no longer compiles here.
namespace C = decl::calendar;
namespace S = decl::session;
namespace B = decl::block;
namespace E = decl::event;
namespace G = decl::gap;
namespace GC = decl::gap_cause;
namespace W = decl::calendar_weekly_hour;
namespace T = decl::calendar_totals;
namespace P = decl::program_taper;

void write_events(JsonWriter& out, const std::vector<CalendarEvent>& events) {
  out.begin_array();
  for (const auto& e : events) {
    using Kind = CalendarEvent::Kind;
    out.begin_object();
    out.member(E::date.name, e.date);
    out.member(E::kind.name, to_string(e.kind));
    if (e.kind == Kind::reschedule) {
      if (e.new_date) out.member(E::new_date.name, *e.new_date);
      if (e.new_start) out.member(E::new_start.name, e.new_start->to_string());
    }
    if (!e.note.empty()) out.member(E::note.name, e.note);
    if (e.kind == Kind::attendance || e.kind == Kind::reschedule) out.member(E::session.name, to_string(e.session_kind));
    if (e.kind == Kind::attendance) out.member(E::status.name, to_string(e.status));
    if (e.kind == Kind::change_track) out.member(E::track.name, e.track);
    if (e.kind == Kind::change_weekdays) {
      out.key(E::weekdays.name).begin_array();
      for (auto d : e.weekdays) out.string(weekday_name(d));
      out.end_array();
    }
    if (e.kind == Kind::extend) out.member(E::weeks.name, e.weeks);
    out.end_object();
  }
  out.end_array();
}

namespace {

void write_blocks(JsonWriter& out, const std::vector<SessionBlock>& blocks) {
  out.begin_array();
  for (const auto& b : blocks) {
    out.begin_object();
    out.member(B::billing_code.name, b.billing_code);
    out.member(B::minutes.name, b.minutes);
    out.member(B::modality.name, to_string(b.modality));
    out.member(B::offset_minutes.name, b.offset_minutes);
    out.end_object();
  }
  out.end_array();
}

}  // namespace

void write_session(JsonWriter& out, const Session& s, WrittenBlocks* written_blocks) {
  out.begin_object();
  if (s.bill_blocks) out.member(S::bill_blocks.name, true);
  out.key(S::blocks.name);
  if (written_blocks == nullptr) {
    write_blocks(out, s.blocks);
  } else {
    out.raw(written_blocks->text_of(s.blocks));
  }
  out.member(S::date.name, s.date);
  out.member(S::end.name, s.end);
  out.member(S::kind.name, to_string(s.kind));
  out.member(S::minutes.name, s.minutes());
  if (!s.note.empty()) out.member(S::note.name, s.note);
  if (s.original_date != s.date) out.member(S::original_date.name, s.original_date);
  if (!s.phase.empty()) out.member(S::phase.name, s.phase);
  out.member(S::start.name, s.start);
  out.member(S::status.name, to_string(s.status));
  out.member(S::track.name, s.track);
  out.member(S::uid.name, s.uid);
  out.member(S::week.name, s.week);
  out.end_object();
}

std::string_view WrittenBlocks::text_of(const std::vector<SessionBlock>& blocks) {
  for (const auto& [written, text] : lists_)
    if (written == blocks) return text;
  std::string text;
  JsonWriter out(text);
  write_blocks(out, blocks);
  // A course's lists are few (a track's program day, a medication visit, a phase's day); a course with more
  // than the cache holds writes the rest each time, as before.
  if (lists_.size() == kMaxLists) {
    scratch_ = std::move(text);
    return scratch_;
  }
  lists_.emplace_back(blocks, std::move(text));
  return lists_.back().second;
}

namespace {

void write_gaps(JsonWriter& out, const std::vector<CalendarGap>& gaps) {
  out.begin_array();
  for (const auto& g : gaps) {
    out.begin_object();
    out.key(G::causes.name).begin_array();
    for (const auto& h : g.causes) {
      out.begin_object();
      out.member(GC::actual.name, h.actual);
      out.member(GC::kind.name, to_string(h.kind));
      out.member(GC::name.name, h.name);
      out.member(GC::observed.name, h.observed);
      out.end_object();
    }
    out.end_array();
    out.member(G::date.name, g.date);
    out.member(G::description.name, g.describe());
    out.member(G::resolution.name, g.resolution);
    out.member(G::week.name, g.week);
    out.end_object();
  }
  out.end_array();
}

void write_weeks(JsonWriter& out, const SessionCalendar& cal) {
  out.begin_array();
  for (const auto& w : weekly_hours(cal)) {
    out.begin_object();
    out.member(W::attended_minutes.name, w.attended_minutes);
    out.key(W::causes.name).begin_array();
    for (const auto& c : w.causes) out.string(c);
    out.end_array();
    out.member(W::first_day.name, w.first_day);
    out.member(W::last_day.name, w.last_day);
    if (!w.phase.empty()) out.member(W::phase.name, w.phase);
    out.member(W::scheduled_minutes.name, w.scheduled_minutes);
    out.member(W::sessions.name, w.sessions);
    out.member(W::week.name, w.week);
    out.member(W::within_bounds.name, w.within_bounds);
    out.end_object();
  }
  out.end_array();
}

void write_totals(JsonWriter& out, const CalendarTotals& t) {
  out.begin_object();
  out.member(T::attended_minutes.name, t.attended_minutes);
  out.member(T::billable_days.name, t.billable_days);
  out.member(T::days_with_3_services.name, t.days_with_3_services);
  out.member(T::days_with_4_or_more_services.name, t.days_with_4_or_more_services);
  out.member(T::days_with_fewer_than_3_services.name, t.days_with_fewer_than_3_services);
  out.member(T::program_days.name, t.program_days);
  out.member(T::scheduled_minutes.name, t.scheduled_minutes);
  out.member(T::sessions.name, t.sessions);
  out.end_object();
}

}  // namespace

void write_calendar(JsonWriter& out, const SessionCalendar& cal) {
  out.begin_object();
  out.member(C::age_group.name, to_string(cal.age_group));
  if (cal.discharged_on) out.member(C::discharged_on.name, *cal.discharged_on);
  out.key(C::events.name);
  write_events(out, cal.events);
  out.key(C::gaps.name);
  write_gaps(out, cal.gaps);
  out.member(C::holiday_calendar.name, cal.holiday_calendar);
  out.member(C::holiday_policy.name, to_string(cal.holiday_policy));
  out.member(C::level_of_care.name, to_string(cal.level_of_care));
  out.member(C::location.name, cal.location);
  out.member(C::patient_id.name, cal.patient_id);
  out.member(C::plan_id.name, cal.plan_id);
  out.member(C::planned_end.name, cal.planned_end);
  out.member(C::program.name, cal.program_id);
  out.member(C::program_name.name, cal.program_name);
  out.key(C::sessions.name).begin_array();
  WrittenBlocks written_blocks;
  for (const auto& s : cal.sessions) write_session(out, s, &written_blocks);
  out.end_array();
  out.member(C::start_date.name, cal.start_date);
  if (cal.taper) {
    out.key(C::taper.name).begin_object();
    out.member(P::days_per_week.name, cal.taper->days_per_week);
    out.member(P::final_weeks.name, cal.taper->final_weeks);
    out.end_object();
    out.member(C::tapered_from_week.name, cal.tapered_from_week);
  }
  out.key(C::totals.name);
  write_totals(out, calendar_totals(cal));
  out.key(C::weekly_hours.name);
  write_weeks(out, cal);
  out.member(C::weekly_hours_bounds.name, weekly_hours_bounds(cal.level_of_care, cal.age_group).describe());
  out.member(C::weeks.name, cal.weeks);
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

nlohmann::json to_json(const Session& session) {
  const auto write = [](detail::JsonWriter& out, const Session& s) { detail::write_session(out, s); };
  return nlohmann::json::parse(written(session, write));
}

nlohmann::json to_json(const SessionCalendar& calendar) { return nlohmann::json::parse(to_json_text(calendar)); }

}  // namespace iop
