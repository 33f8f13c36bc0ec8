#include "iop/billing/coverage.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "iop/core/error.hpp"

namespace {

using iop::Money;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

std::vector<iop::ChargeLine> per_diem_days(std::initializer_list<const char*> dates, const char* price = "$300") {
  std::vector<iop::ChargeLine> lines;
  for (const char* date : dates)
    lines.push_back({d(date), std::string("s-") + date, iop::SessionKind::program_day, "S9480", "0905", 1, 4, m(price),
                     "per diem"});
  return lines;
}

iop::Coverage plan_with(const char* deductible, iop::Rate coinsurance, const char* oop) {
  iop::Coverage c;
  c.payer = iop::PayerType::commercial;
  c.in_network.deductible_individual = m(deductible);
  c.in_network.coinsurance = coinsurance;
  c.in_network.oop_individual = m(oop);
  return c;
}

void expect_line(const iop::AdjudicatedLine& a, const char* patient, const char* plan) {
  EXPECT_EQ(a.patient, m(patient)) << a.charge.session_uid;
  EXPECT_EQ(a.plan, m(plan)) << a.charge.session_uid;
  EXPECT_EQ(a.patient + a.plan, a.allowed);
}

// $500 deductible, 20% coinsurance: the deductible is met on the second day.
// Day 1: $300 to the deductible. Day 2: $200 to the deductible, 20% of $100 = $20 -> $220.
// Day 3: 20% of $300 = $60.
TEST(Adjudication, DeductibleMetMidWeek) {
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04", "2026-03-06"}),
                                     plan_with("$500", iop::Rate::percent(20), "$5,000"));
  expect_line(lines[0], "$300.00", "$0.00");
  expect_line(lines[1], "$220.00", "$80.00");
  EXPECT_EQ(lines[1].deductible, m("$200"));
  EXPECT_EQ(lines[1].coinsurance, m("$20"));
  expect_line(lines[2], "$60.00", "$240.00");
  EXPECT_EQ(lines[2].after.deductible_individual, m("$500"));
  EXPECT_EQ(lines[2].after.oop_individual, m("$580"));
}

// A $40 copay that applies before the deductible: the deductible is not charged.
TEST(Adjudication, CopayBeforeDeductible) {
  auto c = plan_with("$1,000", iop::Rate(), "$5,000");
  c.in_network.copay = m("$40");
  c.in_network.copay_before_deductible = true;
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04"}), c);
  expect_line(lines[0], "$40.00", "$260.00");
  expect_line(lines[1], "$40.00", "$260.00");
  EXPECT_EQ(lines[1].after.deductible_individual, Money());
  // After the deductible instead: day 1 $300 deductible; day 2 $200 deductible + $40 copay.
  c.in_network.copay_before_deductible = false;
  c.in_network.deductible_individual = m("$500");
  const auto after = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04", "2026-03-06"}), c);
  expect_line(after[0], "$300.00", "$0.00");
  expect_line(after[1], "$240.00", "$60.00");
  expect_line(after[2], "$40.00", "$260.00");
}

// No deductible, 50% coinsurance, $400 out-of-pocket maximum: $150, $150, then capped at $100, then $0.
TEST(Adjudication, OutOfPocketMaximumReachedMidProgram) {
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09"}),
                                     plan_with("$0", iop::Rate::percent(50), "$400"));
  expect_line(lines[0], "$150.00", "$150.00");
  expect_line(lines[1], "$150.00", "$150.00");
  expect_line(lines[2], "$100.00", "$200.00");
  EXPECT_NE(lines[2].rules.back().find("out-of-pocket maximum reached"), std::string::npos);
  expect_line(lines[3], "$0.00", "$300.00");
  EXPECT_EQ(lines[3].after.oop_individual, m("$400"));
}

