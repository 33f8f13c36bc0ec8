#pragma once
// What `iop serve` counts, written as Prometheus text (exposition format 0.0.4) for
// `GET /metrics`:
//
//   iop_http_requests_total{path="/v1/estimate",status="200"} 1234
//   iop_http_request_duration_seconds_bucket{path="/v1/estimate",le="0.005"} 1100
//   iop_tls_handshakes_total{result="failed"} 2
//
// Labels hold only names the service itself knows (its routes and the operations of the
// document API), never text of a request, so no request can grow the set of series.

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace iop::cli::service {

/// Counters, histograms and gauges of one service; safe to update from any thread.
class Metrics {
 public:
  /// Upper bounds of the latency histogram's buckets, in seconds (then +Inf).
  static constexpr std::array<double, 14> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,    0.25,  0.5,    1,     2.5,  5,     10};

  /// One answered request: its route (a label the service chose), status, time from its
  /// head to its last response byte, and the body bytes in and out.
  void record(std::string_view path, unsigned status, double seconds, std::size_t bytes_in, std::size_t bytes_out);
  /// One TLS handshake, completed or failed.
  void tls_handshake(bool completed) { (completed ? tls_completed_ : tls_failed_).fetch_add(1); }
  /// One request refused for its token: `missing` or `invalid`.
  void auth_failure(bool token_given) { (token_given ? auth_invalid_ : auth_missing_).fetch_add(1); }

  /// Requests read and not yet answered.
  std::atomic<std::int64_t> in_flight{0};
  /// Connections open.
  std::atomic<std::int64_t> connections{0};

  /// Everything, in the Prometheus text format; @p queue_depth and @p draining are
  /// read from the service when scraped.
  [[nodiscard]] std::string prometheus_text(std::size_t queue_depth, bool draining) const;

 private:
  struct Route {
    std::map<unsigned, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size() + 1> buckets{};  // the last one: +Inf
    double seconds = 0;
    std::uint64_t count = 0;
    std::uint64_t bytes_in = 0;
    std::uint64_t bytes_out = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Route, std::less<>> routes_;
  std::atomic<std::uint64_t> tls_completed_{0}, tls_failed_{0}, auth_missing_{0}, auth_invalid_{0};
};

}  // namespace iop::cli::service
