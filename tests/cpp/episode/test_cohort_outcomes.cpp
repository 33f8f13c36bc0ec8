// A 20-patient cohort worked by hand: examples/outcomes.json (as of 2027-06-30, SD 5, reliability 0.89, by program).
//
// Excluded: P06 (bipolar), P18 (died). No index event: P05 (F32.A is not counted), P07 (no PHQ-9 above 9),
// P19 (no score). Index patients: 15 (alpha P01-P04, P14, P15; beta P08-P13, P16, P17, P20).
// Windows: index + 6 or 12 calendar months, 60 days either side; the most recent score in it counts.
//  6 months: P13 pending (2026-11-02 + 6 months + 60 days = 2027-07-01, after as_of); no score P03, P09, P17;
//            remission P04, P10, P14, P16; response P01 (6 of 18), P08 (5 of 14: the later of 06-01 and 08-31),
//            P12, P15 (2025-08-31 + 6 months = 2026-02-28: its window opens 2025-12-30, the day of its score);
//            no response P02, P11, P20. Denominator 14: remission 4, response 8.
// 12 months: P12, P13 pending; no score P03, P09, P10 (2027-04-04 is a day past its window), P11, P14, P17;
//            remission P01, P08 (2027-03-06: the window's last day), P15, P20; response P02 (7 of 15);
//            no response P04, P16. Denominator 13: remission 4, response 5.
// Reliable change: 1.96 x 5 x sqrt(2) x sqrt(0.11) = 4.5966 points: 6 months improvement 8, deterioration 1 (P11,
// 19 -> 24); 12 months improvement 7 (P04's 11 -> 6 counts: 5 > 4.5966).
// Time to response (Kaplan-Meier, censored at the last score): 14 (P08, P16; P17 censored), 28 (P04, P20; P03, P13
// censored), 42 (P12), 56 (P01, P10; P09 censored): S = 13/15 x 10/12 x 7/8 x 5/7 = 0.451 -> median 56 days.
// alpha: S(28) = 5/6, S(56) = 0.625, S(121) = 0.417 -> 121; beta: S(14) = 7/9, S(28) = 0.648, S(42) = 0.486 -> 42.
// Dropout: 3 against advice (P03, P11, P17) of 14 ended (P13 ongoing).

#include <algorithm>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/episode/cohort_outcomes.hpp"

namespace {

using nlohmann::json;
using iop::Date;

json example() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/outcomes.json");
  return json::parse(in);
}

iop::CohortOutcomes outcomes_of(const json& request, std::optional<double> sd = 5.0) {
  iop::CohortData data;
  iop::add_patients_from_json(data, request.at("patients"));
  iop::CohortOptions options;
  options.as_of = Date(2027, 6, 30);
  options.reliability = 0.89;
  options.sd = sd;
  options.by = {iop::CohortDimension::program};
  return iop::cohort_outcomes(data, options);
}

TEST(CohortOutcomes, TheHandWorkedCohort) {
  const auto o = outcomes_of(example());
  ASSERT_EQ(o.groups.size(), 3U);
  const auto& all = o.groups[0];
  EXPECT_EQ(all.patients, 20);
  EXPECT_EQ(all.excluded, 2);
  EXPECT_EQ(all.no_index, 3);
  EXPECT_EQ(all.index_patients, 15);
  EXPECT_EQ(all.months[0].denominator, 14);
  EXPECT_EQ(all.months[0].pending, 1);
  EXPECT_EQ(all.months[0].no_score, 3);
  EXPECT_EQ(all.months[0].remission, 4);
  EXPECT_EQ(all.months[0].response, 8);
  EXPECT_EQ(all.months[0].reliable_improvement, 8);
  EXPECT_EQ(all.months[0].reliable_deterioration, 1);
  EXPECT_EQ(all.months[1].denominator, 13);
  EXPECT_EQ(all.months[1].pending, 2);
  EXPECT_EQ(all.months[1].no_score, 6);
  EXPECT_EQ(all.months[1].remission, 4);
  EXPECT_EQ(all.months[1].response, 5);
  EXPECT_EQ(all.months[1].reliable_improvement, 7);
  EXPECT_EQ(all.responders, 10);
  EXPECT_EQ(all.median_days_to_response, 56.0);
  EXPECT_EQ(all.ended, 14);
  EXPECT_EQ(all.against_advice, 3);
  EXPECT_NEAR(o.threshold, 4.5966, 1e-4);

  const auto& alpha = o.groups[1];
  EXPECT_EQ(alpha.key, std::vector<std::string>{"alpha"});
  EXPECT_EQ(alpha.index_patients, 6);
  EXPECT_EQ(alpha.months[0].response, 4);
  EXPECT_EQ(alpha.months[1].response, 3);
  EXPECT_EQ(alpha.median_days_to_response, 121.0);
  EXPECT_EQ(alpha.against_advice, 1);
  const auto& beta = o.groups[2];
  EXPECT_EQ(beta.months[0].denominator, 8);
  EXPECT_EQ(beta.months[1].denominator, 7);
  EXPECT_EQ(beta.months[1].no_score, 4);
  EXPECT_EQ(beta.median_days_to_response, 42.0);
  EXPECT_EQ(beta.ended, 8);

  const auto& p = o.patients;  // P02: 15 on 2026-01-12; first at least halved 2027-02-15 (7): 399 days
  EXPECT_EQ(p.days_to_response[1], 399);
  EXPECT_EQ(p.status[1][1], iop::HorizonStatus::response);
  EXPECT_EQ(p.days_to_response[14], 121);  // P15
  EXPECT_EQ(p.score[0][14], 8);
  EXPECT_EQ(p.status[0][10], iop::HorizonStatus::no_response);  // P11, 19 -> 24: a reliable deterioration
  EXPECT_EQ(p.reliable[0][10], 1);
  EXPECT_EQ(p.reliable[1][3], -1);  // P04, 11 -> 6
  EXPECT_EQ(p.index_day[4], -1);    // P05, F32.A
}

