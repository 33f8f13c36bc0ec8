#include "iop/core/time_of_day.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

TEST(TimeOfDay, ParsesAndFormats) {
  EXPECT_EQ(iop::TimeOfDay::parse("18:00").minutes(), 1080);
  EXPECT_EQ(iop::TimeOfDay::parse("09:05").to_string(), "09:05");
  EXPECT_EQ(iop::TimeOfDay::from_hm(23, 59).minutes(), 1439);
  EXPECT_LT(iop::TimeOfDay::parse("09:00"), iop::TimeOfDay::parse("13:00"));
  for (const char* bad : {"24:00", "9:00", "18:60", "18.00", "", "18:00:00"}) {
    try {
      (void)iop::TimeOfDay::parse(bad, "tracks[0].start");
      ADD_FAILURE() << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "tracks[0].start");
    }
  }
  EXPECT_THROW((void)iop::TimeOfDay::from_hm(24, 0), iop::ValidationError);
}

}  // namespace
