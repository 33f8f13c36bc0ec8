// The document API's cost made visible: the same calendar and estimate work
// (a) through the C++ API on values already built, (b) through the C++ API
// reading and writing the same JSON documents, and (c) through the C ABI
// (iop_call: parse the request, run, serialise the response, copy it out).
// Every variant is checked once against the C ABI's figures before timing.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/calendar/session_calendar.hpp"
#include "iop/core/json.hpp"
#include "iop/episode/episode.hpp"
#include "iop/iop.h"
#include "iop/plan/program.hpp"
#include "iop/plan/treatment_plan.hpp"

namespace {

std::string example(const std::string& name) {
  std::ifstream in(std::string(IOP_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The estimate case without its Monte Carlo, so every variant does one estimate.
nlohmann::json estimate_case() {
  auto document = iop::parse_json(example("case.json"));
  document.erase("monte_carlo");
  return document;
}

std::string c_call(const char* operation, const std::string& request) {
  char* response = nullptr;
  size_t length = 0;
  const int status = iop_call(operation, request.data(), request.size(), &response, &length);
  std::string body(response, length);
  iop_free(response);
  if (status != IOP_STATUS_OK) throw std::runtime_error(body);
  return body;
}

void BM_Calendar_CppValues(benchmark::State& state) {
  const auto plan = iop::plan_from_json(iop::parse_json(example("plan.json")));
  const auto& program = iop::find_program(plan.program_id);
  const auto holidays = iop::HolidayCalendar::us_federal();
  for (auto _ : state) {
    auto calendar = iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip);
    benchmark::DoNotOptimize(calendar);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Calendar_CppValues);

void BM_Calendar_CppJson(benchmark::State& state) {
  const std::string text = example("plan.json");
  for (auto _ : state) {
    const auto plan = iop::plan_from_json(iop::parse_json(text));
    const auto calendar =
        iop::build_calendar(plan, iop::find_program(plan.program_id), iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
    auto out = iop::to_json_text(calendar);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Calendar_CppJson);

// The document layer's two halves alone, on the same calendar: reading the plan (parse and plan_from_json)
// and writing the calendar's JSON. With BM_Calendar_CppValues they make up BM_Calendar_CppJson.
void BM_Calendar_ReadPlan(benchmark::State& state) {
  const std::string text = example("plan.json");
  for (auto _ : state) {
    auto plan = iop::plan_from_json(iop::parse_json(text));
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Calendar_ReadPlan);

void BM_Calendar_WriteJson(benchmark::State& state) {
  const auto plan = iop::plan_from_json(iop::parse_json(example("plan.json")));
  const auto calendar =
      iop::build_calendar(plan, iop::find_program(plan.program_id), iop::HolidayCalendar::us_federal(), iop::HolidayPolicy::skip);
  for (auto _ : state) {
    auto out = iop::to_json_text(calendar);
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Calendar_WriteJson);

// Times iop_call on one request, after checking its answer holds the hand-worked figure.
void time_c_call(benchmark::State& state, const char* operation, const std::string& request, const char* expected) {
  if (c_call(operation, request).find(expected) == std::string::npos)
    state.SkipWithError("the response disagrees with the hand-worked figure");
  for (auto _ : state) {
    auto body = c_call(operation, request);
    benchmark::DoNotOptimize(body);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Calendar_CAbi(benchmark::State& state) {
  // 24 program days: see tests/cpp/api/test_api.cpp.
  time_c_call(state, "calendar.build", R"({"api_version":1,"plan":)" + example("plan.json") + "}", R"("program_days":24,)");
}
BENCHMARK(BM_Calendar_CAbi);

void BM_Estimate_CppValues(benchmark::State& state) {
  const auto document = estimate_case();
  const auto plan = iop::plan_from_json(document.at("plan"));
  const auto& program = iop::find_program(plan.program_id);
  const auto coverage = iop::coverage_from_json(document.at("coverage"));
  const auto fees = iop::fee_schedule_from_json(document.at("fee_schedule"));
  const auto holidays = iop::HolidayCalendar::us_federal();
  const auto check = iop::estimate_cost(iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip), program,
                                        fees, coverage);
  if (check.patient.to_plain_string() != "3316.00") state.SkipWithError("estimate disagrees with the hand-worked $3,316");
  for (auto _ : state) {
    auto estimate =
        iop::estimate_cost(iop::build_calendar(plan, program, holidays, iop::HolidayPolicy::skip), program, fees, coverage);
    benchmark::DoNotOptimize(estimate);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Estimate_CppValues);

void BM_Estimate_CAbi(benchmark::State& state) {
  // $3,316 for the patient: see tests/cpp/api/test_api.cpp.
  time_c_call(state, "estimate", nlohmann::json{{"api_version", 1}, {"case", estimate_case()}}.dump(),
              R"("patient":"3316.00")");
}
BENCHMARK(BM_Estimate_CAbi);

}  // namespace

// episode.state for a 12-week episode with 60 events (examples/episode.json's plan made 12 weeks of 5 days, one
// authorisation, 49 attended program days to 2026-05-08, 6 PHQ-9s, 3 reviews that continue and a step-down to 3 days
// from 2026-05-11), as of 2026-05-15 with its costs: the target is under 1 ms through the C++ API.
nlohmann::json twelve_week_episode() {
  auto doc = iop::parse_json(example("episode.json"));
  doc["plan"]["weeks"] = 12;
  nlohmann::json events = nlohmann::json::array();
  events.push_back(nlohmann::json::parse(R"({"kind": "authorization", "date": "2026-02-27", "authorization":
      {"reference": "A1", "first_day": "2026-03-02", "last_day": "2026-05-24", "units": 60}})"));
  iop::Date day(2026, 3, 2);
  for (int attended = 0; attended < 49; day += boost::gregorian::days(1)) {
    if (day.day_of_week() == boost::date_time::Saturday || day.day_of_week() == boost::date_time::Sunday ||
        day == iop::Date(2026, 3, 20))
      continue;
    events.push_back({{"kind", "attendance"}, {"date", iop::to_iso_string(day)}, {"status", attended % 9 == 4 ? "missed" : "attended"}});
    ++attended;
  }
  const std::pair<const char*, int> scores[] = {{"2026-03-06", 17}, {"2026-03-13", 16}, {"2026-03-27", 14},
                                                {"2026-04-10", 12}, {"2026-04-24", 11}, {"2026-05-08", 10}};
  for (const auto& [date, total] : scores) events.push_back({{"kind", "measure"}, {"date", date}, {"measure", "PHQ-9"}, {"total", total}});
  for (const char* date : {"2026-03-16", "2026-03-30", "2026-04-13"})
    events.push_back({{"kind", "decision"}, {"date", date}, {"decision", "continue"}});
  events.push_back(nlohmann::json::parse(R"({"kind": "decision", "date": "2026-04-27", "decision": "step_down",
      "effective": "2026-05-11", "weekdays": ["monday", "wednesday", "friday"], "reason": "Improving."})"));
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    return a.at("date").template get<std::string>() < b.at("date").template get<std::string>();
  });
  if (events.size() != 60) throw std::logic_error("the benchmark's episode has " + std::to_string(events.size()) + " events");
  doc["events"] = events;
  return doc;
}

void BM_EpisodeState_CppValues(benchmark::State& state) {
  const auto episode = iop::episode_from_json(twelve_week_episode());
  const iop::Date as_of(2026, 5, 15);
  const nlohmann::json request{{"api_version", 1}, {"episode", twelve_week_episode()}, {"as_of", "2026-05-15"}};
  if (nlohmann::json::parse(c_call("episode.state", request.dump())).at("result") != iop::to_json(iop::episode_state(episode, as_of)))
    throw std::logic_error("the C++ API and the C ABI disagree on episode.state");
  for (auto _ : state) {
    auto s = iop::episode_state(episode, as_of);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EpisodeState_CppValues)->Unit(benchmark::kMicrosecond);

void BM_EpisodeState_CAbi(benchmark::State& state) {
  const auto request = nlohmann::json{{"api_version", 1}, {"episode", twelve_week_episode()}, {"as_of", "2026-05-15"}}.dump();
  for (auto _ : state) benchmark::DoNotOptimize(c_call("episode.state", request));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EpisodeState_CAbi)->Unit(benchmark::kMicrosecond);
