// The client against a scripted loopback API server: what goes on the wire (paths, queries,
// content types, credentials) and what comes back (pages, errors, watch streams, cancel).
#include "operator/kube/client.h"

#include <atomic>
#include <fstream>
#include <thread>

#include <doctest/doctest.h>

#include "operator/kube/testing/exec_plugin_fixture.h"
#include "registry/transport/testing/loopback_server.h"
#include "support/testing/pem_fixture.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::kube {
namespace {

using registry::transport::testing::LoopbackServer;
using registry::transport::testing::ReceivedRequest;
using registry::transport::testing::ServerConnection;

std::unique_ptr<Client> client_for(const LoopbackServer& server, ClusterAccess access = {}) {
  access.server = server.url("");
  if (access.bearer_token.empty() && access.token_file.empty() && !access.exec) {
    access.bearer_token = "t0ken";
  }
  auto client = Client::create(std::move(access));
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  return std::move(client).value();
}

std::string json_response(int status, std::string_view body) {
  return LoopbackServer::response(status, body, "Content-Type: application/json\r\n");
}

std::string chunk(std::string_view data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

constexpr std::string_view kStreamHead =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

std::string event_line(std::string_view type, std::string_view name, std::string_view version) {
  return nlohmann::json{{"type", type},
                        {"object",
                         {{"kind", "ChartMirror"},
                          {"metadata", {{"name", name}, {"resourceVersion", version}}}}}}
             .dump() +
         "\n";
}

TEST_CASE("list_all follows continue tokens and returns every item") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    const bool second = request.target.find("continue=") != std::string::npos;
    connection.write(
        json_response(200, second ? R"({"kind":"ChartMirrorList","metadata":{"resourceVersion":"9"},
                          "items":[{"metadata":{"name":"b"}}]})"
                                  : R"({"kind":"ChartMirrorList","metadata":{"resourceVersion":"9",
                          "continue":"tok/en=="},"items":[{"metadata":{"name":"a"}}]})"));
  });
  auto client = client_for(server);
  auto all = client->list_all(resources::kChartMirrors, "platform",
                              ListOptions{.label_selector = "app=x", .limit = 1});
  REQUIRE_MESSAGE(all.ok(), all.error().describe());
  REQUIRE((*all)["items"].size() == 2);
  CHECK((*all)["items"][0]["metadata"]["name"] == "a");
  CHECK((*all)["items"][1]["metadata"]["name"] == "b");
  CHECK((*all)["metadata"]["resourceVersion"] == "9");

  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].target ==
        "/apis/chartmirror.io/v1alpha1/namespaces/platform/chartmirrors?labelSelector=app%3Dx"
        "&limit=1");
  CHECK(requests[1].target ==
        "/apis/chartmirror.io/v1alpha1/namespaces/platform/chartmirrors?labelSelector=app%3Dx"
        "&limit=1&continue=tok%2Fen%3D%3D");
  CHECK(requests[0].headers.get("Authorization") == "Bearer t0ken");
  CHECK(requests[0].headers.get("Accept") == "application/json");
}

TEST_CASE("verbs, content types and field managers on the wire") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(200, R"({"kind":"ChartMirror"})"));
  });
  auto client = client_for(server);
  const nlohmann::json object{{"metadata", {{"name", "m"}, {"resourceVersion", "5"}}}};
  REQUIRE(client->get(resources::kChartMirrors, "ns", "m").ok());
  REQUIRE(client->create(resources::kChartMirrors, "ns", object).ok());
  REQUIRE(client->update(resources::kChartMirrors, "ns", object).ok());
  REQUIRE(client->update(resources::kChartMirrors, "ns", object, "status").ok());
  REQUIRE(client
              ->patch(resources::kChartMirrors, "ns", "m", PatchType::kMerge,
                      R"({"status":{"observedGeneration":2}})", {.subresource = "status"})
              .ok());
  REQUIRE(client
              ->patch(resources::kChartMirrors, "ns", "m", PatchType::kApply, "kind: ChartMirror\n",
                      {.field_manager = "chartmirror", .force = true})
              .ok());
  REQUIRE(client->remove(resources::kChartMirrors, "ns", "m").ok());

  const std::string base = "/apis/chartmirror.io/v1alpha1/namespaces/ns/chartmirrors";
  struct Expected {
    std::string method;
    std::string target;
    std::string content_type;  // "" when there is no body
  };
  const Expected expected[] = {
      {"GET", base + "/m", ""},
      {"POST", base, "application/json"},
      {"PUT", base + "/m", "application/json"},
      {"PUT", base + "/m/status", "application/json"},
      {"PATCH", base + "/m/status", "application/merge-patch+json"},
      {"PATCH", base + "/m?fieldManager=chartmirror&force=true", "application/apply-patch+yaml"},
      {"DELETE", base + "/m", ""},
  };
  const auto requests = server.requests();
  REQUIRE(requests.size() == std::size(expected));
  for (size_t i = 0; i < requests.size(); ++i) {
    CAPTURE(i);
    CHECK(requests[i].method == expected[i].method);
    CHECK(requests[i].target == expected[i].target);
    CHECK(requests[i].headers.get("Content-Type").value_or("") == expected[i].content_type);
  }
  CHECK(nlohmann::json::parse(requests[2].body) == object);
  CHECK(requests[4].body == R"({"status":{"observedGeneration":2}})");

  auto no_manager = client->patch(resources::kChartMirrors, "ns", "m", PatchType::kApply, "{}");
  REQUIRE_FALSE(no_manager.ok());
  CHECK(no_manager.error().message.find("field manager") != std::string::npos);
  CHECK(server.requests().size() == requests.size());  // refused before sending
}

