#include "iop/calendar/session_calendar.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/enum_names.hpp"

namespace iop {
namespace {

using boost::date_time::weekdays;
using boost::gregorian::days;
using nlohmann::json;
using detail::enum_name;
using detail::parse_enum;

std::string compact(Date d) {
  std::string text = to_iso_string(d);
  text.erase(std::remove(text.begin(), text.end(), '-'), text.end());
  return text;
}

bool in_pattern(const std::vector<weekdays>& pattern, Date d) {
  return std::find(pattern.begin(), pattern.end(), d.day_of_week().as_enum()) != pattern.end();
}

std::string causes_text(const std::vector<Holiday>& causes) {
  std::string text;
  for (const auto& h : causes) text += (text.empty() ? "" : "; ") + h.describe();
  return text;
}

// A pattern day of the course before holidays are applied.
struct Occurrence {
  Date original;
  Date date;
  std::string note;
};

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
  return (causes.empty() ? to_iso_string(date) : causes_text(causes)) + ": " + resolution;
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

SessionCalendar build_calendar(const TreatmentPlan& plan, const ProgramTemplate& program,
                               const HolidayCalendar& holidays, HolidayPolicy policy,
                               const std::vector<CalendarEvent>& events) {
  (void)check_plan(plan, program);

  // Events that shape the course.
  int extra_weeks = 0;
  std::optional<Date> discharge;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.date.is_special()) throw ValidationError(event_field(i, "date"), "not-a-date", "is missing", "a calendar date");
    check_event_date(e.date, event_field(i, "date"));
    if (e.new_date) check_event_date(*e.new_date, event_field(i, "new_date"));
    switch (e.kind) {
      case CalendarEvent::Kind::extend:
        if (e.weeks < 1 || e.weeks > 26)
          throw ValidationError(event_field(i, "weeks"), std::to_string(e.weeks), "is not a number of weeks", "1..26");
        extra_weeks += e.weeks;
        if (plan.weeks + extra_weeks > kMaxCourseWeeks)
          throw ValidationError(event_field(i, "weeks"), std::to_string(e.weeks), "extends the course past " +
                                std::to_string(kMaxCourseWeeks) + " weeks",
                                "at most " + std::to_string(kMaxCourseWeeks - plan.weeks - (extra_weeks - e.weeks)) + " more weeks");
        if (plan.weeks + extra_weeks > program.duration.max_weeks && e.note.empty())
          throw ValidationError(event_field(i, "note"), "''", "is empty",
                                "the reason and authorization for extending beyond " + program.duration.describe() +
                                    " weeks");
        break;
      case CalendarEvent::Kind::discharge:
        if (!discharge || e.date < *discharge) discharge = e.date;
        break;
      case CalendarEvent::Kind::change_track: (void)program.track(e.track, event_field(i, "track")); break;
      case CalendarEvent::Kind::change_weekdays: {
        if (e.weekdays.empty() || static_cast<int>(e.weekdays.size()) > program.days_per_week.max ||
            static_cast<int>(e.weekdays.size()) < program.days_per_week.min)
          throw ValidationError(event_field(i, "weekdays"), std::to_string(e.weekdays.size()) + " days",
                                "is outside the program's days a week",
                                std::to_string(program.days_per_week.min) + ".." + std::to_string(program.days_per_week.max));
        for (std::size_t a = 0; a < e.weekdays.size(); ++a)
          for (std::size_t b = 0; b < a; ++b)
            if (e.weekdays[a] == e.weekdays[b])
              throw ValidationError(event_field(i, "weekdays"), std::string(weekday_name(e.weekdays[a])),
                                    "is listed twice", "distinct weekdays");
        break;
      }
      default: break;
    }
  }

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
  cal.discharged_on = discharge;
  cal.events = events;
  int weeks = plan.weeks + extra_weeks;
  const int course_weeks = weeks;  // the phases divide the planned course (with extensions)
  const auto taper = plan.taper ? plan.taper : program.taper;
  const auto base_pattern = plan.weekdays.empty() ? default_weekdays(plan.days_per_week) : plan.weekdays;

