#pragma once
// The document API's operations (internal). Each reads its request through a
// JsonReader rooted at the request document, so an error names the request's
// own field path (`plan.weeks`, `case.coverage.coinsurance`), and returns the
// response document without its `api_version` (added by api::call).

#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "iop/core/json.hpp"
#include "core/json_writer.hpp"

namespace iop::api::detail {

using nlohmann::json;

/// The request's `format`: one of its declared names, the declared default when absent.
std::string read_format(const JsonReader& request, const decl::Choice& format);

/// An operation's answer without its `api_version`: a document, or (for the large
/// results) the format and the result already written as compact JSON, which skips
/// building and walking a DOM. Both give the same bytes for the same answer.
class Reply {
 public:
  // Implicit: most operations answer with a document.
  Reply(json document) : document_(std::move(document)) {}  // NOLINT(google-explicit-constructor)
  /// `{"api_version": 1, "format": format, "result": ...}` with the result written by `write_result`
  /// (about `expected_bytes` long: the buffer is reserved once rather than grown and copied).
  static Reply written(std::string_view format, std::size_t expected_bytes,
                       const std::function<void(iop::detail::JsonWriter&)>& write_result);
  /// The whole response as compact text, with its `api_version`.
  [[nodiscard]] std::string serialize() &&;

 private:
  Reply() = default;
  json document_;
  std::string text_;  // the whole response, when written
};

/// `{"format": f, "result": value}`.
json result_response(const std::string& format, json result);
/// `{"format": f, "content": text}`.
json content_response(const std::string& format, std::string content);

Reply programs_list(const JsonReader& request);
Reply plan_check(const JsonReader& request);
Reply plan_fhir(const JsonReader& request);
Reply plan_review(const JsonReader& request);
Reply episode_state(const JsonReader& request);
Reply episode_review(const JsonReader& request);
Reply outcomes_cohort(const JsonReader& request);
Reply recommend(const JsonReader& request);
Reply calendar_build(const JsonReader& request);
Reply estimate(const JsonReader& request);
Reply gfe(const JsonReader& request);
Reply parity_analyse(const JsonReader& request);
Reply demo(const JsonReader& request);
Reply zone_convert(const JsonReader& request);
Reply zone_transitions(const JsonReader& request);
Reply data_sources(const JsonReader& request);
Reply x12_benefits(const JsonReader& request);
Reply x12_claims(const JsonReader& request);
Reply x12_remittance(const JsonReader& request);
Reply remittance_reconcile(const JsonReader& request);

}  // namespace iop::api::detail