TEST_CASE("the API server's refusal is an error naming the request; the token is not in it") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.method == "PUT") {
      connection.write(
          json_response(409, R"({"kind":"Status","status":"Failure","reason":"Conflict","code":409,
                   "message":"Operation cannot be fulfilled on leases.coordination.k8s.io \"l\": the object has been modified; please apply your changes to the latest version and try again"})"));
      return;
    }
    connection.write(
        json_response(404, R"({"kind":"Status","status":"Failure","reason":"NotFound","code":404,
                 "message":"chartmirrors.chartmirror.io \"x\" not found"})"));
  });
  auto client = client_for(server, ClusterAccess{.bearer_token = "s3cret"});
  auto missing = client->get(resources::kChartMirrors, "ns", "x");
  REQUIRE_FALSE(missing.ok());
  const Error& error = missing.error();
  CHECK(error.code == Error::Code::kNotFound);
  CHECK(error.http_status == 404);
  CHECK(error.message == R"(chartmirrors.chartmirror.io "x" not found)");
  CHECK(error.describe() ==
        "GET " + server.url("/apis/chartmirror.io/v1alpha1/namespaces/ns/chartmirrors/x") +
            R"(: HTTP 404: chartmirrors.chartmirror.io "x" not found)");
  CHECK(error.describe().find("s3cret") == std::string::npos);

  auto conflict = client->update(resources::kLeases, "ns",
                                 {{"metadata", {{"name", "l"}, {"resourceVersion", "1"}}}});
  REQUIRE_FALSE(conflict.ok());
  CHECK(conflict.error().code == Error::Code::kConflict);
  CHECK(conflict.error().reason == "Conflict");
}

TEST_CASE("an unreachable API server is a retryable transport error") {
  std::string url;
  {
    LoopbackServer gone([](const ReceivedRequest&, ServerConnection&) {});
    url = gone.url("");
  }
  auto client = Client::create(ClusterAccess{.server = url});
  REQUIRE(client.ok());
  auto answer = (*client)->get(resources::kLeases, "ns", "l");
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.error().code == Error::Code::kTransport);
  CHECK(answer.error().retryable);
}

TEST_CASE("a rotated token file is sent from the next request on") {
  const chartmirror::testing::TempDir dir;
  std::ofstream(dir.path() / "token") << "first";
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(200, "{}"));
  });
  auto client = client_for(server, ClusterAccess{.token_file = dir.path() / "token"});
  REQUIRE(client->get(resources::kLeases, "ns", "l").ok());
  std::ofstream(dir.path() / "token.new") << "second";
  std::filesystem::rename(dir.path() / "token.new", dir.path() / "token");
  REQUIRE(client->get(resources::kLeases, "ns", "l").ok());
  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers.get("Authorization") == "Bearer first");
  CHECK(requests[1].headers.get("Authorization") == "Bearer second");
}

