// x12.benefits (271 in), x12.remittance (835 in), remittance.reconcile (an estimate against an 835).

#include "declared.hpp"
#include "api/case.hpp"
#include "api/operations.hpp"
#include "iop/billing/reconciliation.hpp"
#include "iop/core/error.hpp"
#include "iop/io/x12/benefits.hpp"
#include "iop/io/x12/claims.hpp"
#include "iop/io/x12/remittance.hpp"
#include "iop/io/remittance_export.hpp"
#include "iop/io/text_reports.hpp"

namespace iop::api::detail {
namespace {

// The X12 text of a request: errors inside it name the request member, then the segment and element.
std::string x12_text(const JsonReader& request, const decl::Member& member) { return request.at(member).as_string(); }

template <typename Work>
decltype(auto) in_member(const JsonReader& request, const decl::Member& member, Work&& work) {
  return with_field_prefix(request.at(member).path(), std::forward<Work>(work));
}

}  // namespace

Reply x12_benefits(const JsonReader& request) {
  namespace D = decl::api_x12_benefits_request;
  request.expect_only(D::members);
  const auto format = read_format(request, D::format);
  const auto patients = in_member(request, D::x12, [&] { return x12::benefits_from_271(x12_text(request, D::x12)); });
  if (format == "text") return content_response(format, to_text(patients));
  json out = json::array();
  for (const auto& b : patients) out.push_back(x12::to_json(b));
  return result_response(format, json{{"patients", std::move(out)}});
}

Reply x12_remittance(const JsonReader& request) {
  namespace D = decl::api_x12_remittance_request;
  request.expect_only(D::members);
  const auto format = read_format(request, D::format);
  const auto remittance = in_member(request, D::x12, [&] { return x12::remittance_from_835(x12_text(request, D::x12)); });
  if (format == "csv") return content_response(format, to_csv(remittance));
  return result_response(format, to_json(remittance));
}

Reply x12_claims(const JsonReader& request) {
  namespace D = decl::api_x12_claims_request;
  request.expect_only(D::members);
  const auto format = read_format(request, D::format);
  const auto document = request.at(D::case_);
  document.expect_only(decl::api_x12_claims_request_case::members);
  const auto c = read_course(document);
  const auto fees = read_case_fees(document, c.program);
  const auto claims = request.at(D::claims);
  const auto claim_request = x12::claim_request_from_json(claims.json(), claims.path());
  const auto calendar = with_field_prefix(document.path(), [&] {
    return build_calendar(c.plan, c.program, c.holidays, c.policy, c.events);
  });
  const auto batch = x12::claims_for(calendar, c.plan, fees, claim_request);
  if (format == "x12") return content_response(format, batch.x12);
  return result_response(format, x12::to_json(batch));
}

Reply remittance_reconcile(const JsonReader& request) {
  namespace D = decl::api_remittance_reconcile_request;
  request.expect_only(D::members);
  const auto format = read_format(request, D::format);
  const auto document = request.at(D::case_);
  if (document.find(decl::estimate_case::monte_carlo))
    throw ValidationError(document.at(decl::estimate_case::monte_carlo).path(), "", "is not reconciled",
                          "a case without monte_carlo: a remittance is reconciled with one estimate");
  const auto e = estimate_case(document);
  const auto remittance = in_member(request, D::x12, [&] { return x12::remittance_from_835(x12_text(request, D::x12)); });
  std::optional<GfeTerms> gfe;
  if (auto g = request.find(D::gfe)) {
    namespace G = decl::api_remittance_reconcile_request_gfe;
    g->expect_only(G::members);
    gfe = GfeTerms{g->at(G::expected_charges).as_money(Money(), Money::from_cents(limits::max_amount_cents)),
                   g->at(G::billed_on).as_date()};
  }
  const auto result = reconcile(e.estimate, remittance, e.coverage, gfe);
  if (format == "text") return content_response(format, to_text(result));
  return result_response(format, to_json(result));
}

}  // namespace iop::api::detail
