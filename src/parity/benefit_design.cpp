// A benefit design's names and its checks: what the regulation requires of its classifications, tiers, levels,
// dollar limits, criteria and NQTL records (29 CFR 2590.712), each error citing its paragraph.

#include "iop/parity/benefit_design.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "data.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "core/checked.hpp"
#include "core/enum_names.hpp"
#include "benefit_design_names.hpp"

namespace iop::parity {
namespace {

using namespace design_names;  // NOLINT(google-build-using-namespace): the design's own names

// --- checking --------------------------------------------------------------

// What a declared tier list must say, network tiers ((c)(3)(iii)(B)) or formulary tiers ((c)(3)(iii)(A)).
struct TierWords {
  const char* member;          // network_tiers, formulary_tiers
  const char* referred_by;     // what refers to a tier's id
  const char* kind;            // network tier, formulary tier
  const char* unlawful;        // what an unlawful tiering makes unlawful
  const char* factors;         // examples of reasonable factors
  const char* without_regard;  // what the tiering must disregard
  const char* rule;            // the paragraph
};

template <class Tier>
void check_declared_tiers(const std::vector<Tier>& tiers, std::string_view path, const TierWords& w) {
  for (std::size_t i = 0; i < tiers.size(); ++i) {
    const auto& t = tiers[i];
    const std::string at = indexed(path, w.member, i);
    if (t.id.empty()) throw ValidationError(at + ".id", "''", "is empty", std::string("an identifier ") + w.referred_by + " refer to");
    for (std::size_t k = 0; k < i; ++k)
      if (tiers[k].id == t.id)
        throw ValidationError(at + ".id", iop::quoted(t.id), "is declared twice", std::string("each ") + w.kind + " once");
    if (t.factors.empty())
      throw ValidationError(at + ".factors", "''", "is empty",
                            std::string("the reasonable factors the tiering rests on, such as ") + w.factors + " (" +
                                w.rule + ")");
    if (!t.without_regard_to_mh_sud)
      throw ValidationError(at + ".without_regard_to_mh_sud", "false",
                            std::string("makes the ") + w.unlawful + " an unlawful sub-classification: tiers must be set "
                                "without regard to whether " + w.without_regard,
                            std::string("true (") + w.rule + ")");
  }
}

void check_tiers(const std::vector<NetworkTier>& tiers, std::string_view path) {
  check_declared_tiers(tiers, path,
                       {"network_tiers", "classifications", "network tier", "tier", "quality, performance and market standards",
                        "a provider gives medical/surgical or mental health or substance use disorder services", kTierRule});
}

void check_formulary_tiers(const std::vector<FormularyTier>& tiers, std::string_view path) {
  check_declared_tiers(tiers, path,
                       {"formulary_tiers", "prescription drug entries", "formulary tier", "formulary tier",
                        "cost, efficacy, generic versus brand name, mail order versus pharmacy pick-up",
                        "a drug is generally prescribed for medical/surgical or for mental health or substance use "
                        "disorder conditions",
                        kFormularyRule});
}

void check_level_period(LimitType type, LimitPeriod period, const std::string& at) {
  if (lower_is_more_restrictive(type) && period == LimitPeriod::none)
    throw ValidationError(at + ".period", "(missing)", "is required for a " + std::string(to_string(type)),
                          "annual, episode or lifetime: each is its own type (29 CFR 2590.712(c)(1)(ii))");
  if (!lower_is_more_restrictive(type) && period != LimitPeriod::none)
    throw ValidationError(at + ".period", std::string(to_string(period)),
                          "is given for a " + std::string(to_string(type)) + ", which has no period",
                          "a period only on visit_limit and day_limit rows");
}

void check_classifications(const std::vector<ClassificationData>& list, const std::vector<NetworkTier>& tiers,
                           const std::vector<FormularyTier>& formulary, std::string_view path) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& key = list[i].key;
    const std::string at = indexed(path, "classifications", i);
    const std::string cls(to_string(key.classification));
    if (key.subclassification != Subclassification::none && !is_outpatient(key.classification))
      throw ValidationError(at + ".subclassification", std::string(to_string(key.subclassification)),
                            "is a sub-classification of " + cls + ", which may not be split",
                            std::string("none: only outpatient benefits may be split into office visits and all other "
                                        "items and services, and no other sub-classifications are permitted (") +
                                kSubclassRule + ")");
    if (!key.tier.empty() && key.classification == Classification::prescription_drugs) {
      if (std::none_of(formulary.begin(), formulary.end(), [&](const FormularyTier& t) { return t.id == key.tier; })) {
        std::string declared;
        for (const auto& t : formulary) declared += (declared.empty() ? "" : ", ") + t.id;
        throw NotFoundError(at + ".formulary_tier", iop::quoted(key.tier), "is not a declared formulary tier",
                            declared.empty() ? std::string("a tier declared in formulary_tiers with its reasonable "
                                                           "factors (") + kFormularyRule + ")"
                                             : declared);
      }
    } else if (!key.tier.empty()) {
      if (!is_in_network(key.classification))
        throw ValidationError(at + ".tier", iop::quoted(key.tier), "is a network tier on " + cls,
                              std::string("no tier: network tiers may split only in-network benefits "
                                          "(inpatient_in_network, outpatient_in_network; ") +
                                  kTierRule + "), and no other sub-classifications are permitted (" + kSubclassRule + ")");
      if (std::none_of(tiers.begin(), tiers.end(), [&](const NetworkTier& t) { return t.id == key.tier; })) {
        std::string declared;
        for (const auto& t : tiers) declared += (declared.empty() ? "" : ", ") + t.id;
        throw NotFoundError(at + ".tier", iop::quoted(key.tier), "is not a declared network tier",
                            declared.empty() ? std::string("a tier declared in network_tiers with its factors (") +
                                                   kTierRule + ")"
                                             : declared);
      }
    }
    for (std::size_t k = 0; k < list[i].medical_surgical.size(); ++k)
      check_level_period(list[i].medical_surgical[k].type, list[i].medical_surgical[k].period,
                         indexed(at, "medical_surgical", k));
    for (std::size_t k = 0; k < list[i].mental_health.size(); ++k)
      check_level_period(list[i].mental_health[k].type, list[i].mental_health[k].period,
                         indexed(at, "mental_health", k));
    for (std::size_t k = 0; k < i; ++k) {
      const auto& other = list[k].key;
      if (other.classification != key.classification) continue;
      const std::string earlier = indexed(path, "classifications", k);
      if (other == key)
        throw ValidationError(at, iop::quoted(key.describe()), "is entered twice (also at " + earlier + ")",
                              std::string("each classification, sub-classification and network tier once: a "
                                          "classification is tested whole (29 CFR 2590.712(c)(2)(ii)(A), ") +
                                  "(c)(3)(iii))");
      if (other.tier.empty() != key.tier.empty()) {
        const bool drugs = key.classification == Classification::prescription_drugs;
        throw ValidationError(at + (drugs ? ".formulary_tier" : ".tier"), iop::quoted(key.tier.empty() ? "(none)" : key.tier),
                              "mixes benefits in " + std::string(drugs ? "formulary" : "network") +
                                  " tiers with benefits in no tier in " + cls + " (see " + earlier + ")",
                              drugs ? std::string("every prescription drug benefit in a declared formulary tier, or no "
                                                  "tiers (") + kFormularyRule + ")"
                                    : std::string("every in-network benefit in a declared tier, or no tiers (") + kTierRule +
                                          ")");
      }
      if (other.tier == key.tier &&
          (other.subclassification == Subclassification::none) != (key.subclassification == Subclassification::none))
        throw ValidationError(at + ".subclassification", std::string(to_string(key.subclassification)),
                              "mixes an unsplit " + cls + " entry with office_visits/all_other entries (see " + earlier +
                                  ")",
                              std::string("either one entry or the two sub-classifications office_visits and all_other; "
                                          "no other sub-classifications are permitted (") +
                                  kSubclassRule + ")");
    }
  }
}