TEST(CohortOutcomes, RowsInAnyOrderGiveTheSameOutcomes) {
  // examples/outcomes.json lists each patient's scores by date (the kernel's in-order path); reversed, every row
  // goes through the sort. The groups and every patient's outcome are the same.
  iop::CohortData data;
  iop::add_patients_from_json(data, example().at("patients"));
  iop::CohortOptions options;
  options.as_of = Date(2027, 6, 30);
  options.reliability = 0.89;
  options.sd = 5.0;
  options.by = {iop::CohortDimension::program};
  const auto in_order = iop::cohort_outcomes(data, options);
  std::reverse(data.patient.begin(), data.patient.end());
  std::reverse(data.day.begin(), data.day.end());
  std::reverse(data.phq9.begin(), data.phq9.end());
  std::reverse(data.source.begin(), data.source.end());
  const auto reversed = iop::cohort_outcomes(data, options);
  EXPECT_EQ(iop::to_json(reversed, data.patients), iop::to_json(in_order, data.patients));
}

TEST(CohortOutcomes, TheSampleSdOfTheIndexScoresWhenNoneIsGiven) {
  // The 15 index scores sum to 233 and their squares to 3,915: variance (3915 - 233^2/15) / 14 = 21.1238.
  const auto o = outcomes_of(example(), std::nullopt);
  EXPECT_TRUE(o.sd_from_sample);
  EXPECT_NEAR(o.sd, 4.59606, 1e-5);
}

TEST(CohortOutcomes, CalendarMonthsKeepTheDayOrTheMonthsLast) {
  EXPECT_EQ(iop::add_calendar_months(Date(2025, 8, 31), 6), Date(2026, 2, 28));
  EXPECT_EQ(iop::add_calendar_months(Date(2024, 2, 29), 12), Date(2025, 2, 28));
  EXPECT_EQ(iop::add_calendar_months(Date(2026, 1, 31), 6), Date(2026, 7, 31));
  EXPECT_EQ(iop::add_calendar_months(Date(2026, 11, 2), 6), Date(2027, 5, 2));
  // Every day of 1900-2099 moved by 6 and 12 months: the same day of the month, or the target month's last day.
  for (Date d(1900, 1, 1); d < Date(2100, 1, 1); d += boost::gregorian::days(1))
    for (int months : {6, 12}) {
      const int total = d.year() * 12 + d.month() - 1 + months;
      const auto year = static_cast<unsigned short>(total / 12), month = static_cast<unsigned short>(total % 12 + 1);
      const auto last = boost::gregorian::gregorian_calendar::end_of_month_day(year, month);
      ASSERT_EQ(iop::add_calendar_months(d, months), Date(year, month, std::min<unsigned short>(d.day(), last))) << iop::to_iso_string(d);
    }
}

std::string refusal(const std::function<void(json&)>& change) {
  auto request = example();
  change(request);
  const auto answer = iop::api::call("outcomes.cohort", request.dump());
  if (answer.status == iop::api::Status::ok) return "accepted";
  return json::parse(answer.body).at("error").at("field").get<std::string>();
}

