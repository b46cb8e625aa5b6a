// registry/transport/tls_context.h — an OpenSSL client context made from TlsOptions.
//
// One context serves every connection to the servers that share the options, so OpenSSL can
// resume sessions. Verification is on unless the user asked to skip it: the chain against
// the system CAs plus the options' CA, and the host name (or IP address) against the
// certificate, as RFC 6125 says. The system CA bundle is read when the first session needs
// it: parsing it costs ~20 ms of CPU, which a run against plain-HTTP registries never needs.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "registry/error.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

class TlsContext {
 public:
  [[nodiscard]] static Result<std::shared_ptr<TlsContext>, Error> create(const TlsOptions& options);

  // A new TLS session object for a connection to `host`, with SNI and host verification set.
  // The first call that verifies loads the system CAs; if they cannot be read, every call says so.
  [[nodiscard]] Result<std::unique_ptr<SSL, decltype(&SSL_free)>, Error> new_session(
      std::string_view host) const;

  [[nodiscard]] bool verifies() const { return verify_; }

  using ContextPtr = std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)>;
  TlsContext(ContextPtr context, bool verify) : context_(std::move(context)), verify_(verify) {}

 private:
  ContextPtr context_;
  bool verify_;
  mutable std::once_flag system_cas_once_;
  mutable std::string system_cas_problem_;  // written once, under system_cas_once_
};

// The last OpenSSL error on this thread as text, and the error queue cleared.
[[nodiscard]] std::string openssl_error_text();

}  // namespace chartmirror::registry::transport
