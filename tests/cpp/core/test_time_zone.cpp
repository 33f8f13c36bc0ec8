#include "iop/core/time_zone.hpp"

#include <gtest/gtest.h>

#include "iop/core/date.hpp"
#include "iop/core/error.hpp"
#include "iop/core/zoned_time.hpp"

namespace {

using boost::posix_time::hours;
using boost::posix_time::minutes;
using iop::DateTime;
using iop::Disambiguation;
using iop::LocalTimeKind;
using iop::TimeZone;

DateTime at(const char* text) { return iop::parse_date_time(text); }

TEST(TimeZone, KnowsTheUsZonesByIanaName) {
  for (const char* name : {"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
                           "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"}) {
    EXPECT_EQ(TimeZone::from_name(name).name(), name);
  }
  EXPECT_EQ(TimeZone::from_name("America/Phoenix").standard_offset(), std::chrono::hours(-7));
  EXPECT_FALSE(TimeZone::from_name("America/Phoenix").observes_dst());
  EXPECT_TRUE(TimeZone::from_name("America/Denver").observes_dst());
  // Every zone1970.tab zone of the states and territories, the territories' links, and UTC.
  EXPECT_EQ(TimeZone::supported_names().size(), 38u);
}

// Every zone carries its whole history from 1970 (tzdata `northamerica`, from data/time-zones.json):
// America/Indiana/Indianapolis kept EST all year 1971-2005, so 1990-07-01 12:00 is EST (17:00Z), and
// EDT from 2006 (2006-07-01 12:00 EDT is 16:00Z); America/Indiana/Vincennes was Central 2006-04-02 to
// 2007-11-04 (2007-07-01 12:00 CDT is 17:00Z); America/North_Dakota/Beulah was Mountain until 2010-11-07
// (2009-07-01 12:00 MDT is 18:00Z) and Central after (2011-07-01 12:00 CDT is 17:00Z).
TEST(TimeZone, EveryZoneCarriesItsHistoryFrom1970) {
  const auto indy = TimeZone::from_name("America/Indiana/Indianapolis");
  EXPECT_EQ(indy.first_year(), 1970);
  EXPECT_EQ(indy.to_utc(at("1990-07-01T12:00"), Disambiguation::reject, "tracks[0].start"), at("1990-07-01T17:00"));
  EXPECT_FALSE(indy.is_dst_at(at("1990-07-01T17:00")));
  EXPECT_TRUE(indy.transitions(1990).empty());
  EXPECT_EQ(indy.to_utc(at("2006-07-01T12:00")), at("2006-07-01T16:00"));
  EXPECT_EQ(indy.rules_note().rfind("1970 EST/EDT; 1971-2005 EST; 2006-2100 EST/EDT (IANA tzdata ", 0), 0u)
      << indy.rules_note();
  const auto vincennes = TimeZone::from_name("America/Indiana/Vincennes");
  EXPECT_EQ(vincennes.to_utc(at("2007-07-01T12:00")), at("2007-07-01T17:00"));
  EXPECT_EQ(vincennes.abbreviation_at(at("2007-07-01T17:00")), "CDT");
  const auto beulah = TimeZone::from_name("America/North_Dakota/Beulah");
  EXPECT_EQ(beulah.to_utc(at("2009-07-01T12:00")), at("2009-07-01T18:00"));
  EXPECT_EQ(beulah.to_utc(at("2011-07-01T12:00")), at("2011-07-01T17:00"));
  // 2010-11-07 02:00 MDT becomes 01:00 CST: the clocks did not move back in local terms (UTC-6 both), so the
  // change of zone repeats nothing; it is a transition of offset -06:00 to -06:00, not listed as a change of offset.
  EXPECT_EQ(beulah.transitions(2010).size(), 1u);  // only the spring change (MST to MDT)
  // Metlakatla kept PST all year 1984-2015 and Alaska time from 2019: 2000-01-15 09:00 PST is 17:00Z.
  EXPECT_EQ(TimeZone::from_name("America/Metlakatla").to_utc(at("2000-01-15T09:00")), at("2000-01-15T17:00"));
  // Guam was GST before 2000-12-23 (the same offset, +10): 1995-07-01 09:00 is 23:00Z the day before.
  const auto guam = TimeZone::from_name("Pacific/Guam");
  EXPECT_EQ(guam.to_utc(at("1995-07-01T09:00")), at("1995-06-30T23:00"));
  EXPECT_EQ(guam.abbreviation_at(at("1995-06-30T23:00")), "GST");
  // The 1974 emergency daylight saving: New York was on EDT from 1974-01-06 (12:00 EDT is 16:00Z).
  EXPECT_EQ(TimeZone::from_name("America/New_York").to_utc(at("1974-02-01T12:00")), at("1974-02-01T16:00"));
}

// Hawaii-Aleutian Time observes daylight saving at UTC-10 (HST/HDT): 2026-07-01
// 09:00 HDT is 18:00Z. Guam is UTC+10 all year (ChST): 09:00 is 23:00Z the day before.
// American Samoa is UTC-11 (SST): 09:00 is 20:00Z.
TEST(TimeZone, AleutianAndPacificTerritories) {
  const auto adak = TimeZone::from_name("America/Adak");
  EXPECT_EQ(adak.to_utc(at("2026-07-01T09:00")), at("2026-07-01T18:00"));
  EXPECT_EQ(adak.abbreviation_at(at("2026-07-01T18:00")), "HDT");
  EXPECT_EQ(adak.to_utc(at("2026-01-05T09:00")), at("2026-01-05T19:00"));
  const auto guam = TimeZone::from_name("Pacific/Guam");
  EXPECT_EQ(guam.to_utc(at("2026-07-01T09:00")), at("2026-06-30T23:00"));
  EXPECT_EQ(guam.abbreviation_at(at("2026-06-30T23:00")), "ChST");
  EXPECT_EQ(TimeZone::from_name("Pacific/Pago_Pago").to_utc(at("2026-07-01T09:00")), at("2026-07-01T20:00"));
  EXPECT_NE(TimeZone::from_name("America/St_Thomas").rules_note().find("America/Puerto_Rico"), std::string::npos);
}

TEST(TimeZone, UnknownZoneIsNotFoundAndListsTheSupportedOnes) {
  try {
    (void)TimeZone::from_name("America/Boston", "program.tracks[0].zone");
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "program.tracks[0].zone");
    const std::string what = e.what();
    EXPECT_NE(what.find("'America/Boston'"), std::string::npos);
    EXPECT_NE(what.find("America/Los_Angeles"), std::string::npos);
  }
  EXPECT_THROW((void)TimeZone::from_name("america/chicago"), std::out_of_range);
}

