// registry/transport/client_config.h — how chartmirror's HTTP clients trust servers.
//
// One place turns TLS options into a cpprestsdk client configuration, so the registry
// client, the chart repository client and the Kubernetes API client verify servers alike:
// the system CAs plus any CA the user names, optional client certificates (mutual TLS, as
// kubeconfigs use), or no verification at all when the user asks for it explicitly.
#pragma once

#include <chrono>
#include <string>

#include <cpprest/http_client.h>

#include "registry/error.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

// Checks the PEM blocks now, so a bad CA or key is reported by name before any connection.
[[nodiscard]] Result<web::http::client::http_client_config, Error> make_client_config(
    const TlsOptions& tls, std::chrono::seconds timeout = std::chrono::seconds(30));

}  // namespace chartmirror::registry::transport
