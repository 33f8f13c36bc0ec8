#include "service.hpp"

#include "tls.hpp"

namespace iop::cli::service {
namespace {

std::shared_ptr<const TokenSet> read_tokens(const ServeOptions& options) {
  if (options.tokens.empty()) return nullptr;
  return std::make_shared<const TokenSet>(TokenSet::read(options.tokens));
}

std::shared_ptr<boost::asio::ssl::context> make_tls(const ServeOptions& options) {
  if (options.tls_cert.empty()) return nullptr;
  return make_tls_context({options.tls_cert, options.tls_key, options.tls_client_ca});
}

}  // namespace

Service::Service(ServeOptions o, std::size_t computing_threads, std::vector<std::string> hosts)
    : options(std::move(o)),
      allowed_hosts(std::move(hosts)),
      compute(computing_threads),
      log(options.log),
      tokens_(read_tokens(options)),
      tls_(make_tls(options)) {}

std::shared_ptr<const TokenSet> Service::tokens() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return tokens_;
}

std::shared_ptr<boost::asio::ssl::context> Service::tls() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return tls_;
}

void Service::reload() {
  // Both are read before either is replaced: a failure leaves the service as it was.
  auto tokens = read_tokens(options);
  auto tls = make_tls(options);
  const std::lock_guard<std::mutex> lock(mutex_);
  tokens_ = std::move(tokens);
  tls_ = std::move(tls);
}

void Service::add(const std::weak_ptr<Connection>& connection) {
  const std::lock_guard<std::mutex> lock(mutex_);
  connections_.insert(connection);
}

void Service::remove(const std::weak_ptr<Connection>& connection) {
  const std::lock_guard<std::mutex> lock(mutex_);
  connections_.erase(connection);
}

std::vector<std::shared_ptr<Connection>> Service::alive() {
  std::vector<std::shared_ptr<Connection>> out;
  const std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (auto connection = it->lock()) {
      out.push_back(std::move(connection));
      ++it;
    } else {
      it = connections_.erase(it);  // a connection already gone
    }
  }
  return out;
}

}  // namespace iop::cli::service
