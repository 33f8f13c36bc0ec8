#pragma once
// `iop serve`: the document API over HTTP/1.1 (Boost.Beast).
//
//   POST /v1/<operation>    the request document in, the response document out (byte for byte
//                           what `iop call <operation>` prints)
//   GET  /v1/schema/<name>  one of the JSON Schemas
//   GET  /healthz           {"status":"ok","version":...,"api_version":1}
//   GET  /openapi.json      the OpenAPI 3.1 description (iop::api::openapi_json)
//
// Errors are the document API's error object with 400 (validation, overflow), 404
// (not_found, an unknown path), 405 (a method the path does not take), 413 (a body
// over the limit), 500 (internal) or 503 (past the time limit, or the queue full).
// One JSON line per request goes to the log: time, method, path, operation, status,
// duration, bytes in and out.

#include <cstddef>
#include <string>

namespace iop::cli {

/// What `iop serve` is started with.
struct ServeOptions {
  std::string host = "127.0.0.1";  ///< the address to bind: loopback unless asked otherwise
  int port = 8080;                 ///< 0 picks a free port (printed on stderr)
  int threads = 0;                 ///< network threads and computing threads each; 0: one per core
  std::size_t max_request_bytes = std::size_t{4} << 20;  ///< the body limit (413 past it)
  double timeout_seconds = 10;     ///< to read a request, to compute it, and to write the response
  std::size_t queue = 256;         ///< requests waiting for a computing thread before 503
  std::string log = "-";           ///< where the request log goes: "-" for stderr, or a file
};

/// Serves until SIGTERM or SIGINT, then stops accepting, lets the requests in
/// flight finish, and returns 0. Returns 2 (after one line on stderr) when the
/// address cannot be bound.
int serve(const ServeOptions& options);

}  // namespace iop::cli
