#include "core/evidence.hpp"

#include <array>
#include <string>

#include "iop/core/error.hpp"
#include "iop/detail/embedded.hpp"

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

std::string_view to_string(FigureStatus status) noexcept {
  switch (status) {
    case FigureStatus::confirmed: return "confirmed";
    case FigureStatus::secondary: return "secondary";
    case FigureStatus::unconfirmed: return "unconfirmed";
  }
  return "unconfirmed";
}

std::string Evidence::describe() const {
  if (status == FigureStatus::confirmed) return "confirmed: " + citation;
  return std::string(to_string(status)) + ": " + citation + "; read in " + source;
}

Evidence read_evidence(const JsonReader& record) {
  const auto e = record.at("evidence");
  e.expect_only({"status", "citation", "source", "read_on"});
  Evidence out;
  const auto status = e.at("status");
  const auto text = status.as_string();
  if (text == "confirmed") out.status = FigureStatus::confirmed;
  else if (text == "secondary") out.status = FigureStatus::secondary;
  else if (text == "unconfirmed") out.status = FigureStatus::unconfirmed;
  else throw NotFoundError(status.path(), iop::quoted(text), "is not a figure status", "confirmed, secondary, unconfirmed");
  out.citation = e.at("citation").as_text();
  out.source = e.at("source").as_text();
  out.read_on = e.at("read_on").as_date();
  if (out.citation.empty() || out.source.empty())
    throw ValidationError(e.path(), "", "has an empty citation or source", "the figure's citation and where it was read");
  return out;
}

std::span<const DataFile> data_files() noexcept { return kFiles; }

std::string_view data_file(std::string_view name) {
  for (const auto& f : kFiles)
    if (f.name == name) return f.text();
  throw NotFoundError("data_file", iop::quoted(name), "is not a data file of iop", "a file listed by data.sources");
}

}  // namespace iop::detail
