// A benefit design read from JSON (its declaration's members, then its checks) and written back.

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

using nlohmann::json;
using decl::key;
using namespace design_names;  // NOLINT(google-build-using-namespace): the design's own names

// --- reading ---------------------------------------------------------------

NqtlPractice read_practice(const JsonReader& in) {
  in.expect_only(decl::nqtl_practice::members);
  NqtlPractice p;
  if (auto v = in.find(decl::nqtl_practice::required)) p.required = v->as_bool();
  if (auto v = in.find(decl::nqtl_practice::review_every_days)) p.review_every_days = static_cast<int>(v->as_int(decl::nqtl_practice::review_every_days));
  if (auto v = in.find(decl::nqtl_practice::criteria_source)) p.criteria_source = v->as_text(decl::nqtl_practice::criteria_source);
  if (auto v = in.find(decl::nqtl_practice::reimbursement_percent_of_medicare))
    p.reimbursement_percent_of_medicare = static_cast<int>(v->as_int(decl::nqtl_practice::reimbursement_percent_of_medicare));
  return p;
}

std::vector<std::string> read_strings(const JsonReader& in) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < in.array_size(limits::max_list); ++i) out.push_back(in.at(i).as_identifier());
  return out;
}

// A measured value in the measure's unit: a rate ("12%") or whole days (14).
Rate read_measured(const JsonReader& in, OperationMeasure measure) {
  if (measured_in_days(measure)) return Rate::fraction(in.as_int(0, kMaxDays), 1, in.path());
  const Rate r = in.as_rate();
  if (r < Rate() || r > Rate::percent(100))
    throw ValidationError(in.path(), r.to_string(), "is not a rate between 0% and 100%", "0%..100%");
  return r;
}

json measured_json(const Rate& value, OperationMeasure measure) {
  if (measured_in_days(measure)) return value.numerator() / value.denominator();
  return value.to_string();
}

NqtlRecord read_nqtl(const JsonReader& n) {
  n.expect_only(decl::benefit_design_nqtl::members);
  NqtlRecord r;
  r.name = n.identifier(decl::benefit_design_nqtl::name);
  const auto kind = n.at(decl::benefit_design_nqtl::kind);
  r.kind = parse_nqtl_kind(kind.as_string(), kind.path());
  auto text = [&](const decl::Str& key) { return n.find(key) ? n.text(key) : std::string(); };
  if (auto c = n.find(decl::benefit_design_nqtl::classification)) r.classification = std::string(to_string(parse_classification(c->as_string(), c->path())));
  r.benefit = text(decl::benefit_design_nqtl::benefit);
  r.comparable_benefit = text(decl::benefit_design_nqtl::comparable_benefit);
  r.terms = text(decl::benefit_design_nqtl::terms);
  r.factors = text(decl::benefit_design_nqtl::factors);
  r.evidentiary_standards = text(decl::benefit_design_nqtl::evidentiary_standards);
  r.comparative_analysis = text(decl::benefit_design_nqtl::comparative_analysis);
  r.findings = text(decl::benefit_design_nqtl::findings);
  if (auto p = n.find(decl::benefit_design_nqtl::mental_health)) r.mental_health = read_practice(*p);
  if (auto p = n.find(decl::benefit_design_nqtl::medical_surgical)) r.medical_surgical = read_practice(*p);
  if (auto list = n.find(decl::benefit_design_nqtl::applies_to))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design_nqtl::applies_to); ++i) {
      const auto a = list->at(i);
      a.expect_only(decl::nqtl_applies_to::members);
      const auto cls = a.at(decl::nqtl_applies_to::classification);
      r.applies_to.push_back({parse_classification(cls.as_string(), cls.path()), read_strings(a.at(decl::nqtl_applies_to::mental_health)),
                              read_strings(a.at(decl::nqtl_applies_to::medical_surgical))});
    }
  if (auto list = n.find(decl::benefit_design_nqtl::in_operation))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design_nqtl::in_operation); ++i) {
      const auto o = list->at(i);
      o.expect_only(decl::nqtl_in_operation::members);
      OperationComparison c;
      const auto measure = o.at(decl::nqtl_in_operation::measure);
      c.measure = parse_operation_measure(measure.as_string(), measure.path());
      const auto cls = o.at(decl::nqtl_in_operation::classification);
      c.classification = parse_classification(cls.as_string(), cls.path());
      c.period = o.identifier(decl::nqtl_in_operation::period);
      c.mental_health = read_measured(o.at(decl::nqtl_in_operation::mental_health), c.measure);
      c.medical_surgical = read_measured(o.at(decl::nqtl_in_operation::medical_surgical), c.measure);
      c.threshold = read_measured(o.at(decl::nqtl_in_operation::threshold), c.measure);
      r.in_operation.push_back(std::move(c));
    }
  return r;
}

