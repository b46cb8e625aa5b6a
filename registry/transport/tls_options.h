// registry/transport/tls_options.h — how a client trusts servers and proves itself to them.
#pragma once

#include <string>

namespace chartmirror::registry::transport {

struct TlsOptions {
  std::string ca_pem;  // extra trusted CA certificates (PEM), added to the system's
  bool insecure_skip_verify = false;
  std::string client_cert_pem;  // client certificate chain (PEM); needs client_key_pem
  std::string client_key_pem;   // secret

  friend bool operator==(const TlsOptions&, const TlsOptions&) = default;
};

}  // namespace chartmirror::registry::transport
