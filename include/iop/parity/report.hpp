#pragma once
/// @file
/// @brief `parity::analyse`: the MHPAEA tests on a benefit design, with their derivation and sources.
///
/// For each classification and type the analysis runs the two quantitative
/// tests of 29 CFR 2590.712(c)(3)(i):
///
/// - **substantially all**: the type applies to at least two thirds of the
///   projected medical/surgical plan payments in the classification (a benefit
///   with a zero level is not subject to it). A type below two thirds cannot be
///   applied to mental health or substance use benefits in that classification
///   at all;
/// - **predominant**: the level that applies to more than half of the payments
///   subject to the type. When no level does, levels are combined from the most
///   restrictive down until the combination passes half, and the least
///   restrictive level in it is the predominant one. A higher deductible, copay,
///   coinsurance or out-of-pocket maximum is more restrictive; a lower visit or
///   day limit is more restrictive.
///
/// Each MH/SUD level is then checked against the predominant level. Shares are
/// exact fractions of cents; the result keeps every share, the ordered levels,
/// each combination step, the thresholds and the paragraph that decided it.
///
/// Before the tests, the analysis decides from the plan's facts whether the
/// tests apply at all (no MH/SUD benefits, sponsor, fewer than two participants
/// who are current employees, the small-employer exemption over the controlled
/// group, the increased-cost exemption for the plan year that follows a
/// qualifying increase). It tests each coverage unit separately (29 CFR
/// 2590.712(c)(3)(ii)) and each type with its period (an annual and a lifetime
/// visit limit are different types), then the aggregate lifetime and annual
/// dollar limits over all M/S benefits (29 U.S.C. 1185a(a)(1)-(2)).
///
/// It also reports cumulative requirements that accumulate separately (a
/// finding under 29 CFR 2590.712(c)(3)(v)), the completeness of each NQTL
/// comparative analysis, IOP limitations stricter than their medical/surgical
/// comparators, in-operation data compared against the plan's stated
/// thresholds (29 U.S.C. 1185a(a)(8)), the provisions in force for the plan
/// year (including the 2024 rule's applicability dates and the May 15, 2025
/// non-enforcement of its new provisions), and any state overlay (California's
/// SB 855 and AB 744 ship with iop in `data/state-overlays.json`, reaching
/// insured products only; other states are added as data). Every finding is a
/// sentence that can be quoted, with the rule it comes from.
///
/// A report names the **rule set** it applies (`RuleSet`, from
/// `data/parity-rule-sets.json`): by default the rules the Departments enforce
/// (the statute, the 2013 final rules and the CAA 2021 comparative-analysis
/// duty, as of their non-enforcement statement of May 15, 2025); the caller may
/// choose the 2024 final rule in full, whose findings that rest only on its new
/// provisions (meaningful benefits in every classification with M/S benefits)
/// are marked `new_in_2024_rule`. A design that lists no MH/SUD benefit in a
/// classification is said so first: nothing was tested there.
///
/// Citations follow the domain facts: the regulation paragraphs' substance is
/// well established; where their verbatim text was not retrieved the source
/// string says so.
///
/// @code
/// auto report = iop::parity::analyse(iop::parity::benefit_design_from_json(doc));
/// for (const auto& f : report.findings) std::cout << f.message << " (" << f.rule << ")\n";
/// @endcode

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/parity/benefit_design.hpp"

