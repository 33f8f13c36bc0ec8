#include "head_check.hpp"

#include <algorithm>

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "http_rules.hpp"
#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/core/json.hpp"
#include "service.hpp"
#include "tokens.hpp"

namespace iop::cli::service {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;

// Boost 1.74's Beast has its own string_view.
std::string_view text(boost::beast::string_view view) { return {view.data(), view.size()}; }

// Service-level refusals past the API: a time limit, a full queue, draining.
class UnavailableError : public std::runtime_error, public Error {
 public:
  UnavailableError(std::string field, std::string value, std::string problem, std::string allowed)
      : std::runtime_error(format_error_message("iop.unavailable", field, value, problem, allowed)),
        Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}
  [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }
  [[nodiscard]] std::string_view id() const noexcept override { return "iop.unavailable"; }
};

std::string error_body(std::string_view kind, const Error& e) {
  json error{{"kind", kind},      {"id", std::string(e.id())}, {"field", e.field()},
             {"value", e.value()}, {"problem", e.problem()},    {"allowed", e.allowed()},
             {"message", std::string(e.what())}};
  return to_compact_json(json{{"api_version", api::api_version}, {"error", std::move(error)}});
}

std::string list_of(const std::vector<std::string>& names, std::string_view option) {
  if (names.empty()) return "none (no " + std::string(option) + " given)";
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text + " (" + std::string(option) + ")";
}

bool is_operation(std::string_view name) {
  const auto names = api::operations();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The route of a path, its label for the log and metrics, and the method it takes.
struct Resolved {
  std::optional<Route> route;
  std::string label = "other";
  http::verb method = http::verb::get;
};

Resolved resolve(const std::string& path) {
  if (path == "/healthz") return {Route::healthz, path};
  if (path == "/readyz") return {Route::readyz, path};
  if (path == "/metrics") return {Route::metrics, path};
  if (path == "/openapi.json") return {Route::openapi, path};
  if (path.rfind("/v1/schema/", 0) == 0) return {Route::schema, "/v1/schema/{name}"};
  if (path.rfind("/v1/", 0) == 0 && path.size() > 4 && path.find('/', 4) == std::string::npos) {
    const auto name = path.substr(4);
    return {Route::operation, is_operation(name) ? path : "/v1/{unknown}", http::verb::post};
  }
  return {};
}

std::optional<Refusal> check_host(const http::request_header<>& head, const std::optional<std::string>& authority,
                                  const Service& service) {
  const auto hosts = head.count(http::field::host);
  if (hosts > 1)
    return Refusal::validation(http::status::bad_request, "Host", "", "is given more than once",
                               "one Host field (RFC 9112 section 3.2)");
  if (!authority && hosts == 0) {
    if (head.version() == 10) return std::nullopt;  // HTTP/1.0 has no Host to check
    return Refusal::validation(http::status::bad_request, "Host", "", "is missing",
                               "a Host field in every HTTP/1.1 request (RFC 9112 section 3.2)");
  }
  const std::string given = authority ? *authority : std::string(text(head[http::field::host]));
  const auto name = host_name(given);
  if (name.empty())
    return Refusal::validation(http::status::bad_request, "Host", iop::quoted(given), "is not host[:port]",
                               "a host name or address, and a port (RFC 9110 section 7.2)");
  if (!is_listed(name, service.allowed_hosts))
    return Refusal::validation(http::status::misdirected_request, "Host", iop::quoted(name),
                               "is not a name of this service", list_of(service.allowed_hosts, "--allowed-host"));
  return std::nullopt;
}

std::optional<Refusal> check_token(const http::request_header<>& head, const TokenSet& tokens, Exchange& exchange) {
  const auto field = head.find(http::field::authorization);
  const bool given = field != head.end();
  const auto token = given ? bearer_token(text(field->value())) : std::nullopt;
  if (token) exchange.holder = tokens.holder_of(*token);
  if (exchange.holder) return std::nullopt;
  // RFC 6750 section 3: the challenge, and invalid_token when a token was given.
  exchange.auth_failure = given ? AuthFailure::invalid : AuthFailure::missing;
  exchange.www_authenticate = given ? R"(Bearer realm="iop", error="invalid_token")" : R"(Bearer realm="iop")";
  return Refusal::validation(http::status::unauthorized, "Authorization", "",
                             given ? "is not a bearer token this service takes" : "is missing",
                             "Authorization: Bearer <token> with a token of the service's token file (RFC 6750)");
}

std::optional<Refusal> check_body_head(const http::request_header<>& head, std::optional<std::uint64_t> length,
                                       const Service& service) {
  if (length && *length > service.options.max_request_bytes) return too_large(service.options.max_request_bytes);
  if (head.method() == http::verb::post) {
    const auto type = head.find(http::field::content_type);
    if (type == head.end() || !is_json_media_type(text(type->value())))
      return Refusal::validation(http::status::unsupported_media_type, "Content-Type",
                                 type == head.end() ? "" : iop::quoted(text(type->value())),
                                 type == head.end() ? "is missing" : "is not JSON", "application/json");
    if (const auto coding = head.find(http::field::content_encoding);
        coding != head.end() && lower_ascii(text(coding->value())) != "identity")
      return Refusal::validation(http::status::unsupported_media_type, "Content-Encoding", iop::quoted(text(coding->value())),
                                 "is not taken", "no Content-Encoding (identity)");
  }
  if (const auto expect = head.find(http::field::expect);
      expect != head.end() && lower_ascii(text(expect->value())) != "100-continue")
    return Refusal::validation(http::status::expectation_failed, "Expect", iop::quoted(text(expect->value())),
                               "is not an expectation this service meets", "100-continue (RFC 9110 section 10.1.1)");
  return std::nullopt;
}

}  // namespace

