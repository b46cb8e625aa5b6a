#include "registry/transport/client_config.h"

#include <memory>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/asio/ssl/context.hpp>

namespace chartmirror::registry::transport {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

BioPtr memory_bio(const std::string& pem) {
  return {BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free};
}

// True when the text holds at least one certificate and nothing unreadable before it.
bool has_certificate(const std::string& pem) {
  const BioPtr bio = memory_bio(pem);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
  return cert != nullptr;
}

bool has_private_key(const std::string& pem) {
  const BioPtr bio = memory_bio(pem);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  return key != nullptr;
}

Error invalid(std::string message) {
  return Error{.code = Error::Code::kInvalidInput, .message = std::move(message)};
}

}  // namespace

Result<web::http::client::http_client_config, Error> make_client_config(
    const TlsOptions& tls, std::chrono::seconds timeout) {
  if (!tls.ca_pem.empty() && !has_certificate(tls.ca_pem)) {
    return invalid("the CA bundle holds no PEM certificate");
  }
  if (tls.client_cert_pem.empty() != tls.client_key_pem.empty()) {
    return invalid("a client certificate needs its key, and a key its certificate");
  }
  if (!tls.client_cert_pem.empty() && !has_certificate(tls.client_cert_pem)) {
    return invalid("the client certificate is not a PEM certificate");
  }
  if (!tls.client_key_pem.empty() && !has_private_key(tls.client_key_pem)) {
    return invalid("the client key is not a PEM private key");
  }

  web::http::client::http_client_config config;
  config.set_timeout(timeout);
  config.set_validate_certificates(!tls.insecure_skip_verify);
  // cpprestsdk has already loaded the system CAs into the context when this runs.
  config.set_ssl_context_callback([tls](boost::asio::ssl::context& context) {
    if (!tls.ca_pem.empty()) {
      context.add_certificate_authority(boost::asio::buffer(tls.ca_pem));
    }
    if (!tls.client_cert_pem.empty()) {
      context.use_certificate_chain(boost::asio::buffer(tls.client_cert_pem));
      context.use_private_key(boost::asio::buffer(tls.client_key_pem),
                              boost::asio::ssl::context::pem);
    }
  });
  return config;
}

}  // namespace chartmirror::registry::transport