// A medical/surgical or a mental health row: both declare period the same way.
LimitPeriod read_period(const JsonReader& row, LimitType type) {
  const auto period = row.find(decl::medical_surgical_entry::period);
  if (lower_is_more_restrictive(type)) {
    if (!period)
      throw ValidationError(row.path() + ".period", "(missing)", "is required for a " + std::string(to_string(type)),
                            "annual, episode or lifetime: each is its own type (29 CFR 2590.712(c)(1)(ii))");
    return parse_limit_period(period->as_string(), period->path());
  }
  if (period)
    throw ValidationError(period->path(), iop::quoted(period->as_string()),
                          "is given for a " + std::string(to_string(type)) + ", which has no period",
                          "a period only on visit_limit and day_limit rows");
  return LimitPeriod::none;
}

ClassificationData read_classification(const JsonReader& c) {
  c.expect_only(decl::classification_entry::members);
  ClassificationData data;
  const auto cls = c.at(decl::classification_entry::classification);
  data.key.classification = parse_classification(cls.as_string(), cls.path());
  if (auto v = c.find(decl::classification_entry::subclassification)) data.key.subclassification = parse_subclassification(v->as_string(), v->path());
  const bool drugs = data.key.classification == Classification::prescription_drugs;
  if (auto v = c.find(decl::classification_entry::tier)) {
    data.key.tier = v->as_identifier(decl::classification_entry::tier);
    if (drugs)  // a tier of the formulary is lawful, by its own member; a network tier is not
      throw ValidationError(v->path(), iop::quoted(data.key.tier), "is a network tier on prescription_drugs",
                            std::string("formulary_tier: a tier of the formulary declared in formulary_tiers with its "
                                        "reasonable factors (") + kFormularyRule + "); network tiers split only in-network "
                                        "benefits (" + kTierRule + ")");
  }
  if (auto v = c.find(decl::classification_entry::formulary_tier)) {
    if (!drugs)
      throw ValidationError(v->path(), iop::quoted(v->as_string()), "is a formulary tier on " + std::string(cls.as_string()),
                            std::string("formulary tiers on prescription_drugs only (") + kFormularyRule +
                                "); in-network benefits may be split by network tier (" + kTierRule + ")");
    data.key.tier = v->as_identifier(decl::classification_entry::formulary_tier);
  }
  const Money most_payments = Money::from_cents(limits::max_payments_cents);
  data.total_payments = c.at(decl::classification_entry::total_payments).as_money(Money(), most_payments);
  if (auto ms = c.find(decl::classification_entry::medical_surgical)) {
    for (std::size_t k = 0; k < ms->array_size(decl::classification_entry::medical_surgical); ++k) {
      const auto row = ms->at(k);
      row.expect_only(decl::medical_surgical_entry::members);
      const auto type_field = row.at(decl::medical_surgical_entry::type);
      const auto type = parse_limit_type(type_field.as_string(), type_field.path());
      const auto level_field = row.at(decl::medical_surgical_entry::level);
      data.medical_surgical.push_back({type, parse_level(type, level_field.as_string(), level_field.path()),
                                       row.at(decl::medical_surgical_entry::payments).as_money(Money(), most_payments), read_period(row, type)});
    }
    // The rows of one type share the classification's payments (a hundred rows of
    // $100 billion add up exactly): checked here to name the rows as given.
    for (const auto& row : data.medical_surgical) {
      Money of_type;
      for (const auto& other : data.medical_surgical)
        if (other.type == row.type && other.period == row.period) of_type += other.payments;
      if (of_type > data.total_payments)
        throw ValidationError(ms->path(), of_type.to_string() + " of " + std::string(to_string(row.type)) + " rows",
                              "is more than the classification's total_payments", "at most " + data.total_payments.to_string());
    }
  }
  if (auto mh = c.find(decl::classification_entry::mental_health))
    for (std::size_t k = 0; k < mh->array_size(decl::classification_entry::mental_health); ++k) {
      const auto row = mh->at(k);
      row.expect_only(decl::mental_health_entry::members);
      const auto type_field = row.at(decl::mental_health_entry::type);
      const auto type = parse_limit_type(type_field.as_string(), type_field.path());
      const auto level_field = row.at(decl::mental_health_entry::level);
      data.mental_health.push_back({row.identifier(decl::mental_health_entry::benefit), type,
                                    parse_level(type, level_field.as_string(), level_field.path()),
                                    read_period(row, type)});
    }
  return data;
}

