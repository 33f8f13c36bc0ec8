#include "iop/calendar/session_calendar.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"

namespace {

using iop::HolidayPolicy;
using iop::SessionKind;
using nlohmann::json;

iop::Date d(const char* text) { return iop::parse_date(text); }

// Program A, evening track, in person, starting Monday 2026-06-29.
iop::TreatmentPlan july_plan(int days_per_week, int weeks = 8) {
  auto j = json::parse(R"({"id": "p1", "patient_id": "x1", "diagnoses": {"primary": "F33.1"},
      "level_of_care": "IOP", "program": "la-depression-iop", "start_date": "2026-06-29",
      "weeks": 8, "days_per_week": 4, "track": "evening", "delivery": {"mode": "in_person"}, "payer": "commercial"})");
  j["days_per_week"] = days_per_week;
  j["weeks"] = weeks;
  return iop::plan_from_json(j);
}

iop::SessionCalendar build(const iop::TreatmentPlan& plan, HolidayPolicy policy,
                           const std::vector<iop::CalendarEvent>& events = {}) {
  return iop::build_calendar(plan, iop::find_program(plan.program_id), iop::HolidayCalendar::us_federal(), policy,
                             events);
}

std::vector<const iop::Session*> program_days(const iop::SessionCalendar& cal) {
  std::vector<const iop::Session*> out;
  for (const auto& s : cal.sessions)
    if (s.kind == SessionKind::program_day) out.push_back(&s);
  return out;
}

std::vector<std::string> program_dates(const iop::SessionCalendar& cal, int week) {
  std::vector<std::string> out;
  for (const auto& s : cal.sessions)
    if (s.week == week && s.kind == SessionKind::program_day) out.push_back(iop::to_iso_string(s.date));
  return out;
}

TEST(SessionCalendar, DefaultWeekdayRule) {
  using namespace boost::date_time;
  EXPECT_EQ(iop::default_weekdays(3), (std::vector<weekdays>{Monday, Wednesday, Friday}));
  EXPECT_EQ(iop::default_weekdays(4), (std::vector<weekdays>{Monday, Tuesday, Thursday, Friday}));
  EXPECT_THROW((void)iop::default_weekdays(0), iop::ValidationError);
}

// 2026-07-03 is Independence Day observed (July 4 is a Saturday). Four days a week
// is Monday, Tuesday, Thursday, Friday: the Friday of the first week is closed.
// Program A also has a 30-minute medication visit every 2 weeks, after the first
// program day of each period (here Monday 06-29), so week 0 has 30 extra minutes.
TEST(SessionCalendar, IndependenceDayUnderSkip) {
  const auto cal = build(july_plan(4), HolidayPolicy::skip);
  EXPECT_EQ(program_dates(cal, 0), (std::vector<std::string>{"2026-06-29", "2026-06-30", "2026-07-02"}));
  ASSERT_EQ(cal.gaps.size(), 1u);
  EXPECT_EQ(cal.gaps[0].describe(), "2026-07-03 Independence Day (observed; actual 2026-07-04): skipped");
  const auto weeks = iop::weekly_hours(cal);
  ASSERT_EQ(weeks.size(), 8u);
  EXPECT_EQ(weeks[0].scheduled_minutes, 570);  // 3 x 180 + 30: 9.5 hours, still within 9-19
  EXPECT_TRUE(weeks[0].within_bounds);
  EXPECT_EQ(weeks[0].causes, std::vector<std::string>{"2026-07-03 Independence Day (observed; actual 2026-07-04): skipped"});
  EXPECT_EQ(weeks[1].scheduled_minutes, 720);  // 4 x 180, no medication visit in week 1
  EXPECT_EQ(iop::calendar_totals(cal).program_days, 31);  // 8 x 4 - 1
}

TEST(SessionCalendar, IndependenceDayUnderMakeUpSameWeek) {
  const auto cal = build(july_plan(4), HolidayPolicy::make_up_same_week);
  // Nothing is open later that week (Saturday, Sunday), so the latest earlier free weekday: Wednesday 07-01.
  EXPECT_EQ(program_dates(cal, 0), (std::vector<std::string>{"2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02"}));
  EXPECT_EQ(cal.gaps[0].resolution, "moved to 2026-07-01");
  const auto& moved = *program_days(cal)[2];
  EXPECT_EQ(moved.original_date, d("2026-07-03"));
  EXPECT_EQ(moved.note, "made up for 2026-07-03 Independence Day (observed; actual 2026-07-04)");
  EXPECT_EQ(iop::weekly_hours(cal)[0].scheduled_minutes, 750);  // 4 x 180 + 30
  EXPECT_EQ(iop::calendar_totals(cal).program_days, 32);
}