void check_dollar_limits(const std::vector<DollarLimitDesign>& limits, std::string_view path) {
  for (std::size_t i = 0; i < limits.size(); ++i) {
    const auto& d = limits[i];
    const std::string at = indexed(path, "dollar_limits", i);
    for (std::size_t k = 0; k < i; ++k)
      if (limits[k].kind == d.kind)
        throw ValidationError(at + ".kind", std::string(to_string(d.kind)), "is given twice", "one lifetime and one annual");
    if (d.total_payments <= Money())
      throw ValidationError(at + ".total_payments", d.total_payments.to_string(), "is not positive",
                            "all M/S plan payments expected for the plan year, more than $0.00");
    Money limited;
    for (std::size_t k = 0; k < d.medical_surgical.size(); ++k) {
      const auto& c = d.medical_surgical[k];
      const std::string cat = indexed(at, "medical_surgical", k);
      if (c.limit <= Money()) throw ValidationError(cat + ".limit", c.limit.to_string(), "is not positive", "more than $0.00");
      if (c.payments < Money())
        throw ValidationError(cat + ".payments", c.payments.to_string(), "is negative", "$0.00 or more");
      limited += c.payments;
    }
    if (limited > d.total_payments)
      throw ValidationError(at + ".medical_surgical", limited.to_string(), "is more than total_payments",
                            "at most " + d.total_payments.to_string());
    if (d.unlimited_upper_limit && *d.unlimited_upper_limit <= Money())
      throw ValidationError(at + ".unlimited_upper_limit", d.unlimited_upper_limit->to_string(), "is not positive",
                            "more than $0.00");
    const bool separate = d.mental_health.application == MhSudDollarLimit::Application::separate;
    if (separate && (!d.mental_health.limit || *d.mental_health.limit <= Money()))
      throw ValidationError(at + ".mental_health.limit",
                            d.mental_health.limit ? d.mental_health.limit->to_string() : "(missing)",
                            "is required and positive for a separate MH/SUD limit", "more than $0.00");
    if (!separate && d.mental_health.limit)
      throw ValidationError(at + ".mental_health.limit", d.mental_health.limit->to_string(),
                            "is given with application " + std::string(to_string(d.mental_health.application)),
                            "a limit only with application separate");
  }
}

