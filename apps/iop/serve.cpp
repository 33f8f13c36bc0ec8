#include "serve.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>  // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange without it
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/version.hpp"

namespace iop::cli {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

// The request log: one JSON object a line, whole lines only.
class RequestLog {
 public:
  explicit RequestLog(const std::string& target) {
    if (target != "-") {
      file_ = std::fopen(target.c_str(), "a");
      if (file_ == nullptr)
        throw NotFoundError("--log", iop::quoted(target), "cannot be opened for appending", "a writable file, or -");
    }
  }
  ~RequestLog() {
    if (file_ != nullptr) std::fclose(file_);
  }
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  void write(const json& entry) {
    const std::string line = entry.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    const std::lock_guard<std::mutex> lock(mutex_);
    std::FILE* out = file_ != nullptr ? file_ : stderr;
    std::fwrite(line.data(), 1, line.size(), out);
    std::fflush(out);
  }

 private:
  std::FILE* file_ = nullptr;
  std::mutex mutex_;
};

// UTC now as 2026-11-29T18:40:12.345Z.
std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[96];  // room for any int the format could print, so the compiler can prove no truncation
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1,
                parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<int>(millis));
  return text;
}

// An error object of the document API's shape, for what the service itself refuses.
std::string error_body(std::string_view kind, const Error& e) {
  json error{{"kind", kind},          {"id", std::string(e.id())}, {"field", e.field()},
             {"value", e.value()},     {"problem", e.problem()},    {"allowed", e.allowed()},
             {"message", std::string(e.what())}};
  return json{{"api_version", api::api_version}, {"error", std::move(error)}}.dump(-1, ' ', false,
                                                                                    json::error_handler_t::replace);
}

// Service-level refusals past the API: a time limit or a full queue.
class UnavailableError : public std::runtime_error, public Error {
 public:
  UnavailableError(std::string field, std::string value, std::string problem, std::string allowed)
      : std::runtime_error(format_error_message("iop.unavailable", field, value, problem, allowed)),
        Error(std::move(field), std::move(value), std::move(problem), std::move(allowed)) {}
  [[nodiscard]] const char* what() const noexcept override { return std::runtime_error::what(); }
  [[nodiscard]] std::string_view id() const noexcept override { return "iop.unavailable"; }
};

