// The Cluster port against a scripted loopback API server: Secrets decoded (and never quoted in
// errors), 404 as kNotFound, ConfigMaps with binaryData, the status written whole by a JSON
// patch on the status subresource, Events naming the object's uid, and an Event that cannot be
// recorded failing nothing.
#include "operator/manager/kube_cluster.h"

#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>

#include "controllers/spec.h"
#include "operator/runtime/test_api_server.h"

namespace chartmirror::manager {
namespace {

using nlohmann::json;
using runtime::testing::client_for;
using runtime::testing::json_response;
using runtime::testing::LoopbackServer;
using runtime::testing::ReceivedRequest;
using runtime::testing::ServerConnection;

constexpr std::string_view kSecretPath = "/api/v1/namespaces/team/secrets/";

void answer(const ReceivedRequest& request, ServerConnection& connection) {
  const std::string& target = request.target;
  if (target == std::string(kSecretPath) + "creds") {
    // password: "hunter2" base64; a stringData key as an API server would never send, merged.
    connection.write(json_response(200, R"({"kind":"Secret","type":"kubernetes.io/basic-auth",
        "data":{"username":"YWRtaW4=","password":"aHVudGVyMg=="}})"));
  } else if (target == std::string(kSecretPath) + "broken") {
    connection.write(json_response(200, R"({"kind":"Secret","data":{"token":"***"}})"));
  } else if (target == std::string(kSecretPath) + "forbidden") {
    connection.write(json_response(403, R"({"kind":"Status","reason":"Forbidden",
        "message":"secrets \"forbidden\" is forbidden","code":403})"));
  } else if (target == "/api/v1/namespaces/team/configmaps/values") {
    connection.write(json_response(200, R"({"kind":"ConfigMap","data":{"values.yaml":"a: 1\n"},
        "binaryData":{"blob":"AAE="}})"));
  } else if (request.method == "PATCH" || request.method == "POST") {
    connection.write(json_response(request.target.find("/events") != std::string::npos &&
                                           request.body.find("Unrecordable") != std::string::npos
                                       ? 500
                                       : 200,
                                   "{}"));
  } else {
    connection.write(json_response(404, R"({"kind":"Status","reason":"NotFound",
        "message":"not found","code":404})"));
  }
}

struct Fixture {
  LoopbackServer server{answer};
  std::unique_ptr<kube::Client> client = client_for(server);
  std::ostringstream logged;
  runtime::Log log{
      runtime::make_json_logger("test", std::make_shared<spdlog::sinks::ostream_sink_mt>(logged))};
  KubeCluster cluster{*client, log, "uid-7", "op_1"};
};

TEST_CASE("a Secret's type and data, base64-decoded") {
  Fixture f;
  auto secret = f.cluster.read_secret("team", "creds");
  REQUIRE_MESSAGE(secret.ok(), secret.error().describe());
  CHECK(secret->type == "kubernetes.io/basic-auth");
  CHECK(secret->data ==
        std::map<std::string, std::string>{{"password", "hunter2"}, {"username", "admin"}});
}

TEST_CASE("Secrets that cannot be read: kNotFound for 404, kCluster otherwise; no value quoted") {
  Fixture f;
  auto missing = f.cluster.read_secret("team", "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == controllers::Error::Code::kNotFound);
  CHECK(missing.error().message == "Secret nope not found in namespace team");

  auto forbidden = f.cluster.read_secret("team", "forbidden");
  REQUIRE_FALSE(forbidden.ok());
  CHECK(forbidden.error().code == controllers::Error::Code::kCluster);
  CHECK(forbidden.error().message.find("is forbidden") != std::string::npos);

  auto broken = f.cluster.read_secret("team", "broken");
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code == controllers::Error::Code::kCluster);
  CHECK(broken.error().message == "Secret team/broken: data.token is not base64");
  CHECK(broken.error().message.find("***") == std::string::npos);
}

TEST_CASE("a ConfigMap's data and binaryData; a missing one is kNotFound") {
  Fixture f;
  auto values = f.cluster.read_config_map("team", "values");
  REQUIRE_MESSAGE(values.ok(), values.error().describe());
  CHECK(values->at("values.yaml") == "a: 1\n");
  CHECK(values->at("blob") == std::string("\0\1", 2));
  auto missing = f.cluster.read_config_map("team", "gone");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == controllers::Error::Code::kNotFound);
}

TEST_CASE("the status replaces the old one whole: a JSON patch adding /status") {
  Fixture f;
  const controllers::ChartMirror object{.namespace_ = "team", .name = "kured", .generation = 3};
  const json status = {{"observedGeneration", 3}, {"conditions", json::array()}};
  REQUIRE(f.cluster.patch_status(object, status).ok());
  const auto requests = f.server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].method == "PATCH");
  CHECK(requests[0].target ==
        "/apis/chartmirror.io/v1alpha1/namespaces/team/chartmirrors/kured/status");
  CHECK(requests[0].headers.get("Content-Type").value_or("") == "application/json-patch+json");
  CHECK(json::parse(requests[0].body) ==
        json::array({{{"op", "add"}, {"path", "/status"}, {"value", status}}}));
}

TEST_CASE("a status write that fails is an error; for a deleted object kNotFound") {
  Fixture f;
  const controllers::ChartMirror object{.namespace_ = "team", .name = "kured"};
  LoopbackServer gone([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(404, R"({"kind":"Status","reason":"NotFound","code":404})"));
  });
  auto client = client_for(gone);
  KubeCluster cluster(*client, f.log);
  auto written = cluster.patch_status(object, json::object());
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().code == controllers::Error::Code::kNotFound);
}

TEST_CASE("Events name the object and its uid; one that cannot be recorded is only logged") {
  Fixture f;
  const controllers::ChartMirror object{.namespace_ = "team", .name = "kured"};
  f.cluster.emit_event(object, {.type = controllers::Event::Type::kWarning,
                                .reason = "ImageCopyFailed",
                                .message = "1 image failed"});
  auto requests = f.server.requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].target == "/api/v1/namespaces/team/events");
  const json event = json::parse(requests[0].body);
  CHECK(event["involvedObject"] == json{{"apiVersion", "chartmirror.io/v1alpha1"},
                                        {"kind", "ChartMirror"},
                                        {"namespace", "team"},
                                        {"name", "kured"},
                                        {"uid", "uid-7"}});
  CHECK(event["type"] == "Warning");
  CHECK(event["reason"] == "ImageCopyFailed");
  CHECK(event["reportingInstance"] == "op_1");

  f.cluster.emit_event(object, {.reason = "Unrecordable", .message = "x"});
  CHECK(f.logged.str().find("could not record an event") != std::string::npos);
}

}  // namespace
}  // namespace chartmirror::manager
