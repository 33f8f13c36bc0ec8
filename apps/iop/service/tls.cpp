#include "tls.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <utility>  // before Boost.Asio 1.74, whose headers use std::exchange without it

#include <boost/asio/ssl.hpp>

#include "iop/core/error.hpp"

namespace iop::cli::service {
namespace {

namespace ssl = boost::asio::ssl;

void require_readable(const std::string& option, const std::string& file) {
  if (!std::ifstream(file, std::ios::binary))
    throw NotFoundError(option, iop::quoted(file), "cannot be opened", "a readable PEM file");
}

// OpenSSL's reason for the last failure, without its queue.
std::string openssl_reason(const boost::system::error_code& ec) {
  ERR_clear_error();
  return ec.message();
}

// RFC 5280 section 4.1.2.5: a certificate is valid from notBefore to notAfter inclusive.
void require_current(const std::string& file, ssl::context& context) {
  X509* certificate = SSL_CTX_get0_certificate(context.native_handle());
  if (certificate == nullptr)
    throw ValidationError("--tls-cert", iop::quoted(file), "holds no certificate", "a PEM certificate");
  if (X509_cmp_current_time(X509_get0_notAfter(certificate)) <= 0)
    throw ValidationError("--tls-cert", iop::quoted(file), "has expired", "a certificate within its validity period");
  if (X509_cmp_current_time(X509_get0_notBefore(certificate)) >= 0)
    throw ValidationError("--tls-cert", iop::quoted(file), "is not valid yet",
                          "a certificate within its validity period");
}

// The key is read here rather than by SSL_CTX_use_PrivateKey_file, whose default passphrase
// callback would ask on the terminal (a service must never wait on a prompt): a key with a
// passphrase is refused like any key that cannot be read.
void use_private_key(ssl::context& context, const std::string& file) {
  const std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_file(file.c_str(), "r"), &BIO_free);
  const auto no_passphrase = [](char*, int, int, void*) { return 0; };
  const std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, no_passphrase, nullptr) : nullptr, &EVP_PKEY_free);
  ERR_clear_error();
  if (!key)
    throw ValidationError("--tls-key", iop::quoted(file), "is not a PEM private key without a passphrase",
                          "the certificate's private key, PEM, without a passphrase");
  if (SSL_CTX_use_PrivateKey(context.native_handle(), key.get()) != 1 ||
      SSL_CTX_check_private_key(context.native_handle()) != 1) {
    ERR_clear_error();
    throw ValidationError("--tls-key", iop::quoted(file), "is not the key of the certificate in --tls-cert",
                          "the certificate's own private key");
  }
}

}  // namespace

std::shared_ptr<ssl::context> make_tls_context(const TlsFiles& files) {
  require_readable("--tls-cert", files.certificate);
  require_readable("--tls-key", files.key);
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  // TLS 1.2 and 1.3 only (RFC 8996 deprecates 1.0 and 1.1).
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  boost::system::error_code ec;
  context->use_certificate_chain_file(files.certificate, ec);
  if (ec)
    throw ValidationError("--tls-cert", iop::quoted(files.certificate), "is not a PEM certificate chain (" + openssl_reason(ec) + ")",
                          "a PEM file: the server's certificate, then its intermediates");
  use_private_key(*context, files.key);
  require_current(files.certificate, *context);
  if (!files.client_ca.empty()) {
    require_readable("--tls-client-ca", files.client_ca);
    context->load_verify_file(files.client_ca, ec);
    if (ec)
      throw ValidationError("--tls-client-ca", iop::quoted(files.client_ca), "is not a PEM CA bundle (" + openssl_reason(ec) + ")",
                            "PEM certificates of the CAs that sign client certificates");
    // The CAs' names go to the client, so it knows which of its certificates to send.
    if (STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(files.client_ca.c_str()); names != nullptr)
      SSL_CTX_set_client_CA_list(context->native_handle(), names);
    context->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
  }
  return context;
}

}  // namespace iop::cli::service
