#pragma once
/// @file
/// @brief Self-pay sliding scales by household income as a share of the HHS poverty guideline.
///
/// The HHS poverty guidelines (published by ASPE in the Federal Register each
/// January) give an annual income for each household size, with separate
/// tables for Alaska and Hawaii. iop ships 2023-2026 in
/// `data/poverty-guidelines.json`, each row with its Federal Register citation;
/// a figure not confirmed there is refused rather than guessed.
///
/// A clinic's sliding scale is a list of tiers: household income up to a
/// percentage of the guideline earns a discount on the self-pay price. The
/// first tier whose limit is not exceeded applies; a tier without a limit
/// catches everyone above the others.
///
/// @code
/// auto share = iop::income_share_of_poverty(iop::Money::parse("$40,000"), 2026, 3);  // of $27,320
/// auto scale = iop::SlidingScale{{{iop::Rate::percent(200), iop::Rate::percent(50), "up to 200%"},
///                                 {std::nullopt, iop::Rate(), "above 200%"}}};
/// auto tier = scale.tier_for(share);   // "up to 200%": 146.4% of the guideline
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/billing/fee_schedule.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"

namespace iop {

/// @brief Which poverty guideline table.
enum class PovertyArea {
  contiguous,  ///< the 48 contiguous states and the District of Columbia
  alaska,      ///< Alaska
  hawaii,      ///< Hawaii
};
/// @brief The table for a state: Alaska, Hawaii, or the contiguous one.
[[nodiscard]] PovertyArea poverty_area_for_state(std::string_view state) noexcept;

/// @brief The poverty guideline for a year and household size.
/// @throws NotFoundError for a year outside 2023-2026; ValidationError for a
///         household size under 1 or an unconfirmed figure (named with its source).
[[nodiscard]] Money poverty_guideline(int year, int household_size, PovertyArea area = PovertyArea::contiguous);

/// @brief Household income as an exact share of the guideline (1 = 100%).
[[nodiscard]] Rate income_share_of_poverty(Money annual_income, int year, int household_size,
                                           PovertyArea area = PovertyArea::contiguous);

/// @brief One tier of a sliding scale.
struct SlidingScaleTier {
  std::optional<Rate> up_to;  ///< income up to this share of the guideline (none: no upper limit)
  Rate discount;              ///< discount on the self-pay price
  std::string name;           ///< e.g. `up to 200% of poverty`
};

/// @brief A clinic's sliding scale.
struct SlidingScale {
  std::vector<SlidingScaleTier> tiers;  ///< in increasing limit order
  /// @brief The tier for an income share.
  /// @throws ValidationError when the tiers are out of order or none applies.
  [[nodiscard]] const SlidingScaleTier& tier_for(const Rate& share) const;
  /// @brief @p fees with every price reduced by the tier's discount (rounded once per price).
  [[nodiscard]] FeeSchedule apply(const FeeSchedule& fees, const Rate& share) const;
};

}  // namespace iop
