#include "controllers/spec.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

json minimal() {
  return json::parse(R"({
    "source": {"url": "https://charts.example.com/stable"},
    "charts": [{"name": "kured"}],
    "destination": {"url": "oci://registry.example.com:5000/mirror"}
  })");
}

TEST_CASE("a minimal spec gets the CRD's defaults") {
  auto spec = parse_spec(minimal());
  REQUIRE(spec.ok());
  CHECK(spec->source.url == "https://charts.example.com/stable");
  REQUIRE(spec->charts.size() == 1);
  CHECK(spec->charts[0].name == "kured");
  CHECK(spec->charts[0].version.empty());
  CHECK(spec->interval == std::chrono::hours(1));
  CHECK_FALSE(spec->suspend);
  CHECK_FALSE(spec->rewrite_values);
}

TEST_CASE("every field of the samples is read") {
  json spec = minimal();
  spec["source"] = {{"url", "oci://127.0.0.1:5000/charts"},
                    {"plainHTTP", true},
                    {"secretRef", {{"name", "src-creds"}}}};
  spec["charts"] = json::parse(R"([{"name": "prometheus", "version": ">=25.0.0 <26.0.0",
      "values": {"server": {"retention": "30d"}},
      "valuesFrom": [{"kind": "ConfigMap", "name": "prometheus-values"},
                     {"kind": "Secret", "name": "more", "key": "extra.yaml"}]}])");
  spec["images"] = json::parse(R"({"exclude": ["quay.io/prometheus/node-exporter*"],
      "extra": ["docker.io/library/busybox:1.36"], "platforms": ["linux/amd64", "linux/arm/v7"],
      "allReferrers": true})");
  spec["registryMirrors"] = json::parse(R"([{"registry": "docker.io",
      "mirror": "pull-through.corp:5000/dockerhub", "certSecretRef": {"name": "corp-ca"}}])");
  spec["destination"]["secretRef"] = {{"name", "dest-creds"}};
  spec["rewriteValues"] = true;
  spec["capabilities"] = {{"kubeVersion", "v1.29.0"}, {"apiVersions", {"batch/v1/CronJob"}}};
  spec["interval"] = "1h30m";
  spec["suspend"] = true;
  auto parsed = parse_spec(spec);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
  CHECK(parsed->source.access.plain_http);
  CHECK(parsed->source.access.secret_ref == "src-creds");
  CHECK(parsed->charts[0].version == ">=25.0.0 <26.0.0");
  CHECK(json::parse(parsed->charts[0].values_json)["server"]["retention"] == "30d");
  REQUIRE(parsed->charts[0].values_from.size() == 2);
  CHECK(parsed->charts[0].values_from[0].key == "values.yaml");
  CHECK(parsed->charts[0].values_from[1].kind == "Secret");
  CHECK(parsed->charts[0].values_from[1].key == "extra.yaml");
  CHECK(parsed->images.exclude.size() == 1);
  CHECK(parsed->images.platforms.size() == 2);
  CHECK(parsed->images.all_referrers);
  CHECK(parsed->registry_mirrors[0].mirror == "pull-through.corp:5000/dockerhub");
  CHECK(parsed->registry_mirrors[0].access.cert_secret_ref == "corp-ca");
  CHECK(parsed->destination.access.secret_ref == "dest-creds");
  CHECK(parsed->rewrite_values);
  CHECK(parsed->capabilities.kube_version == "v1.29.0");
  CHECK(parsed->interval == std::chrono::minutes(90));
  CHECK(parsed->suspend);
}

