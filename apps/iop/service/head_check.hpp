#pragma once
// A request's head checked before its body is read: Host (RFC 9112 section 3.2),
// the request target's form (section 3.2.2), Origin (CORS), the bearer token
// (RFC 6750), the route and method, the media type, the length and Expect (RFC 9110
// section 10.1.1). What it finds is an Exchange (how to answer) or a Refusal (what to
// answer instead), so a client that may not send a body is told so before it does.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

namespace iop::cli::service {

class Service;
class TokenSet;

/// The largest request head (request line and header fields) read: past it, 431.
inline constexpr std::size_t kHeaderLimit = 16 * 1024;

/// Where a request goes.
enum class Route { operation, schema, healthz, readyz, metrics, openapi, preflight };

/// Why a request's token was refused.
enum class AuthFailure { missing, invalid };

/// What the service answers itself, before or instead of the document API: an HTTP
/// status and the error object of the API's shape (kind `validation`, `not_found` for a
/// path, or `unavailable` for a time limit, a full queue or draining).
struct Refusal {
  enum class Kind { validation, not_found, unavailable };
  boost::beast::http::status status;
  Kind kind = Kind::validation;
  std::string field, value, problem, allowed;

  static Refusal validation(boost::beast::http::status status, std::string field, std::string value,
                            std::string problem, std::string allowed) {
    return {status, Kind::validation, std::move(field), std::move(value), std::move(problem), std::move(allowed)};
  }
  static Refusal unavailable(boost::beast::http::status status, std::string field, std::string value,
                             std::string problem, std::string allowed) {
    return {status, Kind::unavailable, std::move(field), std::move(value), std::move(problem), std::move(allowed)};
  }
  /// The error object, byte for byte as the document API writes one.
  [[nodiscard]] std::string body() const;
};

/// A body over @p limit bytes: the document API's own refusal of a request over its
/// limit (the same bytes as `iop call` and `iop_call` give for the same input), with 413.
[[nodiscard]] Refusal too_large(std::size_t limit);

/// How to answer one request, as far as its head tells.
struct Exchange {
  Route route = Route::operation;
  std::string path;                    ///< the request's path, without its query
  std::string label = "other";         ///< log and metrics: a route of the service, or "other"
  std::string operation_name;          ///< for api::call: the path's last segment
  std::string operation_label;         ///< the operation when the API has it, else empty
  std::optional<std::string> holder;   ///< the token's holder
  std::optional<AuthFailure> auth_failure;
  std::string cors_origin;             ///< an allowed Origin, echoed back
  std::string allow;                   ///< the Allow field of a 405
  std::string www_authenticate;        ///< the WWW-Authenticate field of a 401
};

/// The outcome of checking a head.
struct HeadCheck {
  Exchange exchange;
  std::optional<Refusal> refusal;
  bool send_continue = false;  ///< Expect: 100-continue, and the head is fine
};

/// Checks @p head (with the body length the parser read from it) against the service's
/// options and @p tokens (null: no token asked).
[[nodiscard]] HeadCheck check_head(const boost::beast::http::request_header<>& head,
                                   std::optional<std::uint64_t> content_length, const Service& service,
                                   const TokenSet* tokens);

/// Adds the fields @p exchange calls for (CORS, Allow, WWW-Authenticate) to a response.
void add_exchange_fields(boost::beast::http::response<boost::beast::http::string_body>& response,
                         const Exchange& exchange);

}  // namespace iop::cli::service