TEST(SessionCalendar, IndependenceDayUnderExtend) {
  const auto cal = build(july_plan(4), HolidayPolicy::extend);
  EXPECT_EQ(program_dates(cal, 0).size(), 3u);
  EXPECT_EQ(iop::calendar_totals(cal).program_days, 32);  // the count is kept
  // The course ended Sunday 2026-08-23; the next pattern day is Monday 2026-08-24.
  EXPECT_EQ(program_days(cal).back()->date, d("2026-08-24"));
  EXPECT_EQ(program_days(cal).back()->note, "added to keep the session count");
  EXPECT_EQ(cal.weeks, 9);
  EXPECT_EQ(cal.planned_end, d("2026-08-30"));
  EXPECT_EQ(cal.gaps[0].resolution, "skipped; course extended");
}

TEST(SessionCalendar, ThreeDayWeekUnderNineHoursIsFlaggedWithItsCause) {
  const auto cal = build(july_plan(3), HolidayPolicy::skip);  // Mon 06-29, Wed 07-01, Fri 07-03 closed
  const auto week = iop::weekly_hours(cal)[0];
  EXPECT_EQ(week.scheduled_minutes, 390);  // 2 x 180 + the 30-minute medication visit: 6.5 h
  EXPECT_FALSE(week.within_bounds);
  ASSERT_EQ(week.causes.size(), 1u);
  EXPECT_EQ(week.causes[0], "2026-07-03 Independence Day (observed; actual 2026-07-04): skipped");
  EXPECT_TRUE(iop::weekly_hours(cal)[1].within_bounds);
}

TEST(SessionCalendar, SessionsKeepTheirWallTimeAcrossDaylightSaving) {
  auto plan = july_plan(3, 6);
  plan.start_date = d("2026-10-26");
  const auto cal = build(plan, HolidayPolicy::skip);
  // Friday 2026-10-30 18:00 PDT (UTC-7) and Monday 2026-11-02 18:00 PST (UTC-8).
  for (const auto* s : program_days(cal)) {
    EXPECT_EQ(s->start.local().time_of_day().hours(), 18);
    if (s->date == d("2026-10-30")) {
      EXPECT_EQ(s->start.utc_string(), "2026-10-31T01:00:00Z");
    }
    if (s->date == d("2026-11-02")) {
      EXPECT_EQ(s->start.utc_string(), "2026-11-03T02:00:00Z");
    }
    EXPECT_EQ(s->end.local().time_of_day().hours(), 21);
  }
  plan.start_date = d("2026-03-02");
  const auto march = build(plan, HolidayPolicy::skip);
  EXPECT_EQ(program_days(march)[2]->start.utc_string(), "2026-03-07T02:00:00Z");  // Fri 03-06, PST
  EXPECT_EQ(program_days(march)[3]->start.utc_string(), "2026-03-10T01:00:00Z");  // Mon 03-09, PDT
}

TEST(SessionCalendar, PhoenixNeverShifts) {
  auto plan = july_plan(3, 8);
  plan.program_id = "az-depression-iop";
  plan.track = "day";
  plan.start_date = d("2026-03-02");
  const auto cal = build(plan, HolidayPolicy::skip);
  for (const auto& s : cal.sessions)
    if (s.kind == SessionKind::program_day) {
      EXPECT_EQ(s.start.utc().time_of_day().hours(), 16);  // 09:00 MST
    }
}

