#pragma once
// Reading the parts of a request that describe one course (internal): the
// plan, its program, holidays, holiday policy, events, and for costs the fee
// schedule (with a sliding-scale discount) of a case document.

#include <vector>

#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/json.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop::api::detail {

/// A plan and everything its calendar is built from.
struct Course {
  TreatmentPlan plan;
  ProgramTemplate program;
  HolidayCalendar holidays = HolidayCalendar::us_federal();
  HolidayPolicy policy = HolidayPolicy::skip;
  std::vector<CalendarEvent> events;
};

/// Reads `plan`, `program` (default: the catalog's, by the plan's program id),
/// `holidays` (default: the program's holiday preset, `private_clinic` when it
/// states none), `holiday_policy` (default: skip)
/// and `events` (default: none) from @p document.
Course read_course(const JsonReader& document);

/// The fee schedule of a case: `fee_schedule`, or the program's default per
/// diem when there is none (said in the schedule's source), with `sliding_scale` applied.
FeeSchedule read_case_fees(const JsonReader& document, const ProgramTemplate& program);

}  // namespace iop::api::detail
