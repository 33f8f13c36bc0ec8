// Parity: aggregating a claims-level table into the test inputs, then the tests.
// Target (issue): at least 50,000,000 claim lines a second per core.

#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "iop/parity/claims_aggregate.hpp"
#include "iop/parity/report.hpp"

namespace {

struct Claims {
  std::vector<std::uint8_t> classification, type;
  std::vector<std::int64_t> level, payment;
};

// Claims in six classifications, each with a copay row and a coinsurance row.
Claims claims(std::size_t n) {
  Claims c;
  std::mt19937 random(5);
  const std::int64_t copays[] = {0, 2000, 3500, 5000};
  const std::int64_t coinsurance[] = {0, 1000, 2000};
  for (std::size_t i = 0; i < n / 2; ++i) {
    const auto cls = static_cast<std::uint8_t>(random() % 6);
    const std::int64_t payment = 1000 + static_cast<std::int64_t>(random() % 200000);
    c.classification.push_back(cls);
    c.type.push_back(1);
    c.level.push_back(copays[random() % 4]);
    c.payment.push_back(payment);
    c.classification.push_back(cls);
    c.type.push_back(2);
    c.level.push_back(coinsurance[random() % 3]);
    c.payment.push_back(payment);
  }
  return c;
}

void BM_ParityFromClaims(benchmark::State& state) {
  const auto c = claims(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    iop::parity::BenefitDesign design;
    design.plan = "bench";
    design.plan_year_start = iop::make_date(2026, 1, 1);
    design.classifications = iop::parity::aggregate_claims({c.classification, c.type, c.level, c.payment});
    auto report = iop::parity::analyse(design);
    benchmark::DoNotOptimize(report.tests.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["lines_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ParityFromClaims)->Arg(10'000'000)->Unit(benchmark::kMillisecond);

// The aggregation alone, on one thread and on two (the second argument).
void BM_ClaimsAggregate(benchmark::State& state) {
  const auto c = claims(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto aggregate = iop::parity::aggregate_claim_rows({c.classification, c.type, c.level, c.payment},
                                                       static_cast<unsigned>(state.range(1)));
    benchmark::DoNotOptimize(aggregate.cells().data());
  }
  state.counters["lines_per_second"] =
      benchmark::Counter(static_cast<double>(state.range(0)), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ClaimsAggregate)->Args({10'000'000, 1})->Args({10'000'000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