TEST(SessionCalendar, SeparateSessionsFollowTheProgramDay) {
  auto plan = july_plan(3, 6);
  plan.program_id = "iop-benefits-blog";  // individual therapy weekly, medication management every 2 weeks
  plan.track = "day";
  plan.start_date = d("2026-03-02");
  const auto cal = build(plan, HolidayPolicy::skip);
  const auto totals = iop::calendar_totals(cal);
  EXPECT_EQ(totals.program_days, 18);  // 6 x 3, no holidays 2026-03-02..04-12
  EXPECT_EQ(totals.sessions, 18 + 6 + 3);
  EXPECT_EQ(totals.scheduled_minutes, 18 * 180 + 6 * 45 + 3 * 30);
  EXPECT_EQ(totals.days_with_4_or_more_services, 18);
  // Monday 2026-03-02: 09:00-12:00 program day, 12:00-12:45 individual therapy (90834), 12:45-13:15 medication (99214).
  std::vector<const iop::Session*> monday;
  for (const auto& s : cal.sessions)
    if (s.date == d("2026-03-02")) monday.push_back(&s);
  ASSERT_EQ(monday.size(), 3u);
  EXPECT_EQ(iop::to_iso_string(monday[1]->start.local()), "2026-03-02T12:00:00");
  EXPECT_EQ(monday[1]->blocks[0].billing_code, "90834");
  EXPECT_EQ(iop::to_iso_string(monday[2]->start.local()), "2026-03-02T12:45:00");
  EXPECT_EQ(monday[2]->blocks[0].billing_code, "99214");
}

TEST(SessionCalendar, ServicesPerDayBands) {
  auto program = iop::find_program("la-depression-iop");
  program.id = "three-blocks";
  program.daily_blocks = {{iop::Modality::process_group, 60, "90853"}, {iop::Modality::psychoeducation, 60, "90853"},
                          {iop::Modality::skills_training, 60, "90853"}};
  auto plan = july_plan(3, 6);
  plan.program_id = program.id;
  plan.start_date = d("2026-03-02");
  const auto cal = iop::build_calendar(plan, program, iop::HolidayCalendar::us_federal(), HolidayPolicy::skip);
  const auto totals = iop::calendar_totals(cal);
  // 18 program days of 3 blocks; the 30-minute medication visit every 2 weeks (weeks 0, 2, 4)
  // makes 3 of them 4-service days.
  EXPECT_EQ(totals.days_with_3_services, 15);
  EXPECT_EQ(totals.days_with_4_or_more_services, 3);
  EXPECT_EQ(totals.days_with_fewer_than_3_services, 0);
}

TEST(SessionCalendar, EventsAreReplayedExactly) {
  const auto plan = july_plan(4);
  const auto events = iop::events_from_json(json::parse(R"([
      {"kind": "attendance", "date": "2026-06-29", "status": "attended"},
      {"kind": "attendance", "date": "2026-06-30", "status": "missed"},
      {"kind": "attendance", "date": "2026-07-02", "status": "cancelled_by_clinic", "note": "power outage"},
      {"kind": "reschedule", "date": "2026-07-06", "new_date": "2026-07-08", "new_start": "17:00"},
      {"kind": "attendance", "date": "2026-07-08", "status": "made_up"},
      {"kind": "change_track", "date": "2026-07-13", "track": "morning"},
      {"kind": "discharge", "date": "2026-08-07", "note": "early discharge: remission"}])"));
  const auto cal = build(plan, HolidayPolicy::skip, events);
  const auto week0 = iop::weekly_hours(cal)[0];
  // 06-29 program day and medication visit, 06-30 program day; 07-02 cancelled by the clinic, 07-03 holiday.
  EXPECT_EQ(week0.sessions, 3);
  EXPECT_EQ(week0.scheduled_minutes, 390);
  EXPECT_EQ(week0.attended_minutes, 180);
  EXPECT_FALSE(week0.within_bounds);
  EXPECT_EQ(week0.causes.size(), 2u);
  const iop::Session* moved = nullptr;
  for (const auto& s : cal.sessions)
    if (s.date == d("2026-07-08")) moved = &s;
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(iop::to_iso_string(moved->start.local()), "2026-07-08T17:00:00");
  EXPECT_EQ(moved->status, iop::AttendanceStatus::made_up);
  EXPECT_EQ(moved->note, "rescheduled from 2026-07-06");
  for (const auto& s : cal.sessions) {
    EXPECT_LE(s.date, d("2026-08-07"));
    if (s.date >= d("2026-07-13")) {
      EXPECT_EQ(s.track, "morning");
    }
  }
  EXPECT_EQ(program_days(cal).back()->date, d("2026-08-07"));
  EXPECT_EQ(iop::weekly_hours(cal).size(), 6u);  // discharged in week 5
  const auto totals = iop::calendar_totals(cal);
  EXPECT_EQ(totals.billable_days, 2);  // 06-29 attended, 07-08 made up
  // Same inputs, same calendar; the events round-trip through JSON.
  EXPECT_EQ(iop::to_json(cal).dump(), iop::to_json(build(plan, HolidayPolicy::skip,
                                                         iop::events_from_json(iop::to_json(events)))).dump());
}