// Plan year starting July 1: the deductible resets between 06-30 and 07-01.
TEST(Adjudication, PlanYearResetDuringTheProgram) {
  auto c = plan_with("$500", iop::Rate::percent(20), "$5,000");
  c.plan_year_start = d("2025-07-01");
  const auto lines = iop::adjudicate(per_diem_days({"2026-06-29", "2026-06-30", "2026-07-01", "2026-07-02"}), c);
  expect_line(lines[0], "$300.00", "$0.00");
  expect_line(lines[1], "$220.00", "$80.00");
  expect_line(lines[2], "$300.00", "$0.00");
  EXPECT_EQ(lines[2].after.plan_year, d("2026-07-01"));
  EXPECT_EQ(lines[2].rules.front(), "new plan year from 2026-07-01: accumulators reset");
  expect_line(lines[3], "$220.00", "$80.00");
}

// Family deductible $2,000 with $1,900 met by another member: only $100 left for this patient.
TEST(Adjudication, FamilyDeductibleMetByAnotherMember) {
  auto c = plan_with("$1,000", iop::Rate::percent(20), "$5,000");
  c.in_network.deductible_family = m("$2,000");
  c.in_network.oop_family = m("$10,000");
  c.accumulators = iop::Accumulators{d("2026-02-15"), Money(), m("$1,900"), Money(), m("$1,900"), 0, {}, {}, {}, {}};
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04"}), c);
  EXPECT_EQ(lines[0].deductible, m("$100"));
  expect_line(lines[0], "$140.00", "$160.00");  // $100 + 20% of $200
  expect_line(lines[1], "$60.00", "$240.00");
  // Accumulators read in an earlier plan year do not count.
  c.accumulators->as_of = d("2025-12-31");
  const auto old = iop::adjudicate(per_diem_days({"2026-03-02"}), c);
  expect_line(old[0], "$300.00", "$0.00");
  // Never silently: the first line says why they were not applied.
  EXPECT_NE(std::find(old[0].rules.begin(), old[0].rules.end(),
                      "accumulators as of 2025-12-31 belong to the plan year from 2025-01-01: not applied (they reset "
                      "each plan year)"),
            old[0].rules.end());
}

TEST(Adjudication, LimitsAuthorisationAndAllowedAmounts) {
  auto c = plan_with("$0", iop::Rate::percent(20), "$5,000");
  c.allowed_amounts["S9480"] = m("$250");
  c.visit_limit = 2;
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04", "2026-03-06"}), c);
  EXPECT_EQ(lines[0].allowed, m("$250"));
  expect_line(lines[0], "$50.00", "$200.00");
  EXPECT_FALSE(lines[2].covered);
  expect_line(lines[2], "$250.00", "$0.00");
  c.visit_limit.reset();
  c.authorizations = {iop::Authorization{"AUTH-1", d("2026-03-03"), d("2026-03-31"), 1, std::nullopt, ""}};
  c.outside_authorization = iop::OutsideAuthorization::patient_pays;
  const auto auth = iop::adjudicate(per_diem_days({"2026-03-02", "2026-03-04", "2026-03-06"}), c);
  EXPECT_FALSE(auth[0].covered);  // before the authorised dates
  EXPECT_TRUE(auth[1].covered);
  EXPECT_FALSE(auth[2].covered);  // the one unit is used
  EXPECT_NE(auth[2].rules.back().find("patient pays the allowed amount"), std::string::npos);
}

TEST(Adjudication, SelfPayAndValidation) {
  iop::Coverage self;
  self.payer = iop::PayerType::self_pay;
  const auto lines = iop::adjudicate(per_diem_days({"2026-03-02"}), self);
  expect_line(lines[0], "$300.00", "$0.00");
  auto bad = plan_with("$500", iop::Rate::percent(20), "$400");
  EXPECT_THROW((void)iop::adjudicate({}, bad), iop::ValidationError);  // maximum below the deductible
  bad = plan_with("$500", iop::Rate::percent(120), "$5,000");
  try {
    (void)iop::adjudicate({}, bad);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.coinsurance");
  }
}

TEST(Adjudication, AcaLimits) {
  EXPECT_EQ(iop::aca_oop_limit(2025)->first, m("$9,200"));
  EXPECT_EQ(iop::aca_oop_limit(2026)->second, m("$21,200"));
  EXPECT_FALSE(iop::aca_oop_limit(2030));
}

}  // namespace
