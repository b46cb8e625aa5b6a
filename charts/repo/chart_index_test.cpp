#include "charts/repo/chart_index.h"

#include <doctest/doctest.h>

namespace chartmirror::charts {

TEST_CASE("an index lists every chart and its versions in file order") {
  constexpr std::string_view kIndex = R"(apiVersion: v1
entries:
  keda:
  - name: keda
    version: 2.12.1
    appVersion: 2.12.1
    urls: [keda-2.12.1.tgz]
    digest: 6d5e1a
    created: "2023-11-20T10:00:00Z"
  - name: keda
    version: 2.11.2
    urls: [https://charts.example/keda-2.11.2.tgz]
    deprecated: true
  cert-manager:
  - version: v1.13.2
    urls: [cert-manager-v1.13.2.tgz, mirror/cert-manager-v1.13.2.tgz]
generated: "2024-01-01T00:00:00Z"
)";
  auto index = ChartIndex::parse(kIndex, "memory");
  REQUIRE(index.ok());
  CHECK(index->chart_names() == std::vector<std::string>{"cert-manager", "keda"});

  const auto& keda = index->versions("keda");
  REQUIRE(keda.size() == 2);
  CHECK(keda[0].version == "2.12.1");
  CHECK(keda[0].app_version == "2.12.1");
  CHECK(keda[0].urls == std::vector<std::string>{"keda-2.12.1.tgz"});
  CHECK(keda[0].digest == "6d5e1a");
  CHECK(keda[0].created == "2023-11-20T10:00:00Z");
  CHECK_FALSE(keda[0].deprecated);
  CHECK(keda[1].deprecated);

  const auto& cert_manager = index->versions("cert-manager");
  REQUIRE(cert_manager.size() == 1);
  CHECK(cert_manager[0].name == "cert-manager");  // a missing name is the entry's key
  CHECK(cert_manager[0].urls.size() == 2);

  CHECK(index->versions("absent").empty());
}

TEST_CASE("an index without entries is an empty repository") {
  for (const std::string_view yaml :
       {"apiVersion: v1\n", "apiVersion: v1\nentries: {}\n", "apiVersion: v1\nentries:\n"}) {
    CAPTURE(yaml);
    auto index = ChartIndex::parse(yaml, "memory");
    REQUIRE(index.ok());
    CHECK(index->chart_names().empty());
  }
}

TEST_CASE("a malformed index is rejected with the reason and the source") {
  struct Case {
    std::string_view yaml;
    std::string_view expected;
  };
  const Case cases[] = {
      {"apiVersion: v1\nentries: [", "not valid YAML"},
      {"- a\n- b\n", "not a mapping"},
      {"entries: {}\n", "apiVersion ''"},
      {"apiVersion: v2\n", "apiVersion 'v2'"},
      {"apiVersion: v1\nentries: [a]\n", "'entries' must map"},
      {"apiVersion: v1\nentries:\n  a: x\n", "entries.a must be a list"},
      {"apiVersion: v1\nentries:\n  a: [x]\n", "must be a mapping"},
      {"apiVersion: v1\nentries:\n  a: [{urls: [a.tgz]}]\n", "has no version"},
      {"apiVersion: v1\nentries:\n  a: [{version: 1.0.0}]\n", "lists no urls"},
      {"apiVersion: v1\nentries:\n  a: [{version: 1.0.0, urls: [[x]]}]\n", "must be strings"},
      {"apiVersion: v1\nentries:\n  a: [{name: b, version: 1.0.0, urls: [b.tgz]}]\n",
       "named 'b', not 'a'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    auto index = ChartIndex::parse(c.yaml, "http://127.0.0.1/index.yaml");
    REQUIRE_FALSE(index.ok());
    CHECK(index.error().code == Error::Code::kInvalidInput);
    CHECK(index.error().source == "http://127.0.0.1/index.yaml");
    CHECK(index.error().message.find(c.expected) != std::string::npos);
  }
}

}  // namespace chartmirror::charts
