// Original Medicare Part B, Medicare Advantage and Medicaid cost sharing, and a
// secondary payer coordinating after the primary: figures from CMS and the CFR,
// arithmetic worked by hand in the comments.
#include "iop/billing/public_payers.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "iop/billing/coverage.hpp"
#include "iop/core/error.hpp"

namespace {

using iop::Money;
using nlohmann::json;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

std::vector<iop::ChargeLine> days_from(const char* first, int n, const char* charge, int step = 1) {
  std::vector<iop::ChargeLine> lines;
  for (int i = 0; i < n; ++i) {
    const auto date = d(first) + boost::gregorian::days(i * step);
    lines.push_back({date, "s-" + iop::to_iso_string(date), iop::SessionKind::program_day, "G0410", "0905", 1, 3, m(charge),
                     "per diem"});
  }
  return lines;
}

Money patient_total(const std::vector<iop::AdjudicatedLine>& lines) {
  Money total;
  for (const auto& l : lines) total += l.patient;
  return total;
}

std::string all_rules(const iop::AdjudicatedLine& a) {
  std::string text;
  for (const auto& r : a.rules) text += r + "\n";
  return text;
}

iop::Coverage original_medicare() {
  return iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "original"})"));
}

// CMS fact sheets "Medicare Parts A & B Premiums and Deductibles": Part B deductible $240 (2024),
// $257 (2025), $283 (2026); 20% coinsurance (42 U.S.C. 1395l(a)(1)); no figure is invented for other years.
TEST(PublicPayers, PartBFiguresByYear) {
  EXPECT_EQ(*iop::medicare_part_b_deductible(2024), m("$240"));
  EXPECT_EQ(*iop::medicare_part_b_deductible(2025), m("$257"));
  EXPECT_EQ(*iop::medicare_part_b_deductible(2026), m("$283"));
  EXPECT_FALSE(iop::medicare_part_b_deductible(2027));
  EXPECT_EQ(iop::medicare_part_b_coinsurance(), iop::Rate::percent(20));
  EXPECT_EQ(*iop::medicare_advantage_moop_limit(2025), m("$9,350"));
  EXPECT_FALSE(iop::medicare_advantage_moop_limit(2026));  // unconfirmed: not checked
}

// An Original Medicare course in 2024 at the CY2024 hospital IOP per diem for 3 services, $259.13
// (data/medicare-iop-rates.json), 100 days, with no out-of-pocket maximum:
//   day 1: deductible $240.00, then 20% of $19.13 = $3.826 -> $3.83: patient $243.83, Medicare $15.30;
//   days 2-100: 20% of $259.13 = $51.826 -> $51.83 each: 99 x $51.83 = $5,131.17;
//   total $243.83 + $5,131.17 = $5,375.00, never capped (no maximum; a commercial plan's would stop it).
TEST(PublicPayers, OriginalMedicareCourseWithNoMaximum) {
  const auto lines = iop::adjudicate(days_from("2024-01-08", 100, "$259.13"), original_medicare());
  EXPECT_EQ(lines[0].deductible, m("$240"));
  EXPECT_EQ(lines[0].coinsurance, m("$3.83"));
  EXPECT_EQ(lines[0].patient, m("$243.83"));
  EXPECT_EQ(lines[0].plan, m("$15.30"));
  for (std::size_t i = 1; i < lines.size(); ++i) EXPECT_EQ(lines[i].patient, m("$51.83")) << i;
  EXPECT_EQ(patient_total(lines), m("$5,375.00"));
  EXPECT_NE(all_rules(lines[5]).find("no out-of-pocket maximum (42 U.S.C. 1395l)"), std::string::npos) << all_rules(lines[5]);
  // The calendar year turns: 2025's deductible is $257: 20% of ($259.13 - $257) = $0.426 -> $0.43: $257.43.
  const auto turn = iop::adjudicate(days_from("2024-12-30", 2, "$259.13", 7), original_medicare());
  EXPECT_EQ(turn[1].charge.date, d("2025-01-06"));
  EXPECT_EQ(turn[1].deductible, m("$257"));
  EXPECT_EQ(turn[1].patient, m("$257.43"));
  // A year without a confirmed deductible is refused, naming the member.
  try {
    (void)iop::adjudicate(days_from("2027-01-04", 1, "$259.13"), original_medicare());
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "coverage.medicare");
  }
  // Cost sharing set by law is not accepted from the document.
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "original",
                                                  "out_of_pocket_max": {"individual": "5000"}})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.out_of_pocket_max");
    EXPECT_EQ(e.problem(), "is set by law for Original Medicare");
  }
  EXPECT_THROW((void)iop::coverage_from_json(json::parse(R"({"payer": "medicare"})")), iop::ValidationError);
}

