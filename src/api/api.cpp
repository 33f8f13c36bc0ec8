#include "iop/api.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <new>
#include <span>

#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "iop/version.hpp"
#include "declared.hpp"
#include "api/operations.hpp"
#include "api/schemas.hpp"

namespace iop::api {
namespace detail {

std::string read_format(const JsonReader& request, const decl::Choice& format) {
  const auto v = request.find(format);
  if (!v) return std::string(format.fallback);
  const auto text = v->as_string();
  for (auto name : format.values)
    if (text == name) return text;
  std::string list;
  for (auto name : format.values) list += (list.empty() ? "" : ", ") + std::string(name);
  throw NotFoundError(v->path(), iop::quoted(text), "is not a format of this operation", list);
}

json result_response(const std::string& format, json result) {
  return json{{"format", format}, {"result", std::move(result)}};
}

json content_response(const std::string& format, std::string content) {
  return json{{"format", format}, {"content", std::move(content)}};
}

Reply Reply::written(std::string_view format, std::size_t expected_bytes,
                     const std::function<void(iop::detail::JsonWriter&)>& write_result) {
  Reply reply;
  reply.text_.reserve(expected_bytes + 64);
  // The members in the order a DOM would write them: api_version, format, result.
  iop::detail::JsonWriter writer(reply.text_);
  writer.begin_object();
  writer.member("api_version", api_version);
  writer.member("format", format);
  writer.key("result");
  write_result(writer);
  writer.end_object();
  return reply;
}

std::string Reply::serialize() && {
  if (!text_.empty()) return std::move(text_);
  document_["api_version"] = api_version;
  return to_compact_json(document_);
}

}  // namespace detail

namespace {

using detail::json;
using Handler = detail::Reply (*)(const JsonReader&);

struct Operation {
  std::string_view name;
  Handler handler;
  /// The request carries an X12 interchange as a JSON string (`x12`, `benefits_271`): a remittance of a few hundred
  /// claims is hundreds of kilobytes, so its strings may be as long as the request itself (4 MiB), not 64 KiB.
  bool carries_x12 = false;
};

detail::Reply version_operation(const JsonReader& request) {
  request.expect_only(decl::api_version_request::members);
  json names = json::array();
  for (auto name : operations()) names.push_back(name);
  const JsonLimits limits;
  return detail::result_response(
      "json", json{{"version", version_string},
                   {"api_version", api_version},
                   {"operations", std::move(names)},
                   {"limits",
                    {{"max_request_bytes", limits.max_bytes},
                     {"max_depth", limits.max_depth},
                     {"max_string_bytes", limits.max_string_bytes},
                     {"max_elements", limits.max_elements}}}});
}

detail::Reply schema_operation(const JsonReader& request) {
  request.expect_only(decl::api_schema_request::members);
  const auto name = request.at(decl::api_schema_request::name);
  const auto text = name.as_string();
  const auto schema = schema_json(text);
  if (!schema) {
    std::string list;
    for (auto n : schema_names()) list += (list.empty() ? "" : ", ") + std::string(n);
    throw NotFoundError(name.path(), iop::quoted(text), "is not a schema iop carries", list);
  }
  return detail::result_response("json", parse_json(*schema, "schema"));
}

// In the order `operations()` lists them.
constexpr std::array<Operation, 22> kOperations{{
    {"version", version_operation},
    {"schema", schema_operation},
    {"programs.list", detail::programs_list},
    {"plan.check", detail::plan_check},
    {"plan.fhir", detail::plan_fhir},
    {"plan.review", detail::plan_review},
    {"recommend", detail::recommend},
    {"calendar.build", detail::calendar_build},
    {"estimate", detail::estimate, true},
    {"gfe", detail::gfe},
    {"parity.analyse", detail::parity_analyse},
    {"demo", detail::demo},
    {"zone.convert", detail::zone_convert},
    {"zone.transitions", detail::zone_transitions},
    {"data.sources", detail::data_sources},
    {"x12.benefits", detail::x12_benefits, true},
    {"x12.claims", detail::x12_claims},
    {"x12.remittance", detail::x12_remittance, true},
    {"remittance.reconcile", detail::remittance_reconcile, true},
    {"episode.state", detail::episode_state},
    {"episode.review", detail::episode_review},
    {"outcomes.cohort", detail::outcomes_cohort},
}};

// Compact, with invalid UTF-8 (which no parsed input can hold, but a cut
// excerpt might) replaced rather than thrown on.
std::string serialize(const json& document) { return to_compact_json(document); }

detail::Reply run(std::string_view operation, std::string_view request_text) {
  const Operation* found = nullptr;
  for (const auto& op : kOperations)
    if (op.name == operation) found = &op;
  if (found == nullptr) {
    std::string list;
    for (const auto& op : kOperations) list += (list.empty() ? "" : ", ") + std::string(op.name);
    throw NotFoundError("operation", iop::quoted(operation), "is not an operation of the document API", list);
  }
  JsonLimits limits;
  if (found->carries_x12) limits.max_string_bytes = limits.max_bytes;
  const auto document = parse_json(request_text, "request", limits);
  const JsonReader request(document, "");
  if (!document.is_object())
    throw ValidationError("request", "", "is not a JSON object", "a JSON object with \"api_version\": 1");
  const auto version = request.find(decl::api_version_request::api_version);
  if (!version)
    throw ValidationError("api_version", "", "is missing", "\"api_version\": 1 in every request");
  if (!version->json().is_number_integer() || version->json() != api_version)
    throw ValidationError("api_version", version->json().is_string() ? iop::quoted(version->as_string()) : version->json().dump(),
                          "is not a version of the document API this library speaks", "1");
  return found->handler(request);
}

Response error_response(Status status, const Error& e) {
  json error{{"kind", to_string(status)}, {"id", std::string(e.id())}, {"field", e.field()},
             {"value", e.value()},        {"problem", e.problem()},    {"allowed", e.allowed()},
             {"message", std::string(e.what())}};
  return {status, serialize(json{{"api_version", api_version}, {"error", std::move(error)}})};
}

Response internal_response(std::string_view what) {
  const std::string message = format_error_message("iop.internal", "", "", "internal error: " + std::string(what), "");
  json error{{"kind", "internal"}, {"id", "iop.internal"}, {"field", ""}, {"value", ""},
             {"problem", "internal error: " + printable_excerpt(what, 300)}, {"allowed", ""}, {"message", message}};
  return {Status::internal, serialize(json{{"api_version", api_version}, {"error", std::move(error)}})};
}

}  // namespace

Response call(std::string_view operation, std::string_view request) noexcept {
  try {
    try {
      return {Status::ok, run(operation, request).serialize()};
    } catch (const ValidationError& e) {
      return error_response(Status::validation, e);
    } catch (const NotFoundError& e) {
      return error_response(Status::not_found, e);
    } catch (const OverflowError& e) {
      return error_response(Status::overflow, e);
    } catch (const std::bad_alloc&) {
      return internal_response("out of memory");
    } catch (const std::exception& e) {
      return internal_response(e.what());
    }
  } catch (...) {
    // Building the error itself failed (memory): a fixed answer needs no allocation beyond the string.
    try {
      return {Status::internal,
              R"({"api_version":1,"error":{"allowed":"","field":"","id":"iop.internal","kind":"internal","message":"[iop.internal] internal error: out of memory","problem":"internal error: out of memory","value":""}})"};
    } catch (...) {
      return {Status::internal, {}};
    }
  }
}

const std::vector<std::string_view>& operations() noexcept {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& op : kOperations) out.push_back(op.name);
    return out;
  }();
  return names;
}

const std::vector<std::string_view>& schema_names() noexcept {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> out;
    for (const auto& s : iop::detail::embedded_schemas()) out.push_back(s.name);
    return out;
  }();
  return names;
}

std::optional<std::string_view> schema_json(std::string_view name) noexcept {
  for (const auto& s : iop::detail::embedded_schemas())
    if (s.name == name) return s.text;
  return std::nullopt;
}

std::string_view to_string(Status status) noexcept {
  switch (status) {
    case Status::ok: return "ok";
    case Status::validation: return "validation";
    case Status::not_found: return "not_found";
    case Status::overflow: return "overflow";
    case Status::internal: return "internal";
  }
  return "internal";
}

}  // namespace iop::api
