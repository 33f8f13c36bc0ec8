#pragma once
// The document API's operations (internal). Each reads its request through a
// JsonReader rooted at the request document, so an error names the request's
// own field path (`plan.weeks`, `case.coverage.coinsurance`), and returns the
// response document without its `api_version` (added by api::call).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"

namespace iop::api::detail {

using nlohmann::json;

/// The request's `format`: one of its declared names, the declared default when absent.
std::string read_format(const JsonReader& request, const decl::Choice& format);

/// `{"format": f, "result": value}`.
json result_response(const std::string& format, json result);
/// `{"format": f, "content": text}`.
json content_response(const std::string& format, std::string content);

/// Hours with one decimal when needed: 540 minutes -> "9", 450 -> "7.5".
std::string format_hours(int minutes);

json programs_list(const JsonReader& request);
json plan_check(const JsonReader& request);
json plan_fhir(const JsonReader& request);
json plan_review(const JsonReader& request);
json episode_state(const JsonReader& request);
json episode_review(const JsonReader& request);
json outcomes_cohort(const JsonReader& request);
json recommend(const JsonReader& request);
json calendar_build(const JsonReader& request);
json estimate(const JsonReader& request);
json gfe(const JsonReader& request);
json parity_analyse(const JsonReader& request);
json demo(const JsonReader& request);
json zone_convert(const JsonReader& request);
json zone_transitions(const JsonReader& request);
json data_sources(const JsonReader& request);
json x12_benefits(const JsonReader& request);
json x12_claims(const JsonReader& request);
json x12_remittance(const JsonReader& request);
json remittance_reconcile(const JsonReader& request);

}  // namespace iop::api::detail
