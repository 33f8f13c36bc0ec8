#pragma once
// TLS for `iop serve` (OpenSSL through Boost.Asio): a server context made from PEM
// files, TLS 1.2 at least, optionally requiring client certificates signed by a given
// CA (mutual TLS). Made again on SIGHUP, so renewed files take effect for new
// connections without a restart; connections already open keep the context they began with.
//
//   auto context = make_tls_context({"server.pem", "server.key", ""});  // throws iop::Error

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace iop::cli::service {

/// The files a TLS context is made from.
struct TlsFiles {
  std::string certificate;  ///< PEM: the server's certificate, then its intermediates
  std::string key;          ///< PEM: its private key
  std::string client_ca;    ///< PEM: CAs whose client certificates are required; empty: none asked
};

/// A server context from @p files. Throws iop::ValidationError (or NotFoundError for a
/// file that cannot be read) naming the option: a certificate that is not PEM, a key
/// that is not the certificate's, or a certificate outside its validity period
/// (expired, or not yet valid) is refused rather than served.
[[nodiscard]] std::shared_ptr<boost::asio::ssl::context> make_tls_context(const TlsFiles& files);

}  // namespace iop::cli::service