  auto pattern_for = [&](int week, Date day) -> std::vector<weekdays> {
    const CalendarEvent* latest = nullptr;
    for (const auto& e : events)
      if (e.kind == CalendarEvent::Kind::change_weekdays && e.date <= day && (!latest || e.date >= latest->date))
        latest = &e;
    if (latest) return latest->weekdays;
    if (taper && week >= weeks - taper->final_weeks) return default_weekdays(taper->days_per_week);
    return base_pattern;
  };
  auto track_for = [&](Date day) -> const Track& {
    const CalendarEvent* latest = nullptr;
    for (const auto& e : events)
      if (e.kind == CalendarEvent::Kind::change_track && e.date <= day && (!latest || e.date >= latest->date))
        latest = &e;
    return program.track(latest ? latest->track : plan.track, "track");
  };
  auto closed_causes = [&](Date day) {
    auto causes = holidays.closures_on(day);
    if (causes.empty()) causes.push_back({"closed weekday", day, day, ClosureKind::closure, ""});
    return causes;
  };

  std::vector<Occurrence> occurrences;
  int deficit = 0;
  for (int w = 0; w < weeks; ++w) {
    const Date week_start = plan.start_date + days(7 * w);
    const Date week_end = week_start + days(6);
    std::vector<Date> pattern_days;
    for (Date d = week_start; d <= week_end; d += days(1))
      if (in_pattern(pattern_for(w, d), d)) pattern_days.push_back(d);
    std::vector<Date> taken;
    for (Date d : pattern_days)
      if (holidays.is_open(d)) taken.push_back(d);
    auto free_day = [&](Date d) {
      return holidays.is_open(d) && std::find(taken.begin(), taken.end(), d) == taken.end() &&
             std::find(pattern_days.begin(), pattern_days.end(), d) == pattern_days.end();
    };
    for (Date d : pattern_days) {
      if (holidays.is_open(d)) {
        occurrences.push_back({d, d, ""});
        continue;
      }
      const auto causes = closed_causes(d);
      switch (policy) {
        case HolidayPolicy::skip: cal.gaps.push_back({d, w, causes, "skipped"}); break;
        case HolidayPolicy::extend:
          cal.gaps.push_back({d, w, causes, "skipped; course extended"});
          ++deficit;
          break;
        case HolidayPolicy::make_up_same_week: {
          std::optional<Date> target;
          for (Date c = d + days(1); c <= week_end && !target; c += days(1))
            if (free_day(c)) target = c;
          for (Date c = d - days(1); c >= week_start && !target; c -= days(1))
            if (free_day(c)) target = c;
          if (target) {
            taken.push_back(*target);
            occurrences.push_back({d, *target, "made up for " + causes_text(causes)});
            cal.gaps.push_back({d, w, causes, "moved to " + to_iso_string(*target)});
          } else {
            cal.gaps.push_back({d, w, causes, "skipped: no open day left in the week"});
          }
          break;
        }
      }
    }
  }
  if (taper) {
    cal.taper = taper;
    cal.tapered_from_week = weeks - taper->final_weeks;
  }
  if (deficit > 0) {
    // Keep the session count: continue the last week's pattern after the planned end.
    const Date course_end = plan.start_date + days(7 * weeks - 1);
    const auto pattern = pattern_for(weeks - 1, course_end);
    const Date limit = course_end + days(7 * 26);
    Date d = course_end + days(1);
    for (; deficit > 0; d += days(1)) {
      if (d > limit)
        throw ValidationError("holiday_policy", "extend", "cannot find enough open days within 26 weeks",
                              "a holiday calendar with open pattern days after the course");
      if (!in_pattern(pattern, d)) continue;
      if (holidays.is_open(d)) {
        occurrences.push_back({d, d, "added to keep the session count"});
        --deficit;
      } else {
        cal.gaps.push_back({d, static_cast<int>((d - plan.start_date).days() / 7), closed_causes(d),
                            "skipped; course extended"});
      }
    }
    weeks = static_cast<int>((d - days(1) - plan.start_date).days() / 7) + 1;
  }
  if (discharge) {
    std::erase_if(occurrences, [&](const Occurrence& o) { return o.date > *discharge; });
    std::erase_if(cal.gaps, [&](const CalendarGap& g) { return g.date > *discharge; });
  }
  cal.weeks = weeks;
  cal.planned_end = plan.start_date + days(7 * weeks - 1);

