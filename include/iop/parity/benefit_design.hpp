#pragma once
/// @file
/// @brief `BenefitDesign`: what a plan's parity analysis is computed from.
///
/// MHPAEA tests a plan classification by classification (29 CFR
/// 2590.712(c)(2)(ii)(A): inpatient in- and out-of-network, outpatient in- and
/// out-of-network, emergency care, prescription drugs), in each coverage unit
/// (self-only, family, ...), and type by type of financial requirement or
/// quantitative treatment limitation. Outpatient may be split into office
/// visits and all other items and services, and a network may be split into
/// tiers (29 CFR 2590.712(c)(3)(iii)).
///
/// For each classification the design holds, laid out like the Texas
/// quantitative-limit worksheet (28 TAC 21.2437), the medical/surgical plan
/// payments projected for the plan year: the total, and for each type the
/// payments at each level (a level of zero means not subject to the type); and
/// the levels the mental health and substance use benefits carry (the IOP
/// benefit among them). It also says whether deductibles, out-of-pocket
/// maximums and visit or day limits accumulate jointly or separately, lists the
/// NQTL records, and what the exemptions need.
///
/// Levels are integers in the type's unit: cents for a deductible, copay or
/// out-of-pocket maximum; basis points for coinsurance (2000 = 20%); visits
/// or days for a limit.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/parity/nqtl.hpp"

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

/// @brief The permitted outpatient sub-classifications (29 CFR 2590.712(c)(3)(iii)).
enum class Subclassification {
  none,            ///< not split
  office_visits,   ///< outpatient office visits
  all_other,       ///< all other outpatient items and services (where IOP falls)
};
/// @brief `none`, `office_visits` or `all_other`.
[[nodiscard]] std::string_view to_string(Subclassification s) noexcept;

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
/// @brief A level as text in its unit: `$35.00`, `20%`, `30 visits`.
[[nodiscard]] std::string format_level(LimitType t, std::int64_t level);
/// @brief Reads a level from text in its unit (`35.00`, `20%`, `30`).
/// @throws ValidationError naming @p field.
[[nodiscard]] std::int64_t parse_level(LimitType t, std::string_view text, std::string_view field = "level");

/// @brief Where a classification is, with its optional sub-classification and tier.
struct ClassificationKey {
  Classification classification = Classification::outpatient_in_network;  ///< one of the six
  Subclassification subclassification = Subclassification::none;          ///< outpatient split
  std::string tier;                                                       ///< network tier, empty if none
  /// `outpatient_in_network / all_other / tier 1`.
  [[nodiscard]] std::string describe() const;
  /// Same key.
  friend bool operator==(const ClassificationKey&, const ClassificationKey&) = default;
};

/// @brief Medical/surgical plan payments projected at one level of a type.
struct LevelPayments {
  LimitType type;         ///< the type
  std::int64_t level;     ///< the level (0: not subject)
  Money payments;         ///< projected plan payments for benefits at that level
};

/// @brief A level a mental health or substance use benefit carries.
struct MhSudLevel {
  std::string benefit;    ///< e.g. `Intensive outpatient program`
  LimitType type;         ///< the type
  std::int64_t level;     ///< the level
};

/// @brief One classification's projections and MH/SUD levels.
struct ClassificationData {
  ClassificationKey key;                       ///< which classification
  Money total_payments;                        ///< all projected M/S plan payments in it
  std::vector<LevelPayments> medical_surgical; ///< payments by type and level
  std::vector<MhSudLevel> mental_health;       ///< levels of the MH/SUD benefits
};

/// @brief Whether a cumulative requirement is shared with medical/surgical benefits.
enum class Accumulation { joint, separate };

/// @brief The plan's benefit design for one coverage unit.
struct BenefitDesign {
  std::string plan;                          ///< plan name
  std::string coverage_unit = "self-only";   ///< self-only, family, ...
  Date plan_year_start;                      ///< first day of the plan year
  std::string state;                         ///< where the plan is issued (USPS code), for state overlays
  bool has_mental_health_benefits = true;    ///< MHPAEA applies only to plans with MH/SUD benefits
  std::optional<int> employer_employees;     ///< average employees in the prior year (small-employer exemption)
  bool insured_small_group_or_individual = false;  ///< ACA EHB rules bring parity back for these
  std::optional<Rate> cost_increase;         ///< actuary-certified total cost increase from complying
  std::optional<int> compliance_year;        ///< 1 for the first plan year parity applies, 2+ after
  std::vector<ClassificationData> classifications;  ///< the classifications
  Accumulation deductible = Accumulation::joint;     ///< deductible accumulation
  Accumulation out_of_pocket_maximum = Accumulation::joint;  ///< out-of-pocket accumulation
  Accumulation visit_and_day_limits = Accumulation::joint;   ///< annual visit/day limit accumulation
  std::vector<NqtlRecord> nqtls;             ///< NQTL comparative analyses
  std::vector<std::string> medical_necessity_criteria;  ///< criteria used for MH/SUD utilization review
  bool timely_in_network_access = true;      ///< MH/SUD care available in network within access standards
  bool out_of_network_at_in_network_cost_sharing = true;  ///< when it is not
  bool telehealth_cost_sharing_above_in_person = false;   ///< telehealth costs the patient more than in person
};

/// @brief Reads a design (see docs/schema/benefit-design.schema.json).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] BenefitDesign benefit_design_from_json(const nlohmann::json& document, std::string path = "design");
/// @brief The JSON of a design (round-trips).
[[nodiscard]] nlohmann::json to_json(const BenefitDesign& design);

/// @brief Claims-level rows, one per claim and type (level 0 when the claim is not subject to the type).
struct ClaimColumns {
  std::span<const std::uint8_t> classification;  ///< `Classification` as a number
  std::span<const std::uint8_t> type;            ///< `LimitType` as a number
  std::span<const std::int64_t> level;           ///< level in the type's unit
  std::span<const std::int64_t> payment;         ///< plan payment in cents
};

/// @brief Aggregates claim rows into projections, one `ClassificationData` per classification seen.
/// @throws ValidationError naming `claims.<column>` for unequal lengths, an unknown code, a negative
///         payment or level, or a classification whose types do not add up to the same total;
///         OverflowError when the payments add up beyond 64-bit cents.
[[nodiscard]] std::vector<ClassificationData> aggregate_claims(const ClaimColumns& claims);

}  // namespace iop::parity
