#include "iop/parity/benefit_design.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/checked.hpp"
#include "iop/detail/enum_names.hpp"

namespace iop::parity {
namespace {

using nlohmann::json;

constexpr detail::EnumNames<Classification, 6> kClassifications{{
    {Classification::inpatient_in_network, "inpatient_in_network"},
    {Classification::inpatient_out_of_network, "inpatient_out_of_network"},
    {Classification::outpatient_in_network, "outpatient_in_network"},
    {Classification::outpatient_out_of_network, "outpatient_out_of_network"},
    {Classification::emergency, "emergency"},
    {Classification::prescription_drugs, "prescription_drugs"}}};
constexpr detail::EnumNames<Subclassification, 3> kSubclassifications{{
    {Subclassification::none, "none"}, {Subclassification::office_visits, "office_visits"},
    {Subclassification::all_other, "all_other"}}};
constexpr detail::EnumNames<LimitType, 6> kTypes{{
    {LimitType::deductible, "deductible"},
    {LimitType::copay, "copay"},
    {LimitType::coinsurance, "coinsurance"},
    {LimitType::out_of_pocket_maximum, "out_of_pocket_maximum"},
    {LimitType::visit_limit, "visit_limit"},
    {LimitType::day_limit, "day_limit"}}};
constexpr detail::EnumNames<NqtlKind, 5> kNqtlKinds{{
    {NqtlKind::prior_authorization, "prior_authorization"},
    {NqtlKind::concurrent_review, "concurrent_review"},
    {NqtlKind::medical_necessity_criteria, "medical_necessity_criteria"},
    {NqtlKind::reimbursement_method, "reimbursement_method"},
    {NqtlKind::other, "other"}}};
constexpr detail::EnumNames<Accumulation, 2> kAccumulation{{{Accumulation::joint, "joint"},
                                                            {Accumulation::separate, "separate"}}};

NqtlPractice read_practice(const JsonReader& in) {
  in.expect_only({"required", "review_every_days", "criteria_source", "reimbursement_percent_of_medicare"});
  NqtlPractice p;
  if (auto v = in.find("required")) p.required = v->as_bool();
  if (auto v = in.find("review_every_days")) p.review_every_days = static_cast<int>(v->as_int(1, 365));
  if (auto v = in.find("criteria_source")) p.criteria_source = v->as_text();
  if (auto v = in.find("reimbursement_percent_of_medicare"))
    p.reimbursement_percent_of_medicare = static_cast<int>(v->as_int(0, 1000));
  return p;
}

// A level in the JSON form `parse_level` reads: "35.00", "20%", "30".
std::string level_text(LimitType type, std::int64_t level) {
  if (type == LimitType::coinsurance) return format_level(type, level);
  if (lower_is_more_restrictive(type)) return std::to_string(level);
  return Money::from_cents(level).to_plain_string();
}

json practice_json(const NqtlPractice& p) {
  json j{{"required", p.required}, {"criteria_source", p.criteria_source}};
  if (p.review_every_days) j["review_every_days"] = *p.review_every_days;
  if (p.reimbursement_percent_of_medicare) j["reimbursement_percent_of_medicare"] = *p.reimbursement_percent_of_medicare;
  return j;
}

}  // namespace

std::string_view to_string(Classification c) noexcept { return detail::enum_name(kClassifications, c); }
Classification parse_classification(std::string_view text, std::string_view field) {
  return detail::parse_enum(kClassifications, text, field, "a benefit classification");
}
std::string_view to_string(Subclassification s) noexcept { return detail::enum_name(kSubclassifications, s); }
std::string_view to_string(LimitType t) noexcept { return detail::enum_name(kTypes, t); }
LimitType parse_limit_type(std::string_view text, std::string_view field) {
  return detail::parse_enum(kTypes, text, field, "a financial requirement or quantitative limit type");
}
std::string_view to_string(NqtlKind k) noexcept { return detail::enum_name(kNqtlKinds, k); }
NqtlKind parse_nqtl_kind(std::string_view text, std::string_view field) {
  return detail::parse_enum(kNqtlKinds, text, field, "an NQTL kind");
}

std::string format_level(LimitType t, std::int64_t level) {
  switch (t) {
    case LimitType::coinsurance: return Rate::basis_points(level).to_string();
    case LimitType::visit_limit: return std::to_string(level) + " visits";
    case LimitType::day_limit: return std::to_string(level) + " days";
    default: return Money::from_cents(level).to_string();
  }
}

std::int64_t parse_level(LimitType t, std::string_view text, std::string_view field) {
  switch (t) {
    case LimitType::coinsurance: {
      const Rate r = Rate::parse(text, field);
      if ((r.numerator() * 10000) % r.denominator() != 0 || r > Rate::percent(100))
        throw ValidationError(std::string(field), iop::quoted(text), "is not a coinsurance in whole basis points",
                              "0%..100%, e.g. 20% or 12.5%");
      return r.numerator() * 10000 / r.denominator();
    }
    case LimitType::visit_limit:
    case LimitType::day_limit: {
      std::int64_t n = 0;
      for (char c : text) {
        if (c < '0' || c > '9' || n > 100000)
          throw ValidationError(std::string(field), iop::quoted(text), "is not a number of visits or days", "0..100000");
        n = n * 10 + (c - '0');
      }
      if (text.empty()) throw ValidationError(std::string(field), "''", "is not a number of visits or days", "0..100000");
      return n;
    }
    default: {
      const Money m = Money::parse(text, field);
      if (m.is_negative()) throw ValidationError(std::string(field), m.to_string(), "is negative", "$0.00 or more");
      const auto most = Money::from_cents(limits::max_amount_cents);
      if (m > most) throw ValidationError(std::string(field), m.to_string(), "is above the largest level iop takes",
                                          "$0.00.." + most.to_string() + " (docs/limits.md)");
      return m.cents();
    }
  }
}

std::string ClassificationKey::describe() const {
  std::string text(to_string(classification));
  if (subclassification != Subclassification::none) text += " / " + std::string(to_string(subclassification));
  if (!tier.empty()) text += " / tier " + tier;
  return text;
}

BenefitDesign benefit_design_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"plan", "coverage_unit", "plan_year_start", "state", "has_mental_health_benefits", "employer_employees",
                  "insured_small_group_or_individual", "cost_exemption", "classifications", "accumulation", "nqtls",
                  "medical_necessity_criteria", "timely_in_network_access", "out_of_network_at_in_network_cost_sharing",
                  "telehealth_cost_sharing_above_in_person"});
  BenefitDesign d;
  d.plan = in.at("plan").as_identifier();
  if (auto v = in.find("coverage_unit")) d.coverage_unit = v->as_identifier();
  d.plan_year_start = in.at("plan_year_start").as_date();
  if (auto v = in.find("state")) d.state = v->as_string();
  if (auto v = in.find("has_mental_health_benefits")) d.has_mental_health_benefits = v->as_bool();
  if (auto v = in.find("employer_employees")) d.employer_employees = static_cast<int>(v->as_int(0, 10'000'000));
  if (auto v = in.find("insured_small_group_or_individual")) d.insured_small_group_or_individual = v->as_bool();
  if (auto v = in.find("cost_exemption")) {
    v->expect_only({"compliance_year", "cost_increase"});
    d.compliance_year = static_cast<int>(v->at("compliance_year").as_int(1, 100));
    d.cost_increase = v->at("cost_increase").as_rate();
  }
  if (auto v = in.find("accumulation")) {
    v->expect_only({"deductible", "out_of_pocket_maximum", "visit_and_day_limits"});
    auto read = [&](const char* key, Accumulation& out) {
      if (auto a = v->find(key)) out = detail::parse_enum(kAccumulation, a->as_string(), a->path(), "an accumulation");
    };
    read("deductible", d.deductible);
    read("out_of_pocket_maximum", d.out_of_pocket_maximum);
    read("visit_and_day_limits", d.visit_and_day_limits);
  }
  const auto classes = in.at("classifications");
  const Money most_payments = Money::from_cents(limits::max_payments_cents);
  for (std::size_t i = 0; i < classes.array_size(limits::max_list); ++i) {
    const auto c = classes.at(i);
    c.expect_only({"classification", "subclassification", "tier", "total_payments", "medical_surgical", "mental_health"});
    ClassificationData data;
    const auto cls = c.at("classification");
    data.key.classification = parse_classification(cls.as_string(), cls.path());
    if (auto v = c.find("subclassification")) {
      data.key.subclassification =
          detail::parse_enum(kSubclassifications, v->as_string(), v->path(), "an outpatient sub-classification");
      const bool outpatient = data.key.classification == Classification::outpatient_in_network ||
                              data.key.classification == Classification::outpatient_out_of_network;
      if (data.key.subclassification != Subclassification::none && !outpatient)
        throw ValidationError(v->path(), v->as_string(), "is only permitted for outpatient classifications",
                              "none for " + std::string(to_string(data.key.classification)) +
                                  " (29 CFR 2590.712(c)(3)(iii))");
    }
    if (auto v = c.find("tier")) data.key.tier = v->as_identifier();
    data.total_payments = c.at("total_payments").as_money(Money(), most_payments);
    if (auto ms = c.find("medical_surgical")) {
      for (std::size_t k = 0; k < ms->array_size(limits::max_list); ++k) {
        const auto row = ms->at(k);
        row.expect_only({"type", "level", "payments"});
        const auto type_field = row.at("type");
        const auto type = parse_limit_type(type_field.as_string(), type_field.path());
        const auto level_field = row.at("level");
        data.medical_surgical.push_back({type, parse_level(type, level_field.as_string(), level_field.path()),
                                         row.at("payments").as_money(Money(), most_payments)});
      }
      // The rows of one type share the classification's payments (a hundred rows of
      // $100 billion add up exactly): checked here to name the rows as given.
      for (const auto& row : data.medical_surgical) {
        Money of_type;
        for (const auto& other : data.medical_surgical)
          if (other.type == row.type) of_type += other.payments;
        if (of_type > data.total_payments)
          throw ValidationError(ms->path(), of_type.to_string() + " of " + std::string(to_string(row.type)) + " rows",
                                "is more than the classification's total_payments", "at most " + data.total_payments.to_string());
      }
    }
    if (auto mh = c.find("mental_health"))
      for (std::size_t k = 0; k < mh->array_size(limits::max_list); ++k) {
        const auto row = mh->at(k);
        row.expect_only({"benefit", "type", "level"});
        const auto type_field = row.at("type");
        const auto type = parse_limit_type(type_field.as_string(), type_field.path());
        const auto level_field = row.at("level");
        data.mental_health.push_back(
            {row.at("benefit").as_identifier(), type, parse_level(type, level_field.as_string(), level_field.path())});
      }
    d.classifications.push_back(std::move(data));
  }
  if (auto v = in.find("nqtls"))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) {
      const auto n = v->at(i);
      n.expect_only({"name", "kind", "classification", "benefit", "comparable_benefit", "terms", "factors",
                     "evidentiary_standards", "comparative_analysis", "findings", "mental_health", "medical_surgical"});
      NqtlRecord r;
      r.name = n.at("name").as_identifier();
      const auto kind = n.at("kind");
      r.kind = parse_nqtl_kind(kind.as_string(), kind.path());
      auto text = [&](const char* key) { return n.find(key) ? n.at(key).as_text() : std::string(); };
      r.classification = text("classification");
      r.benefit = text("benefit");
      r.comparable_benefit = text("comparable_benefit");
      r.terms = text("terms");
      r.factors = text("factors");
      r.evidentiary_standards = text("evidentiary_standards");
      r.comparative_analysis = text("comparative_analysis");
      r.findings = text("findings");
      if (auto p = n.find("mental_health")) r.mental_health = read_practice(*p);
      if (auto p = n.find("medical_surgical")) r.medical_surgical = read_practice(*p);
      d.nqtls.push_back(std::move(r));
    }
  if (auto v = in.find("medical_necessity_criteria"))
    for (std::size_t i = 0; i < v->array_size(limits::max_list); ++i) d.medical_necessity_criteria.push_back(v->at(i).as_text());
  if (auto v = in.find("timely_in_network_access")) d.timely_in_network_access = v->as_bool();
  if (auto v = in.find("out_of_network_at_in_network_cost_sharing")) d.out_of_network_at_in_network_cost_sharing = v->as_bool();
  if (auto v = in.find("telehealth_cost_sharing_above_in_person")) d.telehealth_cost_sharing_above_in_person = v->as_bool();
  return d;
}

