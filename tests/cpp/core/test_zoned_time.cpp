#include "iop/core/zoned_time.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::TimeZone;
using iop::ZonedTime;

TEST(ZonedTime, CarriesLocalZoneUtcAndOffset) {
  const ZonedTime t(iop::parse_date_time("2026-03-09T18:00"), TimeZone::from_name("America/Los_Angeles"));
  EXPECT_EQ(t.to_string(), "2026-03-09T18:00:00-07:00[America/Los_Angeles]");
  EXPECT_EQ(t.utc_string(), "2026-03-10T01:00:00Z");
  EXPECT_EQ(t.utc_offset(), std::chrono::hours(-7));
  EXPECT_TRUE(t.is_dst());
  EXPECT_EQ(t.abbreviation(), "PDT");
  const ZonedTime phx(iop::parse_date_time("2026-07-01T09:00"), TimeZone::from_name("America/Phoenix"));
  EXPECT_EQ(phx.to_string(), "2026-07-01T09:00:00-07:00[America/Phoenix]");
  EXPECT_FALSE(phx.is_dst());
}

TEST(ZonedTime, FromUtcAndEquality) {
  const auto ny = TimeZone::from_name("America/New_York");
  const auto t = ZonedTime::from_utc(iop::parse_date_time("2026-11-01T06:30"), ny);
  EXPECT_EQ(t.to_string(), "2026-11-01T01:30:00-05:00[America/New_York]");  // the second 01:30
  EXPECT_EQ(t, ZonedTime(iop::parse_date_time("2026-11-01T01:30"), ny, iop::Disambiguation::later));
  EXPECT_FALSE(t == ZonedTime(iop::parse_date_time("2026-11-01T01:30"), ny, iop::Disambiguation::earlier));
}

TEST(ZonedTime, SkippedTimeResolvesToTheRealWallTime) {
  const auto ny = TimeZone::from_name("America/New_York");
  const ZonedTime t(iop::parse_date_time("2026-03-08T02:30"), ny, iop::Disambiguation::earlier);
  EXPECT_EQ(t.to_string(), "2026-03-08T03:30:00-04:00[America/New_York]");
  EXPECT_THROW(ZonedTime(iop::parse_date_time("2026-03-08T02:30"), ny), iop::ValidationError);
}

TEST(ZonedTime, ParsesLocalDateTimesStrictly) {
  EXPECT_EQ(iop::to_iso_string(iop::parse_date_time("2026-03-09T18:00")), "2026-03-09T18:00:00");
  EXPECT_EQ(iop::to_iso_string(iop::parse_date_time("2026-03-09 07:05:09")), "2026-03-09T07:05:09");
  for (const char* bad : {"2026-03-09T24:00", "2026-03-09T18:60", "2026-03-09T18:00Z", "2026-03-09",
                          "2026-02-30T10:00", "2026-03-09T18:00:00-07:00", "2026-03-09T8:00"}) {
    try {
      (void)iop::parse_date_time(bad, "track.start");
      ADD_FAILURE() << "accepted " << bad;
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), "track.start");
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos);
    }
  }
}

}  // namespace
