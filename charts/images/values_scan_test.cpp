#include "charts/images/values_scan.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/archive.h"
#include "charts/chart/testing/chart_fixture.h"
#include "charts/images/chart_values.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::images {
namespace {

using values::Value;

const std::string kDigest =
    "sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e";
const std::string kHex = kDigest.substr(7);

Value yaml(const std::string& text) {
  auto parsed = values::parse_values_yaml(text, "test");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
  return std::move(parsed).value();
}

SectionScan section(std::string app_version = "") {
  return SectionScan{.chart = "demo",
                     .chart_version = "1.0.0",
                     .app_version = std::move(app_version),
                     .section = {},
                     .declared_global_registries = {},
                     .subchart_keys = {},
                     .scan_global = true};
}

ValuesScan scan(const std::string& values, const SectionScan& context = section()) {
  ValuesScan out;
  scan_section(yaml(values), context, out);
  return out;
}

// "reference path shape" of each image, in walk order.
std::vector<std::string> found(const ValuesScan& scanned) {
  std::vector<std::string> out;
  for (const auto& image : scanned.images) {
    out.push_back(image.reference.str() + " " + format_path(image.origin.path) + " " +
                  shape_name(image.origin.shape));
  }
  return out;
}

TEST_CASE("the shapes charts write images in") {
  struct Case {
    const char* name;
    std::string values;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      {"bitnami {registry, repository, tag, digest}",
       "image: {registry: docker.io, repository: bitnami/nginx, tag: 1.25.4-debian-12-r7, "
       "digest: ''}",
       {"docker.io/bitnami/nginx:1.25.4-debian-12-r7 image registry-map"}},
      {"bitnami with a digest keeps the tag too",
       "image: {registry: docker.io, repository: bitnami/nginx, tag: '1.25', digest: " + kDigest +
           "}",
       {"docker.io/bitnami/nginx:1.25@" + kDigest + " image registry-map"}},
      {"a string with a tag",
       "controller: {sidecarImage: 'quay.io/kiwigrid/k8s-sidecar:1.25.2'}",
       {"quay.io/kiwigrid/k8s-sidecar:1.25.2 controller.sidecarImage string"}},
      {"a string with tag and digest",
       "spire: {image: 'ghcr.io/spiffe/spire-agent:1.6.3@" + kDigest + "'}",
       {"ghcr.io/spiffe/spire-agent:1.6.3@" + kDigest + " spire.image string"}},
      {"an official image gets library/",
       "init_image: 'busybox:1.36'",
       {"docker.io/library/busybox:1.36 init_image string"}},
      {"{repository, tag} with the registry in the repository",
       "server: {image: {repository: quay.io/prometheus/prometheus, tag: v2.48.0, digest: ''}}",
       {"quay.io/prometheus/prometheus:v2.48.0 server.image repository-map"}},
      {"ingress-nginx {registry, image, tag, digest} is one image",
       "controller: {image: {registry: registry.k8s.io, image: ingress-nginx/controller, tag: "
       "v1.9.4, digest: " +
           kDigest + "}}",
       {"registry.k8s.io/ingress-nginx/controller:v1.9.4@" + kDigest +
        " controller.image image-map"}},
      {"{name, tag} under an image key",
       "agent: {image: {name: grafana/agent, tag: v0.39.0}}",
       {"docker.io/grafana/agent:v0.39.0 agent.image image-map"}},
      {"redis-ha's {image, tag} under another key",
       "exporter: {enabled: true, image: oliver006/redis_exporter, tag: v1.48.0}",
       {"docker.io/oliver006/redis_exporter:v1.48.0 exporter image-map"}},
      {"keda's map of images under image",
       "image: {keda: {repository: ghcr.io/kedacore/keda, tag: '2.12.1'}, webhooks: "
       "{repository: ghcr.io/kedacore/keda-admission-webhooks, tag: '2.12.1'}}",
       {"ghcr.io/kedacore/keda:2.12.1 image.keda repository-map",
        "ghcr.io/kedacore/keda-admission-webhooks:2.12.1 image.webhooks repository-map"}},
      {"trivy-operator's nodeCollector {registry, repository, tag}",
       "nodeCollector: {registry: ghcr.io, repository: aquasecurity/node-collector, tag: 0.0.9}",
       {"ghcr.io/aquasecurity/node-collector:0.0.9 nodeCollector registry-map"}},
      {"sha without the algorithm",
       "image: {registry: quay.io, repository: kiwigrid/k8s-sidecar, tag: 1.25.2, sha: " + kHex +
           "}",
       {"quay.io/kiwigrid/k8s-sidecar:1.25.2@" + kDigest + " image registry-map"}},
      {"a digest and no tag stays by digest",
       "image: {repository: ghcr.io/a/b, tag: '', digest: " + kDigest + "}",
       {"ghcr.io/a/b@" + kDigest + " image repository-map"}},
      {"a numeric tag reads as Helm prints it",
       "test: {image: {registry: null, repository: busybox, tag: 1.35}}",
       {"docker.io/library/busybox:1.35 test.image registry-map"}},
      {"images in lists",
       "initContainers: [{name: wait, image: 'alpine:3.19'}, {name: x, image: '{{ .Values.i }}'}]",
       {"docker.io/library/alpine:3.19 initContainers[0].image string"}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const ValuesScan scanned = scan(c.values);
    CHECK(scanned.warnings.empty());
    CHECK(found(scanned) == c.want);
  }
}

TEST_CASE("what is not an image") {
  for (const char* values : {
           "image: nginx",                         // no tag: from elsewhere
           "image: '{{ .Values.global.image }}'",  // a template
           "image: {registry: '{{ .Values.r }}', repository: a/b, tag: '1'}",  // a template
           "image: {repository: '{{ .Values.r }}', tag: '1'}",                 // a template
           "controller: {image: {repository: '', tag: ''}}",           // argo-cd: from global
           "git: {repository: '', branch: '', enabled: false}",        // a git repository
           "chart: {repository: bitnami, tag: x}",                     // no '/', no registry
           "source: {repository: https://github.com/a/b, ref: main}",  // no tag, not an image key
           "imagePullPolicy: IfNotPresent", "imageRegistry: docker.io",
           "triggerNewImageScan: false",
           "exporter: {image: 'x/y:1', tag: 2}",  // the string carries its own tag: not rule 4
       }) {
    CAPTURE(values);
    const ValuesScan scanned = scan(values);
    CHECK(scanned.warnings.empty());
    // The last one is an image string with a tag under `image`: found as a string, once.
    if (std::string(values).starts_with("exporter")) {
      CHECK(found(scanned) == std::vector<std::string>{"docker.io/x/y:1 exporter.image string"});
    } else {
      CHECK(scanned.images.empty());
    }
  }
}

TEST_CASE("an empty tag takes the chart's appVersion, and says so") {
  const ValuesScan scanned = scan(
      "image: {repository: quay.io/jetstack/cert-manager-controller}\n"
      "sidecar: {image: {registry: docker.io, repository: grafana/loki, tag: null}}",
      section("v1.13.2"));
  REQUIRE(scanned.images.size() == 2);
  CHECK(scanned.images[0].reference.str() == "quay.io/jetstack/cert-manager-controller:v1.13.2");
  CHECK(scanned.images[0].origin.tag_from_app_version);
  CHECK(scanned.images[1].reference.str() == "docker.io/grafana/loki:v1.13.2");
  CHECK(scanned.images[1].origin.tag_from_app_version);

  const ValuesScan tagged = scan("image: {repository: a/b, tag: '1'}", section("9"));
  REQUIRE(tagged.images.size() == 1);
  CHECK_FALSE(tagged.images[0].origin.tag_from_app_version);

  const ValuesScan no_app_version = scan("image: {repository: a/b, tag: ''}");
  CHECK(no_app_version.images.empty());
  REQUIRE(no_app_version.warnings.size() == 1);
  CHECK(no_app_version.warnings[0] ==
        "chart demo, values image: no tag, no digest, and chart demo has no appVersion to "
        "default to");
}

TEST_CASE("a candidate that makes no valid reference is a warning naming its path") {
  const ValuesScan scanned = scan(
      "a: {image: {repository: Bad/Repo, tag: '1'}}\n"
      "b: {image: {repository: ok/repo, tag: 'bad tag'}}\n"
      "c: {image: {repository: ok/repo, tag: true}}\n"
      "d: {image: 'x/y:1:2'}");
  CHECK(scanned.images.empty());
  REQUIRE(scanned.warnings.size() == 4);
  CHECK(scanned.warnings[0].starts_with(
      "chart demo, values a.image: \"Bad/Repo:1\" is not an image reference: "));
  CHECK(scanned.warnings[1].starts_with("chart demo, values b.image: \"ok/repo:bad tag\""));
  CHECK(scanned.warnings[2] == "chart demo, values c.image: the tag is a bool, not a string");
  CHECK(scanned.warnings[3].starts_with("chart demo, values d.image: \"x/y:1:2\""));
}

TEST_CASE("global registries replace a registry key, when the chart declares them") {
  const std::string values =
      "global: {imageRegistry: mirror.corp:5000}\n"
      "image: {registry: docker.io, repository: bitnami/nginx, tag: '1'}\n"
      "plain: {image: {repository: quay.io/a/b, tag: '2'}}\n"
      "nginx: {image: {registry: registry.k8s.io, image: ingress-nginx/controller, tag: '3'}}\n"
      "raw: {image: 'quay.io/c/d:4'}\n";
  SUBCASE("declared: bitnami common") {
    SectionScan context = section();
    context.declared_global_registries =
        declared_global_registries(yaml("global: {imageRegistry: ''}"));
    REQUIRE(context.declared_global_registries == std::vector<std::string>{"global.imageRegistry"});
    const ValuesScan scanned = scan(values, context);
    CHECK(found(scanned) == std::vector<std::string>{
                                "mirror.corp:5000/bitnami/nginx:1 image registry-map",
                                "mirror.corp:5000/ingress-nginx/controller:3 nginx.image image-map",
                                "quay.io/a/b:2 plain.image repository-map",
                                "quay.io/c/d:4 raw.image string",
                            });
    CHECK(scanned.images[0].origin.global_registry == "global.imageRegistry");
    CHECK(scanned.images[2].origin.global_registry.empty());
  }
  SUBCASE("not declared: the chart is taken not to read it") {
    const ValuesScan scanned = scan(values);
    CHECK(scanned.images[0].reference.str() == "docker.io/bitnami/nginx:1");
    CHECK(scanned.images[0].origin.global_registry.empty());
  }
  SUBCASE("kyverno's global.image.registry") {
    SectionScan context = section();
    context.declared_global_registries =
        declared_global_registries(yaml("global: {image: {registry: null}}"));
    REQUIRE(context.declared_global_registries ==
            std::vector<std::string>{"global.image.registry"});
    const ValuesScan scanned = scan(
        "global: {image: {registry: mirror.corp}, imageRegistry: other.corp}\n"
        "test: {image: {registry: null, repository: busybox, tag: '1.35'}}",
        context);
    CHECK(found(scanned) ==
          std::vector<std::string>{"mirror.corp/busybox:1.35 test.image registry-map"});
    CHECK(scanned.images[0].origin.global_registry == "global.image.registry");
  }
  SUBCASE("declared and empty: the image's own registry") {
    SectionScan context = section();
    context.declared_global_registries = {"global.imageRegistry"};
    const ValuesScan scanned =
        scan("global: {imageRegistry: ''}\nimage: {registry: docker.io, repository: a/b, tag: '1'}",
             context);
    CHECK(found(scanned) == std::vector<std::string>{"docker.io/a/b:1 image registry-map"});
  }
}

TEST_CASE("subchart sections and the globals of subcharts are not the chart's own") {
  SectionScan context = section();
  context.subchart_keys = {"redis"};
  context.section = {"parent"};
  context.scan_global = false;
  const ValuesScan scanned = scan(
      "global: {image: {repository: quay.io/argoproj/argocd, tag: v2.9.0}}\n"
      "redis: {image: {repository: bitnami/redis, tag: '7'}}\n"
      "own: {image: 'a/b:1'}",
      context);
  CHECK(found(scanned) == std::vector<std::string>{"docker.io/a/b:1 parent.own.image string"});

  context.scan_global = true;
  const ValuesScan with_global =
      scan("global: {image: {repository: quay.io/argoproj/argocd, tag: v2.9.0}}", context);
  CHECK(found(with_global) ==
        std::vector<std::string>{"quay.io/argoproj/argocd:v2.9.0 parent.global.image "
                                 "repository-map"});
}

TEST_CASE("values paths print as --set reads them") {
  CHECK(format_path({}).empty());
  CHECK(format_path({std::string("redis"), std::string("master"), std::string("image")}) ==
        "redis.master.image");
  CHECK(format_path({std::string("initContainers"), std::size_t{0}, std::string("image")}) ==
        "initContainers[0].image");
  CHECK(format_path({std::string("a.b"), std::string("c[d")}) == "a\\.b.c\\[d");
}

// A parent with an aliased subchart, a disabled one, and a library chart, loaded as Helm
// loads them: each chart's images with its own appVersion, under the name the parent uses.
TEST_CASE("scan_values walks every chart that renders") {
  using testing::make_tgz;
  using testing::under;
  const std::string child = make_tgz(under(
      "child", {{"Chart.yaml", "apiVersion: v2\nname: child\nversion: 1.0.0\nappVersion: '3.0'\n"},
                {"values.yaml",
                 "image: {repository: org/child, tag: ''}\n"
                 "global: {imageRegistry: ''}\n"
                 "other: {image: {registry: docker.io, repository: org/other, "
                 "tag: '1'}}\n"}}));
  const std::string gone = make_tgz(under(
      "gone", {{"Chart.yaml", "apiVersion: v2\nname: gone\nversion: 1.0.0\nappVersion: '1'\n"},
               {"values.yaml", "image: {repository: org/gone, tag: '1'}\n"}}));
  const std::string parent = make_tgz(under(
      "parent", {{"Chart.yaml",
                  "apiVersion: v2\nname: parent\nversion: 2.0.0\nappVersion: '2.0'\ndependencies:\n"
                  "- {name: child, version: '1.x', alias: kid}\n"
                  "- {name: gone, version: '1.0.0', condition: gone.enabled}\n"},
                 {"values.yaml",
                  "image: {repository: org/parent}\n"
                  "kid: {other: {image: {tag: '5'}}}\n"
                  "gone: {enabled: false, image: {repository: org/parent-gone, tag: '1'}}\n"
                  "global: {imageRegistry: mirror.corp}\n"},
                 {"charts/child-1.0.0.tgz", child},
                 {"charts/gone-1.0.0.tgz", gone}}));
  auto chart = load_archive(parent, "parent.tgz");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  auto rendered = render_chart_values(*chart, Value());
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().describe());
  const ValuesScan scanned = scan_values(*chart, *rendered);
  CHECK(scanned.warnings.empty());
  CHECK(found(scanned) == std::vector<std::string>{
                              "docker.io/org/parent:2.0 image repository-map",
                              "docker.io/org/child:3.0 kid.image repository-map",
                              "mirror.corp/org/other:5 kid.other.image registry-map",
                          });
  REQUIRE(scanned.images.size() == 3);
  CHECK(scanned.images[0].origin.chart == "parent");
  CHECK(scanned.images[1].origin.chart == "child");
  CHECK(scanned.images[1].origin.chart_version == "1.0.0");
  CHECK(scanned.images[1].origin.tag_from_app_version);
  // The parent does not declare global.imageRegistry; the child does, and gets the parent's.
  CHECK(scanned.images[2].origin.global_registry == "global.imageRegistry");

  // Switched on, the disabled subchart renders and its images count.
  auto enabled = render_chart_values(*chart, yaml("gone: {enabled: true}"));
  REQUIRE(enabled.ok());
  const ValuesScan with_off = scan_values(*chart, *enabled);
  CHECK(found(with_off).back() == "docker.io/org/parent-gone:1 gone.image repository-map");
}

}  // namespace
}  // namespace chartmirror::charts::images
