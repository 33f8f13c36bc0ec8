#pragma once
/// @file
/// @brief The document API: one operation name and one JSON request in, one JSON response out.
///
/// This is the single door under every surface of iop: the `iop` command, the
/// Python package, the C ABI (`iop/iop.h`), the HTTP service and the
/// WebAssembly module all pass their requests here, so the same request gives
/// byte-identical responses through each of them.
///
/// A request is a JSON object carrying `"api_version": 1` and the operation's
/// members; a response is a JSON object carrying `"api_version": 1` and either
/// the result or an error object:
///
///     {"api_version": 1, "format": "json", "result": {...}}
///     {"api_version": 1, "format": "ics", "content": "BEGIN:VCALENDAR\r\n..."}
///     {"api_version": 1, "error": {"kind": "validation", "id": "iop.validation",
///      "field": "plan.weeks", "value": "14", "problem": "is outside the program's weeks",
///      "allowed": "6..12", "message": "[iop.validation] plan.weeks: 14 ..."}}
///
/// Structured formats (JSON, FHIR) come back as `result`; text formats
/// (plain text, iCalendar, CSV, HTML) as the string `content`. Every request
/// and response has a JSON Schema (`schema_json`, the `schema` operation, and
/// generated from `declarations/`).
///
/// Operations: `version`, `schema`, `programs.list`, `plan.check`, `plan.fhir`,
/// `recommend`, `calendar.build`, `estimate`, `gfe`, `parity.analyse`, `demo`,
/// `zone.convert`, `zone.transitions`, `x12.benefits`, `x12.claims`, `x12.remittance`,
/// `remittance.reconcile`.
///
/// `call` never throws for any input: a malformed, oversized or hostile
/// request comes back as an error object (kind `validation`, `not_found` or
/// `overflow`); `internal` is reserved for a fault of iop itself (or memory
/// exhaustion) and no input is known to produce it. Responses are compact JSON
/// (no insignificant whitespace) with members in a fixed order, so they are
/// byte-for-byte reproducible. `call` holds no shared mutable state and may be
/// called from any number of threads at once.
///
/// @code
/// auto response = iop::api::call("calendar.build",
///     R"({"api_version": 1, "plan": {...}, "format": "ics"})");
/// if (response.status != iop::api::Status::ok) std::cerr << response.body << '\n';
/// @endcode

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iop::api {

/// The version of the request and response documents this library reads and writes.
inline constexpr int api_version = 1;

/// @brief How a call ended; also the C ABI's status codes (`IOP_STATUS_*`).
enum class Status : std::int8_t {
  ok = 0,          ///< the response holds a result
  validation = 1,  ///< the request was refused: malformed, out of range, or inconsistent
  not_found = 2,   ///< a name in the request (operation, program, zone, code) is not known
  overflow = 3,    ///< an exact computation (money in cents) would not fit
  internal = 4,    ///< a fault of iop itself, or memory exhaustion; never caused by valid or invalid input alone
};

/// @brief The response to one call: the status and the response document (always JSON).
struct Response {
  Status status = Status::ok;  ///< `ok`, or the kind of the error object in `body`
  std::string body;            ///< the response document, compact JSON in UTF-8
};

/// @brief Runs @p operation on the JSON @p request and returns the response document.
///
/// Never throws (an allocation failure while building an error is reported as
/// `Status::internal` with a fixed body).
[[nodiscard]] Response call(std::string_view operation, std::string_view request) noexcept;

/// @brief The names of every operation, in a fixed order.
[[nodiscard]] const std::vector<std::string_view>& operations() noexcept;

/// @brief The names of every JSON Schema the library carries: documents
/// (`treatment-plan`, `coverage`, ...) and the API's requests and responses
/// (`calendar.build.request`, `calendar.build.response`, `error`, ...).
[[nodiscard]] const std::vector<std::string_view>& schema_names() noexcept;

/// @brief The JSON Schema (draft 2020-12) called @p name, or nothing when there is none.
[[nodiscard]] std::optional<std::string_view> schema_json(std::string_view name) noexcept;

/// @brief The OpenAPI 3.1 description of the document API served over HTTP (`iop serve`).
///
/// Generated from the same JSON Schemas: `POST /v1/{operation}` for every
/// operation (its request schema as the body, its response schema for 200 and
/// the error object for 400, 404, 413, 500 and 503), `GET /v1/schema/{name}`,
/// `GET /healthz` and `GET /openapi.json`. Every schema is inlined under
/// `components/schemas` with its references rewritten to point there, so the
/// document stands alone.
[[nodiscard]] const std::string& openapi_json();

/// @brief The name of a status as it appears in error objects: `validation`, `not_found`, ...
[[nodiscard]] std::string_view to_string(Status status) noexcept;

}  // namespace iop::api
