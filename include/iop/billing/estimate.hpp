#pragma once
/// @file
/// @brief Cost estimates: totals by week and month, scenarios, and a seeded Monte Carlo.
///
/// `estimate_cost` prices a calendar with a fee schedule and adjudicates it
/// under a coverage. Warnings sit at the top of the estimate, for everything
/// that changes the total without a charge of its own:
/// - the program does not accept the payer: estimated as self-pay;
/// - days priced $0.00 for too few services (Medicare pays a per diem only for
///   days of 3 or more IOP services);
/// - days no authorisation covers (billed to the patient, or absorbed by the
///   provider, as the contract says), and the next concurrent reviews;
/// - out-of-network balance bills (with no protection) and the protections applied;
/// - accumulators read after the course began (the earlier days are already in
///   them: they are left out of the estimate, and listed) or in another plan
///   year (not applied: they reset);
/// - no out-of-pocket maximum (Original Medicare, or a plan stated without
///   one); a maximum above the ACA limit, or above CMS's Medicare Advantage
///   limit; an aggregate family maximum above the ACA self-only limit;
/// - a Medicaid copay above the 447.52(b) table's $4 (indexed since 2015).
///
/// On the attended basis, attendance is read up to a cut-off date (`as_of`):
/// sessions before it count when attended, sessions from it on are priced as
/// scheduled, and sessions before it with nothing recorded are not charged and
/// are listed in a warning.
///
/// `simulate_costs` simulates the plan's own course (its weeks) unless another
/// length-of-stay model is asked for by name (`LengthOfStay::uniform`), and the
/// result states the model and the weeks it drew.
///
/// `estimate_scenario` re-derives the calendar with the scenario as events
/// (an attendance rate, an early discharge, an extension) and prices what is
/// attended: the rate applies to the sessions it names (the program days unless
/// said otherwise; the others are attended), round-half-to-even(rate x sessions)
/// are attended and the missed ones are spread evenly through the course, never on
/// the intake day unless asked (`AttendanceSpread`). `simulate_costs` draws
/// attendance and length of stay from a seeded
/// generator and reports P10/P50/P90 (nearest-rank) of the patient's cost and of
/// the total charges; the same seed gives the same figures. Each run draws the
/// length of stay first (uniform over the weeks), then each session the rate
/// applies to, in calendar order (attended with exactly the given probability; a
/// certain or impossible outcome draws nothing; sessions of other kinds are attended). The calendars and charges of every length of stay are
/// built once and each run only adjudicates, so a thousand runs take milliseconds;
/// under Medicare's per diem, whose band depends on the services attended that
/// day, each run is priced in full.
///
/// @code
/// auto estimate = iop::estimate_cost(calendar, program, fees, coverage);
/// estimate.patient;   // what the patient pays, exact to the cent
/// @endcode

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "iop/billing/attendance_spread.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"
#include "iop/calendar/session_calendar.hpp"

