#include "iop/clinical/measures.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::DatedScore;
using iop::Measure;
using iop::Severity;

iop::Date d(const char* text) { return iop::parse_date(text); }

TEST(Phq9, ScoresAHandWorkedCase) {
  // 2+2+1+2+1+1+2+1+0 = 12: moderate (10-14), item 9 is 0.
  const auto phq = iop::Phq9::from_items({2, 2, 1, 2, 1, 1, 2, 1, 0});
  EXPECT_EQ(phq.total(), 12);
  EXPECT_EQ(phq.severity(), Severity::moderate);
  EXPECT_FALSE(phq.item9_positive());
  // Only item 9 answered "several days": total 1 (minimal) but flagged.
  const auto flagged = iop::Phq9::from_items({0, 0, 0, 0, 0, 0, 0, 0, 1});
  EXPECT_EQ(flagged.total(), 1);
  EXPECT_EQ(flagged.severity(), Severity::minimal);
  EXPECT_TRUE(flagged.item9_positive());
  EXPECT_EQ(iop::Phq9::from_items({3, 3, 3, 3, 3, 3, 3, 3, 3}).total(), 27);
}

TEST(Phq9, EveryBandEdge) {
  const std::pair<int, Severity> edges[] = {{0, Severity::minimal},  {4, Severity::minimal},
                                            {5, Severity::mild},     {9, Severity::mild},
                                            {10, Severity::moderate}, {14, Severity::moderate},
                                            {15, Severity::moderately_severe}, {19, Severity::moderately_severe},
                                            {20, Severity::severe},  {27, Severity::severe}};
  for (const auto& [total, band] : edges) EXPECT_EQ(iop::severity_of(Measure::phq9, total), band) << total;
  EXPECT_THROW((void)iop::severity_of(Measure::phq9, 28), iop::ValidationError);
  EXPECT_THROW((void)iop::severity_of(Measure::phq9, -1), iop::ValidationError);
}

TEST(Gad7, ScoresAndEveryBandEdge) {
  const auto gad = iop::Gad7::from_items({2, 2, 2, 1, 1, 1, 1});  // 10: moderate
  EXPECT_EQ(gad.total(), 10);
  EXPECT_EQ(gad.severity(), Severity::moderate);
  const std::pair<int, Severity> edges[] = {{0, Severity::minimal}, {4, Severity::minimal},   {5, Severity::mild},
                                            {9, Severity::mild},    {10, Severity::moderate}, {14, Severity::moderate},
                                            {15, Severity::severe}, {21, Severity::severe}};
  for (const auto& [total, band] : edges) EXPECT_EQ(iop::severity_of(Measure::gad7, total), band) << total;
  EXPECT_THROW((void)iop::severity_of(Measure::gad7, 22), iop::ValidationError);
}

TEST(Measures, BadItemsNameTheItem) {
  try {
    (void)iop::Phq9::from_items({1, 1, 1, 4, 1, 1, 1, 1, 1});
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "phq9.items[3]");
    EXPECT_EQ(e.value(), "4");
    EXPECT_EQ(e.allowed(), "0..3");
  }
  try {
    (void)iop::Gad7::from_items({1, 1, -1, 0, 0, 0, 0}, "intake.gad7");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "intake.gad7.items[2]");
  }
  EXPECT_THROW((void)iop::Phq9::from_items({1, 1, 1, 1, 1, 1, 1, 1}), iop::ValidationError);
  EXPECT_THROW((void)iop::Gad7::from_items({1, 1, 1, 1, 1, 1, 1, 1}), iop::ValidationError);
}

TEST(Trajectory, ResponseRemissionAndChange) {
  const iop::Trajectory t(Measure::phq9, {{d("2026-03-02"), 18}, {d("2026-03-16"), 12}, {d("2026-04-13"), 8}});
  EXPECT_EQ(t.change_from_baseline(), -10);
  EXPECT_NEAR(*t.percent_reduction(), 55.5556, 1e-3);  // 10 / 18
  EXPECT_TRUE(t.is_response());                          // 2 * 10 >= 18
  EXPECT_FALSE(t.is_remission());                        // 8 is not below 5
  EXPECT_EQ(t.weeks_without_improvement(), 0);
  // Exactly 50%: 18 -> 9 is a response; 18 -> 10 is not.
  EXPECT_TRUE(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 18}, {d("2026-04-01"), 9}}).is_response());
  EXPECT_FALSE(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 18}, {d("2026-04-01"), 10}}).is_response());
  // Remission is PHQ-9 below 5: 4 is, 5 is not.
  EXPECT_TRUE(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 18}, {d("2026-04-01"), 4}}).is_remission());
  EXPECT_FALSE(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 18}, {d("2026-04-01"), 5}}).is_remission());
  EXPECT_FALSE(iop::Trajectory(Measure::gad7, {{d("2026-03-02"), 15}, {d("2026-04-01"), 2}}).is_remission());
  // A zero baseline has no percentage and no response.
  const iop::Trajectory zero(Measure::phq9, {{d("2026-03-02"), 0}, {d("2026-04-01"), 0}});
  EXPECT_FALSE(zero.percent_reduction());
  EXPECT_FALSE(zero.is_response());
}

TEST(Trajectory, WeeksWithoutImprovement) {
  // Best score 12 first reached on 2026-03-09; latest on 2026-04-06: 28 days = 4 weeks.
  const iop::Trajectory t(Measure::phq9,
                          {{d("2026-04-06"), 12}, {d("2026-03-02"), 15}, {d("2026-03-09"), 12}, {d("2026-03-23"), 13}});
  EXPECT_EQ(t.baseline().date, d("2026-03-02"));  // sorted by date
  EXPECT_EQ(t.weeks_without_improvement(), 4);
  EXPECT_EQ(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 15}}).weeks_without_improvement(), 0);
  // No improvement at all: counted from the baseline (2026-03-02 to 2026-03-22 is 20 days: 2 weeks).
  EXPECT_EQ(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 15}, {d("2026-03-22"), 16}}).weeks_without_improvement(), 2);
}

TEST(Trajectory, RefusesBadScores) {
  EXPECT_THROW(iop::Trajectory(Measure::phq9, {}), iop::ValidationError);
  EXPECT_THROW(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 28}}), iop::ValidationError);
  EXPECT_THROW(iop::Trajectory(Measure::gad7, {{d("2026-03-02"), 22}}), iop::ValidationError);
  EXPECT_THROW(iop::Trajectory(Measure::phq9, {{d("2026-03-02"), 10}, {d("2026-03-02"), 9}}), iop::ValidationError);
}

}  // namespace