std::vector<ClassificationData> read_classifications(const JsonReader& list) {
  std::vector<ClassificationData> out;
  for (std::size_t i = 0; i < list.array_size(limits::max_list); ++i) out.push_back(read_classification(list.at(i)));
  return out;
}

PlanStatus read_status(const JsonReader& in) {
  in.expect_only(decl::benefit_design_status::members);
  PlanStatus s;
  if (auto v = in.find(decl::benefit_design_status::funding)) s.funding = detail::parse_enum(kFunding, v->as_string(), v->path(), "a funding");
  if (auto v = in.find(decl::benefit_design_status::market)) s.market = detail::parse_enum(kMarkets, v->as_string(), v->path(), "a market");
  if (auto v = in.find(decl::benefit_design_status::grandfathered)) s.grandfathered = v->as_bool();
  if (auto v = in.find(decl::benefit_design_status::sponsor)) s.sponsor = detail::parse_enum(kSponsors, v->as_string(), v->path(), "a plan sponsor");
  return s;
}

EmployerSize read_employer(const JsonReader& in) {
  in.expect_only(decl::benefit_design_employer::members);
  EmployerSize e;
  if (auto v = in.find(decl::benefit_design_employer::average_employees_prior_year)) e.average_employees_prior_year = static_cast<int>(v->as_int(decl::benefit_design_employer::average_employees_prior_year));
  if (auto v = in.find(decl::benefit_design_employer::expected_employees_current_year))
    e.expected_employees_current_year = static_cast<int>(v->as_int(decl::benefit_design_employer::expected_employees_current_year));
  if (auto list = in.find(decl::benefit_design_employer::controlled_group))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design_employer::controlled_group); ++i) {
      const auto m = list->at(i);
      m.expect_only(decl::controlled_group_member::members);
      e.controlled_group.push_back({m.identifier(decl::controlled_group_member::name), static_cast<int>(m.integer(decl::controlled_group_member::employees))});
    }
  if (auto v = in.find(decl::benefit_design_employer::state_permits_one_person_small_group)) e.state_permits_one_person_small_group = v->as_bool();
  return e;
}