  // Sessions.
  auto week_of = [&](Date d) { return static_cast<int>((d - plan.start_date).days() / 7); };
  auto make_session = [&](SessionKind kind, Date original, Date date, const Track& track, int start_minutes,
                          std::vector<SessionBlock> blocks, std::string note) {
    const DateTime local(date, boost::posix_time::minutes(start_minutes));
    const ZonedTime start(local, track.zone, Disambiguation::later, "tracks.start");
    int total = 0;
    for (const auto& b : blocks) total += b.minutes;
    const auto end = ZonedTime::from_utc(start.utc() + boost::posix_time::minutes(total), track.zone);
    return Session{plan.id + "-" + std::string(to_string(kind)) + "-" + compact(original), kind, date, original,
                   week_of(date), track.name, start, end, std::move(blocks), AttendanceStatus::scheduled,
                   std::move(note), "", false};
  };
  for (const auto& o : occurrences) {
    const auto& track = track_for(o.date);
    // The phase of the day's original week: its blocks replace the program's.
    const ProgramPhase* phase = program.phase_of_week(week_of(o.original), course_weeks);
    const auto& day_blocks = phase && !phase->daily_blocks.empty() ? phase->daily_blocks : program.daily_blocks;
    std::vector<SessionBlock> blocks;
    int offset = 0;
    for (const auto& b : day_blocks) {
      blocks.push_back({b.modality, offset, b.minutes, b.billing_code});
      offset += b.minutes;
    }
    auto session = make_session(SessionKind::program_day, o.original, o.date, track, track.start.minutes(),
                                std::move(blocks), o.note);
    if (phase) {
      session.phase = phase->name;
      session.bill_blocks = phase->billing == PhaseBilling::itemized;
    }
    cal.sessions.push_back(std::move(session));
  }
  std::sort(cal.sessions.begin(), cal.sessions.end(),
            [](const Session& a, const Session& b) { return a.start.utc() < b.start.utc(); });

  // Separate sessions placed by the program's frequencies, right after the program day.
  auto place = [&](const std::optional<SessionFrequency>& frequency, SessionKind kind, Modality modality) {
    if (!frequency) return;
    const auto& info = modality_info(modality);
    const int minutes = info.default_minutes;
    std::string code(info.default_code);
    if (modality == Modality::individual_therapy)
      if (auto by_minutes = psychotherapy_code_for_minutes(minutes)) code = std::string(*by_minutes);
    std::map<int, int> placed;  // period -> sessions placed
    std::vector<Session> extra;
    for (const auto& s : cal.sessions) {
      if (s.kind != SessionKind::program_day) continue;
      const int period = week_of(s.original_date) / frequency->per_weeks;
      if (placed[period] >= frequency->sessions) continue;
      ++placed[period];
      const auto& track = program.track(s.track);
      // Right after the program day, or after a separate session already placed that day.
      auto latest_end = s.end.utc();
      for (const auto& other : extra)
        if (other.date == s.date) latest_end = std::max(latest_end, other.end.utc());
      for (const auto& other : cal.sessions)
        if (other.date == s.date && other.kind != SessionKind::program_day) latest_end = std::max(latest_end, other.end.utc());
      const auto local_end = ZonedTime::from_utc(latest_end, track.zone).local();
      auto session = make_session(kind, s.original_date, s.date, track,
                                  static_cast<int>(local_end.time_of_day().total_seconds() / 60),
                                  {{modality, 0, minutes, code}}, "after the program day");
      extra.push_back(std::move(session));
    }
    cal.sessions.insert(cal.sessions.end(), extra.begin(), extra.end());
  };
  place(program.individual_therapy, SessionKind::individual_therapy, Modality::individual_therapy);
  place(program.medication_management, SessionKind::medication_management, Modality::medication_management);

