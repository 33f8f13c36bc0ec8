#pragma once
// Reading the parts of a request that describe one course (internal): the
// plan, its program, holidays, holiday policy, events, and for costs the fee
// schedule (with a sliding-scale discount) of a case document.

#include <vector>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
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

/// The coverage of a case: `coverage`, or `benefits_271` (the text of a 271 answering for one
/// person) with `coverage` adding what the 271 does not state; a member both give is refused, and
/// so is one the estimate needs that neither gives (the program's network status, the plan year's
/// start, the deductible, the out-of-pocket maximum, a coinsurance or a copay): nothing is defaulted.
Coverage read_case_coverage(const JsonReader& document);

/// A case's course, fee schedule, coverage and estimate (a scenario's, or the calendar's on the case's basis).
struct CaseEstimate {
  Course course;
  FeeSchedule fees;
  Coverage coverage;
  CostEstimate estimate;
};

/// Reads an estimate case (members as the schema `iop schema case`) and prices it; its Monte Carlo is left to the caller.
CaseEstimate estimate_case(const JsonReader& document);

}  // namespace iop::api::detail
