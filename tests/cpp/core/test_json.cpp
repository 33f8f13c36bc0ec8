#include "iop/core/json.hpp"

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using nlohmann::json;

TEST(Json, WritesCoreValues) {
  json j;
  j["fee"] = iop::Money::parse("$1,234.56");
  j["coinsurance"] = iop::Rate::percent(20);
  j["start"] = iop::parse_date("2026-01-05");
  j["session"] = iop::ZonedTime(iop::parse_date_time("2026-03-09T18:00"),
                                iop::TimeZone::from_name("America/Los_Angeles"));
  EXPECT_EQ(j.dump(),
            R"({"coinsurance":"20%","fee":"1234.56","session":{"local":"2026-03-09T18:00:00",)"
            R"("offset":"-07:00","utc":"2026-03-10T01:00:00Z","zone":"America/Los_Angeles"},"start":"2026-01-05"})");
}

TEST(Json, RoundTripsThroughGet) {
  const json j = {{"fee", "-0.05"}, {"rate", "1/3"}, {"start", "2024-02-29"}};
  EXPECT_EQ(j["fee"].get<iop::Money>().cents(), -5);
  EXPECT_EQ(j["rate"].get<iop::Rate>(), iop::Rate::fraction(1, 3));
  EXPECT_EQ(iop::to_iso_string(j["start"].get<boost::gregorian::date>()), "2024-02-29");
  const json repeated = json::parse(R"({"local":"2026-11-01T01:00","zone":"America/Chicago"})");
  EXPECT_THROW((void)iop::JsonReader(repeated, "t").as_zoned_time(), iop::ValidationError);  // 01:00 happens twice that night
}

TEST(Json, ErrorsCarryThePath) {
  const auto doc = iop::parse_json(R"({"program": {"tracks": [{"zone": "America/Chicago", "start": "2026-01-05"},
                                                            {"zone": "America/Boston", "start": "2026-02-30"}],
                                                 "fee": 259.13}})");
  const iop::JsonReader root(doc, "");
  const auto tracks = root.at("program").at("tracks");
  EXPECT_EQ(tracks.array_size(), 2u);
  EXPECT_EQ(tracks.at(std::size_t{0}).at("zone").as_time_zone().name(), "America/Chicago");
  try {
    (void)tracks.at(std::size_t{1}).at("zone").as_time_zone();
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "program.tracks[1].zone");
  }
  try {
    (void)tracks.at(std::size_t{1}).at("start").as_date();
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.tracks[1].start");
    EXPECT_NE(std::string(e.what()).find("2026-02-30"), std::string::npos);
  }
  try {
    (void)root.at("program").at("fee").as_money();
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "program.fee");
    EXPECT_NE(std::string(e.what()).find("is a JSON number"), std::string::npos);
  }
  try {
    (void)root.at("program").at("weeks");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_STREQ(e.what(), "[iop.validation] program.weeks: is missing; allowed: a required member of program");
  }
  EXPECT_THROW((void)tracks.at(std::size_t{2}), iop::ValidationError);
  EXPECT_THROW((void)root.at("program").expect_only({"tracks"}), iop::ValidationError);
  EXPECT_THROW((void)iop::parse_json("{\"a\": }", "plan.json"), iop::ValidationError);
  const json twelve = 12;
  const json fourteen = 14;
  const json fraction = 12.5;
  EXPECT_EQ(iop::JsonReader(twelve, "weeks").as_int(6, 12), 12);
  EXPECT_THROW((void)iop::JsonReader(fourteen, "weeks").as_int(6, 12), iop::ValidationError);
  EXPECT_THROW((void)iop::JsonReader(fraction, "weeks").as_int(6, 12), iop::ValidationError);
}

}  // namespace
