// The CY2025 Medicare IOP per diems, the inpatient-deductible cap on a day's copayment,
// non-excepted off-campus departments, Medicaid exemptions as the enrollee's, and the
// figures read from data/ with their evidence (a plan year added by one data edit).
// Every amount is worked by hand in the comments.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "billing/figures.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/billing/public_payers.hpp"
#include "iop/core/error.hpp"
#include "core/embedded.hpp"

namespace {

using iop::Money;
using nlohmann::json;

Money m(const char* text) { return Money::parse(text); }
iop::Date d(const char* text) { return iop::parse_date(text); }

// Program days of 3 services each, every @p step days from @p first, each priced as the Medicare table prices it.
std::vector<iop::ChargeLine> medicare_days(const char* first, int n, const iop::MedicareIopRate& rate) {
  std::vector<iop::ChargeLine> lines;
  for (int i = 0; i < n; ++i) {
    const auto date = d(first) + boost::gregorian::days(i);
    lines.push_back({date, "s" + std::to_string(i), iop::SessionKind::program_day, "APC " + rate.apc, "0905", 1, 3,
                     *rate.rate, "Medicare per diem"});
  }
  return lines;
}

std::string all_rules(const iop::AdjudicatedLine& a) {
  std::string text;
  for (const auto& r : a.rules) text += r + "\n";
  return text;
}

// CMS's January 2025 Web Addendum A (OPPS APCs for CY 2025), national rates before wage adjustment:
// 5861 hospital 3 services $269.19, 5862 hospital 4+ $408.55, 5851 CMHC 3 $111.24, 5852 CMHC 4+ $168.32.
TEST(MedicareIopRates, CalendarYear2025FromAddendumA) {
  using iop::MedicareSetting;
  EXPECT_EQ(*iop::medicare_iop_rate(2025, MedicareSetting::hospital, false).rate, m("$269.19"));
  EXPECT_EQ(*iop::medicare_iop_rate(2025, MedicareSetting::hospital, true).rate, m("$408.55"));
  EXPECT_EQ(*iop::medicare_iop_rate(2025, MedicareSetting::cmhc, false).rate, m("$111.24"));
  EXPECT_EQ(*iop::medicare_iop_rate(2025, MedicareSetting::cmhc, true).rate, m("$168.32"));
  EXPECT_EQ(iop::medicare_iop_rate(2025, MedicareSetting::hospital, true).apc, "5862");
  EXPECT_EQ(iop::medicare_iop_rate(2025, MedicareSetting::cmhc, false).status, "confirmed");
  // CY2024's hospital 3-service per diem is a secondary figure (the RHC rate quoting it): used, and said so.
  EXPECT_EQ(iop::medicare_iop_rate(2024, MedicareSetting::hospital, false).status, "secondary");
  // Addendum A's minimum unadjusted copayment is 20% of the rate: 20% of $269.19 = $53.838 -> $53.84.
  EXPECT_EQ(m("$269.19").apply(iop::Rate::percent(20)), m("$53.84"));
}

// A non-excepted off-campus hospital department is paid the CMHC per diems (5851/5852).
TEST(MedicareIopRates, NonExceptedOffCampusDepartmentsArePaidTheCmhcRates) {
  const auto& rate = iop::medicare_iop_rate(2025, iop::MedicareSetting::off_campus_non_excepted, false);
  EXPECT_EQ(rate.apc, "5851");
  EXPECT_EQ(*rate.rate, m("$111.24"));
  const auto basis = iop::medicare_setting_basis(iop::MedicareSetting::off_campus_non_excepted);
  EXPECT_NE(basis.find("secondary"), std::string::npos) << basis;
  EXPECT_NE(basis.find("Noridian"), std::string::npos) << basis;
}

// CY2026 and CY2024's other cells are unconfirmed: refused by name, with the APC and the file to check.
TEST(MedicareIopRates, UnconfirmedCellsAreRefusedByName) {
  try {
    (void)iop::medicare_iop_rate(2026, iop::MedicareSetting::hospital, false);
    FAIL();
  } catch (const iop::ValidationError& e) {
    EXPECT_EQ(e.value(), "CY2026 hospital, 3 services");
    EXPECT_NE(e.allowed().find("APC 5861 is unconfirmed"), std::string::npos) << e.allowed();
    EXPECT_NE(e.allowed().find("CMS-1834-FC"), std::string::npos) << e.allowed();
  }
  EXPECT_THROW((void)iop::medicare_iop_rate(2024, iop::MedicareSetting::cmhc, true), iop::ValidationError);
  EXPECT_THROW((void)iop::medicare_iop_rate(2023, iop::MedicareSetting::hospital, false), iop::NotFoundError);
}

// Original Medicare, 18 hospital IOP days of 3 services in 2025 at APC 5861 $269.19:
//   day 1: Part B deductible $257.00, then 20% of $12.19 = $2.438 -> $2.44: patient $259.44, Medicare $9.75;
//   days 2-18: 20% of $269.19 = $53.84: patient $53.84, Medicare $215.35 each.
//   patient $259.44 + 17 x $53.84 = $1,174.72; Medicare $9.75 + 17 x $215.35 = $3,670.70; together 18 x $269.19 = $4,845.42.
TEST(MedicareIopRates, AnOriginalMedicareCourseIn2025) {
  const auto& rate = iop::medicare_iop_rate(2025, iop::MedicareSetting::hospital, false);
  const auto coverage = iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "original"})"));
  const auto lines = iop::adjudicate(medicare_days("2025-03-03", 18, rate), coverage);
  EXPECT_EQ(lines[0].deductible, m("$257.00"));
  EXPECT_EQ(lines[0].coinsurance, m("$2.44"));
  EXPECT_EQ(lines[0].plan, m("$9.75"));
  EXPECT_EQ(lines[1].coinsurance, m("$53.84"));
  EXPECT_EQ(lines[1].plan, m("$215.35"));
  Money patient, plan;
  for (const auto& l : lines) {
    patient += l.patient;
    plan += l.plan;
  }
  EXPECT_EQ(patient, m("$1,174.72"));
  EXPECT_EQ(plan, m("$3,670.70"));
  EXPECT_EQ(patient + plan, m("$4,845.42"));
}

