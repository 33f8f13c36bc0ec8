#include "iop/calendar/batch.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "iop/core/error.hpp"

namespace {

std::int64_t day_number(iop::Date d) { return (d - iop::Date(1970, 1, 1)).days(); }

// The batch rows of each plan equal build_calendar's sessions, for every program of
// the catalog, every holiday policy, and start dates spread over several years.
TEST(Batch, AgreesWithBuildCalendar) {
  const auto& catalog = iop::program_catalog();
  std::vector<const iop::ProgramTemplate*> programs;
  for (const auto& p : catalog) programs.push_back(&p);
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(20260629);  // seeded: the same plans on every run
  std::vector<std::int64_t> starts, weeks, days, tracks, program_index;
  for (int i = 0; i < 60; ++i) {
    const auto p = static_cast<std::int64_t>(random() % programs.size());
    const auto& program = *programs[static_cast<std::size_t>(p)];
    program_index.push_back(p);
    starts.push_back(day_number(iop::make_date(2025, 1, 1) + boost::gregorian::days(static_cast<long>(random() % 1100))));
    weeks.push_back(program.duration.min_weeks +
                    static_cast<std::int64_t>(random() % static_cast<unsigned>(program.duration.max_weeks - program.duration.min_weeks + 1)));
    days.push_back(program.days_per_week.min +
                   static_cast<std::int64_t>(random() % static_cast<unsigned>(program.days_per_week.max - program.days_per_week.min + 1)));
    tracks.push_back(static_cast<std::int64_t>(random() % program.tracks.size()));
  }
  const iop::BatchPlans plans{starts, weeks, days, tracks, program_index};
  for (auto policy : {iop::HolidayPolicy::skip, iop::HolidayPolicy::make_up_same_week, iop::HolidayPolicy::extend}) {
    const auto rows = iop::build_calendars_batch(plans, programs, holidays, policy);
    std::size_t row = 0;
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const auto& program = *programs[static_cast<std::size_t>(program_index[i])];
      iop::TreatmentPlan plan;
      plan.id = "batch";
      plan.patient_id = "p";
      plan.program_id = program.id;
      plan.start_date = iop::Date(1970, 1, 1) + boost::gregorian::days(starts[i]);
      plan.weeks = static_cast<int>(weeks[i]);
      plan.days_per_week = static_cast<int>(days[i]);
      plan.track = program.tracks[static_cast<std::size_t>(tracks[i])].name;
      const auto cal = iop::build_calendar(plan, program, holidays, policy);
      for (const auto& s : cal.sessions) {
        ASSERT_LT(row, rows.size());
        EXPECT_EQ(rows.plan[row], static_cast<std::int32_t>(i));
        EXPECT_EQ(rows.date[row], static_cast<std::int32_t>(day_number(s.date))) << program.id << " " << iop::to_iso_string(s.date);
        EXPECT_EQ(rows.local_start[row], s.start.local().time_of_day().total_seconds() / 60);
        EXPECT_EQ(rows.minutes[row], s.minutes());
        EXPECT_EQ(rows.kind[row], static_cast<std::uint8_t>(s.kind));
        ++row;
      }
    }
    EXPECT_EQ(row, rows.size()) << iop::to_string(policy);
  }
}

// A cohort large enough to be split among threads gives the same rows on 1, 2 and 3 threads, in every
// policy; the columns written for numpy hold the same sessions with 64-bit dates and starts.
TEST(Batch, RowsDoNotDependOnTheThreadsAndColumnsMatchThem) {
  const auto& catalog = iop::program_catalog();
  std::vector<const iop::ProgramTemplate*> programs;
  for (const auto& p : catalog) programs.push_back(&p);
  const auto holidays = iop::HolidayCalendar::us_federal();
  std::mt19937 random(27);
  std::vector<std::int64_t> starts, weeks, days, tracks, program_index;
  for (int i = 0; i < 10'000; ++i) {  // three parts of 4,096 plans
    const auto p = static_cast<std::int64_t>(random() % programs.size());
    const auto& program = *programs[static_cast<std::size_t>(p)];
    program_index.push_back(p);
    starts.push_back(day_number(iop::make_date(2025, 1, 1) + boost::gregorian::days(static_cast<long>(random() % 1100))));
    weeks.push_back(program.duration.min_weeks);
    days.push_back(program.days_per_week.max);
    tracks.push_back(static_cast<std::int64_t>(random() % program.tracks.size()));
  }
  const iop::BatchPlans plans{starts, weeks, days, tracks, program_index};
  for (auto policy : {iop::HolidayPolicy::skip, iop::HolidayPolicy::make_up_same_week, iop::HolidayPolicy::extend}) {
    const auto one = iop::build_calendars_batch(plans, programs, holidays, policy, 1);
    for (unsigned threads : {2U, 3U}) {
      const auto many = iop::build_calendars_batch(plans, programs, holidays, policy, threads);
      EXPECT_EQ(many.plan, one.plan);
      EXPECT_EQ(many.date, one.date);
      EXPECT_EQ(many.local_start, one.local_start);
      EXPECT_EQ(many.minutes, one.minutes);
      EXPECT_EQ(many.kind, one.kind);
    }
    const auto layout = iop::layout_calendars_batch(plans, programs, holidays, policy, 2);
    ASSERT_EQ(layout.rows(), one.size());
    std::vector<std::int32_t> plan(layout.rows());
    std::vector<std::int64_t> date(layout.rows()), local_start(layout.rows());
    std::vector<std::int16_t> minutes(layout.rows());
    std::vector<std::uint8_t> kind(layout.rows());
    iop::write_calendars_batch(layout, plans, programs, {plan, date, local_start, minutes, kind}, 2);
    EXPECT_EQ(plan, one.plan);
    EXPECT_EQ(minutes, one.minutes);
    EXPECT_EQ(kind, one.kind);
    for (std::size_t r = 0; r < one.size(); ++r) {
      ASSERT_EQ(date[r], one.date[r]) << r;
      ASSERT_EQ(local_start[r], std::int64_t{one.date[r]} * 1440 + one.local_start[r]) << r;
    }
    // Columns of another length are refused before anything is written.
    std::vector<std::uint8_t> short_kind(3);
    EXPECT_THROW(iop::write_calendars_batch(layout, plans, programs, {plan, date, local_start, minutes, short_kind}),
                 iop::ValidationError);
  }
}

