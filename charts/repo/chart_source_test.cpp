#include "charts/repo/chart_source.h"

#include <chrono>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "registry/oci/digest.h"
#include "registry/transport/testing/loopback_server.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;
using registry::transport::testing::LoopbackServer;
using registry::transport::testing::ReceivedRequest;
using registry::transport::testing::ServerConnection;

using chartmirror::testing::TempDir;

void write(const TempDir& dir, const std::string& name, const std::string& bytes) {
  std::ofstream(dir.path() / name, std::ios::binary) << bytes;
}

}  // namespace

TEST_CASE("local charts: a directory is named, an archive read with its provenance") {
  TempDir dir;
  fs::create_directories(dir.path() / "mychart");
  write(dir, "mychart/Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\n");
  write(dir, "mychart-1.0.0.tgz", "archive bytes");
  write(dir, "mychart-1.0.0.tgz.prov", "provenance bytes");
  write(dir, "plain.tgz", "plain");
  const auto written = std::chrono::sys_days(std::chrono::year(2023) / 11 / 20) +
                       std::chrono::hours(10) + std::chrono::seconds(7);
  fs::last_write_time(dir.path() / "mychart-1.0.0.tgz", std::chrono::file_clock::from_sys(written));

  auto directory = fetch_chart({.chart = (dir.path() / "mychart").string()}, {});
  REQUIRE_MESSAGE(directory.ok(), directory.error().describe());
  CHECK(directory->kind == FetchedChart::Kind::kDirectory);
  CHECK(directory->path == dir.path() / "mychart");
  CHECK(directory->archive.empty());

  auto archive =
      fetch_chart({.chart = (dir.path() / "mychart-1.0.0.tgz").string(), .version = "9.9.9"}, {});
  REQUIRE_MESSAGE(archive.ok(), archive.error().describe());
  CHECK(archive->kind == FetchedChart::Kind::kArchive);  // the version is ignored, as in helm
  CHECK(archive->archive == "archive bytes");
  CHECK(archive->digest == registry::oci::Digest::of("archive bytes").str());
  CHECK(archive->provenance == "provenance bytes");
  CHECK(archive->created == "2023-11-20T10:00:07Z");  // what helm push would stamp in UTC
  CHECK(archive->source == (dir.path() / "mychart-1.0.0.tgz").string());

  auto plain = fetch_chart({.chart = (dir.path() / "plain.tgz").string()}, {});
  REQUIRE(plain.ok());
  CHECK_FALSE(plain->provenance.has_value());
  ChartSourceOptions no_digest;
  no_digest.local_archive_digest = false;  // what `template` asks: the bytes, no sha256
  auto undigested = fetch_chart({.chart = (dir.path() / "plain.tgz").string()}, no_digest);
  REQUIRE(undigested.ok());
  CHECK(undigested->archive == "plain");
  CHECK(undigested->digest.empty());

  auto large = fetch_chart({.chart = (dir.path() / "plain.tgz").string()}, {.max_chart_bytes = 2});
  REQUIRE_FALSE(large.ok());
  CHECK(large.error().code == Error::Code::kTooLarge);
}

TEST_CASE("what is neither a path, an oci:// reference nor a name in a repository") {
  struct Case {
    ChartRequest request;
    Error::Code code;
    std::string_view expected;
  };
  const Case cases[] = {
      {{.chart = "./no-such-chart"}, Error::Code::kNotFound, "path \"./no-such-chart\" not found"},
      {{.chart = "/no/such/chart.tgz"}, Error::Code::kNotFound, "not found"},
      {{.chart = "nginx"}, Error::Code::kInvalidInput, "--repo"},
      {{.chart = "bitnami/nginx"}, Error::Code::kInvalidInput, "--repo"},
      {{.chart = "a/b", .repo_url = "https://charts.example"},
       Error::Code::kInvalidInput,
       "the chart is a name"},
      {{.chart = "oci://r.example/Charts/x"}, Error::Code::kInvalidInput, "repository path"},
      {{.chart = "X", .repo_url = "oci://r.example/charts/"},
       Error::Code::kInvalidInput,
       "oci://r.example/charts/X"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.request.chart);
    auto chart = fetch_chart(c.request, {});
    REQUIRE_FALSE(chart.ok());
    CHECK(chart.error().code == c.code);
    CHECK(chart.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("charts of one HTTP repository share one read of its index") {
  const std::string archive = "demo archive";
  const std::string index =
      "apiVersion: v1\nentries:\n  demo:\n  - version: 1.0.0\n"
      "    urls: [demo-1.0.0.tgz]\n    digest: " +
      std::string(registry::oci::Digest::of(archive).hex()) + "\n";
  LoopbackServer server([&](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target == "/index.yaml") {
      connection.write(LoopbackServer::response(200, index));
    } else if (request.target == "/demo-1.0.0.tgz") {
      connection.write(LoopbackServer::response(200, archive));
    } else {
      connection.write(LoopbackServer::response(404));
    }
  });
  ChartSources sources({});
  for (int i = 0; i < 2; ++i) {
    auto chart = sources.fetch({.chart = "demo", .repo_url = server.url("/"), .version = "1.x"});
    REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
    CHECK(chart->archive == archive);
    CHECK(chart->version == "1.0.0");
  }
  CHECK(server.requests().size() == 3);  // the index once, the archive twice
}

}  // namespace chartmirror::charts
