#include "charts/repo/repo_url.h"

#include <doctest/doctest.h>

namespace chartmirror::charts {

// Expected values are what helm 3.17's repo.ResolveReferenceURL returns (run with Go 1.23).
TEST_CASE("chart URLs resolve against the repository URL as helm resolves them") {
  struct Case {
    std::string_view base;
    std::string_view reference;
    std::string_view expected;
  };
  const Case cases[] = {
      // helm's own table (pkg/repo/chartrepo_test.go)
      {"http://localhost:8123/charts/", "nginx-0.2.0.tgz",
       "http://localhost:8123/charts/nginx-0.2.0.tgz"},
      {"http://localhost:8123/charts-with-no-trailing-slash", "nginx-0.2.0.tgz",
       "http://localhost:8123/charts-with-no-trailing-slash/nginx-0.2.0.tgz"},
      {"http://localhost:8123", "https://charts.helm.sh/stable/nginx-0.2.0.tgz",
       "https://charts.helm.sh/stable/nginx-0.2.0.tgz"},
      {"http://localhost:8123/charts%2fwith%2fescaped%2fslash", "nginx-0.2.0.tgz",
       "http://localhost:8123/charts%2fwith%2fescaped%2fslash/nginx-0.2.0.tgz"},
      {"http://localhost:8123/charts?with=queryparameter", "nginx-0.2.0.tgz",
       "http://localhost:8123/charts/nginx-0.2.0.tgz?with=queryparameter"},
      // and more, checked against Go
      {"http://localhost:8123", "index.yaml", "http://localhost:8123/index.yaml"},
      {"http://localhost:8123/", "index.yaml", "http://localhost:8123/index.yaml"},
      {"https://h.example/a/b//", "index.yaml", "https://h.example/a/b//index.yaml"},
      {"https://h.example/a/b", "../c/x.tgz", "https://h.example/a/c/x.tgz"},
      {"https://h.example/a/b", "../../../x.tgz", "https://h.example/x.tgz"},
      {"https://h.example/a/b", "./x.tgz", "https://h.example/a/b/x.tgz"},
      {"https://h.example/a/b", "/root/x.tgz", "https://h.example/root/x.tgz"},
      {"https://h.example/a/b", "//cdn.example/x.tgz", "https://cdn.example/x.tgz"},
      {"https://h.example/a/b?token=t", "x.tgz?other=1", "https://h.example/a/b/x.tgz?token=t"},
      {"https://h.example/a/b", "x.tgz?other=1", "https://h.example/a/b/x.tgz"},
      {"https://h.example/a/b", "x.tgz#frag", "https://h.example/a/b/x.tgz#frag"},
      {"https://h.example/a/b", "charts/x y.tgz", "https://h.example/a/b/charts/x%20y.tgz"},
      {"https://h.example/a/b", "x.tgz/.", "https://h.example/a/b/x.tgz/"},
      {"https://h.example/a/b", "x/..", "https://h.example/a/b/"},
      {"HTTPS://h.example:8443/a", "x.tgz", "https://h.example:8443/a/x.tgz"},
      {"https://h.example/a", "HTTP://other/x.tgz", "HTTP://other/x.tgz"},
      {"https://h.example/a", "keda:1.0.tgz", "keda:1.0.tgz"},  // a scheme "keda"
      {"https://h.example/a", "", "https://h.example/a/"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.base);
    CAPTURE(c.reference);
    auto resolved = resolve_reference_url(c.base, c.reference);
    REQUIRE_MESSAGE(resolved.ok(), resolved.error().describe());
    CHECK(*resolved == c.expected);
  }
}

TEST_CASE("references Go cannot parse are refused") {
  auto colon = resolve_reference_url("https://h.example/a", "1keda:1.0.tgz");
  REQUIRE_FALSE(colon.ok());
  CHECK(colon.error().message.find("cannot contain colon") != std::string::npos);
  auto relative = resolve_reference_url("charts.example/a", "x.tgz");
  REQUIRE_FALSE(relative.ok());
  CHECK(relative.error().message.find("must be absolute") != std::string::npos);
}

TEST_CASE("credentials come out of the URL, and go only to the repository's scheme and host") {
  const auto split = split_credentials("https://us%40er:p%3Ass@h.example:8443/charts?x=1");
  CHECK(split.url == "https://h.example:8443/charts?x=1");
  CHECK(split.username == "us@er");
  CHECK(split.password == "p:ss");
  CHECK(split_credentials("https://h.example/a@b").url == "https://h.example/a@b");
  CHECK(split_credentials("https://h.example/a@b").username.empty());

  struct Case {
    std::string_view repository;
    std::string_view target;
    bool expected;
  };
  const Case cases[] = {
      {"https://h.example/charts", "https://h.example/charts/x.tgz", true},
      {"https://h.example/charts", "https://h.example/other/x.tgz", true},  // any path
      {"https://h.example/charts", "http://h.example/charts/x.tgz", false},
      {"https://h.example/charts", "https://cdn.example/x.tgz", false},
      {"https://h.example/charts", "https://h.example:443/x.tgz", false},  // as written
      {"https://H.example/charts", "https://h.example/x.tgz", false},      // as written
      {"HTTPS://h.example/charts", "https://h.example/x.tgz", true},
      {"https://u:p@h.example/charts", "https://h.example/x.tgz", true},
  };
  for (const auto& c : cases) {
    CAPTURE(c.repository);
    CAPTURE(c.target);
    CHECK(sends_credentials(c.repository, c.target, false) == c.expected);
    CHECK(sends_credentials(c.repository, c.target, true));
  }
  CHECK(display_url("https://u:p@h.example/charts?token=secret#f") == "https://h.example/charts");
}

}  // namespace chartmirror::charts
