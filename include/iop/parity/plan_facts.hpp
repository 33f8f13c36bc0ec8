#pragma once
/// @file
/// @brief The facts about a plan that decide whether the parity tests apply at all.
///
/// Before any quantitative test, a compliance review records what kind of plan
/// it is and how large its sponsor is:
///
/// - **funding**: a fully insured plan is also subject to the insurance law of
///   the state where the policy is issued (California's SB 855 and AB 744 among
///   them); a self-insured private employer's plan is not, because ERISA keeps
///   state insurance law from reaching it (29 U.S.C. 1144(b)(2)(B));
/// - **sponsor**: MHPAEA reaches a private employer's plan through ERISA
///   (29 U.S.C. 1185a), a church plan through the Internal Revenue Code only
///   (26 U.S.C. 9812), a non-federal governmental plan through the Public Health
///   Service Act only (42 U.S.C. 300gg-26);
/// - **size**: a small employer's plan is exempt (29 U.S.C. 1185a(c)(1)), counted
///   over its controlled group and, for a new employer, by its expected size; a
///   plan with fewer than two participants who are current employees is outside
///   the group health plan rules (26 U.S.C. 9831(a)(2));
/// - **the increased-cost exemption**: a plan whose parity costs rose by more than
///   2 % (first plan year) or 1 % (later years), determined after six months and
///   certified by an actuary, may be exempt for the following plan year only, once
///   it has notified the Secretary, the state and the participants
///   (29 U.S.C. 1185a(c)(2)).
///
/// These are plain values; `parity::analyse` draws the conclusions and states
/// them in the report. Thread safety: immutable values, safe to share.
///
/// @code
/// iop::parity::CostExemption e;
/// e.measured_plan_year_start = iop::make_date(2025, 1, 1);
/// e.compliance_year = 1;
/// e.cost_increase = iop::Rate::parse("2.5%");   // above 2 %: qualifies
/// @endcode

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "iop/core/date.hpp"
#include "iop/core/rate.hpp"

namespace iop::parity {

/// @brief How the plan's benefits are funded.
enum class Funding {
  unstated,       ///< not given: state insurance rules are reported as applying only if insured
  fully_insured,  ///< benefits paid by an insurer or a health care service plan under a policy or contract
  self_insured,   ///< benefits paid from the sponsor's own funds (an administrator may process claims)
};
/// @brief `unstated`, `fully_insured` or `self_insured`.
[[nodiscard]] std::string_view to_string(Funding f) noexcept;

/// @brief The insurance market of an insured plan (the ACA's essential-health-benefit rules follow it).
enum class Market { unstated, large_group, small_group, individual };
/// @brief `unstated`, `large_group`, `small_group` or `individual`.
[[nodiscard]] std::string_view to_string(Market m) noexcept;

/// @brief Who sponsors the plan: it decides which statute carries MHPAEA to it.
enum class Sponsor {
  unstated,                  ///< not given: iop applies the rules for a private employer's plan and says so
  private_employer,          ///< ERISA (29 U.S.C. 1185a), the Code (26 U.S.C. 9812) and the PHS Act for insurers
  church,                    ///< outside ERISA (29 U.S.C. 1003(b)(2)); the Code reaches it (26 U.S.C. 9812)
  non_federal_governmental,  ///< outside ERISA and the Code; the PHS Act reaches it (42 U.S.C. 300gg-26)
  federal_governmental,      ///< outside all three (FEHB has its own parity rules, not modelled)
};
/// @brief The identifier, e.g. `non_federal_governmental`.
[[nodiscard]] std::string_view to_string(Sponsor s) noexcept;

/// @brief Funding, market, grandfathered status and sponsor.
struct PlanStatus {
  Funding funding = Funding::unstated;         ///< insured or self-insured
  Market market = Market::unstated;            ///< for an insured plan
  std::optional<bool> grandfathered;           ///< grandfathered under the ACA (45 CFR 147.140)
  Sponsor sponsor = Sponsor::unstated;         ///< private employer, church, government
  /// Same status.
  friend bool operator==(const PlanStatus&, const PlanStatus&) = default;
};

/// @brief A member of the employer's controlled group or affiliated service group.
struct RelatedEmployer {
  std::string name;      ///< the related employer
  int employees = 0;     ///< its employees, counted on the same basis as the employer's own
  /// Same employer.
  friend bool operator==(const RelatedEmployer&, const RelatedEmployer&) = default;
};

/// @brief The employer's size for the small-employer exemption (29 U.S.C. 1185a(c)(1)).
///
/// Exactly one basis is given: the average employees on business days in the
/// preceding calendar year, or, for an employer not in existence throughout that
/// year, the average it is reasonably expected to employ in the current year
/// (1185a(c)(1)(C)(ii)). Persons treated as one employer under 26 U.S.C. 414(b),
/// (c), (m) or (o) are added (1185a(c)(1)(C)(i)).
struct EmployerSize {
  std::optional<int> average_employees_prior_year;     ///< preceding calendar year, business days
  std::optional<int> expected_employees_current_year;  ///< an employer not in existence throughout that year
  std::vector<RelatedEmployer> controlled_group;       ///< aggregated under 26 U.S.C. 414(b), (c), (m), (o)
  bool state_permits_one_person_small_group = false;   ///< the exemption's floor is then 1 employee, else 2
  /// Same size facts.
  friend bool operator==(const EmployerSize&, const EmployerSize&) = default;
};

/// @brief An actuary's written certification of the cost increase (29 U.S.C. 1185a(c)(2)(C)).
struct ActuaryCertification {
  std::string actuary;                        ///< name of the qualified and licensed actuary
  bool american_academy_of_actuaries_member = false;  ///< member in good standing of the American Academy of Actuaries
  Date certified_on;                          ///< date of the written report
  /// Same certification.
  friend bool operator==(const ActuaryCertification&, const ActuaryCertification&) = default;
};

/// @brief The recorded facts of an increased-cost exemption (29 U.S.C. 1185a(c)(2)).
///
/// The increase is measured in one plan year (`measured_plan_year_start`); the
/// exemption, if every condition holds, covers only the following plan year.
struct CostExemption {
  Date measured_plan_year_start;             ///< the plan year whose costs rose
  int compliance_year = 1;                   ///< 1 for the first plan year the parity rules applied (2 %), later 1 %
  Rate cost_increase;                        ///< increase of actual total costs of coverage, as certified
  std::optional<Date> determined_on;         ///< when the increase was determined (after the first 6 months)
  std::optional<ActuaryCertification> certification;  ///< the actuary's written report
  std::optional<Date> notice_to_secretary;   ///< notification of the election to the Secretary
  std::optional<Date> notice_to_state;       ///< to the appropriate state agencies
  std::optional<Date> notice_to_participants;  ///< to participants and beneficiaries
  /// Same facts.
  friend bool operator==(const CostExemption&, const CostExemption&) = default;
};

}  // namespace iop::parity