// Each bad spec: a JSON patch of minimal() (as a function), and the field its error names.
TEST_CASE("invalid specs are refused naming the field, as the CRD refuses them") {
  struct Case {
    const char* what;
    void (*change)(json&);
    const char* field;
  };
  const Case cases[] = {
      {"no source", [](json& s) { s.erase("source"); }, "spec.source"},
      {"no source url", [](json& s) { s["source"].erase("url"); }, "spec.source.url"},
      {"ftp source", [](json& s) { s["source"]["url"] = "ftp://x.example.com"; },
       "spec.source.url"},
      {"uppercase oci path", [](json& s) { s["source"]["url"] = "oci://r.example.com/Charts"; },
       "spec.source.url"},
      {"plainHTTP on https", [](json& s) { s["source"]["plainHTTP"] = true; },
       "spec.source.plainHTTP"},
      {"insecure on http",
       [](json& s) {
         s["source"]["url"] = "http://charts.example.com";
         s["source"]["insecureSkipTLSVerify"] = true;
       },
       "spec.source.insecureSkipTLSVerify"},
      {"unknown source field", [](json& s) { s["source"]["token"] = "x"; }, "spec.source.token"},
      {"no charts", [](json& s) { s.erase("charts"); }, "spec.charts"},
      {"empty charts", [](json& s) { s["charts"] = json::array(); }, "spec.charts"},
      {"uppercase chart", [](json& s) { s["charts"][0]["name"] = "Kured"; }, "spec.charts[0].name"},
      {"duplicate chart",
       [](json& s) {
         s["charts"].push_back({{"name", "kured"}});
       },
       "spec.charts[1].name"},
      {"bad version", [](json& s) { s["charts"][0]["version"] = "1.0;rm"; },
       "spec.charts[0].version"},
      {"empty version", [](json& s) { s["charts"][0]["version"] = ""; }, "spec.charts[0].version"},
      {"values not a map", [](json& s) { s["charts"][0]["values"] = json::array(); },
       "spec.charts[0].values"},
      {"valuesFrom kind",
       [](json& s) {
         s["charts"][0]["valuesFrom"] = {{{"kind", "Pod"}, {"name", "x"}}};
       },
       "spec.charts[0].valuesFrom[0].kind"},
      {"valuesFrom without name",
       [](json& s) {
         s["charts"][0]["valuesFrom"] = {{{"kind", "Secret"}}};
       },
       "spec.charts[0].valuesFrom[0].name"},
      {"platform",
       [](json& s) {
         s["images"] = {{"platforms", {"linux"}}};
       },
       "spec.images.platforms[0]"},
      {"duplicate extra",
       [](json& s) {
         s["images"] = {{"extra", {"nginx:1", "nginx:1"}}};
       },
       "spec.images.extra[1]"},
      {"exclude with space",
       [](json& s) {
         s["images"] = {{"exclude", {"a b"}}};
       },
       "spec.images.exclude[0]"},
      {"mirror with scheme",
       [](json& s) {
         s["registryMirrors"] = {{{"registry", "docker.io"}, {"mirror", "https://m.example"}}};
       },
       "spec.registryMirrors[0].mirror"},
      {"duplicate mirror registry",
       [](json& s) {
         s["registryMirrors"] = {{{"registry", "docker.io"}, {"mirror", "a.example"}},
                                 {{"registry", "docker.io"}, {"mirror", "b.example"}}};
       },
       "spec.registryMirrors[1].registry"},
      {"https destination",
       [](json& s) { s["destination"]["url"] = "https://registry.example.com"; },
       "spec.destination.url"},
      {"plain destination with a CA",
       [](json& s) {
         s["destination"]["plainHTTP"] = true;
         s["destination"]["certSecretRef"] = {{"name", "ca"}};
       },
       "spec.destination.certSecretRef"},
      {"secretRef name",
       [](json& s) {
         s["destination"]["secretRef"] = {{"name", "A_B"}};
       },
       "spec.destination.secretRef.name"},
      {"same source and destination", [](json& s) { s["source"]["url"] = s["destination"]["url"]; },
       "spec.destination.url"},
      {"interval unit", [](json& s) { s["interval"] = "1d"; }, "spec.interval"},
      {"interval too short", [](json& s) { s["interval"] = "500ms"; }, "spec.interval"},
      {"kubeVersion",
       [](json& s) {
         s["capabilities"] = {{"kubeVersion", "latest"}};
       },
       "spec.capabilities.kubeVersion"},
      {"unknown top field", [](json& s) { s["dryRun"] = true; }, "spec.dryRun"},
      {"suspend not bool", [](json& s) { s["suspend"] = "yes"; }, "spec.suspend"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    json spec = minimal();
    c.change(spec);
    auto parsed = parse_spec(spec);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == Error::Code::kInvalidSpec);
    CHECK(parsed.error().field == c.field);
    CHECK(parsed.error().describe().starts_with(std::string(c.field) + ": "));
  }
}

TEST_CASE("intervals are Go durations of ms, s, m and h") {
  CHECK(*parse_interval("1s") == std::chrono::seconds(1));
  CHECK(*parse_interval("1.5h") == std::chrono::minutes(90));
  CHECK(*parse_interval("1h30m") == std::chrono::minutes(90));
  CHECK(*parse_interval("1500ms") == std::chrono::milliseconds(1500));
  CHECK_FALSE(parse_interval("999ms").ok());
  CHECK_FALSE(parse_interval("h").ok());
  CHECK_FALSE(parse_interval("1 h").ok());
  CHECK_FALSE(parse_interval("").ok());
}

TEST_CASE("a ChartMirror file is read from YAML") {
  auto object = chart_mirror_from_yaml(R"(apiVersion: chartmirror.io/v1alpha1
kind: ChartMirror
metadata: {name: monitoring, namespace: platform, generation: 4}
spec:
  source: {url: "https://charts.example.com"}
  charts: [{name: kured, version: "5.3.1", values: {replicas: 2}}]
  destination: {url: "oci://registry.example.com/mirror"}
)",
                                       "monitoring.yaml");
  REQUIRE_MESSAGE(object.ok(), object.error().describe());
  CHECK(object->name == "monitoring");
  CHECK(object->namespace_ == "platform");
  CHECK(object->generation == 4);
  auto spec = parse_spec(object->spec);
  REQUIRE(spec.ok());
  CHECK(json::parse(spec->charts[0].values_json)["replicas"] == 2);

  CHECK(chart_mirror_from_yaml("apiVersion: v1\nkind: ConfigMap\n", "x.yaml").error().field ==
        "apiVersion");
  CHECK(chart_mirror_from_yaml("apiVersion: chartmirror.io/v1alpha1\nkind: ChartMirror\n"
                               "spec: {}\n",
                               "x.yaml")
            .error()
            .field == "metadata.name");
}

}  // namespace
}  // namespace chartmirror::controllers