// 42 U.S.C. 1395l(t)(8)(C)(i): a day's copayment never exceeds the year's inpatient deductible ($1,676.00 in
// CY2025, data/medicare-part-b.json). A day charged $10,000.00 under Original Medicare:
//   day 1: deductible $257.00; 20% of $9,743.00 = $1,948.60, capped at $1,676.00: patient $1,933.00, Medicare $8,067.00;
//   day 2: 20% of $10,000.00 = $2,000.00, capped at $1,676.00: Medicare $8,324.00.
TEST(MedicareIopRates, ADaysCopaymentIsCappedAtTheInpatientDeductible) {
  EXPECT_EQ(*iop::medicare_inpatient_deductible(2025), m("$1,676.00"));
  const auto coverage = iop::coverage_from_json(json::parse(R"({"payer": "medicare", "medicare": "original"})"));
  std::vector<iop::ChargeLine> charges;
  for (const char* day : {"2025-06-02", "2025-06-03"})
    charges.push_back({d(day), day, iop::SessionKind::program_day, "S9480", "0905", 1, 3, m("$10,000.00"), "per diem"});
  const auto lines = iop::adjudicate(charges, coverage);
  EXPECT_EQ(lines[0].deductible, m("$257.00"));
  EXPECT_EQ(lines[0].coinsurance, m("$1,676.00"));
  EXPECT_EQ(lines[0].patient, m("$1,933.00"));
  EXPECT_EQ(lines[0].plan, m("$8,067.00"));
  EXPECT_EQ(lines[1].coinsurance, m("$1,676.00"));
  EXPECT_EQ(lines[1].plan, m("$8,324.00"));
  EXPECT_NE(all_rules(lines[0]).find("capped at the CY2025 inpatient deductible $1,676.00 (42 U.S.C. 1395l(t)(8)(C)(i))"),
            std::string::npos)
      << all_rules(lines[0]);
}

