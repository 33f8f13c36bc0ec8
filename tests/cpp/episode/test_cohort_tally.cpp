// A cohort counted in parts (the way a cluster measures one partition of patients at a time) adds up to exactly
// what the whole cohort gives: the hand-worked 20-patient cohort of examples/outcomes.json split in several ways,
// and small tallies worked by hand for the sample SD and the Kaplan-Meier median across parts.

#include <cmath>
#include <fstream>
#include <functional>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/episode/cohort_outcomes.hpp"
#include "iop/episode/cohort_tally.hpp"

namespace {

using nlohmann::json;
using iop::Date;

json patients_json() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/outcomes.json");
  return json::parse(in).at("patients");
}

iop::CohortOptions options(std::optional<double> sd) {
  iop::CohortOptions o;
  o.as_of = Date(2027, 6, 30);
  o.reliability = 0.89;
  o.sd = sd;
  o.by = {iop::CohortDimension::program, iop::CohortDimension::delivery};
  return o;
}

iop::CohortData cohort_of(const json& patients) {
  iop::CohortData data;
  iop::add_patients_from_json(data, patients);
  return data;
}

// The patients at the positions @p take of the example, as a part of the cohort.
iop::CohortTally tally_of(const std::vector<std::size_t>& take, std::optional<double> sd) {
  const auto all = patients_json();
  json some = json::array();
  for (auto i : take) some.push_back(all.at(i));
  return iop::cohort_tally(cohort_of(some), options(sd));
}

// The outcomes without the patients' rows, as JSON: what a cohort added up from parts must equal.
json summary(const iop::CohortOutcomes& outcomes) {
  auto j = iop::to_json(outcomes, std::span<const iop::CohortPatient>());
  j.erase("patients");
  return j;
}

