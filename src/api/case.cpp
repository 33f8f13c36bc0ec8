#include "api/case.hpp"

#include "iop/billing/sliding_scale.hpp"
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

}  // namespace iop::api::detail
