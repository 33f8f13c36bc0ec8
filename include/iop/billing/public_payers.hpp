#pragma once
/// @file
/// @brief The cost-sharing rules of public payers: Original Medicare Part B,
///        Medicare Advantage and Medicaid, with their figures and citations.
///
/// **Original Medicare Part B** pays 80% of the Medicare-approved amount after
/// the annual Part B deductible, so the patient's coinsurance is 20%
/// (42 U.S.C. 1395l(a)(1) and (b)); it has **no out-of-pocket maximum**. The
/// deductible is set each year by a Federal Register notice; under the OPPS a
/// day's copayment may not exceed the year's inpatient hospital deductible
/// (42 U.S.C. 1395l(t)(8)(C)). The figures, with their citations and status,
/// are in `data/medicare-part-b.json`; a year without a confirmed figure is
/// refused.
///
/// **Medicare Advantage** plans must have an in-network maximum out-of-pocket
/// amount (MOOP); CMS's limit for a year, where iop carries one, is in the same
/// file (a year whose limit is unconfirmed is not checked).
///
/// **Medicaid** cost sharing is nominal (42 CFR 447.52-447.56; the amounts, the
/// aggregate limit and the exempt groups are in `data/medicaid-cost-sharing.json`):
/// - 447.56(a)(1): no cost sharing for the exempt groups of enrollees (children,
///   pregnant women, institutionalized individuals, hospice, Indians served by an
///   Indian health care provider, and others). The exemption is the enrollee's:
///   an estimate with the state's copay and an exempt enrollee prices $0.00 and
///   names the exemption on each line;
/// - 447.52(b)(1): outpatient services at most a fixed amount for family income
///   at or below 100% of the federal poverty line (indexed every October 1 from
///   2015 by the medical care CPI-U: iop carries the table's amount, not the
///   indexed one, and says so when a copay is above it), and a share of the cost
///   the agency pays above it;
/// - 447.56(f): premiums and cost sharing of all household members are capped
///   at a share of family income, per month or per quarter as the state chooses;
/// - 447.15: a provider accepts the agency's payment plus the cost sharing as
///   payment in full (no balance billing).
///
/// @code
/// iop::medicare_part_b_deductible(2026);   // the 2026 deductible of data/medicare-part-b.json
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop {

/// @brief The Original Medicare Part B deductible of @p year, when confirmed (data/medicare-part-b.json).
[[nodiscard]] std::optional<Money> medicare_part_b_deductible(int year) noexcept;
/// @brief Part B coinsurance: 20% of the Medicare-approved amount (42 U.S.C. 1395l(a)(1)).
[[nodiscard]] Rate medicare_part_b_coinsurance() noexcept;
/// @brief CMS's in-network MOOP limit for Medicare Advantage in @p year, when confirmed (data/medicare-part-b.json).
[[nodiscard]] std::optional<Money> medicare_advantage_moop_limit(int year) noexcept;
/// @brief The inpatient hospital deductible of @p year, which caps an OPPS day's copayment
///        (42 U.S.C. 1395l(t)(8)(C)), when confirmed (data/medicare-part-b.json).
[[nodiscard]] std::optional<Money> medicare_inpatient_deductible(int year) noexcept;

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
  at_or_below_100_percent_fpl,  ///< outpatient maximum: the table's fixed amount (indexed)
  from_101_to_150_percent_fpl,  ///< at most the table's share of the cost the agency pays
  above_150_percent_fpl,        ///< at most the table's (larger) share of the cost the agency pays
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
  std::string exemption;                     ///< which group (an id of medicaid_exempt_groups()); empty: not named
  std::optional<Money> family_income_per_month;  ///< for the 5% aggregate limit (none: not applied, and said)
  MedicaidCapPeriod cap_period = MedicaidCapPeriod::month;  ///< the state's period for the limit
  Money premiums_per_period;                 ///< premiums counted against the limit in each period

  /// @brief The aggregate limit of one period (447.56(f)) less the premiums, if the family income is given.
  [[nodiscard]] std::optional<Money> period_limit() const;
  /// @brief The most coinsurance the band allows, none at or below 100% FPL (a fixed amount applies).
  [[nodiscard]] std::optional<Rate> max_coinsurance() const noexcept;
};

/// @brief The 447.52(b) table's outpatient amount for incomes at or below 100% FPL (before indexing).
[[nodiscard]] Money medicaid_outpatient_base_amount() noexcept;
/// @brief The share of family income Medicaid's aggregate limit allows a period (447.56(f)).
[[nodiscard]] Rate medicaid_aggregate_limit_share() noexcept;
/// @brief The identifiers of the groups exempt from Medicaid cost sharing (447.56(a)(1)), e.g. `pregnant_women`.
[[nodiscard]] std::vector<std::string> medicaid_exempt_groups();
/// @brief The paragraph and description of an exempt group, e.g. `42 CFR 447.56(a)(1)(ix): individuals receiving hospice care ...`.
/// @throws NotFoundError naming @p field for an unknown group.
[[nodiscard]] std::string medicaid_exemption_citation(std::string_view group, std::string_view field = "medicaid.exemption");

}  // namespace iop
