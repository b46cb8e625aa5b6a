#include "charts/rewrite/values_file.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"

namespace chartmirror::charts::rewrite {
namespace {

using values::Value;

Value yaml(std::string_view text) {
  auto parsed = values::parse_values_yaml(text, "test");
  REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
  return std::move(parsed).value();
}

std::string emitted(const Value& value) {
  auto text = values::marshal_yaml(value);
  REQUIRE(text.ok());
  return *text;
}

TEST_CASE("overrides are set into the values file, creating what it lacks") {
  struct Case {
    const char* name;
    const char* file;
    const char* values;  // the `.Values` discovery saw
    std::vector<ValueOverride> overrides;
    const char* want;
  };
  const std::vector<Case> cases = {
      {"an existing scalar is replaced, the rest kept",
       "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: '7'\nreplicas: 2\n",
       "image:\n  registry: docker.io\n  repository: bitnami/redis\n  tag: '7'\nreplicas: 2\n",
       {{{"image", "registry"}, "m.corp/mirror"}},
       "image:\n  registry: m.corp/mirror\n  repository: bitnami/redis\n  tag: \"7\"\nreplicas: "
       "2\n"},
      {"a subchart's section is created partially: coalescing adds the subchart's tag",
       "replicas: 1\n",
       "replicas: 1\nredis:\n  image:\n    registry: docker.io\n    tag: x\n",
       {{{"redis", "image", "registry"}, "m.corp"}},
       "redis:\n  image:\n    registry: m.corp\nreplicas: 1\n"},
      {"a list is copied whole from .Values, then changed (two elements, one copy)",
       "other: 1\n",
       "sub:\n  init:\n  - image: a:1\n    name: a\n  - image: b:1\n  - name: c\n",
       {{{"sub", "init", std::size_t{0}, "image"}, "m.corp/library/a:1"},
        {{"sub", "init", std::size_t{1}, "image"}, "m.corp/library/b:1"}},
       "other: 1\nsub:\n  init:\n  - image: m.corp/library/a:1\n    name: a\n"
       "  - image: m.corp/library/b:1\n  - name: c\n"},
      {"a scalar where .Values has a map takes the map",
       "image: null\ntag: x\n",
       "image:\n  repository: a/b\n  tag: '1'\n",
       {{{"image", "repository"}, "m.corp/a/b"}},
       "image:\n  repository: m.corp/a/b\ntag: x\n"},
      {"a global key",
       "global:\n  imageRegistry: ''\n",
       "global:\n  imageRegistry: my.corp\n",
       {{{"global", "imageRegistry"}, "m.corp/mirror"}},
       "global:\n  imageRegistry: m.corp/mirror\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    CHECK(emitted(apply_overrides(yaml(c.file), c.overrides, yaml(c.values))) == c.want);
  }
}

TEST_CASE("the new values.yaml: a header naming the source and every override, then the values") {
  const std::string digest =
      "sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e";
  const std::string original =
      "# the chart's own comment\nimage:\n  repository: nginx  # inline\n  tag: 1.10\n";
  const std::vector<ValueOverride> overrides = {{{"image", "repository"}, "m.corp/library/nginx"}};
  auto text = rewrite_values_file(original, overrides, yaml(original), digest);
  REQUIRE_MESSAGE(text.ok(), text.error().describe());
  CHECK(*text ==
        "# Rewritten by chartmirror so that the images below are pulled from the mirror.\n"
        "# These are the values of the chart\n#   " +
            digest +
            "\n# re-emitted as Helm reads them (that chart, mirrored unchanged, has the original\n"
            "# file with its comments), with these values set:\n"
            "#   image.repository: m.corp/library/nginx\n"
            "image:\n  repository: m.corp/library/nginx\n  tag: 1.1\n");
  // What Helm reads from it is the original with the override, nothing else.
  Value want = yaml(original);
  want["image"]["repository"] = "m.corp/library/nginx";
  CHECK(yaml(*text) == want);
  // Same input, same text.
  auto again = rewrite_values_file(original, overrides, yaml(original), digest);
  REQUIRE(again.ok());
  CHECK(*again == *text);

  auto bad = rewrite_values_file("a: [", overrides, yaml(original), digest);
  CHECK_FALSE(bad.ok());
}

}  // namespace
}  // namespace chartmirror::charts::rewrite