TEST(SessionCalendar, BadEventsNameTheirField) {
  const auto plan = july_plan(4);
  auto expect_field = [&](const char* text, const char* field, const char* detail) {
    try {
      (void)build(plan, HolidayPolicy::skip, iop::events_from_json(json::parse(text)));
      ADD_FAILURE() << text;
    } catch (const iop::Error& e) {
      EXPECT_EQ(e.field(), field) << e.what();
      EXPECT_NE(std::string(e.what()).find(detail), std::string::npos) << e.what();
    }
  };
  expect_field(R"([{"kind": "attendance", "date": "2026-07-03", "status": "attended"}])", "events[0].date",
               "has no program_day session");
  expect_field(R"([{"kind": "reschedule", "date": "2026-07-06", "new_date": "2026-07-03"}])", "events[0].new_date",
               "Independence Day");
  expect_field(R"([{"kind": "change_track", "date": "2026-07-06", "track": "night"}])", "events[0].track", "'night'");
  expect_field(R"([{"kind": "extend", "date": "2026-08-01", "weeks": 6}])", "events[0].note", "6..12");
  expect_field(R"([{"kind": "attendance", "date": "2026-07-06", "status": "late"}])", "events[0].status", "'late'");
}

TEST(SessionCalendar, ExtensionEventAddsWeeks) {
  const auto events = iop::events_from_json(json::parse(
      R"([{"kind": "extend", "date": "2026-08-20", "weeks": 2, "note": "AUTH-77: partial response"}])"));
  const auto cal = build(july_plan(4), HolidayPolicy::skip, events);
  EXPECT_EQ(cal.weeks, 10);
  EXPECT_EQ(iop::calendar_totals(cal).program_days, 39);  // 10 x 4 - 07-03 (Labor Day 09-07 is after)
}

// A calendar reads back from its JSON, sessions, gaps and events included; an edited total is refused.
TEST(SessionCalendar, JsonRoundTrip) {
  std::vector<iop::CalendarEvent> events(1);
  events[0].date = d("2026-06-29");
  events[0].note = "first day";
  const auto cal = build(july_plan(4), HolidayPolicy::make_up_same_week, events);
  const auto written = iop::to_json(cal);
  const auto back = iop::session_calendar_from_json(written);
  EXPECT_EQ(iop::to_json(back), written);
  EXPECT_EQ(back.sessions.size(), cal.sessions.size());
  EXPECT_EQ(back.sessions[0].status, iop::AttendanceStatus::attended);
  EXPECT_EQ(back.program_name, cal.program_name);
  EXPECT_EQ(iop::to_json(iop::session_from_json(iop::to_json(cal.sessions[3]))), iop::to_json(cal.sessions[3]));
  auto edited = written;
  edited["totals"]["program_days"] = 99;
  try {
    (void)iop::session_calendar_from_json(edited);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "calendar.totals");
  }
  // The November change: 01:30 happens twice; the instant decides which.
  const auto t = iop::ZonedTime::from_utc(iop::parse_date_time("2026-11-01T09:30"), iop::TimeZone::from_name("America/Los_Angeles"));
  auto session = cal.sessions[0];
  session.start = t;
  EXPECT_EQ(iop::session_from_json(iop::to_json(session)).start, t);
}

// The calendar's writer writes each distinct list of blocks once and copies its text after: a course with more
// lists than it keeps (every session its own here), with lists equal but for one member, is still each session's own.
TEST(SessionCalendar, EachSessionsBlocksAreItsOwnWhateverTheirNumber) {
  auto cal = build(july_plan(4), HolidayPolicy::skip);
  ASSERT_GT(cal.sessions.size(), 20u);
  for (std::size_t i = 0; i < cal.sessions.size(); ++i) {
    auto& blocks = cal.sessions[i].blocks;
    switch (i % 4) {
      case 0: break;                                                 // the track's own list
      case 1: blocks.back().minutes += static_cast<int>(i); break;   // one number differs
      case 2: blocks.front().billing_code += std::to_string(i); break;  // one code differs
      default: blocks.push_back(blocks.front());                      // one block more
    }
  }
  const auto written = json::parse(iop::to_json_text(cal));
  ASSERT_EQ(written["sessions"].size(), cal.sessions.size());
  for (std::size_t i = 0; i < cal.sessions.size(); ++i)
    EXPECT_EQ(written["sessions"][i], iop::to_json(cal.sessions[i])) << i;
  EXPECT_EQ(written["sessions"][5]["blocks"].back()["minutes"], cal.sessions[5].blocks.back().minutes);
}

}  // namespace

