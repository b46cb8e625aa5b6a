// The metrics and health server through the project's HTTP client: routes, probes that fail
// until ready, the exposition's content type, 404/405, listen addresses, and stop().
#include "operator/runtime/http_server.h"

#include <atomic>

#include <doctest/doctest.h>

#include "operator/runtime/health.h"
#include "registry/transport/http_client.h"

namespace chartmirror::runtime {
namespace {

namespace transport = registry::transport;

struct Answer {
  int status = 0;
  std::string content_type;
  std::string body;
};

Answer fetch(const HttpServer& server, std::string_view path, std::string method = "GET") {
  auto client = transport::HttpClient::create({});
  REQUIRE(client.ok());
  auto url = transport::Url::parse("http://127.0.0.1:" + std::to_string(server.port()) +
                                   std::string(path));
  REQUIRE(url.ok());
  auto response = (*client)->send({.method = std::move(method), .url = *url});
  REQUIRE_MESSAGE(response.ok(), response.error().describe());
  auto body = response->read_all(1 << 20);
  REQUIRE(body.ok());
  return {response->status(), response->header("Content-Type").value_or(""), *body};
}

std::unique_ptr<HttpServer> listening(std::string_view address = "127.0.0.1:0") {
  auto server = HttpServer::listen(address);
  REQUIRE_MESSAGE(server.ok(), server.error().message);
  return std::move(server).value();
}

TEST_CASE("listen addresses as the flags take them") {
  struct Case {
    std::string_view text;
    std::string host;
    int port;  // -1: refused
  };
  const Case cases[] = {
      {":8080", "", 8080},
      {"127.0.0.1:8081", "127.0.0.1", 8081},
      {"[::1]:9090", "::1", 9090},
      {"localhost:0", "localhost", 0},
      {"8080", "", -1},
      {":", "", -1},
      {":http", "", -1},
      {":65536", "", -1},
      {":80x", "", -1},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto parsed = parse_listen_address(c.text);
    REQUIRE(parsed.ok() == (c.port >= 0));
    if (!parsed.ok()) continue;
    CHECK(parsed->host == c.host);
    CHECK(parsed->port == c.port);
  }
}

TEST_CASE("/metrics, /healthz and /readyz; readyz fails until the informers synced") {
  MetricsRegistry registry;
  registry.counter("chartmirror_images_mirrored_total", "Images copied.").inc({}, 3);
  HealthChecks liveness;
  HealthChecks readiness;
  std::atomic<bool> synced{false};
  readiness.add("informers-synced", [&] { return synced ? "" : "cache not synced"; });
  readiness.add("leader", [] { return std::string(); });

  auto server = listening();
  CHECK(server->port() != 0);
  serve_metrics(*server, registry);
  serve_health(*server, liveness, readiness);
  server->start();

  const Answer metrics = fetch(*server, "/metrics");
  CHECK(metrics.status == 200);
  CHECK(metrics.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(metrics.body == registry.expose());
  CHECK(metrics.body.find("chartmirror_images_mirrored_total 3\n") != std::string::npos);

  const Answer healthy = fetch(*server, "/healthz?verbose");
  CHECK(healthy.status == 200);
  CHECK(healthy.body == "ok");

  const Answer unready = fetch(*server, "/readyz");
  CHECK(unready.status == 503);
  CHECK(unready.body ==
        "[-]informers-synced failed: cache not synced\n[+]leader ok\ncheck failed\n");
  synced = true;
  const Answer ready = fetch(*server, "/readyz");
  CHECK(ready.status == 200);
  CHECK(ready.body == "ok");

  CHECK(fetch(*server, "/nothing").status == 404);
  const Answer posted = fetch(*server, "/metrics", "POST");
  CHECK(posted.status == 405);
  CHECK(fetch(*server, "/healthz", "HEAD").status == 200);
  server->stop();
}

TEST_CASE("a port in use is an error naming the address; stop() ends serving") {
  auto any = listening(":0");  // every interface, as --metrics-addr :8080 means
  any->route("/healthz", [] { return HttpReply{.body = "any"}; });
  any->start();
  CHECK(fetch(*any, "/healthz").body == "any");  // reached on 127.0.0.1

  auto first = listening();
  const std::string address = "127.0.0.1:" + std::to_string(first->port());
  auto second = HttpServer::listen(address);
  REQUIRE_FALSE(second.ok());
  CHECK(second.error().message.find(address) != std::string::npos);

  first->route("/healthz", [] { return HttpReply{.body = "ok"}; });
  first->start();
  CHECK(fetch(*first, "/healthz").status == 200);
  first->stop();
  first->stop();  // idempotent
  auto client = transport::HttpClient::create(
      {.connect_timeout = std::chrono::seconds(1), .idle_timeout = std::chrono::seconds(1)});
  REQUIRE(client.ok());
  auto url = transport::Url::parse("http://" + address + "/healthz");
  REQUIRE(url.ok());
  // Still bound (until destroyed) but no longer answering: the request fails or times out.
  auto response = (*client)->send({.url = *url});
  CHECK_FALSE(response.ok());
}

}  // namespace
}  // namespace chartmirror::runtime
