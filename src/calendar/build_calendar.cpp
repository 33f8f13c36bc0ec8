// build_calendar: a plan's sessions, derived in named stages from the plan, its program, the holiday
// calendar and the events recorded (iop/calendar/session_calendar.hpp says what the result holds).
//
//   1. course_shape        the events that shape the course: extensions and the discharge date
//   2. calendar_head       what the calendar says about itself (plan, program, holidays, policy)
//   3. place_program_days  each week's pattern days, each closed one skipped, moved or owed per the policy
//   4. extend_course       the days owed under the `extend` policy, after the planned end
//   5. program_sessions    a session for each program day, with its phase's blocks, in its track's zone
//   6. frequency_sessions  individual therapy and medication management after the program days
//   7. apply_reschedules   moved sessions (and the separate sessions that follow their program day)
//   8. apply_attendance    each session's recorded status
//   9. location_of         where the course happens

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "calendar/closures_text.hpp"
#include "calendar/weekday.hpp"
#include "core/append_text.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"

namespace iop {
namespace {

using boost::date_time::weekdays;
using boost::gregorian::days;

bool in_pattern(const std::vector<weekdays>& pattern, Date d) {
  return std::find(pattern.begin(), pattern.end(), detail::weekday_of(d)) != pattern.end();
}

std::string event_field(std::size_t i, const char* name) { return "events[" + std::to_string(i) + "]." + name; }

// A course with all its extensions lasts at most three years (docs/limits.md).
constexpr int kMaxCourseWeeks = 156;

// Events fall inside the years the time-zone and holiday rules cover.
void check_event_date(Date date, const std::string& field) {
  static_assert(limits::first_schedule_year >= HolidayCalendar::first_year &&
                limits::first_schedule_year >= TimeZone::first_supported_year);
  if (date.year() < limits::first_schedule_year || date.year() > HolidayCalendar::last_year)
    throw ValidationError(field, to_iso_string(date), "is outside the years iop schedules",
                          std::to_string(limits::first_schedule_year) + "-01-01.." +
                              std::to_string(HolidayCalendar::last_year) + "-12-31");
}

// A pattern day of the course before holidays are applied, and the day it happens on.
struct Occurrence {
  Date original;
  Date date;
  std::string note;
};

// Stage 1: the weeks the events add and the day they discharge the patient.
struct CourseShape {
  int extra_weeks = 0;
  std::optional<Date> discharge;
};

void check_weekday_change(const CalendarEvent& e, std::size_t i, const ProgramTemplate& program) {
  if (e.weekdays.empty() || static_cast<int>(e.weekdays.size()) > program.days_per_week.max ||
      static_cast<int>(e.weekdays.size()) < program.days_per_week.min)
    throw ValidationError(event_field(i, "weekdays"), std::to_string(e.weekdays.size()) + " days",
                          "is outside the program's days a week",
                          std::to_string(program.days_per_week.min) + ".." + std::to_string(program.days_per_week.max));
  for (std::size_t a = 0; a < e.weekdays.size(); ++a)
    for (std::size_t b = 0; b < a; ++b)
      if (e.weekdays[a] == e.weekdays[b])
        throw ValidationError(event_field(i, "weekdays"), std::string(weekday_name(e.weekdays[a])), "is listed twice",
                              "distinct weekdays");
}

CourseShape course_shape(const TreatmentPlan& plan, const ProgramTemplate& program,
                         const std::vector<CalendarEvent>& events) {
  CourseShape shape;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.date.is_special()) throw ValidationError(event_field(i, "date"), "not-a-date", "is missing", "a calendar date");
    check_event_date(e.date, event_field(i, "date"));
    if (e.new_date) check_event_date(*e.new_date, event_field(i, "new_date"));
    switch (e.kind) {
      case CalendarEvent::Kind::extend:
        if (e.weeks < 1 || e.weeks > 26)
          throw ValidationError(event_field(i, "weeks"), std::to_string(e.weeks), "is not a number of weeks", "1..26");
        shape.extra_weeks += e.weeks;
        if (plan.weeks + shape.extra_weeks > kMaxCourseWeeks)
          throw ValidationError(event_field(i, "weeks"), std::to_string(e.weeks),
                                "extends the course past " + std::to_string(kMaxCourseWeeks) + " weeks",
                                "at most " + std::to_string(kMaxCourseWeeks - plan.weeks - (shape.extra_weeks - e.weeks)) +
                                    " more weeks");
        if (plan.weeks + shape.extra_weeks > program.duration.max_weeks && e.note.empty())
          throw ValidationError(event_field(i, "note"), "''", "is empty",
                                "the reason and authorization for extending beyond " + program.duration.describe() +
                                    " weeks");
        break;
      case CalendarEvent::Kind::discharge:
        if (!shape.discharge || e.date < *shape.discharge) shape.discharge = e.date;
        break;
      case CalendarEvent::Kind::change_track: (void)program.track(e.track, event_field(i, "track")); break;
      case CalendarEvent::Kind::change_weekdays: check_weekday_change(e, i, program); break;
      default: break;
    }
  }
  return shape;
}