json to_json(const BenefitDesign& d) {
  json classes = json::array();
  for (const auto& c : d.classifications) {
    json ms = json::array();
    for (const auto& r : c.medical_surgical)
      ms.push_back({{"type", to_string(r.type)}, {"level", level_text(r.type, r.level)}, {"payments", r.payments}});
    json mh = json::array();
    for (const auto& r : c.mental_health)
      mh.push_back({{"benefit", r.benefit}, {"type", to_string(r.type)}, {"level", level_text(r.type, r.level)}});
    json j{{"classification", to_string(c.key.classification)},
           {"subclassification", to_string(c.key.subclassification)},
           {"total_payments", c.total_payments},
           {"medical_surgical", ms},
           {"mental_health", mh}};
    if (!c.key.tier.empty()) j["tier"] = c.key.tier;
    classes.push_back(std::move(j));
  }
  json nqtls = json::array();
  for (const auto& r : d.nqtls)
    nqtls.push_back({{"name", r.name}, {"kind", to_string(r.kind)}, {"classification", r.classification},
                     {"benefit", r.benefit}, {"comparable_benefit", r.comparable_benefit}, {"terms", r.terms},
                     {"factors", r.factors}, {"evidentiary_standards", r.evidentiary_standards},
                     {"comparative_analysis", r.comparative_analysis}, {"findings", r.findings},
                     {"mental_health", practice_json(r.mental_health)},
                     {"medical_surgical", practice_json(r.medical_surgical)}});
  json j{{"plan", d.plan},
         {"coverage_unit", d.coverage_unit},
         {"plan_year_start", to_iso_string(d.plan_year_start)},
         {"state", d.state},
         {"has_mental_health_benefits", d.has_mental_health_benefits},
         {"insured_small_group_or_individual", d.insured_small_group_or_individual},
         {"classifications", classes},
         {"accumulation",
          {{"deductible", detail::enum_name(kAccumulation, d.deductible)},
           {"out_of_pocket_maximum", detail::enum_name(kAccumulation, d.out_of_pocket_maximum)},
           {"visit_and_day_limits", detail::enum_name(kAccumulation, d.visit_and_day_limits)}}},
         {"nqtls", nqtls},
         {"medical_necessity_criteria", d.medical_necessity_criteria},
         {"timely_in_network_access", d.timely_in_network_access},
         {"out_of_network_at_in_network_cost_sharing", d.out_of_network_at_in_network_cost_sharing},
         {"telehealth_cost_sharing_above_in_person", d.telehealth_cost_sharing_above_in_person}};
  if (d.employer_employees) j["employer_employees"] = *d.employer_employees;
  if (d.compliance_year && d.cost_increase)
    j["cost_exemption"] = {{"compliance_year", *d.compliance_year}, {"cost_increase", *d.cost_increase}};
  return j;
}

