#include "iop/io/session_columns.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace {

iop::Date d(const char* text) { return iop::parse_date(text); }
std::int64_t day_number(iop::Date date) { return (date - iop::Date(1970, 1, 1)).days(); }

iop::TreatmentPlan evening_plan(const char* start, int weeks, int days) {
  iop::TreatmentPlan plan;
  plan.id = "cols";
  plan.patient_id = "p";
  plan.program_id = "la-depression-iop";
  plan.start_date = d(start);
  plan.weeks = weeks;
  plan.days_per_week = days;
  plan.track = "evening";
  return plan;
}

// Program A's evening group at 18:00 in Los Angeles, from Monday 2026-10-26, 6 weeks, 3 days.
// Friday 2026-10-30 18:00 PDT (UTC-7) is 2026-10-31T01:00Z = 1793408400 s since 1970;
// Monday 2026-11-02 18:00 PST (UTC-8) is 2026-11-03T02:00Z = 1793671200 s.
TEST(SessionColumns, OneCalendarByHand) {
  const auto& a = iop::find_program("la-depression-iop");
  std::vector<iop::CalendarEvent> events(1);
  events[0].date = d("2026-10-26");
  events[0].status = iop::AttendanceStatus::missed;
  const auto cal = iop::build_calendar(evening_plan("2026-10-26", 6, 3), a, iop::HolidayCalendar::us_federal(),
                                       iop::HolidayPolicy::skip, events);
  const auto c = iop::session_columns(cal);
  ASSERT_EQ(c.size(), cal.sessions.size());
  EXPECT_EQ(c.programs, std::vector<std::string>{"la-depression-iop"});
  EXPECT_EQ(c.tracks, std::vector<std::string>{"evening"});
  EXPECT_EQ(c.zones, std::vector<std::string>{"America/Los_Angeles"});
  EXPECT_EQ(c.status[0], static_cast<std::uint8_t>(iop::AttendanceStatus::missed));
  for (std::size_t r = 0; r < c.size(); ++r) {
    const auto& s = cal.sessions[r];
    EXPECT_EQ(c.date[r], day_number(s.date));
    EXPECT_EQ(c.week[r], s.week);
    EXPECT_EQ(c.minutes[r], s.minutes());
    EXPECT_EQ(c.end[r] - c.start[r], std::int64_t{s.minutes()} * 60'000'000'000);
    if (s.date == d("2026-10-30") && s.kind == iop::SessionKind::program_day) {
      EXPECT_EQ(c.start[r], 1793408400LL * 1'000'000'000);
      // 18:00 to 21:00 on the wall: 1793408400 s less 7 hours, and 3 hours later.
      EXPECT_EQ(c.local_start[r], (1793408400LL - 7 * 3600) * 1'000'000'000);
      EXPECT_EQ(c.local_end[r], (1793408400LL - 4 * 3600) * 1'000'000'000);
    }
    if (s.date == d("2026-11-02") && s.kind == iop::SessionKind::program_day) {
      EXPECT_EQ(c.start[r], 1793671200LL * 1'000'000'000);
      EXPECT_EQ(c.local_start[r], (1793671200LL - 8 * 3600) * 1'000'000'000);  // still 18:00, now UTC-8
    }
    // Every session's wall time is its own local start, whichever side of November 1 it falls.
    EXPECT_EQ(c.local_start[r], (day_number(s.date) * 86400 + s.start.local().time_of_day().total_seconds()) *
                                    1'000'000'000);
    EXPECT_EQ(c.local_end[r] - c.local_start[r], std::int64_t{s.minutes()} * 60'000'000'000);
  }
}

// A cohort's columns equal each plan's own calendar's, row for row (status aside: the batch has no events).
TEST(SessionColumns, CohortEqualsEachCalendar) {
  const auto& a = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&a};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const std::vector<std::int64_t> starts{day_number(d("2026-10-26")), day_number(d("2026-03-02")), day_number(d("2026-06-29"))};
  const std::vector<std::int64_t> weeks{6, 12, 8}, days{3, 5, 4}, tracks{2, 0, 1}, index{0, 0, 0};
  const iop::BatchPlans plans{starts, weeks, days, tracks, index};
  const auto cohort = iop::session_columns(iop::build_calendars_batch(plans, programs, holidays), plans, programs);
  std::size_t row = 0;
  for (std::size_t i = 0; i < starts.size(); ++i) {
    auto plan = evening_plan("2026-01-05", static_cast<int>(weeks[i]), static_cast<int>(days[i]));
    plan.start_date = iop::Date(1970, 1, 1) + boost::gregorian::days(starts[i]);
    plan.track = a.tracks[static_cast<std::size_t>(tracks[i])].name;
    const auto one = iop::session_columns(iop::build_calendar(plan, a, holidays, iop::HolidayPolicy::skip));
    for (std::size_t r = 0; r < one.size(); ++r, ++row) {
      ASSERT_LT(row, cohort.size());
      EXPECT_EQ(cohort.plan[row], static_cast<std::int32_t>(i));
      EXPECT_EQ(cohort.date[row], one.date[r]);
      EXPECT_EQ(cohort.week[row], one.week[r]);
      EXPECT_EQ(cohort.kind[row], one.kind[r]);
      EXPECT_EQ(cohort.start[row], one.start[r]);
      EXPECT_EQ(cohort.end[row], one.end[r]);
      EXPECT_EQ(cohort.local_start[row], one.local_start[r]);
      EXPECT_EQ(cohort.local_end[row], one.local_end[r]);
      EXPECT_EQ(cohort.minutes[row], one.minutes[r]);
      EXPECT_EQ(cohort.tracks[static_cast<std::size_t>(cohort.track[row])], one.tracks[static_cast<std::size_t>(one.track[r])]);
      EXPECT_EQ(cohort.zones[static_cast<std::size_t>(cohort.zone[row])], "America/Los_Angeles");
    }
  }
  EXPECT_EQ(row, cohort.size());
}

}  // namespace
