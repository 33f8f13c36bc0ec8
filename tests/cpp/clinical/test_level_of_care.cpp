#include "iop/clinical/level_of_care.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::AgeGroup;
using iop::LevelOfCare;

TEST(LevelOfCare, CodesAsamAndLocus) {
  EXPECT_EQ(iop::to_string(LevelOfCare::intensive_outpatient), "IOP");
  EXPECT_EQ(iop::parse_level_of_care("PHP"), LevelOfCare::partial_hospitalization);
  EXPECT_EQ(iop::asam_level(LevelOfCare::outpatient), "1");
  EXPECT_EQ(iop::asam_level(LevelOfCare::intensive_outpatient), "2.1");
  EXPECT_EQ(iop::asam_level(LevelOfCare::partial_hospitalization), "2.5");
  EXPECT_EQ(iop::asam_level(LevelOfCare::residential), "3.1-3.7");
  EXPECT_EQ(iop::asam_level(LevelOfCare::inpatient), "4");
  EXPECT_EQ(iop::locus_level(LevelOfCare::outpatient), 2);
  EXPECT_EQ(iop::locus_level(LevelOfCare::intensive_outpatient), 3);
  EXPECT_EQ(iop::locus_level(LevelOfCare::partial_hospitalization), 4);
  EXPECT_EQ(iop::locus_level(LevelOfCare::inpatient), 6);
  EXPECT_LT(LevelOfCare::intensive_outpatient, LevelOfCare::partial_hospitalization);
  EXPECT_THROW((void)iop::parse_level_of_care("ICU"), iop::NotFoundError);
}

TEST(LevelOfCare, WeeklyHourBoundsByAgeGroup) {
  const auto adult_iop = iop::weekly_hours_bounds(LevelOfCare::intensive_outpatient, AgeGroup::adult);
  EXPECT_TRUE(adult_iop.contains(9 * 60));
  EXPECT_TRUE(adult_iop.contains(19 * 60));
  EXPECT_FALSE(adult_iop.contains(9 * 60 - 1));
  EXPECT_FALSE(adult_iop.contains(19 * 60 + 1));
  EXPECT_EQ(adult_iop.describe(), "9-19 h");
  const auto teen_iop = iop::weekly_hours_bounds(LevelOfCare::intensive_outpatient, AgeGroup::adolescent);
  EXPECT_TRUE(teen_iop.contains(6 * 60));
  EXPECT_FALSE(teen_iop.contains(6 * 60 - 1));
  EXPECT_EQ(teen_iop.describe(), "6-19 h");
  const auto php = iop::weekly_hours_bounds(LevelOfCare::partial_hospitalization, AgeGroup::adult);
  EXPECT_TRUE(php.contains(20 * 60));
  EXPECT_FALSE(php.contains(20 * 60 - 1));
  EXPECT_EQ(php.describe(), "20 h or more");
  const auto op = iop::weekly_hours_bounds(LevelOfCare::outpatient, AgeGroup::adult);
  EXPECT_TRUE(op.contains(60));
  EXPECT_FALSE(op.contains(9 * 60));
  EXPECT_EQ(op.describe(), "under 9 h");
  EXPECT_EQ(iop::weekly_hours_bounds(LevelOfCare::residential, AgeGroup::adult).describe(),
            "not defined by weekly hours");
  EXPECT_EQ(iop::age_group_for(17), AgeGroup::adolescent);
  EXPECT_EQ(iop::age_group_for(18), AgeGroup::adult);
}

TEST(LevelOfCare, ComparedWithWeeklyTherapy) {
  // 3 h x 5 days = 900 minutes: 15 one-hour sessions, 20 forty-five-minute sessions.
  const auto c = iop::compare_with_weekly_therapy(900);
  EXPECT_DOUBLE_EQ(c.times_low, 15.0);
  EXPECT_DOUBLE_EQ(c.times_high, 20.0);
  // 3 h x 3 days = 540 minutes: 9 to 12 sessions.
  EXPECT_DOUBLE_EQ(iop::compare_with_weekly_therapy(540).times_high, 12.0);
}

}  // namespace
