// Calendars: the batch kernel an analyst calls for a cohort, and the full
// per-plan derivation clinic software calls for one patient.
//
// Target (issue): at least 1,000,000 eight-week, four-day-a-week plans a second
// per core with federal holidays, in the batch path.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "iop/billing/batch_estimate.hpp"
#include "iop/calendar/batch.hpp"
#include "iop/calendar/session_calendar.hpp"

namespace {

// Program A without its medication visits: program days only, like the pandas comparison.
iop::ProgramTemplate program_days_only() {
  auto program = iop::find_program("la-depression-iop");
  program.medication_management.reset();
  return program;
}

struct Cohort {
  std::vector<std::int64_t> starts, weeks, days, tracks, programs;
};

Cohort cohort(std::size_t n) {
  Cohort c;
  std::mt19937 random(42);
  const std::int64_t first = (iop::make_date(2026, 1, 1) - iop::Date(1970, 1, 1)).days();
  for (std::size_t i = 0; i < n; ++i) {
    c.starts.push_back(first + static_cast<std::int64_t>(random() % 365));
    c.weeks.push_back(8);
    c.days.push_back(4);
    c.tracks.push_back(static_cast<std::int64_t>(random() % 3));
    c.programs.push_back(0);
  }
  return c;
}

void BM_BatchCalendars(benchmark::State& state) {
  const auto program = program_days_only();
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto c = cohort(static_cast<std::size_t>(state.range(0)));
  const iop::BatchPlans plans{c.starts, c.weeks, c.days, c.tracks, c.programs};
  const auto threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    auto rows = iop::build_calendars_batch(plans, programs, holidays, iop::HolidayPolicy::skip, threads);
    benchmark::DoNotOptimize(rows.date.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["plans_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
// Plans, threads; wall time, since the work is shared among threads.
BENCHMARK(BM_BatchCalendars)->Args({100'000, 1})->Args({100'000, 2})->UseRealTime()->Unit(benchmark::kMillisecond);

// A cohort of plans on program A (program days only) with federal holidays, as the batch benchmarks use it.
struct BatchSetup {
  iop::ProgramTemplate program = program_days_only();
  std::vector<const iop::ProgramTemplate*> programs{&program};
  iop::HolidayCalendar holidays = iop::HolidayCalendar::us_federal();
  Cohort c;
  iop::BatchPlans plans;
  unsigned threads;
  explicit BatchSetup(const benchmark::State& state)
      : c(cohort(static_cast<std::size_t>(state.range(0)))),
        plans{c.starts, c.weeks, c.days, c.tracks, c.programs},
        threads(static_cast<unsigned>(state.range(1))) {}
  BatchSetup(const BatchSetup&) = delete;
  BatchSetup& operator=(const BatchSetup&) = delete;
  [[nodiscard]] iop::BatchCalendarLayout layout() const {
    return iop::layout_calendars_batch(plans, programs, holidays, iop::HolidayPolicy::skip, threads);
  }
};

// The two passes of the path that writes into the caller's columns (the Python package's `out=`): the layout,
// then the rows written into columns allocated once, outside the timing, at numpy's widths. Against the write
// floor, which fills columns allocated the same way.
void BM_BatchCalendarsInto(benchmark::State& state) {
  const BatchSetup setup(state);
  const auto rows = setup.layout().rows();
  std::vector<std::int32_t> plan(rows);
  std::vector<std::int64_t> date(rows), local_start(rows);
  std::vector<std::int16_t> minutes(rows);
  std::vector<std::uint8_t> kind(rows);
  const iop::BatchSessionColumns out{plan, date, local_start, minutes, kind};
  for (auto _ : state) {
    iop::write_calendars_batch(setup.layout(), setup.plans, setup.programs, out, setup.threads);
    benchmark::DoNotOptimize(date.data());
  }
  state.counters["plans_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BatchCalendarsInto)->Args({200'000, 1})->Args({200'000, 2})->UseRealTime()->Unit(benchmark::kMillisecond);

// The first pass alone: every plan checked, its program days laid out and its rows counted.
void BM_BatchCalendarLayout(benchmark::State& state) {
  const BatchSetup setup(state);
  for (auto _ : state) {
    auto layout = setup.layout();
    benchmark::DoNotOptimize(layout.first_row.data());
  }
  state.counters["plans_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BatchCalendarLayout)->Args({200'000, 1})->Args({200'000, 2})->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_BuildCalendar(benchmark::State& state) {
  const auto program = program_days_only();
  const auto holidays = iop::HolidayCalendar::us_federal();
  iop::TreatmentPlan plan;
  plan.id = "bench";
  plan.patient_id = "p";
  plan.program_id = program.id;
  plan.start_date = iop::make_date(2026, 6, 29);
  plan.weeks = 8;
  plan.days_per_week = 4;
  plan.track = "evening";
  for (auto _ : state) {
    auto cal = iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip);
    benchmark::DoNotOptimize(cal.sessions.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildCalendar)->Unit(benchmark::kMicrosecond);

void BM_HolidayLookup(benchmark::State& state) {
  const auto holidays = iop::HolidayCalendar::us_federal();
  auto day = iop::make_date(2026, 1, 1);
  for (auto _ : state) {
    benchmark::DoNotOptimize(holidays.is_open(day));
    day += boost::gregorian::days(1);
    if (day.year() == 2027) day = iop::make_date(2026, 1, 1);
  }
}
BENCHMARK(BM_HolidayLookup);

void BM_FederalCalendarConstruction(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(iop::HolidayCalendar::us_federal());
}
BENCHMARK(BM_FederalCalendarConstruction)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

// Eight-week, four-day patient estimates: calendar rows plus per-diem adjudication.
void BM_BatchEstimates(benchmark::State& state) {
  const auto program = program_days_only();
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto c = cohort(static_cast<std::size_t>(state.range(0)));
  const iop::BatchPlans plans{c.starts, c.weeks, c.days, c.tracks, c.programs};
  const std::vector<std::int64_t> per_diem{30000}, deductible{50000}, bp{2000}, ten_thousand{10000}, copay{0},
      oop{300000}, zero{0}, january{101};
  const iop::BatchCoverage coverage{per_diem, deductible, bp, ten_thousand, copay, zero, oop, zero, zero, january, c.starts};
  for (auto _ : state) {
    const auto rows = iop::build_calendars_batch(plans, programs, holidays);
    auto totals = iop::estimate_batch(rows, c.starts.size(), coverage);
    benchmark::DoNotOptimize(totals.patient.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["estimates_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BatchEstimates)->Arg(100'000)->Unit(benchmark::kMillisecond);

// The same estimates from the plans, without rows (closed form per plan year), on 1 and 2 threads.
void BM_BatchEstimatesFromPlans(benchmark::State& state) {
  const auto program = program_days_only();
  const std::vector<const iop::ProgramTemplate*> programs{&program};
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto c = cohort(static_cast<std::size_t>(state.range(0)));
  const iop::BatchPlans plans{c.starts, c.weeks, c.days, c.tracks, c.programs};
  const std::vector<std::int64_t> per_diem{30000}, deductible{50000}, bp{2000}, ten_thousand{10000}, copay{0},
      oop{300000}, zero{0}, january{101};
  const iop::BatchCoverage coverage{per_diem, deductible, bp, ten_thousand, copay, zero, oop, zero, zero, january, c.starts};
  const auto threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    auto totals = iop::estimate_batch(plans, programs, holidays, iop::HolidayPolicy::skip, coverage, {}, threads);
    benchmark::DoNotOptimize(totals.patient.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["estimates_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BatchEstimatesFromPlans)
    ->Args({100'000, 1})
    ->Args({100'000, 2})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
