// simulate_batch: the Monte Carlo of simulate_costs for every plan of a cohort, on every core. A run draws
// its length of stay and each drawn session, counts the attended program days of each plan year, and prices
// the years in closed form (batch::PerDiemTotals): no day is adjudicated one by one.

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "billing/batch_terms.hpp"
#include "iop/billing/batch_estimate.hpp"
#include "billing/monte_carlo.hpp"
#include "core/parallel.hpp"

namespace iop {
namespace {

using batch::value_at;

// Patients per part of the work shared among threads (about a millisecond of runs each).
constexpr std::size_t kPatientsPerPart = 8;

// Plan years a course may span: 52 weeks and 26 of extension cross at most two plan-year starts.
constexpr std::size_t kMaxYears = 3;

// The weeks of stay drawn for plan i: the given bounds, or the program's.
std::pair<std::int64_t, std::int64_t> stay_bounds(const ProgramTemplate& program, const BatchSimulation& options,
                                                  std::size_t i) {
  const std::int64_t lo_given = value_at(options.min_weeks, i), hi_given = value_at(options.max_weeks, i);
  const std::int64_t lo = lo_given ? lo_given : program.duration.min_weeks;
  const std::int64_t hi = hi_given ? hi_given : program.duration.max_weeks;
  if (lo < program.duration.min_weeks || hi > program.duration.max_weeks || lo > hi)
    throw ValidationError("monte_carlo.weeks[" + std::to_string(i) + "]", std::to_string(lo) + ".." + std::to_string(hi),
                          "is outside the program's weeks", program.duration.describe());
  return {lo, hi};
}

// One plan's Monte Carlo, from its own generator (seed + i), into row i of the result.
class PlanSimulation {
 public:
  PlanSimulation(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                 const HolidayCalendar& holidays, HolidayPolicy policy, const BatchCoverage& c,
                 const BatchSimulation& options)
      : plans_(plans), programs_(programs), holidays_(holidays), policy_(policy), c_(c), options_(options),
        patient_(static_cast<std::size_t>(options.runs)), charges_(static_cast<std::size_t>(options.runs)) {}

  void run(std::size_t i, BatchSimulationResult& out) {
    const auto& program = *programs_[static_cast<std::size_t>(plans_.program[i])];
    const auto [lo, hi] = stay_bounds(program, options_, i);
    const batch::Terms terms = batch::terms_of(c_, i, years_);
    const int first_year = years_.year_of(plans_.start_days[i], terms.year_start);
    lay_out_stays(i, lo, hi, terms, first_year);
    pricing_.update(terms, i);
    std::array<const detail::PerDiemYear*, kMaxYears> years{};
    for (std::size_t y = 0; y < kMaxYears; ++y) years[y] = &pricing_.year(first_year + static_cast<int>(y) == terms.met_year);
    const std::int64_t an = value_at(options_.attendance_numerator, i);
    const std::int64_t ad = value_at(options_.attendance_denominator, i);
    detail::Random random(options_.seed + i);
    for (std::size_t run = 0; run < patient_.size(); ++run) {
      const auto& stay = stays_[detail::draw_below(random, static_cast<std::uint64_t>(hi - lo + 1))];
      // The drawn sessions in order (the stream of simulate_costs), each attended program day counted in its
      // plan year; the last count gathers the drawn sessions that are not program days.
      const auto attended = detail::count_attended(random, an, ad, stay.drawn_years, stay.always);
      std::int64_t days = 0, patient = 0;
      for (std::size_t y = 0; y < kMaxYears; ++y) days += attended[y];
      charges_[run] = detail::mul_cents(days, terms.per_diem, [&] { return batch::plan_field(i, "charges"); });
      for (std::size_t y = 0; y < kMaxYears; ++y) patient += years[y]->patient(attended[y]);  // each within the charges
      patient_[run] = patient;
    }
    out.patient_p10[i] = detail::nearest_rank(patient_, 10);
    out.patient_p50[i] = detail::nearest_rank(patient_, 50);
    out.patient_p90[i] = detail::nearest_rank(patient_, 90);
    out.charges_p10[i] = detail::nearest_rank(charges_, 10);
    out.charges_p50[i] = detail::nearest_rank(charges_, 50);
    out.charges_p90[i] = detail::nearest_rank(charges_, 90);
  }

 private:
  // A stay as a run reads it: the plan year (from the course's first) of each drawn session in order (kMaxYears
  // when it is not a program day), and the program days of each year attended in every run (not drawn).
  struct Stay {
    std::vector<std::uint8_t> drawn_years;
    std::array<std::int64_t, kMaxYears + 1> always{};
  };

