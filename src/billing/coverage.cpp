#include "iop/billing/coverage.hpp"

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/detail/adjudicator.hpp"
#include "iop/detail/enum_names.hpp"

namespace iop {
namespace {

using nlohmann::json;

constexpr detail::EnumNames<NetworkStatus, 2> kNetworks{{{NetworkStatus::in_network, "in_network"},
                                                         {NetworkStatus::out_of_network, "out_of_network"}}};

// An amount of a coverage: $0.00 up to the largest amount on a bill (docs/limits.md).
void require_amount(Money m, const std::string& field) {
  if (m < Money()) throw ValidationError(field, m.to_string(), "is negative", "$0.00 or more");
  const auto most = Money::from_cents(limits::max_amount_cents);
  if (m > most) throw ValidationError(field, m.to_string(), "is above the largest amount iop takes", "$0.00.." + most.to_string());
}

}  // namespace

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

void Coverage::validate(const std::string& path) const {
  const auto field = [&](std::string_view name) { return path.empty() ? std::string(name) : path + "." + std::string(name); };
  require_amount(deductible_individual, field("deductible.individual"));
  require_amount(copay, field("copay"));
  require_amount(oop_individual, field("out_of_pocket_max.individual"));
  if (deductible_family) {
    require_amount(*deductible_family, field("deductible.family"));
    if (*deductible_family < deductible_individual)
      throw ValidationError(field("deductible.family"), deductible_family->to_string(), "is below the individual deductible",
                            deductible_individual.to_string() + " or more");
  }
  if (oop_family) {
    require_amount(*oop_family, field("out_of_pocket_max.family"));
    if (*oop_family < oop_individual)
      throw ValidationError(field("out_of_pocket_max.family"), oop_family->to_string(),
                            "is below the individual out-of-pocket maximum", oop_individual.to_string() + " or more");
  }
  for (const auto& [code, amount] : allowed_amounts) require_amount(amount, field("allowed_amounts." + code));
  if (coinsurance > Rate::percent(100))
    throw ValidationError(field("coinsurance"), coinsurance.to_string(), "is more than the whole amount", "0%..100%");
  if (allowed_share > Rate::percent(100))
    throw ValidationError(field("allowed_share"), allowed_share.to_string(), "is more than the charge", "0%..100%");
  if (files_claims() && oop_individual.is_zero())
    throw ValidationError(field("out_of_pocket_max.individual"), "$0.00", "is missing",
                          "the plan's individual out-of-pocket maximum");
  if (files_claims() && oop_individual < deductible_individual)
    throw ValidationError(field("out_of_pocket_max.individual"), oop_individual.to_string(), "is below the deductible",
                          deductible_individual.to_string() + " or more (the deductible counts toward it)");
  if (visit_limit && *visit_limit < 0)
    throw ValidationError(field("visit_limit"), std::to_string(*visit_limit), "is negative", "0 or more");
  if (authorization) {
    if (authorization->first_day.is_special() || authorization->last_day.is_special())
      throw ValidationError(field("authorization"), authorization->reference, "has no first or last day",
                            "calendar dates for the authorised period");
    if (authorization->last_day < authorization->first_day)
      throw ValidationError(field("authorization.last_day"), to_iso_string(authorization->last_day),
                            "is before the first authorised day", "on or after " + to_iso_string(authorization->first_day));
    if (authorization->units < 0)
      throw ValidationError(field("authorization.units"), std::to_string(authorization->units), "is negative", "0 or more");
  }
  if (accumulators) {
    if (accumulators->as_of.is_special())
      throw ValidationError(field("accumulators.as_of"), "not-a-date", "is missing", "the date the amounts were read");
    require_amount(accumulators->deductible_individual, field("accumulators.deductible_individual"));
    require_amount(accumulators->deductible_family, field("accumulators.deductible_family"));
    require_amount(accumulators->oop_individual, field("accumulators.oop_individual"));
    require_amount(accumulators->oop_family, field("accumulators.oop_family"));
    if (accumulators->oop_individual > oop_individual)
      throw ValidationError(field("accumulators.oop_individual"), accumulators->oop_individual.to_string(),
                            "is above the out-of-pocket maximum", "$0.00.." + oop_individual.to_string());
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

std::vector<AdjudicatedLine> adjudicate(const std::vector<ChargeLine>& charges, const Coverage& coverage) {
  coverage.validate();
  std::vector<ChargeLine> ordered = charges;
  std::stable_sort(ordered.begin(), ordered.end(), [](const ChargeLine& a, const ChargeLine& b) { return a.date < b.date; });

  std::vector<AdjudicatedLine> out;
  out.reserve(ordered.size());
  detail::Adjudicator adjudicator(coverage);
  for (const auto& line : ordered) {
    AdjudicatedLine a{line, Money(), true, Money(), Money(), Money(), Money(), Money(), {}, {}};
    detail::RuleNotes notes{&a.rules};
    adjudicator.start(coverage.plan_year_of(line.date), notes);
    a.allowed = detail::Adjudicator::allowed(coverage, line, notes);
    const auto amounts =
        adjudicator.settle(line.date, line.kind == SessionKind::program_day, a.allowed, line.session_uid, notes);
    a.covered = amounts.covered;
    a.deductible = amounts.deductible;
    a.copay = amounts.copay;
    a.coinsurance = amounts.coinsurance;
    a.patient = amounts.patient;
    a.plan = amounts.plan;
    a.after = adjudicator.state();
    out.push_back(std::move(a));
  }
  return out;
}

Coverage coverage_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  in.expect_only({"payer", "uninsured", "network", "plan_year_start", "deductible", "coinsurance", "copay",
                  "copay_before_deductible", "out_of_pocket_max", "benefit_classification", "allowed_amounts",
                  "allowed_share", "accumulators", "visit_limit", "authorization"});
  Coverage c;
  const auto payer = in.at("payer");
  c.payer = parse_payer_type(payer.as_string(), payer.path());
  if (auto v = in.find("uninsured")) c.uninsured = v->as_bool();
  if (auto v = in.find("network")) c.network = detail::parse_enum(kNetworks, v->as_string(), v->path(), "a network status");
  if (auto v = in.find("plan_year_start")) c.plan_year_start = v->as_date();
  if (auto v = in.find("deductible")) {
    v->expect_only({"individual", "family"});
    c.deductible_individual = v->at("individual").as_money();
    if (auto f = v->find("family")) c.deductible_family = f->as_money();
  }
  if (auto v = in.find("coinsurance")) c.coinsurance = v->as_rate();
  if (auto v = in.find("copay")) c.copay = v->as_money();
  if (auto v = in.find("copay_before_deductible")) c.copay_before_deductible = v->as_bool();
  if (auto v = in.find("out_of_pocket_max")) {
    v->expect_only({"individual", "family"});
    c.oop_individual = v->at("individual").as_money();
    if (auto f = v->find("family")) c.oop_family = f->as_money();
  }
  if (auto v = in.find("benefit_classification")) c.benefit_classification = v->as_identifier();
  if (auto v = in.find("allowed_amounts")) {
    if (!v->json().is_object()) throw ValidationError(v->path(), "", "is a JSON " + std::string(v->json().type_name()), "{\"code\": \"amount\"}");
    if (v->json().size() > limits::max_long_list)
      throw ValidationError(v->path(), "", "has too many members", "at most " + std::to_string(limits::max_long_list));
    for (const auto& item : v->json().items()) c.allowed_amounts[item.key()] = v->at(item.key()).as_money();
  }
  if (auto v = in.find("allowed_share")) c.allowed_share = v->as_rate();
  if (auto v = in.find("accumulators")) {
    v->expect_only({"as_of", "deductible_individual", "deductible_family", "oop_individual", "oop_family", "visits_used"});
    Accumulators a{v->at("as_of").as_date(), Money(), Money(), Money(), Money(), 0};
    if (auto f = v->find("deductible_individual")) a.deductible_individual = f->as_money();
    if (auto f = v->find("deductible_family")) a.deductible_family = f->as_money();
    if (auto f = v->find("oop_individual")) a.oop_individual = f->as_money();
    if (auto f = v->find("oop_family")) a.oop_family = f->as_money();
    if (auto f = v->find("visits_used")) a.visits_used = static_cast<int>(f->as_int(0, 366));
    c.accumulators = a;
  }
  if (auto v = in.find("visit_limit")) c.visit_limit = static_cast<int>(v->as_int(0, 366));
  if (auto v = in.find("authorization")) {
    v->expect_only({"reference", "first_day", "last_day", "units"});
    c.authorization = Authorization{v->at("reference").as_identifier(), v->at("first_day").as_date(),
                                    v->at("last_day").as_date(), static_cast<int>(v->at("units").as_int(0, 366))};
  }
  c.validate(in.path());
  return c;
}

json to_json(const Coverage& c) {
  json j{{"payer", to_string(c.payer)},
         {"uninsured", c.uninsured},
         {"network", detail::enum_name(kNetworks, c.network)},
         {"plan_year_start", to_iso_string(c.plan_year_start)},
         {"deductible", {{"individual", c.deductible_individual}}},
         {"coinsurance", c.coinsurance},
         {"copay", c.copay},
         {"copay_before_deductible", c.copay_before_deductible},
         {"out_of_pocket_max", {{"individual", c.oop_individual}}},
         {"benefit_classification", c.benefit_classification},
         {"allowed_share", c.allowed_share}};
  if (c.deductible_family) j["deductible"]["family"] = *c.deductible_family;
  if (c.oop_family) j["out_of_pocket_max"]["family"] = *c.oop_family;
  if (!c.allowed_amounts.empty()) {
    j["allowed_amounts"] = json::object();
    for (const auto& [code, amount] : c.allowed_amounts) j["allowed_amounts"][code] = amount;
  }
  if (c.accumulators)
    j["accumulators"] = {{"as_of", to_iso_string(c.accumulators->as_of)},
                         {"deductible_individual", c.accumulators->deductible_individual},
                         {"deductible_family", c.accumulators->deductible_family},
                         {"oop_individual", c.accumulators->oop_individual},
                         {"oop_family", c.accumulators->oop_family},
                         {"visits_used", c.accumulators->visits_used}};
  if (c.visit_limit) j["visit_limit"] = *c.visit_limit;
  if (c.authorization)
    j["authorization"] = {{"reference", c.authorization->reference},
                          {"first_day", to_iso_string(c.authorization->first_day)},
                          {"last_day", to_iso_string(c.authorization->last_day)},
                          {"units", c.authorization->units}};
  return j;
}

json to_json(const std::vector<AdjudicatedLine>& lines) {
  json out = json::array();
  for (const auto& a : lines)
    out.push_back({{"date", to_iso_string(a.charge.date)},
                   {"session", a.charge.session_uid},
                   {"kind", to_string(a.charge.kind)},
                   {"code", a.charge.code},
                   {"revenue_code", a.charge.revenue_code},
                   {"units", a.charge.units},
                   {"services", a.charge.services},
                   {"charge", a.charge.charge},
                   {"allowed", a.allowed},
                   {"covered", a.covered},
                   {"deductible", a.deductible},
                   {"copay", a.copay},
                   {"coinsurance", a.coinsurance},
                   {"patient", a.patient},
                   {"plan", a.plan},
                   {"rules", [&] {
                      json r = json::array({a.charge.rule});
                      for (const auto& rule : a.rules) r.push_back(rule);
                      return r;
                    }()},
                   {"after",
                    {{"plan_year", to_iso_string(a.after.plan_year)},
                     {"deductible_individual", a.after.deductible_individual},
                     {"deductible_family", a.after.deductible_family},
                     {"oop_individual", a.after.oop_individual},
                     {"oop_family", a.after.oop_family},
                     {"visits_used", a.after.visits_used},
                     {"authorized_units_used", a.after.authorized_units_used}}}});
  return out;
}

std::vector<AdjudicatedLine> adjudicated_lines_from_json(const json& document, std::string path) {
  const JsonReader in(document, std::move(path));
  std::vector<AdjudicatedLine> out;
  for (std::size_t i = 0; i < in.array_size(); ++i) {
    const auto l = in.at(i);
    l.expect_only({"date", "session", "kind", "code", "revenue_code", "units", "services", "charge", "allowed", "covered",
                   "deductible", "copay", "coinsurance", "patient", "plan", "rules", "after"});
    AdjudicatedLine a{};
    a.charge.date = l.at("date").as_date();
    a.charge.session_uid = l.at("session").as_string();
    const auto kind = l.at("kind");
    a.charge.kind = parse_session_kind(kind.as_string(), kind.path());
    a.charge.code = l.at("code").as_string();
    a.charge.revenue_code = l.at("revenue_code").as_string();
    a.charge.units = static_cast<int>(l.at("units").as_int(0, 1000));
    a.charge.services = static_cast<int>(l.at("services").as_int(0, 1000));
    a.charge.charge = l.at("charge").as_money();
    a.allowed = l.at("allowed").as_money();
    a.covered = l.at("covered").as_bool();
    a.deductible = l.at("deductible").as_money();
    a.copay = l.at("copay").as_money();
    a.coinsurance = l.at("coinsurance").as_money();
    a.patient = l.at("patient").as_money();
    a.plan = l.at("plan").as_money();
    const auto rules = l.at("rules");
    if (rules.array_size() == 0)
      throw ValidationError(rules.path(), "[]", "has no pricing rule", "the rule that priced the line, then the others");
    a.charge.rule = rules.at(0).as_string();
    for (std::size_t k = 1; k < rules.array_size(); ++k) a.rules.push_back(rules.at(k).as_string());
    const auto after = l.at("after");
    after.expect_only({"plan_year", "deductible_individual", "deductible_family", "oop_individual", "oop_family",
                       "visits_used", "authorized_units_used"});
    a.after = {after.at("plan_year").as_date(),          after.at("deductible_individual").as_money(),
               after.at("deductible_family").as_money(), after.at("oop_individual").as_money(),
               after.at("oop_family").as_money(),        static_cast<int>(after.at("visits_used").as_int(0, 100000)),
               static_cast<int>(after.at("authorized_units_used").as_int(0, 100000))};
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace iop
