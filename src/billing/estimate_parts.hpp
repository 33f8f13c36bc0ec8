#pragma once
// Pieces of estimate_cost that the Monte Carlo (simulate_costs.cpp) prices with too. Internal to the library.

#include <vector>

#include "iop/billing/coverage.hpp"
#include "iop/billing/fee_schedule.hpp"

namespace iop::detail {

/// Moves the lines before the accumulators' as-of date out of @p charges (in date order) when the amounts were
/// read after the course began: those claims are already in them, and are never counted twice.
/// @throws ValidationError naming coverage.accumulators.as_of when no line is left.
std::vector<ChargeLine> take_already_counted(std::vector<ChargeLine>& charges, const Coverage& c);

/// Whether the coverage (or its secondary plan) sets an allowed amount by the services held that day
/// (Medicare's IOP per diem bands out of network): then a day's allowed amount depends on attendance.
[[nodiscard]] bool allowed_by_day_services(const Coverage& c);

}  // namespace iop::detail