TEST_CASE("an exec plugin's token refused with 401: the plugin runs again, the request once more") {
  const chartmirror::testing::TempDir dir;
  std::atomic<bool> accept_second{true};
  LoopbackServer server([&](const ReceivedRequest& request, ServerConnection& connection) {
    const bool good = accept_second && request.headers.get("Authorization") == "Bearer tok-2";
    connection.write(good ? json_response(200, "{}")
                          : json_response(401, R"({"kind":"Status","code":401,
                                                 "reason":"Unauthorized"})"));
  });
  auto client = client_for(server, ClusterAccess{.exec = testing::counting_plugin(dir.path())});
  CHECK(testing::plugin_runs(dir.path()) == 1);  // run at creation
  REQUIRE(client->get(resources::kLeases, "ns", "l").ok());
  auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].headers.get("Authorization") == "Bearer tok-1");
  CHECK(requests[1].headers.get("Authorization") == "Bearer tok-2");
  REQUIRE(client->get(resources::kLeases, "ns", "l").ok());  // tok-2 is cached
  CHECK(testing::plugin_runs(dir.path()) == 2);

  // Refused again after the new token too: one retry, with the body, then the 401.
  accept_second = false;
  auto refused = client->patch(resources::kLeases, "ns", "l", PatchType::kMerge, R"({"a":1})");
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().http_status == 401);
  CHECK(refused.error().describe().find("tok-") == std::string::npos);
  requests = server.requests();
  REQUIRE(requests.size() == 5);
  CHECK(requests[3].headers.get("Authorization") == "Bearer tok-2");
  CHECK(requests[4].headers.get("Authorization") == "Bearer tok-3");
  CHECK(requests[4].body == R"({"a":1})");
  CHECK(testing::plugin_runs(dir.path()) == 3);
}

TEST_CASE("a fixed token refused with 401 is not retried") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(json_response(401, R"({"kind":"Status","code":401})"));
  });
  auto client = client_for(server);
  REQUIRE_FALSE(client->get(resources::kLeases, "ns", "l").ok());
  CHECK(server.requests().size() == 1);
}

TEST_CASE("a client certificate from an exec plugin becomes the client's TLS identity") {
  const chartmirror::testing::TempDir dir;
  const nlohmann::json answer{
      {"apiVersion", "client.authentication.k8s.io/v1"},
      {"kind", "ExecCredential"},
      {"status",
       {{"clientCertificateData", chartmirror::testing::kTestCertificatePem},
        {"clientKeyData", chartmirror::testing::kTestPrivateKeyPem}}}};
  std::ofstream(dir.path() / "answer.json") << answer.dump();
  ClusterAccess access{
      .server = "https://127.0.0.1:6443",
      .exec = ExecConfig{.user = "alice",
                         .api_version = "client.authentication.k8s.io/v1",
                         .command = testing::write_plugin(
                             dir.path(), "cert.sh", "cat \"$(dirname \"$0\")/answer.json\"\n")}};
  auto token = BearerToken::for_access(access);
  REQUIRE_MESSAGE(token.ok(), token.error().describe());
  CHECK(access.tls.client_cert_pem == chartmirror::testing::kTestCertificatePem);
  CHECK(access.tls.client_key_pem == chartmirror::testing::kTestPrivateKeyPem);
  auto current = token->current();
  REQUIRE(current.ok());
  CHECK(current->empty());         // no token: the certificate authenticates
  CHECK_FALSE(token->expire(""));  // a refused certificate is not retried: it cannot change
  CHECK(Client::create(access).ok());
}

TEST_CASE("a plugin that fails at start-up fails Client::create, naming the user") {
  const chartmirror::testing::TempDir dir;
  auto client = Client::create(ClusterAccess{
      .server = "https://127.0.0.1:6443",
      .exec = ExecConfig{.user = "alice",
                         .api_version = "client.authentication.k8s.io/v1",
                         .command = testing::write_plugin(dir.path(), "no.sh",
                                                          "echo 'login required' >&2; exit 1\n")}});
  REQUIRE_FALSE(client.ok());
  CHECK(client.error().describe().find("exec plugin of user 'alice'") == 0);
  CHECK(client.error().message == "exited with status 1: login required");
}

