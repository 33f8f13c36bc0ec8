#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "iop/core/error.hpp"

namespace {

using iop::Money;
using namespace iop::parity;
using nlohmann::json;

Money millions(std::int64_t m) { return Money::from_dollars(m * 1'000'000); }

ClassificationData outpatient(std::int64_t total_millions, std::vector<LevelPayments> ms, std::vector<MhSudLevel> mh) {
  ClassificationData d;
  d.key.classification = Classification::outpatient_in_network;
  d.key.subclassification = Subclassification::all_other;
  d.total_payments = millions(total_millions);
  d.medical_surgical = std::move(ms);
  d.mental_health = std::move(mh);
  return d;
}

BenefitDesign design_with(ClassificationData data) {
  BenefitDesign d;
  d.plan = "Test plan";
  d.plan_year_start = iop::make_date(2026, 1, 1);
  d.classifications.push_back(std::move(data));
  return d;
}

const TypeTest& only_test(const ParityReport& r) { return r.tests.at(0); }

std::int64_t dollars(std::int64_t d) { return d * 100; }

// The worked example of the domain facts (section 1.3): $50M of outpatient in-network
// payments, $40M of them for benefits with a copay: 80% >= 2/3. Of the $40M, $25M at $35
// and $15M at $20: $35 covers 62.5% > 1/2 and is predominant.
TEST(Parity, WorkedExampleOfTheFacts) {
  const auto report = analyse(design_with(outpatient(
      50,
      {{LimitType::copay, dollars(35), millions(25)}, {LimitType::copay, dollars(20), millions(15)},
       {LimitType::copay, 0, millions(10)}},
      {{"IOP", LimitType::copay, dollars(40)}, {"Psychotherapy", LimitType::copay, dollars(35)}})));
  const auto& t = only_test(report);
  EXPECT_EQ(t.total_payments, millions(50));
  EXPECT_EQ(t.subject_payments, millions(40));
  EXPECT_EQ(t.subject_share, iop::Rate::percent(80));
  EXPECT_TRUE(t.substantially_all);
  ASSERT_EQ(t.levels.size(), 2u);
  EXPECT_EQ(t.levels[0].level, dollars(35));
  EXPECT_EQ(t.levels[0].share, iop::Rate::fraction(5, 8));  // 62.5%
  EXPECT_EQ(t.predominant, dollars(35));
  EXPECT_FALSE(t.combined);
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_FALSE(t.checks[0].pass);  // a $40 IOP copay is more restrictive than $35
  EXPECT_EQ(t.checks[0].reason, "IOP $40.00 is more restrictive than the predominant M/S level $35.00 (a single level over one-half)");
  EXPECT_TRUE(t.checks[1].pass);
  EXPECT_FALSE(report.passes());
}

struct Case {
  const char* name;
  LimitType type;
  std::int64_t total_millions;
  std::vector<LevelPayments> ms;
  std::int64_t mh_level;
  bool substantially_all;
  std::optional<std::int64_t> predominant;
  bool combined;
  bool mh_pass;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Quantitative : public ::testing::TestWithParam<Case> {};

TEST_P(Quantitative, HandWorked) {
  const auto& c = GetParam();
  const auto report = analyse(design_with(outpatient(c.total_millions, c.ms, {{"IOP", c.type, c.mh_level}})));
  const auto& t = only_test(report);
  EXPECT_EQ(t.substantially_all, c.substantially_all);
  EXPECT_EQ(t.predominant, c.predominant);
  EXPECT_EQ(t.combined, c.combined);
  EXPECT_EQ(t.checks.at(0).pass, c.mh_pass) << t.checks.at(0).reason;
  EXPECT_FALSE(t.rule.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Table, Quantitative,
    ::testing::Values(
        // Coinsurance on $30M of $50M: 60% < 2/3, so MH/SUD may carry no coinsurance at all.
        Case{"below-two-thirds", LimitType::coinsurance, 50, {{LimitType::coinsurance, 2000, millions(30)}}, 2000, false,
             std::nullopt, false, false},
        Case{"below-two-thirds-none-applied", LimitType::coinsurance, 50, {{LimitType::coinsurance, 2000, millions(30)}},
             0, false, std::nullopt, false, true},
        // Exactly two-thirds passes: $40M of $60M.
        Case{"exactly-two-thirds", LimitType::coinsurance, 60, {{LimitType::coinsurance, 2000, millions(40)}}, 2000, true,
             2000, false, true},
        // A $0 copay is not subject: $25 on $30M and $0 on $20M of $50M is 60%, below 2/3.
        Case{"zero-level-not-subject", LimitType::copay, 50,
             {{LimitType::copay, dollars(25), millions(30)}, {LimitType::copay, 0, millions(20)}}, dollars(25), false,
             std::nullopt, false, false},
        // No deductible level over half of $90M subject: $2,000 (33.3%) + $1,500 (27.8%) = 61.1% > 1/2,
        // so $1,500, the least restrictive level in the combination, is predominant.
        Case{"combining", LimitType::deductible, 100,
             {{LimitType::deductible, dollars(2000), millions(30)}, {LimitType::deductible, dollars(1500), millions(25)},
              {LimitType::deductible, dollars(1000), millions(20)}, {LimitType::deductible, dollars(500), millions(15)}},
             dollars(2000), true, dollars(1500), true, false},
        Case{"combining-pass", LimitType::deductible, 100,
             {{LimitType::deductible, dollars(2000), millions(30)}, {LimitType::deductible, dollars(1500), millions(25)},
              {LimitType::deductible, dollars(1000), millions(20)}, {LimitType::deductible, dollars(500), millions(15)}},
             dollars(1500), true, dollars(1500), true, true},
        // Visit limits: 30 visits on $30M of $40M (75%) is predominant; a lower limit is more restrictive.
        Case{"visit-limit-lower-is-stricter", LimitType::visit_limit, 40,
             {{LimitType::visit_limit, 20, millions(10)}, {LimitType::visit_limit, 30, millions(30)}}, 20, true, 30, false,
             false},
        Case{"visit-limit-higher-passes", LimitType::visit_limit, 40,
             {{LimitType::visit_limit, 20, millions(10)}, {LimitType::visit_limit, 30, millions(30)}}, 40, true, 30, false,
             true},
        // Combining for limits starts from the lowest: 10 (25%) + 20 (37.5%) = 62.5%: 20 visits.
        // A benefit with no visit limit (level 0) is not subject: it passes.
        Case{"no-visit-limit-passes", LimitType::visit_limit, 40,
             {{LimitType::visit_limit, 20, millions(10)}, {LimitType::visit_limit, 30, millions(30)}}, 0, true, 30, false,
             true},
        Case{"visit-limit-combining", LimitType::visit_limit, 40,
             {{LimitType::visit_limit, 10, millions(10)}, {LimitType::visit_limit, 20, millions(15)},
              {LimitType::visit_limit, 30, millions(15)}},
             20, true, 20, true, true}));

TEST(Parity, PlansAboveTenBillionDollarsStillAnalyse) {
  // $12,345,678,901.23 total: the share 5,000,000,000 / 1,234,567,890,123 is too large for an exact
  // Rate, so it is shown rounded to 1e-9; the decision compares cents: 40.5% < 2/3.
  ClassificationData d = outpatient(0, {{LimitType::copay, dollars(35), Money::from_dollars(5'000'000'000)}}, {});
  d.total_payments = Money::parse("12345678901.23");
  const auto report = analyse(design_with(d));
  EXPECT_FALSE(only_test(report).substantially_all);
  EXPECT_EQ(only_test(report).subject_share, iop::Rate::fraction(405'000'004, 1'000'000'000));
}

TEST(Parity, SeparateMentalHealthDeductibleIsFlagged) {
  auto design = design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}}, {}));
  design.deductible = Accumulation::separate;
  const auto report = analyse(design);
  bool flagged = false;
  for (const auto& f : report.findings)
    if (f.topic == "cumulative requirements") {
      flagged = true;
      EXPECT_EQ(f.severity, "violation");
      EXPECT_NE(f.rule.find("29 CFR 2590.712(c)(3)(v)"), std::string::npos);
    }
  EXPECT_TRUE(flagged);
  EXPECT_FALSE(report.passes());
}

TEST(Parity, NqtlCompletenessAndStricterLimitations) {
  auto design = design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}}, {}));
  NqtlRecord pa;
  pa.name = "Prior authorization for IOP";
  pa.kind = NqtlKind::prior_authorization;
  pa.classification = "outpatient_in_network";
  pa.benefit = "Intensive outpatient program";
  pa.comparable_benefit = "Cardiac rehabilitation";
  pa.terms = "IOP requires prior authorization";
  pa.factors = "cost, utilization";
  pa.evidentiary_standards = "";
  pa.comparative_analysis = "";
  pa.findings = "";
  pa.mental_health.required = true;
  NqtlRecord review = pa;
  review.name = "Concurrent review";
  review.kind = NqtlKind::concurrent_review;
  review.evidentiary_standards = review.comparative_analysis = review.findings = "documented";
  review.mental_health.review_every_days = 7;
  review.medical_surgical.required = true;
  review.medical_surgical.review_every_days = 30;
  design.nqtls = {pa, review};
  const auto report = analyse(design);
  std::vector<std::string> messages;
  for (const auto& f : report.findings)
    if (f.topic.rfind("NQTL", 0) == 0) messages.push_back(f.severity + ": " + f.message + " (" + f.rule + ")");
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_NE(messages[0].find("missing (iii) evidentiary standards, (iv) comparative analysis as written and in operation, "
                             "(v) findings and conclusions"),
            std::string::npos);
  EXPECT_NE(messages[1].find("Prior authorization is required for Intensive outpatient program than for Cardiac rehabilitation"),
            std::string::npos);
  EXPECT_NE(messages[3].find("every 7 days is more frequent"), std::string::npos);
  EXPECT_NE(messages[3].find("29 CFR 2590.712(c)(4)"), std::string::npos);
}

TEST(Parity, ExemptionsAndScope) {
  auto design = design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}}, {}));
  design.employer_employees = 40;
  auto report = analyse(design);
  EXPECT_FALSE(report.subject_to_parity);
  EXPECT_TRUE(report.tests.empty());
  design.insured_small_group_or_individual = true;
  EXPECT_TRUE(analyse(design).subject_to_parity);
  design.employer_employees = 51;
  design.compliance_year = 1;
  design.cost_increase = iop::Rate::parse("2.5%");
  report = analyse(design);
  EXPECT_NE(report.findings[0].message.find("Qualifies"), std::string::npos);
  design.compliance_year = 2;
  design.cost_increase = iop::Rate::parse("0.9%");
  EXPECT_NE(analyse(design).findings[0].message.find("Does not qualify"), std::string::npos);
  design.has_mental_health_benefits = false;
  EXPECT_FALSE(analyse(design).subject_to_parity);
}

