// Core value types: the per-item cost that every later stage pays many times
// (a calendar converts each session to UTC, an estimate applies a rate to
// each claim line).

#include <benchmark/benchmark.h>

#include <vector>

#include "iop/core/money.hpp"
#include "iop/core/zoned_time.hpp"

namespace {

void BM_MoneyParse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(iop::Money::parse("$12,345,678.90"));
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyApplyRate(benchmark::State& state) {
  const auto amount = iop::Money::parse("$259.13");
  const auto rate = iop::Rate::parse("20%");
  for (auto _ : state) benchmark::DoNotOptimize(amount.apply(rate));
}
BENCHMARK(BM_MoneyApplyRate);

// One year of evening sessions (every day at 18:00) converted to UTC.
void BM_LocalToUtcYear(benchmark::State& state) {
  const auto zone = iop::TimeZone::from_name("America/Los_Angeles");
  std::vector<iop::DateTime> locals;
  for (auto d = iop::make_date(2026, 1, 1); d.year() == 2026; d += boost::gregorian::days(1))
    locals.emplace_back(d, boost::posix_time::hours(18));
  for (auto _ : state) {
    for (const auto& local : locals) benchmark::DoNotOptimize(zone.to_utc(local));
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(locals.size()));
}
BENCHMARK(BM_LocalToUtcYear);

}  // namespace