// The layout counts each plan's rows before they are written. Program A (la-depression-iop), from Monday
// 2026-06-29, four days a week (Monday, Tuesday, Thursday, Friday), with a medication visit every 2 weeks.
TEST(Batch, LayoutCountsEachPlansRows) {
  const auto& a = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&a};
  const std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29)), day_number(iop::make_date(2026, 6, 29))};
  const std::vector<std::int64_t> weeks{8, 12}, days{4, 4}, tracks{0, 0}, index{0, 0};
  const auto layout = iop::layout_calendars_batch({starts, weeks, days, tracks, index}, programs,
                                                  iop::HolidayCalendar::us_federal());
  ASSERT_EQ(layout.first_row.size(), 3U);
  EXPECT_EQ(layout.first_row[0], 0U);
  // 8 weeks: 32 pattern days less Friday July 3 (Independence Day observed) = 31, and a medication visit in
  // weeks 1, 3, 5 and 7: 35 rows.
  EXPECT_EQ(layout.first_row[1], 35U);
  // 12 weeks: 48 less July 3 and Labor Day (Monday 2026-09-07) = 46, and visits in weeks 1, 3, ..., 11: 52 rows.
  EXPECT_EQ(layout.first_row[2] - layout.first_row[1], 52U);
}

TEST(Batch, EightWeeksFourDaysWithIndependenceDay) {
  // Program C has weekly individual therapy; start Monday 2026-06-29, 8 weeks, 4 days, skip.
  const auto& c = iop::find_program("depression-iop-guide");
  const std::vector<const iop::ProgramTemplate*> programs{&c};
  const std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29))}, weeks{8}, days{4}, tracks{0}, index{0};
  const auto rows = iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs,
                                               iop::HolidayCalendar::us_federal());
  int program_days = 0;
  for (auto k : rows.kind) program_days += k == 0;
  EXPECT_EQ(program_days, 31);                 // 32 less Friday 2026-07-03
  EXPECT_EQ(rows.size(), 31u + 8u);            // plus one individual session a week
  EXPECT_EQ(rows.local_start[1], 12 * 60);     // after the 09:00-12:00 day
}

TEST(Batch, BadRowsNameThePlan) {
  const auto& c = iop::find_program("depression-iop-guide");
  const std::vector<const iop::ProgramTemplate*> programs{&c};
  const std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29)), day_number(iop::make_date(2026, 6, 29))};
  const std::vector<std::int64_t> weeks{8, 14}, days{4, 4}, tracks{0, 0}, index{0, 0};
  try {
    (void)iop::build_calendars_batch({starts, weeks, days, tracks, index}, programs, iop::HolidayCalendar::us_federal());
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "plans[1].weeks");
    EXPECT_EQ(e.allowed(), "8..12");
  }
  const std::vector<std::int64_t> short_weeks{8};
  EXPECT_THROW((void)iop::build_calendars_batch({starts, short_weeks, days, tracks, index}, programs,
                                                iop::HolidayCalendar::us_federal()),
               iop::ValidationError);
}

// Whatever the threads, the error is the first failing plan's, as one thread checking in order finds it:
// plans 5,000 (weeks) and 9,000 (track) are bad, in different parts of the work (4,096 plans a part).
TEST(Batch, TheFirstBadPlanIsNamedWhateverTheThreads) {
  const auto& c = iop::find_program("depression-iop-guide");
  const std::vector<const iop::ProgramTemplate*> programs{&c};
  const std::size_t n = 3 * 4096 + 5;
  std::vector<std::int64_t> starts(n, day_number(iop::make_date(2026, 6, 29))), weeks(n, 8), days(n, 4), tracks(n, 0),
      index(n, 0);
  weeks[5000] = 14;
  tracks[9000] = 7;
  for (unsigned threads : {1U, 2U, 4U}) {
    try {
      (void)iop::layout_calendars_batch({starts, weeks, days, tracks, index}, programs,
                                        iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip, threads);
      FAIL() << threads;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "plans[5000].weeks") << threads;
    }
  }
  weeks[5000] = 8;
  try {
    (void)iop::layout_calendars_batch({starts, weeks, days, tracks, index}, programs,
                                      iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip, 2);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "plans[9000].track");
  }
}

