#include "controllers/image_selection.h"

#include <doctest/doctest.h>

namespace chartmirror::controllers {
namespace {

registry::Reference ref(const char* text) { return registry::Reference::parse(text).value(); }

TEST_CASE("exclude globs match fully qualified references") {
  struct Case {
    const char* pattern;
    const char* image;
    bool excluded;
  };
  const Case cases[] = {
      {"quay.io/prometheus/node-exporter*", "quay.io/prometheus/node-exporter:v1.7.0", true},
      {"quay.io/prometheus/*", "quay.io/prometheus/alertmanager:v0.26.0", true},
      {"quay.io/prometheus/*", "quay.io/other/alertmanager:v0.26.0", false},
      {"registry.k8s.io/ingress-nginx/kube-webhook-certgen*",
       "registry.k8s.io/ingress-nginx/kube-webhook-certgen:v20231011-8b53cabe0", true},
      {"docker.io/library/nginx", "nginx:1.25", true},  // the name alone: every tag
      {"nginx*", "nginx:1.25", false},                  // references are fully qualified
      {"docker.io/library/nginx:1.2?", "nginx:1.25", true},
      {"docker.io/library/nginx:1.2?", "nginx:1.3", false},
      {"*", "ghcr.io/a/b:c", true},
      {"*:latest", "busybox", true},
  };
  for (const Case& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.image);
    CHECK(excluded(ref(c.image), {c.pattern}) == c.excluded);
  }
  CHECK_FALSE(excluded(ref("nginx:1.25"), {}));
}

TEST_CASE("glob corner cases") {
  CHECK(image_glob_match("", ""));
  CHECK_FALSE(image_glob_match("", "a"));
  CHECK(image_glob_match("a*b*c", "axxbyyc"));
  CHECK_FALSE(image_glob_match("a*b*c", "axxbyy"));
  CHECK(image_glob_match("**", "a/b"));
}

TEST_CASE("extra images are normalized, and a bad one names its index") {
  auto images = extra_images({"busybox:1.36", "quay.io/jetstack/cert-manager-acmesolver:v1.13.2"});
  REQUIRE(images.ok());
  CHECK((*images)[0].str() == "docker.io/library/busybox:1.36");
  auto bad = extra_images({"busybox:1.36", "UPPER:x"});
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().field == "spec.images.extra[1]");
}

}  // namespace
}  // namespace chartmirror::controllers