CostExemption read_cost_exemption(const JsonReader& in) {
  in.expect_only(decl::benefit_design_cost_exemption::members);
  CostExemption e;
  e.measured_plan_year_start = in.at(decl::benefit_design_cost_exemption::measured_plan_year_start).as_date();
  e.compliance_year = static_cast<int>(in.integer(decl::benefit_design_cost_exemption::compliance_year));
  e.cost_increase = in.at(decl::benefit_design_cost_exemption::cost_increase).as_rate();
  if (auto v = in.find(decl::benefit_design_cost_exemption::determined_on)) e.determined_on = v->as_date();
  if (auto c = in.find(decl::benefit_design_cost_exemption::certification)) {
    c->expect_only(decl::benefit_design_cost_exemption_certification::members);
    e.certification = ActuaryCertification{c->identifier(decl::benefit_design_cost_exemption_certification::actuary),
                                           c->at(decl::benefit_design_cost_exemption_certification::american_academy_of_actuaries_member).as_bool(),
                                           c->at(decl::benefit_design_cost_exemption_certification::certified_on).as_date()};
  }
  if (auto n = in.find(decl::benefit_design_cost_exemption::notices)) {
    n->expect_only(decl::benefit_design_cost_exemption_notices::members);
    if (auto v = n->find(decl::benefit_design_cost_exemption_notices::secretary)) e.notice_to_secretary = v->as_date();
    if (auto v = n->find(decl::benefit_design_cost_exemption_notices::state)) e.notice_to_state = v->as_date();
    if (auto v = n->find(decl::benefit_design_cost_exemption_notices::participants)) e.notice_to_participants = v->as_date();
  }
  return e;
}

DollarLimitDesign read_dollar_limit(const JsonReader& in) {
  in.expect_only(decl::benefit_design_dollar_limit::members);
  DollarLimitDesign d;
  const auto kind = in.at(decl::benefit_design_dollar_limit::kind);
  d.kind = detail::parse_enum(kDollarKinds, kind.as_string(), kind.path(), "a dollar limit kind");
  const Money most_payments = Money::from_cents(limits::max_payments_cents);
  const Money most_limit = Money::from_cents(limits::max_dollar_limit_cents);
  d.total_payments = in.at(decl::benefit_design_dollar_limit::total_payments).as_money(Money(), most_payments);
  if (auto list = in.find(decl::benefit_design_dollar_limit::medical_surgical))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design_dollar_limit::medical_surgical); ++i) {
      const auto c = list->at(i);
      c.expect_only(decl::dollar_limit_category::members);
      d.medical_surgical.push_back({c.identifier(decl::dollar_limit_category::category), c.at(decl::dollar_limit_category::limit).as_money(Money(), most_limit),
                                    c.at(decl::dollar_limit_category::payments).as_money(Money(), most_payments)});
    }
  if (auto v = in.find(decl::benefit_design_dollar_limit::unlimited_upper_limit)) d.unlimited_upper_limit = v->as_money(Money(), most_limit);
  const auto mh = in.at(decl::benefit_design_dollar_limit::mental_health);
  mh.expect_only(decl::benefit_design_dollar_limit_mental_health::members);
  const auto application = mh.at(decl::benefit_design_dollar_limit_mental_health::application);
  d.mental_health.application =
      detail::parse_enum(kApplications, application.as_string(), application.path(), "an MH/SUD dollar limit application");
  if (auto v = mh.find(decl::benefit_design_dollar_limit_mental_health::limit)) d.mental_health.limit = v->as_money(Money(), most_limit);
  return d;
}

MedicalNecessityCriteria read_criteria(const JsonReader& in) {
  if (in.json().is_string()) return {in.as_identifier(), "", ""};
  in.expect_only(decl::medical_necessity_criteria::members);
  return {in.identifier(decl::medical_necessity_criteria::id), in.identifier(decl::medical_necessity_criteria::name), in.identifier(decl::medical_necessity_criteria::developer)};
}

TelehealthCostSharing read_telehealth(const JsonReader& in) {
  in.expect_only(decl::telehealth_cost_sharing::members);
  TelehealthCostSharing t;
  t.service = in.identifier(decl::telehealth_cost_sharing::service);
  const auto cls = in.at(decl::telehealth_cost_sharing::classification);
  t.classification = parse_classification(cls.as_string(), cls.path());
  const auto type = in.at(decl::telehealth_cost_sharing::type);
  t.type = parse_limit_type(type.as_string(), type.path());
  const auto in_person = in.at(decl::telehealth_cost_sharing::in_person);
  t.in_person = parse_level(t.type, in_person.as_string(), in_person.path());
  const auto telehealth = in.at(decl::telehealth_cost_sharing::telehealth);
  t.telehealth = parse_level(t.type, telehealth.as_string(), telehealth.path());
  return t;
}