// Stage 2.
SessionCalendar calendar_head(const TreatmentPlan& plan, const ProgramTemplate& program, const HolidayCalendar& holidays,
                              HolidayPolicy policy, const std::vector<CalendarEvent>& events, const CourseShape& shape) {
  SessionCalendar cal;
  cal.plan_id = plan.id;
  cal.patient_id = plan.patient_id;
  cal.program_id = program.id;
  cal.program_name = program.name;
  cal.level_of_care = plan.level_of_care;
  cal.age_group = plan.patient_age ? age_group_for(*plan.patient_age) : program.age_group;
  cal.start_date = plan.start_date;
  cal.holiday_policy = policy;
  cal.holiday_calendar = holidays.name();
  cal.discharged_on = shape.discharge;
  cal.events = events;
  return cal;
}

// The course's weekdays and track on any day: the plan's, a taper's in the last weeks, and the latest
// change recorded on or before the day.
class CoursePattern {
 public:
  CoursePattern(const TreatmentPlan& plan, const ProgramTemplate& program, const std::vector<CalendarEvent>& events,
                int weeks)
      : plan_(plan), program_(program), events_(events), weeks_(weeks),
        taper_(plan.taper ? plan.taper : program.taper),
        base_(plan.weekdays.empty() ? default_weekdays(plan.days_per_week) : plan.weekdays),
        tapered_(taper_ ? default_weekdays(taper_->days_per_week) : std::vector<weekdays>()) {}

  // A reference, not a copy: it is asked of every day of the course.
  [[nodiscard]] const std::vector<weekdays>& weekdays_for(int week, Date day) const {
    if (const auto* e = latest(CalendarEvent::Kind::change_weekdays, day)) return e->weekdays;
    if (taper_ && week >= weeks_ - taper_->final_weeks) return tapered_;
    return base_;
  }
  [[nodiscard]] const Track& track_for(Date day) const {
    const auto* e = latest(CalendarEvent::Kind::change_track, day);
    return program_.track(e ? e->track : plan_.track, "track");
  }
  [[nodiscard]] const std::optional<TaperRule>& taper() const { return taper_; }
  [[nodiscard]] int weeks() const { return weeks_; }

 private:
  [[nodiscard]] const CalendarEvent* latest(CalendarEvent::Kind kind, Date day) const {
    const CalendarEvent* found = nullptr;
    for (const auto& e : events_)
      if (e.kind == kind && e.date <= day && (!found || e.date >= found->date)) found = &e;
    return found;
  }
  const TreatmentPlan& plan_;
  const ProgramTemplate& program_;
  const std::vector<CalendarEvent>& events_;
  int weeks_;
  std::optional<TaperRule> taper_;
  std::vector<weekdays> base_;
  std::vector<weekdays> tapered_;  // the taper's weekdays, in its final weeks
};

std::vector<Holiday> closed_causes(const HolidayCalendar& holidays, Date day) {
  auto causes = holidays.closures_on(day);
  if (causes.empty()) causes.push_back({"closed weekday", day, day, ClosureKind::closure, ""});
  return causes;
}

