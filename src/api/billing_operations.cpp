// estimate and gfe: the case documents.

#include <optional>

#include "declared.hpp"
#include "api/case.hpp"
#include "billing/estimate_json.hpp"
#include "api/operations.hpp"
#include "iop/billing/coverage.hpp"
#include "iop/billing/estimate.hpp"
#include "iop/billing/good_faith_estimate.hpp"
#include "iop/core/error.hpp"
#include "iop/io/estimate_export.hpp"
#include "iop/io/good_faith_estimate_html.hpp"
#include "iop/io/text_reports.hpp"

namespace iop::api::detail {
namespace {

Scenario read_scenario(const JsonReader& s) {
  s.expect_only(decl::scenario::members);
  Scenario scenario;
  if (auto v = s.find(decl::scenario::attendance)) scenario.attendance = v->as_rate();
  if (auto v = s.find(decl::scenario::discharge_after_weeks)) scenario.discharge_after_weeks = static_cast<int>(v->as_int(decl::scenario::discharge_after_weeks));
  if (auto v = s.find(decl::scenario::extension_weeks)) scenario.extension_weeks = static_cast<int>(v->as_int(decl::scenario::extension_weeks));
  if (auto v = s.find(decl::scenario::note)) scenario.note = v->as_text(decl::scenario::note);
  return scenario;
}

MonteCarloOptions read_monte_carlo(const JsonReader& m) {
  m.expect_only(decl::monte_carlo_options::members);
  MonteCarloOptions options;
  // The document limit (docs/limits.md); simulate_costs itself takes up to 1,000,000 runs.
  if (auto v = m.find(decl::monte_carlo_options::runs)) options.runs = static_cast<int>(v->as_int(decl::monte_carlo_options::runs));
  if (auto v = m.find(decl::monte_carlo_options::seed)) options.seed = static_cast<std::uint64_t>(v->as_int(decl::monte_carlo_options::seed));
  if (auto v = m.find(decl::monte_carlo_options::attendance)) options.attendance = v->as_rate();
  if (auto v = m.find(decl::monte_carlo_options::length_of_stay))
    options.length_of_stay = parse_length_of_stay(v->as_string(), v->path());
  if (auto v = m.find(decl::monte_carlo_options::min_weeks)) options.min_weeks = static_cast<int>(v->as_int(decl::monte_carlo_options::min_weeks));
  if (auto v = m.find(decl::monte_carlo_options::max_weeks)) options.max_weeks = static_cast<int>(v->as_int(decl::monte_carlo_options::max_weeks));
  return options;
}

ChargeBasis read_basis(const JsonReader& document) {
  const auto v = document.find(decl::estimate_case::basis);
  if (!v) return ChargeBasis::scheduled;
  const auto text = v->as_string();
  if (text == "attended") return ChargeBasis::attended;
  if (text != "scheduled") throw NotFoundError(v->path(), iop::quoted(text), "is not a charge basis", "scheduled, attended");
  return ChargeBasis::scheduled;
}

}  // namespace

CaseEstimate estimate_case(const JsonReader& document) {
  document.expect_only(decl::estimate_case::members);
  CaseEstimate out{read_course(document), {}, read_case_coverage(document), {}};
  const auto& c = out.course;
  out.fees = read_case_fees(document, c.program);
  const auto basis = read_basis(document);
  // The library names plan.*, events[*], coverage.* from the case's own root.
  const auto& in_case = document.path();
  if (auto s = document.find(decl::estimate_case::scenario)) {
    // A scenario derives attendance and the course's length itself; recorded
    // events or a charge basis would be silently overridden, so they are refused.
    for (const decl::Member& key : std::initializer_list<decl::Member>{decl::estimate_case::events, decl::estimate_case::basis})
      if (document.find(key))
        throw ValidationError(s->path(), "", "cannot be combined with case." + std::string(key.name),
                              "a scenario (what-if attendance and length) or recorded events with a charge basis");
    const auto scenario = read_scenario(*s);
    out.estimate = with_field_prefix(in_case, [&] {
      return estimate_scenario(c.plan, c.program, c.holidays, c.policy, out.fees, out.coverage, scenario);
    });
  } else {
    out.estimate = with_field_prefix(in_case, [&] {
      const auto calendar = build_calendar(c.plan, c.program, c.holidays, c.policy, c.events);
      return estimate_cost(calendar, c.program, out.fees, out.coverage, basis, is_substance_use(c.plan.primary_diagnosis));
    });
  }
  return out;
}

Reply estimate(const JsonReader& request) {
  request.expect_only(decl::api_estimate_request::members);
  const auto format = read_format(request, decl::api_estimate_request::format);
  const auto document = request.at(decl::api_estimate_request::case_);
  const auto e = estimate_case(document);
  const auto& c = e.course;
  std::optional<MonteCarloResult> simulation;
  if (auto m = document.find(decl::estimate_case::monte_carlo)) {
    const auto options = read_monte_carlo(*m);
    simulation = with_field_prefix(document.path(), [&] {
      return simulate_costs(c.plan, c.program, c.holidays, c.policy, e.fees, e.coverage, options);
    });
  }
  if (format == "text") return content_response(format, to_text(c.plan, c.program, e.fees, e.estimate, simulation));
  if (format == "csv") return content_response(format, to_csv(e.estimate));
  std::vector<iop::detail::ExtraMember> extra{{"fee_schedule", to_compact_json(to_json(e.fees))}};
  if (simulation) extra.push_back({"monte_carlo", to_compact_json(to_json(*simulation))});
  // About 900 bytes a line (examples/case.json: 38 KB for 42), the weeks and months, the fee schedule.
  const std::size_t expected = 4096 + 950 * e.estimate.lines.size() + 200 * (e.estimate.weeks.size() + e.estimate.months.size()) +
                               extra.front().json.size();
  return Reply::written(format, expected, [&](auto& out) { iop::detail::write_estimate(out, e.estimate, extra); });
}

Reply gfe(const JsonReader& request) {
  request.expect_only(decl::api_gfe_request::members);
  const auto format = read_format(request, decl::api_gfe_request::format);
  const auto document = request.at(decl::api_gfe_request::case_);
  document.expect_only(decl::gfe_case::members);
  const auto c = read_course(document);
  const auto fees = read_case_fees(document, c.program);
  // The request's own members, with the diagnoses taken from the plan (and the place of a
  // telehealth course from its calendar).
  json request_members = json::object();
  namespace D = decl::gfe_case;
  for (const decl::Member& key : std::initializer_list<decl::Member>{D::patient, D::provider, D::co_providers,
                                                                     D::scheduled_on, D::on_request, D::issued_on,
                                                                     D::separately_scheduled, D::business_days})
    if (auto v = document.find(key)) request_members[std::string(key.name)] = v->json();
  json diagnoses = json::array({c.plan.primary_diagnosis.str()});
  for (const auto& code : c.plan.secondary_diagnoses) diagnoses.push_back(code.str());
  request_members[std::string(decl::gfe_request::diagnosis_codes.name)] = std::move(diagnoses);
  const auto gfe_request = gfe_request_from_json(request_members, document.path());
  const auto estimates = with_field_prefix(document.path(), [&] {
    const auto calendar = build_calendar(c.plan, c.program, c.holidays, c.policy, c.events);
    return make_good_faith_estimates(gfe_request, calendar, fees, c.holidays);
  });
  // One document for the whole course: a course total and a page break before each estimate.
  if (format == "html") return content_response(format, to_html(estimates));
  json out = json::array();
  for (const auto& g : estimates) out.push_back(to_json(g));
  return result_response(format, std::move(out));
}

}  // namespace iop::api::detail