// --- writing ---------------------------------------------------------------

json practice_json(const NqtlPractice& p) {
  namespace P = decl::nqtl_practice;
  json j{{key(P::required), p.required}, {key(P::criteria_source), p.criteria_source}};
  if (p.review_every_days) j[key(P::review_every_days)] = *p.review_every_days;
  if (p.reimbursement_percent_of_medicare) j[key(P::reimbursement_percent_of_medicare)] = *p.reimbursement_percent_of_medicare;
  return j;
}

json classifications_json(const std::vector<ClassificationData>& list) {
  namespace C = decl::classification_entry;
  namespace MS = decl::medical_surgical_entry;
  namespace MH = decl::mental_health_entry;
  json classes = json::array();
  for (const auto& c : list) {
    json ms = json::array();
    for (const auto& r : c.medical_surgical) {
      json row{{key(MS::type), to_string(r.type)}, {key(MS::level), level_text(r.type, r.level)}, {key(MS::payments), r.payments}};
      if (r.period != LimitPeriod::none) row[key(MS::period)] = to_string(r.period);
      ms.push_back(std::move(row));
    }
    json mh = json::array();
    for (const auto& r : c.mental_health) {
      json row{{key(MH::benefit), r.benefit}, {key(MH::type), to_string(r.type)}, {key(MH::level), level_text(r.type, r.level)}};
      if (r.period != LimitPeriod::none) row[key(MH::period)] = to_string(r.period);
      mh.push_back(std::move(row));
    }
    json j{{key(C::classification), to_string(c.key.classification)},
           {key(C::subclassification), to_string(c.key.subclassification)},
           {key(C::total_payments), c.total_payments},
           {key(C::medical_surgical), ms},
           {key(C::mental_health), mh}};
    if (!c.key.tier.empty())
      j[key(c.key.classification == Classification::prescription_drugs ? C::formulary_tier : C::tier)] = c.key.tier;
    classes.push_back(std::move(j));
  }
  return classes;
}

json nqtl_json(const NqtlRecord& r) {
  namespace N = decl::benefit_design_nqtl;
  namespace AP = decl::nqtl_applies_to;
  namespace OP = decl::nqtl_in_operation;
  json applies = json::array();
  for (const auto& a : r.applies_to)
    applies.push_back({{key(AP::classification), to_string(a.classification)}, {key(AP::mental_health), a.mental_health},
                       {key(AP::medical_surgical), a.medical_surgical}});
  json operation = json::array();
  for (const auto& c : r.in_operation)
    operation.push_back({{key(OP::measure), to_string(c.measure)}, {key(OP::classification), to_string(c.classification)},
                         {key(OP::period), c.period}, {key(OP::mental_health), measured_json(c.mental_health, c.measure)},
                         {key(OP::medical_surgical), measured_json(c.medical_surgical, c.measure)},
                         {key(OP::threshold), measured_json(c.threshold, c.measure)}});
  json j{{key(N::name), r.name}, {key(N::kind), to_string(r.kind)}, {key(N::benefit), r.benefit},
         {key(N::comparable_benefit), r.comparable_benefit}, {key(N::terms), r.terms}, {key(N::factors), r.factors},
         {key(N::evidentiary_standards), r.evidentiary_standards}, {key(N::comparative_analysis), r.comparative_analysis},
         {key(N::findings), r.findings}, {key(N::mental_health), practice_json(r.mental_health)},
         {key(N::medical_surgical), practice_json(r.medical_surgical)}, {key(N::applies_to), applies},
         {key(N::in_operation), operation}};
  if (!r.classification.empty()) j[key(N::classification)] = r.classification;
  return j;
}

