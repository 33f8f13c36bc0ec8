#include "billing/course_json.hpp"

#include "declared.hpp"
#include "iop/core/error.hpp"

namespace iop::course_detail {

// The members are declared once (COURSE in declarations/case.py): decl::estimate_case's serve every document
// that spreads them.
CourseParts read_course_parts(const JsonReader& document) {
  CourseParts c;
  const auto plan = document.at(decl::estimate_case::plan);
  c.plan = plan_from_json(plan.json(), plan.path());
  if (auto v = document.find(decl::estimate_case::program)) c.program = program_from_json(v->json(), v->path());
  else c.program = find_program(c.plan.program_id, plan.path() + ".program");
  if (auto v = document.find(decl::estimate_case::holidays)) c.holidays = holiday_calendar_from_json(v->json(), v->path());
  else c.holidays = HolidayCalendar::preset(c.program.holiday_preset());
  if (auto v = document.find(decl::estimate_case::holiday_policy)) c.policy = parse_holiday_policy(v->as_string(), v->path());
  return c;
}

FeeSchedule read_fees_or_default_per_diem(const JsonReader& document, const ProgramTemplate& program) {
  if (auto v = document.find(decl::estimate_case::fee_schedule)) return fee_schedule_from_json(v->json(), v->path());
  if (!program.default_per_diem)
    throw ValidationError(document.path().empty() ? "fee_schedule" : document.path() + ".fee_schedule", "", "is missing",
                          "a fee schedule (the program has no default per diem)");
  auto fees = FeeSchedule::per_diem_schedule(program.id + " default per diem", *program.default_per_diem);
  fees.source = "the program's default per diem";
  return fees;
}

}  // namespace iop::course_detail
