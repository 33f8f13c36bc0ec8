// The example 271 (examples/x12/benefits.271, written to the 005010X279A1 layout: BHT; 2000A HL*20
// NM1*PR; 2000B HL*21 NM1*1P; 2000C HL*22 TRN NM1*IL N3 N4 DMG DTP*291; 2110C EB ... MSG) read as
// worked by hand. Its EB segments for mental health (MH) and psychiatric outpatient (A8), in network:
// deductible $1,500 individual ($1,250 remaining: $250 met), $3,000 family ($2,100 remaining: $900
// met); out-of-pocket maximum $4,000 ($3,750 remaining: $250 met), $8,000 family ($7,100 remaining:
// $900 met); coinsurance 0.2 = 20%; 60 visits a calendar year; prior authorisation required (EB11 Y).
// Out of network: deductible $3,000, coinsurance 0.4 = 40%, maximum $8,000. No copay is stated.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"
#include "iop/io/x12/benefits.hpp"

namespace {

std::string example_271() {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/x12/benefits.271", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// Inserts @p segment after @p after and raises SE01 by one.
std::string insert_after(const std::string& after, const std::string& segment) {
  auto text = replace(example_271(), after, after + segment);
  return replace(text, "SE*30*0001~", "SE*31*0001~");
}

iop::Money usd(const char* text) { return iop::Money::parse(text); }

bool lists(const std::vector<std::string>& items, const std::string& what) {
  for (const auto& i : items)
    if (i.find(what) != std::string::npos) return true;
  return false;
}

TEST(X12Benefits, ReadsTheExampleAsWorkedByHand) {
  const auto patients = iop::x12::benefits_from_271(example_271());
  ASSERT_EQ(patients.size(), 1U);
  const auto& b = patients[0];
  EXPECT_EQ(b.response_date, iop::Date(2026, 2, 20));
  EXPECT_EQ(b.payer_name, "EXAMPLE HEALTH PLAN");
  EXPECT_EQ(b.payer, "commercial");
  EXPECT_EQ(b.plan_name, "EXAMPLE PPO GOLD");
  EXPECT_EQ(b.active, true);
  EXPECT_EQ(b.plan_begin, iop::Date(2026, 1, 1));
  EXPECT_EQ(b.plan_end, iop::Date(2026, 12, 31));
  EXPECT_EQ(b.service_types, (std::vector<std::string>{"MH", "A8"}));
  EXPECT_EQ(b.prior_authorization, true);
  EXPECT_EQ(b.messages, std::vector<std::string>{"INTENSIVE OUTPATIENT PROGRAMS REQUIRE PRIOR AUTHORIZATION"});
  const auto& in = b.in_network;
  EXPECT_EQ(in.deductible_individual, usd("1500"));
  EXPECT_EQ(in.deductible_individual_remaining, usd("1250"));
  EXPECT_EQ(in.deductible_family, usd("3000"));
  EXPECT_EQ(in.deductible_family_remaining, usd("2100"));
  EXPECT_EQ(in.oop_individual, usd("4000"));
  EXPECT_EQ(in.oop_individual_remaining, usd("3750"));
  EXPECT_EQ(in.oop_family, usd("8000"));
  EXPECT_EQ(in.oop_family_remaining, usd("7100"));
  EXPECT_EQ(in.coinsurance, iop::Rate::percent(20));
  EXPECT_EQ(in.visit_limit, 60);
  EXPECT_FALSE(in.copay.has_value());
  EXPECT_EQ(b.out_of_network.deductible_individual, usd("3000"));
  EXPECT_EQ(b.out_of_network.coinsurance, iop::Rate::percent(40));
  EXPECT_EQ(b.out_of_network.oop_individual, usd("8000"));
  EXPECT_TRUE(b.conflicts.empty());
  EXPECT_TRUE(lists(b.not_stated, "copay (in network)"));
  EXPECT_TRUE(lists(b.not_stated, "family deductible (out of network)"));
  EXPECT_TRUE(lists(b.not_stated, "the program's own network status"));
  EXPECT_FALSE(lists(b.not_stated, "individual deductible (in network)"));

  // The coverage document: what the 271 states, the accumulators as of 2026-02-20.
  const auto coverage = iop::x12::coverage_document(b);
  EXPECT_EQ(coverage, nlohmann::json::parse(R"({"payer": "commercial", "plan_year_start": "2026-01-01",
      "deductible": {"individual": "1500.00", "family": "3000.00"}, "coinsurance": "20%",
      "out_of_pocket_max": {"individual": "4000.00", "family": "8000.00"}, "visit_limit": 60,
      "accumulators": {"as_of": "2026-02-20", "deductible_individual": "250.00", "deductible_family": "900.00",
                       "oop_individual": "250.00", "oop_family": "900.00"}})"));
  auto with_network = coverage;
  with_network["network"] = "in_network";
  const auto read = iop::coverage_from_json(with_network);
  EXPECT_EQ(read.accumulators->deductible_individual, usd("250"));
  EXPECT_EQ(read.in_network.coinsurance, iop::Rate::percent(20));
}

TEST(X12Benefits, ReportsConflictingSegmentsAndUsesNeither) {
  const auto text = insert_after("EB*C*IND*MH^A8***23*1500*****Y~\n", "EB*C*IND*MH***23*2000*****Y~\n");
  const auto b = iop::x12::benefits_from_271(text).at(0);
  ASSERT_EQ(b.conflicts.size(), 1U);
  EXPECT_EQ(b.conflicts[0],
            "individual deductible (in network): 271 segments 17 and 18 state $1,500.00 and $2,000.00; neither is used");
  EXPECT_FALSE(b.in_network.deductible_individual.has_value());
  EXPECT_TRUE(lists(b.not_stated, "individual deductible (in network)"));
  EXPECT_FALSE(iop::x12::coverage_document(b)["deductible"].contains("individual"));
}

TEST(X12Benefits, FallsBackToHealthBenefitPlanCoverageAndSaysSo) {
  auto text = replace(example_271(), "EB*A*IND*MH^A8*****0.2****Y~", "EB*A*IND*30*****0.3****Y~");
  const auto b = iop::x12::benefits_from_271(text).at(0);
  EXPECT_EQ(b.in_network.coinsurance, iop::Rate::percent(30));
  EXPECT_TRUE(lists(b.notes, "coinsurance (either network): from health benefit plan coverage (service type 30)"));
}

TEST(X12Benefits, ReadsABatchOnePersonEach) {
  const std::string second =
      "HL*4*2*22*0~\nNM1*IL*1*ROE*SAM****MI*W987654321~\nEB*C*IND*MH***23*500*****Y~\n";
  auto text = replace(example_271(), "SE*30*0001~", second + "SE*33*0001~");
  const auto patients = iop::x12::benefits_from_271(text);
  ASSERT_EQ(patients.size(), 2U);
  EXPECT_EQ(patients[1].in_network.deductible_individual, usd("500"));
  EXPECT_EQ(patients[1].response_date, iop::Date(2026, 2, 20));
}

TEST(X12Benefits, RefusesBadInputWithoutEchoingWhoItIsAbout) {
  struct Case {
    std::string text;
    const char* field;
    const char* problem;
  };
  const std::vector<Case> cases{
      {replace(example_271(), "****0.2****Y~", "****20%****Y~"), "271 segment 25 EB08", "is not a decimal fraction"},
      {replace(example_271(), "****0.2****Y~", "****1.5****Y~"), "271 segment 25 EB08", "is more than 1"},
      {replace(example_271(), "EB*C*IND*MH^A8***23*1500*", "EB*C*IND*MH^ZZ***23*1500*"), "271 segment 17 EB03",
       "is not a service type code"},
      {replace(example_271(), "***23*1500*****Y~", "***23*1500*****X~"), "271 segment 17 EB12", "is not a code"},
      {replace(example_271(), "***23*1500*****Y~", "***23*1500.001*****Y~"), "271 segment 17 EB07", "is not an amount"},
      {replace(example_271(), "DMG*D8*19900517", "DMG*D8*19900230"), "271 segment 12 DMG02", "is not a date that exists"},
      {replace(example_271(), "NM1*IL*1*DOE*", "NM1*IL*1*" + std::string(61, 'D') + "*"), "271 segment 9 NM103",
       "is 61 characters long"},
      {replace(example_271(), "HL*2*1*21*1~", "HL*2*1*22*1~"), "271 segment 5 HL03", "is out of order"},
      {replace(example_271(), "DTP*291*RD8*20260101-20261231~", "DTP*291*RD8*20261231-20260101~"), "271 segment 13 DTP03",
       "ends before it starts"},
  };
  for (const auto& c : cases) {
    try {
      (void)iop::x12::benefits_from_271(c.text);
      ADD_FAILURE() << c.field << ": accepted";
    } catch (const iop::ValidationError& e) {
      EXPECT_EQ(e.field(), c.field) << e.what();
      EXPECT_NE(e.problem().find(c.problem), std::string::npos) << e.what();
      const std::string message = e.what();
      for (const char* secret : {"DOE", "ALEX", "W123456789", "19900517", "19900230", "DDDD"})
        EXPECT_EQ(message.find(secret), std::string::npos) << message;
    }
  }
}

}  // namespace
