// Monte Carlo ranges: one patient's 1,000 runs, priced the way today's code priced them and the way
// simulate_costs prices them now (every length of stay priced once, runs only adjudicated), and a
// cohort's Monte Carlo in the batch kernel.
//
// Targets (issues): one patient's 1,000 runs in at most 5 ms (was about 115 ms from Python);
// 10,000 patients x 1,000 runs in seconds, at least 1.8 times faster on 2 cores than on one.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "iop/billing/batch_estimate.hpp"
#include "iop/billing/estimate.hpp"
#include "billing/monte_carlo.hpp"

namespace {

iop::TreatmentPlan plan() {
  iop::TreatmentPlan p;
  p.id = "bench";
  p.patient_id = "p";
  p.program_id = "la-depression-iop";
  p.start_date = iop::make_date(2026, 3, 2);
  p.weeks = 12;
  p.days_per_week = 3;
  p.track = "evening";
  return p;
}

// examples/case.json: $1,500 deductible ($250 met), 20%, $4,000 maximum, family amounts; $300 a day and
// $130 medication visits.
iop::Coverage coverage() {
  iop::Coverage c;
  c.payer = iop::PayerType::commercial;
  c.in_network.deductible_individual = iop::Money::parse("1500");
  c.in_network.deductible_family = iop::Money::parse("3000");
  c.in_network.coinsurance = iop::Rate::percent(20);
  c.in_network.oop_individual = iop::Money::parse("4000");
  c.in_network.oop_family = iop::Money::parse("8000");
  c.accumulators = iop::Accumulators{iop::make_date(2026, 2, 20), iop::Money::parse("250"), iop::Money::parse("900"),
                                     iop::Money::parse("250"), iop::Money::parse("900"), 0, {}, {}, {}, {}};
  return c;
}

iop::FeeSchedule fees() {
  auto f = iop::FeeSchedule::per_diem_schedule("clinic-2026", iop::Money::parse("300"));
  f.prices["99214"] = iop::Money::parse("130");
  return f;
}

void BM_SimulateCosts(benchmark::State& state) {
  const auto& program = iop::find_program("la-depression-iop");
  const auto holidays = iop::HolidayCalendar::us_federal();
  iop::MonteCarloOptions options;
  options.runs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto r = iop::simulate_costs(plan(), program, holidays, iop::HolidayPolicy::skip, fees(), coverage(), options);
    benchmark::DoNotOptimize(r.patient_p50);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SimulateCosts)->Arg(1000)->Unit(benchmark::kMillisecond);

// One patient's Monte Carlo with a per diem covering every session (program A without its separately priced
// medication visits, case.json's coverage), 6..12 weeks: the stays are tabulated by plan year.
void BM_SimulateCostsPerDiem(benchmark::State& state) {
  const auto& program = iop::find_program("la-depression-iop");
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto fees = iop::FeeSchedule::per_diem_schedule("clinic-2026", iop::Money::parse("300"));
  iop::MonteCarloOptions options;
  options.runs = static_cast<int>(state.range(0));
  options.length_of_stay = iop::LengthOfStay::uniform;
  for (auto _ : state) {
    auto r = iop::simulate_costs(plan(), program, holidays, iop::HolidayPolicy::skip, fees, coverage(), options);
    benchmark::DoNotOptimize(r.patient_p50);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SimulateCostsPerDiem)->Arg(1000)->Unit(benchmark::kMillisecond);

// Today's path before this change: each run derives its calendar, marks attendance and prices it in full.
void BM_SimulateCostsPricingEachRun(benchmark::State& state) {
  const auto& program = iop::find_program("la-depression-iop");
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto runs = static_cast<int>(state.range(0));
  for (auto _ : state) {
    iop::detail::Random random(20260101);
    std::vector<std::int64_t> patient;
    for (int run = 0; run < runs; ++run) {
      auto course = plan();
      course.weeks = 6 + static_cast<int>(iop::detail::draw_below(random, 7));
      auto cal = iop::build_calendar(course, program, holidays, iop::HolidayPolicy::skip);
      for (auto& s : cal.sessions)
        s.status = iop::detail::draw_event(random, 17, 20) ? iop::AttendanceStatus::attended : iop::AttendanceStatus::missed;
      patient.push_back(iop::estimate_cost(cal, program, fees(), coverage(), iop::ChargeBasis::attended).patient.cents());
    }
    benchmark::DoNotOptimize(iop::detail::nearest_rank(patient, 50));
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_SimulateCostsPricingEachRun)->Arg(1000)->Unit(benchmark::kMillisecond);

// A cohort's Monte Carlo: 8-week plans (6 to 12 weeks drawn), 4 days a week, starts through 2026.
void BM_SimulateBatch(benchmark::State& state) {
  const auto& program = iop::find_program("la-depression-iop");
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937 random(42);
  const std::int64_t first = (iop::make_date(2026, 1, 1) - iop::Date(1970, 1, 1)).days();
  std::vector<std::int64_t> starts, weeks(n, 8), days(n, 4), tracks, index(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    starts.push_back(first + static_cast<std::int64_t>(random() % 365));
    tracks.push_back(static_cast<std::int64_t>(random() % 3));
  }
  const std::vector<std::int64_t> per_diem{30000}, deductible{50000}, bp{2000}, ten_thousand{10000}, zero{0},
      oop{300000}, january{101}, an{17}, ad{20};
  const iop::BatchCoverage cov{per_diem, deductible, bp, ten_thousand, zero, zero, oop, zero, zero, january, starts};
  iop::BatchSimulation options;
  options.runs = static_cast<int>(state.range(1));
  options.attendance_numerator = an;
  options.attendance_denominator = ad;
  options.min_weeks = zero;
  options.max_weeks = zero;
  options.threads = static_cast<unsigned>(state.range(2));
  for (auto _ : state) {
    auto r = iop::simulate_batch({starts, weeks, days, tracks, index}, programs, holidays, iop::HolidayPolicy::skip, cov,
                                 options);
    benchmark::DoNotOptimize(r.patient_p50.data());
  }
  state.counters["courses_per_second"] = benchmark::Counter(
      static_cast<double>(state.range(0) * state.range(1)), benchmark::Counter::kIsIterationInvariantRate);
}
// Patients, runs, threads; wall time, since the patients are shared among threads.
BENCHMARK(BM_SimulateBatch)
    ->Args({1000, 1000, 1})
    ->Args({10000, 1000, 1})
    ->Args({10000, 1000, 2})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);

}  // namespace
