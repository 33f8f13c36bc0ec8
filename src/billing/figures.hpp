#pragma once
// The yearly and regulatory figures of billing (internal), read from data/ with
// their evidence: Part B's deductible and coinsurance, the inpatient deductible
// that caps an OPPS day's copayment, Medicare Advantage's maximum, the ACA
// limits, and Medicaid's maximum amounts, aggregate limit and exempt groups.
// Each table is parsed from the file's text, so a test can add a plan year to a
// copy of the text and see it used (docs/data.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/evidence.hpp"
#include "iop/billing/public_payers.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop::detail {

/// One yearly amount; none when the figure is unconfirmed.
struct YearlyAmount {
  int year = 0;
  std::optional<Money> amount;
  Evidence evidence;
};

/// data/medicare-part-b.json.
struct MedicareFigures {
  std::vector<YearlyAmount> part_b_deductible;
  Rate part_b_coinsurance;
  Evidence part_b_coinsurance_evidence;
  std::vector<YearlyAmount> inpatient_deductible;
  std::vector<YearlyAmount> advantage_moop;
  /// The row of @p year, or nullptr.
  [[nodiscard]] static const YearlyAmount* find(const std::vector<YearlyAmount>& rows, int year) noexcept;
  /// The years with an amount, as `2024, 2025, 2026`.
  [[nodiscard]] static std::string years(const std::vector<YearlyAmount>& rows);
};
/// Parses the text of data/medicare-part-b.json.
[[nodiscard]] MedicareFigures parse_medicare_figures(std::string_view text);
/// The shipped figures, parsed once.
[[nodiscard]] const MedicareFigures& medicare_figures();

/// One year of data/aca-oop-limits.json.
struct AcaLimit {
  int year = 0;
  Money self_only;
  Money other_than_self_only;
  Evidence evidence;
};
/// Parses the text of data/aca-oop-limits.json.
[[nodiscard]] std::vector<AcaLimit> parse_aca_limits(std::string_view text);
/// The shipped limits, parsed once.
[[nodiscard]] const std::vector<AcaLimit>& aca_limits();

/// One group of enrollees exempt from Medicaid cost sharing (42 CFR 447.56(a)(1)).
struct MedicaidExemptGroup {
  std::string id;
  std::string paragraph;
  std::string description;
  Evidence evidence;
};
/// data/medicaid-cost-sharing.json.
struct MedicaidFigures {
  Money outpatient_amount_at_or_below_100;  ///< 447.52(b)(1) table, before indexing
  Rate coinsurance_101_to_150;
  Rate coinsurance_above_150;
  Rate aggregate_limit;                      ///< 447.56(f) share of family income
  std::vector<MedicaidExemptGroup> exempt_groups;
  /// The group with @p id, or nullptr.
  [[nodiscard]] const MedicaidExemptGroup* find_group(std::string_view id) const noexcept;
  /// The identifiers, comma-separated.
  [[nodiscard]] std::string group_ids() const;
};
/// Parses the text of data/medicaid-cost-sharing.json.
[[nodiscard]] MedicaidFigures parse_medicaid_figures(std::string_view text);
/// The shipped figures, parsed once.
[[nodiscard]] const MedicaidFigures& medicaid_figures();

}  // namespace iop::detail
