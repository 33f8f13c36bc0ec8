// Item 1: unlawful sub-classifications are refused with the paragraph that forbids
// them, and a split classification is tested whole.
//
// 29 CFR 2590.712(c)(3)(iii)(B) lets a plan divide its in-network benefits into
// network tiers (based on reasonable factors, without regard to whether a provider
// gives M/S or MH/SUD services); (c)(3)(iii)(C) lets it divide outpatient benefits
// into office visits and all other items and services, and says no other
// sub-classifications are permitted (its example: generalists and specialists).

#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using namespace iop::parity;
using namespace iop::parity::testing;
using nlohmann::json;

json row(const char* type, const char* level, const char* payments) {
  return {{"type", type}, {"level", level}, {"payments", payments}};
}
json mh(const char* type, const char* level) { return {{"benefit", "IOP"}, {"type", type}, {"level", level}}; }

// The same expected payments split in two pieces, or whole (amounts in millions):
//   "generalist" piece, $20M: coinsurance 40% on $16M, 20% on $4M; copay $40 on $16M, $20 on $4M;
//   "specialist" piece, $40M: coinsurance 20% on $40M; copay $20 on $40M.
json piece(const char* tier, bool generalist) {
  json c = {{"classification", "outpatient_out_of_network"}, {"tier", tier}};
  if (generalist) {
    c["total_payments"] = "20000000.00";
    c["medical_surgical"] = {row("coinsurance", "40%", "16000000.00"), row("coinsurance", "20%", "4000000.00"),
                             row("copay", "40.00", "16000000.00"), row("copay", "20.00", "4000000.00")};
    c["mental_health"] = {mh("coinsurance", "40%"), mh("copay", "40.00")};
  } else {
    c["total_payments"] = "40000000.00";
    c["medical_surgical"] = {row("coinsurance", "20%", "40000000.00"), row("copay", "20.00", "40000000.00")};
  }
  return c;
}

