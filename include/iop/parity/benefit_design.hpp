#pragma once
/// @file
/// @brief `BenefitDesign`: what a plan's parity analysis is computed from.
///
/// A design holds, for each coverage unit (self-only, family, ...; each tested
/// separately, 29 CFR 2590.712(c)(3)(ii)) and each classification (see
/// classification.hpp), laid out like the Texas quantitative-limit worksheet
/// (28 TAC 21.2437), the medical/surgical plan payments projected for the plan
/// year: the total, and for each type the payments at each level (a level of
/// zero means not subject to the type); and the levels the mental health and
/// substance use benefits carry (the IOP benefit among them).
///
/// It also records what a compliance review needs beyond the quantitative
/// tests: the plan's status and size (plan_facts.hpp), an increased-cost
/// exemption, aggregate lifetime and annual dollar limits (dollar_limit.hpp),
/// whether deductibles, out-of-pocket maximums and visit or day limits
/// accumulate jointly, the declared network tiers, the NQTL analyses with their
/// in-operation data (nqtl.hpp), the medical-necessity criteria by identifier,
/// network access, and telehealth cost sharing service by service.
///
/// Prescription drug benefits may be split into the tiers of a formulary
/// (`formulary_tiers`, each with the reasonable factors it rests on: cost,
/// efficacy, generic versus brand name, mail order versus pharmacy pick-up),
/// set without regard to whether a drug treats a medical/surgical or an MH/SUD
/// condition (29 CFR 2590.712(c)(3)(iii)(A)); each tier is tested as its own
/// sub-classification. For a `prescription_drugs` entry, `ClassificationKey::tier`
/// names its formulary tier (JSON `formulary_tier`).
///
/// Reading a design refuses what the regulation does not allow: a network tier
/// outside an in-network classification or not declared, a formulary tier
/// outside prescription drugs or not declared, a sub-classification outside
/// outpatient, a classification entered twice, a split mixed with an unsplit
/// entry. `analyse` checks the same on designs built in C++.
///
/// @code
/// auto design = iop::parity::benefit_design_from_json(nlohmann::json::parse(text));
/// auto report = iop::parity::analyse(design);
/// @endcode

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
#include "iop/parity/classification.hpp"
#include "iop/parity/dollar_limit.hpp"
#include "iop/parity/nqtl.hpp"
#include "iop/parity/plan_facts.hpp"