std::string Refusal::body() const {
  switch (kind) {
    case Kind::unavailable: return error_body("unavailable", UnavailableError(field, value, problem, allowed));
    case Kind::not_found: return error_body("not_found", NotFoundError(field, value, problem, allowed));
    case Kind::validation: break;
  }
  return error_body("validation", ValidationError(field, value, problem, allowed));
}

Refusal too_large(std::size_t limit) {
  // The words of parse_json's own refusal (src/core/json.cpp), so that every surface agrees.
  return Refusal::validation(http::status::payload_too_large, "request", "",
                             "is more than " + std::to_string(limit) + " bytes",
                             "a JSON document of at most " + std::to_string(limit) + " bytes");
}

HeadCheck check_head(const http::request_header<>& head, std::optional<std::uint64_t> content_length,
                     const Service& service, const TokenSet* tokens) {
  HeadCheck out;
  auto& exchange = out.exchange;
  const auto target = parse_target(text(head.target()));
  if (!target) {
    out.refusal = Refusal::validation(http::status::bad_request, "request target", iop::quoted(text(head.target())),
                                      "is neither a path nor an absolute http(s) URI",
                                      "/v1/<operation> or http://<host>/v1/<operation> (RFC 9112 section 3.2)");
    return out;
  }
  exchange.path = target->path;
  if ((out.refusal = check_host(head, target->authority, service))) return out;
  if (const auto origin = head.find(http::field::origin); origin != head.end()) {
    const auto& allowed = service.options.allow_origins;
    if (std::find(allowed.begin(), allowed.end(), text(origin->value())) == allowed.end()) {
      out.refusal = Refusal::validation(http::status::forbidden, "Origin", iop::quoted(text(origin->value())),
                                        "is not an origin this service answers", list_of(allowed, "--allow-origin"));
      return out;
    }
    exchange.cors_origin = std::string(text(origin->value()));
  }
  const auto resolved = resolve(exchange.path);
  exchange.label = resolved.label;
  const bool preflight = head.method() == http::verb::options && !exchange.cors_origin.empty() &&
                         head.find(http::field::access_control_request_method) != head.end();
  const bool open = resolved.route == Route::healthz || resolved.route == Route::readyz || preflight;
  if (tokens != nullptr && !open && (out.refusal = check_token(head, *tokens, exchange))) return out;
  if (!resolved.route) {
    out.refusal = Refusal{http::status::not_found, Refusal::Kind::not_found, "path", iop::quoted(exchange.path),
                          "is not a path of the service",
                          "POST /v1/<operation>, GET /v1/schema/<name>, GET /healthz, GET /readyz, GET /metrics, "
                          "GET /openapi.json"};
    return out;
  }
  exchange.route = preflight ? Route::preflight : *resolved.route;
  if (resolved.route == Route::operation) {
    exchange.operation_name = exchange.path.substr(4);
    if (is_operation(exchange.operation_name)) exchange.operation_label = exchange.operation_name;
  }
  if (!preflight && head.method() != resolved.method) {
    exchange.allow = std::string(http::to_string(resolved.method));
    out.refusal = Refusal::validation(http::status::method_not_allowed, "method",
                                      std::string(head.method_string()), "is not a method of " + exchange.path,
                                      exchange.allow);
    return out;
  }
  if ((out.refusal = check_body_head(head, content_length, service))) return out;
  out.send_continue = head.find(http::field::expect) != head.end();
  return out;
}

void add_exchange_fields(http::response<http::string_body>& response, const Exchange& exchange) {
  if (!exchange.allow.empty()) response.set(http::field::allow, exchange.allow);
  if (!exchange.www_authenticate.empty()) response.set(http::field::www_authenticate, exchange.www_authenticate);
  if (exchange.cors_origin.empty()) return;
  // The Fetch standard's CORS protocol: the origin echoed (never *, as requests carry tokens).
  response.set(http::field::access_control_allow_origin, exchange.cors_origin);
  response.set(http::field::vary, "Origin");
  if (exchange.route == Route::preflight) {
    response.set(http::field::access_control_allow_methods, "GET, POST");
    response.set(http::field::access_control_allow_headers, "Authorization, Content-Type");
    response.set(http::field::access_control_max_age, "600");
  }
}

}  // namespace iop::cli::service
