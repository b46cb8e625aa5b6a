// The pieces of the operator process that stand alone: the API server's version (what charts
// render for when a ChartMirror names none) and the replica's identity for leader election.
// The process itself runs end to end in e2e/operator_test.sh.
#include "operator/manager/manager.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include "operator/runtime/test_api_server.h"

namespace chartmirror::manager {
namespace {

using runtime::testing::client_for;
using runtime::testing::json_response;
using runtime::testing::LoopbackServer;
using runtime::testing::ReceivedRequest;
using runtime::testing::ServerConnection;

TEST_CASE("the API server's gitVersion, from GET /version") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    connection.write(
        request.target == "/version"
            ? json_response(200, R"({"major":"1","minor":"31","gitVersion":"v1.31.4"})")
            : json_response(404, "{}"));
  });
  auto client = client_for(server);
  auto version = server_version(*client);
  REQUIRE_MESSAGE(version.ok(), version.error().describe());
  CHECK(*version == "v1.31.4");
}

TEST_CASE("a /version without gitVersion, or none at all, is an error") {
  LoopbackServer empty([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(200, R"({"major":"1"})"));
  });
  auto version = server_version(*client_for(empty));
  REQUIRE_FALSE(version.ok());
  CHECK(version.error().code == kube::Error::Code::kInvalidResponse);

  LoopbackServer refusing([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(403, R"({"kind":"Status","reason":"Forbidden","code":403})"));
  });
  CHECK_FALSE(server_version(*client_for(refusing)).ok());
}

TEST_CASE("the identity is HOSTNAME_PID") {
  const std::string identity = default_identity();
  CHECK(identity.ends_with("_" + std::to_string(getpid())));
  CHECK(identity.size() > std::to_string(getpid()).size() + 1);
}

}  // namespace
}  // namespace chartmirror::manager