namespace iop {

/// @brief Totals over a period (a program week or a calendar month).
struct PeriodTotals {
  std::string period;  ///< `2026-03` for a month, `week 1 (2026-03-02)` for a week
  int days;            ///< dates with a charge
  Money charges;       ///< charges
  Money allowed;       ///< allowed amounts
  Money plan;          ///< plan pays
  Money patient;       ///< patient pays
  Money secondary;     ///< the secondary payer pays
};

/// @brief An estimate: every adjudicated line, totals, and warnings.
struct CostEstimate {
  std::vector<AdjudicatedLine> lines;  ///< in date order
  Money charges;                       ///< total charges
  Money allowed;                       ///< total allowed
  Money plan;                          ///< plan pays
  Money patient;                       ///< patient pays
  Money secondary;                     ///< the secondary payer pays
  Money balance_billed;                ///< of the patient's total, balance bills out of network
  Money write_off;                     ///< written off by the provider (contractual, protected, absorbed)
  std::vector<PeriodTotals> weeks;     ///< by program week
  std::vector<PeriodTotals> months;    ///< by calendar month
  bool self_pay = false;               ///< estimated as self-pay
  std::vector<std::string> warnings;   ///< at the top of the estimate: what changes the total without a charge
  std::vector<ChargeLine> already_counted;  ///< lines before the accumulators' as-of date, left out
  std::vector<Date> unauthorized_days;      ///< program days no authorisation covers
  std::vector<CalendarEvent> reviews;       ///< the authorisations' next concurrent reviews
};

/// @brief Prices and adjudicates a calendar.
/// @param calendar the sessions
/// @param program the program (for payer acceptance)
/// @param fees the fee schedule
/// @param coverage the patient's benefits
/// @param basis scheduled sessions (before treatment) or attended ones (billing)
/// @param primary_substance_use price program days as H0015 instead of S9480
/// @param as_of the attended basis's cut-off: attendance is recorded for the sessions before it
[[nodiscard]] CostEstimate estimate_cost(const SessionCalendar& calendar, const ProgramTemplate& program,
                                         const FeeSchedule& fees, const Coverage& coverage,
                                         ChargeBasis basis = ChargeBasis::scheduled,
                                         bool primary_substance_use = false, std::optional<Date> as_of = std::nullopt);

/// @brief The coverage an estimate adjudicates under: self-pay when the program declines the payer.
/// @param program the program (its payer acceptance)
/// @param coverage the patient's benefits
/// @param warnings receives the warnings about the payer (may be null)
[[nodiscard]] Coverage effective_coverage(const ProgramTemplate& program, const Coverage& coverage,
                                          std::vector<std::string>* warnings);

/// @brief A what-if: attendance, early discharge, extension.
struct Scenario {
  Rate attendance = Rate::percent(100);    ///< share of `attendance_sessions` attended, spread evenly
  SessionKinds attendance_sessions;        ///< the sessions the rate applies to (program days); others are attended
  bool intake_may_be_missed = false;       ///< whether a missed session may fall on the first one (the intake day)
  std::optional<int> discharge_after_weeks;  ///< discharge at the end of this program week
  int extension_weeks = 0;                 ///< weeks added (needs an authorisation note beyond the program's bounds)
  std::string note;                        ///< reason and authorisation for an extension
};

/// @brief The estimate of a scenario (attended sessions are billed).
/// @throws ValidationError naming `scenario.<field>`.
[[nodiscard]] CostEstimate estimate_scenario(const TreatmentPlan& plan, const ProgramTemplate& program,
                                             const HolidayCalendar& holidays, HolidayPolicy policy,
                                             const FeeSchedule& fees, const Coverage& coverage, const Scenario& scenario);

/// @brief How a Monte Carlo draws the length of stay.
enum class LengthOfStay {
  plan,     ///< the plan's own weeks, every run (the default: the course the plan states)
  uniform,  ///< uniform over min_weeks..max_weeks (0: the program's bounds), asked for by name
};
/// @brief `plan` or `uniform`.
[[nodiscard]] std::string_view to_string(LengthOfStay model) noexcept;
/// @brief Parses a length-of-stay model.
/// @throws NotFoundError naming @p field.
[[nodiscard]] LengthOfStay parse_length_of_stay(std::string_view text, std::string_view field = "length_of_stay");

/// @brief Monte Carlo settings.
struct MonteCarloOptions {
  int runs = 1000;                    ///< number of simulated courses
  std::uint64_t seed = 20260101;      ///< the seed: the same seed gives the same figures
  Rate attendance = Rate::percent(85);  ///< probability a session of `attendance_sessions` is attended
  SessionKinds attendance_sessions;   ///< the sessions drawn (program days); sessions of other kinds are attended
  LengthOfStay length_of_stay = LengthOfStay::plan;  ///< the plan's weeks, or drawn uniformly
  int min_weeks = 0;                  ///< `uniform`: shortest stay (0: the program's minimum)
  int max_weeks = 0;                  ///< `uniform`: longest stay (0: the program's maximum)
};

/// @brief P10/P50/P90 of the simulated patient costs and total charges.
struct MonteCarloResult {
  int runs;                       ///< courses simulated
  std::uint64_t seed;             ///< seed used
  Money patient_p10;              ///< patient cost, 10th percentile
  Money patient_p50;              ///< patient cost, median
  Money patient_p90;              ///< patient cost, 90th percentile
  Money charges_p10;              ///< total charges, 10th percentile
  Money charges_p50;              ///< total charges, median
  Money charges_p90;              ///< total charges, 90th percentile
  Rate attendance = Rate::percent(85);  ///< probability a session was attended
  int min_weeks = 0;              ///< shortest stay drawn
  int max_weeks = 0;              ///< longest stay drawn
  LengthOfStay length_of_stay = LengthOfStay::plan;  ///< how the stays were drawn
};

/// @brief Simulates courses with random attendance and length of stay.
/// @throws ValidationError naming `monte_carlo.<field>`.
[[nodiscard]] MonteCarloResult simulate_costs(const TreatmentPlan& plan, const ProgramTemplate& program,
                                              const HolidayCalendar& holidays, HolidayPolicy policy,
                                              const FeeSchedule& fees, const Coverage& coverage,
                                              const MonteCarloOptions& options = {});

/// @brief The JSON of an estimate (lines, totals, weeks, months, warnings).
[[nodiscard]] nlohmann::json to_json(const CostEstimate& estimate);
/// @brief The JSON of a Monte Carlo result.
[[nodiscard]] nlohmann::json to_json(const MonteCarloResult& result);
/// @brief Reads an estimate back from its JSON (round-trips with `to_json`).
/// @throws ValidationError naming the JSON path.
[[nodiscard]] CostEstimate estimate_from_json(const nlohmann::json& document, std::string path = "estimate");
/// @brief Reads a Monte Carlo result back from its JSON (round-trips with `to_json`).
/// @throws ValidationError naming the JSON path.
[[nodiscard]] MonteCarloResult monte_carlo_from_json(const nlohmann::json& document, std::string path = "monte_carlo");

}  // namespace iop