// Medicare Advantage: the plan's own cost sharing with a required in-network maximum.
// $0 deductible, $40 copay a day, MOOP $1,000: 25 days x $40 = $1,000, day 26 capped at $0.
TEST(PublicPayers, MedicareAdvantageHasAMaximum) {
  const auto c = iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "advantage",
      "deductible": {"individual": "0"}, "copay": "40", "out_of_pocket_max": {"individual": "1000"}})"));
  const auto lines = iop::adjudicate(days_from("2026-03-02", 26, "$300"), c);
  EXPECT_EQ(lines[24].after.oop_individual, m("$1,000"));
  EXPECT_EQ(lines[25].patient, Money());
  EXPECT_EQ(patient_total(lines), m("$1,000"));
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "advantage",
        "deductible": {"individual": "0"}, "copay": "40", "out_of_pocket_max": "none"})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.out_of_pocket_max");
  }
}

// Medicaid at or below 100% of the poverty line: a $4 copay a day (42 CFR 447.52(b)), no balance bill
// (447.15), and the 5% aggregate limit of 447.56(f): family income $1,000 a month -> $50 a month.
//   March, 13 program days: 12 x $4 = $48, the 13th day capped at the $2 left; April resets: $4.
TEST(PublicPayers, MedicaidNominalCopayAndTheFivePercentLimit) {
  const auto c = iop::coverage_from_json(json::parse(R"({"payer": "medicaid",
      "medicaid": {"income": "at_or_below_100_percent_fpl",
                   "aggregate_limit": {"family_income_per_month": "1000", "period": "month"}},
      "copay": "4"})"));
  const auto lines = iop::adjudicate(days_from("2026-03-02", 13, "$300"), c);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(lines[static_cast<std::size_t>(i)].patient, m("$4")) << i;
  EXPECT_EQ(lines[12].patient, m("$2"));
  EXPECT_EQ(patient_total(lines), m("$50"));
  EXPECT_NE(all_rules(lines[12]).find("Medicaid's 5% aggregate limit for the month ($50.00, 42 CFR 447.56(f))"),
            std::string::npos)
      << all_rules(lines[12]);
  EXPECT_NE(all_rules(lines[0]).find("42 CFR 447.15"), std::string::npos);
  // March 31 then April 1: a new month, a new limit.
  const auto next = iop::adjudicate(days_from("2026-03-31", 2, "$300"), c);
  EXPECT_EQ(next[1].charge.date, d("2026-04-01"));
  EXPECT_EQ(next[1].after.period_cost_sharing, m("$4"));
  // Limits: 10% for 101-150% FPL (447.52(b)); no cost sharing for exempt groups (447.56(a)).
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "medicaid", "medicaid": {"income": "101_to_150_percent_fpl"},
                                                  "coinsurance": "15%"})"));
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "coverage.coinsurance");
    EXPECT_EQ(e.problem(), "is above Medicaid's maximum");
  }
  // The state's copay with an exempt enrollee is the plan's copay and the patient's status: it is accepted, and each
  // line prices $0.00 naming the exemption (42 CFR 447.56(a)(1); see test_public_payer_figures.cpp).
  const auto exempt = iop::coverage_from_json(json::parse(R"({"payer": "medicaid", "medicaid": {"income": "above_150_percent_fpl",
                                                  "exempt": true}, "copay": "4"})"));
  EXPECT_EQ(exempt.in_network.copay, m("$4.00"));
  EXPECT_EQ(iop::adjudicate(days_from("2026-03-02", 1, "200.00"), exempt)[0].patient, Money());
}

