#pragma once
// `iop serve`: the document API over HTTP/1.1 (Boost.Beast), plain or TLS (OpenSSL).
//
//   POST /v1/<operation>    the request document in (Content-Type: application/json), the
//                           response document out (byte for byte what `iop call <operation>` prints)
//   GET  /v1/schema/<name>  one of the JSON Schemas
//   GET  /healthz           {"status":"ok","version":...,"api_version":1}: the process is up
//   GET  /readyz            200 while taking requests, 503 once SIGTERM began draining it
//   GET  /metrics           Prometheus text: requests, latencies, bytes, queue, TLS, auth
//   GET  /openapi.json      the OpenAPI 3.1 description (iop::api::openapi_json)
//
// Errors are the document API's error object with 400 (validation, overflow), 404
// (not_found, an unknown path), 405 (a method the path does not take), 413 (a body
// over the limit), 500 (internal) or 503 (past the time limit, or the queue full), and
// for the request's head 401 (bearer token), 403 (Origin), 408 (too slow), 415 (not
// application/json), 417 (Expect), 421 (Host) and 431 (headers too large).
// One JSON line per request goes to the log: time, method, path, operation, status,
// duration, bytes in and out, TLS, the token's holder; never a body, token or excerpt.
// docs/deploy.md says how to run it behind a load balancer, with TLS and tokens.

#include <cstddef>
#include <string>
#include <vector>

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
  std::string tls_cert;            ///< PEM certificate chain; with tls_key, serve HTTPS
  std::string tls_key;             ///< PEM private key of tls_cert
  std::string tls_client_ca;       ///< PEM CAs whose client certificates are required (mutual TLS)
  std::string tokens;              ///< file of bearer-token hashes; empty: no token asked
  bool insecure_plaintext = false;  ///< allow plain HTTP on an address other than loopback
  std::vector<std::string> allowed_hosts;   ///< Host names taken; empty: the bound address and localhost
  std::vector<std::string> allow_origins;   ///< origins answered with CORS headers; others refused
  double drain_seconds = 0;        ///< after SIGTERM: /readyz says 503 this long before accepting stops
};

/// Serves until SIGTERM or SIGINT, then drains (drain_seconds), stops accepting, closes
/// idle connections, answers every request that has begun arriving, and returns 0.
/// SIGHUP reads the TLS files and the token file again. Returns 2 (after one line on
/// stderr) when an option is refused or the address cannot be bound.
int serve(const ServeOptions& options);

}  // namespace iop::cli