TEST(Parity, CaliforniaOverlayIsData) {
  auto design = design_with(outpatient(50, {{LimitType::copay, dollars(35), millions(50)}}, {}));
  design.state = "CA";
  design.medical_necessity_criteria = {"LOCUS", "InterQual Behavioral Health"};
  design.timely_in_network_access = false;
  design.out_of_network_at_in_network_cost_sharing = false;
  design.telehealth_cost_sharing_above_in_person = true;
  const auto report = analyse(design);
  std::vector<std::string> topics;
  for (const auto& f : report.findings)
    if (f.topic.rfind("CA:", 0) == 0) topics.push_back(f.topic);
  EXPECT_EQ(topics, (std::vector<std::string>{"CA: ca-nonprofit-criteria", "CA: ca-out-of-network-access",
                                              "CA: ca-telehealth-cost-sharing"}));
  design.state = "TX";
  for (const auto& f : analyse(design).findings) EXPECT_NE(f.topic.rfind("CA:", 0), 0u);
}

TEST(Parity, RuleSetsAreVersionedByPlanYear) {
  const auto y2024 = rule_set_for(iop::make_date(2024, 7, 1));
  EXPECT_TRUE(y2024[1].applies);
  EXPECT_FALSE(y2024[3].applies);
  const auto y2026 = rule_set_for(iop::make_date(2026, 1, 1));
  EXPECT_TRUE(y2026[3].applies);
  EXPECT_FALSE(y2026[3].enforced);  // May 15, 2025 non-enforcement
  EXPECT_TRUE(y2026[4].applies);
  EXPECT_FALSE(rule_set_for(iop::make_date(2025, 7, 1))[4].applies);
}