  // The sessions of every length of stay lo..hi weeks, built once; those neither drawn nor program days are left out.
  void lay_out_stays(std::size_t i, std::int64_t lo, std::int64_t hi, const batch::Terms& terms, int first_year) {
    stays_.resize(static_cast<std::size_t>(hi - lo + 1));
    for (std::int64_t w = lo; w <= hi; ++w) {
      const std::int64_t weeks[] = {w};
      const auto rows = build_calendars_batch(
          {plans_.start_days.subspan(i, 1), weeks, plans_.days_per_week.subspan(i, 1), plans_.track.subspan(i, 1),
           plans_.program.subspan(i, 1)},
          programs_, holidays_, policy_);
      auto& stay = stays_[static_cast<std::size_t>(w - lo)];
      stay.drawn_years.clear();
      stay.always.fill(0);
      for (std::size_t r = 0; r < rows.size(); ++r) {
        std::size_t year = kMaxYears;
        if (rows.kind[r] == 0) {
          year = static_cast<std::size_t>(years_.year_of(rows.date[r], terms.year_start) - first_year);
          if (year >= kMaxYears)
            throw ValidationError(batch::plan_field(i, "weeks"), std::to_string(w), "spans more than three plan years",
                                  "a course of at most 78 weeks, extension included");
        }
        if (options_.attendance_sessions.contains_value(rows.kind[r])) stay.drawn_years.push_back(static_cast<std::uint8_t>(year));
        else ++stay.always[year];
      }
    }
  }

  const BatchPlans& plans_;
  std::span<const ProgramTemplate* const> programs_;
  const HolidayCalendar& holidays_;
  HolidayPolicy policy_;
  const BatchCoverage& c_;
  const BatchSimulation& options_;
  std::vector<Stay> stays_;
  batch::PlanYears years_;
  batch::PerDiemPricing pricing_;
  std::vector<std::int64_t> patient_, charges_;
};

}  // namespace

BatchSimulationResult simulate_batch(const BatchPlans& plans, std::span<const ProgramTemplate* const> programs,
                                     const HolidayCalendar& holidays, HolidayPolicy policy, const BatchCoverage& c,
                                     const BatchSimulation& options) {
  const std::size_t n = plans.start_days.size();
  if (options.runs < 1 || options.runs > 1'000'000)
    throw ValidationError("monte_carlo.runs", std::to_string(options.runs), "is not a number of runs", "1..1000000");
  batch::validate(c, n);
  batch::check_length(options.attendance_numerator, n, "monte_carlo.attendance");
  batch::check_length(options.attendance_denominator, n, "monte_carlo.attendance");
  batch::check_length(options.min_weeks, n, "monte_carlo.min_weeks");
  batch::check_length(options.max_weeks, n, "monte_carlo.max_weeks");
  for (std::size_t i = 0; i < options.attendance_numerator.size(); ++i)
    batch::check_fraction(options.attendance_numerator[i], value_at(options.attendance_denominator, i),
                          "monte_carlo.attendance", i);
  batch::check_sessions(options.attendance_sessions, "monte_carlo.attendance_sessions");
  // Every plan is checked as build_calendars_batch checks it (weeks are drawn, so any valid count stands in).
  std::vector<std::int64_t> valid_weeks(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = plans.program[i];
    if (p < 0 || static_cast<std::uint64_t>(p) >= programs.size())
      throw ValidationError(batch::plan_field(i, "program"), std::to_string(p), "is not a program index",
                            "0.." + std::to_string(static_cast<long>(programs.size()) - 1));
    valid_weeks[i] = programs[static_cast<std::size_t>(p)]->duration.min_weeks;
  }
  (void)layout_calendars_batch({plans.start_days, valid_weeks, plans.days_per_week, plans.track, plans.program}, programs,
                               holidays, policy, options.threads);
  for (std::size_t i = 0; i < n; ++i) (void)stay_bounds(*programs[static_cast<std::size_t>(plans.program[i])], options, i);

  BatchSimulationResult out;
  for (auto* v : {&out.patient_p10, &out.patient_p50, &out.patient_p90, &out.charges_p10, &out.charges_p50,
                  &out.charges_p90})
    v->resize(n);
  // Each plan draws from its own generator into its own row: the figures do not depend on the threads.
  detail::run_parts((n + kPatientsPerPart - 1) / kPatientsPerPart, options.threads, [&](std::size_t part) {
    PlanSimulation simulation(plans, programs, holidays, policy, c, options);
    for (std::size_t i = part * kPatientsPerPart; i < std::min(n, (part + 1) * kPatientsPerPart); ++i)
      simulation.run(i, out);
  });
  return out;
}

}  // namespace iop
