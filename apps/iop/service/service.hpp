#pragma once
// What every connection of `iop serve` shares: the options, the computing pool and its
// queue, the log, the metrics, the TLS context and the token set (both made again on
// SIGHUP), the draining and stopping flags, and the connections alive (so that
// shutdown can close the idle ones).

#include <atomic>
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>  // before Boost.Asio 1.74, whose headers use std::exchange without it
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "../serve.hpp"
#include "metrics.hpp"
#include "request_log.hpp"
#include "tokens.hpp"

namespace iop::cli::service {

/// A connection as shutdown sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  /// Closes the connection if it is waiting for a request and no byte of one has
  /// arrived; a request that has begun arriving is read, answered and logged first.
  virtual void close_if_idle() = 0;
};

/// The state one `iop serve` process shares between its connections.
class Service {
 public:
  /// Reads the token file and makes the TLS context the options name; throws iop::Error.
  Service(ServeOptions options, std::size_t computing_threads, std::vector<std::string> allowed_hosts);

  const ServeOptions options;
  /// Lower-cased names a request's Host may give (RFC 9112 section 3.2).
  const std::vector<std::string> allowed_hosts;
  boost::asio::thread_pool compute;
  RequestLog log;
  Metrics metrics;
  /// Requests waiting for or running on a computing thread.
  std::atomic<std::size_t> waiting{0};
  /// From SIGTERM on: GET /readyz answers 503 and responses close their connection.
  std::atomic<bool> draining{false};
  /// From the end of draining on: no new request is read on an idle connection.
  std::atomic<bool> stopping{false};

  /// The token set, or null when no --tokens was given (no token asked).
  [[nodiscard]] std::shared_ptr<const TokenSet> tokens() const;
  /// The TLS context for new connections, or null when serving plain HTTP.
  [[nodiscard]] std::shared_ptr<boost::asio::ssl::context> tls() const;
  /// Reads the token file and the TLS files again; on any failure keeps what it had
  /// and throws iop::Error.
  void reload();

  /// Registers a connection alive / the connections alive now.
  void add(const std::weak_ptr<Connection>& connection);
  void remove(const std::weak_ptr<Connection>& connection);
  [[nodiscard]] std::vector<std::shared_ptr<Connection>> alive();

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const TokenSet> tokens_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  std::set<std::weak_ptr<Connection>, std::owner_less<std::weak_ptr<Connection>>> connections_;
};

/// Starts serving one accepted connection (TLS when the service has a context).
void start_connection(boost::asio::ip::tcp::socket socket, Service& service);

}  // namespace iop::cli::service