// A program with no separate sessions, written at numpy's widths (64-bit dates and minutes since 1970) from
// the layout, as the Python package's columns and `out=` are: equal to the 32/16-bit rows, on one thread and
// on two. By hand: 2026-06-29, 8 weeks of Mon/Tue/Thu/Fri at 18:00 less Friday 2026-07-03
// (federal, observed) is 31 days; the second plan, from 2026-12-21 to 2027-02-14, loses Fridays 12-25 and
// 2027-01-01 and Monday 2027-01-18 (Martin Luther King Jr. Day): 29.
TEST(Batch, ProgramDaysOnlyIntoNumpyWidths) {
  auto program = iop::find_program("la-depression-iop");
  program.medication_management.reset();
  program.individual_therapy.reset();
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const std::vector<std::int64_t> starts{day_number(iop::make_date(2026, 6, 29)), day_number(iop::make_date(2026, 12, 21))};
  const std::vector<std::int64_t> weeks{8, 8}, days{4, 4}, tracks{2, 0}, index{0, 0};
  const iop::BatchPlans plans{starts, weeks, days, tracks, index};
  const auto rows = iop::build_calendars_batch(plans, programs, holidays);
  ASSERT_EQ(rows.size(), 31u + 29u);
  for (unsigned threads : {1U, 2U}) {
    const auto layout = iop::layout_calendars_batch(plans, programs, holidays, iop::HolidayPolicy::skip, threads);
    ASSERT_EQ(layout.rows(), rows.size());
    std::vector<std::int32_t> plan(layout.rows(), -1);
    std::vector<std::int64_t> date(layout.rows(), -1), local_start(layout.rows(), -1);
    std::vector<std::int16_t> minutes(layout.rows(), -1);
    std::vector<std::uint8_t> kind(layout.rows(), 9);
    iop::write_calendars_batch(layout, plans, programs, {plan, date, local_start, minutes, kind}, threads);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      EXPECT_EQ(plan[r], rows.plan[r]);
      EXPECT_EQ(date[r], rows.date[r]);
      EXPECT_EQ(local_start[r], std::int64_t{rows.date[r]} * 1440 + rows.local_start[r]);
      EXPECT_EQ(minutes[r], 180);
      EXPECT_EQ(kind[r], 0);
    }
    EXPECT_EQ(date[2], day_number(iop::make_date(2026, 7, 2)));
    EXPECT_EQ(date[3], day_number(iop::make_date(2026, 7, 6)));  // Friday the 3rd skipped
    EXPECT_EQ(local_start[0], day_number(iop::make_date(2026, 6, 29)) * 1440 + 18 * 60);
    EXPECT_EQ(plan[31], 1);
    EXPECT_EQ(date[31], day_number(iop::make_date(2026, 12, 21)));
    EXPECT_EQ(local_start[31], date[31] * 1440 + 9 * 60);
  }
}

// Values that would wrap if narrowed to 32 bits on the way in are refused as they are:
// 2^32 + 8 weeks is not 8 weeks, track 2^32 is not track 0, 2^32 + 3 days is not 3 days.
TEST(Batch, WideValuesAreRefusedNotWrapped) {
  const auto& c = iop::find_program("depression-iop-guide");
  const std::vector<const iop::ProgramTemplate*> programs{&c};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const std::int64_t start = day_number(iop::make_date(2026, 6, 29));
  auto refused = [&](std::int64_t weeks, std::int64_t days, std::int64_t track, std::int64_t program, std::int64_t day,
                     const std::string& field, const std::string& value) {
    const std::vector<std::int64_t> s{day}, w{weeks}, d{days}, t{track}, p{program};
    try {
      (void)iop::build_calendars_batch({s, w, d, t, p}, programs, holidays);
      ADD_FAILURE() << field << " accepted";
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_EQ(e.value(), value);
    }
  };
  refused((1LL << 32) + 8, 4, 0, 0, start, "plans[0].weeks", "4294967304");
  refused(8, (1LL << 32) + 3, 0, 0, start, "plans[0].days_per_week", "4294967299");
  refused(8, 4, 1LL << 32, 0, start, "plans[0].track", "4294967296");
  refused(8, 4, 0, (1LL << 32), start, "plans[0].program", "4294967296");
  refused(8, 4, 0, 0, start + (1LL << 32), "plans[0].start_date", std::to_string(start + (1LL << 32)) + " days since 1970-01-01");
  refused(8, 4, 0, 0, INT64_MIN, "plans[0].start_date", std::to_string(INT64_MIN) + " days since 1970-01-01");
  refused(8, 4, 0, 0, INT64_MAX, "plans[0].start_date", std::to_string(INT64_MAX) + " days since 1970-01-01");
}

}  // namespace