TEST_CASE("a watch streams events split across chunks until the server ends it") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    const std::string stream = event_line("ADDED", "a", "10") + event_line("MODIFIED", "a", "11") +
                               event_line("BOOKMARK", "", "12") + event_line("DELETED", "a", "13");
    std::string body(kStreamHead);
    for (size_t at = 0; at < stream.size(); at += 37) body += chunk(stream.substr(at, 37));
    connection.write(body + "0\r\n\r\n");
  });
  auto client = client_for(server);
  std::vector<std::string> seen;
  auto last = client->watch(
      resources::kChartMirrors, "ns",
      WatchOptions{.resource_version = "9", .timeout = std::chrono::hours(1)},
      [&](const WatchEvent& event) {
        seen.push_back(std::string(to_string(event.type)) + " " + event.resource_version());
        return WatchNext::kContinue;
      });
  REQUIRE_MESSAGE(last.ok(), last.error().describe());
  CHECK(*last == "13");
  CHECK(seen == std::vector<std::string>{"ADDED 10", "MODIFIED 11", "BOOKMARK 12", "DELETED 13"});
  REQUIRE(server.requests().size() == 1);
  CHECK(server.requests()[0].target ==
        "/apis/chartmirror.io/v1alpha1/namespaces/ns/chartmirrors?watch=1&resourceVersion=9"
        "&allowWatchBookmarks=true&timeoutSeconds=600");  // capped to ClientOptions::max_watch
}

TEST_CASE("410 Gone ends a watch with kGone, as an ERROR event or as the response status") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target.find("resourceVersion=1&") != std::string::npos) {
      connection.write(json_response(
          410, R"({"kind":"Status","code":410,"reason":"Expired","message":"too old"})"));
      return;
    }
    connection.write(std::string(kStreamHead) + chunk(event_line("ADDED", "a", "20")) +
                     chunk(R"({"type":"ERROR","object":{"kind":"Status","code":410,)"
                           R"j("reason":"Expired","message":"too old resource version: 2 (20)"}})j"
                           "\n") +
                     "0\r\n\r\n");
  });
  auto client = client_for(server);
  int events = 0;
  const auto count = [&](const WatchEvent&) {
    ++events;
    return WatchNext::kContinue;
  };
  auto as_event = client->watch(resources::kChartMirrors, "ns", {.resource_version = "2"}, count);
  REQUIRE_FALSE(as_event.ok());
  CHECK(as_event.error().code == Error::Code::kGone);
  CHECK(as_event.error().message == "too old resource version: 2 (20)");
  CHECK(events == 1);

  auto as_status = client->watch(resources::kChartMirrors, "ns", {.resource_version = "1"}, count);
  REQUIRE_FALSE(as_status.ok());
  CHECK(as_status.error().code == Error::Code::kGone);
  CHECK(as_status.error().http_status == 410);
}

TEST_CASE("the handler's stop ends a watch; the rest of the stream is not delivered") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(std::string(kStreamHead) +
                     chunk(event_line("ADDED", "a", "1") + event_line("ADDED", "b", "2")) +
                     "0\r\n\r\n");
  });
  auto client = client_for(server);
  int events = 0;
  auto last = client->watch(resources::kChartMirrors, "", {}, [&](const WatchEvent&) {
    ++events;
    return WatchNext::kStop;
  });
  REQUIRE(last.ok());
  CHECK(*last == "1");
  CHECK(events == 1);
}

TEST_CASE("a watch blocked on a silent server is cancelled from another thread") {
  std::atomic<bool> release{false};
  std::atomic<bool> silence_ended{false};  // the server stopped waiting on its own
  LoopbackServer server([&](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(std::string(kStreamHead) + chunk(event_line("ADDED", "a", "1")));
    // Silent from here on, as a quiet watch is, until the test ends.
    for (int i = 0; i < 1000 && !release; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    silence_ended = !release;
  });
  auto client = client_for(server);
  WatchCancel cancel;
  std::atomic<bool> first_event{false};
  Result<std::string, Error> result = Error{};
  std::thread watcher([&] {
    result = client->watch(
        resources::kChartMirrors, "ns", {},
        [&](const WatchEvent&) {
          first_event = true;
          return WatchNext::kContinue;
        },
        &cancel);
  });
  while (!first_event) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  cancel.cancel();
  watcher.join();
  // The watch ended while the server was still silent: the cancel, not the stream, ended it.
  CHECK_FALSE(silence_ended);
  release = true;
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kCancelled);

  // A cancelled WatchCancel stops the next watch before it sends anything.
  const size_t sent = server.requests().size();
  auto again = client->watch(
      resources::kChartMirrors, "ns", {}, [](const WatchEvent&) { return WatchNext::kContinue; },
      &cancel);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == Error::Code::kCancelled);
  CHECK(server.requests().size() == sent);
}

}  // namespace
}  // namespace chartmirror::kube
