#include "iop/core/date.hpp"

#include <gtest/gtest.h>

#include <cstdio>

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

// Dates are written from their day number by arithmetic: each agrees with Boost's own year, month and
// day, every day from 1400-01-01 to 2400-12-31 (leap centuries 1600, 2000 and 2400; 1700, 1800, 1900,
// 2100, 2200, 2300 not) and every 13th day after, to 9999-12-31.
TEST(Date, IsoTextAgreesWithBoostOnEveryDay) {
  const iop::Date last(9999, 12, 31);
  int checked = 0;
  for (iop::Date d(1400, 1, 1); d <= last; d += boost::gregorian::days(d.year() <= 2400 ? 1 : 13)) {
    const auto ymd = d.year_month_day();
    char expected[32];
    std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                  static_cast<int>(ymd.day));
    ASSERT_EQ(iop::to_iso_string(d), expected);
    ++checked;
  }
  EXPECT_EQ(iop::to_iso_string(last), "9999-12-31");
  EXPECT_EQ(iop::to_iso_string(iop::Date(2000, 2, 29)), "2000-02-29");
  EXPECT_EQ(iop::to_iso_string(iop::Date(1900, 3, 1)), "1900-03-01");
  EXPECT_GT(checked, 570'000);
}

}  // namespace
