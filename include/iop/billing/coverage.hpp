#pragma once
/// @file
/// @brief `Coverage` (a patient's benefits for the IOP) and `adjudicate` (who pays each line).
///
/// Adjudication follows one order on every claim line, in date order:
///
/// 1. **plan year**: the accumulators reset when a line falls in a new plan
///    year (the plan year starts on `plan_year_start`'s month and day; Original
///    Medicare's is the calendar year), even in the middle of a course;
///    accumulators already met count only in the plan year that contains
///    their `as_of` date, and no line may be dated before `as_of` (those
///    claims are already in the amounts: `estimate_cost` leaves them out and
///    says so). Medicaid's 5% limit resets every month or quarter.
/// 2. **network**: a line is out of network when the program is, or when its
///    code is billed by a nonparticipating provider (`out_of_network_codes`);
///    a protection (see balance_billing.hpp) may then apply.
/// 3. **allowed amount**: in network, the contracted amount for the code if
///    given, else the charge times `allowed_share`; out of network, the plan's
///    out-of-network basis (a fee schedule, a share of the charge, or a share
///    of the Medicare rate); a protected line's cost sharing is computed on
///    that amount as the recognized amount (the plan's qualifying payment
///    amount is the plan's to compute).
/// 4. **covered?**: self-pay and uninsured lines are not covered; a visit or
///    day limit reached, a day no authorisation covers or an authorisation's
///    units used up make a program day not covered: the patient owes the
///    allowed amount, or the provider writes the day off when its contract
///    says so (`outside_authorization`); out of network without out-of-network
///    benefits the patient owes the charge.
/// 5. **deductible**: the smaller of the individual and (embedded) family
///    deductible remaining, or the family's alone when it is aggregate; a
///    `copay_before_deductible` is charged first and not subject to it;
/// 6. **copay and coinsurance** on what remains, combined as the coverage
///    states (`combination`); both given without a combination is refused;
/// 7. **out-of-pocket cap**: the patient's cost sharing is capped at the
///    tier's room (none without a maximum: Original Medicare has none);
///    Medicaid's share is capped at the period's 5% limit;
/// 8. **balance bill**: out of network without protection, the charge above
///    the allowed amount (it does not count toward the maximum);
/// 9. **secondary payer**: standard coordination of benefits (the NAIC model:
///    the secondary pays up to its own benefit, crediting its own deductible as
///    if it were alone, and never more than the allowable expense left),
///    non-duplication (its benefit less the primary's payment), or a Medigap
///    plan (Part B coinsurance, and the deductible for plans C and F);
/// 10. **shares**: plan, secondary, patient and write-off add up to the charge.
///
/// Every line lists the rules that applied and the accumulators after it. The
/// invariants are checked on every line: plan + cost sharing = allowed,
/// plan + secondary + patient + write-off = charge, and the patient's
/// plan-year cost sharing never exceeds the tier's out-of-pocket maximum.
/// Sources: ACA cost-sharing mechanics (deductible, copays and coinsurance all
/// count toward the out-of-pocket maximum; embedded individual maximum) and the
/// ACA annual limits (45 CFR 156.130(a), by plan year in data/aca-oop-limits.json); the
/// NAIC Coordination of Benefits Model Regulation (Model 120, sections 3 and 7).
///
/// @code
/// iop::Coverage c;
/// c.payer = iop::PayerType::commercial;
/// c.in_network.deductible_individual = iop::Money::parse("$1,500");
/// c.in_network.coinsurance = iop::Rate::percent(20);
/// c.in_network.oop_individual = iop::Money::parse("$5,000");
/// auto lines = iop::adjudicate(charges, c);
/// @endcode

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/balance_billing.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/billing/public_payers.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/plan/program.hpp"