json cost_exemption_json(const CostExemption& e) {
  namespace E = decl::benefit_design_cost_exemption;
  namespace CE = decl::benefit_design_cost_exemption_certification;
  namespace NO = decl::benefit_design_cost_exemption_notices;
  json j{{key(E::measured_plan_year_start), to_iso_string(e.measured_plan_year_start)},
         {key(E::compliance_year), e.compliance_year},
         {key(E::cost_increase), e.cost_increase}};
  if (e.determined_on) j[key(E::determined_on)] = to_iso_string(*e.determined_on);
  if (e.certification)
    j[key(E::certification)] = {{key(CE::actuary), e.certification->actuary},
                          {key(CE::american_academy_of_actuaries_member), e.certification->american_academy_of_actuaries_member},
                          {key(CE::certified_on), to_iso_string(e.certification->certified_on)}};
  json notices = json::object();
  if (e.notice_to_secretary) notices[key(NO::secretary)] = to_iso_string(*e.notice_to_secretary);
  if (e.notice_to_state) notices[key(NO::state)] = to_iso_string(*e.notice_to_state);
  if (e.notice_to_participants) notices[key(NO::participants)] = to_iso_string(*e.notice_to_participants);
  j[key(E::notices)] = notices;
  return j;
}

json dollar_limit_json(const DollarLimitDesign& d) {
  namespace D = decl::benefit_design_dollar_limit;
  namespace DC = decl::dollar_limit_category;
  namespace DM = decl::benefit_design_dollar_limit_mental_health;
  json categories = json::array();
  for (const auto& c : d.medical_surgical)
    categories.push_back({{key(DC::category), c.category}, {key(DC::limit), c.limit}, {key(DC::payments), c.payments}});
  json mh{{key(DM::application), to_string(d.mental_health.application)}};
  if (d.mental_health.limit) mh[key(DM::limit)] = *d.mental_health.limit;
  json j{{key(D::kind), to_string(d.kind)}, {key(D::total_payments), d.total_payments}, {key(D::medical_surgical), categories},
         {key(D::mental_health), mh}};
  if (d.unlimited_upper_limit) j[key(D::unlimited_upper_limit)] = *d.unlimited_upper_limit;
  return j;
}

}  // namespace

