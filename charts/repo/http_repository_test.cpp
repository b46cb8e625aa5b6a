#include "charts/repo/http_repository.h"

#include <map>
#include <mutex>

#include <doctest/doctest.h>

#include "registry/oci/digest.h"
#include "registry/transport/testing/loopback_server.h"
#include "registry/transport/testing/tls_fixture.h"
#include "support/base64.h"

namespace chartmirror::charts {
namespace {

using registry::transport::testing::LoopbackServer;
using registry::transport::testing::ReceivedRequest;
using registry::transport::testing::ServerConnection;

const std::string kArchive = "\x1f\x8b pretend this is a chart archive";

std::string sha256_hex(std::string_view bytes) {
  return std::string(registry::oci::Digest::of(bytes).hex());
}

// A server of static files; anything else is 404.
class FileServer {
 public:
  explicit FileServer(bool tls = false)
      : server_(
            [this](const ReceivedRequest& request, ServerConnection& connection) {
              const std::lock_guard lock(mutex_);
              const auto path = request.target.substr(0, request.target.find('?'));
              const auto it = files_.find(path);
              connection.write(it == files_.end() ? LoopbackServer::response(404, "not found")
                                                  : LoopbackServer::response(200, it->second));
            },
            tls) {}

  void put(const std::string& path, std::string body) {
    const std::lock_guard lock(mutex_);
    files_[path] = std::move(body);
  }
  [[nodiscard]] std::string url(std::string_view path = "") const { return server_.url(path); }
  [[nodiscard]] std::vector<ReceivedRequest> requests() const { return server_.requests(); }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> files_;  // guarded by mutex_
  LoopbackServer server_;
};

std::string index_yaml(const std::string& urls, const std::string& digest,
                       const std::string& extra_versions = "") {
  return "apiVersion: v1\nentries:\n  demo:\n" + extra_versions +
         "  - name: demo\n    version: 1.0.0\n    created: \"2024-03-01T12:00:00.5+01:00\"\n"
         "    digest: " +
         digest + "\n    urls: " + urls + "\n  other:\n  - version: 0.1.0\n    urls: [o.tgz]\n";
}

}  // namespace

TEST_CASE("a chart is found in index.yaml, downloaded by its relative URL and verified") {
  FileServer server;
  server.put("/charts/index.yaml", index_yaml("[demo-1.0.0.tgz]", sha256_hex(kArchive),
                                              "  - name: demo\n    version: 1.1.0-rc.1\n"
                                              "    urls: [demo-1.1.0-rc.1.tgz]\n"));
  server.put("/charts/demo-1.0.0.tgz", kArchive);

  auto repository = ChartRepository::open(server.url("/charts"), {});
  REQUIRE_MESSAGE(repository.ok(), repository.error().describe());
  CHECK(repository->display() == server.url("/charts"));
  auto chart = repository->fetch("demo", "");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  CHECK(chart->kind == FetchedChart::Kind::kRepository);
  CHECK(chart->name == "demo");
  CHECK(chart->version == "1.0.0");  // the newest stable
  CHECK(chart->archive == kArchive);
  CHECK(chart->digest == "sha256:" + sha256_hex(kArchive));
  CHECK(chart->source == server.url("/charts/demo-1.0.0.tgz"));
  CHECK(chart->created == "2024-03-01T11:00:00Z");
  CHECK_FALSE(chart->provenance.has_value());

  const auto requests = server.requests();
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].target == "/charts/index.yaml");
  CHECK(requests[1].target == "/charts/demo-1.0.0.tgz");
  CHECK(requests[1].headers.get("Accept") == "application/gzip,application/octet-stream");
  CHECK_FALSE(requests[0].headers.has("Authorization"));
}

TEST_CASE("basic auth goes to the repository's host only, unless passed to all") {
  FileServer cdn;  // another port: another host:port
  cdn.put("/x/demo-1.0.0.tgz", kArchive);
  FileServer repo;
  repo.put("/index.yaml", index_yaml("[" + cdn.url("/x/demo-1.0.0.tgz") + "]", ""));
  repo.put("/o.tgz", "other");
  const std::string expected = "Basic " + base64_encode("user:s3cret");

  for (const bool pass_all : {false, true}) {
    CAPTURE(pass_all);
    auto repository = ChartRepository::open(
        repo.url("/"),
        {.username = "user", .password = "s3cret", .pass_credentials_all = pass_all});
    REQUIRE_MESSAGE(repository.ok(), repository.error().describe());
    REQUIRE(repository->fetch("demo", "1.0.0").ok());
    REQUIRE(repository->fetch("other", "").ok());
    const auto cdn_request = cdn.requests().back();
    CHECK(cdn_request.headers.get("Authorization") ==
          (pass_all ? std::optional<std::string>(expected) : std::nullopt));
  }
  for (const auto& request : repo.requests()) {
    CAPTURE(request.target);
    CHECK(request.headers.get("Authorization") == expected);
  }

  // Credentials in the URL count as given; a password alone is not sent (helm needs both).
  auto from_url = ChartRepository::open(
      "http://user:s3cret@127.0.0.1:" + repo.url().substr(repo.url().rfind(':') + 1) + "/", {});
  REQUIRE_MESSAGE(from_url.ok(), from_url.error().describe());
  CHECK(from_url->display().find("s3cret") == std::string::npos);
  CHECK(repo.requests().back().headers.get("Authorization") == expected);
  REQUIRE(ChartRepository::open(repo.url("/"), {.password = "s3cret"}).ok());
  CHECK_FALSE(repo.requests().back().headers.has("Authorization"));
}