http::status status_of(api::Status status) {
  switch (status) {
    case api::Status::ok: return http::status::ok;
    case api::Status::validation:
    case api::Status::overflow: return http::status::bad_request;
    case api::Status::not_found: return http::status::not_found;
    case api::Status::internal: return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

class Session;

// What every session shares: the options, the computing pool and its queue, the log,
// and the sessions alive (to close the idle ones on shutdown).
struct Shared {
  ServeOptions options;
  net::thread_pool compute;
  RequestLog log;
  std::atomic<std::size_t> waiting{0};
  std::atomic<bool> stopping{false};
  std::mutex sessions_mutex;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;

  Shared(ServeOptions o, std::size_t threads) : options(std::move(o)), compute(threads), log(options.log) {}
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}

  void start() {
    {
      const std::lock_guard<std::mutex> lock(shared_.sessions_mutex);
      shared_.sessions.insert(weak_from_this());
    }
    net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // On shutdown: a session waiting for a request is closed; one with a request in flight finishes it.
  void close_if_idle() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->reading_) self->close();
    });
  }

  ~Session() {
    const std::lock_guard<std::mutex> lock(shared_.sessions_mutex);
    shared_.sessions.erase(weak_from_this());
  }

 private:
  void read() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(shared_.options.max_request_bytes);
    parser_->header_limit(16 * 1024);
    reading_ = true;
    read_timed_out_ = false;
    // One deadline for the whole request, however slowly its bytes arrive. Our own
    // timer cancels the read (the stream's own expiry would close the socket, and
    // a client that sent part of a request is owed a 408).
    stream_.expires_never();
    read_deadline_.emplace(stream_.get_executor());
    read_deadline_->expires_after(timeout());
    read_deadline_->async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || !self->reading_) return;
      self->read_timed_out_ = true;
      beast::error_code ignored;
      self->stream_.socket().cancel(ignored);
    });
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    read_deadline_->cancel();
    started_ = Clock::now();
    if (read_timed_out_) {
      // Nothing of a request within the time limit (an idle keep-alive connection): close.
      if (buffer_.size() == 0 && !parser_->got_some()) return close();
      return refuse(http::status::request_timeout, "unavailable",
                    UnavailableError("request", "", "did not arrive within " + seconds_text(),
                                     "a whole request within the time limit"),
                    false);
    }
    // The client went away, or shutdown closed this idle connection: nothing to answer.
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::bad_descriptor || (ec && shared_.stopping))
      return close();
    if (ec == http::error::body_limit) {
      const auto length = parser_->content_length();
      return refuse(http::status::payload_too_large, "validation",
                    ValidationError("request", "", length ? "is " + std::to_string(*length) + " bytes" : "is too large",
                                    "a request of at most " + std::to_string(shared_.options.max_request_bytes) + " bytes"),
                    false);
    }
    if (ec)
      return refuse(http::status::bad_request, "validation",
                    ValidationError("request", "", "is not an HTTP/1.1 request: " + ec.message(), "HTTP/1.1 (RFC 9112)"),
                    false);
    request_ = parser_->release();
    bytes_in_ = request_.body().size();
    route();
  }

  void route() {
    const std::string target(request_.target());
    method_ = std::string(request_.method_string());
    path_ = target.substr(0, target.find('?'));
    const bool post = request_.method() == http::verb::post;
    const bool get = request_.method() == http::verb::get;
    if (path_.rfind("/v1/schema/", 0) == 0) {
      if (!get) return wrong_method("GET");
      const auto name = path_.substr(11);
      if (const auto schema = api::schema_json(name)) return respond(http::status::ok, std::string(*schema));
      const auto answer = api::call("schema", json{{"api_version", api::api_version}, {"name", name}}.dump(
                                                    -1, ' ', false, json::error_handler_t::replace));
      return respond(status_of(answer.status), answer.body);
    }
    if (path_ == "/healthz") {
      if (!get) return wrong_method("GET");
      return respond(http::status::ok,
                     json{{"status", "ok"}, {"version", version_string}, {"api_version", api::api_version}}.dump());
    }
    if (path_ == "/openapi.json") {
      if (!get) return wrong_method("GET");
      return respond(http::status::ok, api::openapi_json());
    }
    if (path_.rfind("/v1/", 0) == 0 && path_.size() > 4 && path_.find('/', 4) == std::string::npos) {
      if (!post) return wrong_method("POST");
      operation_ = path_.substr(4);
      return compute();
    }
    refuse(http::status::not_found, "not_found",
           NotFoundError("path", iop::quoted(path_), "is not a path of the service",
                         "POST /v1/<operation>, GET /v1/schema/<name>, GET /healthz, GET /openapi.json"),
           true);
  }

  // The API call runs on the computing pool; whichever comes first, its answer
  // or the deadline, is sent (both run on this session's strand).
  void compute() {
    if (shared_.waiting.fetch_add(1) >= shared_.options.queue) {
      shared_.waiting.fetch_sub(1);
      return refuse(http::status::service_unavailable, "unavailable",
                    UnavailableError("request", "", "found every computing thread busy and the queue full",
                                     "a retry later (queue of " + std::to_string(shared_.options.queue) + ")"),
                    true);
    }
    answered_ = std::make_shared<bool>(false);
    deadline_.emplace(stream_.get_executor());
    deadline_->expires_after(timeout());
    deadline_->async_wait([self = shared_from_this(), answered = answered_](beast::error_code ec) {
      if (ec || *answered) return;
      *answered = true;
      self->refuse(http::status::service_unavailable, "unavailable",
                   UnavailableError("request", "", "took longer than " + self->seconds_text() + " to compute",
                                    "requests that finish within the service's time limit"),
                   false);
    });
    net::post(shared_.compute, [self = shared_from_this(), answered = answered_, operation = operation_,
                                body = std::move(request_.body())]() mutable {
      auto answer = api::call(operation, body);
      self->shared_.waiting.fetch_sub(1);
      net::post(self->stream_.get_executor(), [self, answered, answer = std::move(answer)]() mutable {
        if (*answered) return;  // the deadline answered first
        *answered = true;
        self->deadline_->cancel();
        self->respond(status_of(answer.status), std::move(answer.body));
      });
    });
  }

  void wrong_method(const char* allowed) {
    response_extra_allow_ = allowed;
    refuse(http::status::method_not_allowed, "validation",
           ValidationError("method", method_, "is not a method of " + path_, allowed), true);
  }

  void refuse(http::status status, std::string_view kind, const Error& e, bool keep_alive) {
    if (!keep_alive) request_.keep_alive(false);
    respond(status, error_body(kind, e));
  }

  void respond(http::status status, std::string body) {
    response_ = {};
    response_.version(request_.version() == 10 ? 10 : 11);
    response_.result(status);
    response_.set(http::field::server, std::string("iop/") + version_string);
    response_.set(http::field::content_type, "application/json; charset=utf-8");
    if (!response_extra_allow_.empty()) response_.set(http::field::allow, response_extra_allow_);
    response_.keep_alive(request_.keep_alive() && !shared_.stopping);
    bytes_out_ = body.size();
    response_.body() = std::move(body);
    response_.prepare_payload();
    stream_.expires_after(timeout());
    http::async_write(stream_, response_,
                      [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    const double milliseconds = std::chrono::duration<double, std::milli>(Clock::now() - started_).count();
    shared_.log.write(json{{"time", utc_now()},
                           {"method", method_},
                           {"path", path_},
                           {"operation", operation_},
                           {"status", static_cast<int>(response_.result_int())},
                           {"duration_ms", static_cast<double>(static_cast<long long>(milliseconds * 1000)) / 1000},
                           {"bytes_in", bytes_in_},
                           {"bytes_out", bytes_out_},
                           {"written", !ec}});
    const bool again = !ec && response_.keep_alive();
    request_ = {};
    bytes_in_ = 0;
    operation_.clear();
    method_.clear();
    response_extra_allow_.clear();
    if (again) return read();
    close();
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

  [[nodiscard]] std::chrono::steady_clock::duration timeout() const {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(shared_.options.timeout_seconds));
  }
  [[nodiscard]] std::string seconds_text() const {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", shared_.options.timeout_seconds);
    return text;
  }

  beast::tcp_stream stream_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  std::optional<net::steady_timer> deadline_;
  std::optional<net::steady_timer> read_deadline_;
  std::shared_ptr<bool> answered_;
  std::string method_, path_, operation_, response_extra_allow_;
  std::size_t bytes_in_ = 0;
  std::size_t bytes_out_ = 0;
  Clock::time_point started_ = Clock::now();
  bool reading_ = false;
  bool read_timed_out_ = false;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& io, tcp::acceptor acceptor, Shared& shared)
      : io_(io), acceptor_(std::move(acceptor)), shared_(shared) {}

  void accept() {
    acceptor_.async_accept(net::make_strand(io_), [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
      if (!ec) std::make_shared<Session>(std::move(socket), self->shared_)->start();
      if (self->acceptor_.is_open()) self->accept();
    });
  }

  void stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
  }

 private:
  net::io_context& io_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

}  // namespace