// Stage 3: the program days of one week: each open pattern day as it is, each closed one per the policy.
// Returns the days the `extend` policy owes.
int place_week(int w, const TreatmentPlan& plan, const CoursePattern& pattern, const HolidayCalendar& holidays,
               HolidayPolicy policy, std::vector<Occurrence>& occurrences, std::vector<CalendarGap>& gaps) {
  const Date week_start = plan.start_date + days(7 * w);
  const Date week_end = week_start + days(6);
  std::vector<Date> pattern_days;
  for (Date d = week_start; d <= week_end; d += days(1))
    if (in_pattern(pattern.weekdays_for(w, d), d)) pattern_days.push_back(d);
  std::vector<Date> taken;
  for (Date d : pattern_days)
    if (holidays.is_open(d)) taken.push_back(d);
  auto free_day = [&](Date d) {
    return holidays.is_open(d) && std::find(taken.begin(), taken.end(), d) == taken.end() &&
           std::find(pattern_days.begin(), pattern_days.end(), d) == pattern_days.end();
  };
  int owed = 0;
  for (Date d : pattern_days) {
    if (holidays.is_open(d)) {
      occurrences.push_back({d, d, ""});
      continue;
    }
    const auto causes = closed_causes(holidays, d);
    switch (policy) {
      case HolidayPolicy::skip: gaps.push_back({d, w, causes, "skipped"}); break;
      case HolidayPolicy::extend:
        gaps.push_back({d, w, causes, "skipped; course extended"});
        ++owed;
        break;
      case HolidayPolicy::make_up_same_week: {
        std::optional<Date> target;
        for (Date c = d + days(1); c <= week_end && !target; c += days(1))
          if (free_day(c)) target = c;
        for (Date c = d - days(1); c >= week_start && !target; c -= days(1))
          if (free_day(c)) target = c;
        if (target) {
          taken.push_back(*target);
          occurrences.push_back({d, *target, "made up for " + closures_text(causes)});
          gaps.push_back({d, w, causes, "moved to " + to_iso_string(*target)});
        } else {
          gaps.push_back({d, w, causes, "skipped: no open day left in the week"});
        }
        break;
      }
    }
  }
  return owed;
}

// Stage 4: keep the session count: continue the last week's pattern after the planned end. Returns
// the course's weeks with the added days.
int extend_course(int owed, const TreatmentPlan& plan, const CoursePattern& pattern, const HolidayCalendar& holidays,
                  std::vector<Occurrence>& occurrences, std::vector<CalendarGap>& gaps) {
  const int weeks = pattern.weeks();
  if (owed == 0) return weeks;
  const Date course_end = plan.start_date + days(7 * weeks - 1);
  const auto& weekdays_then = pattern.weekdays_for(weeks - 1, course_end);
  const Date limit = course_end + days(7 * 26);
  Date d = course_end + days(1);
  for (; owed > 0; d += days(1)) {
    if (d > limit)
      throw ValidationError("holiday_policy", "extend", "cannot find enough open days within 26 weeks",
                            "a holiday calendar with open pattern days after the course");
    if (!in_pattern(weekdays_then, d)) continue;
    if (holidays.is_open(d)) {
      occurrences.push_back({d, d, "added to keep the session count"});
      --owed;
    } else {
      gaps.push_back({d, static_cast<int>((d - plan.start_date).days() / 7), closed_causes(holidays, d),
                      "skipped; course extended"});
    }
  }
  return static_cast<int>((d - days(1) - plan.start_date).days() / 7) + 1;
}

// Makes the sessions of the course, each named by the plan, its kind and its original date.
class SessionMaker {
 public:
  explicit SessionMaker(const TreatmentPlan& plan) : plan_(plan) {}
  [[nodiscard]] int week_of(Date d) const { return static_cast<int>((d - plan_.start_date).days() / 7); }
  [[nodiscard]] Session make(SessionKind kind, Date original, Date date, const Track& track, int start_minutes,
                             std::vector<SessionBlock> blocks, std::string note) const {
    const DateTime local(date, boost::posix_time::minutes(start_minutes));
    const ZonedTime start(local, track.zone, Disambiguation::later, "tracks.start");
    int total = 0;
    for (const auto& b : blocks) total += b.minutes;
    const auto end = ZonedTime::from_utc(start.utc() + boost::posix_time::minutes(total), track.zone);
    // The uid, `plan-kind-20260302`, in one allocation: a calendar makes one per session.
    const auto kind_name = to_string(kind);
    char iso[10];
    (void)detail::write_iso_date(iso, original);  // 2026-03-02
    std::string uid;
    uid.reserve(plan_.id.size() + kind_name.size() + 10);
    uid.append(plan_.id).append(1, '-').append(kind_name).append(1, '-');
    uid.append(iso, 4).append(iso + 5, 2).append(iso + 8, 2);
    return Session{std::move(uid), kind, date, original, week_of(date), track.name, start, end, std::move(blocks),
                   AttendanceStatus::scheduled, std::move(note), "", false};
  }

 private:
  const TreatmentPlan& plan_;
};

// std::sort's order, without moving the sessions (each a few hundred bytes and four strings) about: a
// range already strictly in order is left as it is (its order is the only one), any other is sorted as
// positions, which std::sort moves exactly as it would move the sessions themselves (it compares the same
// sessions in the same sequence), and the sessions are then moved once into their places. Equal sessions,
// should two ever compare equal, end in the order std::sort has always given them.
template <class Less>
void sort_sessions(std::vector<Session>& sessions, Less less) {
  const auto out_of_order = [&](const Session& a, const Session& b) { return !less(a, b); };
  if (std::adjacent_find(sessions.begin(), sessions.end(), out_of_order) == sessions.end()) return;
  std::vector<std::size_t> order(sessions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return less(sessions[a], sessions[b]); });
  std::vector<Session> sorted;
  sorted.reserve(sessions.size());
  for (const std::size_t i : order) sorted.push_back(std::move(sessions[i]));
  sessions = std::move(sorted);
}