namespace iop::parity {

/// @brief The MHPAEA rule set a report applies (data/parity-rule-sets.json).
enum class RuleSet {
  mhpaea_2013,  ///< the statute, the 2013 final rules and the CAA 2021 duty: what the Departments enforce (the default)
  mhpaea_2024,  ///< the same with the 2024 final rule in full, by its applicability dates (not enforced since May 15, 2025)
};
/// @brief `mhpaea_2013` or `mhpaea_2024`.
[[nodiscard]] std::string_view to_string(RuleSet rule_set) noexcept;
/// @brief Parses a rule set.
/// @throws NotFoundError naming @p field.
[[nodiscard]] RuleSet parse_rule_set(std::string_view text, std::string_view field = "rule_set");

/// @brief The rule set of a report: which, its name, the date it speaks as of, and its source.
struct RuleSetInfo {
  RuleSet id = RuleSet::mhpaea_2013;  ///< which
  std::string name;                   ///< e.g. `MHPAEA, its 2013 final rules and the CAA 2021 ...`
  Date as_of;                         ///< the date the rule set speaks as of (the non-enforcement statement)
  std::string source;                 ///< its evidence
};

/// @brief Payments at one level, in the order the test considered them.
struct LevelShare {
  std::int64_t level;   ///< the level
  Money payments;       ///< payments at it
  Rate share;           ///< share of the payments subject to the type
};

/// @brief One step of the combining rule.
struct CombinationStep {
  std::int64_t level;       ///< the level added
  Money cumulative;         ///< payments of the combination so far
  Rate cumulative_share;    ///< their share of the subject payments
};

/// @brief One MH/SUD level checked against the test.
struct MhSudCheck {
  std::string benefit;                      ///< the benefit
  std::int64_t level;                       ///< its level
  std::optional<std::int64_t> permitted;    ///< the most restrictive level permitted (none: the type is not permitted)
  bool pass;                                ///< within what is permitted
  std::string reason;                       ///< why, with the figures
};

/// @brief The tests of one type in one classification of one coverage unit.
struct TypeTest {
  std::string coverage_unit;             ///< the coverage unit
  ClassificationKey key;                 ///< the classification
  LimitType type;                        ///< the type
  LimitPeriod period = LimitPeriod::none;  ///< its period, for a visit or day limit
  Money total_payments;                  ///< all M/S payments in the classification
  Money subject_payments;                ///< payments subject to the type (non-zero levels)
  Rate subject_share;                    ///< subject / total
  bool substantially_all;                ///< subject share at least 2/3
  std::vector<LevelShare> levels;        ///< levels, most restrictive first
  std::optional<std::int64_t> predominant;  ///< the predominant level
  bool combined = false;                 ///< decided by the combining rule
  std::vector<CombinationStep> combination;  ///< the combining steps
  std::string rule;                      ///< the paragraph that decided it
  std::vector<MhSudCheck> checks;        ///< MH/SUD levels checked
};

/// @brief The test of one kind of aggregate dollar limit (29 CFR 2590.712(b)).
struct DollarLimitTest {
  DollarLimitKind kind = DollarLimitKind::annual;  ///< lifetime or annual
  Money total_payments;                  ///< all M/S payments expected for the plan year
  Money limited_payments;                ///< payments in categories with a limit
  Rate limited_share;                    ///< limited / total
  std::string test;                      ///< `below_one_third`, `single_limit` or `weighted_average`
  std::optional<Money> medical_surgical_limit;  ///< the single limit, or the weighted average (rounded to the cent)
  bool average_exact = true;             ///< false when the weighted average was rounded for display
  MhSudDollarLimit mental_health;        ///< the MH/SUD limit tested
  bool pass = true;                      ///< within what is permitted
  std::string reason;                    ///< why, with the figures
  std::string rule;                      ///< the paragraph that decided it
};

/// @brief A conclusion of the report, with its rule.
struct Finding {
  std::string severity;  ///< `violation`, `finding` or `info`
  std::string topic;     ///< e.g. `copay / outpatient_in_network`, `NQTL: Prior authorization for IOP`
  std::string message;   ///< what and why
  std::string rule;      ///< the rule it comes from
  bool new_in_2024_rule = false;  ///< rests only on the 2024 final rule's new provisions (not enforced since May 15, 2025)
};

/// @brief A provision and whether it applies and is enforced for the plan year.
struct Provision {
  std::string name;      ///< the provision
  Date applies_from;     ///< first plan-year start it applies to
  bool applies;          ///< applies to this plan year
  bool enforced;         ///< enforced (the 2024 rule's new provisions are not, since May 15, 2025)
  std::string source;    ///< its source
  bool in_rule_set = true;  ///< part of the rule set the report applies
};

/// @brief The full analysis.
struct ParityReport {
  std::string plan;                   ///< plan name
  std::string coverage_unit;          ///< coverage unit(s), comma-separated
  std::vector<std::string> coverage_units;  ///< the coverage units tested, each separately
  Date plan_year_start;               ///< plan year
  bool subject_to_parity = true;      ///< false when an exemption or scope rule takes the plan out
  std::vector<TypeTest> tests;        ///< every quantitative test
  std::vector<DollarLimitTest> dollar_limit_tests;  ///< aggregate lifetime and annual dollar limits
  std::vector<Finding> findings;      ///< every conclusion
  std::vector<Provision> provisions;  ///< the provisions for the plan year, each marked in or out of the rule set
  RuleSetInfo rule_set;               ///< the rule set applied
  std::vector<std::string> untested;  ///< classifications where the design lists no MH/SUD benefit (nothing tested there)
  [[nodiscard]] bool passes() const noexcept;  ///< no violation found (see `untested`: a test of nothing finds nothing)
};

/// @brief Runs every test on @p design.
/// @throws ValidationError for an inconsistent or unlawful design (payments above the classification's total,
///         an unlawful sub-classification, ...; see `check_design`).
[[nodiscard]] ParityReport analyse(const BenefitDesign& design, RuleSet rule_set = RuleSet::mhpaea_2013);

/// @brief The provisions for a plan year beginning on @p plan_year_start, each marked in or out of @p rule_set.
[[nodiscard]] std::vector<Provision> rule_set_for(Date plan_year_start, RuleSet rule_set = RuleSet::mhpaea_2013);
/// @brief The name, date and source of @p rule_set.
[[nodiscard]] RuleSetInfo rule_set_info(RuleSet rule_set);

/// @brief The JSON of a rule set (as in a report's `provisions`).
[[nodiscard]] nlohmann::json to_json(const std::vector<Provision>& provisions);
/// @brief The JSON of a report.
[[nodiscard]] nlohmann::json to_json(const ParityReport& report);
/// @brief Reads a report back (round-trips with `to_json`).
[[nodiscard]] ParityReport report_from_json(const nlohmann::json& document, std::string path = "report");
/// @brief A readable text report.
[[nodiscard]] std::string to_text(const ParityReport& report);

}  // namespace iop::parity