TEST(Parity, ReportRoundTripsThroughJsonAndEveryFindingNamesItsRule) {
  auto design = design_with(outpatient(
      100,
      {{LimitType::deductible, dollars(2000), millions(30)}, {LimitType::deductible, dollars(1500), millions(25)},
       {LimitType::deductible, dollars(1000), millions(20)}, {LimitType::deductible, dollars(500), millions(15)}},
      {{"IOP", LimitType::deductible, dollars(2000)}}));
  design.out_of_pocket_maximum = Accumulation::separate;
  const auto report = analyse(design);
  for (const auto& f : report.findings) EXPECT_FALSE(f.rule.empty()) << f.message;
  const auto j = to_json(report);
  EXPECT_EQ(to_json(report_from_json(j)), j);
  EXPECT_EQ(j["tests"][0]["combination"].size(), 2u);
  EXPECT_EQ(j["tests"][0]["combination"][1]["cumulative_share"], "11/18");  // $55M of $90M
  EXPECT_NE(to_text(report).find("predominant level: $1,500.00"), std::string::npos);
  // The design round-trips too.
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
}

TEST(Parity, ClaimsAggregateIntoTheProjections) {
  // Five claims in outpatient in-network (code 2), each with a copay row (type 1): $35, $35, $20, $0, $0.
  const std::vector<std::uint8_t> cls{2, 2, 2, 2, 2}, type{1, 1, 1, 1, 1};
  const std::vector<std::int64_t> level{3500, 3500, 2000, 0, 0};
  const std::vector<std::int64_t> payment{1'000'000, 1'500'000, 1'500'000, 600'000, 400'000};
  const auto data = aggregate_claims({cls, type, level, payment});
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].total_payments, Money::from_cents(5'000'000));
  const auto report = analyse(design_with([&] {
    auto d = data[0];
    d.mental_health = {{"IOP", LimitType::copay, 3500}};
    return d;
  }()));
  EXPECT_EQ(only_test(report).subject_share, iop::Rate::percent(80));
  EXPECT_EQ(only_test(report).predominant, 3500);  // $25k of $40k = 62.5%
  const std::vector<std::uint8_t> bad_type{1, 1, 1, 1, 9};
  EXPECT_THROW((void)aggregate_claims({cls, bad_type, level, payment}), iop::ValidationError);
}

