// The coverage's model: its checks (cost sharing, accumulators, public payers' terms, authorisations), its plan
// years and networks, and the adjudication of a course's charges (the engine is billing/adjudicator.hpp). Its JSON
// is in coverage_json.cpp.
#include "iop/billing/coverage.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "billing/coverage_parts.hpp"
#include "billing/figures.hpp"
#include "iop/core/error.hpp"
#include "iop/core/limits.hpp"
#include "billing/adjudicator.hpp"

namespace iop {
namespace coverage_detail {


std::string join_path(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

void require_amount(Money m, const std::string& field) {
  if (m < Money()) throw ValidationError(field, m.to_string(), "is negative", "$0.00 or more");
  const auto most = Money::from_cents(limits::max_amount_cents);
  if (m > most) throw ValidationError(field, m.to_string(), "is above the largest amount iop takes", "$0.00.." + most.to_string());
}

void validate_authorizations(const std::vector<Authorization>& authorizations, const std::string& path) {
  for (std::size_t i = 0; i < authorizations.size(); ++i) {
    const auto& a = authorizations[i];
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (a.reference.empty()) throw ValidationError(at + ".reference", "''", "is empty", "the payer's authorisation number");
    if (a.first_day.is_special() || a.last_day.is_special())
      throw ValidationError(at, a.reference, "has no first or last day", "calendar dates for the authorised period");
    if (a.last_day < a.first_day)
      throw ValidationError(at + ".last_day", to_iso_string(a.last_day), "is before the first authorised day",
                            "on or after " + to_iso_string(a.first_day));
    if (a.units < 0) throw ValidationError(at + ".units", std::to_string(a.units), "is negative", "0 or more");
    for (std::size_t j = 0; j < i; ++j)
      if (authorizations[j].reference == a.reference)
        throw ValidationError(at + ".reference", iop::quoted(a.reference), "repeats an earlier authorisation",
                              "a reference per authorisation");
    if (!a.extends.empty()) {
      const auto earlier = std::find_if(authorizations.begin(), authorizations.begin() + static_cast<std::ptrdiff_t>(i),
                                        [&](const Authorization& b) { return b.reference == a.extends; });
      if (earlier == authorizations.begin() + static_cast<std::ptrdiff_t>(i))
        throw ValidationError(at + ".extends", iop::quoted(a.extends), "is not an earlier authorisation's reference",
                              "the reference of the authorisation this one extends, listed before it");
    }
  }
}

}  // namespace coverage_detail

using namespace coverage_detail;


std::string_view to_string(NetworkStatus status) noexcept { return detail::enum_name(kNetworks, status); }
std::string_view to_string(CostSharingCombination c) noexcept { return detail::enum_name(kCombinations, c); }
std::string_view to_string(FamilyAccumulation a) noexcept { return detail::enum_name(kFamily, a); }
std::string_view to_string(AllowedBasis b) noexcept { return detail::enum_name(kAllowedBases, b); }
std::string_view to_string(TierAccumulation a) noexcept { return detail::enum_name(kTierAccumulation, a); }
std::string_view to_string(OutsideAuthorization o) noexcept { return detail::enum_name(kOutside, o); }
std::string_view to_string(Coordination c) noexcept { return detail::enum_name(kCoordination, c); }
std::string_view to_string(NotCovered r) noexcept { return detail::enum_name(kNotCovered, r); }

std::optional<std::pair<Money, Money>> aca_oop_limit(int year) noexcept {
  // 45 CFR 156.130(a), from data/aca-oop-limits.json with each year's evidence.
  for (const auto& l : detail::aca_limits())
    if (l.year == year) return std::pair{l.self_only, l.other_than_self_only};
  return std::nullopt;
}

void CostSharing::validate(const std::string& path) const {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  require_amount(deductible_individual, field("deductible.individual"));
  require_amount(copay, field("copay"));
  if (deductible_family) {
    require_amount(*deductible_family, field("deductible.family"));
    if (deductible_accumulation == FamilyAccumulation::embedded && *deductible_family < deductible_individual)
      throw ValidationError(field("deductible.family"), deductible_family->to_string(), "is below the individual deductible",
                            deductible_individual.to_string() + " or more");
  }
  if (deductible_accumulation == FamilyAccumulation::aggregate) {
    if (!deductible_family)
      throw ValidationError(field("deductible.family"), "", "is missing", "the family deductible of an aggregate deductible");
    if (!deductible_individual.is_zero())
      throw ValidationError(field("deductible.individual"), deductible_individual.to_string(),
                            "is given with an aggregate (non-embedded) family deductible",
                            "no individual deductible: the family's claims together meet the family amount");
  }
  if (no_maximum && has_maximum())
    throw ValidationError(field("out_of_pocket_max"), "none", "is stated with an amount",
                          "\"none\", or the maximum {individual, family}");
  if (oop_individual) require_amount(*oop_individual, field("out_of_pocket_max.individual"));
  if (oop_family) {
    require_amount(*oop_family, field("out_of_pocket_max.family"));
    if (oop_accumulation == FamilyAccumulation::embedded && oop_individual && *oop_family < *oop_individual)
      throw ValidationError(field("out_of_pocket_max.family"), oop_family->to_string(),
                            "is below the individual out-of-pocket maximum", oop_individual->to_string() + " or more");
  }
  if (oop_accumulation == FamilyAccumulation::aggregate) {
    if (!oop_family)
      throw ValidationError(field("out_of_pocket_max.family"), "", "is missing", "the family maximum of an aggregate maximum");
    if (oop_individual)
      throw ValidationError(field("out_of_pocket_max.individual"), oop_individual->to_string(),
                            "is given with an aggregate (non-embedded) family maximum",
                            "no individual maximum: the family's cost sharing together meets the family amount");
  }
  if (oop_accumulation == FamilyAccumulation::embedded && oop_family && !oop_individual)
    throw ValidationError(field("out_of_pocket_max.individual"), "", "is missing",
                          "the individual maximum of an embedded family maximum (or family_type aggregate)");
  if (coinsurance > Rate::percent(100))
    throw ValidationError(field("coinsurance"), coinsurance.to_string(), "is more than the whole amount", "0%..100%");
  const bool both = !copay.is_zero() && !coinsurance.is_zero();
  if (both && combination == CostSharingCombination::single)
    throw ValidationError(field("combination"), "", "is missing",
                          "how the copay " + copay.to_string() + " and the coinsurance " + coinsurance.to_string() +
                              " combine: copay_then_coinsurance, greater_of or lesser_of (neither is dropped)");
  if (!both && combination != CostSharingCombination::single)
    throw ValidationError(field("combination"), std::string(to_string(combination)), "combines a copay and a coinsurance",
                          "both a copay and a coinsurance, or no combination");
  if (copay_before_deductible && (combination == CostSharingCombination::greater_of ||
                                  combination == CostSharingCombination::lesser_of))
    throw ValidationError(field("combination"), std::string(to_string(combination)),
                          "cannot compare a copay charged before the deductible with the coinsurance after it",
                          "copay_then_coinsurance with copay_before_deductible, or copay_before_deductible false");
  const Money deductible_total = deductible_accumulation == FamilyAccumulation::aggregate
                                     ? deductible_family.value_or(Money())
                                     : deductible_individual;
  const auto max_total = oop_accumulation == FamilyAccumulation::aggregate ? oop_family : oop_individual;
  if (max_total && *max_total < deductible_total)
    throw ValidationError(oop_accumulation == FamilyAccumulation::aggregate ? field("out_of_pocket_max.family")
                                                                             : field("out_of_pocket_max.individual"),
                          max_total->to_string(), "is below the deductible",
                          deductible_total.to_string() + " or more (the deductible counts toward it)");
}

namespace {

// Medicaid's terms: no out-of-network status, no deductible or maximum, coinsurance within 42 CFR 447.52(b).
void validate_medicaid(const Coverage& c, const std::string& path) {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  if (c.network == NetworkStatus::out_of_network || !c.out_of_network_codes.empty())
    throw ValidationError(field("network"), "out_of_network", "is not a Medicaid network status",
                          "in_network: Medicaid pays enrolled providers, who accept its payment in full (42 CFR 447.15)");
  if (!c.in_network.deductible_individual.is_zero() || c.in_network.deductible_family)
    throw ValidationError(field("deductible"), c.in_network.deductible_individual.to_string(), "is not modelled for Medicaid",
                          "copays or coinsurance within 42 CFR 447.52(b)");
  if (c.in_network.has_maximum())
    throw ValidationError(field("out_of_pocket_max"), "", "is given for Medicaid",
                          "no maximum: Medicaid's limit is " + medicaid_aggregate_limit_share().to_string() +
                              " of family income a month or quarter (42 CFR 447.56(f)); "
                          "give medicaid.aggregate_limit");
  // The state's copay is the plan's; an exempt enrollee is priced $0.00 line by line (adjudicate says why).
  if (!c.medicaid->exemption.empty()) {
    if (!c.medicaid->exempt)
      throw ValidationError(field("medicaid.exempt"), "false", "contradicts the exemption " + iop::quoted(c.medicaid->exemption),
                            "true, or no exemption");
    (void)medicaid_exemption_citation(c.medicaid->exemption, field("medicaid.exemption"));
  }
  if (const auto most = c.medicaid->max_coinsurance()) {
    if (c.in_network.coinsurance > *most)
      throw ValidationError(field("coinsurance"), c.in_network.coinsurance.to_string(), "is above Medicaid's maximum",
                            "at most " + most->to_string() + " of the cost the agency pays for " +
                                std::string(to_string(c.medicaid->income)) + " (42 CFR 447.52(b))");
  } else if (!c.in_network.coinsurance.is_zero()) {
    throw ValidationError(field("coinsurance"), c.in_network.coinsurance.to_string(),
                          "is not Medicaid's cost sharing at or below 100% of the poverty line",
                          "a copay (the 447.52(b) outpatient maximum is a fixed " +
                              medicaid_outpatient_base_amount().to_string() + ", indexed)");
  }
}

// The out-of-network tier: its cost sharing and maximum, and an allowed amount for its basis.
void validate_out_of_network(const Coverage& c, const std::string& path) {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  c.out_of_network->cost_sharing.validate(field("out_of_network"));
  if (!c.out_of_network->cost_sharing.has_maximum() && !c.out_of_network->cost_sharing.no_maximum)
    throw ValidationError(field("out_of_network.out_of_pocket_max"), "", "is missing",
                          "the out-of-network maximum {individual, family}, or \"none\" when out-of-network cost "
                          "sharing has no maximum");
  for (const auto& [code, amount] : c.out_of_network->allowed_amounts)
    require_amount(amount, field("out_of_network.allowed.amounts." + code));
  for (const auto& [code, amount] : c.out_of_network->medicare_rates)
    require_amount(amount, field("out_of_network.allowed.medicare_rates." + code));
  if (c.out_of_network->allowed_basis == AllowedBasis::fee_schedule && c.out_of_network->allowed_amounts.empty())
    throw ValidationError(field("out_of_network.allowed.amounts"), "{}", "has no amounts", "an amount per code billed");
  if (c.out_of_network->allowed_basis != AllowedBasis::fee_schedule && c.out_of_network->allowed_percent.is_zero())
    throw ValidationError(field("out_of_network.allowed.percent"), "0%", "allows nothing", "a share above 0%");
  if (c.out_of_network->allowed_basis == AllowedBasis::percent_of_charge &&
      c.out_of_network->allowed_percent > Rate::percent(100))
    throw ValidationError(field("out_of_network.allowed.percent"), c.out_of_network->allowed_percent.to_string(),
                          "is more than the charge", "0%..100%");
}

// The accumulators: dated, amounts in range, within the out-of-pocket maximum.
void validate_accumulators(const Coverage& c, const std::string& path) {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  if (c.accumulators->as_of.is_special())
    throw ValidationError(field("accumulators.as_of"), "not-a-date", "is missing", "the date the amounts were read");
  for (const auto& [amount, name] :
       {std::pair{c.accumulators->deductible_individual, "deductible_individual"}, {c.accumulators->deductible_family, "deductible_family"},
        {c.accumulators->oop_individual, "oop_individual"}, {c.accumulators->oop_family, "oop_family"},
        {c.accumulators->oon_deductible_individual, "out_of_network.deductible_individual"},
        {c.accumulators->oon_deductible_family, "out_of_network.deductible_family"},
        {c.accumulators->oon_oop_individual, "out_of_network.oop_individual"},
        {c.accumulators->oon_oop_family, "out_of_network.oop_family"}})
    require_amount(amount, field(std::string("accumulators.") + name));
  if (c.in_network.oop_individual && c.accumulators->oop_individual > *c.in_network.oop_individual)
    throw ValidationError(field("accumulators.oop_individual"), c.accumulators->oop_individual.to_string(),
                          "is above the out-of-pocket maximum", "$0.00.." + c.in_network.oop_individual->to_string());
}

// The secondary payer: a Medigap plan behind Original Medicare, or a plan of its own that pays claims.
void validate_secondary(const Coverage& c, const std::string& path) {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  const std::string at = field("secondary");
  if (c.secondary->coordination == Coordination::medigap) {
    if (c.medicare != MedicarePlan::original)
      throw ValidationError(at + ".coordination", "medigap", "supplements Original Medicare only",
                            "standard or non_duplication, or Original Medicare as the primary");
    if (c.secondary->coverage)
      throw ValidationError(at + ".coverage", "", "is given for a Medigap plan",
                            "no coverage: a Medigap plan pays Part B coinsurance (and the deductible for plans C and F)");
    if (c.secondary->medigap_coinsurance_share.is_zero() || c.secondary->medigap_coinsurance_share > Rate::percent(100))
      throw ValidationError(at + ".coinsurance_share", c.secondary->medigap_coinsurance_share.to_string(),
                            "is not a share of the coinsurance", "above 0% and at most 100% (plans K 50%, L 75%)");
  } else {
    if (!c.secondary->coverage)
      throw ValidationError(at + ".coverage", "", "is missing", "the secondary plan's own benefits");
    if (c.secondary->coverage->secondary)
      throw ValidationError(at + ".coverage.secondary", "", "is a third payer", "a primary and one secondary payer");
    if (!c.secondary->coverage->files_claims())
      throw ValidationError(at + ".coverage.payer", std::string(to_string(c.secondary->coverage->payer)),
                            "does not pay claims", "a secondary plan that pays claims");
    c.secondary->coverage->validate(at + ".coverage");
  }
}

}  // namespace

void Coverage::validate(const std::string& path) const {
  const auto field = [&](std::string_view member) { return join_path(path, member); };
  if (payer == PayerType::medicare && !medicare)
    throw ValidationError(field("medicare"), "", "is missing", "original or advantage (which Medicare pays)");
  if (payer != PayerType::medicare && medicare)
    throw ValidationError(field("medicare"), std::string(to_string(*medicare)), "is given for a payer other than Medicare",
                          "medicare only with payer medicare");
  if (payer == PayerType::medicaid && !medicaid)
    throw ValidationError(field("medicaid"), "", "is missing", "the enrollee's Medicaid terms (income band, exemption)");
  if (payer != PayerType::medicaid && medicaid)
    throw ValidationError(field("medicaid"), "", "is given for a payer other than Medicaid", "medicaid only with payer medicaid");
  in_network.validate(path);
  for (const auto& [code, amount] : allowed_amounts) require_amount(amount, field("allowed_amounts." + code));
  if (allowed_share > Rate::percent(100))
    throw ValidationError(field("allowed_share"), allowed_share.to_string(), "is more than the charge", "0%..100%");
  const bool original_medicare = medicare == MedicarePlan::original;
  if (files_claims() && !in_network.has_maximum() && !in_network.no_maximum && !original_medicare &&
      payer != PayerType::medicaid)
    throw ValidationError(field("out_of_pocket_max"), "", "is missing",
                          "the plan's out-of-pocket maximum {individual, family}, or \"none\" for a plan without one");
  if (medicare == MedicarePlan::advantage && !in_network.has_maximum())
    throw ValidationError(field("out_of_pocket_max"), "none", "is not allowed for Medicare Advantage",
                          "the plan's in-network maximum out-of-pocket amount (MOOP), which every Medicare Advantage plan has");
  if (original_medicare) {
    if (plan_year_start.month() != 1 || plan_year_start.day() != 1)
      throw ValidationError(field("plan_year_start"), to_iso_string(plan_year_start),
                            "is not January 1 (Original Medicare's deductible is a calendar-year deductible)",
                            "a January 1 date, or none");
    if (network == NetworkStatus::out_of_network || !out_of_network_codes.empty())
      throw ValidationError(field("network"), "out_of_network", "is not a network of Original Medicare",
                            "in_network: a provider that accepts Medicare assignment (Original Medicare has no network)");
  }
  if (medicare == MedicarePlan::advantage && (network == NetworkStatus::out_of_network || !out_of_network_codes.empty()))
    throw ValidationError(field("network"), "out_of_network", "is not modelled for Medicare Advantage",
                          "in_network (out-of-network payment under Medicare Advantage follows 42 CFR 422.214, which "
                          "iop does not model; estimate as self-pay instead)");
  if (medicaid) validate_medicaid(*this, path);
  if (out_of_network) validate_out_of_network(*this, path);
  if (!out_of_network_codes.empty() && network == NetworkStatus::in_network && !facility)
    throw ValidationError(field("facility"), "", "is missing",
                          "the program's facility kind (hospital, hospital_outpatient_department, critical_access_hospital, "
                          "ambulatory_surgical_center or clinic): it decides the balance-billing protections of "
                          "out_of_network_codes");
  if (!state.empty() && !is_us_state_code(state))
    throw ValidationError(field("state"), iop::quoted(state), "is not a US state code", "a USPS code such as CA");
  if (visit_limit && *visit_limit < 0)
    throw ValidationError(field("visit_limit"), std::to_string(*visit_limit), "is negative", "0 or more");
  validate_authorizations(authorizations, field("authorizations"));
  if (!authorizations.empty() && !outside_authorization)
    throw ValidationError(field("outside_authorization"), "", "is missing",
                          "patient_pays or provider_absorbs: whether the contract lets the provider bill the patient "
                          "for days no authorisation covers");
  if (accumulators) validate_accumulators(*this, path);
  if (secondary) validate_secondary(*this, path);
}

Date Coverage::plan_year_of(Date date) const {
  const auto month = plan_year_start.month();
  const auto day = plan_year_start.day();
  auto start_in = [&](int year) {
    // A plan year starting on February 29 starts on March 1 in other years.
    if (month == 2 && day == 29 && !boost::gregorian::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year)))
      return Date(static_cast<unsigned short>(year), 3, 1);
    return Date(static_cast<unsigned short>(year), month, day);
  };
  const Date this_year = start_in(date.year());
  return date >= this_year ? this_year : start_in(date.year() - 1);
}