namespace iop::parity {

/// @brief Medical/surgical plan payments projected at one level of a type.
struct LevelPayments {
  LimitType type;                          ///< the type
  std::int64_t level;                      ///< the level (0: not subject)
  Money payments;                          ///< projected plan payments for benefits at that level
  LimitPeriod period = LimitPeriod::none;  ///< annual, episode or lifetime for a visit or day limit
};

/// @brief A level a mental health or substance use benefit carries.
struct MhSudLevel {
  std::string benefit;                     ///< e.g. `Intensive outpatient program`
  LimitType type;                          ///< the type
  std::int64_t level;                      ///< the level
  LimitPeriod period = LimitPeriod::none;  ///< annual, episode or lifetime for a visit or day limit
};

/// @brief One classification's projections and MH/SUD levels.
struct ClassificationData {
  ClassificationKey key;                       ///< which classification
  Money total_payments;                        ///< all projected M/S plan payments in it
  std::vector<LevelPayments> medical_surgical; ///< payments by type and level
  std::vector<MhSudLevel> mental_health;       ///< levels of the MH/SUD benefits
};

/// @brief One coverage unit's classifications (a design with several units tests each separately).
struct CoverageUnitDesign {
  std::string coverage_unit;                        ///< e.g. `self-only`, `family`
  std::vector<ClassificationData> classifications;  ///< its classifications
};

/// @brief A declared in-network tier (29 CFR 2590.712(c)(3)(iii)(B)).
///
/// Tiers may split in-network benefits only when the tiering rests on reasonable
/// factors (such as quality, performance and market standards) and is made
/// without regard to whether a provider gives M/S or MH/SUD services.
struct NetworkTier {
  std::string id;                 ///< the identifier classifications refer to, e.g. `preferred`
  std::string name;               ///< e.g. `Tier 1: preferred providers`
  std::string factors;            ///< the reasonable factors the tiering rests on
  bool without_regard_to_mh_sud = false;  ///< tiering made without regard to M/S or MH/SUD services
};

/// @brief A declared tier of the prescription drug formulary (29 CFR 2590.712(c)(3)(iii)(A)).
///
/// Different financial requirements may apply to different tiers when the
/// tiering rests on reasonable factors (cost, efficacy, generic versus brand
/// name, mail order versus pharmacy pick-up) and is made without regard to
/// whether a drug is generally prescribed for medical/surgical or MH/SUD conditions.
struct FormularyTier {
  std::string id;                 ///< the identifier prescription drug entries refer to, e.g. `generic`
  std::string name;               ///< e.g. `Tier 1: generic drugs`
  std::string factors;            ///< the reasonable factors the tiering rests on
  bool without_regard_to_mh_sud = false;  ///< tiering made without regard to M/S or MH/SUD drugs
};

/// @brief Whether a cumulative requirement is shared with medical/surgical benefits.
enum class Accumulation { joint, separate };

/// @brief Medical-necessity criteria used in MH/SUD utilization review, by identifier.
///
/// With an empty `name` the id names an entry of iop's criteria list
/// (`data/medical-necessity-criteria.json`: `locus`, `calocus-casii`, `ecsii`,
/// `apa-practice-guidelines`, `asam-criteria`, ...). With a name, it declares
/// criteria not in that list, developed by `developer`.
struct MedicalNecessityCriteria {
  std::string id;          ///< identifier
  std::string name;        ///< name, for criteria not in iop's list
  std::string developer;   ///< who developed them, for criteria not in iop's list
  /// Same criteria.
  friend bool operator==(const MedicalNecessityCriteria&, const MedicalNecessityCriteria&) = default;
};

/// @brief Cost sharing of one service delivered by telehealth and in person.
struct TelehealthCostSharing {
  std::string service;     ///< e.g. `Intensive outpatient program`
  Classification classification = Classification::outpatient_in_network;  ///< where it is covered
  LimitType type = LimitType::copay;  ///< deductible, copay or coinsurance
  std::int64_t in_person = 0;         ///< level in person
  std::int64_t telehealth = 0;        ///< level by telehealth
};

/// @brief The plan's benefit design.
struct BenefitDesign {
  std::string plan;                          ///< plan name
  std::string coverage_unit = "self-only";   ///< the coverage unit of `classifications`
  Date plan_year_start;                      ///< first day of the plan year analysed
  std::string state;                         ///< where the plan is issued (USPS code), for state overlays
  bool has_mental_health_benefits = true;    ///< MHPAEA applies only to plans with MH/SUD benefits
  PlanStatus status;                         ///< funding, market, grandfathered status, sponsor
  std::optional<EmployerSize> employer;      ///< the employer's size (small-employer exemption)
  std::optional<int> participants_current_employees;  ///< on the first day of the plan year
  std::optional<CostExemption> cost_exemption;        ///< an increased-cost exemption's facts
  std::vector<ClassificationData> classifications;    ///< one coverage unit's classifications
  std::vector<CoverageUnitDesign> coverage_units;     ///< or several units (then `classifications` is empty)
  std::vector<NetworkTier> network_tiers;    ///< declared in-network tiers
  std::vector<FormularyTier> formulary_tiers;  ///< declared prescription drug formulary tiers
  std::vector<DollarLimitDesign> dollar_limits;  ///< aggregate lifetime and annual dollar limits
  Accumulation deductible = Accumulation::joint;     ///< deductible accumulation
  Accumulation out_of_pocket_maximum = Accumulation::joint;  ///< out-of-pocket accumulation
  Accumulation visit_and_day_limits = Accumulation::joint;   ///< annual/lifetime visit and day limit accumulation
  std::vector<NqtlRecord> nqtls;             ///< NQTL comparative analyses
  std::vector<MedicalNecessityCriteria> medical_necessity_criteria;  ///< criteria used for MH/SUD utilization review
  bool timely_in_network_access = true;      ///< MH/SUD care available in network within access standards
  bool out_of_network_at_in_network_cost_sharing = true;  ///< when it is not
  std::vector<TelehealthCostSharing> telehealth;  ///< telehealth against in-person cost sharing, per service
  /// The coverage units to test: `coverage_units`, or the one unit of `classifications`.
  [[nodiscard]] std::vector<CoverageUnitDesign> units() const;
};

/// @brief Reads a design (see the `benefit-design` schema (declarations/benefit_design.py)).
/// @throws ValidationError / NotFoundError naming the JSON path, including for an
///         unlawful sub-classification, with the paragraph that forbids it.
[[nodiscard]] BenefitDesign benefit_design_from_json(const nlohmann::json& document, std::string path = "design");
/// @brief The JSON of a design (round-trips).
[[nodiscard]] nlohmann::json to_json(const BenefitDesign& design);

/// @brief Checks what the regulation requires of a design's classifications, tiers and levels.
/// @param design the design to check
/// @param path the path errors name (`design` for a design read from JSON)
/// @throws ValidationError / NotFoundError naming the field and the paragraph.
void check_design(const BenefitDesign& design, std::string_view path = "design");

/// @brief Claims-level rows, one per claim and type (level 0 when the claim is not subject to the type).
struct ClaimColumns {
  std::span<const std::uint8_t> classification;  ///< `Classification` as a number
  std::span<const std::uint8_t> type;            ///< `LimitType` as a number
  std::span<const std::int64_t> level;           ///< level in the type's unit
  std::span<const std::int64_t> payment;         ///< plan payment in cents
  std::int64_t first_row = 0;                    ///< the number of the first row in the whole table, for errors
};

/// @brief Aggregates claim rows into projections, one `ClassificationData` per classification seen
///        (`to_classifications(aggregate_claim_rows(claims))`, see claims_aggregate.hpp).
///
/// Claims carry no period: visit and day limit rows come back without one, and
/// `analyse` refuses them until the period (annual, episode, lifetime) is set.
/// @throws ValidationError naming `claims.<column>` for unequal lengths, an unknown code, a negative
///         payment or level, or a classification whose types do not add up to the same total;
///         OverflowError when the payments add up beyond 64-bit cents.
[[nodiscard]] std::vector<ClassificationData> aggregate_claims(const ClaimColumns& claims);

}  // namespace iop::parity
