#pragma once
/// @file
/// @brief Benefit classifications, their lawful sub-classifications, and the types and levels tested in them.
///
/// MHPAEA tests a plan classification by classification (29 CFR
/// 2590.712(c)(2)(ii)(A): inpatient in- and out-of-network, outpatient in- and
/// out-of-network, emergency care, prescription drugs) and type by type of
/// financial requirement or quantitative treatment limitation. Only two splits
/// are lawful (29 CFR 2590.712(c)(3)(iii)): in-network benefits may be divided
/// into declared network tiers ((c)(3)(iii)(B)), and outpatient benefits into
/// office visits and all other outpatient items and services ((c)(3)(iii)(C)),
/// which also says no other sub-classifications are permitted (its example:
/// generalists and specialists).
///
/// The type of a quantitative limit is its nature including its period:
/// annual, episode and lifetime day and visit limits are different types
/// (29 CFR 2590.712(c)(1)(ii); the same words are in Texas's rule, 28 TAC
/// 21.2401(a)(2)). Levels are integers in the type's unit: cents for a
/// deductible, copay or out-of-pocket maximum; basis points for coinsurance
/// (2000 = 20%); visits or days for a limit.
///
/// @code
/// iop::parity::ClassificationKey key{iop::parity::Classification::outpatient_in_network,
///                                    iop::parity::Subclassification::all_other, "preferred"};
/// key.describe();   // "outpatient_in_network / all_other / tier preferred"
/// @endcode

#include <cstdint>
#include <string>
#include <string_view>

namespace iop::parity {

/// @brief The six benefit classifications of 29 CFR 2590.712(c)(2)(ii)(A).
enum class Classification {
  inpatient_in_network,
  inpatient_out_of_network,
  outpatient_in_network,
  outpatient_out_of_network,
  emergency,
  prescription_drugs,
};
/// @brief The identifier, e.g. `outpatient_in_network`.
[[nodiscard]] std::string_view to_string(Classification c) noexcept;
/// @brief Parses a classification.
/// @throws NotFoundError naming @p field.
[[nodiscard]] Classification parse_classification(std::string_view text, std::string_view field = "classification");
/// @brief True for the two in-network classifications, the only ones that may be split into network tiers.
[[nodiscard]] constexpr bool is_in_network(Classification c) noexcept {
  return c == Classification::inpatient_in_network || c == Classification::outpatient_in_network;
}
/// @brief True for the two outpatient classifications, the only ones that may be split into office visits and the rest.
[[nodiscard]] constexpr bool is_outpatient(Classification c) noexcept {
  return c == Classification::outpatient_in_network || c == Classification::outpatient_out_of_network;
}

/// @brief The permitted outpatient sub-classifications (29 CFR 2590.712(c)(3)(iii)(C)).
enum class Subclassification {
  none,            ///< not split
  office_visits,   ///< outpatient office visits
  all_other,       ///< all other outpatient items and services (where IOP falls)
};
/// @brief `none`, `office_visits` or `all_other`.
[[nodiscard]] std::string_view to_string(Subclassification s) noexcept;
/// @brief Parses a sub-classification.
/// @throws NotFoundError naming @p field.
[[nodiscard]] Subclassification parse_subclassification(std::string_view text, std::string_view field = "subclassification");

/// @brief Types of financial requirement and quantitative treatment limitation.
enum class LimitType {
  deductible,
  copay,
  coinsurance,
  out_of_pocket_maximum,
  visit_limit,
  day_limit,
};
/// @brief The identifier, e.g. `copay`.
[[nodiscard]] std::string_view to_string(LimitType t) noexcept;
/// @brief Parses a type.
/// @throws NotFoundError naming @p field.
[[nodiscard]] LimitType parse_limit_type(std::string_view text, std::string_view field = "type");
/// @brief True for visit and day limits, where a lower level is more restrictive.
[[nodiscard]] constexpr bool lower_is_more_restrictive(LimitType t) noexcept {
  return t == LimitType::visit_limit || t == LimitType::day_limit;
}

/// @brief The period of a visit or day limit; with the type it makes the type tested (29 CFR 2590.712(c)(1)(ii)).
enum class LimitPeriod {
  none,      ///< a financial requirement (no period)
  annual,    ///< per plan year
  episode,   ///< per episode of care
  lifetime,  ///< per lifetime
};
/// @brief `none`, `annual`, `episode` or `lifetime`.
[[nodiscard]] std::string_view to_string(LimitPeriod p) noexcept;
/// @brief Parses a period of a visit or day limit (`annual`, `episode`, `lifetime`).
/// @throws NotFoundError naming @p field.
[[nodiscard]] LimitPeriod parse_limit_period(std::string_view text, std::string_view field = "period");
/// @brief The type as a reader says it: `copay`, `annual visit_limit`, `lifetime day_limit`.
[[nodiscard]] std::string describe(LimitType t, LimitPeriod p);

/// @brief A level as text in its unit: `$35.00`, `20%`, `30 visits`.
[[nodiscard]] std::string format_level(LimitType t, std::int64_t level);
/// @brief Reads a level from text in its unit (`35.00`, `20%`, `30`).
/// @throws ValidationError naming @p field.
[[nodiscard]] std::int64_t parse_level(LimitType t, std::string_view text, std::string_view field = "level");
/// @brief A level in the JSON form `parse_level` reads: `35.00`, `20%`, `30`.
[[nodiscard]] std::string level_text(LimitType t, std::int64_t level);

/// @brief Where a classification is, with its optional sub-classification and declared network tier.
struct ClassificationKey {
  Classification classification = Classification::outpatient_in_network;  ///< one of the six
  Subclassification subclassification = Subclassification::none;          ///< outpatient split
  std::string tier;  ///< declared network tier id (formulary tier id for prescription_drugs), empty if none
  /// `outpatient_in_network / all_other / tier 1`.
  [[nodiscard]] std::string describe() const;
  /// Same key.
  friend bool operator==(const ClassificationKey&, const ClassificationKey&) = default;
};

}  // namespace iop::parity