CostSharing Coverage::in_network_for(Date plan_year) const {
  if (medicare != MedicarePlan::original) return in_network;
  const int year = plan_year.year();
  const auto deductible = medicare_part_b_deductible(year);
  if (!deductible)
    throw NotFoundError("coverage.medicare", "original (" + std::to_string(year) + ")",
                        "has no confirmed Part B deductible in iop for " + std::to_string(year),
                        "calendar years 2024..2026 (CMS fact sheets), or payer commercial with the plan's own figures");
  CostSharing part_b;
  part_b.deductible_individual = *deductible;
  part_b.coinsurance = medicare_part_b_coinsurance();
  part_b.no_maximum = true;
  return part_b;  // no out-of-pocket maximum
}

NetworkStatus Coverage::network_of(std::string_view code) const noexcept {
  if (network == NetworkStatus::out_of_network) return NetworkStatus::out_of_network;
  return std::find(out_of_network_codes.begin(), out_of_network_codes.end(), code) != out_of_network_codes.end()
             ? NetworkStatus::out_of_network
             : NetworkStatus::in_network;
}

std::vector<AdjudicatedLine> adjudicate(const std::vector<ChargeLine>& charges, const Coverage& coverage) {
  coverage.validate();
  std::vector<ChargeLine> ordered = charges;
  std::stable_sort(ordered.begin(), ordered.end(), [](const ChargeLine& a, const ChargeLine& b) { return a.date < b.date; });
  std::vector<AdjudicatedLine> out;
  out.reserve(ordered.size());
  detail::Adjudicator adjudicator(coverage);
  for (const auto& line : ordered) {
    AdjudicatedLine a{line, Money(), true, Money(), Money(), Money(), Money(), Money(), {}, {}, NetworkStatus::in_network,
                      "", Money(), Money(), Money(), NotCovered::none, ""};
    detail::RuleNotes notes{&a.rules};
    const Date plan_year = coverage.plan_year_of(line.date);
    adjudicator.start(plan_year, line.date, notes);
    const auto priced = detail::Adjudicator::price(coverage, line, notes);
    const auto amounts = adjudicator.settle(line, priced, notes);
    a.allowed = priced.primary.allowed;
    a.network = priced.primary.network;
    if (priced.primary.protection) a.protection = priced.primary.protection->name;
    a.covered = amounts.covered;
    a.not_covered = amounts.not_covered;
    a.deductible = amounts.deductible;
    a.copay = amounts.copay;
    a.coinsurance = amounts.coinsurance;
    a.balance_billed = amounts.balance_billed;
    a.patient = amounts.patient;
    a.plan = amounts.plan;
    a.secondary = amounts.secondary;
    a.write_off = amounts.write_off;
    if (amounts.authorization) a.authorization = amounts.authorization->reference;
    a.after = adjudicator.state();
    out.push_back(std::move(a));
  }
  return out;
}

std::vector<CalendarEvent> authorization_reviews(const Coverage& coverage) {
  std::vector<CalendarEvent> out;
  for (const auto& a : coverage.authorizations) {
    CalendarEvent e;
    e.kind = CalendarEvent::Kind::review;
    e.date = a.review_due();
    e.note = "Concurrent review of authorisation " + a.reference + " (" + to_iso_string(a.first_day) + ".." +
             to_iso_string(a.last_day) + ", " + std::to_string(a.units) + " units)" +
             (a.next_review ? ": the payer's next review date" : ": no review date given; due by the last authorised day");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace iop