int serve(const ServeOptions& options) {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = options.threads > 0 ? options.threads : cores;
  Shared shared(options, static_cast<std::size_t>(threads));
  net::io_context io(threads);

  tcp::acceptor acceptor(io);
  beast::error_code ec;
  const auto address = net::ip::make_address(options.host, ec);
  if (ec) {
    std::cerr << "iop: [iop.validation] --host: " << iop::printable_excerpt(options.host)
              << " is not an IP address; allowed: an IPv4 or IPv6 address such as 127.0.0.1\n";
    return 2;
  }
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    std::cerr << "iop: [iop.validation] --port: " << options.host << ":" << options.port << " cannot be bound ("
              << ec.message() << "); allowed: a free port\n";
    return 2;
  }
  const auto bound = acceptor.local_endpoint();
  auto listener = std::make_shared<Listener>(io, std::move(acceptor), shared);
  listener->accept();

  // SIGTERM or SIGINT: stop accepting, close idle connections, let requests in flight finish.
  net::signal_set signals(io, SIGTERM, SIGINT);
  signals.async_wait([&](beast::error_code, int) {
    shared.stopping = true;
    listener->stop();
    std::vector<std::shared_ptr<Session>> alive;
    {
      const std::lock_guard<std::mutex> lock(shared.sessions_mutex);
      for (const auto& weak : shared.sessions)
        if (auto session = weak.lock()) alive.push_back(std::move(session));
    }
    // Outside the lock: the last reference to a session may go here, and its destructor takes the lock.
    for (const auto& session : alive) session->close_if_idle();
  });

  std::cerr << "iop serve: listening on http://" << bound.address().to_string() << ":" << bound.port() << " ("
            << threads << " network and " << threads << " computing threads, requests up to "
            << options.max_request_bytes << " bytes, " << options.timeout_seconds << " s time limit)" << std::endl;

  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  // Every response is written. A computation still running was answered 503
  // when it ran past the time limit; nobody waits for it, so neither does the exit.
  if (const auto abandoned = shared.waiting.load(); abandoned > 0) {
    std::cerr << "iop serve: stopped (" << abandoned << " computation(s) past the time limit not waited for)" << std::endl;
    std::_Exit(0);
  }
  shared.compute.join();
  std::cerr << "iop serve: stopped" << std::endl;
  return 0;
}

}  // namespace iop::cli