BenefitDesign benefit_design_from_json(const json& document, std::string path) {
  const JsonReader in(document, path);
  in.expect_only(decl::benefit_design::members);
  BenefitDesign d;
  d.plan = in.identifier(decl::benefit_design::plan);
  if (auto v = in.find(decl::benefit_design::coverage_unit)) d.coverage_unit = v->as_identifier(decl::benefit_design::coverage_unit);
  d.plan_year_start = in.at(decl::benefit_design::plan_year_start).as_date();
  if (auto v = in.find(decl::benefit_design::state)) d.state = v->as_string();
  if (auto v = in.find(decl::benefit_design::has_mental_health_benefits)) d.has_mental_health_benefits = v->as_bool();
  if (auto v = in.find(decl::benefit_design::status)) d.status = read_status(*v);
  if (auto v = in.find(decl::benefit_design::employer)) d.employer = read_employer(*v);
  if (auto v = in.find(decl::benefit_design::participants_current_employees))
    d.participants_current_employees = static_cast<int>(v->as_int(decl::benefit_design::participants_current_employees));
  if (auto v = in.find(decl::benefit_design::cost_exemption)) d.cost_exemption = read_cost_exemption(*v);
  const auto classes = in.find(decl::benefit_design::classifications);
  const auto units = in.find(decl::benefit_design::coverage_units);
  if (classes.has_value() == units.has_value())
    throw ValidationError(in.path(), classes ? "classifications and coverage_units" : "(neither)",
                          "must give the classifications once",
                          "classifications (one coverage unit) or coverage_units (several, each tested separately, 29 CFR "
                          "2590.712(c)(3)(ii))");
  if (classes) d.classifications = read_classifications(*classes);
  if (units) {
    if (in.find(decl::benefit_design::coverage_unit))
      throw ValidationError(in.path() + ".coverage_unit", iop::quoted(d.coverage_unit), "is given beside coverage_units",
                            "the unit names inside coverage_units");
    for (std::size_t i = 0; i < units->array_size(decl::benefit_design::coverage_units); ++i) {
      const auto u = units->at(i);
      u.expect_only(decl::benefit_design_coverage_unit::members);
      d.coverage_units.push_back({u.identifier(decl::benefit_design_coverage_unit::coverage_unit), read_classifications(u.at(decl::benefit_design_coverage_unit::classifications))});
    }
    if (d.coverage_units.empty())
      throw ValidationError(units->path(), "[]", "is empty", "at least one coverage unit");
  }
  if (auto list = in.find(decl::benefit_design::network_tiers))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design::network_tiers); ++i) {
      const auto t = list->at(i);
      t.expect_only(decl::benefit_design_network_tier::members);
      d.network_tiers.push_back({t.identifier(decl::benefit_design_network_tier::id), t.identifier(decl::benefit_design_network_tier::name), t.text(decl::benefit_design_network_tier::factors),
                                 t.at(decl::benefit_design_network_tier::without_regard_to_mh_sud).as_bool()});
    }
  if (auto list = in.find(decl::benefit_design::formulary_tiers))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design::formulary_tiers); ++i) {
      namespace D = decl::formulary_tier;
      const auto t = list->at(i);
      t.expect_only(D::members);
      d.formulary_tiers.push_back({t.identifier(D::id), t.identifier(D::name), t.text(D::factors),
                                   t.at(D::without_regard_to_mh_sud).as_bool()});
    }
  if (auto list = in.find(decl::benefit_design::dollar_limits))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design::dollar_limits); ++i) d.dollar_limits.push_back(read_dollar_limit(list->at(i)));
  if (auto v = in.find(decl::benefit_design::accumulation)) {
    v->expect_only(decl::benefit_design_accumulation::members);
    auto read = [&](const decl::Member& key, Accumulation& out) {
      if (auto a = v->find(key)) out = detail::parse_enum(kAccumulation, a->as_string(), a->path(), "an accumulation");
    };
    read(decl::benefit_design_accumulation::deductible, d.deductible);
    read(decl::benefit_design_accumulation::out_of_pocket_maximum, d.out_of_pocket_maximum);
    read(decl::benefit_design_accumulation::visit_and_day_limits, d.visit_and_day_limits);
  }
  if (auto v = in.find(decl::benefit_design::nqtls))
    for (std::size_t i = 0; i < v->array_size(decl::benefit_design::nqtls); ++i) d.nqtls.push_back(read_nqtl(v->at(i)));
  if (auto v = in.find(decl::benefit_design::medical_necessity_criteria))
    for (std::size_t i = 0; i < v->array_size(decl::benefit_design::medical_necessity_criteria); ++i) d.medical_necessity_criteria.push_back(read_criteria(v->at(i)));
  if (auto v = in.find(decl::benefit_design::timely_in_network_access)) d.timely_in_network_access = v->as_bool();
  if (auto v = in.find(decl::benefit_design::out_of_network_at_in_network_cost_sharing)) d.out_of_network_at_in_network_cost_sharing = v->as_bool();
  if (auto list = in.find(decl::benefit_design::telehealth))
    for (std::size_t i = 0; i < list->array_size(decl::benefit_design::telehealth); ++i) d.telehealth.push_back(read_telehealth(list->at(i)));
  check_design(d, in.path());
  return d;
}

