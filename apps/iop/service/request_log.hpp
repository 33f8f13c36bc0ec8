#pragma once
// The request log of `iop serve`: one JSON object a line, whole lines only, to stderr
// or appended to a file. What a line may hold is decided by its writer (session.cpp):
// names the service knows (route, operation, method, token holder), numbers and the
// time, never a request's body, token, header values or an excerpt of them, since a
// request carries protected health information.

#include <cstdio>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace iop::cli::service {

/// Where log lines go; lines written from several threads never interleave.
class RequestLog {
 public:
  /// "-" for stderr, or a file opened for appending (throws iop::NotFoundError when it cannot be).
  explicit RequestLog(const std::string& target);
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  /// Writes @p entry as one line and flushes it.
  void write(const nlohmann::json& entry);

 private:
  std::FILE* file_ = nullptr;
  std::mutex mutex_;
};

/// UTC now as 2026-11-29T18:40:12.345Z.
[[nodiscard]] std::string utc_now();

}  // namespace iop::cli::service