void check_operation(const OperationComparison& c, const std::string& at) {
  const Rate top = measured_in_days(c.measure) ? Rate::fraction(kMaxDays, 1) : Rate::percent(100);
  const std::pair<const Rate*, const char*> values[] = {
      {&c.mental_health, "mental_health"}, {&c.medical_surgical, "medical_surgical"}, {&c.threshold, "threshold"}};
  for (const auto& [value, name] : values) {
    const bool whole = value->denominator() == 1;
    if (*value < Rate() || *value > top || (measured_in_days(c.measure) && !whole))
      throw ValidationError(at + "." + name, value->to_string(), "is outside the measure's unit",
                            measured_in_days(c.measure) ? "whole days, 0..3650" : "a rate, 0%..100%");
  }
}

}  // namespace

std::string_view to_string(Funding f) noexcept { return detail::enum_name(kFunding, f); }
std::string_view to_string(Market m) noexcept { return detail::enum_name(kMarkets, m); }
std::string_view to_string(Sponsor s) noexcept { return detail::enum_name(kSponsors, s); }
std::string_view to_string(DollarLimitKind k) noexcept { return detail::enum_name(kDollarKinds, k); }
std::string_view to_string(MhSudDollarLimit::Application a) noexcept { return detail::enum_name(kApplications, a); }
std::string_view to_string(NqtlKind k) noexcept { return detail::enum_name(kNqtlKinds, k); }
NqtlKind parse_nqtl_kind(std::string_view text, std::string_view field) {
  return detail::parse_enum(kNqtlKinds, text, field, "an NQTL kind");
}
std::string_view to_string(OperationMeasure m) noexcept { return detail::enum_name(kMeasures, m); }
OperationMeasure parse_operation_measure(std::string_view text, std::string_view field) {
  return detail::parse_enum(kMeasures, text, field, "an in-operation measure");
}

