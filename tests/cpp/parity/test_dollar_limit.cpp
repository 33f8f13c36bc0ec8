// Item 7: aggregate lifetime and annual dollar limits, measured over all M/S benefits by
// the plan payments expected for the plan year (29 U.S.C. 1185a(a)(1)-(2); 29 CFR 2590.712(b)).

#include "iop/parity/report.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "parity_support.hpp"

namespace {

using namespace iop::parity;
using namespace iop::parity::testing;
using iop::Money;
using A = MhSudDollarLimit::Application;

Money usd(std::int64_t d) { return Money::from_dollars(d); }

DollarLimitTest only_limit(const BenefitDesign& design) {
  const auto report = analyse(design);
  EXPECT_EQ(report.dollar_limit_tests.size(), 1u);
  return report.dollar_limit_tests.at(0);
}

BenefitDesign with_limit(DollarLimitDesign limit) {
  auto design = passing_design();
  design.dollar_limits = {std::move(limit)};
  return design;
}

// One annual limit of $50,000 on $80M of $100M of M/S payments: 80% >= 2/3, so the
// plan must apply it without distinction or put no MH/SUD limit below $50,000
// (1185a(a)(2)(B)). An MH/SUD annual limit of $25,000 is a violation.
TEST(ParityDollarLimits, AnAnnualLimitOnMhSudBelowTheMedicalSurgicalOneIsFlagged) {
  DollarLimitDesign annual{DollarLimitKind::annual, millions(100), {{"all M/S benefits", usd(50'000), millions(80)}},
                           std::nullopt, {A::separate, usd(25'000)}};
  auto design = with_limit(annual);
  const auto report = analyse(design);
  const auto& t = report.dollar_limit_tests.at(0);
  EXPECT_EQ(t.test, "single_limit");
  EXPECT_EQ(t.limited_share, iop::Rate::percent(80));
  EXPECT_EQ(t.medical_surgical_limit, usd(50'000));
  EXPECT_FALSE(t.pass);
  EXPECT_EQ(t.reason,
            "The annual dollar limits apply to 80.0% of all M/S plan payments expected for the plan year "
            "($80,000,000.00 of $100,000,000.00), at least two-thirds, with one limit of $50,000.00: the MH/SUD annual "
            "limit of $25,000.00 is less than it, which the law does not allow.");
  EXPECT_NE(t.rule.find("1185a(a)(1)(B), (a)(2)(B)"), std::string::npos);
  const auto f = findings_on(report, "annual dollar limit");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].severity, "violation");
  EXPECT_FALSE(report.passes());
  // Equal, joint or none pass.
  for (const auto& mh : {MhSudDollarLimit{A::separate, usd(50'000)}, MhSudDollarLimit{A::joint, std::nullopt},
                         MhSudDollarLimit{A::none, std::nullopt}}) {
    annual.mental_health = mh;
    EXPECT_TRUE(only_limit(with_limit(annual)).pass) << to_string(mh.application);
  }
}

// A lifetime limit on $30M of $100M: 30% < 1/3, so no lifetime limit may be put on
// MH/SUD benefits at all (1185a(a)(1)(A); 29 CFR 2590.712(b)(2)).
TEST(ParityDollarLimits, BelowOneThirdNoMhSudLimitIsAllowed) {
  DollarLimitDesign lifetime{DollarLimitKind::lifetime, millions(100), {{"transplants", usd(1'000'000), millions(30)}},
                             std::nullopt, {A::separate, usd(2'000'000)}};
  auto t = only_limit(with_limit(lifetime));
  EXPECT_EQ(t.test, "below_one_third");
  EXPECT_FALSE(t.pass);
  lifetime.mental_health = {A::none, std::nullopt};
  EXPECT_TRUE(only_limit(with_limit(lifetime)).pass);
}

// Between the thirds: limits of $1,000,000 on $40M and $500,000 on $10M; the other $50M
// lie in no limited category and count at the plan's estimate of $2,000,000
// (29 CFR 2590.712(b)(5)). Weighted average:
//   (1,000,000 x 40 + 500,000 x 10 + 2,000,000 x 50) / 100 = 145,000,000 / 100 = $1,450,000.
// An MH/SUD lifetime limit of $1,000,000 is below it (violation); $1,450,000 equals it (passes).
TEST(ParityDollarLimits, TheWeightedAverageDecidesBetweenTheThirds) {
  DollarLimitDesign lifetime{DollarLimitKind::lifetime,
                             millions(100),
                             {{"general", usd(1'000'000), millions(40)}, {"transplants", usd(500'000), millions(10)}},
                             usd(2'000'000),
                             {A::separate, usd(1'000'000)}};
  auto t = only_limit(with_limit(lifetime));
  EXPECT_EQ(t.test, "weighted_average");
  EXPECT_EQ(t.limited_share, iop::Rate::percent(50));
  EXPECT_EQ(t.medical_surgical_limit, usd(1'450'000));
  EXPECT_TRUE(t.average_exact);
  EXPECT_FALSE(t.pass);
  lifetime.mental_health = {A::separate, usd(1'450'000)};
  EXPECT_TRUE(only_limit(with_limit(lifetime)).pass);
  // Joint application is an option only for one limit on at least two-thirds.
  lifetime.mental_health = {A::joint, std::nullopt};
  EXPECT_FALSE(only_limit(with_limit(lifetime)).pass);
  // Without the estimate the average cannot be computed: refused, naming the field.
  lifetime.unlimited_upper_limit.reset();
  try {
    (void)analyse(with_limit(lifetime));
    FAIL() << "missing estimate accepted";
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "design.dollar_limits[0].unlimited_upper_limit");
  }
}

// At least two-thirds but different limits: $1,000,000 on $60M, $500,000 on $20M, and
// $20M unlimited at an estimate of $2,000,000:
//   (1,000,000 x 60 + 500,000 x 20 + 2,000,000 x 20) / 100 = $1,100,000,
// stated as an interpretation (the two-thirds paragraph names a single limit).
TEST(ParityDollarLimits, DifferentLimitsOverTwoThirdsUseTheWeightedAverageAndSaySo) {
  DollarLimitDesign annual{DollarLimitKind::annual,
                           millions(100),
                           {{"general", usd(1'000'000), millions(60)}, {"transplants", usd(500'000), millions(20)}},
                           usd(2'000'000),
                           {A::separate, usd(1'100'000)}};
  const auto t = only_limit(with_limit(annual));
  EXPECT_EQ(t.medical_surgical_limit, usd(1'100'000));
  EXPECT_TRUE(t.pass);
  EXPECT_NE(t.reason.find("an interpretation"), std::string::npos);
}

// Exactness: $100.00 on $1.00 and $200.00 on $2.00 of $3.00: (10,000 x 100 + 20,000 x 200)
// / 300 = 5,000,000 / 300 = 16,666.67 cents, shown as about $166.67 (halves away from
// zero). The comparison is exact: $166.67 x 300 = 5,000,100 >= 5,000,000 passes;
// $166.66 x 300 = 4,999,800 fails.
TEST(ParityDollarLimits, TheComparisonIsExactAndTheDisplayRounded) {
  DollarLimitDesign annual{DollarLimitKind::annual,
                           Money::from_cents(300),
                           {{"a", Money::from_cents(10'000), Money::from_cents(100)},
                            {"b", Money::from_cents(20'000), Money::from_cents(200)}},
                           std::nullopt,
                           {A::separate, Money::from_cents(16'667)}};
  auto t = only_limit(with_limit(annual));
  EXPECT_EQ(t.medical_surgical_limit, Money::from_cents(16'667));
  EXPECT_FALSE(t.average_exact);
  EXPECT_NE(t.reason.find("about $166.67"), std::string::npos);
  EXPECT_TRUE(t.pass);
  annual.mental_health.limit = Money::from_cents(16'666);
  EXPECT_FALSE(only_limit(with_limit(annual)).pass);
}

TEST(ParityDollarLimits, RoundTripAndValidation) {
  DollarLimitDesign annual{DollarLimitKind::annual, millions(100), {{"all M/S benefits", usd(50'000), millions(80)}},
                           std::nullopt, {A::separate, usd(25'000)}};
  auto design = with_limit(annual);
  const auto j = to_json(design);
  EXPECT_EQ(to_json(benefit_design_from_json(j)), j);
  const auto report = analyse(design);
  EXPECT_EQ(to_json(report_from_json(to_json(report))), to_json(report));
  // A separate limit needs its amount; a kind given twice is refused.
  design.dollar_limits[0].mental_health.limit.reset();
  EXPECT_THROW((void)analyse(design), iop::ValidationError);
  design = with_limit(annual);
  design.dollar_limits.push_back(annual);
  EXPECT_THROW((void)analyse(design), iop::ValidationError);
}

}  // namespace
