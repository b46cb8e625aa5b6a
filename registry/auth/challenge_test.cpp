#include "registry/auth/challenge.h"

#include <doctest/doctest.h>

namespace chartmirror::registry::auth {

TEST_CASE("challenges parse as registries send them") {
  struct Case {
    std::string_view header;
    std::vector<Challenge> expected;
  };
  const Case cases[] = {
      {R"(Basic realm="Registry Realm")", {{"basic", {{"realm", "Registry Realm"}}}}},
      {R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull")",
       {{"bearer",
         {{"realm", "https://auth.docker.io/token"},
          {"service", "registry.docker.io"},
          {"scope", "repository:library/nginx:pull"}}}}},
      {R"(bearer Realm="http://127.0.0.1:1/token", Service=reg ,error="insufficient_scope")",
       {{"bearer",
         {{"realm", "http://127.0.0.1:1/token"},
          {"service", "reg"},
          {"error", "insufficient_scope"}}}}},
      {R"(Basic realm="a\"b\\c")", {{"basic", {{"realm", R"(a"b\c)"}}}}},
      {R"(Bearer realm="x",scope="repository:a:pull,push", Basic realm="y")",
       {{"bearer", {{"realm", "x"}, {"scope", "repository:a:pull,push"}}},
        {"basic", {{"realm", "y"}}}}},
      {"Basic, Bearer realm=x", {{"basic", {}}, {"bearer", {{"realm", "x"}}}}},
      {"  Basic  ", {{"basic", {}}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    auto parsed = parse_challenges(c.header);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().describe());
    REQUIRE(parsed->size() == c.expected.size());
    for (size_t i = 0; i < c.expected.size(); ++i) {
      CHECK((*parsed)[i].scheme == c.expected[i].scheme);
      CHECK((*parsed)[i].params == c.expected[i].params);
    }
  }
}

TEST_CASE("a parameter that is absent reads as empty") {
  auto parsed = parse_challenges(R"(Bearer realm="r")");
  REQUIRE(parsed.ok());
  CHECK((*parsed)[0].param("realm") == "r");
  CHECK((*parsed)[0].param("scope").empty());
}

TEST_CASE("malformed challenge headers are rejected with the header in the message") {
  for (const std::string_view bad : {"", "   ", R"(Bearer realm="unterminated)", "=x", ",,"}) {
    CAPTURE(bad);
    auto parsed = parse_challenges(bad);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().code == Error::Code::kInvalidInput);
    CHECK(parsed.error().message.find("WWW-Authenticate") != std::string::npos);
  }
}

}  // namespace chartmirror::registry::auth
