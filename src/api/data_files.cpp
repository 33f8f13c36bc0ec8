#include "api/data_files.hpp"

#include <array>

#include "core/embedded.hpp"
#include "iop/core/error.hpp"

namespace iop::detail {
namespace {

// The files iop's answers rest on (the program catalog and the default
// level-of-care rules are iop's own choices, described in their files).
constexpr std::array<DataFile, 9> kFiles{{
    {"aca-oop-limits.json", aca_oop_limits_json},
    {"medicaid-cost-sharing.json", medicaid_cost_sharing_json},
    {"medical-necessity-criteria.json", medical_necessity_criteria_json},
    {"medicare-iop-rates.json", medicare_iop_rates_json},
    {"medicare-part-b.json", medicare_part_b_json},
    {"parity-rule-sets.json", parity_rule_sets_json},
    {"poverty-guidelines.json", poverty_guidelines_json},
    {"state-overlays.json", state_overlays_json},
    {"time-zones.json", time_zones_json},
}};

}  // namespace

std::span<const DataFile> data_files() noexcept { return kFiles; }

std::string_view data_file(std::string_view name) {
  for (const auto& f : kFiles)
    if (f.name == name) return f.text();
  throw NotFoundError("data_file", iop::quoted(name), "is not a data file of iop", "a file listed by data.sources");
}

}  // namespace iop::detail
