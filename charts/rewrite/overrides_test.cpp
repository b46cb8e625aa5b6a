#include "charts/rewrite/overrides.h"

#include <map>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/values/yaml.h"

namespace chartmirror::charts::rewrite {
namespace {

using images::ImageOrigin;
using images::ValueShape;

constexpr std::string_view kMirror = "registry.example:5000/mirror";

registry::Reference ref(const std::string& text) {
  auto parsed = registry::Reference::parse(text);
  REQUIRE_MESSAGE(parsed.ok(), text);
  return std::move(parsed).value();
}

values::Value yaml(std::string_view text) {
  auto parsed = values::parse_values_yaml(text, "test");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
  return std::move(parsed).value();
}

images::ValuesPath path(std::initializer_list<images::PathStep> steps) { return steps; }

// An image found in the values at `at`, written in `shape`.
images::DiscoveredImage found(const std::string& reference, images::ValuesPath at, ValueShape shape,
                              std::string global_registry = {}) {
  ImageOrigin origin;
  origin.kind = ImageOrigin::Kind::kValues;
  origin.chart = "test";
  origin.chart_version = "1.0.0";
  origin.path = std::move(at);
  origin.shape = shape;
  origin.global_registry = std::move(global_registry);
  return images::DiscoveredImage{.reference = ref(reference), .origins = {origin}};
}

struct Planned {
  std::map<std::string, std::string> overrides;  // format_path → value
  std::vector<std::string> not_rewritten;        // "reference: reason"
  std::size_t rewritten = 0;
};

Planned plan(const std::vector<images::DiscoveredImage>& images, const values::Value& values) {
  std::vector<registry::Reference> sources;
  sources.reserve(images.size());
  for (const auto& image : images) sources.push_back(image.reference);
  auto destinations = images::image_destinations(sources, kMirror);
  REQUIRE_MESSAGE(destinations.ok(), destinations.error().describe());
  const OverridePlan result = plan_overrides(images, *destinations, values);
  Planned out;
  for (const auto& entry : result.overrides) {
    out.overrides.emplace(images::format_path(entry.path), entry.value);
  }
  for (const auto& entry : result.not_rewritten) {
    out.not_rewritten.push_back(entry.reference.str() + ": " + entry.reason);
  }
  out.rewritten = result.rewritten;
  return out;
}

using Overrides = std::map<std::string, std::string>;

TEST_CASE("each shape gets the fields its templates read") {
  struct Case {
    const char* name;
    const char* values;
    const char* reference;
    images::ValuesPath path;
    ValueShape shape;
    Overrides want;
  };
  const std::vector<Case> cases = {
      {"a string: the whole destination, tag kept",
       "image: nginx:1.25\n",
       "docker.io/library/nginx:1.25",
       path({"image"}),
       ValueShape::kString,
       {{"image", "registry.example:5000/mirror/library/nginx:1.25"}}},
      {"a string by digest keeps tag and digest",
       "sidecar:\n  image: ghcr.io/a/b:1.6.3@sha256:"
       "4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e\n",
       "ghcr.io/a/b:1.6.3@sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e",
       path({"sidecar", "image"}),
       ValueShape::kString,
       {{"sidecar.image",
         "registry.example:5000/mirror/a/b:1.6.3@sha256:"
         "4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e"}}},
      {"a string in a list",
       "initContainers:\n- name: x\n  image: busybox:1.36\n",
       "docker.io/library/busybox:1.36",
       path({"initContainers", std::size_t{0}, "image"}),
       ValueShape::kString,
       {{"initContainers[0].image", "registry.example:5000/mirror/library/busybox:1.36"}}},
      {"{repository}: the full destination name, the appVersion tag left empty",
       "image:\n  repository: quay.io/jetstack/cert-manager-controller\n",
       "quay.io/jetstack/cert-manager-controller:v1.13.2",
       path({"image"}),
       ValueShape::kRepositoryMap,
       {{"image.repository", "registry.example:5000/mirror/jetstack/cert-manager-controller"}}},
      {"bitnami {registry, repository, tag}: only the registry changes",
       "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: 7.2.4\n",
       "docker.io/bitnami/redis:7.2.4",
       path({"image"}),
       ValueShape::kRegistryMap,
       {{"image.registry", "registry.example:5000/mirror"}}},
      {"a subchart's image, under its name in the parent",
       "redis:\n  image:\n    registry: docker.io\n    repository: bitnami/redis\n    tag: '7'\n",
       "docker.io/bitnami/redis:7",
       path({"redis", "image"}),
       ValueShape::kRegistryMap,
       {{"redis.image.registry", "registry.example:5000/mirror"}}},
      {"an empty registry and a repository holding the host: host + whole path",
       "image:\n  registry: ''\n  repository: quay.io/x/y\n  tag: '1'\n",
       "quay.io/x/y:1",
       path({"image"}),
       ValueShape::kRegistryMap,
       {{"image.registry", "registry.example:5000"}, {"image.repository", "mirror/x/y"}}},
      {"ingress-nginx {registry, image, tag, digest}",
       "controller:\n  image:\n    registry: registry.k8s.io\n    image: ingress-nginx/controller\n"
       "    tag: v1.9.4\n",
       "registry.k8s.io/ingress-nginx/controller:v1.9.4",
       path({"controller", "image"}),
       ValueShape::kImageMap,
       {{"controller.image.registry", "registry.example:5000/mirror"}}},
      {"{image, tag} without registry: the image field is the full name",
       "exporter:\n  image: oliver006/redis_exporter\n  tag: v1.57.0\n",
       "docker.io/oliver006/redis_exporter:v1.57.0",
       path({"exporter"}),
       ValueShape::kImageMap,
       {{"exporter.image", "registry.example:5000/mirror/oliver006/redis_exporter"}}},
      {"{name, tag} under an image key",
       "image:\n  name: grafana/agent\n  tag: v0.39.0\n",
       "docker.io/grafana/agent:v0.39.0",
       path({"image"}),
       ValueShape::kImageMap,
       {{"image.name", "registry.example:5000/mirror/grafana/agent"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    const Planned planned = plan({found(c.reference, c.path, c.shape)}, yaml(c.values));
    CHECK(planned.overrides == c.want);
    CHECK(planned.not_rewritten.empty());
    CHECK(planned.rewritten == 1);
  }
}

TEST_CASE("a global registry key is set when every image using it agrees") {
  const values::Value values = yaml(
      "global:\n  imageRegistry: my.corp\n"
      "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: '7'\n"
      "metrics:\n  image:\n    registry: docker.io\n    repository: bitnami/redis-exporter\n"
      "    tag: '1'\n");
  const Planned same_prefix =
      plan({found("my.corp/bitnami/redis:7", path({"image"}), ValueShape::kRegistryMap,
                  "global.imageRegistry"),
            found("my.corp/bitnami/redis-exporter:1", path({"metrics", "image"}),
                  ValueShape::kRegistryMap, "global.imageRegistry")},
           values);
  // Each image's own registry too: a template that does not honour the global reads it.
  CHECK(same_prefix.overrides ==
        Overrides{{"global.imageRegistry", "registry.example:5000/mirror"},
                  {"image.registry", "registry.example:5000/mirror"},
                  {"metrics.image.registry", "registry.example:5000/mirror"}});
  CHECK(same_prefix.rewritten == 2);

  // One image of the path bitnami/redis also comes from another registry, so it takes the
  // long form: the prefixes differ, and the global key becomes the host.
  std::vector<images::DiscoveredImage> mixed = {
      found("my.corp/bitnami/redis:7", path({"image"}), ValueShape::kRegistryMap,
            "global.imageRegistry"),
      found("my.corp/bitnami/redis-exporter:1", path({"metrics", "image"}),
            ValueShape::kRegistryMap, "global.imageRegistry"),
      found("quay.io/bitnami/redis:7", path({"other"}), ValueShape::kString)};
  const values::Value with_other = yaml(
      "global:\n  imageRegistry: my.corp\n"
      "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: '7'\n"
      "metrics:\n  image:\n    registry: docker.io\n    repository: bitnami/redis-exporter\n"
      "    tag: '1'\n"
      "other: quay.io/bitnami/redis:7\n");
  CHECK(plan(mixed, with_other).overrides ==
        Overrides{{"global.imageRegistry", "registry.example:5000"},
                  {"image.registry", "registry.example:5000"},
                  {"image.repository", "mirror/my.corp/bitnami/redis"},
                  {"metrics.image.registry", "registry.example:5000"},
                  {"metrics.image.repository", "mirror/bitnami/redis-exporter"},
                  {"other", "registry.example:5000/mirror/quay.io/bitnami/redis:7"}});
}

TEST_CASE("what the values do not name is reported, with the reason") {
  ImageOrigin origin;
  origin.kind = ImageOrigin::Kind::kAnnotation;
  origin.chart = "redis";
  origin.annotation = "images";
  const images::DiscoveredImage annotated{.reference = ref("docker.io/bitnami/os-shell:12"),
                                          .origins = {origin}};
  const Planned planned = plan({annotated}, yaml("{}"));
  CHECK(planned.overrides.empty());
  CHECK(planned.rewritten == 0);
  REQUIRE(planned.not_rewritten.size() == 1);
  CHECK(planned.not_rewritten[0] ==
        "docker.io/bitnami/os-shell:12: listed only in the images annotation of chart redis "
        "(rewritten there); no values field names it");

  // No destination for the image.
  const auto image = found("docker.io/library/nginx:1", path({"image"}), ValueShape::kString);
  const OverridePlan none = plan_overrides({image}, {}, yaml("image: nginx:1\n"));
  CHECK(none.overrides.empty());
  REQUIRE(none.not_rewritten.size() == 1);
  CHECK(none.not_rewritten[0].reason == "no destination was given for it");
}

TEST_CASE("value_at follows keys and list indexes") {
  const values::Value values = yaml("a:\n  b:\n  - x\n  - c: d\n");
  REQUIRE(value_at(values, path({"a", "b", std::size_t{1}, "c"})) != nullptr);
  CHECK(value_at(values, path({"a", "b", std::size_t{1}, "c"}))->as_string() == "d");
  CHECK(value_at(values, path({"a", "b", std::size_t{2}})) == nullptr);
  CHECK(value_at(values, path({"a", "x"})) == nullptr);
  CHECK(value_at(values, path({})) == &values);
}

}  // namespace
}  // namespace chartmirror::charts::rewrite
