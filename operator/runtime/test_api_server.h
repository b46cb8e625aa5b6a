// operator/runtime/test_api_server.h — for the runtime's tests only: a kube::Client aimed at
// a scripted LoopbackServer, and the API server's JSON answers.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "operator/kube/client.h"
#include "registry/transport/testing/loopback_server.h"

namespace chartmirror::runtime::testing {

using registry::transport::testing::LoopbackServer;
using registry::transport::testing::ReceivedRequest;
using registry::transport::testing::ServerConnection;

inline std::unique_ptr<kube::Client> client_for(const LoopbackServer& server) {
  kube::ClusterAccess access;
  access.server = server.url("");
  access.bearer_token = "t0ken";
  auto client = kube::Client::create(std::move(access));
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  return std::move(client).value();
}

inline std::string json_response(int status, std::string_view body) {
  return LoopbackServer::response(status, body, "Content-Type: application/json\r\n");
}

}  // namespace chartmirror::runtime::testing
