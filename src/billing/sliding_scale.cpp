#include "iop/billing/sliding_scale.hpp"

#include <string>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "core/embedded.hpp"
#include "core/enum_names.hpp"
#include "core/evidence.hpp"

namespace iop {
namespace {

constexpr detail::EnumNames<PovertyArea, 3> kAreas{{
    {PovertyArea::contiguous, "48_states_dc"}, {PovertyArea::alaska, "alaska"}, {PovertyArea::hawaii, "hawaii"}}};

struct Guideline {
  int year;
  PovertyArea area;
  Money first;
  std::optional<Money> each_additional;
  std::string source;
};

const std::vector<Guideline>& guidelines() {
  static const std::vector<Guideline> table = [] {
    const auto document = parse_json(detail::poverty_guidelines_json(), "data/poverty-guidelines.json");
    const JsonReader root(document, "poverty_guidelines");
    root.expect_only({"description", "guidelines"});
    const auto rows = root.at("guidelines");
    std::vector<Guideline> out;
    for (std::size_t i = 0; i < rows.array_size(); ++i) {
      const auto r = rows.at(i);
      r.expect_only({"year", "area", "first", "each_additional", "evidence"});
      const auto area = r.at("area");
      Guideline g{static_cast<int>(r.at("year").as_int(2000, 2100)),
                  detail::parse_enum(kAreas, area.as_string(), area.path(), "a poverty guideline area"),
                  r.at("first").as_money(), std::nullopt, detail::read_evidence(r).citation};
      if (auto v = r.find("each_additional")) g.each_additional = v->as_money();
      out.push_back(std::move(g));
    }
    return out;
  }();
  return table;
}

}  // namespace

PovertyArea poverty_area_for_state(std::string_view state) noexcept {
  if (state == "AK") return PovertyArea::alaska;
  if (state == "HI") return PovertyArea::hawaii;
  return PovertyArea::contiguous;
}

Money poverty_guideline(int year, int household_size, PovertyArea area) {
  if (household_size < 1 || household_size > 20)
    throw ValidationError("household_size", std::to_string(household_size), "is not a household size", "1..20");
  for (const auto& g : guidelines()) {
    if (g.year != year || g.area != area) continue;
    if (household_size == 1) return g.first;
    if (!g.each_additional)
      throw ValidationError("poverty_guideline", std::to_string(year) + " " + std::string(detail::enum_name(kAreas, area)),
                            "has no confirmed amount per additional person", "household size 1, or another year; " + g.source);
    return g.first + *g.each_additional * (household_size - 1);
  }
  throw NotFoundError("year", std::to_string(year), "has no poverty guideline in iop's table", "2023..2026");
}

Rate income_share_of_poverty(Money annual_income, int year, int household_size, PovertyArea area) {
  if (annual_income.is_negative())
    throw ValidationError("household_income", annual_income.to_string(), "is negative", "$0.00 or more");
  const Money guideline = poverty_guideline(year, household_size, area);
  return Rate::fraction(annual_income.cents(), guideline.cents(), "household_income");
}

const SlidingScaleTier& SlidingScale::tier_for(const Rate& share) const {
  for (std::size_t i = 1; i < tiers.size(); ++i)
    if (!tiers[i - 1].up_to || (tiers[i].up_to && *tiers[i].up_to <= *tiers[i - 1].up_to))
      throw ValidationError("sliding_scale.tiers[" + std::to_string(i) + "].up_to",
                            tiers[i].up_to ? tiers[i].up_to->to_string() : "none", "is out of order",
                            "increasing limits, with only the last tier unlimited");
  for (const auto& t : tiers) {
    if (t.discount > Rate::percent(100))
      throw ValidationError("sliding_scale.discount", t.discount.to_string(), "is more than the price", "0%..100%");
    if (!t.up_to || share <= *t.up_to) return t;
  }
  throw ValidationError("household_income", share.to_string() + " of the poverty guideline", "is above every tier",
                        "a last tier without a limit");
}

FeeSchedule SlidingScale::apply(const FeeSchedule& fees, const Rate& share) const {
  const auto& tier = tier_for(share);
  const Rate pays = Rate::fraction(tier.discount.denominator() - tier.discount.numerator(), tier.discount.denominator());
  FeeSchedule out = fees;
  out.id = fees.id + " (" + tier.name + ": " + tier.discount.to_string() + " off)";
  out.per_diem = fees.per_diem.apply(pays);
  for (auto& [code, price] : out.prices) price = price.apply(pays);
  out.source = fees.source + "; sliding scale tier '" + tier.name + "' for income at " + share.to_string() +
               " of the HHS poverty guideline";
  return out;
}

}  // namespace iop
