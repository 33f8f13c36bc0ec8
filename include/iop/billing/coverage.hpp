#pragma once
/// @file
/// @brief `Coverage` (a patient's benefits for the IOP) and `adjudicate` (who pays each line).
///
/// Adjudication follows one order on every claim line, in date order:
///
/// 1. **plan year**: the accumulators reset when a line falls in a new plan
///    year (the plan year starts on `plan_year_start`'s month and day), even in
///    the middle of a course; accumulators already met count only in the plan
///    year that contains their `as_of` date;
/// 2. **allowed amount**: the contracted amount for the code if given, else the
///    charge times `allowed_share` (100% unless set);
/// 3. **covered?**: self-pay and uninsured lines are not covered; a visit or day
///    limit reached, or a date or unit outside the prior authorisation, makes a
///    line not covered: the patient owes the allowed amount;
/// 4. **deductible**: the smaller of the individual and (embedded) family
///    deductible remaining, up to the allowed amount; with
///    `copay_before_deductible` the copay applies instead and the deductible is
///    not charged on the line;
/// 5. **copay or coinsurance** on what remains after the deductible (a copay
///    is never more than what remains);
/// 6. **out-of-pocket cap**: the patient's share is capped at the smaller of the
///    individual and family out-of-pocket room;
/// 7. **shares**: plan = allowed - patient.
///
/// Every line lists the rules that applied and the accumulators after it. Two
/// invariants hold on every line and are checked: patient + plan = allowed,
/// and the patient's plan-year total never exceeds the out-of-pocket maximum.
/// Sources: ACA cost-sharing mechanics (deductible, copays and coinsurance all
/// count toward the out-of-pocket maximum; embedded individual maximum) and the
/// ACA annual limits (2025 $9,200 / $18,400; 2026 $10,600 / $21,200, revised by
/// the Marketplace Integrity and Affordability final rule of June 2025).
///
/// @code
/// iop::Coverage c;
/// c.payer = iop::PayerType::commercial;
/// c.deductible_individual = iop::Money::parse("$1,500");
/// c.coinsurance = iop::Rate::percent(20);
/// c.oop_individual = iop::Money::parse("$5,000");
/// auto lines = iop::adjudicate(charges, c);
/// @endcode

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/fee_schedule.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/plan/program.hpp"

namespace iop {

/// @brief In or out of the plan's network.
enum class NetworkStatus { in_network, out_of_network };

/// @brief Amounts already met in the current plan year, as of a date.
struct Accumulators {
  Date as_of;                      ///< the date the amounts were read (e.g. from a 271 response)
  Money deductible_individual;     ///< individual deductible met
  Money deductible_family;         ///< family deductible met (by all members)
  Money oop_individual;            ///< individual out-of-pocket met
  Money oop_family;                ///< family out-of-pocket met
  int visits_used = 0;             ///< visits or days already used against the limit
};

/// @brief A prior authorisation: dates and units approved.
struct Authorization {
  std::string reference;  ///< authorisation number
  Date first_day;         ///< first authorised day
  Date last_day;          ///< last authorised day
  int units;              ///< authorised units (days or sessions)
};

/// @brief A patient's benefits for the IOP.
struct Coverage {
  PayerType payer = PayerType::commercial;          ///< who pays
  bool uninsured = false;                           ///< no coverage at all (GFE rules apply)
  NetworkStatus network = NetworkStatus::in_network;  ///< network status of the program
  Date plan_year_start = Date(2026, 1, 1);          ///< any plan-year start; its month and day repeat yearly
  Money deductible_individual;                      ///< individual deductible
  std::optional<Money> deductible_family;           ///< family deductible (embedded individual deductible applies)
  Rate coinsurance;                                 ///< patient's coinsurance after the deductible
  Money copay;                                      ///< copay per day (per diem) or per visit (itemized)
  bool copay_before_deductible = false;             ///< the copay applies and the deductible does not
  Money oop_individual;                             ///< individual out-of-pocket maximum
  std::optional<Money> oop_family;                  ///< family out-of-pocket maximum
  std::string benefit_classification = "outpatient, in-network";  ///< MHPAEA classification of the IOP benefit
  std::map<std::string, Money> allowed_amounts;     ///< contracted amount per code
  Rate allowed_share = Rate::percent(100);          ///< allowed amount as a share of the charge otherwise
  std::optional<Accumulators> accumulators;         ///< amounts already met
  std::optional<int> visit_limit;                   ///< visits or days covered per plan year
  std::optional<Authorization> authorization;       ///< prior authorisation, when required

  /// @brief Checks amounts and ranges (each amount $0.00..$1,000,000.00, docs/limits.md).
  /// @param path the coverage's path in its document; errors name the JSON form's
  ///        members under it, e.g. `coverage.deductible.family`.
  /// @throws ValidationError naming `<path>.<member>`.
  void validate(const std::string& path = "coverage") const;
  /// @brief Whether this coverage pays claims at all (not self-pay or uninsured).
  [[nodiscard]] bool files_claims() const noexcept { return !uninsured && payer != PayerType::self_pay; }
  /// @brief The first day of the plan year containing @p date.
  [[nodiscard]] Date plan_year_of(Date date) const;
};

/// @brief The ACA maximum annual limitation on cost sharing for a plan year (self-only, other than self-only).
/// @return nothing for a year iop has no confirmed figure for.
[[nodiscard]] std::optional<std::pair<Money, Money>> aca_oop_limit(int year) noexcept;

/// @brief Accumulator values after a line.
struct AccumulatorState {
  Date plan_year;              ///< first day of the plan year
  Money deductible_individual; ///< individual deductible met
  Money deductible_family;     ///< family deductible met
  Money oop_individual;        ///< individual out-of-pocket met
  Money oop_family;            ///< family out-of-pocket met
  int visits_used;             ///< visits or days used
  int authorized_units_used;   ///< authorised units used
};

/// @brief One adjudicated claim line.
struct AdjudicatedLine {
  ChargeLine charge;            ///< the charge
  Money allowed;                ///< allowed amount
  bool covered;                 ///< covered by the plan
  Money deductible;             ///< patient's deductible on this line
  Money copay;                  ///< patient's copay
  Money coinsurance;            ///< patient's coinsurance
  Money patient;                ///< patient's share (after the out-of-pocket cap)
  Money plan;                   ///< plan's share
  std::vector<std::string> rules;  ///< every rule that applied, in order
  AccumulatorState after;       ///< accumulators after the line
};

/// @brief Adjudicates charge lines in date order under @p coverage.
/// @throws ValidationError for an invalid coverage; OverflowError never in practice (amounts are checked).
[[nodiscard]] std::vector<AdjudicatedLine> adjudicate(const std::vector<ChargeLine>& charges, const Coverage& coverage);

/// @brief Reads a coverage: see docs/schema/coverage.schema.json.
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

}  // namespace iop
