#include "billing/figures.hpp"

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "core/embedded.hpp"

namespace iop::detail {
namespace {

// A figure usable for a computation: confirmed or secondary, with its value; an
// unconfirmed row carries null (the tests check every file keeps to this).
void check_value(const JsonReader& row, bool has_value, const Evidence& e) {
  if (has_value == (e.status == FigureStatus::unconfirmed))
    throw ValidationError(row.path(), std::string(to_string(e.status)),
                          has_value ? "carries a value for an unconfirmed figure" : "has no value for a figure in use",
                          "a value exactly when the status is confirmed or secondary");
}

std::vector<YearlyAmount> read_yearly(const JsonReader& rows, const char* amount_key) {
  std::vector<YearlyAmount> out;
  for (std::size_t i = 0; i < rows.array_size(); ++i) {
    const auto r = rows.at(i);
    r.expect_only({"year", amount_key, "evidence"});
    YearlyAmount y{static_cast<int>(r.at("year").as_int(1900, 2100)), std::nullopt, read_evidence(r)};
    if (auto v = r.find(amount_key)) y.amount = v->as_money();
    check_value(r, y.amount.has_value(), y.evidence);
    for (const auto& earlier : out)
      if (earlier.year == y.year) throw ValidationError(r.path() + ".year", std::to_string(y.year), "is given twice", "one row a year");
    out.push_back(std::move(y));
  }
  return out;
}

}  // namespace

const YearlyAmount* MedicareFigures::find(const std::vector<YearlyAmount>& rows, int year) noexcept {
  for (const auto& r : rows)
    if (r.year == year) return &r;
  return nullptr;
}

std::string MedicareFigures::years(const std::vector<YearlyAmount>& rows) {
  std::string out;
  for (const auto& r : rows)
    if (r.amount) out += (out.empty() ? "" : ", ") + std::to_string(r.year);
  return out;
}

MedicareFigures parse_medicare_figures(std::string_view text) {
  const auto document = parse_json(text, "data/medicare-part-b.json");
  const JsonReader root(document, "medicare_part_b");
  root.expect_only({"description", "part_b_deductible", "part_b_coinsurance", "inpatient_deductible", "advantage_moop"});
  MedicareFigures f;
  f.part_b_deductible = read_yearly(root.at("part_b_deductible"), "amount");
  const auto coinsurance = root.at("part_b_coinsurance");
  coinsurance.expect_only({"percent", "evidence"});
  f.part_b_coinsurance = coinsurance.at("percent").as_rate();
  f.part_b_coinsurance_evidence = read_evidence(coinsurance);
  f.inpatient_deductible = read_yearly(root.at("inpatient_deductible"), "amount");
  f.advantage_moop = read_yearly(root.at("advantage_moop"), "in_network");
  return f;
}

const MedicareFigures& medicare_figures() {
  static const MedicareFigures figures = parse_medicare_figures(medicare_part_b_json());
  return figures;
}

std::vector<AcaLimit> parse_aca_limits(std::string_view text) {
  const auto document = parse_json(text, "data/aca-oop-limits.json");
  const JsonReader root(document, "aca_oop_limits");
  root.expect_only({"description", "limits"});
  const auto rows = root.at("limits");
  std::vector<AcaLimit> out;
  for (std::size_t i = 0; i < rows.array_size(); ++i) {
    const auto r = rows.at(i);
    r.expect_only({"year", "self_only", "other_than_self_only", "evidence"});
    AcaLimit l{static_cast<int>(r.at("year").as_int(2014, 2100)), r.at("self_only").as_money(),
               r.at("other_than_self_only").as_money(), read_evidence(r)};
    check_value(r, true, l.evidence);
    out.push_back(std::move(l));
  }
  return out;
}

const std::vector<AcaLimit>& aca_limits() {
  static const std::vector<AcaLimit> limits = parse_aca_limits(aca_oop_limits_json());
  return limits;
}

const MedicaidExemptGroup* MedicaidFigures::find_group(std::string_view id) const noexcept {
  for (const auto& g : exempt_groups)
    if (g.id == id) return &g;
  return nullptr;
}

std::string MedicaidFigures::group_ids() const {
  std::string out;
  for (const auto& g : exempt_groups) out += (out.empty() ? "" : ", ") + g.id;
  return out;
}

MedicaidFigures parse_medicaid_figures(std::string_view text) {
  const auto document = parse_json(text, "data/medicaid-cost-sharing.json");
  const JsonReader root(document, "medicaid_cost_sharing");
  root.expect_only({"description", "outpatient_maximum", "aggregate_limit", "exempt_groups"});
  MedicaidFigures f;
  const auto bands = root.at("outpatient_maximum");
  bool seen[3] = {false, false, false};
  for (std::size_t i = 0; i < bands.array_size(); ++i) {
    const auto b = bands.at(i);
    b.expect_only({"income", "amount", "percent", "evidence"});
    const auto income = b.at("income");
    const auto band = parse_medicaid_income(income.as_string(), income.path());
    (void)read_evidence(b);
    seen[static_cast<int>(band)] = true;
    switch (band) {
      case MedicaidIncome::at_or_below_100_percent_fpl: f.outpatient_amount_at_or_below_100 = b.at("amount").as_money(); break;
      case MedicaidIncome::from_101_to_150_percent_fpl: f.coinsurance_101_to_150 = b.at("percent").as_rate(); break;
      case MedicaidIncome::above_150_percent_fpl: f.coinsurance_above_150 = b.at("percent").as_rate(); break;
    }
  }
  if (!seen[0] || !seen[1] || !seen[2])
    throw ValidationError(bands.path(), "", "misses an income band", "the three bands of 42 CFR 447.52(b)(1)");
  const auto limit = root.at("aggregate_limit");
  limit.expect_only({"percent_of_family_income", "evidence"});
  f.aggregate_limit = limit.at("percent_of_family_income").as_rate();
  (void)read_evidence(limit);
  const auto groups = root.at("exempt_groups");
  for (std::size_t i = 0; i < groups.array_size(); ++i) {
    const auto g = groups.at(i);
    g.expect_only({"id", "paragraph", "description", "evidence"});
    f.exempt_groups.push_back({g.at("id").as_identifier(), g.at("paragraph").as_string(), g.at("description").as_text(),
                               read_evidence(g)});
  }
  return f;
}

const MedicaidFigures& medicaid_figures() {
  static const MedicaidFigures figures = parse_medicaid_figures(medicaid_cost_sharing_json());
  return figures;
}

}  // namespace iop::detail
