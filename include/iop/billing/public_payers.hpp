#pragma once
/// @file
/// @brief The cost-sharing rules of public payers: Original Medicare Part B,
///        Medicare Advantage and Medicaid, with their figures and citations.
///
/// **Original Medicare Part B** pays 80% of the Medicare-approved amount after
/// the annual Part B deductible, so the patient's coinsurance is 20%
/// (42 U.S.C. 1395l(a)(1) and (b)); it has **no out-of-pocket maximum**. The
/// deductible is set each year by a Federal Register notice ("Medicare Part B
/// Monthly Actuarial Rates, Premium Rates, and Annual Deductible"): $240 in 2024
/// (FR Doc 2023-22823, October 17, 2023), $257 in 2025 (CMS-8088-N, 89 FR 90002,
/// November 14, 2024) and $283 in 2026 (CMS-8091-N, 90 FR 52063, November 19,
/// 2025); CMS's fact sheets give the same figures. A year iop has no confirmed
/// figure for is refused.
///
/// **Medicare Advantage** plans must have an in-network maximum out-of-pocket
/// amount (MOOP); CMS's limit was $9,350 for 2025 (in network). The 2026
/// limit is not confirmed here (secondary sources disagree) and is not checked.
///
/// **Medicaid** cost sharing is nominal (42 CFR 447.52-447.56):
/// - 447.56(a): no cost sharing for exempt groups (most children, pregnant
///   women for pregnancy-related services, hospice, institutionalized, and others);
/// - 447.52(b)(1): outpatient services at most $4 for family income at or below
///   100% of the federal poverty line (the table's amount, indexed every
///   October 1 from 2015 by the medical care CPI-U: iop does not carry the
///   indexed figure and says so when a copay is above $4), 10% of the cost the
///   agency pays for 101-150%, and 20% above 150%;
/// - 447.56(f): premiums and cost sharing of all household members are capped
///   at 5% of family income, per month or per quarter as the state chooses;
/// - 447.15: a provider accepts the agency's payment plus the cost sharing as
///   payment in full (no balance billing).
///
/// @code
/// iop::medicare_part_b_deductible(2026);   // $283.00
/// @endcode

#include <optional>
#include <string_view>

#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop {

/// @brief The Original Medicare Part B deductible of @p year, when confirmed (2024-2026).
[[nodiscard]] std::optional<Money> medicare_part_b_deductible(int year) noexcept;
/// @brief Part B coinsurance: 20% of the Medicare-approved amount (42 U.S.C. 1395l(a)(1)).
[[nodiscard]] Rate medicare_part_b_coinsurance() noexcept;
/// @brief CMS's in-network MOOP limit for Medicare Advantage in @p year, when confirmed (2025).
[[nodiscard]] std::optional<Money> medicare_advantage_moop_limit(int year) noexcept;

/// @brief Which Medicare an estimate is under.
enum class MedicarePlan {
  original,   ///< Original Medicare Part B: figures set by law, no maximum
  advantage,  ///< a Medicare Advantage plan: its own cost sharing, with an in-network maximum
};
/// @brief `original` or `advantage`.
[[nodiscard]] std::string_view to_string(MedicarePlan plan) noexcept;
/// @brief Parses a Medicare plan.
/// @throws NotFoundError naming @p field.
[[nodiscard]] MedicarePlan parse_medicare_plan(std::string_view text, std::string_view field = "medicare");

/// @brief A Medicaid enrollee's family income against the federal poverty line (447.52(b)).
enum class MedicaidIncome {
  at_or_below_100_percent_fpl,  ///< outpatient maximum $4 (indexed)
  from_101_to_150_percent_fpl,  ///< at most 10% of the cost the agency pays
  above_150_percent_fpl,        ///< at most 20% of the cost the agency pays
};
/// @brief `at_or_below_100_percent_fpl`, `101_to_150_percent_fpl` or `above_150_percent_fpl`.
[[nodiscard]] std::string_view to_string(MedicaidIncome income) noexcept;
/// @brief Parses an income band.
/// @throws NotFoundError naming @p field.
[[nodiscard]] MedicaidIncome parse_medicaid_income(std::string_view text, std::string_view field = "income");

/// @brief The period of Medicaid's 5% aggregate limit (447.56(f)).
enum class MedicaidCapPeriod { month, quarter };
/// @brief `month` or `quarter`.
[[nodiscard]] std::string_view to_string(MedicaidCapPeriod period) noexcept;

/// @brief A Medicaid enrollee's cost-sharing terms.
struct MedicaidTerms {
  MedicaidIncome income = MedicaidIncome::at_or_below_100_percent_fpl;  ///< the income band
  bool exempt = false;                       ///< in a group exempt from cost sharing (447.56(a))
  std::optional<Money> family_income_per_month;  ///< for the 5% aggregate limit (none: not applied, and said)
  MedicaidCapPeriod cap_period = MedicaidCapPeriod::month;  ///< the state's period for the limit
  Money premiums_per_period;                 ///< premiums counted against the limit in each period

  /// @brief The 5% aggregate limit of one period less the premiums, if the family income is given.
  [[nodiscard]] std::optional<Money> period_limit() const;
  /// @brief The most coinsurance the band allows (10% or 20%), none at or below 100% FPL (a fixed amount applies).
  [[nodiscard]] std::optional<Rate> max_coinsurance() const noexcept;
};

/// @brief The 447.52(b) table's outpatient amount for incomes at or below 100% FPL ($4.00, before indexing).
[[nodiscard]] Money medicaid_outpatient_base_amount() noexcept;

}  // namespace iop
