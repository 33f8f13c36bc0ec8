#include "iop/billing/coverage.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "billing/figures.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "declared.hpp"
#include "billing/adjudicator.hpp"
#include "core/enum_names.hpp"

namespace iop {
namespace {

using nlohmann::json;

constexpr detail::EnumNames<NetworkStatus, 2> kNetworks{{{NetworkStatus::in_network, "in_network"},
                                                         {NetworkStatus::out_of_network, "out_of_network"}}};
constexpr detail::EnumNames<CostSharingCombination, 4> kCombinations{{
    {CostSharingCombination::single, "single"},
    {CostSharingCombination::copay_then_coinsurance, "copay_then_coinsurance"},
    {CostSharingCombination::greater_of, "greater_of"},
    {CostSharingCombination::lesser_of, "lesser_of"}}};
constexpr detail::EnumNames<FamilyAccumulation, 2> kFamily{{{FamilyAccumulation::embedded, "embedded"},
                                                            {FamilyAccumulation::aggregate, "aggregate"}}};
constexpr detail::EnumNames<AllowedBasis, 3> kAllowedBases{{{AllowedBasis::fee_schedule, "fee_schedule"},
                                                            {AllowedBasis::percent_of_charge, "percent_of_charge"},
                                                            {AllowedBasis::percent_of_medicare, "percent_of_medicare"}}};
constexpr detail::EnumNames<TierAccumulation, 2> kTierAccumulation{{{TierAccumulation::separate, "separate"},
                                                                    {TierAccumulation::joint, "joint"}}};
constexpr detail::EnumNames<OutsideAuthorization, 2> kOutside{{{OutsideAuthorization::patient_pays, "patient_pays"},
                                                               {OutsideAuthorization::provider_absorbs, "provider_absorbs"}}};
constexpr detail::EnumNames<Coordination, 3> kCoordination{{{Coordination::standard, "standard"},
                                                            {Coordination::non_duplication, "non_duplication"},
                                                            {Coordination::medigap, "medigap"}}};
constexpr detail::EnumNames<NotCovered, 7> kNotCovered{{
    {NotCovered::none, "none"},
    {NotCovered::self_pay, "self_pay"},
    {NotCovered::uninsured, "uninsured"},
    {NotCovered::visit_limit, "visit_limit"},
    {NotCovered::outside_authorization, "outside_authorization"},
    {NotCovered::authorization_units_used, "authorization_units_used"},
    {NotCovered::no_out_of_network_benefits, "no_out_of_network_benefits"}}};
constexpr detail::EnumNames<MedicareSetting, 3> kSettings{{{MedicareSetting::hospital, "hospital"},
                                                           {MedicareSetting::cmhc, "cmhc"},
                                                           {MedicareSetting::off_campus_non_excepted, "off_campus_non_excepted"}}};

std::string join_path(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

// An amount of a coverage: $0.00 up to the largest amount on a bill (docs/limits.md).
void require_amount(Money m, const std::string& field) {
  if (m < Money()) throw ValidationError(field, m.to_string(), "is negative", "$0.00 or more");
  const auto most = Money::from_cents(limits::max_amount_cents);
  if (m > most) throw ValidationError(field, m.to_string(), "is above the largest amount iop takes", "$0.00.." + most.to_string());
}

// Each authorisation: a reference, a period, units; extensions name an earlier one.
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
}  // namespace

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
  if (medicaid) {
    if (network == NetworkStatus::out_of_network || !out_of_network_codes.empty())
      throw ValidationError(field("network"), "out_of_network", "is not a Medicaid network status",
                            "in_network: Medicaid pays enrolled providers, who accept its payment in full (42 CFR 447.15)");
    if (!in_network.deductible_individual.is_zero() || in_network.deductible_family)
      throw ValidationError(field("deductible"), in_network.deductible_individual.to_string(), "is not modelled for Medicaid",
                            "copays or coinsurance within 42 CFR 447.52(b)");
    if (in_network.has_maximum())
      throw ValidationError(field("out_of_pocket_max"), "", "is given for Medicaid",
                            "no maximum: Medicaid's limit is " + medicaid_aggregate_limit_share().to_string() +
                                " of family income a month or quarter (42 CFR 447.56(f)); "
                            "give medicaid.aggregate_limit");
    // The state's copay is the plan's; an exempt enrollee is priced $0.00 line by line (adjudicate says why).
    if (!medicaid->exemption.empty()) {
      if (!medicaid->exempt)
        throw ValidationError(field("medicaid.exempt"), "false", "contradicts the exemption " + iop::quoted(medicaid->exemption),
                              "true, or no exemption");
      (void)medicaid_exemption_citation(medicaid->exemption, field("medicaid.exemption"));
    }
    if (const auto most = medicaid->max_coinsurance()) {
      if (in_network.coinsurance > *most)
        throw ValidationError(field("coinsurance"), in_network.coinsurance.to_string(), "is above Medicaid's maximum",
                              "at most " + most->to_string() + " of the cost the agency pays for " +
                                  std::string(to_string(medicaid->income)) + " (42 CFR 447.52(b))");
    } else if (!in_network.coinsurance.is_zero()) {
      throw ValidationError(field("coinsurance"), in_network.coinsurance.to_string(),
                            "is not Medicaid's cost sharing at or below 100% of the poverty line",
                            "a copay (the 447.52(b) outpatient maximum is a fixed " +
                                medicaid_outpatient_base_amount().to_string() + ", indexed)");
    }
  }
  if (out_of_network) {
    out_of_network->cost_sharing.validate(field("out_of_network"));
    if (!out_of_network->cost_sharing.has_maximum() && !out_of_network->cost_sharing.no_maximum)
      throw ValidationError(field("out_of_network.out_of_pocket_max"), "", "is missing",
                            "the out-of-network maximum {individual, family}, or \"none\" when out-of-network cost "
                            "sharing has no maximum");
    for (const auto& [code, amount] : out_of_network->allowed_amounts)
      require_amount(amount, field("out_of_network.allowed.amounts." + code));
    for (const auto& [code, amount] : out_of_network->medicare_rates)
      require_amount(amount, field("out_of_network.allowed.medicare_rates." + code));
    if (out_of_network->allowed_basis == AllowedBasis::fee_schedule && out_of_network->allowed_amounts.empty())
      throw ValidationError(field("out_of_network.allowed.amounts"), "{}", "has no amounts", "an amount per code billed");
    if (out_of_network->allowed_basis != AllowedBasis::fee_schedule && out_of_network->allowed_percent.is_zero())
      throw ValidationError(field("out_of_network.allowed.percent"), "0%", "allows nothing", "a share above 0%");
    if (out_of_network->allowed_basis == AllowedBasis::percent_of_charge &&
        out_of_network->allowed_percent > Rate::percent(100))
      throw ValidationError(field("out_of_network.allowed.percent"), out_of_network->allowed_percent.to_string(),
                            "is more than the charge", "0%..100%");
  }
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
  if (accumulators) {
    if (accumulators->as_of.is_special())
      throw ValidationError(field("accumulators.as_of"), "not-a-date", "is missing", "the date the amounts were read");
    for (const auto& [amount, name] :
         {std::pair{accumulators->deductible_individual, "deductible_individual"}, {accumulators->deductible_family, "deductible_family"},
          {accumulators->oop_individual, "oop_individual"}, {accumulators->oop_family, "oop_family"},
          {accumulators->oon_deductible_individual, "out_of_network.deductible_individual"},
          {accumulators->oon_deductible_family, "out_of_network.deductible_family"},
          {accumulators->oon_oop_individual, "out_of_network.oop_individual"},
          {accumulators->oon_oop_family, "out_of_network.oop_family"}})
      require_amount(amount, field(std::string("accumulators.") + name));
    if (in_network.oop_individual && accumulators->oop_individual > *in_network.oop_individual)
      throw ValidationError(field("accumulators.oop_individual"), accumulators->oop_individual.to_string(),
                            "is above the out-of-pocket maximum", "$0.00.." + in_network.oop_individual->to_string());
  }
  if (secondary) {
    const std::string at = field("secondary");
    if (secondary->coordination == Coordination::medigap) {
      if (medicare != MedicarePlan::original)
        throw ValidationError(at + ".coordination", "medigap", "supplements Original Medicare only",
                              "standard or non_duplication, or Original Medicare as the primary");
      if (secondary->coverage)
        throw ValidationError(at + ".coverage", "", "is given for a Medigap plan",
                              "no coverage: a Medigap plan pays Part B coinsurance (and the deductible for plans C and F)");
      if (secondary->medigap_coinsurance_share.is_zero() || secondary->medigap_coinsurance_share > Rate::percent(100))
        throw ValidationError(at + ".coinsurance_share", secondary->medigap_coinsurance_share.to_string(),
                              "is not a share of the coinsurance", "above 0% and at most 100% (plans K 50%, L 75%)");
    } else {
      if (!secondary->coverage)
        throw ValidationError(at + ".coverage", "", "is missing", "the secondary plan's own benefits");
      if (secondary->coverage->secondary)
        throw ValidationError(at + ".coverage.secondary", "", "is a third payer", "a primary and one secondary payer");
      if (!secondary->coverage->files_claims())
        throw ValidationError(at + ".coverage.payer", std::string(to_string(secondary->coverage->payer)),
                              "does not pay claims", "a secondary plan that pays claims");
      secondary->coverage->validate(at + ".coverage");
    }
  }
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

namespace {

// The cost-sharing members of a coverage object (top level: in network; "out_of_network": that tier). Both
// objects declare them once (COST_SHARING in declarations/coverage.py), so decl::coverage's serve for both.
CostSharing read_cost_sharing(const JsonReader& in) {
  CostSharing t;
  if (auto v = in.find(decl::coverage::deductible)) {
    v->expect_only(decl::deductible::members);
    if (auto f = v->find(decl::deductible::family_type)) t.deductible_accumulation = detail::parse_enum(kFamily, f->as_string(), f->path(), "a family accumulation");
    if (t.deductible_accumulation == FamilyAccumulation::aggregate) {
      if (auto i = v->find(decl::deductible::individual)) t.deductible_individual = i->as_money();
    } else {
      t.deductible_individual = v->at(decl::deductible::individual).as_money();
    }
    if (auto f = v->find(decl::deductible::family)) t.deductible_family = f->as_money();
  }
  if (auto v = in.find(decl::coverage::coinsurance)) t.coinsurance = v->as_rate();
  if (auto v = in.find(decl::coverage::copay)) t.copay = v->as_money();
  if (auto v = in.find(decl::coverage::combination))
    t.combination = detail::parse_enum(kCombinations, v->as_string(), v->path(), "a way to combine a copay and a coinsurance");
  if (auto v = in.find(decl::coverage::copay_before_deductible)) t.copay_before_deductible = v->as_bool();
  if (auto v = in.find(decl::coverage::out_of_pocket_max)) {
    if (v->json().is_string()) {
      if (v->as_string() != "none")
        throw ValidationError(v->path(), iop::quoted(v->as_string()), "is not an out-of-pocket maximum",
                              "{individual, family, family_type} or \"none\"");
      t.no_maximum = true;
    } else {
      v->expect_only(decl::out_of_pocket_maximum::members);
      if (auto f = v->find(decl::out_of_pocket_maximum::family_type)) t.oop_accumulation = detail::parse_enum(kFamily, f->as_string(), f->path(), "a family accumulation");
      if (auto i = v->find(decl::out_of_pocket_maximum::individual)) t.oop_individual = i->as_money();
      if (auto f = v->find(decl::out_of_pocket_maximum::family)) t.oop_family = f->as_money();
      if (!t.oop_individual && !t.oop_family)
        throw ValidationError(v->path(), "{}", "has no amount", "individual and/or family, or \"none\"");
    }
  }
  return t;
}

json cost_sharing_json(const CostSharing& t) {
  json j{{"deductible", {{"individual", t.deductible_individual}}},
         {"coinsurance", t.coinsurance},
         {"copay", t.copay},
         {"copay_before_deductible", t.copay_before_deductible}};
  if (t.deductible_family) j["deductible"]["family"] = *t.deductible_family;
  if (t.deductible_accumulation != FamilyAccumulation::embedded) j["deductible"]["family_type"] = to_string(t.deductible_accumulation);
  if (t.combination != CostSharingCombination::single) j["combination"] = to_string(t.combination);
  if (!t.has_maximum()) {
    j["out_of_pocket_max"] = "none";
  } else {
    json m = json::object();
    if (t.oop_individual) m["individual"] = *t.oop_individual;
    if (t.oop_family) m["family"] = *t.oop_family;
    if (t.oop_accumulation != FamilyAccumulation::embedded) m["family_type"] = to_string(t.oop_accumulation);
    j["out_of_pocket_max"] = std::move(m);
  }
  return j;
}

std::map<std::string, Money> read_amounts(const JsonReader& v, const char* what) {
  if (!v.json().is_object()) throw ValidationError(v.path(), "", "is a JSON " + std::string(v.json().type_name()), what);
  if (v.json().size() > limits::max_long_list)
    throw ValidationError(v.path(), "", "has too many members", "at most " + std::to_string(limits::max_long_list));
  std::map<std::string, Money> out;
  for (const auto& item : v.json().items()) out[item.key()] = v.at(item.key()).as_money();
  return out;
}

json amounts_json(const std::map<std::string, Money>& amounts) {
  json j = json::object();
  for (const auto& [code, amount] : amounts) j[code] = amount;
  return j;
}

Date read_date(const JsonReader& in) { return in.as_date(); }

}  // namespace

std::vector<Authorization> authorizations_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  std::vector<Authorization> out;
  for (std::size_t i = 0; i < in.array_size(decl::coverage::authorizations); ++i) {
    const auto v = in.at(i);
    v.expect_only(decl::authorization::members);
    Authorization a{v.identifier(decl::authorization::reference), read_date(v.at(decl::authorization::first_day)), read_date(v.at(decl::authorization::last_day)),
                    static_cast<int>(v.integer(decl::authorization::units)), std::nullopt, ""};
    if (auto r = v.find(decl::authorization::next_review)) a.next_review = r->as_date();
    if (auto e = v.find(decl::authorization::extends)) a.extends = e->as_identifier(decl::authorization::extends);
    out.push_back(std::move(a));
  }
  validate_authorizations(out, in.path());
  return out;
}

Coverage coverage_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  // The member's name before authorisations became a list: an old document is refused, not misread.
  if (auto old = in.find("authorization"))  // named to refuse it
    throw ValidationError(old->path(), "", "is not a member", "authorizations: a list of the initial authorisation and its extensions");
  in.expect_only(decl::coverage::members);
  Coverage c;
  const auto payer = in.at(decl::coverage::payer);
  c.payer = parse_payer_type(payer.as_string(), payer.path());
  if (auto v = in.find(decl::coverage::uninsured)) c.uninsured = v->as_bool();
  if (auto v = in.find(decl::coverage::medicare)) c.medicare = parse_medicare_plan(v->as_string(), v->path());
  if (c.medicare == MedicarePlan::original) {
    // Set by law: refused rather than silently replaced.
    for (const decl::Member& key : std::initializer_list<decl::Member>{decl::coverage::deductible, decl::coverage::coinsurance, decl::coverage::copay,
                                    decl::coverage::combination, decl::coverage::copay_before_deductible,
                                    decl::coverage::out_of_pocket_max, decl::coverage::out_of_network})
      if (auto v = in.find(key))
        throw ValidationError(v->path(), "", "is set by law for Original Medicare",
                              "no " + std::string(key.name) + ": Part B's deductible of the year, 20% coinsurance and no "
                              "out-of-pocket maximum apply (42 U.S.C. 1395l)");
  }
  if (auto v = in.find(decl::coverage::medicaid)) {
    v->expect_only(decl::medicaid_terms::members);
    MedicaidTerms terms;
    const auto income = v->at(decl::medicaid_terms::income);
    terms.income = parse_medicaid_income(income.as_string(), income.path());
    if (auto e = v->find(decl::medicaid_terms::exempt)) terms.exempt = e->as_bool();
    if (auto e = v->find(decl::medicaid_terms::exemption)) {
      terms.exemption = e->as_identifier();
      (void)medicaid_exemption_citation(terms.exemption, e->path());  // a group of 447.56(a)(1), by its id
      if (auto given = v->find(decl::medicaid_terms::exempt); given && !terms.exempt)
        throw ValidationError(given->path(), "false", "contradicts the exemption " + iop::quoted(terms.exemption),
                              "true, or no exempt member: the exemption says the enrollee is exempt");
      terms.exempt = true;
    }
    if (auto l = v->find(decl::medicaid_terms::aggregate_limit)) {
      l->expect_only(decl::medicaid_aggregate_limit::members);
      terms.family_income_per_month = l->at(decl::medicaid_aggregate_limit::family_income_per_month).as_money();
      const auto period = l->at(decl::medicaid_aggregate_limit::period);
      const auto text = period.as_string();
      if (text != "month" && text != "quarter")
        throw NotFoundError(period.path(), iop::quoted(text), "is not a period of the limit", "month, quarter");
      terms.cap_period = text == "month" ? MedicaidCapPeriod::month : MedicaidCapPeriod::quarter;
      if (auto p = l->find(decl::medicaid_aggregate_limit::premiums_per_period)) terms.premiums_per_period = p->as_money();
      require_amount(*terms.family_income_per_month, l->path() + ".family_income_per_month");
      require_amount(terms.premiums_per_period, l->path() + ".premiums_per_period");
    }
    c.medicaid = terms;
  }
  if (auto v = in.find(decl::coverage::network)) c.network = detail::parse_enum(kNetworks, v->as_string(), v->path(), "a network status");
  if (auto v = in.find(decl::coverage::out_of_network_codes))
    for (std::size_t i = 0; i < v->array_size(decl::coverage::out_of_network_codes); ++i) c.out_of_network_codes.push_back(v->at(i).as_identifier(decl::coverage::out_of_network_codes_item));
  if (auto v = in.find(decl::coverage::facility)) c.facility = parse_facility_kind(v->as_string(), v->path());
  if (auto v = in.find(decl::coverage::regulator)) c.regulator = parse_plan_regulator(v->as_string(), v->path());
  if (auto v = in.find(decl::coverage::state)) {
    c.state = v->as_string();
    if (!is_us_state_code(c.state))
      throw ValidationError(v->path(), iop::quoted(c.state), "is not a US state code", "a USPS code such as CA");
  }
  if (auto v = in.find(decl::coverage::notice_and_consent)) c.notice_and_consent = v->as_bool();
  if (auto v = in.find(decl::coverage::plan_year_start)) c.plan_year_start = v->as_date();
  c.in_network = read_cost_sharing(in);
  if (auto v = in.find(decl::coverage::out_of_network)) {
    v->expect_only(decl::out_of_network_benefits::members);
    OutOfNetworkBenefits oon;
    oon.cost_sharing = read_cost_sharing(*v);
    const auto allowed = v->at(decl::out_of_network_benefits::allowed);
    allowed.expect_only(decl::out_of_network_allowed::members);
    const auto basis = allowed.at(decl::out_of_network_allowed::basis);
    oon.allowed_basis = detail::parse_enum(kAllowedBases, basis.as_string(), basis.path(), "an allowed-amount basis");
    switch (oon.allowed_basis) {
      case AllowedBasis::fee_schedule:
        oon.allowed_amounts = read_amounts(allowed.at(decl::out_of_network_allowed::amounts), "{\"code\": \"amount\"}");
        break;
      case AllowedBasis::percent_of_charge: oon.allowed_percent = allowed.at(decl::out_of_network_allowed::percent).as_rate(); break;
      case AllowedBasis::percent_of_medicare:
        oon.allowed_percent = allowed.at(decl::out_of_network_allowed::percent).as_rate();
        if (auto r = allowed.find(decl::out_of_network_allowed::medicare_rates)) oon.medicare_rates = read_amounts(*r, "{\"code\": \"Medicare amount\"}");
        if (auto m = allowed.find(decl::out_of_network_allowed::medicare_iop)) {
          m->expect_only(decl::medicare_iop_rate::members);
          oon.medicare_iop_year = static_cast<int>(m->integer(decl::medicare_iop_rate::year));
          const auto setting = m->at(decl::medicare_iop_rate::setting);
          oon.medicare_iop_setting = detail::parse_enum(kSettings, setting.as_string(), setting.path(), "a Medicare setting");
        }
        if (oon.medicare_rates.empty() && !oon.medicare_iop_year)
          throw ValidationError(allowed.path(), "", "has no Medicare rate", "medicare_rates per code and/or medicare_iop {year, setting}");
        break;
    }
    namespace D = decl::out_of_network_allowed;
    for (const decl::Member& key : std::initializer_list<decl::Member>{D::amounts, D::percent, D::medicare_rates, D::medicare_iop}) {
      const bool used = (oon.allowed_basis == AllowedBasis::fee_schedule && key.name == D::amounts.name) ||
                        (oon.allowed_basis != AllowedBasis::fee_schedule && key.name == D::percent.name) ||
                        (oon.allowed_basis == AllowedBasis::percent_of_medicare &&
                         (key.name == D::medicare_rates.name || key.name == D::medicare_iop.name));
      if (!used && allowed.find(key))
        throw ValidationError(allowed.path() + "." + std::string(key.name), "",
                              "does not apply to basis " + std::string(to_string(oon.allowed_basis)),
                              "only the members of the basis given");
    }
    if (auto a = v->find(decl::out_of_network_benefits::accumulation))
      oon.accumulation = detail::parse_enum(kTierAccumulation, a->as_string(), a->path(), "separate or joint");
    c.out_of_network = std::move(oon);
  }
  if (auto v = in.find(decl::coverage::benefit_classification)) c.benefit_classification = v->as_identifier(decl::coverage::benefit_classification);
  if (auto v = in.find(decl::coverage::allowed_amounts)) c.allowed_amounts = read_amounts(*v, "{\"code\": \"amount\"}");
  if (auto v = in.find(decl::coverage::allowed_share)) c.allowed_share = v->as_rate();
  if (auto v = in.find(decl::coverage::accumulators)) {
    v->expect_only(decl::accumulators::members);
    Accumulators a{v->at(decl::accumulators::as_of).as_date(), Money(), Money(), Money(), Money(), 0, Money(), Money(), Money(), Money()};
    if (auto f = v->find(decl::accumulators::deductible_individual)) a.deductible_individual = f->as_money();
    if (auto f = v->find(decl::accumulators::deductible_family)) a.deductible_family = f->as_money();
    if (auto f = v->find(decl::accumulators::oop_individual)) a.oop_individual = f->as_money();
    if (auto f = v->find(decl::accumulators::oop_family)) a.oop_family = f->as_money();
    if (auto f = v->find(decl::accumulators::visits_used)) a.visits_used = static_cast<int>(f->as_int(decl::accumulators::visits_used));
    if (auto o = v->find(decl::accumulators::out_of_network)) {
      o->expect_only(decl::out_of_network_accumulators::members);
      if (auto f = o->find(decl::out_of_network_accumulators::deductible_individual)) a.oon_deductible_individual = f->as_money();
      if (auto f = o->find(decl::out_of_network_accumulators::deductible_family)) a.oon_deductible_family = f->as_money();
      if (auto f = o->find(decl::out_of_network_accumulators::oop_individual)) a.oon_oop_individual = f->as_money();
      if (auto f = o->find(decl::out_of_network_accumulators::oop_family)) a.oon_oop_family = f->as_money();
    }
    c.accumulators = a;
  }
  if (auto v = in.find(decl::coverage::visit_limit)) c.visit_limit = static_cast<int>(v->as_int(decl::coverage::visit_limit));
  if (auto v = in.find(decl::coverage::authorizations)) c.authorizations = authorizations_from_json(v->json(), v->path());
  if (auto v = in.find(decl::coverage::outside_authorization))
    c.outside_authorization = detail::parse_enum(kOutside, v->as_string(), v->path(), "what happens to days outside authorisation");
  if (auto v = in.find(decl::coverage::secondary)) {
    v->expect_only(decl::secondary_coverage::members);
    auto s = std::make_shared<SecondaryCoverage>();
    s->name = v->identifier(decl::secondary_coverage::name);
    const auto coordination = v->at(decl::secondary_coverage::coordination);
    s->coordination = detail::parse_enum(kCoordination, coordination.as_string(), coordination.path(), "a coordination of benefits");
    if (auto cov = v->find(decl::secondary_coverage::coverage)) s->coverage = coverage_from_json(cov->json(), cov->path());
    if (auto share = v->find(decl::secondary_coverage::coinsurance_share)) {
      if (s->coordination != Coordination::medigap)
        throw ValidationError(share->path(), "", "applies to Medigap plans only", "coordination medigap");
      s->medigap_coinsurance_share = share->as_rate();
    }
    if (auto d = v->find(decl::secondary_coverage::pays_part_b_deductible)) {
      if (s->coordination != Coordination::medigap)
        throw ValidationError(d->path(), "", "applies to Medigap plans only", "coordination medigap");
      s->medigap_pays_part_b_deductible = d->as_bool();
    }
    c.secondary = std::move(s);
  }
  c.validate(in.path());
  return c;
}

