// Formulary tiers as lawful sub-classifications of prescription drugs (29 CFR 2590.712(c)(3)(iii)(A),
// the regulation's Example 4 in (c)(3)(iv)), a design that tests no MH/SUD benefit said so first, and
// the rule set a report applies.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/parity/report.hpp"
#include "parity_support.hpp"

namespace {

using iop::Money;
using namespace iop::parity;
using namespace iop::parity::testing;
using nlohmann::json;

// Example 4: a four-tier formulary on which the plan pays 90% (generic), 80% (preferred brand), 60%
// (non-preferred brand) and 50% (specialty), the tiers set on cost, efficacy and generic versus brand without
// regard to whether a drug treats an M/S or an MH/SUD condition. The patient's coinsurance is the rest:
// 10%, 20%, 40%, 50%. Each tier is its own sub-classification; within each, every M/S drug payment is at the
// tier's one level (100% subject >= 2/3, and 100% > 1/2: that level is predominant). Payments are illustrative
// ($40M, $30M, $20M, $10M): the example gives none, and any amounts give the same result.
json example_4(const char* mh_generic_level) {
  auto tier = [](const char* id, int millions_paid, const char* level, const char* mh_drug, const char* mh_level) {
    const std::string payments = std::to_string(millions_paid) + "000000.00";
    return json{{"classification", "prescription_drugs"},
                {"formulary_tier", id},
                {"total_payments", payments},
                {"medical_surgical", {{{"type", "coinsurance"}, {"level", level}, {"payments", payments}}}},
                {"mental_health", {{{"benefit", mh_drug}, {"type", "coinsurance"}, {"level", mh_level}}}}};
  };
  const char* factors = "cost, efficacy, generic versus brand name";
  return {{"plan", "Example 4 plan"},
          {"plan_year_start", "2026-01-01"},
          {"formulary_tiers",
           {{{"id", "generic"}, {"name", "Tier 1: generic"}, {"factors", factors}, {"without_regard_to_mh_sud", true}},
            {{"id", "preferred_brand"}, {"name", "Tier 2: preferred brand"}, {"factors", factors},
             {"without_regard_to_mh_sud", true}},
            {{"id", "non_preferred_brand"}, {"name", "Tier 3: non-preferred brand"}, {"factors", factors},
             {"without_regard_to_mh_sud", true}},
            {{"id", "specialty"}, {"name", "Tier 4: specialty"}, {"factors", factors}, {"without_regard_to_mh_sud", true}}}},
          {"classifications",
           {tier("generic", 40, "10%", "Sertraline (generic antidepressant)", mh_generic_level),
            tier("preferred_brand", 30, "20%", "Vortioxetine (preferred brand antidepressant)", "20%"),
            tier("non_preferred_brand", 20, "40%", "Brexpiprazole (non-preferred brand)", "40%"),
            tier("specialty", 10, "50%", "Long-acting injectable antipsychotic (specialty)", "50%")}}};
}

TEST(FormularyTiers, RegulationsExample4Complies) {
  const auto report = analyse(benefit_design_from_json(example_4("10%")));
  ASSERT_EQ(report.tests.size(), 4u);
  const std::int64_t expected[] = {1000, 2000, 4000, 5000};  // basis points: 10%, 20%, 40%, 50%
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& t = report.tests[i];
    EXPECT_EQ(t.key.classification, Classification::prescription_drugs);
    EXPECT_TRUE(t.substantially_all);
    EXPECT_EQ(t.predominant, expected[i]);
    ASSERT_EQ(t.checks.size(), 1u);
    EXPECT_TRUE(t.checks[0].pass) << t.checks[0].reason;
  }
  EXPECT_EQ(report.tests[0].key.describe(), "prescription_drugs / formulary tier generic");
  EXPECT_TRUE(report.passes());
  bool cited = false;
  for (const auto& f : report.findings) cited |= f.rule.find("2590.712(c)(3)(iii)(A)") != std::string::npos;
  EXPECT_TRUE(cited);
  // The design round-trips with its formulary tiers.
  const auto design = benefit_design_from_json(example_4("10%"));
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
  EXPECT_EQ(to_json(design)["classifications"][0]["formulary_tier"], "generic");
}

// An MH/SUD drug in tier 1 charged 20% where every M/S generic is at 10%: more restrictive than the predominant level.
TEST(FormularyTiers, AnMhDrugAboveItsTiersLevelIsAViolation) {
  const auto report = analyse(benefit_design_from_json(example_4("20%")));
  EXPECT_FALSE(report.passes());
  EXPECT_FALSE(report.tests[0].checks[0].pass);
  EXPECT_EQ(report.tests[0].checks[0].reason,
            "The Sertraline (generic antidepressant) coinsurance of 20% is more restrictive than the predominant M/S "
            "level of 10% (a single level over one-half).");
}

