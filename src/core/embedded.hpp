#pragma once
/// @file
/// @brief Data files compiled into the library (internal).

#include <string_view>

namespace iop::detail {
/// data/level-of-care-rules.json
std::string_view default_level_of_care_rules_json() noexcept;
/// data/programs.json
std::string_view program_catalog_json() noexcept;
/// data/medicare-iop-rates.json
std::string_view medicare_iop_rates_json() noexcept;
/// data/poverty-guidelines.json
std::string_view poverty_guidelines_json() noexcept;
/// data/state-overlays.json
std::string_view state_overlays_json() noexcept;
/// data/medical-necessity-criteria.json
std::string_view medical_necessity_criteria_json() noexcept;
/// data/medicare-part-b.json
std::string_view medicare_part_b_json() noexcept;
/// data/aca-oop-limits.json
std::string_view aca_oop_limits_json() noexcept;
/// data/medicaid-cost-sharing.json
std::string_view medicaid_cost_sharing_json() noexcept;
/// data/parity-rule-sets.json
std::string_view parity_rule_sets_json() noexcept;
/// data/time-zones.json
std::string_view time_zones_json() noexcept;

}  // namespace iop::detail
