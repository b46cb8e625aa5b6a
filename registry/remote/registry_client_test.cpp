#include "registry/remote/registry_client.h"

#include <atomic>

#include <doctest/doctest.h>

#include "registry/transport/testing/loopback_server.h"
#include "support/base64.h"

namespace chartmirror::registry::remote {
namespace {

using transport::testing::LoopbackServer;
using transport::testing::ReceivedRequest;
using transport::testing::ServerConnection;

struct Fixture {
  std::vector<std::chrono::milliseconds> sleeps;

  std::shared_ptr<RegistryClient> client(const LoopbackServer& server, std::string_view user = {},
                                         std::string_view password = {}) {
    auto http = transport::HttpClient::create({});
    REQUIRE(http.ok());
    std::shared_ptr<auth::Keychain> keychain;
    const std::string host = "127.0.0.1:" + std::to_string(server.port());
    if (!user.empty()) {
      auto config = auth::DockerConfig::parse(R"({"auths": {")" + host + R"(": {"username": ")" +
                                                  std::string(user) + R"(", "password": ")" +
                                                  std::string(password) + R"("}}})",
                                              "test");
      REQUIRE(config.ok());
      keychain = std::make_shared<auth::Keychain>(std::move(config).value());
    }
    return std::make_shared<RegistryClient>(
        host, std::move(http).value(), keychain,
        RegistryOptions{
            .plain_http = true,
            .max_attempts = 3,
            .sleep = [this](std::chrono::milliseconds pause) { sleeps.push_back(pause); }});
  }
};

transport::Request get(RegistryClient& client, std::string_view path) {
  auto url = client.url(path);
  REQUIRE(url.ok());
  return transport::Request{.method = "GET", .url = *url};
}

}  // namespace

TEST_CASE("a Bearer challenge is answered with a token for the request's scopes, then reused") {
  std::atomic<int> token_requests{0};
  std::string port;
  LoopbackServer server([&](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target.rfind("/token?", 0) == 0) {
      ++token_requests;
      const bool good =
          request.headers.get("Authorization") == "Basic " + base64_encode("robot:s3cret");
      const bool scoped =
          request.target.find("scope=repository%3Aapp%3Apull%2Cpush") != std::string::npos &&
          request.target.find("service=reg") != std::string::npos;
      connection.write(good && scoped
                           ? LoopbackServer::response(200, R"({"token": "t1", "expires_in": 300})")
                           : LoopbackServer::response(401));
    } else if (request.headers.get("Authorization") == "Bearer t1") {
      connection.write(LoopbackServer::response(200, "ok"));
    } else {
      connection.write(LoopbackServer::response(
          401, R"({"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]})",
          "WWW-Authenticate: Bearer realm=\"http://127.0.0.1:" + port +
              "/token\",service=\"reg\"\r\n"));
    }
  });
  port = std::to_string(server.port());
  Fixture fixture;
  auto client = fixture.client(server, "robot", "s3cret");
  const std::vector<std::string> scopes = {repository_scope("app", "pull,push")};
  for (int i = 0; i < 3; ++i) {
    auto response = client->send(get(*client, "/v2/app/manifests/v1"), scopes);
    REQUIRE_MESSAGE(response.ok(), response.error().describe());
    CHECK(response->status() == 200);
    response->discard();
  }
  CHECK(token_requests == 1);
  CHECK(server.requests().size() == 5);  // 401, token, 200, 200, 200

  auto wrong = fixture.client(server, "robot", "wrong");
  auto refused = wrong->send(get(*wrong, "/v2/app/manifests/v1"), scopes);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == Error::Code::kUnauthorized);
  CHECK(refused.error().message.find("refused the credentials") != std::string::npos);
  CHECK(refused.error().describe().find("wrong") == std::string::npos);
}

TEST_CASE("a Basic challenge is answered with the keychain's credentials") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.headers.get("Authorization") == "Basic " + base64_encode("u:p")) {
      connection.write(LoopbackServer::response(200, "in"));
    } else {
      connection.write(
          LoopbackServer::response(401, "", "WWW-Authenticate: Basic realm=\"r\"\r\n"));
    }
  });
  Fixture fixture;
  auto client = fixture.client(server, "u", "p");
  auto response = client->send(get(*client, "/v2/"), {});
  REQUIRE(response.ok());
  CHECK(response->status() == 200);

  auto anonymous = fixture.client(server);
  auto denied = anonymous->send(get(*anonymous, "/v2/"), {});
  REQUIRE(denied.ok());
  CHECK(denied->status() == 401);
  const Error error = unexpected_response(*denied, "GET", "cannot read");
  CHECK(error.code == Error::Code::kUnauthorized);
}

TEST_CASE("429 and 5xx are retried with backoff, honouring Retry-After") {
  std::atomic<int> calls{0};
  LoopbackServer server([&](const ReceivedRequest&, ServerConnection& connection) {
    const int call = ++calls;
    if (call == 1) {
      connection.write(LoopbackServer::response(429, "", "Retry-After: 2\r\n"));
    } else if (call == 2) {
      connection.write(LoopbackServer::response(503));
    } else {
      connection.write(LoopbackServer::response(200, "finally"));
    }
  });
  Fixture fixture;
  auto client = fixture.client(server);
  auto response = client->send(get(*client, "/v2/"), {});
  REQUIRE(response.ok());
  CHECK(response->status() == 200);
  REQUIRE(fixture.sleeps.size() == 2);
  CHECK(fixture.sleeps[0] == std::chrono::seconds(2));
  CHECK(fixture.sleeps[1] == std::chrono::milliseconds(400));  // second attempt: 200 ms × 2
}

TEST_CASE("a registry that keeps failing is reported after the last attempt") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(LoopbackServer::response(
        500, R"({"errors": [{"code": "UNKNOWN", "message": "disk full"}]})"));
  });
  Fixture fixture;
  auto client = fixture.client(server);
  auto response = client->send(get(*client, "/v2/a/manifests/v1"), {});
  REQUIRE(response.ok());
  CHECK(response->status() == 500);
  CHECK(server.requests().size() == 3);
  const Error error = unexpected_response(*response, "GET", "cannot read the manifest");
  CHECK(error.code == Error::Code::kHttpStatus);
  CHECK(error.retryable);
  CHECK(error.detail == "UNKNOWN: disk full");
  CHECK(error.describe().find("HTTP 500: UNKNOWN: disk full: cannot read the manifest") !=
        std::string::npos);
}

}  // namespace chartmirror::registry::remote