int minutes_of_day(const ZonedTime& t) { return static_cast<int>(t.local().time_of_day().total_seconds() / 60); }

// Stage 5: a session for each program day, with the blocks of its original week's phase.
void program_sessions(const std::vector<Occurrence>& occurrences, const ProgramTemplate& program, int course_weeks,
                      const CoursePattern& pattern, const SessionMaker& maker, std::vector<Session>& sessions) {
  for (const auto& o : occurrences) {
    const auto& track = pattern.track_for(o.date);
    const ProgramPhase* phase = program.phase_of_week(maker.week_of(o.original), course_weeks);
    const auto& day_blocks = phase && !phase->daily_blocks.empty() ? phase->daily_blocks : program.daily_blocks;
    std::vector<SessionBlock> blocks;
    blocks.reserve(day_blocks.size());
    int offset = 0;
    for (const auto& b : day_blocks) {
      blocks.push_back({b.modality, offset, b.minutes, b.billing_code});
      offset += b.minutes;
    }
    auto session = maker.make(SessionKind::program_day, o.original, o.date, track, track.start.minutes(),
                              std::move(blocks), o.note);
    if (phase) {
      session.phase = phase->name;
      session.bill_blocks = phase->billing == PhaseBilling::itemized;
    }
    sessions.push_back(std::move(session));
  }
  sort_sessions(sessions, [](const Session& a, const Session& b) { return a.start.utc() < b.start.utc(); });
}

// Stage 6: the separate sessions a program's frequency places, each right after the program day (or
// after a separate session already placed that day).
void frequency_sessions(const std::optional<SessionFrequency>& frequency, SessionKind kind, Modality modality,
                        const ProgramTemplate& program, const SessionMaker& maker, std::vector<Session>& sessions) {
  if (!frequency) return;
  const auto& info = modality_info(modality);
  const int minutes = info.default_minutes;
  std::string code(info.default_code);
  if (modality == Modality::individual_therapy)
    if (auto by_minutes = psychotherapy_code_for_minutes(minutes)) code = std::string(*by_minutes);
  std::map<int, int> placed;  // period -> sessions placed
  std::vector<Session> extra;
  for (const auto& s : sessions) {
    if (s.kind != SessionKind::program_day) continue;
    const int period = maker.week_of(s.original_date) / frequency->per_weeks;
    if (placed[period] >= frequency->sessions) continue;
    ++placed[period];
    const auto& track = program.track(s.track);
    auto latest_end = s.end.utc();
    for (const auto& other : extra)
      if (other.date == s.date) latest_end = std::max(latest_end, other.end.utc());
    for (const auto& other : sessions)
      if (other.date == s.date && other.kind != SessionKind::program_day) latest_end = std::max(latest_end, other.end.utc());
    extra.push_back(maker.make(kind, s.original_date, s.date, track,
                               minutes_of_day(ZonedTime::from_utc(latest_end, track.zone)),
                               {{modality, 0, minutes, code}}, "after the program day"));
  }
  sessions.insert(sessions.end(), std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
}

Session& find_session(std::vector<Session>& sessions, Date date, SessionKind kind, std::size_t i) {
  for (auto& s : sessions)
    if (s.date == date && s.kind == kind) return s;
  throw ValidationError(event_field(i, "date"), to_iso_string(date),
                        "has no " + std::string(to_string(kind)) + " session", "the date of a scheduled session");
}

// Stage 7, one event: the session moves to the new date (and start), keeping its status and phase; a
// program day's separate sessions move with it, by the same shift.
void reschedule(const CalendarEvent& e, std::size_t i, const ProgramTemplate& program, const HolidayCalendar& holidays,
                const SessionMaker& maker, std::vector<Session>& sessions) {
  if (!e.new_date) throw ValidationError(event_field(i, "new_date"), "", "is missing", "the new date of the session");
  if (!holidays.is_open(*e.new_date))
    throw ValidationError(event_field(i, "new_date"), to_iso_string(*e.new_date),
                          "is a closed day" + (holidays.closures_on(*e.new_date).empty()
                                                   ? std::string()
                                                   : " (" + closures_text(holidays.closures_on(*e.new_date)) + ")"),
                          "an open day of the holiday calendar");
  auto& moved = find_session(sessions, e.date, e.session_kind, i);
  for (const auto& s : sessions)
    if (&s != &moved && s.date == *e.new_date && s.kind == e.session_kind)
      throw ValidationError(event_field(i, "new_date"), to_iso_string(*e.new_date),
                            "already has a " + std::string(to_string(e.session_kind)) + " session", "a day without one");
  const Date from = moved.date;
  const int start_minutes = e.new_start ? e.new_start->minutes() : minutes_of_day(moved.start);
  const int shift = start_minutes - minutes_of_day(moved.start);
  auto rebuilt = maker.make(moved.kind, moved.original_date, *e.new_date, program.track(moved.track), start_minutes,
                            moved.blocks, "rescheduled from " + to_iso_string(from) + (e.note.empty() ? "" : ": " + e.note));
  rebuilt.status = moved.status;
  rebuilt.phase = moved.phase;
  rebuilt.bill_blocks = moved.bill_blocks;
  moved = std::move(rebuilt);
  if (e.session_kind != SessionKind::program_day) return;
  for (auto& s : sessions)
    if (s.kind != SessionKind::program_day && s.date == from) {
      auto companion = maker.make(s.kind, s.original_date, *e.new_date, program.track(s.track),
                                  minutes_of_day(s.start) + shift, s.blocks,
                                  "rescheduled with the program day from " + to_iso_string(from));
      companion.status = s.status;
      s = std::move(companion);
    }
}

// Stage 8: attendance as recorded, in order.
void apply_attendance(const std::vector<CalendarEvent>& events, std::vector<Session>& sessions) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.kind != CalendarEvent::Kind::attendance) continue;
    auto& s = find_session(sessions, e.date, e.session_kind, i);
    s.status = e.status;
    if (!e.note.empty()) s.note = s.note.empty() ? e.note : s.note + "; " + e.note;
  }
}