std::vector<CoverageUnitDesign> BenefitDesign::units() const {
  if (!coverage_units.empty()) return coverage_units;
  return {{coverage_unit, classifications}};
}

void check_design(const BenefitDesign& d, std::string_view path) {
  check_tiers(d.network_tiers, path);
  check_formulary_tiers(d.formulary_tiers, path);
  if (!d.coverage_units.empty()) {
    if (!d.classifications.empty())
      throw ValidationError(std::string(path) + ".classifications", std::to_string(d.classifications.size()) + " entries",
                            "are given beside coverage_units",
                            "either classifications (one coverage unit) or coverage_units (several)");
    for (std::size_t u = 0; u < d.coverage_units.size(); ++u) {
      const auto& unit = d.coverage_units[u];
      const std::string at = indexed(path, "coverage_units", u);
      if (unit.coverage_unit.empty())
        throw ValidationError(at + ".coverage_unit", "''", "is empty", "a name such as self-only or family");
      for (std::size_t k = 0; k < u; ++k)
        if (d.coverage_units[k].coverage_unit == unit.coverage_unit)
          throw ValidationError(at + ".coverage_unit", iop::quoted(unit.coverage_unit), "is given twice",
                                "each coverage unit once (29 CFR 2590.712(c)(3)(ii))");
      check_classifications(unit.classifications, d.network_tiers, d.formulary_tiers, at);
    }
  } else {
    check_classifications(d.classifications, d.network_tiers, d.formulary_tiers, path);
  }
  if (d.employer) {
    const auto& e = *d.employer;
    if (e.average_employees_prior_year.has_value() == e.expected_employees_current_year.has_value())
      throw ValidationError(std::string(path) + ".employer",
                            e.average_employees_prior_year ? "both bases" : "no basis",
                            "must give exactly one basis for the employer's size",
                            "average_employees_prior_year, or expected_employees_current_year for an employer not in "
                            "existence throughout the preceding calendar year (29 U.S.C. 1185a(c)(1)(B), (C)(ii))");
  }
  if (d.cost_exemption && d.cost_exemption->cost_increase < Rate())
    throw ValidationError(std::string(path) + ".cost_exemption.cost_increase", d.cost_exemption->cost_increase.to_string(),
                          "is negative", "0% or more");
  check_dollar_limits(d.dollar_limits, path);
  for (std::size_t i = 0; i < d.medical_necessity_criteria.size(); ++i) {
    const auto& c = d.medical_necessity_criteria[i];
    const std::string at = indexed(path, "medical_necessity_criteria", i);
    const auto* known = data::find_criteria(c.id);
    if (c.name.empty() && !known)
      throw NotFoundError(at, iop::quoted(c.id), "is not an identifier of iop's criteria list", data::criteria_ids());
    if (!c.name.empty() && known)
      throw ValidationError(at + ".id", iop::quoted(c.id), "is an identifier of iop's criteria list (" + known->name + ")",
                            "the identifier alone, or another identifier for criteria not in the list");
    if (!c.name.empty() && c.developer.empty())
      throw ValidationError(at + ".developer", "''", "is empty", "who developed the criteria");
  }
  for (std::size_t i = 0; i < d.telehealth.size(); ++i) {
    const auto& t = d.telehealth[i];
    if (t.type != LimitType::deductible && t.type != LimitType::copay && t.type != LimitType::coinsurance)
      throw ValidationError(indexed(path, "telehealth", i) + ".type", std::string(to_string(t.type)),
                            "is not a cost-sharing type compared for telehealth", "deductible, copay, coinsurance");
  }
  for (std::size_t i = 0; i < d.nqtls.size(); ++i) {
    const auto& r = d.nqtls[i];
    const std::string at = indexed(path, "nqtls", i);
    if (!r.classification.empty()) (void)parse_classification(r.classification, at + ".classification");
    for (std::size_t k = 0; k < r.in_operation.size(); ++k) check_operation(r.in_operation[k], indexed(at, "in_operation", k));
  }
}


}  // namespace iop::parity