template <class Error>
Error refused(const json& doc) {
  try {
    (void)benefit_design_from_json(doc);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << doc.dump();
  throw std::logic_error("not refused");
}

TEST(ParitySubclassifications, ATierOutOfNetworkIsRefusedWithItsParagraph) {
  const auto e = refused<iop::ValidationError>(
      document({{"classifications", {piece("generalist", true), piece("specialist", false)}}}));
  EXPECT_EQ(e.field(), "design.classifications[0].tier");
  EXPECT_EQ(e.value(), "'generalist'");
  EXPECT_NE(e.allowed().find("29 CFR 2590.712(c)(3)(iii)(B)"), std::string::npos);
  EXPECT_NE(e.allowed().find("(c)(3)(iii)(C)"), std::string::npos);
  for (const char* cls : {"emergency", "inpatient_out_of_network", "prescription_drugs"}) {
    json c = piece("generalist", false);
    c["classification"] = cls;
    EXPECT_EQ(refused<iop::ValidationError>(document({{"classifications", {c}}})).field(),
              "design.classifications[0].tier")
        << cls;
  }
}

// Tested as one classification: $60M, all of it subject to coinsurance and to a copay
// (100% >= 2/3). Coinsurance 20% on $4M + $40M = $44M: 44/60 = 73.3% > 1/2, so 20% is
// predominant; the copay $20 likewise on $44M. The MH/SUD levels 40% and $40 are both
// more restrictive: two violations. (Tested in pieces, as iop once did, the generalist
// piece's own predominant levels were 40% and $40 and the report found no violation.)
TEST(ParitySubclassifications, TheSplitClassificationTestedWholeFindsTheViolations) {
  json whole = {{"classification", "outpatient_out_of_network"},
                {"total_payments", "60000000.00"},
                {"medical_surgical",
                 {row("coinsurance", "40%", "16000000.00"), row("coinsurance", "20%", "44000000.00"),
                  row("copay", "40.00", "16000000.00"), row("copay", "20.00", "44000000.00")}},
                {"mental_health", {mh("coinsurance", "40%"), mh("copay", "40.00")}}};
  const auto report = analyse(benefit_design_from_json(document({{"classifications", {whole}}})));
  ASSERT_EQ(report.tests.size(), 2u);
  const auto& copay = report.tests[0];  // types in enumeration order: copay, coinsurance
  EXPECT_EQ(copay.type, LimitType::copay);
  EXPECT_EQ(copay.predominant, dollars(20));
  EXPECT_EQ(copay.levels.at(1).share, iop::Rate::fraction(11, 15));  // 44/60
  EXPECT_FALSE(copay.checks.at(0).pass);
  const auto& coinsurance = report.tests[1];
  EXPECT_EQ(coinsurance.predominant, 2000);  // 20% in basis points
  EXPECT_FALSE(coinsurance.checks.at(0).pass);
  EXPECT_EQ(coinsurance.checks.at(0).reason,
            "The IOP coinsurance of 40% is more restrictive than the predominant M/S level of 20% (a single level over "
            "one-half).");
  EXPECT_FALSE(report.passes());
}

TEST(ParitySubclassifications, ATierMustBeDeclaredWithItsFactors) {
  json c = piece("preferred", false);
  c["classification"] = "outpatient_in_network";
  const auto undeclared = refused<iop::NotFoundError>(document({{"classifications", {c}}}));
  EXPECT_EQ(undeclared.field(), "design.classifications[0].tier");
  EXPECT_NE(undeclared.allowed().find("network_tiers"), std::string::npos);
  json tier = {{"id", "preferred"},
               {"name", "Tier 1"},
               {"factors", "quality and cost-efficiency measures"},
               {"without_regard_to_mh_sud", false}};
  const auto regard = refused<iop::ValidationError>(document({{"network_tiers", {tier}}, {"classifications", {c}}}));
  EXPECT_EQ(regard.field(), "design.network_tiers[0].without_regard_to_mh_sud");
  EXPECT_NE(regard.allowed().find("(c)(3)(iii)(B)"), std::string::npos);
  tier["without_regard_to_mh_sud"] = true;
  tier["factors"] = "";
  EXPECT_EQ(refused<iop::ValidationError>(document({{"network_tiers", {tier}}, {"classifications", {c}}})).field(),
            "design.network_tiers[0].factors");
}

// Two declared in-network tiers, each tested on its own (29 CFR 2590.712(c)(3)(iii)(B)):
// preferred: copay $10 on all $30M, IOP $10 passes; participating: copay $30 on all
// $20M, IOP $30 passes.
TEST(ParitySubclassifications, DeclaredInNetworkTiersAreTestedSeparately) {
  const json tiers = {{{"id", "preferred"}, {"name", "Tier 1"}, {"factors", "quality, performance and market standards"},
                       {"without_regard_to_mh_sud", true}},
                      {{"id", "participating"}, {"name", "Tier 2"}, {"factors", "all other contracted providers"},
                       {"without_regard_to_mh_sud", true}}};
  auto tier = [](const char* id, const char* copay, const char* total) {
    return json{{"classification", "outpatient_in_network"}, {"tier", id}, {"total_payments", total},
                {"medical_surgical", {row("copay", copay, total)}}, {"mental_health", {mh("copay", copay)}}};
  };
  const auto design = benefit_design_from_json(document(
      {{"network_tiers", tiers},
       {"classifications", {tier("preferred", "10.00", "30000000.00"), tier("participating", "30.00", "20000000.00")}}}));
  const auto report = analyse(design);
  ASSERT_EQ(report.tests.size(), 2u);
  EXPECT_EQ(report.tests[0].key.tier, "preferred");
  EXPECT_EQ(report.tests[0].predominant, dollars(10));
  EXPECT_EQ(report.tests[1].predominant, dollars(30));
  EXPECT_TRUE(report.passes());
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
  // Mixing a tiered entry with an untiered one in the same classification is refused.
  json untiered = tier("preferred", "10.00", "1000.00");
  untiered.erase("tier");
  EXPECT_EQ(refused<iop::ValidationError>(
                document({{"network_tiers", tiers}, {"classifications", {tier("preferred", "10.00", "1000.00"), untiered}}}))
                .field(),
            "design.classifications[1].tier");
}

TEST(ParitySubclassifications, TheSameClassificationTwiceIsRefused) {
  const json c = {{"classification", "inpatient_in_network"}, {"total_payments", "1000.00"}};
  const auto e = refused<iop::ValidationError>(document({{"classifications", {c, c}}}));
  EXPECT_EQ(e.field(), "design.classifications[1]");
  EXPECT_NE(e.problem().find("entered twice (also at design.classifications[0])"), std::string::npos);
}

TEST(ParitySubclassifications, OnlyOutpatientMaySplitAndOnlyIntoTheTwoSubclassifications) {
  json inpatient = {{"classification", "inpatient_in_network"}, {"subclassification", "office_visits"},
                    {"total_payments", "1000.00"}};
  const auto e = refused<iop::ValidationError>(document({{"classifications", {inpatient}}}));
  EXPECT_EQ(e.field(), "design.classifications[0].subclassification");
  EXPECT_NE(e.allowed().find("29 CFR 2590.712(c)(3)(iii)(C)"), std::string::npos);
  // A sub-classification that is not one of the two, such as specialists, is not a name iop knows.
  json specialists = {{"classification", "outpatient_in_network"}, {"subclassification", "specialists"},
                      {"total_payments", "1000.00"}};
  EXPECT_THROW((void)benefit_design_from_json(document({{"classifications", {specialists}}})), iop::NotFoundError);
  // An unsplit outpatient entry beside office_visits is refused.
  json unsplit = {{"classification", "outpatient_in_network"}, {"total_payments", "1000.00"}};
  json office = {{"classification", "outpatient_in_network"}, {"subclassification", "office_visits"},
                 {"total_payments", "1000.00"}};
  EXPECT_EQ(refused<iop::ValidationError>(document({{"classifications", {unsplit, office}}})).field(),
            "design.classifications[1].subclassification");
}

}  // namespace
