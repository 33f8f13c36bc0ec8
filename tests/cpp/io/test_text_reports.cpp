#include "iop/io/text_reports.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "iop/core/json.hpp"

namespace {

iop::TreatmentPlan example_plan() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/plan.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return iop::plan_from_json(iop::parse_json(text.str()));
}

// examples/plan.json: 8 weeks from Monday 2026-03-02, Monday, Wednesday and Friday, evening track at 18:00 in
// Los Angeles, medication management every 2 weeks: 24 program days of 180 min and 4 visits of 30 min.
// Weeks 1, 3, 5, 7 hold a visit: 3 x 180 + 30 = 570 min = 9.5 h; the others 540 min = 9 h; in all
// 24 x 180 + 4 x 30 = 4,440 min = 74 h. Daylight saving starts 2026-03-08: PST the first week, PDT after.
TEST(TextReports, ACalendarWorkedOutByHand) {
  const auto plan = example_plan();
  const auto& program = iop::find_program(plan.program_id);
  const auto calendar = iop::build_calendar(plan, program, iop::HolidayCalendar::preset(program.holiday_preset()),
                                            iop::HolidayPolicy::skip);
  const auto text = iop::to_text(calendar);
  EXPECT_EQ(text.rfind("Calendar of plan plan-001: Los Angeles depression IOP, 2026-03-02 to 2026-04-26 (8 weeks)", 0), 0u);
  EXPECT_NE(text.find("\n  2026-03-02 Mon 18:00-21:00 PST  program_day (180 min) scheduled\n"), std::string::npos);
  EXPECT_NE(text.find("\n  2026-03-02 Mon 21:00-21:30 PST  medication_management (30 min) scheduled  [after the program day]\n"),
            std::string::npos);
  EXPECT_NE(text.find("\n  2026-03-09 Mon 18:00-21:00 PDT  program_day (180 min) scheduled\n"), std::string::npos);
  EXPECT_NE(text.find("\n  week 1 2026-03-02: 9.5 h scheduled, 0 h attended\n"), std::string::npos);
  EXPECT_NE(text.find("\n  week 2 2026-03-09: 9 h scheduled, 0 h attended\n"), std::string::npos);
  EXPECT_NE(text.find("\nTotals: 28 sessions (24 program days), 74 h scheduled, 0 h attended"), std::string::npos);
}

// A review's warnings come before its status, then each reason and the next review.
TEST(TextReports, AReviewPutsItsWarningsFirst) {
  const iop::Trajectory trajectory(iop::Measure::phq9, {{iop::Date(2026, 3, 2), 18}, {iop::Date(2026, 3, 30), 17}});
  const iop::PlanReview review{iop::ReviewStatus::not_improving,
                               trajectory,
                               {"PHQ-9 18 -> 17 over 4 weeks"},
                               std::nullopt,
                               iop::Date(2026, 4, 3),
                               {"PHQ-9 item 9 above 0 on 2026-03-20: same-day follow-up"},
                               {}};
  EXPECT_EQ(iop::to_text(review),
            "WARNING: PHQ-9 item 9 above 0 on 2026-03-20: same-day follow-up\n"
            "Status: " + std::string(iop::to_string(review.status)) + "\n"
            "  - PHQ-9 18 -> 17 over 4 weeks\n"
            "Next review: 2026-04-03\n");
}

// Hours in the catalog are hours and tenths, cut: program A is 180 min a day, 3 to 5 days (9 to 15 h).
TEST(TextReports, TheCatalogInHours) {
  const auto text = iop::to_text(std::vector<iop::ProgramTemplate>{iop::find_program("la-depression-iop")});
  EXPECT_EQ(text.rfind("la-depression-iop: ", 0), 0u);
  EXPECT_NE(text.find(", 3 h a day, 3-5 days a week (9-15 h), "), std::string::npos) << text;
}

}  // namespace
