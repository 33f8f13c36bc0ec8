#pragma once
/// @file
/// @brief Plain-text reports of results, for a person to read: what an operation answers with
/// `"format": "text"` and what the `iop` command prints.
///
/// Each report puts what changes how its figures are read first (warnings, what a 271 leaves
/// unsaid, conflicts), then the figures with the rules or sources behind them. Money is written
/// as dollars and cents, hours as hours and tenths (`3`, `2.5`), dates as ISO 8601. The layout is
/// for people: programs should read the JSON forms, whose members are declared and stable.
///
/// @code
/// auto calendar = iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip);
/// std::cout << iop::to_text(calendar);   // "Calendar of plan plan-001: ..., 2026-03-02 to ..."
/// @endcode
///
/// Thread safety: pure functions.

#include <optional>
#include <string>
#include <vector>

#include "iop/billing/estimate.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/billing/reconciliation.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/clinical/recommendation.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace iop {

/// @brief The programs of a catalog: level, hours, days, weeks, tracks, delivery, payers, taper, cost.
[[nodiscard]] std::string to_text(const std::vector<ProgramTemplate>& catalog);

/// @brief A checked plan: program, diagnosis, course, weekly hours against the level's bounds, findings.
[[nodiscard]] std::string to_text(const TreatmentPlan& plan, const ProgramTemplate& program, const PlanCheck& check);

/// @brief A level-of-care recommendation with each rule that fired and its source (decision support only).
[[nodiscard]] std::string to_text(const Recommendation& recommendation);

/// @brief A plan review: warnings first, then the status, its reasons and the next review date.
[[nodiscard]] std::string to_text(const PlanReview& review);

/// @brief A calendar: every session, the gaps and the holidays that caused them, review dates, each
/// week's hours against the level's bounds, and the totals.
[[nodiscard]] std::string to_text(const SessionCalendar& calendar);

/// @brief An estimate: warnings first, then the totals, each month, and the Monte Carlo range if any.
/// @param plan the plan estimated
/// @param program its program
/// @param fees the fee schedule used
/// @param estimate the estimate
/// @param simulation the Monte Carlo range, when one was run
[[nodiscard]] std::string to_text(const TreatmentPlan& plan, const ProgramTemplate& program, const FeeSchedule& fees,
                                  const CostEstimate& estimate, const std::optional<MonteCarloResult>& simulation);

/// @brief The benefits read from a 271, one person after another: what it does not state and its conflicts
/// first, then each network's deductible, out-of-pocket maximum, coinsurance, copay and visit limit.
[[nodiscard]] std::string to_text(const std::vector<x12::Benefits>& patients);

/// @brief An estimate reconciled with a remittance: expected against actual, line by line with the
/// explanations, the accumulators brought up to date, and the Good Faith Estimate check.
[[nodiscard]] std::string to_text(const Reconciliation& reconciliation);

}  // namespace iop
