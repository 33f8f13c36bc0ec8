#include "iop/core/date.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

TEST(Date, ParsesIsoCalendarDates) {
  const auto d = iop::parse_date("2026-01-05");
  EXPECT_EQ(d.year(), 2026);
  EXPECT_EQ(d.month(), 1);
  EXPECT_EQ(d.day(), 5);
  EXPECT_EQ(d.day_of_week(), boost::date_time::Monday);  // 2026-01-05 is a Monday
  EXPECT_EQ(iop::to_iso_string(d), "2026-01-05");
  EXPECT_EQ(iop::to_iso_string(iop::parse_date("2024-02-29")), "2024-02-29");  // leap year
  EXPECT_EQ(iop::make_date(2027, 12, 31), iop::parse_date("2027-12-31"));
}

TEST(Date, InvalidDatesNameTheValueAndField) {
  for (const char* bad : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1-05",
                          "26-01-05", "2026/01/05", "2026-01-05T00:00", "1399-12-31", "", "abcd-ef-gh"}) {
    try {
      (void)iop::parse_date(bad, "plan.start_date");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "plan.start_date");
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW((void)iop::make_date(2026, 2, 30), iop::ValidationError);
}

}  // namespace