  // Reschedules, then attendance, in the order recorded.
  auto find_session = [&](Date date, SessionKind kind, std::size_t i) -> Session& {
    for (auto& s : cal.sessions)
      if (s.date == date && s.kind == kind) return s;
    throw ValidationError(event_field(i, "date"), to_iso_string(date),
                          "has no " + std::string(to_string(kind)) + " session", "the date of a scheduled session");
  };
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.kind != CalendarEvent::Kind::reschedule) continue;
    if (!e.new_date) throw ValidationError(event_field(i, "new_date"), "", "is missing", "the new date of the session");
    if (!holidays.is_open(*e.new_date))
      throw ValidationError(event_field(i, "new_date"), to_iso_string(*e.new_date),
                            "is a closed day" + (holidays.closures_on(*e.new_date).empty()
                                                     ? std::string()
                                                     : " (" + causes_text(holidays.closures_on(*e.new_date)) + ")"),
                            "an open day of the holiday calendar");
    auto& moved = find_session(e.date, e.session_kind, i);
    for (const auto& s : cal.sessions)
      if (&s != &moved && s.date == *e.new_date && s.kind == e.session_kind)
        throw ValidationError(event_field(i, "new_date"), to_iso_string(*e.new_date),
                              "already has a " + std::string(to_string(e.session_kind)) + " session",
                              "a day without one");
    const Date from = moved.date;
    const auto& track = program.track(moved.track);
    const int start_minutes =
        e.new_start ? e.new_start->minutes() : static_cast<int>(moved.start.local().time_of_day().total_seconds() / 60);
    const int shift = start_minutes - static_cast<int>(moved.start.local().time_of_day().total_seconds() / 60);
    auto rebuilt = make_session(moved.kind, moved.original_date, *e.new_date, track, start_minutes, moved.blocks,
                                "rescheduled from " + to_iso_string(from) + (e.note.empty() ? "" : ": " + e.note));
    rebuilt.status = moved.status;
    rebuilt.phase = moved.phase;
    rebuilt.bill_blocks = moved.bill_blocks;
    moved = std::move(rebuilt);
    if (e.session_kind == SessionKind::program_day)
      for (auto& s : cal.sessions)  // the separate sessions that follow this program day move with it
        if (s.kind != SessionKind::program_day && s.date == from) {
          const int minutes = static_cast<int>(s.start.local().time_of_day().total_seconds() / 60) + shift;
          auto companion = make_session(s.kind, s.original_date, *e.new_date, program.track(s.track), minutes, s.blocks,
                                        "rescheduled with the program day from " + to_iso_string(from));
          companion.status = s.status;
          s = std::move(companion);
        }
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (e.kind != CalendarEvent::Kind::attendance) continue;
    auto& s = find_session(e.date, e.session_kind, i);
    s.status = e.status;
    if (!e.note.empty()) s.note = s.note.empty() ? e.note : s.note + "; " + e.note;
  }
  std::sort(cal.sessions.begin(), cal.sessions.end(), [](const Session& a, const Session& b) {
    return a.start.utc() != b.start.utc() ? a.start.utc() < b.start.utc() : a.kind < b.kind;
  });

  if (const auto* site = [&]() -> const Site* {
        for (const auto& m : program.delivery)
          if (m.kind == DeliveryKind::in_person && m.site) return &*m.site;
        return nullptr;
      }();
      plan.delivery.kind == DeliveryKind::in_person && site)
    cal.location = site->name + (site->city.empty() ? "" : ", " + site->city) + ", " + site->state;
  else
    cal.location = "Telehealth (live video); patient located in " + plan.delivery.patient_state.value_or("?");
  return cal;
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
    e.expect_only({"kind", "date", "session", "status", "new_date", "new_start", "track", "weekdays", "weeks", "note"});
    const auto kind_field = e.at("kind");
    CalendarEvent ev;
    ev.kind = parse_enum(kEventKinds, kind_field.as_string(), kind_field.path(), "an event kind");
    ev.date = e.at("date").as_date();
    if (auto v = e.find("session")) ev.session_kind = parse_session_kind(v->as_string(), v->path());
    if (auto v = e.find("status")) ev.status = parse_attendance_status(v->as_string(), v->path());
    if (auto v = e.find("new_date")) ev.new_date = v->as_date();
    if (auto v = e.find("new_start")) ev.new_start = TimeOfDay::parse(v->as_string(), v->path());
    if (auto v = e.find("track")) ev.track = v->as_identifier();
    if (auto v = e.find("weekdays"))
      for (std::size_t k = 0; k < v->array_size(7); ++k)
        ev.weekdays.push_back(parse_weekday(v->at(k).as_string(), v->at(k).path()));
    if (auto v = e.find("weeks")) ev.weeks = static_cast<int>(v->as_int(1, 26));
    if (auto v = e.find("note")) ev.note = v->as_text();
    switch (ev.kind) {
      case CalendarEvent::Kind::attendance:
        if (!e.find("status")) throw ValidationError(e.path() + ".status", "", "is missing", "an attendance status");
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

json to_json(const std::vector<CalendarEvent>& events) {
  json out = json::array();
  for (const auto& e : events) {
    json j{{"kind", to_string(e.kind)}, {"date", to_iso_string(e.date)}};
    switch (e.kind) {
      case CalendarEvent::Kind::attendance:
        j["status"] = to_string(e.status);
        j["session"] = to_string(e.session_kind);
        break;
      case CalendarEvent::Kind::reschedule:
        j["session"] = to_string(e.session_kind);
        if (e.new_date) j["new_date"] = to_iso_string(*e.new_date);
        if (e.new_start) j["new_start"] = e.new_start->to_string();
        break;
      case CalendarEvent::Kind::change_track: j["track"] = e.track; break;
      case CalendarEvent::Kind::change_weekdays:
        j["weekdays"] = json::array();
        for (auto d : e.weekdays) j["weekdays"].push_back(weekday_name(d));
        break;
      case CalendarEvent::Kind::extend: j["weeks"] = e.weeks; break;
      case CalendarEvent::Kind::discharge:
      case CalendarEvent::Kind::review: break;
    }
    if (!e.note.empty()) j["note"] = e.note;
    out.push_back(std::move(j));
  }
  return out;
}

// Members are emplaced one by one: nlohmann's initializer lists copy a
// temporary for every pair, which made writing a calendar cost several times
// building it.
json to_json(const Session& s) {
  json blocks = json::array();
  for (const auto& b : s.blocks) {
    json block = json::object();
    block.emplace("modality", to_string(b.modality));
    block.emplace("offset_minutes", b.offset_minutes);
    block.emplace("minutes", b.minutes);
    block.emplace("billing_code", b.billing_code);
    blocks.push_back(std::move(block));
  }
  json j = json::object();
  j.emplace("uid", s.uid);
  j.emplace("kind", to_string(s.kind));
  j.emplace("date", to_iso_string(s.date));
  j.emplace("week", s.week);
  j.emplace("track", s.track);
  j.emplace("start", s.start);
  j.emplace("end", s.end);
  j.emplace("minutes", s.minutes());
  j.emplace("blocks", std::move(blocks));
  j.emplace("status", to_string(s.status));
  if (!s.phase.empty()) j.emplace("phase", s.phase);
  if (s.bill_blocks) j.emplace("bill_blocks", true);
  if (s.original_date != s.date) j.emplace("original_date", to_iso_string(s.original_date));
  if (!s.note.empty()) j.emplace("note", s.note);
  return j;
}

json to_json(const SessionCalendar& cal) {
  json sessions = json::array();
  for (const auto& s : cal.sessions) sessions.push_back(to_json(s));
  json gaps = json::array();
  for (const auto& g : cal.gaps) {
    json causes = json::array();
    for (const auto& h : g.causes)
      causes.push_back({{"name", h.name},
                        {"actual", to_iso_string(h.actual)},
                        {"observed", to_iso_string(h.observed)},
                        {"kind", to_string(h.kind)}});
    gaps.push_back({{"date", to_iso_string(g.date)}, {"week", g.week}, {"causes", std::move(causes)}, {"resolution", g.resolution},
                    {"description", g.describe()}});
  }
  json weeks = json::array();
  for (const auto& w : weekly_hours(cal)) {
    weeks.push_back({{"week", w.week},
                     {"first_day", to_iso_string(w.first_day)},
                     {"last_day", to_iso_string(w.last_day)},
                     {"sessions", w.sessions},
                     {"scheduled_minutes", w.scheduled_minutes},
                     {"attended_minutes", w.attended_minutes},
                     {"within_bounds", w.within_bounds},
                     {"causes", w.causes}});
    if (!w.phase.empty()) weeks.back()["phase"] = w.phase;
  }
  const auto t = calendar_totals(cal);
  json out{{"plan_id", cal.plan_id},
           {"patient_id", cal.patient_id},
           {"program", cal.program_id},
           {"program_name", cal.program_name},
           {"level_of_care", to_string(cal.level_of_care)},
           {"age_group", to_string(cal.age_group)},
           {"weekly_hours_bounds", weekly_hours_bounds(cal.level_of_care, cal.age_group).describe()},
           {"start_date", to_iso_string(cal.start_date)},
           {"planned_end", to_iso_string(cal.planned_end)},
           {"weeks", cal.weeks},
           {"holiday_policy", to_string(cal.holiday_policy)},
           {"holiday_calendar", cal.holiday_calendar},
           {"location", cal.location},
           {"sessions", std::move(sessions)},
           {"gaps", std::move(gaps)},
           {"weekly_hours", std::move(weeks)},
           {"totals",
            {{"sessions", t.sessions},
             {"program_days", t.program_days},
             {"scheduled_minutes", t.scheduled_minutes},
             {"attended_minutes", t.attended_minutes},
             {"billable_days", t.billable_days},
             {"days_with_fewer_than_3_services", t.days_with_fewer_than_3_services},
             {"days_with_3_services", t.days_with_3_services},
             {"days_with_4_or_more_services", t.days_with_4_or_more_services}}},
           {"events", to_json(cal.events)}};
  if (cal.discharged_on) out["discharged_on"] = to_iso_string(*cal.discharged_on);
  if (cal.taper) {
    out["taper"] = {{"final_weeks", cal.taper->final_weeks}, {"days_per_week", cal.taper->days_per_week}};
    out["tapered_from_week"] = cal.tapered_from_week;
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
  in.expect_only({"local", "zone", "utc", "offset"});
  auto utc = in.at("utc").as_string();
  if (utc.empty() || utc.back() != 'Z')
    throw ValidationError(in.at("utc").path(), iop::quoted(utc), "is not a UTC instant", "YYYY-MM-DDTHH:MM:SSZ");
  utc.pop_back();
  const auto t = ZonedTime::from_utc(parse_date_time(utc, in.at("utc").path()), in.at("zone").as_time_zone());
  if (t.local() != in.at("local").as_date_time())
    throw ValidationError(in.at("local").path(), iop::quoted(in.at("local").as_string()),
                          "is not the local time of the instant", to_iso_string(t.local()));
  return t;
}

Session read_session(const JsonReader& in) {
  in.expect_only({"uid", "kind", "date", "original_date", "week", "track", "start", "end", "minutes", "blocks", "status",
                  "phase", "bill_blocks", "note"});
  const auto kind = in.at("kind");
  const auto date = in.at("date").as_date();
  Session s{in.at("uid").as_string(),
            parse_session_kind(kind.as_string(), kind.path()),
            date,
            in.find("original_date") ? in.at("original_date").as_date() : date,
            static_cast<int>(in.at("week").as_int(0, 200)),
            in.at("track").as_identifier(),
            zoned_from_json(in.at("start")),
            zoned_from_json(in.at("end")),
            {},
            AttendanceStatus::scheduled,
            {},
            {},
            false};
  const auto blocks = in.at("blocks");
  for (std::size_t i = 0; i < blocks.array_size(); ++i) {
    const auto b = blocks.at(i);
    b.expect_only({"modality", "offset_minutes", "minutes", "billing_code"});
    const auto modality = b.at("modality");
    s.blocks.push_back({parse_modality(modality.as_string(), modality.path()),
                        static_cast<int>(b.at("offset_minutes").as_int(0, 1440)),
                        static_cast<int>(b.at("minutes").as_int(1, 1440)), b.at("billing_code").as_string()});
  }
  const auto status = in.at("status");
  s.status = parse_attendance_status(status.as_string(), status.path());
  if (auto v = in.find("note")) s.note = v->as_text();
  if (auto v = in.find("phase")) s.phase = v->as_identifier();
  if (auto v = in.find("bill_blocks")) {
    s.bill_blocks = v->as_bool();
    if (s.bill_blocks && s.phase.empty())
      throw ValidationError(v->path(), "true", "is given without a phase", "bill_blocks only on a program day of a phase");
  }
  if (s.minutes() != in.at("minutes").as_int(0, 1440))
    throw ValidationError(in.at("minutes").path(), std::to_string(in.at("minutes").as_int(0, 1440)),
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
  in.expect_only({"plan_id", "patient_id", "program", "program_name", "level_of_care", "age_group", "weekly_hours_bounds",
                  "start_date", "planned_end", "weeks", "holiday_policy", "holiday_calendar", "location", "sessions",
                  "gaps", "weekly_hours", "totals", "events", "discharged_on", "taper", "tapered_from_week"});
  SessionCalendar cal{};
  cal.plan_id = in.at("plan_id").as_identifier();
  cal.patient_id = in.at("patient_id").as_identifier();
  cal.program_id = in.at("program").as_identifier();
  cal.program_name = in.at("program_name").as_identifier();
  const auto level = in.at("level_of_care");
  cal.level_of_care = parse_level_of_care(level.as_string(), level.path());
  const auto age = in.at("age_group");
  cal.age_group = parse_age_group(age.as_string(), age.path());
  cal.start_date = in.at("start_date").as_date();
  cal.planned_end = in.at("planned_end").as_date();
  cal.weeks = static_cast<int>(in.at("weeks").as_int(1, 200));
  const auto policy = in.at("holiday_policy");
  cal.holiday_policy = parse_holiday_policy(policy.as_string(), policy.path());
  cal.holiday_calendar = in.at("holiday_calendar").as_string();
  cal.location = in.at("location").as_string();
  if (auto v = in.find("discharged_on")) cal.discharged_on = v->as_date();
  if (auto v = in.find("taper")) {
    v->expect_only({"final_weeks", "days_per_week"});
    cal.taper = TaperRule{static_cast<int>(v->at("final_weeks").as_int(1, 51)),
                          static_cast<int>(v->at("days_per_week").as_int(1, 7))};
    cal.tapered_from_week = static_cast<int>(in.at("tapered_from_week").as_int(0, 200));
  }
  const auto sessions = in.at("sessions");
  for (std::size_t i = 0; i < sessions.array_size(); ++i) cal.sessions.push_back(read_session(sessions.at(i)));
  const auto gaps = in.at("gaps");
  for (std::size_t i = 0; i < gaps.array_size(); ++i) {
    const auto g = gaps.at(i);
    g.expect_only({"date", "week", "causes", "resolution", "description"});
    CalendarGap gap{g.at("date").as_date(), static_cast<int>(g.at("week").as_int(0, 200)), {}, g.at("resolution").as_string()};
    const auto causes = g.at("causes");
    for (std::size_t k = 0; k < causes.array_size(); ++k) {
      const auto c = causes.at(k);
      c.expect_only({"name", "actual", "observed", "kind"});
      const auto kind = c.at("kind");
      gap.causes.push_back({c.at("name").as_identifier(), c.at("actual").as_date(), c.at("observed").as_date(),
                            parse_closure_kind(kind.as_string(), kind.path()), ""});
    }
    cal.gaps.push_back(std::move(gap));
  }
  cal.events = events_from_json(in.at("events").json(), in.at("events").path());
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
