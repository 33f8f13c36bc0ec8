#include "iop/billing/coverage.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/enum_names.hpp"

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
constexpr detail::EnumNames<MedicareSetting, 2> kSettings{{{MedicareSetting::hospital, "hospital"},
                                                           {MedicareSetting::cmhc, "cmhc"}}};

std::string join_path(const std::string& path, std::string_view member) {
  return path.empty() ? std::string(member) : path + "." + std::string(member);
}

// An amount of a coverage: $0.00 up to the largest amount on a bill (docs/limits.md).
void require_amount(Money m, const std::string& field) {
  if (m < Money()) throw ValidationError(field, m.to_string(), "is negative", "$0.00 or more");
  const auto most = Money::from_cents(limits::max_amount_cents);
  if (m > most) throw ValidationError(field, m.to_string(), "is above the largest amount iop takes", "$0.00.." + most.to_string());
}

Money remaining(Money limit, Money met) { return max(limit - met, Money()); }

// No limit: a room larger than any bill.
constexpr Money kNoLimit = Money::from_cents(std::numeric_limits<std::int64_t>::max() / 4);

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
  // 45 CFR 156.130 annual limitation on cost sharing, from the HHS Notices of
  // Benefit and Payment Parameters; 2026 as revised by the Marketplace Integrity
  // and Affordability final rule (June 2025), which replaced $10,150 / $20,300.
  switch (year) {
    case 2022: return std::pair{Money::from_cents(870000), Money::from_cents(1740000)};
    case 2023: return std::pair{Money::from_cents(910000), Money::from_cents(1820000)};
    case 2024: return std::pair{Money::from_cents(945000), Money::from_cents(1890000)};
    case 2025: return std::pair{Money::from_cents(920000), Money::from_cents(1840000)};
    case 2026: return std::pair{Money::from_cents(1060000), Money::from_cents(2120000)};
    default: return std::nullopt;
  }
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
                            "no maximum: Medicaid's limit is 5% of family income a month or quarter (42 CFR 447.56(f)); "
                            "give medicaid.aggregate_limit");
    if (medicaid->exempt && (!in_network.copay.is_zero() || !in_network.coinsurance.is_zero()))
      throw ValidationError(field("copay"), in_network.copay.to_string(), "is cost sharing for an exempt enrollee",
                            "$0.00: no cost sharing for the exempt groups of 42 CFR 447.56(a)");
    if (const auto most = medicaid->max_coinsurance()) {
      if (in_network.coinsurance > *most)
        throw ValidationError(field("coinsurance"), in_network.coinsurance.to_string(), "is above Medicaid's maximum",
                              "at most " + most->to_string() + " of the cost the agency pays for " +
                                  std::string(to_string(medicaid->income)) + " (42 CFR 447.52(b))");
    } else if (!in_network.coinsurance.is_zero()) {
      throw ValidationError(field("coinsurance"), in_network.coinsurance.to_string(),
                            "is not Medicaid's cost sharing at or below 100% of the poverty line",
                            "a copay (the 447.52(b) outpatient maximum is a fixed $4, indexed)");
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

namespace {

// The tier counters: deductible and out-of-pocket met, individual and family.
struct TierMet {
  Money deductible_individual;
  Money deductible_family;
  Money oop_individual;
  Money oop_family;
};

// Carries the accumulators from line to line under one coverage; lines come in date order.
class Adjudicator {
 public:
  explicit Adjudicator(const Coverage& coverage) : c_(coverage) {}

  AdjudicatedLine settle(const ChargeLine& line) {
    AdjudicatedLine a{line, Money(), true, Money(), Money(), Money(), Money(), Money(), {}, {}, NetworkStatus::in_network,
                      "", Money(), Money(), Money(), NotCovered::none, ""};
    auto& rules = a.rules;
    start_year(c_.plan_year_of(line.date), line.date, rules);
    start_period(line.date);

    // Network and protection.
    a.network = c_.network_of(line.code);
    const bool out = a.network == NetworkStatus::out_of_network;
    std::optional<BalanceBillingProtection> protection;
    BalanceBillingFacts facts{c_.payer, c_.network == NetworkStatus::in_network, !out,
                              c_.facility.value_or(FacilityKind::clinic), c_.regulator, c_.state, c_.notice_and_consent};
    if (out && c_.files_claims()) {
      protection = balance_billing_protection(facts);
      if (protection) a.protection = protection->name;
    }

    // Allowed amount.
    const bool out_tier = out && !protection;
    if (out && c_.files_claims()) {
      if (c_.out_of_network) {
        a.allowed = out_of_network_allowed(line, rules);
      } else if (protection) {
        a.allowed = in_network_allowed(line, rules);
        rules.push_back("recognized amount taken as the in-network allowed amount " + a.allowed.to_string() +
                        " (the plan has no out-of-network benefits; its qualifying payment amount is the plan's to compute, "
                        "42 U.S.C. 300gg-111(a)(3)(H))");
      } else {
        a.allowed = line.charge;
      }
      if (protection && c_.out_of_network)
        rules.push_back("recognized amount taken as the plan's out-of-network allowed amount " + a.allowed.to_string() +
                        " (its qualifying payment amount is the plan's to compute, 42 U.S.C. 300gg-111(a)(3)(H))");
    } else {
      a.allowed = in_network_allowed(line, rules);
    }

    // Covered?
    const bool program_day = line.kind == SessionKind::program_day;
    const bool counts_a_day = program_day && line.date != last_counted_;
    const Authorization* auth = nullptr;
    if (!c_.files_claims()) {
      a.covered = false;
      a.not_covered = c_.uninsured ? NotCovered::uninsured : NotCovered::self_pay;
      rules.push_back(c_.uninsured ? "uninsured: the patient pays" : "self-pay: no claim is filed");
    } else if (out_tier && !c_.out_of_network) {
      a.covered = false;
      a.not_covered = NotCovered::no_out_of_network_benefits;
      rules.push_back("out of network and the plan has no out-of-network benefits: not covered; the patient pays the charge");
    } else if (c_.visit_limit && counts_a_day && acc_.visits_used >= *c_.visit_limit) {
      a.covered = false;
      a.not_covered = NotCovered::visit_limit;
      rules.push_back("visit limit of " + std::to_string(*c_.visit_limit) + " days a plan year reached: not covered");
    } else if (!c_.authorizations.empty() && program_day) {
      auth = authorization_for(line.date);
      if (!auth) {
        a.covered = false;
        const bool dated = std::any_of(c_.authorizations.begin(), c_.authorizations.end(), [&](const Authorization& x) {
          return line.date >= x.first_day && line.date <= x.last_day;
        });
        a.not_covered = dated ? NotCovered::authorization_units_used : NotCovered::outside_authorization;
        rules.push_back(dated ? "every authorisation covering " + to_iso_string(line.date) + " has used all its units: not covered"
                              : "no prior authorisation covers " + to_iso_string(line.date) + " (" + periods_text() +
                                    "): not covered");
      }
    }
    if (a.covered && program_day && auth) {
      a.authorization = auth->reference;
      if (counts_a_day) {
        ++units_used_[auth->reference];
        ++acc_.authorized_units_used;
        rules.push_back("prior authorisation " + auth->reference + ": unit " + std::to_string(units_used_[auth->reference]) +
                        " of " + std::to_string(auth->units));
      }
    }
    if (counts_a_day && a.covered) {
      last_counted_ = line.date;
      day_authorization_ = auth;
      ++acc_.visits_used;
    }

    if (!a.covered) {
      settle_not_covered(a, line, out_tier);
    } else {
      settle_cost_sharing(a, out_tier, protection.has_value(), rules);
      if (out_tier) {
        a.balance_billed = line.charge - a.allowed;
        if (a.balance_billed > Money())
          rules.push_back(balance_billing_allowed_reason(facts) + ": the patient owes the " + a.balance_billed.to_string() +
                          " above the allowed amount (it does not count toward the out-of-pocket maximum)");
      } else if (protection) {
        rules.push_back(protection->rule);
      } else if (c_.payer == PayerType::medicaid) {
        rules.push_back("no balance billing: the provider accepts Medicaid's payment in full (42 CFR 447.15)");
      }
      a.write_off = line.charge - a.allowed - a.balance_billed;
      a.patient = a.deductible + a.copay + a.coinsurance + a.balance_billed;
    }

    // Invariants, checked on every line.
    const Money cost_sharing = a.deductible + a.copay + a.coinsurance;
    if (a.covered && cost_sharing + a.plan != a.allowed)
      throw ValidationError("adjudication", line.session_uid, "broke plan + cost sharing = allowed", "an internal invariant");
    if (a.plan + a.secondary + a.patient + a.write_off != line.charge || a.patient < Money() || a.plan < Money() ||
        a.write_off < Money())
      throw ValidationError("adjudication", line.session_uid, "broke plan + secondary + patient + write-off = charge",
                            "an internal invariant");
    a.after = acc_;
    return a;
  }

  // The secondary coordinates after the primary's amounts are known.
  void coordinate(AdjudicatedLine& a, std::optional<Adjudicator>& secondary) {
    if (!c_.secondary || !a.covered) {
      if (c_.secondary && c_.files_claims())
        a.rules.push_back("secondary " + c_.secondary->name + ": not coordinated on a line the primary does not cover");
      return;
    }
    const auto& s = *c_.secondary;
    const Money owed = a.patient;
    Money pays;
    std::string why;
    switch (s.coordination) {
      case Coordination::medigap: {
        const Money coinsurance = a.coinsurance.apply(s.medigap_coinsurance_share);
        pays = coinsurance + (s.medigap_pays_part_b_deductible ? a.deductible : Money());
        why = "Medigap " + s.name + ": pays " + s.medigap_coinsurance_share.to_string() + " of the Part B coinsurance (" +
              coinsurance.to_string() + ")" +
              (s.medigap_pays_part_b_deductible ? " and the Part B deductible (" + a.deductible.to_string() + ")"
                                                : "; the Part B deductible stays with the patient (only plans C and F pay it)");
        break;
      }
      case Coordination::standard:
      case Coordination::non_duplication: {
        const auto own = secondary->settle(a.charge);
        const Money benefit = own.covered ? own.plan : Money();
        if (s.coordination == Coordination::standard) {
          // NAIC Model 120 section 3: the allowable expense is the primary's negotiated amount when the
          // provider is in its network, else the higher of the plans' allowed amounts.
          const Money allowable = a.network == NetworkStatus::in_network ? a.allowed : max(a.allowed, own.allowed);
          const Money room = remaining(allowable, a.plan);
          pays = min(benefit, room);
          why = "secondary " + s.name + " (standard coordination, NAIC Model 120 section 7): its own benefit " +
                benefit.to_string() + ", allowable expense " + allowable.to_string() + " less the primary's " +
                a.plan.to_string() + " = " + room.to_string();
        } else {
          pays = remaining(benefit, a.plan);
          why = "secondary " + s.name + " (non-duplication): its own benefit " + benefit.to_string() + " less the primary's " +
                a.plan.to_string();
        }
        break;
      }
    }
    pays = min(pays, owed);
    a.secondary = pays;
    a.patient = owed - pays;
    a.rules.push_back(why + ": pays " + pays.to_string() + "; the patient owes " + a.patient.to_string());
    if (a.plan + a.secondary + a.patient + a.write_off != a.charge.charge)
      throw ValidationError("adjudication", a.charge.session_uid, "broke plan + secondary + patient + write-off = charge",
                            "an internal invariant");
  }

 private:
  void start_year(Date plan_year, Date line_date, std::vector<std::string>& rules) {
    if (year_ && plan_year == *year_) return;
    const bool first = !year_;
    year_ = plan_year;
    const int units = acc_.authorized_units_used;
    acc_ = AccumulatorState{plan_year, Money(), Money(), Money(), Money(), 0, units, Money(), Money(), Money(), Money(),
                            acc_.period_cost_sharing};
    tier_ = c_.in_network_for(plan_year);
    last_counted_ = Date();
    if (c_.accumulators && c_.plan_year_of(c_.accumulators->as_of) == plan_year) {
      const auto& met = *c_.accumulators;
      if (line_date < met.as_of)
        throw ValidationError("coverage.accumulators.as_of", to_iso_string(met.as_of),
                              "is after the line of " + to_iso_string(line_date) + ", which it may already count",
                              "an as-of date on or before the first line adjudicated (estimate_cost leaves earlier lines "
                              "out and says so)");
      acc_.deductible_individual = met.deductible_individual;
      acc_.deductible_family = max(met.deductible_family, met.deductible_individual);
      acc_.oop_individual = met.oop_individual;
      acc_.oop_family = max(met.oop_family, met.oop_individual);
      acc_.visits_used = met.visits_used;
      acc_.oon_deductible_individual = met.oon_deductible_individual;
      acc_.oon_deductible_family = max(met.oon_deductible_family, met.oon_deductible_individual);
      acc_.oon_oop_individual = met.oon_oop_individual;
      acc_.oon_oop_family = max(met.oon_oop_family, met.oon_oop_individual);
      rules.push_back("accumulators met as of " + to_iso_string(met.as_of) + " applied");
    } else if (c_.accumulators && first && c_.plan_year_of(c_.accumulators->as_of) < plan_year) {
      rules.push_back("accumulators as of " + to_iso_string(c_.accumulators->as_of) + " belong to the plan year from " +
                      to_iso_string(c_.plan_year_of(c_.accumulators->as_of)) + ": not applied (they reset each plan year)");
    }
    if (!first) rules.push_back("new plan year from " + to_iso_string(plan_year) + ": accumulators reset");
  }

  void start_period(Date date) {
    if (!c_.medicaid) return;
    const int key = c_.medicaid->cap_period == MedicaidCapPeriod::quarter
                        ? date.year() * 4 + (date.month().as_number() - 1) / 3
                        : date.year() * 12 + date.month().as_number() - 1;
    if (key != period_) {
      period_ = key;
      acc_.period_cost_sharing = Money();
    }
  }

  Money in_network_allowed(const ChargeLine& line, std::vector<std::string>& rules) const {
    if (const auto it = c_.allowed_amounts.find(line.code); it != c_.allowed_amounts.end() && line.charge > Money()) {
      rules.push_back("allowed: contracted " + it->second.to_string() + " for " + line.code);
      return min(it->second * line.units, line.charge);
    }
    if (c_.allowed_share != Rate::percent(100)) rules.push_back("allowed: " + c_.allowed_share.to_string() + " of the charge");
    return line.charge.apply(c_.allowed_share);
  }

  Money out_of_network_allowed(const ChargeLine& line, std::vector<std::string>& rules) const {
    const auto& oon = *c_.out_of_network;
    switch (oon.allowed_basis) {
      case AllowedBasis::fee_schedule: {
        const auto it = oon.allowed_amounts.find(line.code);
        if (it == oon.allowed_amounts.end())
          throw ValidationError("coverage.out_of_network.allowed.amounts", line.code, "has no out-of-network allowed amount",
                                "an amount for every code billed out of network");
        const Money allowed = min(it->second * line.units, line.charge);
        rules.push_back("out-of-network allowed: " + it->second.to_string() + " for " + line.code + " (plan fee schedule)");
        return allowed;
      }
      case AllowedBasis::percent_of_charge: {
        const Money allowed = line.charge.apply(oon.allowed_percent);
        rules.push_back("out-of-network allowed: " + oon.allowed_percent.to_string() + " of the charge " +
                        line.charge.to_string() + " = " + allowed.to_string());
        return allowed;
      }
      case AllowedBasis::percent_of_medicare: {
        Money medicare;
        std::string source;
        if (const auto it = oon.medicare_rates.find(line.code); it != oon.medicare_rates.end()) {
          medicare = it->second * line.units;
          source = "Medicare's " + it->second.to_string() + " for " + line.code;
        } else if (oon.medicare_iop_year && line.kind == SessionKind::program_day && line.services >= 3) {
          const auto& rate = medicare_iop_rate(*oon.medicare_iop_year, oon.medicare_iop_setting, line.services >= 4);
          medicare = *rate.rate;
          source = "Medicare's CY" + std::to_string(rate.year) + " IOP per diem " + medicare.to_string();
        } else {
          throw ValidationError("coverage.out_of_network.allowed.medicare_rates", line.code, "has no Medicare rate",
                                "Medicare's amount for every code billed out of network, or medicare_iop for program days "
                                "of 3 or more services");
        }
        const Money allowed = min(medicare.apply(oon.allowed_percent), line.charge);
        rules.push_back("out-of-network allowed: " + oon.allowed_percent.to_string() + " of " + source + " = " +
                        allowed.to_string());
        return allowed;
      }
    }
    return line.charge;
  }

  // The authorisation covering a date: the one that already took the day's unit, else the
  // one with units left that ends first.
  const Authorization* authorization_for(Date date) const {
    if (date == last_counted_ && day_authorization_) return day_authorization_;
    const Authorization* best = nullptr;
    for (const auto& a : c_.authorizations) {
      if (date < a.first_day || date > a.last_day) continue;
      const auto used = units_used_.find(a.reference);
      if (used != units_used_.end() && used->second >= a.units) continue;
      if (!best || a.last_day < best->last_day) best = &a;
    }
    return best;
  }

  std::string periods_text() const {
    std::string text;
    for (const auto& a : c_.authorizations)
      text += (text.empty() ? "" : ", ") + a.reference + " " + to_iso_string(a.first_day) + ".." + to_iso_string(a.last_day);
    return text;
  }

  void settle_not_covered(AdjudicatedLine& a, const ChargeLine& line, bool out_tier) const {
    const bool authorization = a.not_covered == NotCovered::outside_authorization ||
                               a.not_covered == NotCovered::authorization_units_used;
    if (authorization && c_.outside_authorization == OutsideAuthorization::provider_absorbs) {
      a.write_off = line.charge;
      a.rules.push_back("the contract forbids billing the patient for it: the provider absorbs " + line.charge.to_string());
      return;
    }
    if (a.not_covered == NotCovered::no_out_of_network_benefits) {
      a.patient = line.charge;
      return;
    }
    if (out_tier) {
      // No network contract limits what a nonparticipating provider bills for a day the plan does not cover.
      a.patient = line.charge;
      a.rules.push_back("out of network and not covered: no network contract limits the bill; the patient owes the charge " +
                        line.charge.to_string());
      return;
    }
    a.patient = a.allowed;
    a.write_off = line.charge - a.allowed;
    a.rules.push_back("patient pays the allowed amount " + a.allowed.to_string() +
                      (authorization ? " (the contract lets the provider bill the patient)" : ""));
  }

  TierMet met(bool out_tier) const {
    return out_tier ? TierMet{acc_.oon_deductible_individual, acc_.oon_deductible_family, acc_.oon_oop_individual,
                              acc_.oon_oop_family}
                    : TierMet{acc_.deductible_individual, acc_.deductible_family, acc_.oop_individual, acc_.oop_family};
  }

  void add(bool out_tier, Money deductible, Money share) {
    const bool joint = c_.out_of_network && c_.out_of_network->accumulation == TierAccumulation::joint;
    if (!out_tier || joint) {
      acc_.deductible_individual += deductible;
      acc_.deductible_family += deductible;
      acc_.oop_individual += share;
      acc_.oop_family += share;
    }
    if (out_tier || joint) {
      acc_.oon_deductible_individual += deductible;
      acc_.oon_deductible_family += deductible;
      acc_.oon_oop_individual += share;
      acc_.oon_oop_family += share;
    }
    acc_.period_cost_sharing += share;
  }

  void settle_cost_sharing(AdjudicatedLine& a, bool out_tier, bool protected_line, std::vector<std::string>& rules) {
    const CostSharing& t = out_tier ? c_.out_of_network->cost_sharing : tier_;
    const TierMet m = met(out_tier);
    const std::string tier_name = out_tier ? "out-of-network " : (protected_line ? "in-network (protected) " : "");
    Money rest = a.allowed;
    // A copay charged first, not subject to the deductible.
    if (t.copay_before_deductible) {
      a.copay = min(t.copay, rest);
      rest -= a.copay;
      rules.push_back(tier_name + "copay " + a.copay.to_string() + " before the deductible (not subject to it)");
    }
    const bool deductible_applies = !t.copay_before_deductible || !t.coinsurance.is_zero();
    if (deductible_applies && rest > Money()) {
      Money room;
      if (t.deductible_accumulation == FamilyAccumulation::aggregate) {
        room = remaining(*t.deductible_family, m.deductible_family);
      } else {
        room = remaining(t.deductible_individual, m.deductible_individual);
        if (t.deductible_family) room = min(room, remaining(*t.deductible_family, m.deductible_family));
      }
      a.deductible = min(rest, room);
      rest -= a.deductible;
      const std::string which = t.deductible_accumulation == FamilyAccumulation::aggregate ? "aggregate family deductible"
                                                                                           : "deductible";
      if (a.deductible > Money())
        rules.push_back(tier_name + which + " " + a.deductible.to_string() + " (" + room.to_string() + " remaining)");
      else if (!t.deductible_individual.is_zero() || t.deductible_family)
        rules.push_back(tier_name + which + " already met");
    } else if (t.copay_before_deductible && !t.deductible_individual.is_zero()) {
      rules.push_back(tier_name + "deductible not applied (copay before the deductible)");
    }
    if (rest > Money() && !(t.copay_before_deductible && t.coinsurance.is_zero())) {
      const bool has_copay = !t.copay.is_zero() && !t.copay_before_deductible;
      const Money copay = has_copay ? min(t.copay, rest) : Money();
      switch (t.combination) {
        case CostSharingCombination::single:
          if (has_copay) {
            a.copay = copay;
            rules.push_back(tier_name + "copay " + a.copay.to_string());
          } else if (!t.coinsurance.is_zero()) {
            a.coinsurance = rest.apply(t.coinsurance);
            rules.push_back(tier_name + "coinsurance " + t.coinsurance.to_string() + " of " + rest.to_string() + " = " +
                            a.coinsurance.to_string());
          }
          break;
        case CostSharingCombination::copay_then_coinsurance: {
          if (has_copay) a.copay = copay;
          const Money after = rest - copay;
          a.coinsurance = after.apply(t.coinsurance);
          rules.push_back(tier_name + (has_copay ? "copay " + copay.to_string() + ", then " : std::string()) + "coinsurance " +
                          t.coinsurance.to_string() + " of the " + after.to_string() + " left = " + a.coinsurance.to_string());
          break;
        }
        case CostSharingCombination::greater_of:
        case CostSharingCombination::lesser_of: {
          const Money coins = rest.apply(t.coinsurance);
          const bool greater = t.combination == CostSharingCombination::greater_of;
          const bool copay_wins = greater ? copay >= coins : copay <= coins;
          if (copay_wins) a.copay = copay;
          else a.coinsurance = coins;
          rules.push_back(tier_name + (greater ? "the greater" : "the lesser") + " of the copay " + copay.to_string() +
                          " and coinsurance " + t.coinsurance.to_string() + " of " + rest.to_string() + " (" +
                          coins.to_string() + "): " + (copay_wins ? "copay " + copay.to_string() : "coinsurance " + coins.to_string()));
          break;
        }
      }
    }
    // Medicaid: a copay above the band's share of what the agency pays is refused on the line.
    if (c_.medicaid) {
      if (const auto most = c_.medicaid->max_coinsurance(); most && a.copay > a.allowed.apply(*most))
        throw ValidationError("coverage.copay", a.copay.to_string(),
                              "is more than " + most->to_string() + " of the " + a.allowed.to_string() + " the agency pays on " +
                                  to_iso_string(a.charge.date),
                              "at most " + a.allowed.apply(*most).to_string() + " (42 CFR 447.52(b))");
    }
    // Out-of-pocket cap.
    const Money share = a.deductible + a.copay + a.coinsurance;
    Money room = kNoLimit;
    std::string cap_name = "out-of-pocket maximum";
    if (t.oop_accumulation == FamilyAccumulation::aggregate && t.oop_family) {
      room = remaining(*t.oop_family, m.oop_family);
      cap_name = "aggregate family out-of-pocket maximum";
    } else if (t.oop_individual) {
      room = remaining(*t.oop_individual, m.oop_individual);
      if (t.oop_family) room = min(room, remaining(*t.oop_family, m.oop_family));
    }
    if (c_.medicaid) {
      if (const auto limit = c_.medicaid->period_limit()) {
        const Money period_room = remaining(*limit, acc_.period_cost_sharing);
        if (period_room < room) {
          room = period_room;
          cap_name = "Medicaid's 5% aggregate limit for the " + std::string(to_string(c_.medicaid->cap_period)) + " (" +
                     limit->to_string() + ", 42 CFR 447.56(f))";
        }
      }
    }
    Money patient_share = min(share, room);
    if (patient_share < share) {
      rules.push_back(tier_name + cap_name + " reached: patient share capped at " + patient_share.to_string() + " (" +
                      room.to_string() + " room left)");
      // The cap takes from coinsurance, then copay, then deductible.
      Money excess = share - patient_share;
      for (Money* part : {&a.coinsurance, &a.copay, &a.deductible}) {
        const Money cut = min(*part, excess);
        *part -= cut;
        excess -= cut;
      }
    }
    if (!t.has_maximum() && !c_.medicaid && share > Money())
      rules.push_back(c_.medicare == MedicarePlan::original
                          ? "Original Medicare Part B: " + t.coinsurance.to_string() +
                                " coinsurance after the deductible, with no out-of-pocket maximum (42 U.S.C. 1395l)"
                          : "no out-of-pocket maximum");
    a.plan = a.allowed - patient_share;
    add(out_tier, a.deductible, patient_share);
  }

  const Coverage& c_;
  CostSharing tier_;
  std::optional<Date> year_;
  int period_ = -1;
  AccumulatorState acc_{};
  Date last_counted_;  // the last day counted against a visit limit or authorisation
  const Authorization* day_authorization_ = nullptr;  // the authorisation that took that day's unit
  std::map<std::string, int> units_used_;
};

}  // namespace

std::vector<AdjudicatedLine> adjudicate(const std::vector<ChargeLine>& charges, const Coverage& coverage) {
  coverage.validate();
  std::vector<ChargeLine> ordered = charges;
  std::stable_sort(ordered.begin(), ordered.end(), [](const ChargeLine& a, const ChargeLine& b) { return a.date < b.date; });
  std::vector<AdjudicatedLine> out;
  out.reserve(ordered.size());
  Adjudicator primary(coverage);
  std::optional<Adjudicator> secondary;
  if (coverage.secondary && coverage.secondary->coverage) secondary.emplace(*coverage.secondary->coverage);
  for (const auto& line : ordered) {
    auto a = primary.settle(line);
    primary.coordinate(a, secondary);
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

// The cost-sharing members of a coverage object (top level: in network; "out_of_network": that tier).
CostSharing read_cost_sharing(const JsonReader& in) {
  CostSharing t;
  if (auto v = in.find("deductible")) {
    v->expect_only({"individual", "family", "family_type"});
    if (auto f = v->find("family_type")) t.deductible_accumulation = detail::parse_enum(kFamily, f->as_string(), f->path(), "a family accumulation");
    if (t.deductible_accumulation == FamilyAccumulation::aggregate) {
      if (auto i = v->find("individual")) t.deductible_individual = i->as_money();
    } else {
      t.deductible_individual = v->at("individual").as_money();
    }
    if (auto f = v->find("family")) t.deductible_family = f->as_money();
  }
  if (auto v = in.find("coinsurance")) t.coinsurance = v->as_rate();
  if (auto v = in.find("copay")) t.copay = v->as_money();
  if (auto v = in.find("combination"))
    t.combination = detail::parse_enum(kCombinations, v->as_string(), v->path(), "a way to combine a copay and a coinsurance");
  if (auto v = in.find("copay_before_deductible")) t.copay_before_deductible = v->as_bool();
  if (auto v = in.find("out_of_pocket_max")) {
    if (v->json().is_string()) {
      if (v->as_string() != "none")
        throw ValidationError(v->path(), iop::quoted(v->as_string()), "is not an out-of-pocket maximum",
                              "{individual, family, family_type} or \"none\"");
      t.no_maximum = true;
    } else {
      v->expect_only({"individual", "family", "family_type"});
      if (auto f = v->find("family_type")) t.oop_accumulation = detail::parse_enum(kFamily, f->as_string(), f->path(), "a family accumulation");
      if (auto i = v->find("individual")) t.oop_individual = i->as_money();
      if (auto f = v->find("family")) t.oop_family = f->as_money();
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
  for (std::size_t i = 0; i < in.array_size(limits::max_list); ++i) {
    const auto v = in.at(i);
    v.expect_only({"reference", "first_day", "last_day", "units", "next_review", "extends"});
    Authorization a{v.at("reference").as_identifier(), read_date(v.at("first_day")), read_date(v.at("last_day")),
                    static_cast<int>(v.at("units").as_int(0, 366)), std::nullopt, ""};
    if (auto r = v.find("next_review")) a.next_review = r->as_date();
    if (auto e = v.find("extends")) a.extends = e->as_identifier();
    out.push_back(std::move(a));
  }
  validate_authorizations(out, in.path());
  return out;
}

Coverage coverage_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  if (auto old = in.find("authorization"))
    throw ValidationError(old->path(), "", "is not a member", "authorizations: a list of the initial authorisation and its extensions");
  in.expect_only({"payer", "uninsured", "medicare", "medicaid", "network", "out_of_network_codes", "facility", "regulator",
                  "state", "notice_and_consent", "plan_year_start", "deductible", "coinsurance", "copay", "combination",
                  "copay_before_deductible", "out_of_pocket_max", "out_of_network", "benefit_classification",
                  "allowed_amounts", "allowed_share", "accumulators", "visit_limit", "authorizations",
                  "outside_authorization", "secondary"});
  Coverage c;
  const auto payer = in.at("payer");
  c.payer = parse_payer_type(payer.as_string(), payer.path());
  if (auto v = in.find("uninsured")) c.uninsured = v->as_bool();
  if (auto v = in.find("medicare")) c.medicare = parse_medicare_plan(v->as_string(), v->path());
  if (c.medicare == MedicarePlan::original) {
    // Set by law: refused rather than silently replaced.
    for (const char* key : {"deductible", "coinsurance", "copay", "combination", "copay_before_deductible", "out_of_pocket_max",
                            "out_of_network"})
      if (auto v = in.find(key))
        throw ValidationError(v->path(), "", "is set by law for Original Medicare",
                              "no " + std::string(key) + ": Part B's deductible of the year, 20% coinsurance and no "
                              "out-of-pocket maximum apply (42 U.S.C. 1395l)");
  }
  if (auto v = in.find("medicaid")) {
    v->expect_only({"income", "exempt", "aggregate_limit"});
    MedicaidTerms terms;
    const auto income = v->at("income");
    terms.income = parse_medicaid_income(income.as_string(), income.path());
    if (auto e = v->find("exempt")) terms.exempt = e->as_bool();
    if (auto l = v->find("aggregate_limit")) {
      l->expect_only({"family_income_per_month", "period", "premiums_per_period"});
      terms.family_income_per_month = l->at("family_income_per_month").as_money();
      const auto period = l->at("period");
      const auto text = period.as_string();
      if (text != "month" && text != "quarter")
        throw NotFoundError(period.path(), iop::quoted(text), "is not a period of the limit", "month, quarter");
      terms.cap_period = text == "month" ? MedicaidCapPeriod::month : MedicaidCapPeriod::quarter;
      if (auto p = l->find("premiums_per_period")) terms.premiums_per_period = p->as_money();
      require_amount(*terms.family_income_per_month, l->path() + ".family_income_per_month");
      require_amount(terms.premiums_per_period, l->path() + ".premiums_per_period");
    }
    c.medicaid = terms;
  }
  if (auto v = in.find("network")) c.network = detail::parse_enum(kNetworks, v->as_string(), v->path(), "a network status");
  if (auto v = in.find("out_of_network_codes"))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) c.out_of_network_codes.push_back(v->at(i).as_identifier());
  if (auto v = in.find("facility")) c.facility = parse_facility_kind(v->as_string(), v->path());
  if (auto v = in.find("regulator")) c.regulator = parse_plan_regulator(v->as_string(), v->path());
  if (auto v = in.find("state")) c.state = v->as_identifier();
  if (auto v = in.find("notice_and_consent")) c.notice_and_consent = v->as_bool();
  if (auto v = in.find("plan_year_start")) c.plan_year_start = v->as_date();
  c.in_network = read_cost_sharing(in);
  if (auto v = in.find("out_of_network")) {
    v->expect_only({"deductible", "coinsurance", "copay", "combination", "copay_before_deductible", "out_of_pocket_max",
                    "allowed", "accumulation"});
    OutOfNetworkBenefits oon;
    oon.cost_sharing = read_cost_sharing(*v);
    const auto allowed = v->at("allowed");
    allowed.expect_only({"basis", "amounts", "percent", "medicare_rates", "medicare_iop"});
    const auto basis = allowed.at("basis");
    oon.allowed_basis = detail::parse_enum(kAllowedBases, basis.as_string(), basis.path(), "an allowed-amount basis");
    switch (oon.allowed_basis) {
      case AllowedBasis::fee_schedule:
        oon.allowed_amounts = read_amounts(allowed.at("amounts"), "{\"code\": \"amount\"}");
        break;
      case AllowedBasis::percent_of_charge: oon.allowed_percent = allowed.at("percent").as_rate(); break;
      case AllowedBasis::percent_of_medicare:
        oon.allowed_percent = allowed.at("percent").as_rate();
        if (auto r = allowed.find("medicare_rates")) oon.medicare_rates = read_amounts(*r, "{\"code\": \"Medicare amount\"}");
        if (auto m = allowed.find("medicare_iop")) {
          m->expect_only({"year", "setting"});
          oon.medicare_iop_year = static_cast<int>(m->at("year").as_int(2024, 2100));
          const auto setting = m->at("setting");
          oon.medicare_iop_setting = detail::parse_enum(kSettings, setting.as_string(), setting.path(), "a Medicare setting");
        }
        if (oon.medicare_rates.empty() && !oon.medicare_iop_year)
          throw ValidationError(allowed.path(), "", "has no Medicare rate", "medicare_rates per code and/or medicare_iop {year, setting}");
        break;
    }
    for (const char* key : {"amounts", "percent", "medicare_rates", "medicare_iop"}) {
      const bool used = (oon.allowed_basis == AllowedBasis::fee_schedule && std::string_view(key) == "amounts") ||
                        (oon.allowed_basis != AllowedBasis::fee_schedule && std::string_view(key) == "percent") ||
                        (oon.allowed_basis == AllowedBasis::percent_of_medicare &&
                         (std::string_view(key) == "medicare_rates" || std::string_view(key) == "medicare_iop"));
      if (!used && allowed.find(key))
        throw ValidationError(allowed.path() + "." + key, "", "does not apply to basis " + std::string(to_string(oon.allowed_basis)),
                              "only the members of the basis given");
    }
    if (auto a = v->find("accumulation"))
      oon.accumulation = detail::parse_enum(kTierAccumulation, a->as_string(), a->path(), "separate or joint");
    c.out_of_network = std::move(oon);
  }
  if (auto v = in.find("benefit_classification")) c.benefit_classification = v->as_identifier();
  if (auto v = in.find("allowed_amounts")) c.allowed_amounts = read_amounts(*v, "{\"code\": \"amount\"}");
  if (auto v = in.find("allowed_share")) c.allowed_share = v->as_rate();
  if (auto v = in.find("accumulators")) {
    v->expect_only({"as_of", "deductible_individual", "deductible_family", "oop_individual", "oop_family", "visits_used",
                    "out_of_network"});
    Accumulators a{v->at("as_of").as_date(), Money(), Money(), Money(), Money(), 0, Money(), Money(), Money(), Money()};
    if (auto f = v->find("deductible_individual")) a.deductible_individual = f->as_money();
    if (auto f = v->find("deductible_family")) a.deductible_family = f->as_money();
    if (auto f = v->find("oop_individual")) a.oop_individual = f->as_money();
    if (auto f = v->find("oop_family")) a.oop_family = f->as_money();
    if (auto f = v->find("visits_used")) a.visits_used = static_cast<int>(f->as_int(0, 366));
    if (auto o = v->find("out_of_network")) {
      o->expect_only({"deductible_individual", "deductible_family", "oop_individual", "oop_family"});
      if (auto f = o->find("deductible_individual")) a.oon_deductible_individual = f->as_money();
      if (auto f = o->find("deductible_family")) a.oon_deductible_family = f->as_money();
      if (auto f = o->find("oop_individual")) a.oon_oop_individual = f->as_money();
      if (auto f = o->find("oop_family")) a.oon_oop_family = f->as_money();
    }
    c.accumulators = a;
  }
  if (auto v = in.find("visit_limit")) c.visit_limit = static_cast<int>(v->as_int(0, 366));
  if (auto v = in.find("authorizations")) c.authorizations = authorizations_from_json(v->json(), v->path());
  if (auto v = in.find("outside_authorization"))
    c.outside_authorization = detail::parse_enum(kOutside, v->as_string(), v->path(), "what happens to days outside authorisation");
  if (auto v = in.find("secondary")) {
    v->expect_only({"name", "coordination", "coverage", "coinsurance_share", "pays_part_b_deductible"});
    auto s = std::make_shared<SecondaryCoverage>();
    s->name = v->at("name").as_identifier();
    const auto coordination = v->at("coordination");
    s->coordination = detail::parse_enum(kCoordination, coordination.as_string(), coordination.path(), "a coordination of benefits");
    if (auto cov = v->find("coverage")) s->coverage = coverage_from_json(cov->json(), cov->path());
    if (auto share = v->find("coinsurance_share")) {
      if (s->coordination != Coordination::medigap)
        throw ValidationError(share->path(), "", "applies to Medigap plans only", "coordination medigap");
      s->medigap_coinsurance_share = share->as_rate();
    }
    if (auto d = v->find("pays_part_b_deductible")) {
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
              {"code", a.charge.code},
              {"units", a.charge.units},
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
                {"oon_oop_individual", a.after.oon_oop_individual},
                {"period_cost_sharing", a.after.period_cost_sharing}}}};
    if (!a.protection.empty()) line["protection"] = a.protection;
    if (a.not_covered != NotCovered::none) line["not_covered"] = to_string(a.not_covered);
    if (!a.authorization.empty()) line["authorization"] = a.authorization;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace iop
