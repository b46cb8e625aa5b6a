#include "registry/transport/client_config.h"

#include <boost/asio/ssl/context.hpp>

#include "registry/transport/tls_context.h"

namespace chartmirror::registry::transport {

Result<web::http::client::http_client_config, Error> make_client_config(
    const TlsOptions& tls, std::chrono::seconds timeout) {
  // The same checks as our own client's, so a bad CA or key is named the same way.
  if (auto checked = TlsContext::create(tls); !checked.ok()) return checked.error();

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
