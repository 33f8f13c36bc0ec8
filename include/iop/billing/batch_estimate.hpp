#pragma once
/// @file
/// @brief Cost estimates and Monte Carlo ranges for many patients at once (per-diem pricing, flat columns).
///
/// `estimate_batch` prices the program-day rows of `build_calendars_batch` (or,
/// without building them, the plans' program days) at a per diem with the same
/// rules and order as `adjudicate`
/// (plan-year reset, deductible, copay before or after it, coinsurance rounded
/// once a line, out-of-pocket cap), for in-network commercial coverage without
/// family accumulators, limits or authorisations, with a copay or a coinsurance:
/// both together are refused (`coverage.copay[i]`), since how they combine is
/// stated in a `Coverage` and priced by `estimate_cost`. Each coverage array holds one
/// value per plan, or one value for all. The days are not adjudicated one by one:
/// they are counted by plan year and each year is priced in closed form
/// (`detail::PerDiemYear`: the deductible days, the day that meets it, then the
/// same share a day, all capped by the room under the maximum). The tests check
/// every total against `estimate_cost`, which walks the days, to the cent.
///
/// Attendance is either a rate per plan, spread over each plan's sessions of the
/// kinds it applies to (program days unless said otherwise) exactly as
/// `estimate_scenario` spreads it (`AttendanceSpread`: round-half-to-even(rate x
/// sessions) attended, the missed ones spread evenly, never the intake day unless
/// asked), or one attended flag per session row. Only attended program days are
/// charged.
///
/// `simulate_batch` runs the Monte Carlo of `simulate_costs` for every plan:
/// plan i draws from its own generator seeded with `seed + i`, so its figures
/// equal `simulate_costs` for that plan with that seed, and the plans are shared
/// among threads (every core by default) with the same figures whatever their number.
///
/// All arithmetic is checked as `Money`'s is: a total that does not fit in
/// 64-bit cents throws `OverflowError` naming the plan; nothing wraps.
///
/// @code
/// auto rows = iop::build_calendars_batch(plans, programs, holidays);
/// auto totals = iop::estimate_batch(rows, plan_count, coverage);
/// totals.patient[0];   // cents the first patient pays
/// // The same totals without the rows, on every core:
/// auto same = iop::estimate_batch(plans, programs, holidays, iop::HolidayPolicy::skip, coverage);
/// @endcode

#include <cstdint>
#include <span>
#include <vector>

#include "iop/billing/attendance_spread.hpp"
#include "iop/calendar/batch.hpp"