// 2026: the second Sunday of March is 2026-03-08 and the first Sunday of
// November is 2026-11-01 (2026-03-01 and 2026-11-01 are Sundays).
TEST(TimeZone, TransitionsOf2026InLosAngeles) {
  const auto la = TimeZone::from_name("America/Los_Angeles");
  const auto changes = la.transitions(2026);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].utc, at("2026-03-08T10:00"));  // 02:00 PST = 10:00 UTC
  EXPECT_EQ(changes[0].offset_before, std::chrono::hours(-8));
  EXPECT_EQ(changes[0].offset_after, std::chrono::hours(-7));
  EXPECT_EQ(changes[1].utc, at("2026-11-01T09:00"));  // 02:00 PDT = 09:00 UTC
  EXPECT_TRUE(TimeZone::from_name("America/Phoenix").transitions(2026).empty());
}

TEST(TimeZone, PreviousRuleBefore2007) {
  // 2006: first Sunday of April (April 2) to last Sunday of October (October 29).
  const auto ny = TimeZone::from_name("America/New_York");
  const auto changes = ny.transitions(2006);
  EXPECT_EQ(changes[0].utc, at("2006-04-02T07:00"));
  EXPECT_EQ(changes[1].utc, at("2006-10-29T06:00"));
  // 2007: March 11 and November 4.
  EXPECT_EQ(ny.transitions(2007)[0].utc, at("2007-03-11T07:00"));
  EXPECT_EQ(ny.transitions(2007)[1].utc, at("2007-11-04T06:00"));
}