// 42 CFR 447.56(a)(1): the exemption is the enrollee's. The state's $4.00 copay with an enrollee who is pregnant
// ((a)(1)(vii)) prices $0.00 on every line, each naming the exemption; so does an enrollee in hospice ((a)(1)(ix)).
TEST(MedicaidExemption, AnExemptEnrolleeOwesNothingWhateverTheStatesCopay) {
  const auto coverage = iop::coverage_from_json(json::parse(R"({"payer": "medicaid", "copay": "4.00",
      "medicaid": {"income": "at_or_below_100_percent_fpl", "exemption": "pregnant_women"}})"));
  EXPECT_TRUE(coverage.medicaid->exempt);
  std::vector<iop::ChargeLine> charges;
  for (const char* day : {"2026-03-02", "2026-03-04", "2026-03-06"})
    charges.push_back({d(day), day, iop::SessionKind::program_day, "S9480", "0905", 1, 3, m("$180.00"), "per diem"});
  const auto lines = iop::adjudicate(charges, coverage);
  for (const auto& l : lines) {
    EXPECT_EQ(l.patient, Money());
    EXPECT_EQ(l.copay, Money());
    EXPECT_EQ(l.plan, m("$180.00"));
    EXPECT_NE(all_rules(l).find("the enrollee is exempt (42 CFR 447.56(a)(1)(vii): pregnant women"), std::string::npos)
        << all_rules(l);
  }
  // Without naming the group, the line still says why.
  const auto unnamed = iop::coverage_from_json(json::parse(R"({"payer": "medicaid", "copay": "4.00",
      "medicaid": {"income": "at_or_below_100_percent_fpl", "exempt": true}})"));
  const auto plain = iop::adjudicate(charges, unnamed);
  EXPECT_EQ(plain[0].patient, Money());
  EXPECT_NE(all_rules(plain[0]).find("a group of 42 CFR 447.56(a)(1)"), std::string::npos);
  // The same copay without an exemption is charged.
  const auto charged = iop::adjudicate(charges, iop::coverage_from_json(json::parse(R"({"payer": "medicaid",
      "copay": "4.00", "medicaid": {"income": "at_or_below_100_percent_fpl"}})")));
  EXPECT_EQ(charged[0].patient, m("$4.00"));
  // The coverage writes the exemption back.
  EXPECT_EQ(iop::to_json(coverage)["medicaid"]["exemption"], "pregnant_women");
}

TEST(MedicaidExemption, AnUnknownOrContradictedExemptionIsRefusedByItsPath) {
  try {
    (void)iop::coverage_from_json(json::parse(R"({"payer": "medicaid",
        "medicaid": {"income": "above_150_percent_fpl", "exemption": "students"}})"));
    FAIL();
  } catch (const iop::NotFoundError& e) {
    EXPECT_EQ(e.field(), "coverage.medicaid.exemption");
    EXPECT_NE(e.allowed().find("hospice"), std::string::npos);
  }
  EXPECT_THROW((void)iop::coverage_from_json(json::parse(R"({"payer": "medicaid",
      "medicaid": {"income": "above_150_percent_fpl", "exempt": false, "exemption": "hospice"}})")),
               iop::ValidationError);
  EXPECT_EQ(iop::medicaid_exempt_groups().size(), 10u);  // 447.56(a)(1)(i)-(x)
}

// Adding a plan year is one data edit: the same parser that reads the shipped file reads a copy with a 2027 row,
// and the new year is known, with its evidence; the shipped table has no 2027.
TEST(DataFigures, APlanYearIsOneRowOfData) {
  std::string text(iop::detail::medicare_part_b_json());
  const std::string anchor = "\"part_b_deductible\": [";
  const auto at = text.find(anchor);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + anchor.size(),
              R"({"year": 2027, "amount": "300.00", "evidence": {"status": "confirmed", "citation": "a 2027 notice",
                  "source": "the Federal Register", "read_on": "2027-11-20"}},)");
  const auto figures = iop::detail::parse_medicare_figures(text);
  const auto* row = iop::detail::MedicareFigures::find(figures.part_b_deductible, 2027);
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(*row->amount, m("$300.00"));
  EXPECT_EQ(row->evidence.citation, "a 2027 notice");
  EXPECT_EQ(iop::detail::MedicareFigures::years(figures.part_b_deductible), "2027, 2024, 2025, 2026");
  EXPECT_FALSE(iop::medicare_part_b_deductible(2027));
  // An unconfirmed row carries no value, and a value needs a confirmed or secondary status.
  std::string bad(iop::detail::medicare_part_b_json());
  bad.insert(bad.find(anchor) + anchor.size(),
             R"({"year": 2030, "amount": "1.00", "evidence": {"status": "unconfirmed", "citation": "c",
                 "source": "s", "read_on": "2026-12-06"}},)");
  EXPECT_THROW((void)iop::detail::parse_medicare_figures(bad), iop::ValidationError);
}

// The ACA limits come from data/aca-oop-limits.json: 2025 $9,200 / $18,400 (45 CFR 156.130(a)).
TEST(DataFigures, AcaLimitsAreData) {
  const auto limit = iop::aca_oop_limit(2025);
  ASSERT_TRUE(limit);
  EXPECT_EQ(limit->first, m("$9,200.00"));
  EXPECT_EQ(limit->second, m("$18,400.00"));
  EXPECT_FALSE(iop::aca_oop_limit(2021));
}

}  // namespace
