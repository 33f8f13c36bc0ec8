#include "serve.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>  // before Boost.Asio 1.74, whose headers use std::exchange without it
#include <vector>

#include <boost/asio.hpp>
#include <nlohmann/json.hpp>

#include "iop/core/error.hpp"
#include "service/http_rules.hpp"
#include "service/service.hpp"

namespace iop::cli {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using service::Service;

// The acceptor is touched only on its own strand: SIGTERM's handler (on any
// network thread) closing it while an accept's completion re-armed it on
// another was a data race (ThreadSanitizer), and a crash or a hang at exit.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& io, tcp::acceptor acceptor, Service& service)
      : io_(io), strand_(net::make_strand(io)), acceptor_(std::move(acceptor)), service_(service) {}

  void accept() {
    net::dispatch(strand_, [self = shared_from_this()] { self->arm(); });
  }

  void stop() {
    net::dispatch(strand_, [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  // On strand_.
  void arm() {
    if (!acceptor_.is_open()) return;
    // Each connection gets a strand of its own; the completion comes back to this one.
    acceptor_.async_accept(net::make_strand(io_),
                           net::bind_executor(strand_, [self = shared_from_this()](boost::system::error_code ec,
                                                                                   tcp::socket socket) {
                             if (!ec) service::start_connection(std::move(socket), self->service_);
                             self->arm();
                           }));
  }

  net::io_context& io_;
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;
  Service& service_;
};

// A refused option: one line on stderr, and the exit code 2 of the command's input errors.
int refuse_option(std::string_view line) {
  std::cerr << "iop: " << line << '\n';
  return 2;
}

// What the options say about themselves, before anything is opened: nothing, or the refusal.
std::optional<std::string> check_options(const ServeOptions& options, const net::ip::address& address) {
  if (options.tls_cert.empty() != options.tls_key.empty())
    return "[iop.validation] --tls-key: " + std::string(options.tls_cert.empty() ? "is given without --tls-cert"
                                                                                 : "is missing beside --tls-cert") +
           "; allowed: both --tls-cert and --tls-key, or neither";
  if (!options.tls_client_ca.empty() && options.tls_cert.empty())
    return "[iop.validation] --tls-client-ca: is given without --tls-cert; allowed: mutual TLS over TLS";
  // Requests carry protected health information: off this machine only over TLS, unless told.
  if (!address.is_loopback() && options.tls_cert.empty() && !options.insecure_plaintext)
    return "[iop.validation] --host: " + address.to_string() +
           " is not a loopback address and no --tls-cert was given; allowed: TLS (--tls-cert, --tls-key), a loopback "
           "address, or --insecure-plaintext behind a TLS-terminating proxy on a private network";
  for (const auto& host : options.allowed_hosts) {
    const auto lowered = service::lower_ascii(host);
    const bool ipv6 = host.find(':') != std::string::npos;
    if (service::host_name(ipv6 ? "[" + host + "]" : host) != lowered || (!ipv6 && lowered.empty()))
      return "[iop.validation] --allowed-host: " + iop::quoted(host) +
             " is not a host name; allowed: a name or an IP address without a port, e.g. iop.clinic.example";
  }
  for (const auto& origin : options.allow_origins) {
    const auto target = service::parse_target(origin);
    if (!target || target->path != "/" || origin.back() == '/' || service::host_name(*target->authority).empty())
      return "[iop.validation] --allow-origin: " + iop::quoted(origin) +
             " is not an origin; allowed: scheme://host[:port] as a browser sends it, e.g. https://app.clinic.example";
  }
  return std::nullopt;
}

std::vector<std::string> allowed_hosts(const ServeOptions& options, const net::ip::address& address) {
  if (!options.allowed_hosts.empty()) {
    std::vector<std::string> out;
    for (const auto& host : options.allowed_hosts) out.push_back(service::lower_ascii(host));
    return out;
  }
  return {address.to_string(), "localhost"};
}

// SIGTERM or SIGINT: draining (GET /readyz 503, responses close their connections)
// for drain_seconds, then accepting stops and idle connections close; requests that
// have begun arriving are answered. A second signal ends draining at once.
// SIGHUP: the token file and the TLS files are read again.
class Signals {
 public:
  Signals(net::io_context& io, Service& service, std::shared_ptr<Listener> listener)
      : service_(service), listener_(std::move(listener)), stop_(io, SIGTERM, SIGINT), reload_(io, SIGHUP), drain_(io) {}

  void start() {
    stop_.async_wait([this](boost::system::error_code ec, int) {
      if (ec) return;
      service_.draining = true;
      if (service_.options.drain_seconds <= 0) return stop_now();
      drain_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(service_.options.drain_seconds)));
      drain_.async_wait([this](boost::system::error_code e) {
        if (!e) stop_now();
      });
      stop_.async_wait([this](boost::system::error_code e, int) {
        if (!e) stop_now();
      });
    });
    wait_for_reload();
  }

 private:
  void stop_now() {
    if (service_.stopping.exchange(true)) return;
    listener_->stop();
    boost::system::error_code ignored;
    stop_.cancel(ignored);
    reload_.cancel(ignored);
    drain_.cancel();
    // Outside Service's lock: the last reference to a connection may go here.
    for (const auto& connection : service_.alive()) connection->close_if_idle();
  }

  void wait_for_reload() {
    reload_.async_wait([this](boost::system::error_code ec, int) {
      if (ec) return;
      nlohmann::json entry{{"time", service::utc_now()}, {"event", "reload"}};
      try {
        service_.reload();
        entry["result"] = "ok";
      } catch (const std::exception& e) {
        // The message names an option and a file of this machine, never a request.
        entry["result"] = "refused, the previous files stay in use";
        entry["message"] = e.what();
      }
      service_.log.write(entry);
      wait_for_reload();
    });
  }

  Service& service_;
  std::shared_ptr<Listener> listener_;
  net::signal_set stop_;
  net::signal_set reload_;
  net::steady_timer drain_;
};

}  // namespace

