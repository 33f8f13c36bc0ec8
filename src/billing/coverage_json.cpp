// The coverage as JSON: its reader (every member named through declared.hpp, declarations/coverage.py) and writer,
// and the adjudicated lines' writer and reader.
#include "iop/billing/coverage.hpp"

#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "billing/coverage_parts.hpp"
#include "billing/figures.hpp"
#include "declared.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/core/limits.hpp"
#include "iop/plan/program.hpp"

namespace iop {

using namespace coverage_detail;
using nlohmann::json;

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

// A tier's cost sharing: the members the coverage and its out_of_network tier both declare (COST_SHARING of
// declarations/coverage.py), named through the coverage's declaration.
static_assert(decl::declares(decl::out_of_network_benefits::members, decl::coverage::deductible.name) &&
              decl::declares(decl::out_of_network_benefits::members, decl::coverage::coinsurance.name) &&
              decl::declares(decl::out_of_network_benefits::members, decl::coverage::copay.name) &&
              decl::declares(decl::out_of_network_benefits::members, decl::coverage::combination.name) &&
              decl::declares(decl::out_of_network_benefits::members, decl::coverage::copay_before_deductible.name) &&
              decl::declares(decl::out_of_network_benefits::members, decl::coverage::out_of_pocket_max.name));

json cost_sharing_json(const CostSharing& t) {
  namespace C = decl::coverage;
  namespace DE = decl::deductible;
  namespace M = decl::out_of_pocket_maximum;
  using decl::key;
  json deductible{{key(DE::individual), t.deductible_individual}};
  if (t.deductible_family) deductible[key(DE::family)] = *t.deductible_family;
  if (t.deductible_accumulation != FamilyAccumulation::embedded)
    deductible[key(DE::family_type)] = to_string(t.deductible_accumulation);
  json j{{key(C::deductible), std::move(deductible)},
         {key(C::coinsurance), t.coinsurance},
         {key(C::copay), t.copay},
         {key(C::copay_before_deductible), t.copay_before_deductible}};
  if (t.combination != CostSharingCombination::single) j[key(C::combination)] = to_string(t.combination);
  if (!t.has_maximum()) {
    j[key(C::out_of_pocket_max)] = "none";
  } else {
    json m = json::object();
    if (t.oop_individual) m[key(M::individual)] = *t.oop_individual;
    if (t.oop_family) m[key(M::family)] = *t.oop_family;
    if (t.oop_accumulation != FamilyAccumulation::embedded) m[key(M::family_type)] = to_string(t.oop_accumulation);
    j[key(C::out_of_pocket_max)] = std::move(m);
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

namespace {

// `medicaid`: the enrollee's income group, exemption and the aggregate limit of 42 CFR 447.56(f).
MedicaidTerms read_medicaid(const JsonReader& v) {
  v.expect_only(decl::medicaid_terms::members);
  MedicaidTerms terms;
  const auto income = v.at(decl::medicaid_terms::income);
  terms.income = parse_medicaid_income(income.as_string(), income.path());
  if (auto e = v.find(decl::medicaid_terms::exempt)) terms.exempt = e->as_bool();
  if (auto e = v.find(decl::medicaid_terms::exemption)) {
    terms.exemption = e->as_identifier();
    (void)medicaid_exemption_citation(terms.exemption, e->path());  // a group of 447.56(a)(1), by its id
    if (auto given = v.find(decl::medicaid_terms::exempt); given && !terms.exempt)
      throw ValidationError(given->path(), "false", "contradicts the exemption " + iop::quoted(terms.exemption),
                            "true, or no exempt member: the exemption says the enrollee is exempt");
    terms.exempt = true;
  }
  if (auto l = v.find(decl::medicaid_terms::aggregate_limit)) {
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
  return terms;
}

// `out_of_network`: the tier's cost sharing and how the plan sets the allowed amount.
OutOfNetworkBenefits read_out_of_network(const JsonReader& v) {
  v.expect_only(decl::out_of_network_benefits::members);
  OutOfNetworkBenefits oon;
  oon.cost_sharing = read_cost_sharing(v);
  const auto allowed = v.at(decl::out_of_network_benefits::allowed);
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
  if (auto a = v.find(decl::out_of_network_benefits::accumulation))
    oon.accumulation = detail::parse_enum(kTierAccumulation, a->as_string(), a->path(), "separate or joint");
  return oon;
}

// `accumulators`: what the patient has met so far this plan year, as of a date.
Accumulators read_accumulators(const JsonReader& v) {
  v.expect_only(decl::accumulators::members);
  Accumulators a{v.at(decl::accumulators::as_of).as_date(), Money(), Money(), Money(), Money(), 0, Money(), Money(), Money(), Money()};
  if (auto f = v.find(decl::accumulators::deductible_individual)) a.deductible_individual = f->as_money();
  if (auto f = v.find(decl::accumulators::deductible_family)) a.deductible_family = f->as_money();
  if (auto f = v.find(decl::accumulators::oop_individual)) a.oop_individual = f->as_money();
  if (auto f = v.find(decl::accumulators::oop_family)) a.oop_family = f->as_money();
  if (auto f = v.find(decl::accumulators::visits_used)) a.visits_used = static_cast<int>(f->as_int(decl::accumulators::visits_used));
  if (auto o = v.find(decl::accumulators::out_of_network)) {
    o->expect_only(decl::out_of_network_accumulators::members);
    if (auto f = o->find(decl::out_of_network_accumulators::deductible_individual)) a.oon_deductible_individual = f->as_money();
    if (auto f = o->find(decl::out_of_network_accumulators::deductible_family)) a.oon_deductible_family = f->as_money();
    if (auto f = o->find(decl::out_of_network_accumulators::oop_individual)) a.oon_oop_individual = f->as_money();
    if (auto f = o->find(decl::out_of_network_accumulators::oop_family)) a.oon_oop_family = f->as_money();
  }
  return a;
}

// `secondary`: the second payer and how it coordinates with the first.
std::shared_ptr<SecondaryCoverage> read_secondary(const JsonReader& v) {
  v.expect_only(decl::secondary_coverage::members);
  auto s = std::make_shared<SecondaryCoverage>();
  s->name = v.identifier(decl::secondary_coverage::name);
  const auto coordination = v.at(decl::secondary_coverage::coordination);
  s->coordination = detail::parse_enum(kCoordination, coordination.as_string(), coordination.path(), "a coordination of benefits");
  if (auto cov = v.find(decl::secondary_coverage::coverage)) s->coverage = coverage_from_json(cov->json(), cov->path());
  if (auto share = v.find(decl::secondary_coverage::coinsurance_share)) {
    if (s->coordination != Coordination::medigap)
      throw ValidationError(share->path(), "", "applies to Medigap plans only", "coordination medigap");
    s->medigap_coinsurance_share = share->as_rate();
  }
  if (auto d = v.find(decl::secondary_coverage::pays_part_b_deductible)) {
    if (s->coordination != Coordination::medigap)
      throw ValidationError(d->path(), "", "applies to Medigap plans only", "coordination medigap");
    s->medigap_pays_part_b_deductible = d->as_bool();
  }
  return s;
}

}  // namespace

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
  if (auto v = in.find(decl::coverage::medicaid)) c.medicaid = read_medicaid(*v);
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
  if (auto v = in.find(decl::coverage::out_of_network)) c.out_of_network = read_out_of_network(*v);
  if (auto v = in.find(decl::coverage::benefit_classification)) c.benefit_classification = v->as_identifier(decl::coverage::benefit_classification);
  if (auto v = in.find(decl::coverage::allowed_amounts)) c.allowed_amounts = read_amounts(*v, "{\"code\": \"amount\"}");
  if (auto v = in.find(decl::coverage::allowed_share)) c.allowed_share = v->as_rate();
  if (auto v = in.find(decl::coverage::accumulators)) c.accumulators = read_accumulators(*v);
  if (auto v = in.find(decl::coverage::visit_limit)) c.visit_limit = static_cast<int>(v->as_int(decl::coverage::visit_limit));
  if (auto v = in.find(decl::coverage::authorizations)) c.authorizations = authorizations_from_json(v->json(), v->path());
  if (auto v = in.find(decl::coverage::outside_authorization))
    c.outside_authorization = detail::parse_enum(kOutside, v->as_string(), v->path(), "what happens to days outside authorisation");
  if (auto v = in.find(decl::coverage::secondary)) c.secondary = read_secondary(*v);
  c.validate(in.path());
  return c;
}

namespace {

using decl::key;

json medicaid_json(const MedicaidTerms& m) {
  namespace MT = decl::medicaid_terms;
  namespace AL = decl::medicaid_aggregate_limit;
  json j{{key(MT::income), to_string(m.income)}, {key(MT::exempt), m.exempt}};
  if (!m.exemption.empty()) j[key(MT::exemption)] = m.exemption;
  if (m.family_income_per_month)
    j[key(MT::aggregate_limit)] = {{key(AL::family_income_per_month), *m.family_income_per_month},
                                   {key(AL::period), to_string(m.cap_period)},
                                   {key(AL::premiums_per_period), m.premiums_per_period}};
  return j;
}

json out_of_network_json(const OutOfNetworkBenefits& o) {
  namespace O = decl::out_of_network_benefits;
  namespace AW = decl::out_of_network_allowed;
  json oon = cost_sharing_json(o.cost_sharing);
  json allowed{{key(AW::basis), to_string(o.allowed_basis)}};
  if (o.allowed_basis == AllowedBasis::fee_schedule) allowed[key(AW::amounts)] = amounts_json(o.allowed_amounts);
  else allowed[key(AW::percent)] = o.allowed_percent;
  if (o.allowed_basis == AllowedBasis::percent_of_medicare) {
    if (!o.medicare_rates.empty()) allowed[key(AW::medicare_rates)] = amounts_json(o.medicare_rates);
    if (o.medicare_iop_year)
      allowed[key(AW::medicare_iop)] = {{key(decl::medicare_iop_rate::year), *o.medicare_iop_year},
                                        {key(decl::medicare_iop_rate::setting),
                                         detail::enum_name(kSettings, o.medicare_iop_setting)}};
  }
  oon[key(O::allowed)] = std::move(allowed);
  oon[key(O::accumulation)] = to_string(o.accumulation);
  return oon;
}

// The accumulators as read; their out-of-network amounts only with an out-of-network tier.
json accumulators_json(const Accumulators& a, bool out_of_network) {
  namespace AC = decl::accumulators;
  namespace OA = decl::out_of_network_accumulators;
  json j{{key(AC::as_of), to_iso_string(a.as_of)},
         {key(AC::deductible_individual), a.deductible_individual},
         {key(AC::deductible_family), a.deductible_family},
         {key(AC::oop_individual), a.oop_individual},
         {key(AC::oop_family), a.oop_family},
         {key(AC::visits_used), a.visits_used}};
  if (out_of_network)
    j[key(AC::out_of_network)] = {{key(OA::deductible_individual), a.oon_deductible_individual},
                                  {key(OA::deductible_family), a.oon_deductible_family},
                                  {key(OA::oop_individual), a.oon_oop_individual},
                                  {key(OA::oop_family), a.oon_oop_family}};
  return j;
}

json authorizations_json(const std::vector<Authorization>& authorizations) {
  namespace AU = decl::authorization;
  json list = json::array();
  for (const auto& a : authorizations) {
    json item{{key(AU::reference), a.reference},
              {key(AU::first_day), to_iso_string(a.first_day)},
              {key(AU::last_day), to_iso_string(a.last_day)},
              {key(AU::units), a.units}};
    if (a.next_review) item[key(AU::next_review)] = to_iso_string(*a.next_review);
    if (!a.extends.empty()) item[key(AU::extends)] = a.extends;
    list.push_back(std::move(item));
  }
  return list;
}

json secondary_json(const SecondaryCoverage& s) {
  namespace SC = decl::secondary_coverage;
  json sec{{key(SC::name), s.name}, {key(SC::coordination), to_string(s.coordination)}};
  if (s.coverage) sec[key(SC::coverage)] = to_json(*s.coverage);
  if (s.coordination == Coordination::medigap) {
    sec[key(SC::coinsurance_share)] = s.medigap_coinsurance_share;
    sec[key(SC::pays_part_b_deductible)] = s.medigap_pays_part_b_deductible;
  }
  return sec;
}

}  // namespace

json to_json(const Coverage& c) {
  // Every member named through its declaration (declarations/coverage.py), as the reader names it.
  namespace C = decl::coverage;
  json j{{key(C::payer), to_string(c.payer)},
         {key(C::uninsured), c.uninsured},
         {key(C::network), detail::enum_name(kNetworks, c.network)},
         {key(C::plan_year_start), to_iso_string(c.plan_year_start)},
         {key(C::benefit_classification), c.benefit_classification},
         {key(C::allowed_share), c.allowed_share}};
  if (c.medicare) j[key(C::medicare)] = to_string(*c.medicare);
  if (c.medicare != MedicarePlan::original) j.update(cost_sharing_json(c.in_network));
  if (c.medicaid) j[key(C::medicaid)] = medicaid_json(*c.medicaid);
  if (!c.out_of_network_codes.empty()) j[key(C::out_of_network_codes)] = c.out_of_network_codes;
  if (c.facility) j[key(C::facility)] = to_string(*c.facility);
  if (c.regulator != PlanRegulator::other) j[key(C::regulator)] = to_string(c.regulator);
  if (!c.state.empty()) j[key(C::state)] = c.state;
  if (c.notice_and_consent) j[key(C::notice_and_consent)] = true;
  if (c.out_of_network) j[key(C::out_of_network)] = out_of_network_json(*c.out_of_network);
  if (!c.allowed_amounts.empty()) j[key(C::allowed_amounts)] = amounts_json(c.allowed_amounts);
  if (c.accumulators) j[key(C::accumulators)] = accumulators_json(*c.accumulators, c.out_of_network.has_value());
  if (c.visit_limit) j[key(C::visit_limit)] = *c.visit_limit;
  if (!c.authorizations.empty()) j[key(C::authorizations)] = authorizations_json(c.authorizations);
  if (c.outside_authorization) j[key(C::outside_authorization)] = to_string(*c.outside_authorization);
  if (c.secondary) j[key(C::secondary)] = secondary_json(*c.secondary);
  return j;
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