json to_json(const Coverage& c) {
  json j{{"payer", to_string(c.payer)},
         {"uninsured", c.uninsured},
         {"network", detail::enum_name(kNetworks, c.network)},
         {"plan_year_start", to_iso_string(c.plan_year_start)},
         {"benefit_classification", c.benefit_classification},
         {"allowed_share", c.allowed_share}};
  if (c.medicare) j["medicare"] = to_string(*c.medicare);
  if (c.medicare != MedicarePlan::original) j.update(cost_sharing_json(c.in_network));
  if (c.medicaid) {
    json m{{"income", to_string(c.medicaid->income)}, {"exempt", c.medicaid->exempt}};
    if (!c.medicaid->exemption.empty()) m["exemption"] = c.medicaid->exemption;
    if (c.medicaid->family_income_per_month)
      m["aggregate_limit"] = {{"family_income_per_month", *c.medicaid->family_income_per_month},
                              {"period", to_string(c.medicaid->cap_period)},
                              {"premiums_per_period", c.medicaid->premiums_per_period}};
    j["medicaid"] = std::move(m);
  }
  if (!c.out_of_network_codes.empty()) j["out_of_network_codes"] = c.out_of_network_codes;
  if (c.facility) j["facility"] = to_string(*c.facility);
  if (c.regulator != PlanRegulator::other) j["regulator"] = to_string(c.regulator);
  if (!c.state.empty()) j["state"] = c.state;
  if (c.notice_and_consent) j["notice_and_consent"] = true;
  if (c.out_of_network) {
    const auto& o = *c.out_of_network;
    json oon = cost_sharing_json(o.cost_sharing);
    json allowed{{"basis", to_string(o.allowed_basis)}};
    if (o.allowed_basis == AllowedBasis::fee_schedule) allowed["amounts"] = amounts_json(o.allowed_amounts);
    else allowed["percent"] = o.allowed_percent;
    if (o.allowed_basis == AllowedBasis::percent_of_medicare) {
      if (!o.medicare_rates.empty()) allowed["medicare_rates"] = amounts_json(o.medicare_rates);
      if (o.medicare_iop_year)
        allowed["medicare_iop"] = {{"year", *o.medicare_iop_year}, {"setting", detail::enum_name(kSettings, o.medicare_iop_setting)}};
    }
    oon["allowed"] = std::move(allowed);
    oon["accumulation"] = to_string(o.accumulation);
    j["out_of_network"] = std::move(oon);
  }
  if (!c.allowed_amounts.empty()) j["allowed_amounts"] = amounts_json(c.allowed_amounts);
  if (c.accumulators) {
    const auto& a = *c.accumulators;
    j["accumulators"] = {{"as_of", to_iso_string(a.as_of)},
                         {"deductible_individual", a.deductible_individual},
                         {"deductible_family", a.deductible_family},
                         {"oop_individual", a.oop_individual},
                         {"oop_family", a.oop_family},
                         {"visits_used", a.visits_used}};
    if (c.out_of_network)
      j["accumulators"]["out_of_network"] = {{"deductible_individual", a.oon_deductible_individual},
                                             {"deductible_family", a.oon_deductible_family},
                                             {"oop_individual", a.oon_oop_individual},
                                             {"oop_family", a.oon_oop_family}};
  }
  if (c.visit_limit) j["visit_limit"] = *c.visit_limit;
  if (!c.authorizations.empty()) {
    json list = json::array();
    for (const auto& a : c.authorizations) {
      json item{{"reference", a.reference},
                {"first_day", to_iso_string(a.first_day)},
                {"last_day", to_iso_string(a.last_day)},
                {"units", a.units}};
      if (a.next_review) item["next_review"] = to_iso_string(*a.next_review);
      if (!a.extends.empty()) item["extends"] = a.extends;
      list.push_back(std::move(item));
    }
    j["authorizations"] = std::move(list);
  }
  if (c.outside_authorization) j["outside_authorization"] = to_string(*c.outside_authorization);
  if (c.secondary) {
    const auto& s = *c.secondary;
    json sec{{"name", s.name}, {"coordination", to_string(s.coordination)}};
    if (s.coverage) sec["coverage"] = to_json(*s.coverage);
    if (s.coordination == Coordination::medigap) {
      sec["coinsurance_share"] = s.medigap_coinsurance_share;
      sec["pays_part_b_deductible"] = s.medigap_pays_part_b_deductible;
    }
    j["secondary"] = std::move(sec);
  }
  return j;
}

