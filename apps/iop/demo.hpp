#pragma once
// `iop demo`: the main job on the built-in default data.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "iop/core/date.hpp"
#include "iop/core/money.hpp"
#include "iop/core/rate.hpp"
#include "iop/core/time_zone.hpp"

namespace iop::cli {

/// One track of the demo program: a name and its local start time of day.
struct DemoTrack {
  std::string name;
  int start_minutes;  // minutes after local midnight
};

/// What the demo works on. The defaults describe reference program A (a Los
/// Angeles depression IOP); every field can be overridden from JSON.
struct DemoInput {
  std::string program = "Los Angeles depression IOP (reference program A)";
  TimeZone zone = TimeZone::from_name("America/Los_Angeles");
  Date start_date = make_date(2026, 3, 2);
  int hours_per_day = 3;
  int min_days_per_week = 3;
  int max_days_per_week = 5;
  int weeks = 12;
  std::vector<DemoTrack> tracks = {{"morning", 9 * 60}, {"afternoon", 13 * 60}, {"evening", 18 * 60}};
  Money per_diem = Money::parse("259.13");
  Rate coinsurance = Rate::percent(20);
};

/// Reads overrides from a JSON object; unknown members and bad values are errors naming their path.
DemoInput read_demo_input(const nlohmann::json& document);

/// The demo's findings as JSON.
nlohmann::json demo_report(const DemoInput& input);

/// The demo's findings as text for a terminal.
std::string demo_text(const nlohmann::json& report);

}  // namespace iop::cli
