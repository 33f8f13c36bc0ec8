#include "declared.hpp"
#include "api/case.hpp"
#include "billing/course_json.hpp"

#include "iop/billing/sliding_scale.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/core/error.hpp"

namespace iop::api::detail {

// A case of an estimate or a Good Faith Estimate: both declare the course's members once (COURSE in
// declarations/case.py), read by billing's course reader.
Course read_course(const JsonReader& document) {
  auto parts = course_detail::read_course_parts(document);
  Course c{std::move(parts.plan), std::move(parts.program), std::move(parts.holidays), parts.policy, {}};
  if (auto v = document.find(decl::estimate_case::events)) c.events = events_from_json(v->json(), v->path());
  return c;
}

FeeSchedule read_case_fees(const JsonReader& document, const ProgramTemplate& program) {
  FeeSchedule fees = course_detail::read_fees_or_default_per_diem(document, program);
  if (auto v = document.find(decl::estimate_case::sliding_scale)) {
    v->expect_only(decl::sliding_scale::members);
    SlidingScale scale;
    const auto tiers = v->at(decl::sliding_scale::tiers);
    for (std::size_t i = 0; i < tiers.array_size(decl::sliding_scale::tiers); ++i) {
      const auto t = tiers.at(i);
      t.expect_only(decl::sliding_scale_tier::members);
      SlidingScaleTier tier{std::nullopt, t.at(decl::sliding_scale_tier::discount).as_rate(), t.identifier(decl::sliding_scale_tier::name)};
      if (auto u = t.find(decl::sliding_scale_tier::up_to)) tier.up_to = u->as_rate();
      scale.tiers.push_back(std::move(tier));
    }
    const auto area = poverty_area_for_state(v->find(decl::sliding_scale::state) ? v->identifier(decl::sliding_scale::state) : "");
    const auto share = income_share_of_poverty(v->at(decl::sliding_scale::household_income).as_money(Money(), Money::from_cents(limits::max_income_cents)),
                                               static_cast<int>(v->integer(decl::sliding_scale::year)),
                                               static_cast<int>(v->integer(decl::sliding_scale::household_size)), area);
    fees = scale.apply(fees, share);
  }
  return fees;
}

namespace {

std::string member_path(const std::string& base, const decl::Member& member) {
  return base.empty() ? std::string(member.name) : base + "." + std::string(member.name);
}

}  // namespace

Coverage read_case_coverage(const JsonReader& document) {
  const auto x12 = document.find(decl::estimate_case::benefits_271);
  if (!x12) {
    const auto member = document.at(decl::estimate_case::coverage);
    return coverage_from_json(member.json(), member.path());
  }
  const auto patients = with_field_prefix(x12->path(), [&] { return x12::benefits_from_271(x12->as_string()); });
  if (patients.size() != 1)
    throw ValidationError(x12->path(), "", "answers for " + std::to_string(patients.size()) + " people",
                          "a 271 answering for the one patient of the case");
  auto merged = x12::coverage_document(patients[0]);
  const auto coverage_path = member_path(document.path(), decl::estimate_case::coverage);
  if (auto given = document.find(decl::estimate_case::coverage)) {
    if (!given->json().is_object())
      throw ValidationError(given->path(), "", "is not a JSON object", "the coverage members the 271 does not state");
    for (const auto& [key, value] : given->json().items()) {
      if (merged.contains(key))
        throw ValidationError(given->path() + "." + key, "", "is stated by the 271 too",
                              "only what the 271 does not state (its benefits document lists it under not_stated)");
      merged[key] = value;
    }
  }
  // What an estimate needs and a 271 may leave unstated is required, never defaulted.
  namespace C = decl::coverage;
  const std::pair<std::string_view, const char*> needed[] = {
      {C::payer.name, "commercial, medicare or medicaid: the 271 does not state the insurance type (EB04)"},
      {C::network.name, "in_network or out_of_network: a 271 does not state the program's own network status"},
      {C::plan_year_start.name, "the plan year's first day: the 271 states no plan dates (DTP*291)"},
      {C::deductible.name, "the deductible: the 271 states none for the IOP's service types"},
      {C::out_of_pocket_max.name, "the out-of-pocket maximum, or \"none\": the 271 states none"}};
  for (const auto& [key, why] : needed)
    if (!merged.contains(key)) throw ValidationError(coverage_path + "." + std::string(key), "", "is missing", why);
  if (!merged.contains(C::coinsurance.name) && !merged.contains(C::copay.name))
    throw ValidationError(coverage_path + "." + std::string(C::coinsurance.name), "", "is missing",
                          "a coinsurance or a copay: the 271 states neither for the IOP's service types");
  return coverage_from_json(merged, coverage_path);
}

}  // namespace iop::api::detail