namespace iop {

/// @brief In or out of the plan's network.
enum class NetworkStatus { in_network, out_of_network };
/// @brief `in_network` or `out_of_network`.
[[nodiscard]] std::string_view to_string(NetworkStatus status) noexcept;

/// @brief How a copay and a coinsurance on the same service combine.
///
/// A coverage that gives both must say which: one of them alone is never
/// dropped in silence.
enum class CostSharingCombination {
  single,                  ///< only one of the two is set (both set is refused)
  copay_then_coinsurance,  ///< the copay, then coinsurance of what remains
  greater_of,              ///< the greater of the copay and the coinsurance
  lesser_of,               ///< the lesser of the copay and the coinsurance
};
/// @brief `single`, `copay_then_coinsurance`, `greater_of` or `lesser_of`.
[[nodiscard]] std::string_view to_string(CostSharingCombination combination) noexcept;

/// @brief How a family deductible or maximum accumulates.
enum class FamilyAccumulation {
  embedded,   ///< each person meets the individual amount, or the family the family amount
  aggregate,  ///< non-embedded: only the family amount, met by the family's claims together
};
/// @brief `embedded` or `aggregate`.
[[nodiscard]] std::string_view to_string(FamilyAccumulation accumulation) noexcept;

/// @brief One benefit tier's cost sharing (in network, or out of network).
struct CostSharing {
  Money deductible_individual;                 ///< individual deductible (none with an aggregate family deductible)
  std::optional<Money> deductible_family;      ///< family deductible
  FamilyAccumulation deductible_accumulation = FamilyAccumulation::embedded;  ///< embedded or aggregate
  Rate coinsurance;                            ///< patient's coinsurance after the deductible
  Money copay;                                 ///< copay per day (per diem) or per visit (itemized)
  CostSharingCombination combination = CostSharingCombination::single;  ///< with both a copay and a coinsurance
  bool copay_before_deductible = false;        ///< the copay is charged first and is not subject to the deductible
  std::optional<Money> oop_individual;         ///< individual out-of-pocket maximum (none: no maximum)
  std::optional<Money> oop_family;             ///< family out-of-pocket maximum
  FamilyAccumulation oop_accumulation = FamilyAccumulation::embedded;  ///< embedded or aggregate
  bool no_maximum = false;                     ///< the coverage states it has no maximum (`"none"`); a missing maximum is refused

  /// @brief Whether there is any out-of-pocket maximum.
  [[nodiscard]] bool has_maximum() const noexcept { return oop_individual.has_value() || oop_family.has_value(); }
  /// @brief Checks amounts, rates and combinations; errors name `<path>.<member>` of the JSON form.
  void validate(const std::string& path) const;
};

/// @brief How the plan sets the allowed amount of an out-of-network line.
enum class AllowedBasis {
  fee_schedule,         ///< an amount per code
  percent_of_charge,    ///< a share of the charge
  percent_of_medicare,  ///< a share of the Medicare rate (per code, or Medicare's IOP per diem)
};
/// @brief `fee_schedule`, `percent_of_charge` or `percent_of_medicare`.
[[nodiscard]] std::string_view to_string(AllowedBasis basis) noexcept;

/// @brief Whether in- and out-of-network amounts count toward each other's deductible and maximum.
enum class TierAccumulation {
  separate,  ///< each tier accumulates on its own
  joint,     ///< every amount counts toward both tiers (cross-accumulation)
};
/// @brief `separate` or `joint`.
[[nodiscard]] std::string_view to_string(TierAccumulation accumulation) noexcept;

/// @brief Out-of-network benefits: cost sharing and the allowed amount.
struct OutOfNetworkBenefits {
  CostSharing cost_sharing;                      ///< the tier's cost sharing
  AllowedBasis allowed_basis = AllowedBasis::percent_of_charge;  ///< how the allowed amount is set
  std::map<std::string, Money> allowed_amounts;  ///< fee_schedule: the amount per code
  Rate allowed_percent = Rate::percent(100);     ///< percent_of_charge / percent_of_medicare: the share
  std::map<std::string, Money> medicare_rates;   ///< percent_of_medicare: Medicare's amount per code
  std::optional<int> medicare_iop_year;          ///< percent_of_medicare: price program days at Medicare's IOP per diem of this year
  MedicareSetting medicare_iop_setting = MedicareSetting::hospital;  ///< ... and this setting
  TierAccumulation accumulation = TierAccumulation::separate;        ///< separate or joint with in network
};

/// @brief Amounts already met in the current plan year, as of a date.
struct Accumulators {
  Date as_of;                      ///< the date the amounts were read (e.g. from a 271 response)
  Money deductible_individual;     ///< individual deductible met (in network)
  Money deductible_family;         ///< family deductible met (by all members)
  Money oop_individual;            ///< individual out-of-pocket met
  Money oop_family;                ///< family out-of-pocket met
  int visits_used = 0;             ///< visits or days already used against the limit
  Money oon_deductible_individual; ///< out-of-network individual deductible met
  Money oon_deductible_family;     ///< out-of-network family deductible met
  Money oon_oop_individual;        ///< out-of-network individual out-of-pocket met
  Money oon_oop_family;            ///< out-of-network family out-of-pocket met
};

/// @brief A prior authorisation: dates and units approved.
struct Authorization {
  std::string reference;          ///< the payer's authorisation number
  Date first_day;                 ///< first authorised day
  Date last_day;                  ///< last authorised day
  int units;                      ///< authorised units (days)
  std::optional<Date> next_review;  ///< the payer's next concurrent-review date, when given
  std::string extends;            ///< the reference of the authorisation it extends (empty for an initial one)
  /// The date the next concurrent review is due: `next_review`, else the last authorised day.
  [[nodiscard]] Date review_due() const noexcept { return next_review.value_or(last_day); }
};

/// @brief What happens to a program day no authorisation covers (a term of the provider's contract).
enum class OutsideAuthorization {
  patient_pays,      ///< the provider may bill the patient the allowed amount
  provider_absorbs,  ///< the contract forbids billing the patient: the provider writes the day off
};
/// @brief `patient_pays` or `provider_absorbs`.
[[nodiscard]] std::string_view to_string(OutsideAuthorization rule) noexcept;

struct SecondaryCoverage;

/// @brief A patient's benefits for the IOP.
struct Coverage {
  PayerType payer = PayerType::commercial;          ///< who pays
  bool uninsured = false;                           ///< no coverage at all (GFE rules apply)
  std::optional<MedicarePlan> medicare;             ///< with payer medicare: Original Medicare or Medicare Advantage
  std::optional<MedicaidTerms> medicaid;            ///< with payer medicaid: the enrollee's terms
  NetworkStatus network = NetworkStatus::in_network;  ///< network status of the program (its facility)
  std::vector<std::string> out_of_network_codes;    ///< codes billed by a nonparticipating provider at the program
  std::optional<FacilityKind> facility;             ///< the program's facility kind (for balance-billing protections)
  PlanRegulator regulator = PlanRegulator::other;   ///< who regulates the plan (for state protections)
  std::string state;                                ///< where services are furnished (USPS code), for state protections
  bool notice_and_consent = false;                  ///< written consent to out-of-network care (300gg-132(d))
  Date plan_year_start = Date(2026, 1, 1);          ///< any plan-year start; its month and day repeat yearly
  CostSharing in_network;                           ///< in-network cost sharing
  std::optional<OutOfNetworkBenefits> out_of_network;  ///< out-of-network benefits (none: not covered out of network)
  std::string benefit_classification = "outpatient, in-network";  ///< MHPAEA classification of the IOP benefit
  std::map<std::string, Money> allowed_amounts;     ///< contracted (in-network) amount per code
  Rate allowed_share = Rate::percent(100);          ///< in-network allowed amount as a share of the charge otherwise
  std::optional<Accumulators> accumulators;         ///< amounts already met
  std::optional<int> visit_limit;                   ///< visits or days covered per plan year
  std::vector<Authorization> authorizations;        ///< prior authorisations (initial and extensions)
  std::optional<OutsideAuthorization> outside_authorization;  ///< the contract's rule for days outside them
  std::shared_ptr<const SecondaryCoverage> secondary;  ///< a secondary payer (coordination of benefits)

