#include "iop/billing/public_payers.hpp"

#include <array>
#include <string>

#include "iop/core/error.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

constexpr detail::EnumNames<MedicarePlan, 2> kMedicarePlans{{{MedicarePlan::original, "original"},
                                                             {MedicarePlan::advantage, "advantage"}}};
constexpr detail::EnumNames<MedicaidIncome, 3> kIncomes{{
    {MedicaidIncome::at_or_below_100_percent_fpl, "at_or_below_100_percent_fpl"},
    {MedicaidIncome::from_101_to_150_percent_fpl, "101_to_150_percent_fpl"},
    {MedicaidIncome::above_150_percent_fpl, "above_150_percent_fpl"}}};
constexpr detail::EnumNames<MedicaidCapPeriod, 2> kPeriods{{{MedicaidCapPeriod::month, "month"},
                                                            {MedicaidCapPeriod::quarter, "quarter"}}};

}  // namespace

std::optional<Money> medicare_part_b_deductible(int year) noexcept {
  // The annual notices "Medicare Part B Monthly Actuarial Rates, Premium Rates,
  // and Annual Deductible", each in its summary: 2024 $240.00 (FR Doc 2023-22823,
  // 88 FR, October 17, 2023); 2025 $257.00 (CMS-8088-N, 89 FR 90002, November 14,
  // 2024); 2026 $283.00 (CMS-8091-N, 90 FR 52063, November 19, 2025). CMS's fact
  // sheets "Medicare Parts A & B Premiums and Deductibles" give the same figures.
  switch (year) {
    case 2024: return Money::from_cents(24000);
    case 2025: return Money::from_cents(25700);
    case 2026: return Money::from_cents(28300);
    default: return std::nullopt;
  }
}

Rate medicare_part_b_coinsurance() noexcept {
  // 42 U.S.C. 1395l(a)(1): Part B pays 80 percent; the beneficiary's coinsurance is the other 20 percent.
  return Rate::percent(20);
}

std::optional<Money> medicare_advantage_moop_limit(int year) noexcept {
  // CMS's CY2025 in-network MOOP limit for Medicare Advantage: $9,350 (as reported
  // from the CY2025 rate announcement by Medicare counsellors, e.g. Q1Medicare).
  // 2026: secondary sources disagree ($8,850 vs $9,250): not confirmed, not checked.
  if (year == 2025) return Money::from_cents(935000);
  return std::nullopt;
}

std::string_view to_string(MedicarePlan plan) noexcept { return detail::enum_name(kMedicarePlans, plan); }
MedicarePlan parse_medicare_plan(std::string_view text, std::string_view field) {
  return detail::parse_enum(kMedicarePlans, text, field, "a Medicare plan");
}
std::string_view to_string(MedicaidIncome income) noexcept { return detail::enum_name(kIncomes, income); }
MedicaidIncome parse_medicaid_income(std::string_view text, std::string_view field) {
  return detail::parse_enum(kIncomes, text, field, "an income band against the federal poverty line");
}
std::string_view to_string(MedicaidCapPeriod period) noexcept { return detail::enum_name(kPeriods, period); }

Money medicaid_outpatient_base_amount() noexcept {
  // 42 CFR 447.52(b)(1): outpatient services, family income at or below 100% of the FPL: $4.
  return Money::from_cents(400);
}

std::optional<Rate> MedicaidTerms::max_coinsurance() const noexcept {
  // 42 CFR 447.52(b)(1): 10% of the cost the agency pays (101-150% FPL), 20% (above 150%).
  switch (income) {
    case MedicaidIncome::at_or_below_100_percent_fpl: return std::nullopt;
    case MedicaidIncome::from_101_to_150_percent_fpl: return Rate::percent(10);
    case MedicaidIncome::above_150_percent_fpl: return Rate::percent(20);
  }
  return std::nullopt;
}

std::optional<Money> MedicaidTerms::period_limit() const {
  if (!family_income_per_month) return std::nullopt;
  // 42 CFR 447.56(f): 5% of family income, applied monthly or quarterly.
  const Money period_income =
      cap_period == MedicaidCapPeriod::quarter ? *family_income_per_month * 3 : *family_income_per_month;
  return max(period_income.apply(Rate::percent(5)) - premiums_per_period, Money());
}

}  // namespace iop
