#include "registry/transport/tls_context.h"

#include <optional>
#include <string>

#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace chartmirror::registry::transport {
namespace {

Error tls_error(std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .operation = "configure TLS"};
}

bool is_ip_literal(std::string_view host) {
  const std::string text(host);
  unsigned char buffer[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

// Adds every certificate of a PEM bundle to the context's trust store.
bool add_ca_bundle(SSL_CTX* context, const std::string& pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
  X509_STORE* store = SSL_CTX_get_cert_store(context);
  int added = 0;
  while (true) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr), &X509_free);
    if (cert == nullptr) break;
    if (X509_STORE_add_cert(store, cert.get()) == 1) ++added;
  }
  ERR_clear_error();  // the loop ends on a "no start line" error by design
  return added > 0;
}

// Loads the client certificate chain and key; the error names which of them is wrong.
std::optional<std::string> use_client_certificate(SSL_CTX* context, const TlsOptions& options) {
  std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
      BIO_new_mem_buf(options.client_cert_pem.data(),
                      static_cast<int>(options.client_cert_pem.size())),
      &BIO_free);
  std::unique_ptr<X509, decltype(&X509_free)> cert(
      PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), &X509_free);
  std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
      BIO_new_mem_buf(options.client_key_pem.data(),
                      static_cast<int>(options.client_key_pem.size())),
      &BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  ERR_clear_error();
  if (cert == nullptr) return "the client certificate is not a PEM certificate";
  if (key == nullptr) return "the client key is not a PEM private key";
  if (SSL_CTX_use_certificate(context, cert.get()) != 1) {
    return "the client certificate cannot be used: " + openssl_error_text();
  }
  // The rest of the chain, if the PEM holds intermediates after the leaf.
  while (true) {
    X509* extra = PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr);
    if (extra == nullptr) break;
    SSL_CTX_add_extra_chain_cert(context, extra);  // the context owns it now
  }
  ERR_clear_error();
  if (SSL_CTX_use_PrivateKey(context, key.get()) != 1 || SSL_CTX_check_private_key(context) != 1) {
    return "the client key does not match the client certificate";
  }
  return std::nullopt;
}

}  // namespace

std::string openssl_error_text() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    if (!text.empty()) text += "; ";
    text += buffer;
  }
  return text.empty() ? "unknown TLS error" : text;
}

Result<std::shared_ptr<TlsContext>, Error> TlsContext::create(const TlsOptions& options) {
  TlsContext::ContextPtr owned(SSL_CTX_new(TLS_client_method()), &SSL_CTX_free);
  if (owned == nullptr) return tls_error("cannot create a TLS context: " + openssl_error_text());
  SSL_CTX* raw = owned.get();
  auto context = std::make_shared<TlsContext>(std::move(owned), !options.insecure_skip_verify);
  SSL_CTX_set_min_proto_version(raw, TLS1_2_VERSION);
  SSL_CTX_set_mode(raw, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (!options.ca_pem.empty() && !add_ca_bundle(raw, options.ca_pem)) {
    return tls_error("the CA bundle holds no PEM certificate");
  }
  if (options.client_cert_pem.empty() != options.client_key_pem.empty()) {
    return tls_error("a client certificate needs its key, and a key its certificate");
  }
  if (!options.client_cert_pem.empty()) {
    if (auto problem = use_client_certificate(raw, options)) return tls_error(*problem);
  }
  SSL_CTX_set_verify(raw, options.insecure_skip_verify ? SSL_VERIFY_NONE : SSL_VERIFY_PEER,
                     nullptr);
  return context;
}

Result<std::unique_ptr<SSL, decltype(&SSL_free)>, Error> TlsContext::new_session(
    std::string_view host) const {
  if (verify_) {
    // Filled once, before the first session can read the store.
    std::call_once(system_cas_once_, [this] {
      if (SSL_CTX_set_default_verify_paths(context_.get()) != 1) {
        system_cas_problem_ = "cannot load the system CA certificates: " + openssl_error_text();
      }
    });
    if (!system_cas_problem_.empty()) return tls_error(system_cas_problem_);
  }
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(context_.get()), &SSL_free);
  if (ssl == nullptr) return tls_error("cannot create a TLS session: " + openssl_error_text());
  const std::string name(host);
  const bool ip = is_ip_literal(host);
  if (!ip) SSL_set_tlsext_host_name(ssl.get(), name.c_str());  // SNI takes no IP addresses
  if (verify_) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl.get());
    const int set = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str())
                       : X509_VERIFY_PARAM_set1_host(param, name.c_str(), name.size());
    if (set != 1) return tls_error("cannot verify the host name " + name);
  }
  return ssl;
}

}  // namespace chartmirror::registry::transport