TEST(CohortTally, PartsAddUpToTheWholeCohortHoweverItIsSplit) {
  for (const std::optional<double> sd : {std::optional<double>(5.0), std::optional<double>()}) {
    const auto whole = iop::cohort_outcomes(cohort_of(patients_json()), options(sd));
    // Alternate patients; three uneven parts, added in reverse; one patient a part; and an empty part among them.
    std::vector<std::vector<std::vector<std::size_t>>> splits{
        {{0, 2, 4, 6, 8, 10, 12, 14, 16, 18}, {1, 3, 5, 7, 9, 11, 13, 15, 17, 19}},
        {{19, 18, 17}, {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, {0, 1, 2}},
        {},
    };
    for (std::size_t i = 0; i < 20; ++i) splits[2].push_back({i});
    splits[2].push_back({});
    for (const auto& split : splits) {
      iop::CohortTally total;
      for (const auto& part : split) iop::merge(total, tally_of(part, sd));
      EXPECT_EQ(summary(iop::cohort_outcomes(total)), summary(whole)) << split.size() << " parts";
    }
  }
}

TEST(CohortTally, TheSampleSdIsTheWholeCohortsNotAPartsAverage) {
  // The 15 index scores (examples/outcomes.json) sum to 233, their squares to 3,915: SD sqrt(21.1238) = 4.59606.
  // Alpha's six alone (18, 15, 22, 11, 10, 16: sum 92, squares 1,510) would give SD sqrt(19.8667) = 4.45720.
  iop::CohortTally total;
  iop::merge(total, tally_of({0, 1, 2, 3, 13, 14}, std::nullopt));  // alpha's index patients
  const auto alpha = iop::cohort_outcomes(total);
  EXPECT_NEAR(alpha.sd, 4.45720, 1e-5);
  iop::merge(total, tally_of({4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19}, std::nullopt));
  const auto whole = iop::cohort_outcomes(total);
  EXPECT_TRUE(whole.sd_from_sample);
  EXPECT_NEAR(whole.sd, 4.59606, 1e-5);
  std::int64_t index_patients = 0;
  for (auto n : total.index_scores) index_patients += n;
  EXPECT_EQ(index_patients, 15);
  EXPECT_EQ(total.index_scores[18], 1);  // P01
}

TEST(CohortTally, AKaplanMeierMedianAcrossParts) {
  // Part A: a response on day 10, a censoring on day 20; part B: responses on days 15 and 30, a censoring on 15.
  // Whole, by day: 10 (5 at risk, 1 responds: S = 4/5), 15 (4 at risk, 1 responds: S = 3/5, then 2 leave),
  // 20 (2 at risk, censored), 30 (1 at risk, responds: S = 0) -> median 30. Neither part alone reaches it so:
  // A: S(10) = 1/2 -> 10; B: S(15) = 2/3, S(30) = 0 -> 30.
  iop::CohortTally a, b;
  for (auto* t : {&a, &b}) {
    t->as_of = Date(2027, 6, 30);
    t->reliability = 0.89;
    t->sd = 5.0;
    t->groups.resize(1);
  }
  a.groups[0].times = {{10, 1, 1}, {20, 1, 0}};
  b.groups[0].times = {{15, 2, 1}, {30, 1, 1}};
  EXPECT_EQ(iop::cohort_outcomes(a).groups[0].median_days_to_response, 10.0);
  EXPECT_EQ(iop::cohort_outcomes(b).groups[0].median_days_to_response, 30.0);
  iop::CohortTally whole;
  iop::merge(whole, a);
  iop::merge(whole, b);
  ASSERT_EQ(whole.groups[0].times.size(), 4U);
  EXPECT_EQ(whole.groups[0].times[1].leaving, 2);
  EXPECT_EQ(iop::cohort_outcomes(whole).groups[0].median_days_to_response, 30.0);
  // One more response on day 15 in B: 15 has 4 at risk, 2 respond: S = 4/5 x 2/4 = 0.4 -> median 15.
  b.groups[0].times[0] = {15, 3, 2};
  iop::CohortTally again;
  iop::merge(again, b);
  iop::merge(again, a);
  EXPECT_EQ(iop::cohort_outcomes(again).groups[0].median_days_to_response, 15.0);
}

TEST(CohortTally, ReliableChangeIsCountedFromTheChangesOnceTheThresholdIsKnown) {
  // Changes of -5 (twice), -4, +5 at 6 months; SD 5, r 0.89: threshold 4.5966 -> 2 improvements, 1 deterioration.
  iop::CohortTally t;
  t.as_of = Date(2027, 6, 30);
  t.reliability = 0.89;
  t.sd = 5.0;
  t.groups.resize(1);
  t.groups[0].months[0].change[27 - 5] = 2;
  t.groups[0].months[0].change[27 - 4] = 1;
  t.groups[0].months[0].change[27 + 5] = 1;
  const auto o = iop::cohort_outcomes(t);
  EXPECT_EQ(o.groups[0].months[0].reliable_improvement, 2);
  EXPECT_EQ(o.groups[0].months[0].reliable_deterioration, 1);
}

TEST(CohortTally, ATallyReadsBackFromItsJson) {
  const auto t = tally_of({0, 1, 2, 3, 4, 5, 6, 7}, std::nullopt);
  const auto j = iop::to_json(t);
  const auto back = iop::cohort_tally_from_json(j);
  EXPECT_EQ(iop::to_json(back), j);
  EXPECT_EQ(j.at("sd"), nullptr);
  EXPECT_EQ(j.at("groups").at(0).at("patients"), 8);
}

std::string refusal(const std::function<void(json&)>& change) {
  auto j = iop::to_json(tally_of({0, 1, 2, 3, 7, 8}, 5.0));
  change(j);
  try {
    (void)iop::cohort_tally_from_json(j);
  } catch (const iop::Error& e) {
    return e.field() + ": " + e.problem();
  }
  return "accepted";
}

TEST(CohortTally, ABadTallyIsRefusedByItsPlace) {
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["patients"] = -1; }), "part.groups[0].patients: is out of range");
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["times"][1][0] = 0; }),
            "part.groups[0].times[1]: is not after the day before it");
  EXPECT_EQ(refusal([](json& j) { j["groups"][1]["key"] = json::array({"alpha"}); }),
            "part.groups[1].key: is not one value a dimension of by");
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["months"][0]["change"].erase(0); }),
            "part.groups[0].months[0].change: is not one count a value");
  EXPECT_EQ(refusal([](json& j) { j["index_scores"][3] = 1.5; }).substr(0, 18), "part.index_scores[");
  EXPECT_EQ(refusal([](json& j) { j.erase("sd"); }).substr(0, 8), "part.sd:");
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["extra"] = 1; }).substr(0, 22), "part.groups[0].extra: ");
  EXPECT_EQ(refusal([](json& j) { std::swap(j["groups"][1], j["groups"][2]); }),
            "part.groups[2].key: is not after the key before it");
  // Counts that do not hold together: rates above 1, sums that could overflow, a second whole cohort.
  EXPECT_EQ(refusal([](json& j) { j["groups"][1]["months"][0]["remission"] = 1000; }),
            "part.groups[1].months[0]: breaks remission <= response <= denominator - no_score");
  EXPECT_EQ(refusal([](json& j) { j["index_scores"][3] = 1; }), "part.index_scores: breaks an index score above 9");
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["times"][0][1] = 9'000'000'000'000'000'000; }),
            "part.groups[0].times: breaks the patients leaving = index_patients");
  EXPECT_EQ(refusal([](json& j) { j["groups"][0]["ended"] = 5; }),
            "part.groups: breaks the groups' patients, index patients, responders and ended = the whole cohort's");
  EXPECT_EQ(refusal([](json& j) {
              j["by"] = json::array();
              j["groups"] = json::array({j["groups"][0], j["groups"][0]});
              j["groups"][1]["key"] = json::array();
            }),
            "part.groups: breaks one group, the whole cohort, when by is empty");
  EXPECT_EQ(refusal([](json& j) {
              j["by"] = json::array();
              j["groups"] = json::array({j["groups"][0]});
            }),
            "accepted");
  EXPECT_EQ(refusal([](json&) {}), "accepted");
}

TEST(CohortTally, TheSampleSdIsRoundedOnceFromExactSums) {
  // Index scores 10, 11 and 13: n = 3, sum 34, squares 390; n x squares - sum^2 = 14, so the variance is 14 / 6
  // exactly and the SD is sqrt(14.0 / 6.0) to the last bit, whatever the order or split of the patients.
  iop::CohortTally t;
  t.as_of = Date(2027, 6, 30);
  t.reliability = 0.89;
  t.groups.resize(1);
  t.index_scores[10] = t.index_scores[11] = t.index_scores[13] = 1;
  EXPECT_EQ(iop::cohort_outcomes(t).sd, std::sqrt(14.0 / 6.0));
}

TEST(CohortTally, PartsOfOtherOptionsDoNotAdd) {
  iop::CohortTally whole;
  iop::merge(whole, tally_of({0, 1}, 5.0));
  auto other = tally_of({2, 3}, 5.0);
  other.as_of = Date(2027, 7, 1);
  try {
    iop::merge(whole, other);
    FAIL() << "merged";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "part.as_of");
    EXPECT_EQ(e.value(), "2027-07-01");
  }
  EXPECT_THROW(iop::merge(whole, tally_of({2, 3}, std::nullopt)), iop::ValidationError);
  EXPECT_EQ(whole.groups[0].patients, 2);  // a refused part adds nothing
}

}  // namespace