TEST(FormularyTiers, TiersAreCheckedWithTheParagraphThatAllowsThem) {
  // A network tier on prescription drugs points to the formulary tier and its paragraph.
  auto network = example_4("10%");
  network["classifications"][0].erase("formulary_tier");
  network["classifications"][0]["tier"] = "generic";
  try {
    (void)benefit_design_from_json(network);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "design.classifications[0].tier");
    EXPECT_NE(e.allowed().find("formulary_tier"), std::string::npos);
    EXPECT_NE(e.allowed().find("29 CFR 2590.712(c)(3)(iii)(A)"), std::string::npos);
  }
  // A formulary tier elsewhere, an undeclared one, one without factors or set with regard to MH/SUD: refused.
  auto elsewhere = example_4("10%");
  elsewhere["classifications"][0]["classification"] = "outpatient_in_network";
  EXPECT_THROW((void)benefit_design_from_json(elsewhere), iop::ValidationError);
  auto undeclared = example_4("10%");
  undeclared["classifications"][0]["formulary_tier"] = "tier_9";
  EXPECT_THROW((void)benefit_design_from_json(undeclared), iop::NotFoundError);
  auto no_factors = example_4("10%");
  no_factors["formulary_tiers"][0]["factors"] = "";
  EXPECT_THROW((void)benefit_design_from_json(no_factors), iop::ValidationError);
  auto with_regard = example_4("10%");
  with_regard["formulary_tiers"][1]["without_regard_to_mh_sud"] = false;
  EXPECT_THROW((void)benefit_design_from_json(with_regard), iop::ValidationError);
  // Network tiers stay limited to in-network classifications.
  auto out_of_network = json::parse(R"({"plan": "p", "plan_year_start": "2026-01-01",
      "network_tiers": [{"id": "preferred", "name": "Preferred", "factors": "quality", "without_regard_to_mh_sud": true}],
      "classifications": [{"classification": "outpatient_out_of_network", "tier": "preferred", "total_payments": "100.00"}]})");
  EXPECT_THROW((void)benefit_design_from_json(out_of_network), iop::ValidationError);
}

// A design whose mental_health lists are empty (easy after aggregating claims) tested nothing: the report says so first.
TEST(ParityUntested, NoMhSudBenefitTestedIsSaidFirst) {
  auto design = design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}}, {}));
  const auto report = analyse(design);
  ASSERT_FALSE(report.findings.empty());
  EXPECT_EQ(report.findings[0].severity, "finding");
  EXPECT_EQ(report.findings[0].message.rfind("No MH/SUD benefit was tested in outpatient_in_network / all_other", 0), 0u)
      << report.findings[0].message;
  EXPECT_EQ(report.untested, std::vector<std::string>{"outpatient_in_network / all_other"});
  const auto text = to_text(report);
  EXPECT_LT(text.find("No MH/SUD benefit was tested in"), text.find("No violation found."));
  // A design that tests its MH/SUD benefit says nothing of the kind.
  EXPECT_TRUE(analyse(passing_design()).untested.empty());
  EXPECT_EQ(to_json(report)["untested_classifications"][0], "outpatient_in_network / all_other");
}

// The rule set: by default the rules the Departments enforce, as of their May 15, 2025 statement; the 2024 rule
// in full on request, with the findings that rest only on its new provisions marked.
TEST(ParityRuleSets, AReportNamesItsRuleSetAndTheCallerMayChoose) {
  auto design = passing_design();
  // M/S benefits inpatient in network, where the design lists no MH/SUD benefit.
  ClassificationData inpatient;
  inpatient.key.classification = Classification::inpatient_in_network;
  inpatient.total_payments = millions(20);
  inpatient.medical_surgical = {{LimitType::deductible, dollars(500), millions(20)}};
  design.classifications.push_back(inpatient);

  const auto enforced = analyse(design);
  EXPECT_EQ(enforced.rule_set.id, RuleSet::mhpaea_2013);
  EXPECT_EQ(enforced.rule_set.as_of, iop::make_date(2025, 5, 15));
  for (const auto& f : enforced.findings) EXPECT_FALSE(f.new_in_2024_rule) << f.message;
  for (const auto& p : enforced.provisions)
    EXPECT_EQ(p.in_rule_set, p.applies_from < iop::make_date(2025, 1, 1)) << p.name;
  EXPECT_NE(to_text(enforced).find("Rule set: MHPAEA, its 2013 final rules"), std::string::npos);

  const auto full = analyse(design, RuleSet::mhpaea_2024);
  EXPECT_EQ(full.rule_set.id, RuleSet::mhpaea_2024);
  const auto meaningful = std::find_if(full.findings.begin(), full.findings.end(), [](const Finding& f) {
    return f.topic == "meaningful benefits / inpatient_in_network";
  });
  ASSERT_NE(meaningful, full.findings.end());
  EXPECT_TRUE(meaningful->new_in_2024_rule);
  EXPECT_EQ(meaningful->severity, "finding");
  EXPECT_NE(to_text(full).find("[finding, 2024 rule only] meaningful benefits"), std::string::npos);
  EXPECT_EQ(to_json(full)["rule_set"]["id"], "mhpaea_2024");
  EXPECT_EQ(to_json(report_from_json(to_json(full))), to_json(full));
  // The standard applies to plan years from 2026-01-01: a 2025 plan year has no such finding.
  design.plan_year_start = iop::make_date(2025, 1, 1);
  for (const auto& f : analyse(design, RuleSet::mhpaea_2024).findings) EXPECT_FALSE(f.new_in_2024_rule);
  EXPECT_THROW((void)parse_rule_set("mhpaea_2020"), iop::NotFoundError);
}

}  // namespace