// Claims cannot pay a negative amount or carry a negative level, and payments that add up past
// 64-bit cents are an overflow, not a wrap.
TEST(Parity, ClaimsAreCheckedRowByRow) {
  const std::vector<std::uint8_t> cls{2, 2}, type{1, 1};
  const std::vector<std::int64_t> level{3500, 2000};
  const std::vector<std::int64_t> negative{1'000, -5};
  try {
    (void)aggregate_claims({cls, type, level, negative});
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "claims.payment[1]");
    EXPECT_EQ(e.value(), "-$0.05");
  }
  const std::vector<std::int64_t> negative_level{3500, -1}, payment{1'000, 2'000};
  EXPECT_THROW((void)aggregate_claims({cls, type, negative_level, payment}), iop::ValidationError);
  const std::vector<std::int64_t> huge{INT64_MAX, 1};
  const std::vector<std::int64_t> same_level{3500, 3500};
  EXPECT_THROW((void)aggregate_claims({cls, type, same_level, huge}), iop::OverflowError);
  EXPECT_THROW((void)aggregate_claims({cls, type, level, huge}), iop::OverflowError);  // in the classification's total
}

// A rule set has a JSON of its own, without a report around it.
TEST(Parity, RuleSetJson) {
  const auto j = to_json(rule_set_for(iop::make_date(2026, 1, 1)));
  ASSERT_EQ(j.size(), rule_set_for(iop::make_date(2026, 1, 1)).size());
  EXPECT_EQ(j[3]["applies"], true);
  EXPECT_EQ(j[3]["enforced"], false);
}

}  // namespace