TEST(TimeZone, EveningGroupKeepsItsWallTimeAcrossTheChange) {
  const auto la = TimeZone::from_name("America/Los_Angeles");
  EXPECT_EQ(la.to_utc(at("2026-03-06T18:00")), at("2026-03-07T02:00"));  // PST, UTC-8
  EXPECT_EQ(la.to_utc(at("2026-03-09T18:00")), at("2026-03-10T01:00"));  // PDT, UTC-7
  EXPECT_EQ(la.to_utc(at("2026-10-30T18:00")), at("2026-10-31T01:00"));  // PDT
  EXPECT_EQ(la.to_utc(at("2026-11-02T18:00")), at("2026-11-03T02:00"));  // PST
  const auto phx = TimeZone::from_name("America/Phoenix");
  EXPECT_EQ(phx.to_utc(at("2026-03-06T18:00")), at("2026-03-07T01:00"));
  EXPECT_EQ(phx.to_utc(at("2026-03-09T18:00")), at("2026-03-10T01:00"));
  EXPECT_EQ(TimeZone::from_name("America/Anchorage").to_utc(at("2026-07-01T12:00")), at("2026-07-01T20:00"));
  EXPECT_EQ(TimeZone::from_name("Pacific/Honolulu").to_utc(at("2026-07-01T09:00")), at("2026-07-01T19:00"));
  EXPECT_EQ(TimeZone::from_name("America/Chicago").to_utc(at("2026-01-15T13:00")), at("2026-01-15T19:00"));
  EXPECT_EQ(TimeZone::from_name("America/Denver").to_utc(at("2026-07-15T09:00")), at("2026-07-15T15:00"));
}

TEST(TimeZone, SkippedAndRepeatedLocalTimes) {
  const auto ny = TimeZone::from_name("America/New_York");
  const auto gap = ny.classify(at("2026-03-08T02:30"));
  EXPECT_EQ(gap.kind, LocalTimeKind::skipped);
  EXPECT_EQ(ny.classify(at("2026-03-08T01:59:59")).kind, LocalTimeKind::unique);
  EXPECT_EQ(ny.classify(at("2026-03-08T03:00")).kind, LocalTimeKind::unique);
  EXPECT_THROW((void)ny.to_utc(at("2026-03-08T02:30")), iop::ValidationError);
  EXPECT_EQ(ny.to_utc(at("2026-03-08T02:30"), Disambiguation::earlier), at("2026-03-08T07:30"));
  EXPECT_EQ(ny.to_utc(at("2026-03-08T02:30"), Disambiguation::later), at("2026-03-08T06:30"));

  const auto overlap = ny.classify(at("2026-11-01T01:30"));
  EXPECT_EQ(overlap.kind, LocalTimeKind::repeated);
  EXPECT_EQ(ny.classify(at("2026-11-01T00:59")).kind, LocalTimeKind::unique);
  EXPECT_EQ(ny.classify(at("2026-11-01T02:00")).kind, LocalTimeKind::unique);
  EXPECT_EQ(ny.to_utc(at("2026-11-01T01:30"), Disambiguation::earlier), at("2026-11-01T05:30"));  // EDT
  EXPECT_EQ(ny.to_utc(at("2026-11-01T01:30"), Disambiguation::later), at("2026-11-01T06:30"));    // EST
  try {
    (void)ny.to_utc(at("2026-11-01T01:30"), Disambiguation::reject, "session.start");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "session.start");
    EXPECT_NE(std::string(e.what()).find("2026-11-01T01:30:00 happens twice in America/New_York"),
              std::string::npos)
        << e.what();
  }
}

TEST(TimeZone, UtcToLocalAndAbbreviations) {
  const auto la = TimeZone::from_name("America/Los_Angeles");
  EXPECT_EQ(la.to_local(at("2026-03-08T09:59:59")), at("2026-03-08T01:59:59"));
  EXPECT_EQ(la.to_local(at("2026-03-08T10:00")), at("2026-03-08T03:00"));
  EXPECT_EQ(la.to_local(at("2026-11-01T08:30")), at("2026-11-01T01:30"));  // first 01:30 (PDT)
  EXPECT_EQ(la.to_local(at("2026-11-01T09:30")), at("2026-11-01T01:30"));  // second 01:30 (PST)
  EXPECT_EQ(la.abbreviation_at(at("2026-07-01T00:00")), "PDT");
  EXPECT_EQ(la.abbreviation_at(at("2026-01-01T00:00")), "PST");
  EXPECT_EQ(iop::format_utc_offset(std::chrono::minutes(-420)), "-07:00");
  EXPECT_EQ(iop::format_utc_offset(std::chrono::minutes(330)), "+05:30");
}

