#include "declared.hpp"
#include "api/case.hpp"

#include "iop/billing/sliding_scale.hpp"
#include "iop/core/error.hpp"

namespace iop::api::detail {

// A case of an estimate or a Good Faith Estimate: both declare the course's members once (COURSE in
// declarations/case.py), so decl::estimate_case's serve for both.
Course read_course(const JsonReader& document) {
  Course c;
  const auto plan = document.at(decl::estimate_case::plan);
  c.plan = plan_from_json(plan.json(), plan.path());
  if (auto v = document.find(decl::estimate_case::program)) c.program = program_from_json(v->json(), v->path());
  else c.program = find_program(c.plan.program_id, plan.path() + ".program");
  if (auto v = document.find(decl::estimate_case::holidays)) c.holidays = holiday_calendar_from_json(v->json(), v->path());
  else c.holidays = HolidayCalendar::preset(c.program.holiday_preset());
  if (auto v = document.find(decl::estimate_case::holiday_policy)) c.policy = parse_holiday_policy(v->as_string(), v->path());
  if (auto v = document.find(decl::estimate_case::events)) c.events = events_from_json(v->json(), v->path());
  return c;
}

FeeSchedule read_case_fees(const JsonReader& document, const ProgramTemplate& program) {
  FeeSchedule fees;
  if (auto v = document.find(decl::estimate_case::fee_schedule)) {
    fees = fee_schedule_from_json(v->json(), v->path());
  } else if (program.default_per_diem) {
    fees = FeeSchedule::per_diem_schedule(program.id + " default per diem", *program.default_per_diem);
    fees.source = "the program's default per diem";
  } else {
    throw ValidationError(document.path().empty() ? "fee_schedule" : document.path() + ".fee_schedule", "", "is missing",
                          "a fee schedule (the program has no default per diem)");
  }
  if (auto v = document.find(decl::estimate_case::sliding_scale)) {
    v->expect_only(decl::sliding_scale::members);
    SlidingScale scale;
    const auto tiers = v->at(decl::sliding_scale::tiers);
    for (std::size_t i = 0; i < tiers.array_size(decl::sliding_scale::tiers); ++i) {
      const auto t = tiers.at(i);
      t.expect_only(decl::sliding_scale_tier::members);
      SlidingScaleTier tier{std::nullopt, t.at(decl::sliding_scale_tier::discount).as_rate(), t.identifier(decl::sliding_scale_tier::name)};
      if (auto u = t.find(decl::sliding_scale_tier::up_to)) tier.up_to = u->as_rate();
      scale.tiers.push_back(std::move(tier));
    }
    const auto area = poverty_area_for_state(v->find(decl::sliding_scale::state) ? v->identifier(decl::sliding_scale::state) : "");
    const auto share = income_share_of_poverty(v->at(decl::sliding_scale::household_income).as_money(Money(), Money::from_cents(limits::max_income_cents)),
                                               static_cast<int>(v->integer(decl::sliding_scale::year)),
                                               static_cast<int>(v->integer(decl::sliding_scale::household_size)), area);
    fees = scale.apply(fees, share);
  }
  return fees;
}

}  // namespace iop::api::detail