namespace iop {

/// @brief Coverage terms, one value per plan or a single value for all (amounts in cents).
struct BatchCoverage {
  std::span<const std::int64_t> per_diem;                 ///< charge per program day
  std::span<const std::int64_t> deductible;               ///< individual deductible
  std::span<const std::int64_t> coinsurance_numerator;    ///< coinsurance as an exact fraction: numerator
  std::span<const std::int64_t> coinsurance_denominator;  ///< and denominator (10000 for basis points)
  std::span<const std::int64_t> copay;                    ///< copay per day
  std::span<const std::int64_t> copay_before_deductible;  ///< 1 when the copay applies instead of the deductible, else 0
  std::span<const std::int64_t> oop_max;                  ///< individual out-of-pocket maximum
  std::span<const std::int64_t> deductible_met;           ///< deductible met before the course (its plan year)
  std::span<const std::int64_t> oop_met;                  ///< out-of-pocket met before the course (its plan year)
  std::span<const std::int64_t> plan_year_start;          ///< plan-year start as month * 100 + day (101 = January 1)
  std::span<const std::int64_t> met_as_of;  ///< day (since 1970-01-01) the met amounts were read; they count
                                            ///< only in the plan year containing it, as in `adjudicate`
};

/// @brief Attendance: a rate per plan (or one for all), or a flag per session row; both empty: every session.
struct BatchAttendance {
  std::span<const std::int64_t> rate_numerator{};    ///< attendance rate as an exact fraction: numerator
  std::span<const std::int64_t> rate_denominator{};  ///< and denominator
  std::span<const std::uint8_t> attended{};          ///< one per row of the sessions: 1 attended, 0 missed
  SessionKinds sessions{};                           ///< the sessions a rate applies to (program days)
  bool intake_may_be_missed = false;                 ///< whether a rate's misses may fall on a plan's first session
};

/// @brief Totals per plan, in cents.
struct BatchEstimates {
  std::vector<std::int64_t> charges;  ///< total charges
  std::vector<std::int64_t> plan;     ///< plan pays
  std::vector<std::int64_t> patient;  ///< patient pays
};

/// @brief Estimates every plan of @p rows.
/// @throws ValidationError naming `coverage.<field>[i]` or `attendance.<field>` for a bad value or a wrong
///         array length; OverflowError naming `plans[i].<total>` for a total beyond 64-bit cents.
[[nodiscard]] BatchEstimates estimate_batch(const BatchSessions& rows, std::size_t plan_count,
                                            const BatchCoverage& coverage, const BatchAttendance& attendance = {});

/// @brief Estimates every plan of @p plans without building its session rows: the same totals as
///        `estimate_batch(build_calendars_batch(plans, programs, holidays, policy), ...)`. Each plan's program
///        days are laid out as bits (`layout_calendars_batch`), counted plan year by plan year with the
///        rate's misses in them (`AttendanceSpread::missed_before`), and each year is priced in closed form;
///        the plans are shared among @p threads threads (0: one per hardware thread). A rate on other
///        sessions than the program days falls on the rows in their order, so they are built then.
/// @throws ValidationError as `build_calendars_batch` and `estimate_batch` do, and naming `attendance.attended`
///         for flags (they belong to rows: use the other form); OverflowError as `estimate_batch`.
[[nodiscard]] BatchEstimates estimate_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                            const HolidayCalendar& holidays, HolidayPolicy policy,
                                            const BatchCoverage& coverage, const BatchAttendance& attendance = {},
                                            unsigned threads = 0);

/// @brief Monte Carlo settings for a cohort.
struct BatchSimulation {
  int runs = 1000;                              ///< simulated courses per plan
  std::uint64_t seed = 20260101;                ///< plan i uses `seed + i` (mod 2^64)
  std::span<const std::int64_t> attendance_numerator;    ///< probability a session is attended, one per plan or one
  std::span<const std::int64_t> attendance_denominator;  ///< for all
  SessionKinds attendance_sessions;             ///< the sessions drawn (program days); others are attended
  std::span<const std::int64_t> min_weeks;      ///< shortest stay, one per plan or one (0: the program's minimum)
  std::span<const std::int64_t> max_weeks;      ///< longest stay, one per plan or one (0: the program's maximum)
  unsigned threads = 0;  ///< threads sharing the plans (0: one per hardware thread); the figures do not depend on it
};

/// @brief P10/P50/P90 per plan (nearest rank), in cents.
struct BatchSimulationResult {
  std::vector<std::int64_t> patient_p10;  ///< patient cost, 10th percentile
  std::vector<std::int64_t> patient_p50;  ///< patient cost, median
  std::vector<std::int64_t> patient_p90;  ///< patient cost, 90th percentile
  std::vector<std::int64_t> charges_p10;  ///< total charges, 10th percentile
  std::vector<std::int64_t> charges_p50;  ///< total charges, median
  std::vector<std::int64_t> charges_p90;  ///< total charges, 90th percentile
};

/// @brief Simulates every plan of @p plans (its `weeks` are replaced by the drawn length of stay).
/// @throws ValidationError naming `monte_carlo.<field>`, `plans[i].<field>` or `coverage.<field>[i]`;
///         OverflowError as `estimate_batch`.
[[nodiscard]] BatchSimulationResult simulate_batch(const BatchPlans& plans,
                                                   std::span<const ProgramTemplate* const> programs,
                                                   const HolidayCalendar& holidays, HolidayPolicy policy,
                                                   const BatchCoverage& coverage, const BatchSimulation& options);

}  // namespace iop
