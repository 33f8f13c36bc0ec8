// One HolidayCalendar, one ProgramTemplate, one Coverage and one FeeSchedule,
// shared read-only by 8 threads that each build calendars and estimates from
// them: every thread must get the bytes a single thread gets. Run under
// ThreadSanitizer (the tsan preset) this is the data-race test of the values
// iop documents as safe to share; under the other presets it checks that
// outputs do not depend on the thread or on what ran before.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/json.hpp"
#include "iop/io/calendar_export.hpp"
#include "iop/io/estimate_export.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace {

nlohmann::json example(const std::string& name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return iop::parse_json(text.str(), name);
}

struct Shared {
  iop::HolidayCalendar holidays;
  iop::ProgramTemplate program;
  iop::Coverage coverage;
  iop::FeeSchedule fees;
  std::vector<iop::TreatmentPlan> plans;
};

// Everything made from the shared values for one plan, as text.
std::string output_of(const Shared& s, const iop::TreatmentPlan& plan) {
  std::string out;
  for (auto policy : {iop::HolidayPolicy::skip, iop::HolidayPolicy::make_up_same_week, iop::HolidayPolicy::extend}) {
    const auto calendar = iop::build_calendar(plan, s.program, s.holidays, policy, {});
    const auto estimate = iop::estimate_cost(calendar, s.program, s.fees, s.coverage);
    out += iop::to_icalendar(calendar) + iop::to_csv(estimate) + iop::to_json(calendar).dump() + "\n";
    // Queries straight on the shared calendar and program.
    for (const auto& session : calendar.sessions) {
      out += s.holidays.is_open(session.date) ? 'o' : 'c';
      out += s.program.track(session.track).name;
    }
  }
  return out;
}

// Everything one thread makes from the shared values: every plan, from the plan `first` on.
std::string outputs(const Shared& s, std::size_t first) {
  std::string out;
  for (std::size_t k = 0; k < s.plans.size(); ++k) out += output_of(s, s.plans[(first + k) % s.plans.size()]);
  return out;
}

TEST(Sharing, EightThreadsShareCalendarProgramAndCoverage) {
  const auto the_case = example("case.json");
  Shared shared{iop::holiday_calendar_from_json(example("holidays.json"), "holidays"),
                iop::program_from_json(example("program.json"), "program"),
                iop::coverage_from_json(the_case.at("coverage"), "coverage"),
                iop::fee_schedule_from_json(the_case.at("fee_schedule"), "fee_schedule"),
                {}};
  auto plan_json = example("plan.json");
  // Goals and baseline scores are dated for the example's start date.
  plan_json.erase("problems");
  plan_json.erase("baseline");
  // Twelve plans: each track, and start dates across a year of holidays.
  for (int i = 0; i < 12; ++i) {
    plan_json["start_date"] = iop::to_iso_string(iop::make_date(2026, 1 + i, 1 + (i * 5) % 28));
    plan_json["track"] = shared.program.tracks[static_cast<std::size_t>(i) % shared.program.tracks.size()].name;
    shared.plans.push_back(iop::plan_from_json(plan_json, "plan"));
  }
  constexpr int kThreads = 8;
  // What one thread alone makes, before any other thread exists: each plan's text once, in each thread's order.
  std::vector<std::string> alone;
  for (const auto& plan : shared.plans) alone.push_back(output_of(shared, plan));
  std::vector<std::string> expected(kThreads);
  for (std::size_t t = 0; t < kThreads; ++t)
    for (std::size_t k = 0; k < alone.size(); ++k) expected[t] += alone[(t + k) % alone.size()];

  std::vector<std::string> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      // Each thread starts at a different plan, so they touch the same values at different times.
      std::string mine;
      for (int round = 0; round < 2; ++round) mine = outputs(shared, static_cast<std::size_t>(t));
      got[static_cast<std::size_t>(t)] = std::move(mine);
    });
  for (auto& thread : threads) thread.join();

  for (std::size_t t = 0; t < kThreads; ++t) EXPECT_EQ(got[t], expected[t]) << "thread " << t;
  EXPECT_NE(expected[0].find("BEGIN:VCALENDAR"), std::string::npos);
}

}  // namespace