std::vector<ClassificationData> aggregate_claims(const ClaimColumns& claims) {
  const std::size_t n = claims.classification.size();
  if (claims.type.size() != n || claims.level.size() != n || claims.payment.size() != n)
    throw ValidationError("claims", std::to_string(n) + " rows", "has columns of unequal length",
                          "classification, type, level and payment of equal length");
  // A plan has few levels per classification and type: keep up to kSlots in flat
  // arrays searched without branches, and spill the rare rest into a map.
  constexpr int kCells = 6 * 6;
  constexpr int kSlots = 16;
  struct Cells {
    std::array<std::array<std::int64_t, kSlots>, kCells> level{};
    std::array<std::array<std::int64_t, kSlots>, kCells> sum{};
    std::array<int, kCells> used{};
    std::map<std::pair<int, std::int64_t>, std::int64_t> spill;
  };
  auto cells = std::make_unique<Cells>();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned c = claims.classification[i];
    const unsigned t = claims.type[i];
    if (c >= 6 || t >= 6) [[unlikely]]
      throw ValidationError(c >= 6 ? "claims.classification" : "claims.type",
                            std::to_string(c >= 6 ? c : t) + " at row " + std::to_string(i), "is not a code",
                            c >= 6 ? "0..5 (Classification)" : "0..5 (LimitType)");
    const auto cell = static_cast<std::size_t>(c * 6 + t);
    const std::int64_t level = claims.level[i];
    const std::int64_t payment = claims.payment[i];
    if (payment < 0) [[unlikely]]
      throw ValidationError("claims.payment[" + std::to_string(i) + "]", Money::from_cents(payment).to_string(),
                            "is negative", "a plan payment of $0.00 or more, in cents");
    if (level < 0) [[unlikely]]
      throw ValidationError("claims.level[" + std::to_string(i) + "]", std::to_string(level), "is negative",
                            "0 or more in the type's unit (cents, basis points, visits or days)");
    auto& levels = cells->level[cell];
    const int used = cells->used[cell];
    int slot = -1;
    for (int k = 0; k < used; ++k) slot = levels[static_cast<std::size_t>(k)] == level ? k : slot;
    if (slot < 0) [[unlikely]] {
      if (used == kSlots) {
        auto& spilled = cells->spill[{static_cast<int>(cell), level}];
        spilled = detail::add_cents(spilled, payment, [] { return std::string("claims.payment (sum)"); });
        continue;
      }
      slot = used;
      levels[static_cast<std::size_t>(slot)] = level;
      cells->used[cell] = used + 1;
    }
    auto& sum = cells->sum[cell][static_cast<std::size_t>(slot)];
    sum = detail::add_cents(sum, payment, [] { return std::string("claims.payment (sum)"); });
  }
  std::vector<ClassificationData> out;
  for (unsigned c = 0; c < 6; ++c) {
    std::optional<std::int64_t> total;
    ClassificationData data;
    data.key.classification = static_cast<Classification>(c);
    for (unsigned t = 0; t < 6; ++t) {
      const auto cell = static_cast<std::size_t>(c * 6 + t);
      if (cells->used[cell] == 0) continue;  // no row of this classification and type (spills need a full cell)
      std::map<std::int64_t, std::int64_t> levels;
      for (int k = 0; k < cells->used[cell]; ++k)
        levels[cells->level[cell][static_cast<std::size_t>(k)]] = cells->sum[cell][static_cast<std::size_t>(k)];
      for (const auto& [key, payments] : cells->spill)
        if (key.first == static_cast<int>(cell)) levels[key.second] = payments;
      std::int64_t cell_total = 0;
      for (const auto& [level, payments] : levels)
        cell_total = detail::add_cents(cell_total, payments, [] { return std::string("claims.payment (sum)"); });
      if (total && *total != cell_total)
        throw ValidationError("claims", std::string(to_string(data.key.classification)),
                              "has types whose payments differ (" + Money::from_cents(*total).to_string() + " vs " +
                                  Money::from_cents(cell_total).to_string() + ")",
                              "one row per claim and type, level 0 when the claim is not subject");
      total = cell_total;
      for (const auto& [level, payments] : levels)
        data.medical_surgical.push_back({static_cast<LimitType>(t), level, Money::from_cents(payments)});
    }
    if (!total) continue;
    data.total_payments = Money::from_cents(*total);
    out.push_back(std::move(data));
  }
  return out;
}

}  // namespace iop::parity