TEST_CASE("an archive that does not match the index's digest is refused, naming both") {
  FileServer server;
  const std::string wrong = std::string(64, 'a');
  server.put("/index.yaml", index_yaml("[demo-1.0.0.tgz]", wrong));
  server.put("/demo-1.0.0.tgz", kArchive);
  auto repository = ChartRepository::open(server.url(), {});
  REQUIRE(repository.ok());
  auto chart = repository->fetch("demo", "1.0.0");
  REQUIRE_FALSE(chart.ok());
  const Error& error = chart.error();
  CHECK(error.code == Error::Code::kIntegrity);
  CHECK(error.source == server.url("/demo-1.0.0.tgz"));
  CHECK(error.message.find("chart demo 1.0.0") != std::string::npos);
  CHECK(error.message.find("sha256:" + sha256_hex(kArchive)) != std::string::npos);
  CHECK(error.message.find("sha256:" + wrong) != std::string::npos);
  CHECK(error.message.find(server.url("/demo-1.0.0.tgz")) != std::string::npos);

  // "sha256:"-prefixed and uppercase digests are read too.
  std::string upper = sha256_hex(kArchive);
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  server.put("/index.yaml", index_yaml("[demo-1.0.0.tgz]", "sha256:" + upper));
  auto again = ChartRepository::open(server.url(), {});
  REQUIRE(again.ok());
  CHECK(again->fetch("demo", "1.0.0").ok());
}

TEST_CASE("a missing chart or version is kNotFound with what is nearest") {
  FileServer server;
  server.put("/index.yaml", index_yaml("[demo-1.0.0.tgz]", "",
                                       "  - name: demo\n    version: 0.9.0\n    urls: [a.tgz]\n"));
  auto repository = ChartRepository::open(server.url(), {});
  REQUIRE(repository.ok());

  auto version = repository->fetch("demo", "2.0.0");
  REQUIRE_FALSE(version.ok());
  CHECK(version.error().code == Error::Code::kNotFound);
  CHECK(version.error().source == server.url());
  CHECK(version.error().message.find("\"demo\"") != std::string::npos);
  CHECK(version.error().message.find("1.0.0, 0.9.0") != std::string::npos);

  auto name = repository->fetch("dmeo", "");
  REQUIRE_FALSE(name.ok());
  CHECK(name.error().code == Error::Code::kNotFound);
  CHECK(name.error().message.find("chart \"dmeo\" not found") != std::string::npos);
  CHECK(name.error().message.find("nearest names: demo, other (2 charts)") != std::string::npos);

  auto file = repository->fetch("other", "");  // listed, but the file is not there
  REQUIRE_FALSE(file.ok());
  CHECK(file.error().code == Error::Code::kNotFound);
  CHECK(file.error().http_status == 404);
  CHECK(file.error().source == server.url("/o.tgz"));

  FileServer empty;
  auto no_index = ChartRepository::open(empty.url("/charts"), {});
  REQUIRE_FALSE(no_index.ok());
  CHECK(no_index.error().code == Error::Code::kNotFound);
  CHECK(no_index.error().source == empty.url("/charts/index.yaml"));
  CHECK(no_index.error().message.find("index.yaml of repository " + empty.url("/charts")) !=
        std::string::npos);

  empty.put("/index.yaml", "apiVersion: v1\nentries: [");
  auto broken = ChartRepository::open(empty.url(), {});
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().code == Error::Code::kInvalidInput);
  CHECK(broken.error().message.find("not valid YAML") != std::string::npos);
}

TEST_CASE("an index or archive past its limit is kTooLarge") {
  FileServer server;
  server.put("/index.yaml", index_yaml("[demo-1.0.0.tgz]", ""));
  server.put("/demo-1.0.0.tgz", kArchive);
  auto small_index = ChartRepository::open(server.url(), {.max_index_bytes = 100});
  REQUIRE_FALSE(small_index.ok());
  CHECK(small_index.error().code == Error::Code::kTooLarge);
  CHECK(small_index.error().message.find("index.yaml") != std::string::npos);

  auto repository = ChartRepository::open(server.url(), {.max_chart_bytes = 10});
  REQUIRE(repository.ok());
  auto chart = repository->fetch("demo", "");
  REQUIRE_FALSE(chart.ok());
  CHECK(chart.error().code == Error::Code::kTooLarge);
  CHECK(chart.error().message.find("chart demo 1.0.0") != std::string::npos);
}

TEST_CASE("HTTPS repositories are trusted through the given CA, or without verification") {
  FileServer server(/*tls=*/true);
  server.put("/index.yaml", index_yaml("[demo-1.0.0.tgz]", sha256_hex(kArchive)));
  server.put("/demo-1.0.0.tgz", kArchive);

  auto untrusted = ChartRepository::open(server.url(), {});
  REQUIRE_FALSE(untrusted.ok());
  CHECK(untrusted.error().code == Error::Code::kTransport);

  HttpRepositoryOptions trusting;
  trusting.tls.ca_pem = std::string(registry::transport::testing::kCaCertificatePem);
  auto trusted = ChartRepository::open(server.url(), trusting);
  REQUIRE_MESSAGE(trusted.ok(), trusted.error().describe());
  CHECK(trusted->fetch("demo", "").ok());

  HttpRepositoryOptions insecure;
  insecure.tls.insecure_skip_verify = true;
  auto skipped = ChartRepository::open(server.url(), insecure);
  REQUIRE_MESSAGE(skipped.ok(), skipped.error().describe());
}

}  // namespace chartmirror::charts