int serve(const ServeOptions& options) {
  boost::system::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec)
    return refuse_option("[iop.validation] --host: " + iop::printable_excerpt(options.host) +
                         " is not an IP address; allowed: an IPv4 or IPv6 address such as 127.0.0.1");
  if (const auto refusal = check_options(options, address)) return refuse_option(*refusal);
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = options.threads > 0 ? options.threads : cores;
  std::unique_ptr<Service> shared;
  try {
    shared = std::make_unique<Service>(options, static_cast<std::size_t>(threads), allowed_hosts(options, address));
  } catch (const iop::Error& e) {
    return refuse_option(e.what());
  }
  net::io_context io(threads);
  tcp::acceptor acceptor(io);
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return refuse_option("[iop.validation] --port: " + options.host + ":" + std::to_string(options.port) +
                         " cannot be bound (" + ec.message() + "); allowed: a free port");
  const auto bound = acceptor.local_endpoint();
  auto listener = std::make_shared<Listener>(io, std::move(acceptor), *shared);
  listener->accept();
  Signals signals(io, *shared, listener);
  signals.start();

  const bool tls = shared->tls() != nullptr;
  std::cerr << "iop serve: listening on " << (tls ? "https" : "http") << "://"
            << (bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string()) << ":"
            << bound.port() << " (" << threads << " network and " << threads << " computing threads, requests up to "
            << options.max_request_bytes << " bytes, " << options.timeout_seconds << " s time limit"
            << (shared->tokens() ? ", bearer tokens required" : "")
            << (options.tls_client_ca.empty() ? "" : ", client certificates required") << ")" << std::endl;

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  // Every response is written. A computation still running was answered 503
  // when it ran past the time limit; nobody waits for it, so neither does the exit.
  if (const auto abandoned = shared->waiting.load(); abandoned > 0) {
    std::cerr << "iop serve: stopped (" << abandoned << " computation(s) past the time limit not waited for)" << std::endl;
    std::_Exit(0);
  }
  shared->compute.join();
  std::cerr << "iop serve: stopped" << std::endl;
  return 0;
}

}  // namespace iop::cli
