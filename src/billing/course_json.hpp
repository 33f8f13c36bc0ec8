#pragma once
// Reading the members that describe one priced course (internal), declared once in declarations/case.py
// (COURSE, COURSE_CALENDAR and FEE_SCHEDULE) and shared by the estimate's and the GFE's case and the episode:
// the plan, its program, holidays and holiday policy, and the fee schedule.

#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/holiday_calendar.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/json.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop::course_detail {

/// A plan and what its calendar is built from, events aside.
struct CourseParts {
  TreatmentPlan plan;
  ProgramTemplate program;
  HolidayCalendar holidays = HolidayCalendar::us_federal();
  HolidayPolicy policy = HolidayPolicy::skip;
};

/// Reads `plan`, `program` (default: the catalog's, by the plan's program id), `holidays` (default: the
/// program's holiday preset, `private_clinic` when it states none) and `holiday_policy` (default: skip).
CourseParts read_course_parts(const JsonReader& document);

/// `fee_schedule`, or the program's default per diem when there is none (said in the schedule's source).
/// @throws ValidationError naming `<document>.fee_schedule` when neither is there.
FeeSchedule read_fees_or_default_per_diem(const JsonReader& document, const ProgramTemplate& program);

}  // namespace iop::course_detail