// Medigap after Original Medicare in 2026, $300 days: day 1 deductible $283, 20% of $17 = $3.40.
//   Plan G (pays the coinsurance, not the Part B deductible): pays $3.40, patient $283.00; day 2 pays $60, patient $0;
//   Plan F (also the deductible): pays $286.40, patient $0;  Plan K (50% of the coinsurance): day 1 $1.70, patient $284.70.
TEST(Coordination, MedigapPaysPartBCoinsurance) {
  auto c = original_medicare();
  auto g = std::make_shared<iop::SecondaryCoverage>();
  g->name = "Medigap Plan G";
  g->coordination = iop::Coordination::medigap;
  c.secondary = g;
  auto lines = iop::adjudicate(days_from("2026-03-02", 2, "$300"), c);
  EXPECT_EQ(lines[0].deductible, m("$283"));
  EXPECT_EQ(lines[0].coinsurance, m("$3.40"));
  EXPECT_EQ(lines[0].plan, m("$13.60"));
  EXPECT_EQ(lines[0].secondary, m("$3.40"));
  EXPECT_EQ(lines[0].patient, m("$283"));
  EXPECT_EQ(lines[1].secondary, m("$60"));
  EXPECT_EQ(lines[1].patient, Money());
  auto f = std::make_shared<iop::SecondaryCoverage>(*g);
  f->name = "Medigap Plan F";
  f->medigap_pays_part_b_deductible = true;
  c.secondary = f;
  lines = iop::adjudicate(days_from("2026-03-02", 1, "$300"), c);
  EXPECT_EQ(lines[0].secondary, m("$286.40"));
  EXPECT_EQ(lines[0].patient, Money());
  auto k = std::make_shared<iop::SecondaryCoverage>(*g);
  k->name = "Medigap Plan K";
  k->medigap_coinsurance_share = iop::Rate::percent(50);
  c.secondary = k;
  lines = iop::adjudicate(days_from("2026-03-02", 1, "$300"), c);
  EXPECT_EQ(lines[0].secondary, m("$1.70"));
  EXPECT_EQ(lines[0].patient, m("$284.70"));
  for (const auto& l : lines) EXPECT_EQ(l.plan + l.secondary + l.patient + l.write_off, l.charge.charge);
}

// Standard coordination (NAIC Model 120 section 7) and non-duplication, from JSON.
// Primary: $500 deductible, 20%, maximum $5,000. Secondary alone: no deductible, 10%: it would pay $270 of $300.
//   day 1: primary pays $0 (deductible $300); standard: min($270, $300 - $0) = $270, patient $30;
//   day 2: primary deductible $200 + 20% of $100 = $220, pays $80; standard: min($270, $300 - $80) = $220,
//          patient $0; non-duplication: $270 - $80 = $190, patient $30.
TEST(Coordination, StandardAndNonDuplication) {
  auto doc = json::parse(R"({"payer": "commercial", "deductible": {"individual": "500"}, "coinsurance": "20%",
      "out_of_pocket_max": {"individual": "5000"},
      "secondary": {"name": "spouse's plan", "coordination": "standard",
                    "coverage": {"payer": "commercial", "deductible": {"individual": "0"}, "coinsurance": "10%",
                                 "out_of_pocket_max": {"individual": "3000"}}}})");
  auto lines = iop::adjudicate(days_from("2026-03-02", 2, "$300"), iop::coverage_from_json(doc));
  EXPECT_EQ(lines[0].plan, Money());
  EXPECT_EQ(lines[0].secondary, m("$270"));
  EXPECT_EQ(lines[0].patient, m("$30"));
  EXPECT_EQ(lines[1].plan, m("$80"));
  EXPECT_EQ(lines[1].secondary, m("$220"));
  EXPECT_EQ(lines[1].patient, Money());
  EXPECT_NE(all_rules(lines[1]).find("NAIC Model 120"), std::string::npos) << all_rules(lines[1]);
  doc["secondary"]["coordination"] = "non_duplication";
  const auto coverage = iop::coverage_from_json(doc);
  lines = iop::adjudicate(days_from("2026-03-02", 2, "$300"), coverage);
  EXPECT_EQ(lines[0].secondary, m("$270"));
  EXPECT_EQ(lines[1].secondary, m("$190"));
  EXPECT_EQ(lines[1].patient, m("$30"));
  // Round trip, and the member paths of a secondary's errors.
  EXPECT_EQ(iop::to_json(iop::coverage_from_json(iop::to_json(coverage))), iop::to_json(coverage));
  doc["secondary"]["coverage"].erase("out_of_pocket_max");
  try {
    (void)iop::coverage_from_json(doc, "case.coverage");
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.field(), "case.coverage.secondary.coverage.out_of_pocket_max");
  }
}

}  // namespace