  /// @brief Checks amounts and ranges (each amount $0.00..$1,000,000.00, docs/limits.md).
  /// @param path the coverage's path; errors name its JSON members (`coverage.out_of_pocket_max.individual`)
  /// @throws ValidationError naming the member.
  void validate(const std::string& path = "coverage") const;
  /// @brief Whether this coverage pays claims at all (not self-pay or uninsured).
  [[nodiscard]] bool files_claims() const noexcept { return !uninsured && payer != PayerType::self_pay; }
  /// @brief The first day of the plan year containing @p date.
  [[nodiscard]] Date plan_year_of(Date date) const;
  /// @brief The in-network cost sharing in force in the plan year starting @p plan_year
  ///        (Original Medicare's deductible changes every calendar year).
  /// @throws NotFoundError naming `coverage.medicare` for a year without a confirmed Part B deductible.
  [[nodiscard]] CostSharing in_network_for(Date plan_year) const;
  /// @brief Whether @p code is billed out of network (the program, or a nonparticipating provider's code).
  [[nodiscard]] NetworkStatus network_of(std::string_view code) const noexcept;
};

/// @brief How a secondary payer coordinates with the primary.
enum class Coordination {
  standard,         ///< NAIC model COB: the secondary pays up to its own benefit, within the allowable expense
  non_duplication,  ///< carve-out: the secondary pays what its benefit exceeds the primary's payment by
  medigap,          ///< Medicare supplement: pays Part B coinsurance (and the Part B deductible for plans C and F)
};
/// @brief `standard`, `non_duplication` or `medigap`.
[[nodiscard]] std::string_view to_string(Coordination coordination) noexcept;

/// @brief A secondary payer.
struct SecondaryCoverage {
  std::string name;                    ///< e.g. `Medigap Plan G` or the spouse's employer plan
  Coordination coordination = Coordination::standard;  ///< how it coordinates
  std::optional<Coverage> coverage;    ///< standard / non-duplication: the secondary plan's own benefits
  Rate medigap_coinsurance_share = Rate::percent(100);  ///< medigap: the share of Part B coinsurance it pays (K 50%, L 75%)
  bool medigap_pays_part_b_deductible = false;  ///< medigap: pays the Part B deductible (plans C and F)
};

/// @brief The ACA maximum annual limitation on cost sharing for a plan year (self-only, other than self-only),
///        from data/aca-oop-limits.json.
/// @return nothing for a year iop carries no figure for.
[[nodiscard]] std::optional<std::pair<Money, Money>> aca_oop_limit(int year) noexcept;

/// @brief Accumulator values after a line.
struct AccumulatorState {
  Date plan_year;              ///< first day of the plan year
  Money deductible_individual; ///< individual deductible met (in network)
  Money deductible_family;     ///< family deductible met
  Money oop_individual;        ///< individual out-of-pocket met
  Money oop_family;            ///< family out-of-pocket met
  int visits_used;             ///< visits or days used
  int authorized_units_used;   ///< authorised units used (all authorisations)
  Money oon_deductible_individual;  ///< out-of-network individual deductible met
  Money oon_deductible_family;      ///< out-of-network family deductible met
  Money oon_oop_individual;         ///< out-of-network individual out-of-pocket met
  Money oon_oop_family;             ///< out-of-network family out-of-pocket met
  Money period_cost_sharing;        ///< Medicaid: cost sharing in the current month or quarter
};

/// @brief Why a line is not covered.
enum class NotCovered {
  none,                        ///< covered
  self_pay,                    ///< self-pay: no claim is filed
  uninsured,                   ///< no coverage
  visit_limit,                 ///< the plan year's visit or day limit is reached
  outside_authorization,       ///< no authorisation covers the day
  authorization_units_used,    ///< the authorisation's units are used up
  no_out_of_network_benefits,  ///< out of network, and the plan has no out-of-network benefits
};
/// @brief `none`, `self_pay`, `uninsured`, `visit_limit`, `outside_authorization`,
///        `authorization_units_used` or `no_out_of_network_benefits`.
[[nodiscard]] std::string_view to_string(NotCovered reason) noexcept;

/// @brief One adjudicated claim line.
///
/// Two identities hold on every line and are checked: plan + deductible +
/// copay + coinsurance = allowed (when covered), and plan + secondary +
/// patient + write_off = charge.
struct AdjudicatedLine {
  ChargeLine charge;            ///< the charge
  Money allowed;                ///< allowed amount
  bool covered;                 ///< covered by the plan
  Money deductible;             ///< patient's deductible on this line (under the primary)
  Money copay;                  ///< patient's copay
  Money coinsurance;            ///< patient's coinsurance
  Money patient;                ///< what the patient owes: cost sharing and balance bill, less the secondary's payment
  Money plan;                   ///< the primary plan's payment
  std::vector<std::string> rules;  ///< every rule that applied, in order
  AccumulatorState after;       ///< accumulators after the line
  NetworkStatus network = NetworkStatus::in_network;  ///< the line's network status
  std::string protection;       ///< the balance-billing protection that applied (empty: none)
  Money balance_billed;         ///< the charge above the allowed amount billed to the patient
  Money secondary;              ///< the secondary payer's payment
  Money write_off;              ///< what the provider writes off (contractual, protected or absorbed)
  NotCovered not_covered = NotCovered::none;  ///< why the line is not covered
  std::string authorization;    ///< the authorisation that covered the day (empty: none)
};

/// @brief Adjudicates charge lines in date order under @p coverage.
/// @throws ValidationError for an invalid coverage or a line dated before the
///         accumulators' as-of date; OverflowError never in practice (amounts are checked).
[[nodiscard]] std::vector<AdjudicatedLine> adjudicate(const std::vector<ChargeLine>& charges, const Coverage& coverage);

/// @brief Reads a coverage: see the `coverage` schema (declarations/coverage.py).
/// @throws ValidationError / NotFoundError naming the JSON path.
[[nodiscard]] Coverage coverage_from_json(const nlohmann::json& document, std::string path = "coverage");
/// @brief The JSON of a coverage (round-trips).
[[nodiscard]] nlohmann::json to_json(const Coverage& coverage);
/// @brief The JSON of adjudicated lines.
[[nodiscard]] nlohmann::json to_json(const std::vector<AdjudicatedLine>& lines);
/// @brief Reads adjudicated lines back (round-trips with `to_json`).
/// @throws ValidationError naming the JSON path.
[[nodiscard]] std::vector<AdjudicatedLine> adjudicated_lines_from_json(const nlohmann::json& document,
                                                                       std::string path = "lines");
/// @brief The concurrent-review reminders of the authorisations, as calendar events (kind `review`).
[[nodiscard]] std::vector<CalendarEvent> authorization_reviews(const Coverage& coverage);
/// @brief Reads authorisations (`[{"reference", "first_day", "last_day", "units", "next_review"?, "extends"?}]`).
/// @throws ValidationError naming the JSON path.
[[nodiscard]] std::vector<Authorization> authorizations_from_json(const nlohmann::json& document,
                                                                  std::string path = "authorizations");

}  // namespace iop
