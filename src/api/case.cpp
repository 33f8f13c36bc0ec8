#include "api/case.hpp"

#include "iop/billing/sliding_scale.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/core/error.hpp"

namespace iop::api::detail {

Course read_course(const JsonReader& document) {
  Course c;
  const auto plan = document.at("plan");
  c.plan = plan_from_json(plan.json(), plan.path());
  if (auto v = document.find("program")) c.program = program_from_json(v->json(), v->path());
  else c.program = find_program(c.plan.program_id, plan.path() + ".program");
  if (auto v = document.find("holidays")) c.holidays = holiday_calendar_from_json(v->json(), v->path());
  else c.holidays = HolidayCalendar::preset(c.program.holiday_preset());
  if (auto v = document.find("holiday_policy")) c.policy = parse_holiday_policy(v->as_string(), v->path());
  if (auto v = document.find("events")) c.events = events_from_json(v->json(), v->path());
  return c;
}

FeeSchedule read_case_fees(const JsonReader& document, const ProgramTemplate& program) {
  FeeSchedule fees;
  if (auto v = document.find("fee_schedule")) {
    fees = fee_schedule_from_json(v->json(), v->path());
  } else if (program.default_per_diem) {
    fees = FeeSchedule::per_diem_schedule(program.id + " default per diem", *program.default_per_diem);
    fees.source = "the program's default per diem";
  } else {
    throw ValidationError(document.path().empty() ? "fee_schedule" : document.path() + ".fee_schedule", "", "is missing",
                          "a fee schedule (the program has no default per diem)");
  }
  if (auto v = document.find("sliding_scale")) {
    v->expect_only({"household_income", "household_size", "year", "state", "tiers"});
    SlidingScale scale;
    const auto tiers = v->at("tiers");
    for (std::size_t i = 0; i < tiers.array_size(limits::max_list); ++i) {
      const auto t = tiers.at(i);
      t.expect_only({"up_to", "discount", "name"});
      SlidingScaleTier tier{std::nullopt, t.at("discount").as_rate(), t.at("name").as_identifier()};
      if (auto u = t.find("up_to")) tier.up_to = u->as_rate();
      scale.tiers.push_back(std::move(tier));
    }
    const auto area = poverty_area_for_state(v->find("state") ? v->at("state").as_identifier() : "");
    const auto share = income_share_of_poverty(v->at("household_income").as_money(Money(), Money::from_cents(limits::max_income_cents)),
                                               static_cast<int>(v->at("year").as_int(2023, 2100)),
                                               static_cast<int>(v->at("household_size").as_int(1, 20)), area);
    fees = scale.apply(fees, share);
  }
  return fees;
}

namespace {

std::string member_path(const std::string& base, const char* member) {
  return base.empty() ? member : base + "." + member;
}

}  // namespace

Coverage read_case_coverage(const JsonReader& document) {
  const auto x12 = document.find("benefits_271");
  if (!x12) {
    const auto member = document.at("coverage");
    return coverage_from_json(member.json(), member.path());
  }
  const auto patients = with_field_prefix(x12->path(), [&] { return x12::benefits_from_271(x12->as_string()); });
  if (patients.size() != 1)
    throw ValidationError(x12->path(), "", "answers for " + std::to_string(patients.size()) + " people",
                          "a 271 answering for the one patient of the case");
  auto merged = x12::coverage_document(patients[0]);
  const auto coverage_path = member_path(document.path(), "coverage");
  if (auto given = document.find("coverage")) {
    if (!given->json().is_object())
      throw ValidationError(given->path(), "", "is not a JSON object", "the coverage members the 271 does not state");
    for (const auto& [key, value] : given->json().items()) {
      if (merged.contains(key))
        throw ValidationError(given->path() + "." + key, "", "is stated by the 271 too",
                              "only what the 271 does not state (its benefits document lists it under not_stated)");
      merged[key] = value;
    }
  }
  // What an estimate needs and a 271 may leave unstated is required, never defaulted.
  const std::pair<const char*, const char*> needed[] = {
      {"payer", "commercial, medicare or medicaid: the 271 does not state the insurance type (EB04)"},
      {"network", "in_network or out_of_network: a 271 does not state the program's own network status"},
      {"plan_year_start", "the plan year's first day: the 271 states no plan dates (DTP*291)"},
      {"deductible", "the deductible: the 271 states none for the IOP's service types"},
      {"out_of_pocket_max", "the out-of-pocket maximum, or \"none\": the 271 states none"}};
  for (const auto& [key, why] : needed)
    if (!merged.contains(key)) throw ValidationError(coverage_path + "." + key, "", "is missing", why);
  if (!merged.contains("coinsurance") && !merged.contains("copay"))
    throw ValidationError(coverage_path + ".coinsurance", "", "is missing",
                          "a coinsurance or a copay: the 271 states neither for the IOP's service types");
  return coverage_from_json(merged, coverage_path);
}

}  // namespace iop::api::detail