namespace {

iop::TreatmentPlan program_b_plan(int weeks) {
  auto plan = july_plan(3, weeks);
  plan.program_id = "az-depression-iop";
  plan.track = "day";
  plan.start_date = d("2026-03-02");  // Monday; Mon/Wed/Fri
  return plan;
}

}  // namespace

// Reference program B: "First week: assessments, history, goal setting". Its
// first week is an assessment phase whose days are a diagnostic evaluation
// (90791, 60 min), individual history and goal setting (90837, 60 min) and an
// orientation group (90853, 60 min); from week 2 the treatment phase's DBT,
// CBT, skills and process blocks (60 + 45 + 45 + 30 minutes).
// Weekly hours: 3 days x 180 min + the weekly 45-minute individual session = 585 minutes in both phases.
TEST(SessionCalendar, ProgramBFirstWeekIsAnAssessmentPhase) {
  const auto cal = iop::build_calendar(program_b_plan(6), iop::find_program("az-depression-iop"),
                                       iop::HolidayCalendar::us_federal(), HolidayPolicy::skip);
  const auto days = program_days(cal);
  ASSERT_EQ(days.size(), 18u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(days[static_cast<std::size_t>(i)]->phase, "assessment");
    ASSERT_EQ(days[static_cast<std::size_t>(i)]->blocks.size(), 3u);
    EXPECT_EQ(days[static_cast<std::size_t>(i)]->blocks[0].billing_code, "90791");
    EXPECT_EQ(days[static_cast<std::size_t>(i)]->blocks[1].billing_code, "90837");
    EXPECT_EQ(days[static_cast<std::size_t>(i)]->blocks[2].billing_code, "90853");
  }
  EXPECT_EQ(days[3]->phase, "treatment");
  EXPECT_EQ(days[3]->blocks.size(), 4u);
  EXPECT_EQ(days[3]->blocks[0].modality, iop::Modality::dbt);
  const auto weeks = iop::weekly_hours(cal);
  EXPECT_EQ(weeks[0].phase, "assessment");
  EXPECT_EQ(weeks[1].phase, "treatment");
  EXPECT_EQ(weeks[0].scheduled_minutes, 585);
  EXPECT_EQ(weeks[1].scheduled_minutes, 585);
  // Services a day: 3 in the assessment week (4 on Monday with the individual session), 4 or 5 after.
  const auto totals = iop::calendar_totals(cal);
  EXPECT_EQ(totals.days_with_3_services, 2);
  EXPECT_EQ(totals.days_with_4_or_more_services, 16);
  const auto j = iop::to_json(cal);
  EXPECT_EQ(j["sessions"][0]["phase"], "assessment");
  EXPECT_EQ(j["weekly_hours"][0]["phase"], "assessment");
}

// Phases are checked when a program is read: one phase takes the rest of the
// course, and the fixed ones leave it at least a week of the shortest course.
TEST(SessionCalendar, PhasesAreValidated) {
  auto j = iop::to_json(iop::find_program("az-depression-iop"));
  j["phases"][1]["weeks"] = 2;  // no open phase left
  try {
    (void)iop::program_from_json(j);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.phases");
  }
  j = iop::to_json(iop::find_program("az-depression-iop"));
  j["phases"][0]["weeks"] = 6;  // the shortest course is 6 weeks
  EXPECT_THROW((void)iop::program_from_json(j), iop::ValidationError);
  j = iop::to_json(iop::find_program("az-depression-iop"));
  j["phases"][0]["daily_blocks"][0]["minutes"] = 30;  // 150 minutes: not the 180-minute day
  try {
    (void)iop::program_from_json(j);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.phases[0].daily_blocks");
  }
  // Round trip.
  const auto again = iop::program_from_json(iop::to_json(iop::find_program("az-depression-iop")));
  ASSERT_EQ(again.phases.size(), 2u);
  EXPECT_EQ(again.phases[0].weeks, 1);
  EXPECT_FALSE(again.phases[1].weeks.has_value());
  EXPECT_EQ(again.phase_of_week(0, 8)->name, "assessment");
  EXPECT_EQ(again.phase_of_week(7, 8)->name, "treatment");
}
