#pragma once
/// @file
/// @brief Aggregate lifetime and annual dollar limits (29 U.S.C. 1185a(a)(1)-(2); 29 CFR 2590.712(b)).
///
/// Dollar limits are not financial requirements (1185a(a)(3)(B)(i) excludes
/// them) and are not tested classification by classification: they are
/// measured over all medical/surgical benefits, by the plan payments expected
/// for the plan year.
///
/// - A limit on less than one third of the M/S benefits: no limit may be put on
///   MH/SUD benefits.
/// - One limit on at least two thirds: apply it to M/S and MH/SUD benefits
///   without distinction, or put no MH/SUD limit below it.
/// - Otherwise (between the thirds, or different limits on different categories):
///   no MH/SUD limit, or one of at least the weighted average of the M/S limits,
///   each category weighted by its expected payments; benefits in no limited
///   category count as one category at an estimate of the most the plan may
///   reasonably be expected to pay for them.
///
/// @code
/// iop::parity::DollarLimitDesign annual;
/// annual.kind = iop::parity::DollarLimitKind::annual;
/// annual.total_payments = iop::Money::from_dollars(100'000'000);
/// annual.medical_surgical = {{"all benefits", iop::Money::from_dollars(50'000), iop::Money::from_dollars(80'000'000)}};
/// annual.mental_health = {iop::parity::MhSudDollarLimit::Application::separate, iop::Money::from_dollars(25'000)};
/// // 80 % limited, one limit of $50,000: an MH/SUD limit of $25,000 is below it, a violation.
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/money.hpp"

namespace iop::parity {

/// @brief Lifetime or annual.
enum class DollarLimitKind { lifetime, annual };
/// @brief `lifetime` or `annual`.
[[nodiscard]] std::string_view to_string(DollarLimitKind k) noexcept;

/// @brief A category of M/S benefits with a separately designated dollar limit.
struct DollarLimitCategory {
  std::string category;   ///< e.g. `all medical/surgical benefits`, `organ transplants`
  Money limit;            ///< the dollar limit on the category
  Money payments;         ///< M/S plan payments expected in the category for the plan year
  /// Same category.
  friend bool operator==(const DollarLimitCategory&, const DollarLimitCategory&) = default;
};

/// @brief The dollar limit on MH/SUD benefits.
struct MhSudDollarLimit {
  /// How the plan limits MH/SUD benefits.
  enum class Application {
    none,      ///< no dollar limit on MH/SUD benefits
    joint,     ///< the M/S limit applied to M/S and MH/SUD benefits without distinction
    separate,  ///< a limit of its own on MH/SUD benefits
  };
  Application application = Application::none;  ///< none, joint or separate
  std::optional<Money> limit;                    ///< the separate limit
  /// Same limit.
  friend bool operator==(const MhSudDollarLimit&, const MhSudDollarLimit&) = default;
};
/// @brief `none`, `joint` or `separate`.
[[nodiscard]] std::string_view to_string(MhSudDollarLimit::Application a) noexcept;

/// @brief One kind of dollar limit in a plan.
struct DollarLimitDesign {
  DollarLimitKind kind = DollarLimitKind::annual;    ///< lifetime or annual
  Money total_payments;                              ///< all M/S plan payments expected for the plan year
  std::vector<DollarLimitCategory> medical_surgical; ///< categories with a limit
  std::optional<Money> unlimited_upper_limit;        ///< estimated upper limit for benefits in no limited category
  MhSudDollarLimit mental_health;                    ///< the MH/SUD limit
  /// Same design.
  friend bool operator==(const DollarLimitDesign&, const DollarLimitDesign&) = default;
};

}  // namespace iop::parity