// Stage 9.
std::string location_of(const TreatmentPlan& plan, const ProgramTemplate& program) {
  const Site* site = nullptr;
  for (const auto& m : program.delivery)
    if (m.kind == DeliveryKind::in_person && m.site && !site) site = &*m.site;
  if (plan.delivery.kind == DeliveryKind::in_person && site)
    return site->name + (site->city.empty() ? "" : ", " + site->city) + ", " + site->state;
  return "Telehealth (live video); patient located in " + plan.delivery.patient_state.value_or("?");
}

}  // namespace

SessionCalendar build_calendar(const TreatmentPlan& plan, const ProgramTemplate& program,
                               const HolidayCalendar& holidays, HolidayPolicy policy,
                               const std::vector<CalendarEvent>& events) {
  (void)check_plan(plan, program);
  const auto shape = course_shape(plan, program, events);
  auto cal = calendar_head(plan, program, holidays, policy, events, shape);
  const int course_weeks = plan.weeks + shape.extra_weeks;  // the phases divide the planned course (with extensions)
  const CoursePattern pattern(plan, program, events, course_weeks);

  std::vector<Occurrence> occurrences;
  int owed = 0;
  for (int w = 0; w < course_weeks; ++w) owed += place_week(w, plan, pattern, holidays, policy, occurrences, cal.gaps);
  if (pattern.taper()) {
    cal.taper = pattern.taper();
    cal.tapered_from_week = course_weeks - pattern.taper()->final_weeks;
  }
  cal.weeks = extend_course(owed, plan, pattern, holidays, occurrences, cal.gaps);
  if (shape.discharge) {
    std::erase_if(occurrences, [&](const Occurrence& o) { return o.date > *shape.discharge; });
    std::erase_if(cal.gaps, [&](const CalendarGap& g) { return g.date > *shape.discharge; });
  }
  cal.planned_end = plan.start_date + days(7 * cal.weeks - 1);

  const SessionMaker maker(plan);
  program_sessions(occurrences, program, course_weeks, pattern, maker, cal.sessions);
  frequency_sessions(program.individual_therapy, SessionKind::individual_therapy, Modality::individual_therapy, program,
                     maker, cal.sessions);
  frequency_sessions(program.medication_management, SessionKind::medication_management, Modality::medication_management,
                     program, maker, cal.sessions);
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].kind == CalendarEvent::Kind::reschedule) reschedule(events[i], i, program, holidays, maker, cal.sessions);
  apply_attendance(events, cal.sessions);
  sort_sessions(cal.sessions, [](const Session& a, const Session& b) {
    return a.start.utc() != b.start.utc() ? a.start.utc() < b.start.utc() : a.kind < b.kind;
  });
  cal.location = location_of(plan, program);
  return cal;
}

}  // namespace iop
