// The cohort outcome kernel alone (iop::cohort_outcomes on columns), on the shape of bench/compare_outcomes.py:
// 100,000 patients, 12 PHQ-9s each, 4 programs x 3 tracks x 2 delivery modes. What iop.outcomes.cohort adds
// around it (reading the frames, building the result frames) is timed by that script.

#include <benchmark/benchmark.h>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "iop/episode/cohort_outcomes.hpp"

namespace {

struct Cohort {
  std::vector<std::string> ids;
  std::vector<std::string_view> id, program, track, delivery, diagnosis;
  std::vector<iop::CourseEnd> end;
  std::vector<iop::OutcomeExclusion> exclusion;
  std::vector<std::int32_t> patient, day;
  std::vector<std::int8_t> phq9;
};

Cohort make_cohort(std::size_t patients) {
  static constexpr std::array<std::string_view, 4> kPrograms{"la-depression-iop", "sf-evening-iop",
                                                             "tx-telehealth-iop", "ny-adolescent-iop"};
  static constexpr std::array<std::string_view, 3> kTracks{"morning", "afternoon", "evening"};
  static constexpr std::array<std::string_view, 2> kDelivery{"in_person", "telehealth"};
  static constexpr std::array<std::string_view, 5> kDiagnoses{"F33.1", "F32.1", "F33.2", "F34.1", "F32.A"};
  static constexpr std::array<int, 12> kOffsets{0, 7, 14, 28, 42, 56, 84, 120, 182, 240, 365, 420};
  std::mt19937 rng(7);  // seeded: the same cohort every run
  Cohort c;
  c.ids.reserve(patients);
  for (std::size_t p = 0; p < patients; ++p) c.ids.push_back("P" + std::to_string(1'000'000 + p));
  const std::int32_t first = 19723;  // 2024-01-01
  for (std::size_t p = 0; p < patients; ++p) {
    c.id.push_back(c.ids[p]);
    c.program.push_back(kPrograms[rng() % kPrograms.size()]);
    c.track.push_back(kTracks[rng() % kTracks.size()]);
    c.delivery.push_back(kDelivery[rng() % kDelivery.size()]);
    c.diagnosis.push_back(kDiagnoses[rng() % kDiagnoses.size()]);
    c.end.push_back(static_cast<iop::CourseEnd>(rng() % 4));
    c.exclusion.push_back(rng() % 50 == 0 ? iop::OutcomeExclusion::bipolar : iop::OutcomeExclusion::none);
    const auto start = first + static_cast<std::int32_t>(rng() % 600);
    const int baseline = 6 + static_cast<int>(rng() % 22);
    for (std::size_t k = 0; k < kOffsets.size(); ++k) {
      const auto day = start + kOffsets[k] + (k >= 8 ? static_cast<int>(rng() % 41) - 20 : 0);
      if (day > 20634) break;  // 2026-06-30
      c.patient.push_back(static_cast<std::int32_t>(p));
      c.day.push_back(day);
      const int fall = static_cast<int>(rng() % 100) * baseline * std::min(kOffsets[k], 120) / 12000;
      c.phq9.push_back(static_cast<std::int8_t>(k == 0 ? baseline : std::max(0, baseline - fall)));
    }
  }
  return c;
}

void BM_CohortOutcomes(benchmark::State& state) {
  const auto c = make_cohort(static_cast<std::size_t>(state.range(0)));
  const iop::CohortPatientColumns patients{c.id, c.program, c.track, c.delivery, c.diagnosis, c.end, c.exclusion};
  const iop::CohortScores scores{c.patient, c.day, c.phq9};
  iop::CohortOptions options;
  options.as_of = iop::Date(2026, 6, 30);
  options.reliability = 0.89;
  options.sd = 5.0;
  options.by = {iop::CohortDimension::program, iop::CohortDimension::track, iop::CohortDimension::delivery};
  for (auto _ : state) {
    auto outcomes = iop::cohort_outcomes(patients, scores, options);
    benchmark::DoNotOptimize(outcomes);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.phq9.size()));
  state.counters["scores"] = static_cast<double>(c.phq9.size());
}
BENCHMARK(BM_CohortOutcomes)->Arg(100'000)->Unit(benchmark::kMillisecond);

}  // namespace