// The offset and the daylight-saving flag together, at the edges of 2026's changes in Los Angeles (15 U.S.C.
// 260a: from 2:00 local time on the second Sunday of March, 10:00 UTC on 03-08, to 2:00 local daylight time on
// the first Sunday of November, 09:00 UTC on 11-01), in Indianapolis before Indiana observed daylight saving
// (2006), and in Guam, which never has (UTC+10).
TEST(TimeZone, OffsetAndDstAtTheEdgesOfTheChanges) {
  const auto la = TimeZone::from_name("America/Los_Angeles");
  const auto expect = [](const TimeZone& zone, const char* utc, int offset_hours, bool dst) {
    const auto both = zone.offset_and_dst_at(at(utc));
    EXPECT_EQ(both.offset, std::chrono::hours(offset_hours)) << zone.name() << " " << utc;
    EXPECT_EQ(both.dst, dst) << zone.name() << " " << utc;
  };
  expect(la, "2026-03-08T09:59:59", -8, false);
  expect(la, "2026-03-08T10:00", -7, true);
  expect(la, "2026-11-01T08:59:59", -7, true);
  expect(la, "2026-11-01T09:00", -8, false);
  expect(TimeZone::from_name("America/Indiana/Indianapolis"), "1990-07-01T17:00", -5, false);
  expect(TimeZone::from_name("America/Indiana/Indianapolis"), "2026-07-01T17:00", -4, true);
  expect(TimeZone::from_name("Pacific/Guam"), "2026-07-01T17:00", 10, false);
}

TEST(TimeZone, UnsupportedYearsAreRefused) {
  const auto la = TimeZone::from_name("America/Los_Angeles");
  EXPECT_THROW((void)la.to_utc(at("1969-07-01T12:00")), iop::ValidationError);
  EXPECT_THROW((void)la.to_utc(at("2101-01-01T12:00")), iop::ValidationError);
  EXPECT_THROW((void)la.transitions(1969), iop::ValidationError);
  EXPECT_NO_THROW((void)la.to_utc(at("1970-01-01T00:00")));
  EXPECT_NO_THROW((void)la.to_utc(at("2100-12-31T23:59")));
  // The edges to the second, for local times and for the local time of a UTC instant.
  EXPECT_THROW((void)la.classify(at("1969-12-31T23:59:59")), iop::ValidationError);
  // (Built directly: the date parser takes no year past 2100.)
  const auto in_2101 = [](int hours, int minutes, int seconds) {
    return DateTime(iop::Date(2101, 1, 1), boost::posix_time::time_duration(hours, minutes, seconds));
  };
  EXPECT_THROW((void)la.to_utc(in_2101(0, 0, 0)), iop::ValidationError);
  EXPECT_THROW((void)la.offset_at(at("1970-01-01T07:59:59")), iop::ValidationError);  // 1969-12-31T23:59:59 PST
  EXPECT_EQ(la.offset_at(at("1970-01-01T08:00")).count(), -480);
  EXPECT_EQ(la.offset_at(in_2101(7, 59, 59)).count(), -480);  // 2100-12-31T23:59:59 PST
  EXPECT_THROW((void)la.offset_at(in_2101(8, 0, 0)), iop::ValidationError);
  EXPECT_THROW((void)la.offset_and_dst_at(at("1970-01-01T07:59:59")), iop::ValidationError);
  EXPECT_THROW((void)la.offset_and_dst_at(in_2101(8, 0, 0)), iop::ValidationError);
  EXPECT_EQ(la.offset_and_dst_at(in_2101(7, 59, 59)).offset.count(), -480);
  // 1980: last Sunday of April (04-27) to last Sunday of October (10-26), 15 U.S.C. 260a before 1987.
  const auto changes = la.transitions(1980);
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].utc, at("1980-04-27T10:00"));
  EXPECT_EQ(changes[1].utc, at("1980-10-26T09:00"));
}

}  // namespace
