#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using iop::Money;
using namespace iop::parity;
using namespace iop::parity::testing;
using nlohmann::json;

const TypeTest& only_test(const ParityReport& r) { return r.tests.at(0); }

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
  EXPECT_EQ(t.checks[0].reason,
            "The IOP copay of $40.00 is more restrictive than the predominant M/S level of $35.00 (a single level over "
            "one-half).");
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
  const auto period = lower_is_more_restrictive(c.type) ? LimitPeriod::annual : LimitPeriod::none;
  auto ms = c.ms;
  for (auto& row : ms) row.period = period;
  const auto report = analyse(design_with(outpatient(c.total_millions, ms, {{"IOP", c.type, c.mh_level, period}})));
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
  auto design = passing_design();
  design.deductible = Accumulation::separate;
  const auto report = analyse(design);
  const auto cumulative = findings_on(report, "cumulative requirements");
  ASSERT_EQ(cumulative.size(), 1u);
  EXPECT_EQ(cumulative[0].severity, "violation");
  EXPECT_EQ(cumulative[0].message,
            "The deductible accumulates separately for MH/SUD benefits instead of jointly with medical/surgical "
            "benefits.");
  EXPECT_NE(cumulative[0].rule.find("29 CFR 2590.712(c)(3)(v)"), std::string::npos);
  EXPECT_FALSE(report.passes());
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

