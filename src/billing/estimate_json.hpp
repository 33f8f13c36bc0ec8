#pragma once
// An estimate's JSON writers (internal), straight from the values (core/json_writer.hpp).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "core/json_writer.hpp"

namespace iop::detail {

/// A member the caller adds to an object written here: its name and its value as compact JSON.
struct ExtraMember {
  std::string_view name;
  std::string json;
};

void write_adjudicated_lines(JsonWriter& out, const std::vector<AdjudicatedLine>& lines);
/// The estimate as an object, with `extra` (in ascending order of name) placed among its members.
void write_estimate(JsonWriter& out, const CostEstimate& estimate, std::span<const ExtraMember> extra = {});

}  // namespace iop::detail