json to_json(const std::vector<AdjudicatedLine>& lines) {
  json out = json::array();
  for (const auto& a : lines) {
    json rules = json::array({a.charge.rule});
    for (const auto& rule : a.rules) rules.push_back(rule);
    json line{{"date", to_iso_string(a.charge.date)},
              {"session", a.charge.session_uid},
              {"kind", to_string(a.charge.kind)},
              {"code", a.charge.code},
              {"revenue_code", a.charge.revenue_code},
              {"units", a.charge.units},
              {"services", a.charge.services},
              {"charge", a.charge.charge},
              {"network", to_string(a.network)},
              {"allowed", a.allowed},
              {"covered", a.covered},
              {"deductible", a.deductible},
              {"copay", a.copay},
              {"coinsurance", a.coinsurance},
              {"balance_billed", a.balance_billed},
              {"plan", a.plan},
              {"secondary", a.secondary},
              {"patient", a.patient},
              {"write_off", a.write_off},
              {"rules", std::move(rules)},
              {"after",
               {{"plan_year", to_iso_string(a.after.plan_year)},
                {"deductible_individual", a.after.deductible_individual},
                {"deductible_family", a.after.deductible_family},
                {"oop_individual", a.after.oop_individual},
                {"oop_family", a.after.oop_family},
                {"visits_used", a.after.visits_used},
                {"authorized_units_used", a.after.authorized_units_used},
                {"oon_deductible_individual", a.after.oon_deductible_individual},
                {"oon_deductible_family", a.after.oon_deductible_family},
                {"oon_oop_individual", a.after.oon_oop_individual},
                {"oon_oop_family", a.after.oon_oop_family},
                {"period_cost_sharing", a.after.period_cost_sharing}}}};
    if (!a.protection.empty()) line["protection"] = a.protection;
    if (a.not_covered != NotCovered::none) line["not_covered"] = to_string(a.not_covered);
    if (!a.authorization.empty()) line["authorization"] = a.authorization;
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<AdjudicatedLine> adjudicated_lines_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  std::vector<AdjudicatedLine> out;
  for (std::size_t i = 0; i < in.array_size(); ++i) {
    const auto l = in.at(i);
    l.expect_only(decl::line::members);
    AdjudicatedLine a{};
    a.charge.date = l.at(decl::line::date).as_date();
    a.charge.session_uid = l.at(decl::line::session).as_string();
    const auto kind = l.at(decl::line::kind);
    a.charge.kind = parse_session_kind(kind.as_string(), kind.path());
    a.charge.code = l.at(decl::line::code).as_string();
    a.charge.revenue_code = l.at(decl::line::revenue_code).as_string();
    a.charge.units = static_cast<int>(l.integer(decl::line::units));
    a.charge.services = static_cast<int>(l.integer(decl::line::services));
    a.charge.charge = l.at(decl::line::charge).as_money();
    const auto network = l.at(decl::line::network);
    a.network = detail::parse_enum(kNetworks, network.as_string(), network.path(), "a network status");
    a.allowed = l.at(decl::line::allowed).as_money();
    a.covered = l.at(decl::line::covered).as_bool();
    a.deductible = l.at(decl::line::deductible).as_money();
    a.copay = l.at(decl::line::copay).as_money();
    a.coinsurance = l.at(decl::line::coinsurance).as_money();
    a.balance_billed = l.at(decl::line::balance_billed).as_money();
    a.plan = l.at(decl::line::plan).as_money();
    a.secondary = l.at(decl::line::secondary).as_money();
    a.patient = l.at(decl::line::patient).as_money();
    a.write_off = l.at(decl::line::write_off).as_money();
    if (auto v = l.find(decl::line::protection)) a.protection = v->as_string();
    if (auto v = l.find(decl::line::not_covered)) {
      a.not_covered = detail::parse_enum(kNotCovered, v->as_string(), v->path(), "a reason a line is not covered");
      if (a.not_covered == NotCovered::none)
        throw ValidationError(v->path(), "\"none\"", "is written only for a line that is not covered",
                              "a reason: the member is left out of a covered line");
    }
    if (a.covered != (a.not_covered == NotCovered::none))
      throw ValidationError(l.path() + ".not_covered", a.covered ? std::string(to_string(a.not_covered)) : "",
                            a.covered ? "is given for a covered line" : "is missing for a line that is not covered",
                            "a reason exactly when covered is false");
    if (auto v = l.find(decl::line::authorization)) a.authorization = v->as_string();
    const auto rules = l.at(decl::line::rules);
    if (rules.array_size() == 0)
      throw ValidationError(rules.path(), "[]", "has no pricing rule", "the rule that priced the line, then the others");
    a.charge.rule = rules.at(0).as_string();
    for (std::size_t k = 1; k < rules.array_size(); ++k) a.rules.push_back(rules.at(k).as_string());
    const auto after = l.at(decl::line::after);
    after.expect_only(decl::line_after::members);
    a.after = {after.at(decl::line_after::plan_year).as_date(),
               after.at(decl::line_after::deductible_individual).as_money(),
               after.at(decl::line_after::deductible_family).as_money(),
               after.at(decl::line_after::oop_individual).as_money(),
               after.at(decl::line_after::oop_family).as_money(),
               static_cast<int>(after.integer(decl::line_after::visits_used)),
               static_cast<int>(after.integer(decl::line_after::authorized_units_used)),
               after.at(decl::line_after::oon_deductible_individual).as_money(),
               after.at(decl::line_after::oon_deductible_family).as_money(),
               after.at(decl::line_after::oon_oop_individual).as_money(),
               after.at(decl::line_after::oon_oop_family).as_money(),
               after.at(decl::line_after::period_cost_sharing).as_money()};
    // The shares add up as adjudicate writes them.
    if (a.plan + a.secondary + a.patient + a.write_off != a.charge.charge)
      throw ValidationError(l.path() + ".patient", a.patient.to_string(),
                            "does not make plan + secondary + patient + write_off equal the charge " +
                                a.charge.charge.to_string(),
                            "the shares as iop wrote them (derived figures are not edited)");
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace iop