namespace {

// Item 8: a visit or day limit is tested with its period. 29 CFR 2590.712(c)(1)(ii):
// "Different types of quantitative treatment limitations include annual, episode, and
// lifetime day and visit limits" (the same words are in 28 TAC 21.2401(a)(2)).
// Outpatient in-network, $40M of M/S payments:
//   annual visit limit 30 visits on $30M, none ($0 level) on $10M: 30/40 = 75% >= 2/3,
//     30 visits on all $30M subject (100% > 1/2): predominant 30 visits;
//   lifetime visit limit 100 visits on $10M, none on $30M: 10/40 = 25% < 2/3, so no
//     lifetime visit limit may be put on MH/SUD benefits at all.
// IOP carries an annual limit of 30 visits (passes: 30 >= 30) and a lifetime limit of
// 60 visits (a violation). Tested as one type, as before, the levels would merge
// (30 visits on $30M, 100 on $10M, 100% subject, 30 predominant) and the lifetime 60
// would wrongly pass.
TEST(ParityPeriods, AnnualAndLifetimeVisitLimitsAreDifferentTypes) {
  const auto annual = LimitPeriod::annual;
  const auto lifetime = LimitPeriod::lifetime;
  const auto report = analyse(design_with(outpatient(
      40,
      {{LimitType::visit_limit, 30, millions(30), annual}, {LimitType::visit_limit, 0, millions(10), annual},
       {LimitType::visit_limit, 100, millions(10), lifetime}, {LimitType::visit_limit, 0, millions(30), lifetime}},
      {{"IOP", LimitType::visit_limit, 30, annual}, {"IOP", LimitType::visit_limit, 60, lifetime}})));
  ASSERT_EQ(report.tests.size(), 2u);
  const auto& a = report.tests[0];
  EXPECT_EQ(a.period, LimitPeriod::annual);
  EXPECT_EQ(a.subject_share, iop::Rate::percent(75));
  EXPECT_EQ(a.predominant, 30);
  EXPECT_TRUE(a.checks.at(0).pass);
  const auto& l = report.tests[1];
  EXPECT_EQ(l.period, LimitPeriod::lifetime);
  EXPECT_EQ(l.subject_share, iop::Rate::percent(25));
  EXPECT_FALSE(l.substantially_all);
  EXPECT_FALSE(l.checks.at(0).pass);
  EXPECT_EQ(l.checks.at(0).reason,
            "The lifetime visit_limit applies to 25.0% of M/S plan payments in outpatient_in_network / all_other "
            "($10,000,000.00 of $40,000,000.00), less than two-thirds, so it may not be applied to MH/SUD benefits "
            "there, yet IOP carries 60 visits.");
  const auto violations = findings_on(report, "lifetime visit_limit / outpatient_in_network / all_other");
  ASSERT_EQ(violations.size(), 2u);
  EXPECT_EQ(violations[1].severity, "violation");
}

TEST(ParityPeriods, ALimitWithoutItsPeriodIsRefused) {
  auto design = design_with(outpatient(40, {{LimitType::visit_limit, 30, millions(30)}}, {}));
  try {
    (void)analyse(design);
    FAIL() << "a visit limit without a period was accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "design.classifications[0].medical_surgical[0].period");
    EXPECT_NE(e.allowed().find("29 CFR 2590.712(c)(1)(ii)"), std::string::npos);
  }
  const json copay_with_period = document({{"classifications",
                                            {{{"classification", "emergency"},
                                              {"total_payments", "100.00"},
                                              {"medical_surgical",
                                               {{{"type", "copay"}, {"level", "50.00"}, {"payments", "100.00"},
                                                 {"period", "annual"}}}}}}}});
  EXPECT_THROW((void)benefit_design_from_json(copay_with_period), iop::ValidationError);
}

// Item 9: several coverage units in one design, each tested separately (29 CFR
// 2590.712(c)(3)(ii): the predominant level is determined separately for each coverage unit).
// Outpatient in-network, $50M in each unit:
//   self-only: copay $35 on $25M, $20 on $15M, none on $10M: 40/50 = 80% >= 2/3;
//     $35 on 25/40 = 62.5% > 1/2: predominant $35;
//   family: copay $20 on $30M, $35 on $10M, none on $10M: 80% >= 2/3;
//     $20 on 30/40 = 75% > 1/2: predominant $20.
// The IOP copay is $35 in both: it passes for self-only and violates for family.
TEST(ParityCoverageUnits, EachUnitIsTestedSeparatelyInOneReport) {
  BenefitDesign design;
  design.plan = "Two-tier PPO";
  design.plan_year_start = iop::make_date(2026, 1, 1);
  const MhSudLevel iop_copay{"IOP", LimitType::copay, dollars(35)};
  design.coverage_units = {
      {"self-only",
       {outpatient(50,
                   {{LimitType::copay, dollars(35), millions(25)}, {LimitType::copay, dollars(20), millions(15)},
                    {LimitType::copay, 0, millions(10)}},
                   {iop_copay})}},
      {"family",
       {outpatient(50,
                   {{LimitType::copay, dollars(20), millions(30)}, {LimitType::copay, dollars(35), millions(10)},
                    {LimitType::copay, 0, millions(10)}},
                   {iop_copay})}}};
  const auto report = analyse(design);
  EXPECT_EQ(report.coverage_units, (std::vector<std::string>{"self-only", "family"}));
  EXPECT_EQ(report.coverage_unit, "self-only, family");
  ASSERT_EQ(report.tests.size(), 2u);
  EXPECT_EQ(report.tests[0].coverage_unit, "self-only");
  EXPECT_EQ(report.tests[0].predominant, dollars(35));
  EXPECT_TRUE(report.tests[0].checks.at(0).pass);
  EXPECT_EQ(report.tests[1].coverage_unit, "family");
  // Most restrictive first: $35 on 10/40 = 25%, then $20 on 30/40 = 75%.
  EXPECT_EQ(report.tests[1].levels.at(0).share, iop::Rate::percent(25));
  EXPECT_EQ(report.tests[1].levels.at(1).share, iop::Rate::percent(75));
  EXPECT_EQ(report.tests[1].predominant, dollars(20));
  EXPECT_FALSE(report.tests[1].checks.at(0).pass);
  const auto family = findings_on(report, "family: copay / outpatient_in_network / all_other");
  ASSERT_EQ(family.size(), 2u);
  EXPECT_EQ(family[1].severity, "violation");
  EXPECT_NE(family[0].rule.find("(c)(3)(ii)"), std::string::npos);
  EXPECT_FALSE(report.passes());
  // Through JSON: the design and the report round-trip, and a unit named twice is refused.
  EXPECT_EQ(to_json(benefit_design_from_json(to_json(design))), to_json(design));
  EXPECT_EQ(to_json(report_from_json(to_json(report))), to_json(report));
  design.coverage_units[1].coverage_unit = "self-only";
  EXPECT_THROW((void)analyse(design), iop::ValidationError);
}

}  // namespace
