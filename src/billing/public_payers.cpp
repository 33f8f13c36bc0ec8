#include "iop/billing/public_payers.hpp"

#include <array>
#include <string>

#include "billing/figures.hpp"
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
  // data/medicare-part-b.json, with each year's Federal Register notice.
  const auto* row = detail::MedicareFigures::find(detail::medicare_figures().part_b_deductible, year);
  return row ? row->amount : std::nullopt;
}

Rate medicare_part_b_coinsurance() noexcept { return detail::medicare_figures().part_b_coinsurance; }

std::optional<Money> medicare_inpatient_deductible(int year) noexcept {
  const auto* row = detail::MedicareFigures::find(detail::medicare_figures().inpatient_deductible, year);
  return row ? row->amount : std::nullopt;
}

std::optional<Money> medicare_advantage_moop_limit(int year) noexcept {
  const auto* row = detail::MedicareFigures::find(detail::medicare_figures().advantage_moop, year);
  return row ? row->amount : std::nullopt;
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
  return detail::medicaid_figures().outpatient_amount_at_or_below_100;
}

std::optional<Rate> MedicaidTerms::max_coinsurance() const noexcept {
  // 42 CFR 447.52(b)(1)'s table, from data/medicaid-cost-sharing.json.
  switch (income) {
    case MedicaidIncome::at_or_below_100_percent_fpl: return std::nullopt;
    case MedicaidIncome::from_101_to_150_percent_fpl: return detail::medicaid_figures().coinsurance_101_to_150;
    case MedicaidIncome::above_150_percent_fpl: return detail::medicaid_figures().coinsurance_above_150;
  }
  return std::nullopt;
}

std::optional<Money> MedicaidTerms::period_limit() const {
  if (!family_income_per_month) return std::nullopt;
  // 42 CFR 447.56(f): a share of family income, applied monthly or quarterly.
  const Money period_income =
      cap_period == MedicaidCapPeriod::quarter ? *family_income_per_month * 3 : *family_income_per_month;
  return max(period_income.apply(detail::medicaid_figures().aggregate_limit) - premiums_per_period, Money());
}

Rate medicaid_aggregate_limit_share() noexcept { return detail::medicaid_figures().aggregate_limit; }

std::vector<std::string> medicaid_exempt_groups() {
  std::vector<std::string> out;
  for (const auto& g : detail::medicaid_figures().exempt_groups) out.push_back(g.id);
  return out;
}

std::string medicaid_exemption_citation(std::string_view group, std::string_view field) {
  const auto* g = detail::medicaid_figures().find_group(group);
  if (!g)
    throw NotFoundError(std::string(field), iop::quoted(group), "is not a group exempt from Medicaid cost sharing",
                        detail::medicaid_figures().group_ids() + " (42 CFR 447.56(a)(1))");
  return g->paragraph + ": " + g->description;
}

}  // namespace iop