json to_json(const BenefitDesign& d) {
  // Every member named through its declaration (declarations/benefit_design.py), as the reader names it.
  using decl::key;
  namespace B = decl::benefit_design;
  namespace MC = decl::medical_necessity_criteria;
  namespace ST = decl::benefit_design_status;
  namespace NT = decl::benefit_design_network_tier;
  namespace FT = decl::formulary_tier;
  namespace TH = decl::telehealth_cost_sharing;
  namespace AC = decl::benefit_design_accumulation;
  namespace CU = decl::benefit_design_coverage_unit;
  namespace EM = decl::benefit_design_employer;
  namespace CG = decl::controlled_group_member;
  json nqtls = json::array();
  for (const auto& r : d.nqtls) nqtls.push_back(nqtl_json(r));
  json criteria = json::array();
  for (const auto& c : d.medical_necessity_criteria)
    criteria.push_back(c.name.empty() ? json(c.id) : json{{key(MC::id), c.id}, {key(MC::name), c.name}, {key(MC::developer), c.developer}});
  json status = json::object();
  if (d.status.funding != Funding::unstated) status[key(ST::funding)] = to_string(d.status.funding);
  if (d.status.market != Market::unstated) status[key(ST::market)] = to_string(d.status.market);
  if (d.status.grandfathered) status[key(ST::grandfathered)] = *d.status.grandfathered;
  if (d.status.sponsor != Sponsor::unstated) status[key(ST::sponsor)] = to_string(d.status.sponsor);
  json tiers = json::array();
  for (const auto& t : d.network_tiers)
    tiers.push_back({{key(NT::id), t.id}, {key(NT::name), t.name}, {key(NT::factors), t.factors},
                     {key(NT::without_regard_to_mh_sud), t.without_regard_to_mh_sud}});
  json limits = json::array();
  for (const auto& l : d.dollar_limits) limits.push_back(dollar_limit_json(l));
  json formulary = json::array();
  for (const auto& t : d.formulary_tiers)
    formulary.push_back({{key(FT::id), t.id}, {key(FT::name), t.name}, {key(FT::factors), t.factors},
                         {key(FT::without_regard_to_mh_sud), t.without_regard_to_mh_sud}});
  json telehealth = json::array();
  for (const auto& t : d.telehealth)
    telehealth.push_back({{key(TH::service), t.service}, {key(TH::classification), to_string(t.classification)},
                          {key(TH::type), to_string(t.type)}, {key(TH::in_person), level_text(t.type, t.in_person)},
                          {key(TH::telehealth), level_text(t.type, t.telehealth)}});
  json j{{key(B::plan), d.plan},
         {key(B::plan_year_start), to_iso_string(d.plan_year_start)},
         {key(B::state), d.state},
         {key(B::has_mental_health_benefits), d.has_mental_health_benefits},
         {key(B::status), status},
         {key(B::network_tiers), tiers},
         {key(B::dollar_limits), limits},
         {key(B::accumulation),
          {{key(AC::deductible), detail::enum_name(kAccumulation, d.deductible)},
           {key(AC::out_of_pocket_maximum), detail::enum_name(kAccumulation, d.out_of_pocket_maximum)},
           {key(AC::visit_and_day_limits), detail::enum_name(kAccumulation, d.visit_and_day_limits)}}},
         {key(B::nqtls), nqtls},
         {key(B::medical_necessity_criteria), criteria},
         {key(B::timely_in_network_access), d.timely_in_network_access},
         {key(B::out_of_network_at_in_network_cost_sharing), d.out_of_network_at_in_network_cost_sharing},
         {key(B::telehealth), telehealth}};
  if (d.coverage_units.empty()) {
    j[key(B::coverage_unit)] = d.coverage_unit;
    j[key(B::classifications)] = classifications_json(d.classifications);
  } else {
    json units = json::array();
    for (const auto& u : d.coverage_units)
      units.push_back({{key(CU::coverage_unit), u.coverage_unit}, {key(CU::classifications), classifications_json(u.classifications)}});
    j[key(B::coverage_units)] = units;
  }
  if (d.employer) {
    json e{{key(EM::controlled_group), json::array()},
           {key(EM::state_permits_one_person_small_group), d.employer->state_permits_one_person_small_group}};
    if (d.employer->average_employees_prior_year) e[key(EM::average_employees_prior_year)] = *d.employer->average_employees_prior_year;
    if (d.employer->expected_employees_current_year)
      e[key(EM::expected_employees_current_year)] = *d.employer->expected_employees_current_year;
    for (const auto& m : d.employer->controlled_group) e[key(EM::controlled_group)].push_back({{key(CG::name), m.name}, {key(CG::employees), m.employees}});
    j[key(B::employer)] = e;
  }
  if (!d.formulary_tiers.empty()) j[key(B::formulary_tiers)] = formulary;
  if (d.participants_current_employees) j[key(B::participants_current_employees)] = *d.participants_current_employees;
  if (d.cost_exemption) j[key(B::cost_exemption)] = cost_exemption_json(*d.cost_exemption);
  return j;
}


}  // namespace iop::parity
