#include "metrics.hpp"

#include <cstdio>

#include "iop/version.hpp"

namespace iop::cli::service {
namespace {

// A number as Prometheus reads it (a Go float): %g for the bucket bounds, which it
// prints exactly (0.0005, 2.5, 10); more digits for a sum of seconds.
std::string number(double value, int digits = 6) {
  char text[40];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

void family(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
  out.append("# HELP ").append(name).append(" ").append(help).append("\n");
  out.append("# TYPE ").append(name).append(" ").append(type).append("\n");
}

void sample(std::string& out, std::string_view name, std::string_view labels, const std::string& value) {
  out.append(name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(value).append("\n");
}

std::string path_label(std::string_view path) { return "path=\"" + std::string(path) + "\""; }

}  // namespace

void Metrics::record(std::string_view path, unsigned status, double seconds, std::size_t bytes_in,
                     std::size_t bytes_out) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto found = routes_.find(path);
  if (found == routes_.end()) found = routes_.emplace(std::string(path), Route{}).first;
  auto& route = found->second;
  ++route.by_status[status];
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  ++route.buckets[bucket];
  route.seconds += seconds;
  ++route.count;
  route.bytes_in += bytes_in;
  route.bytes_out += bytes_out;
}

std::string Metrics::prometheus_text(std::size_t queue_depth, bool draining) const {
  std::string out;
  const std::lock_guard<std::mutex> lock(mutex_);
  family(out, "iop_http_requests_total", "counter", "Requests answered, by route and HTTP status.");
  for (const auto& [path, route] : routes_)
    for (const auto& [status, count] : route.by_status)
      sample(out, "iop_http_requests_total", path_label(path) + ",status=\"" + std::to_string(status) + "\"",
             std::to_string(count));
  family(out, "iop_http_request_duration_seconds", "histogram",
         "Time from a request's head to its response's last byte, by route.");
  for (const auto& [path, route] : routes_) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += route.buckets[i];
      const std::string le = i < kBuckets.size() ? number(kBuckets[i]) : "+Inf";
      sample(out, "iop_http_request_duration_seconds_bucket", path_label(path) + ",le=\"" + le + "\"",
             std::to_string(cumulative));
    }
    sample(out, "iop_http_request_duration_seconds_sum", path_label(path), number(route.seconds, 12));
    sample(out, "iop_http_request_duration_seconds_count", path_label(path), std::to_string(route.count));
  }
  family(out, "iop_http_request_bytes_total", "counter", "Request body bytes received, by route.");
  for (const auto& [path, route] : routes_)
    sample(out, "iop_http_request_bytes_total", path_label(path), std::to_string(route.bytes_in));
  family(out, "iop_http_response_bytes_total", "counter", "Response body bytes sent, by route.");
  for (const auto& [path, route] : routes_)
    sample(out, "iop_http_response_bytes_total", path_label(path), std::to_string(route.bytes_out));
  family(out, "iop_compute_queue_depth", "gauge", "Requests waiting for or running on a computing thread.");
  sample(out, "iop_compute_queue_depth", "", std::to_string(queue_depth));
  family(out, "iop_http_requests_in_flight", "gauge", "Requests received and not yet answered.");
  sample(out, "iop_http_requests_in_flight", "", std::to_string(in_flight.load()));
  family(out, "iop_http_connections_open", "gauge", "Client connections open.");
  sample(out, "iop_http_connections_open", "", std::to_string(connections.load()));
  family(out, "iop_tls_handshakes_total", "counter", "TLS handshakes, by result.");
  sample(out, "iop_tls_handshakes_total", "result=\"completed\"", std::to_string(tls_completed_.load()));
  sample(out, "iop_tls_handshakes_total", "result=\"failed\"", std::to_string(tls_failed_.load()));
  family(out, "iop_auth_failures_total", "counter", "Requests refused for their bearer token, by reason.");
  sample(out, "iop_auth_failures_total", "reason=\"missing\"", std::to_string(auth_missing_.load()));
  sample(out, "iop_auth_failures_total", "reason=\"invalid\"", std::to_string(auth_invalid_.load()));
  family(out, "iop_draining", "gauge", "1 from SIGTERM on: GET /readyz answers 503.");
  sample(out, "iop_draining", "", draining ? "1" : "0");
  family(out, "iop_build_info", "gauge", "The iop version serving.");
  sample(out, "iop_build_info", std::string("version=\"") + version_string + "\"", "1");
  return out;
}

}  // namespace iop::cli::service
