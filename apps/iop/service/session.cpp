// One connection of `iop serve`, plain or TLS: read a request's head, check it (the
// rules of docs/deploy.md and RFC 9110/9112), read its body, compute on the pool,
// answer, log, and again while the connection is kept alive.

#include <chrono>
#include <cstdint>
#include <limits>
#include <cstdio>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>  // before Boost.Asio 1.74, whose headers use std::exchange without it

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <nlohmann/json.hpp>

#include "head_check.hpp"
#include "iop/api.hpp"
#include "iop/core/error.hpp"
#include "iop/version.hpp"
#include "service.hpp"

namespace iop::cli::service {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

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

template <class Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
 public:
  Session(tcp::socket socket, Service& service, const std::shared_ptr<net::ssl::context>& tls)
      : tls_(tls), stream_(make_stream(std::move(socket), tls_)), service_(service) {
    service_.metrics.connections.fetch_add(1);
  }
  ~Session() override {
    if (counted_in_flight_) service_.metrics.in_flight.fetch_sub(1);
    service_.remove(this->weak_from_this());
    service_.metrics.connections.fetch_sub(1);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start() {
    service_.add(this->weak_from_this());
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls)
        self->handshake();
      else
        self->read_head();
    });
  }

  void close_if_idle() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (self->waiting_for_request_ && !self->request_begun()) self->close();
    });
  }

 private:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  static Stream make_stream(tcp::socket socket, const std::shared_ptr<net::ssl::context>& tls) {
    if constexpr (kTls)
      return Stream(std::move(socket), *tls);
    else
      return Stream(std::move(socket));
  }

  tcp::socket& socket() { return beast::get_lowest_layer(stream_).socket(); }

  // Whether any byte of a next request is here: in our buffer, in the parser, or
  // waiting in the socket (sent, and not read yet).
  bool request_begun() {
    beast::error_code ec;
    return buffer_.size() > 0 || (parser_ && parser_->got_some()) || socket().available(ec) > 0;
  }

  // One deadline for the TLS handshake, and one for a whole request however slowly its
  // bytes arrive. Our own timer cancels the socket's operations (the stream's own
  // expiry would close it, and a client that sent part of a request is owed a 408).
  // A generation number tells a deadline whose wait completed just as the read did
  // (its handler already queued) from the one still running.
  void arm_read_deadline() {
    read_timed_out_ = false;
    beast::get_lowest_layer(stream_).expires_never();
    read_deadline_.emplace(stream_.get_executor());
    read_deadline_->expires_after(timeout());
    read_deadline_->async_wait([self = this->shared_from_this(), generation = ++read_generation_](beast::error_code ec) {
      if (ec || generation != self->read_generation_) return;
      self->read_timed_out_ = true;
      beast::error_code ignored;
      self->socket().cancel(ignored);
    });
  }

  void stop_read_deadline() {
    ++read_generation_;
    read_deadline_->cancel();
  }

  void handshake() {
    if constexpr (kTls) {
      arm_read_deadline();
      stream_.async_handshake(net::ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code ec) {
        self->stop_read_deadline();
        self->service_.metrics.tls_handshake(!ec);
        if (ec) return self->close();
        self->read_head();
      });
    }
  }

  void read_head() {
    parser_.reset();  // request_begun() asks about the next request only
    if (service_.stopping && !request_begun()) return close();
    parser_.emplace();
    // No body limit while the head is read: a Content-Length over the limit is answered by
    // check_head, after the Host and the token (the limit is set before the body is read).
    // (Not boost::none: Beast 1.74 compares a Content-Length with an empty limit as over it.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    parser_->header_limit(kHeaderLimit);
    waiting_for_request_ = true;
    arm_read_deadline();
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_head(ec); });
  }

  void on_head(beast::error_code ec) {
    waiting_for_request_ = false;
    started_ = Clock::now();
    if (ec) {
      stop_read_deadline();
      return on_read_error(ec);
    }
    service_.metrics.in_flight.fetch_add(1);
    counted_in_flight_ = true;
    const auto& head = parser_->get();
    version_ = head.version();
    client_keep_alive_ = head.keep_alive();
    method_ = head.method() == http::verb::unknown ? "unknown" : std::string(http::to_string(head.method()));
    const auto tokens = service_.tokens();
    const auto length = parser_->content_length();  // a boost::optional
    auto checked = check_head(head, length ? std::optional<std::uint64_t>(*length) : std::nullopt, service_, tokens.get());
    exchange_ = std::move(checked.exchange);
    if (exchange_.auth_failure) service_.metrics.auth_failure(*exchange_.auth_failure == AuthFailure::invalid);
    if (checked.refusal) {
      stop_read_deadline();
      return refuse(*checked.refusal, /*keep_alive=*/!body_expected());
    }
    parser_->body_limit(service_.options.max_request_bytes);  // for a chunked body
    if (checked.send_continue && body_expected()) return send_continue();
    read_body();
  }

  bool body_expected() {
    const auto length = parser_->content_length();
    return parser_->chunked() || (length && *length > 0);
  }

  // RFC 9110 section 10.1.1: the client waits for 100 before sending the body; the head
  // was checked, so the body is wanted.
  void send_continue() {
    continue_.emplace(http::status::continue_, 11);
    http::async_write(stream_, *continue_, [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->stop_read_deadline();
        return self->on_read_error(ec);
      }
      self->read_body();
    });
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       self->stop_read_deadline();
                       if (ec) return self->on_read_error(ec);
                       self->request_ = self->parser_->release();
                       self->bytes_in_ = self->request_.body().size();
                       self->dispatch();
                     });
  }

  void on_read_error(beast::error_code ec) {
    const bool some = parser_ && parser_->got_some();
    if (read_timed_out_) {
      // Nothing of a request within the time limit (an idle keep-alive connection): close.
      if (!some && buffer_.size() == 0) return close();
      return refuse(Refusal::unavailable(http::status::request_timeout, "request", "",
                                         "did not arrive within " + seconds_text(), "a whole request within the time limit"),
                    false);
    }
    // The client went away, or shutdown closed this idle connection: nothing to answer.
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted || ec == net::error::eof ||
        ec == net::error::connection_reset || ec == net::error::bad_descriptor || ec == net::ssl::error::stream_truncated ||
        (ec && service_.stopping && !some))
      return close();
    if (ec == http::error::header_limit)
      return refuse(Refusal::validation(http::status::request_header_fields_too_large, "request", "",
                                        "has a head (request line and header fields) over " +
                                            std::to_string(kHeaderLimit) + " bytes",
                                        "a head of at most " + std::to_string(kHeaderLimit) + " bytes (RFC 6585 section 5)"),
                    false);
    if (ec == http::error::body_limit) return refuse(too_large(service_.options.max_request_bytes), false);
    refuse(Refusal::validation(http::status::bad_request, "request", "", "is not an HTTP/1.1 request: " + ec.message(),
                               "HTTP/1.1 (RFC 9112)"),
           false);
  }

  void dispatch() {
    switch (exchange_.route) {
      case Route::operation: return compute();
      case Route::schema: {
        const auto name = exchange_.path.substr(std::string_view("/v1/schema/").size());
        if (const auto schema = api::schema_json(name)) return respond(http::status::ok, std::string(*schema));
        const auto answer = api::call("schema", json{{"api_version", api::api_version}, {"name", name}}.dump(
                                                    -1, ' ', false, json::error_handler_t::replace));
        return respond(status_of(answer.status), answer.body);
      }
      case Route::healthz:
        return respond(http::status::ok,
                       json{{"status", "ok"}, {"version", version_string}, {"api_version", api::api_version}}.dump());
      case Route::readyz:
        if (service_.draining)
          return refuse(Refusal::unavailable(http::status::service_unavailable, "service", "", "is draining",
                                             "requests to another instance"),
                        true);
        return respond(http::status::ok, json{{"status", "ready"}}.dump());
      case Route::metrics:
        return respond(http::status::ok, service_.metrics.prometheus_text(service_.waiting, service_.draining),
                       "text/plain; version=0.0.4; charset=utf-8");
      case Route::openapi: return respond(http::status::ok, api::openapi_json());
      case Route::preflight: return respond(http::status::no_content, "");
    }
  }

  // The API call runs on the computing pool; whichever comes first, its answer
  // or the deadline, is sent (both run on this session's strand).
  void compute() {
    if (service_.waiting.fetch_add(1) >= service_.options.queue) {
      service_.waiting.fetch_sub(1);
      return refuse(Refusal::unavailable(http::status::service_unavailable, "request", "",
                                         "found every computing thread busy and the queue full",
                                         "a retry later (queue of " + std::to_string(service_.options.queue) + ")"),
                    true);
    }
    auto answered = std::make_shared<bool>(false);
    compute_deadline_.emplace(stream_.get_executor());
    compute_deadline_->expires_after(timeout());
    compute_deadline_->async_wait([self = this->shared_from_this(), answered](beast::error_code ec) {
      if (ec || *answered) return;
      *answered = true;
      self->refuse(Refusal::unavailable(http::status::service_unavailable, "request", "",
                                        "took longer than " + self->seconds_text() + " to compute",
                                        "requests that finish within the service's time limit"),
                   false);
    });
    net::post(service_.compute, [self = this->shared_from_this(), answered, operation = exchange_.operation_name,
                                 body = std::move(request_.body())]() mutable {
      auto answer = api::call(operation, body);
      self->service_.waiting.fetch_sub(1);
      net::post(self->stream_.get_executor(), [self, answered, answer = std::move(answer)]() mutable {
        if (*answered) return;  // the deadline answered first
        *answered = true;
        self->compute_deadline_->cancel();
        self->respond(status_of(answer.status), std::move(answer.body));
      });
    });
  }

  void refuse(const Refusal& refusal, bool keep_alive) {
    if (!keep_alive) close_after_ = true;
    respond(refusal.status, refusal.body());
  }

  void respond(http::status status, std::string body, const char* content_type = "application/json; charset=utf-8") {
    response_ = {};
    response_.version(version_ == 10 ? 10 : 11);
    response_.result(status);
    response_.set(http::field::server, std::string("iop/") + version_string);
    if (status != http::status::no_content) response_.set(http::field::content_type, content_type);
    // Responses may hold protected health information: no cache keeps them (RFC 9111 section 5.2.2.5).
    response_.set(http::field::cache_control, "no-store");
    response_.set("X-Content-Type-Options", "nosniff");
    add_exchange_fields(response_, exchange_);
    response_.keep_alive(client_keep_alive_ && !close_after_ && !service_.draining && !service_.stopping);
    bytes_out_ = body.size();
    response_.body() = std::move(body);
    response_.prepare_payload();
    beast::get_lowest_layer(stream_).expires_after(timeout());
    http::async_write(stream_, response_,
                      [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_write(ec); });
  }

  void on_write(beast::error_code ec) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    const auto status = response_.result_int();
    service_.metrics.record(exchange_.label, status, seconds, bytes_in_, bytes_out_);
    if (counted_in_flight_) service_.metrics.in_flight.fetch_sub(1);
    counted_in_flight_ = false;
    // Names the service knows and numbers only: never a body, a token or an excerpt of the request.
    service_.log.write(json{{"time", utc_now()},
                            {"method", method_.empty() ? json(nullptr) : json(method_)},
                            {"path", exchange_.label},
                            {"operation", exchange_.operation_label},
                            {"status", status},
                            {"duration_ms", static_cast<double>(static_cast<long long>(seconds * 1e6)) / 1000},
                            {"bytes_in", bytes_in_},
                            {"bytes_out", bytes_out_},
                            {"written", !ec},
                            {"tls", kTls},
                            {"client", exchange_.holder ? json(*exchange_.holder) : json(nullptr)}});
    const bool again = !ec && response_.keep_alive();
    request_ = {};
    exchange_ = {};
    bytes_in_ = bytes_out_ = 0;
    method_.clear();
    version_ = 11;
    client_keep_alive_ = false;
    if (again) return read_head();
    if (ec) return close();
    finish();
  }

  // After a last response: TLS says close_notify; plain HTTP shuts its sending side and
  // reads what the client still sends for a moment, so that unread request bytes do not
  // turn the close into a reset that could destroy the response before it is read.
  void finish() {
    beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
    if constexpr (kTls) {
      stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->close(); });
    } else {
      beast::error_code ignored;
      socket().shutdown(tcp::socket::shutdown_send, ignored);
      drain();
    }
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(64 * 1024),
                            [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    if (counted_in_flight_) service_.metrics.in_flight.fetch_sub(1);
    counted_in_flight_ = false;
    beast::error_code ignored;
    socket().shutdown(tcp::socket::shutdown_both, ignored);
    socket().close(ignored);
  }

  [[nodiscard]] std::chrono::steady_clock::duration timeout() const {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(service_.options.timeout_seconds));
  }
  [[nodiscard]] std::string seconds_text() const {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", service_.options.timeout_seconds);
    return text;
  }

  std::shared_ptr<net::ssl::context> tls_;  // kept alive for this connection, whatever SIGHUP loads
  Stream stream_;
  Service& service_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::request<http::string_body> request_;
  http::response<http::string_body> response_;
  std::optional<http::response<http::empty_body>> continue_;
  std::optional<net::steady_timer> compute_deadline_;
  std::optional<net::steady_timer> read_deadline_;
  Exchange exchange_;
  std::string method_;
  std::size_t bytes_in_ = 0;
  std::size_t bytes_out_ = 0;
  Clock::time_point started_ = Clock::now();
  unsigned version_ = 11;
  bool client_keep_alive_ = false;
  bool waiting_for_request_ = false;
  bool read_timed_out_ = false;
  std::uint64_t read_generation_ = 0;
  bool close_after_ = false;
  bool counted_in_flight_ = false;
};

}  // namespace

void start_connection(tcp::socket socket, Service& service) {
  if (auto tls = service.tls())
    std::make_shared<Session<TlsStream>>(std::move(socket), service, tls)->start();
  else
    std::make_shared<Session<PlainStream>>(std::move(socket), service, nullptr)->start();
}

}  // namespace iop::cli::service