TEST(CohortOutcomes, BadInputIsRefusedByItsPlace) {
  EXPECT_EQ(refusal([](json& r) { r["patients"][3]["scores"][1]["date"] = "2027-07-01"; }), "patients[3].scores[1].date");
  EXPECT_EQ(refusal([](json& r) { r["patients"][3]["scores"][1]["date"] = "2026-02-02"; }), "patients[3].scores[1].date");
  EXPECT_EQ(refusal([](json& r) { r["patients"][3]["scores"][1]["phq9"] = 28; }), "patients[3].scores[1].phq9");
  EXPECT_EQ(refusal([](json& r) { r["patients"][5]["id"] = "P01"; }), "patients[5].id");
  EXPECT_EQ(refusal([](json& r) { r["patients"][5]["discharge"] = "left"; }), "patients[5].discharge");
  EXPECT_EQ(refusal([](json& r) { r["reliability"] = 1; }), "reliability");
  EXPECT_EQ(refusal([](json& r) { r["reliability"] = "0.89"; }), "reliability");
  EXPECT_EQ(refusal([](json& r) { r["sd"] = 0; }), "sd");
  EXPECT_EQ(refusal([](json& r) { r["by"] = {"track", "track"}; }), "by[1]");
  EXPECT_EQ(refusal([](json& r) { r["patients"] = json::array(); }), "patients");
  EXPECT_EQ(refusal([](json& r) { r["patients"][0]["diagnosis"] = "F3"; }), "patients[0].diagnosis");
}

// CMS159's denominator diagnoses: the 15 ICD-10-CM codes of "Major Depression Including Remission" and F34.1 of
// "Dysthymia", exactly (docs/data.md gives the value sets read); codes beside them in ICD-10-CM are not members.
TEST(CohortOutcomes, TheMeasuresValueSetsExactly) {
  for (const char* member : {"F32.0", "F32.1", "F32.2", "F32.3", "F32.4", "F32.5", "F32.9", "F33.0", "F33.1", "F33.2",
                             "F33.3", "F33.40", "F33.41", "F33.42", "F33.9", "F34.1"}) {
    EXPECT_TRUE(iop::is_major_depression_or_dysthymia(member)) << member;
  }
  for (const char* other : {"F33.8", "F32.A", "F32.81", "F32.89", "F53.0", "F34.0", "F34.81", "F33.4", "F33",
                            "F32", "F33.43", "F33.91", "F41.1", "f33.1", ""}) {
    EXPECT_FALSE(iop::is_major_depression_or_dysthymia(other)) << other;
  }
}

TEST(CohortOutcomes, AReliableChangeNeedsASpreadOrAGivenSd) {
  // Two index patients both at 18: their sample SD is 0, so no SD to judge a change by: refused, naming sd.
  EXPECT_EQ(refusal([](json& r) {
              r.erase("sd");
              r["patients"] = json::array({r["patients"][0], r["patients"][0]});
              r["patients"][1]["id"] = "P01b";
            }),
            "sd");
  EXPECT_EQ(refusal([](json& r) { r["sd"] = 27.5; }), "sd");  // above the PHQ-9's whole range
  EXPECT_EQ(refusal([](json& r) { r["sd"] = 27; }), "accepted");
}

TEST(CohortOutcomes, EpisodesAreNamedByTheirPlaceAndEndOnTheirLastDay) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/episode.json");
  const auto episode = json::parse(in);
  json request{{"api_version", 1}, {"as_of", "2026-12-31"}, {"reliability", 0.89}, {"sd", 5},
               {"episodes", {episode, episode}}};
  const auto twice = iop::api::call("outcomes.cohort", request.dump());
  EXPECT_EQ(json::parse(twice.body).at("error").at("field"), "episodes[1].plan.patient_id");
  // The discharge decided 04-13 takes effect 04-17: on 04-17 the course has not ended, on 04-18 it has.
  for (const auto& [as_of, ended] : {std::pair{"2026-04-17", 0}, std::pair{"2026-04-18", 1}}) {
    request["episodes"] = json::array({episode});  // not {episode}: one element in braces may copy it
    request["as_of"] = as_of;
    const auto answer = json::parse(iop::api::call("outcomes.cohort", request.dump()).body);
    EXPECT_EQ(answer.at("result").at("groups")[0].at("dropout").at("ended"), ended) << as_of;
  }
}

TEST(CohortOutcomes, AnEpisodeJoinsTheCohortWithItsBaselineAndMeasures) {
  // examples/episode.json: baseline 18 on 2026-02-27, PHQ-9s to 4 on 2026-04-10, a planned discharge on 04-13.
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/episode.json");
  const auto episode = iop::episode_from_json(json::parse(in));
  iop::CohortData data;
  iop::add_episode(data, episode, Date(2026, 12, 31), "episodes[0]");
  ASSERT_EQ(data.patients.size(), 1U);
  EXPECT_EQ(data.patients[0].end, iop::CourseEnd::planned);
  EXPECT_EQ(data.patients[0].program, "la-depression-iop");
  EXPECT_EQ(data.phq9.front(), 18);
  EXPECT_EQ(data.phq9.back(), 4);
  EXPECT_THROW(iop::add_episode(data, episode, Date(2026, 4, 1), "episodes[0]"), iop::ValidationError);
}

}  // namespace
