#include "registry/transport/url.h"

#include <doctest/doctest.h>

namespace chartmirror::registry::transport {

TEST_CASE("URLs parse into scheme, host, port and target") {
  struct Case {
    std::string_view text;
    std::string_view scheme, host;
    uint16_t port;
    std::string_view target, str;
  };
  const Case cases[] = {
      {"https://registry.example/v2/", "https", "registry.example", 443, "/v2/",
       "https://registry.example/v2/"},
      {"http://127.0.0.1:5000", "http", "127.0.0.1", 5000, "/", "http://127.0.0.1:5000/"},
      {"HTTP://Host.Example:80/a?b=c#frag", "http", "host.example", 80, "/a?b=c",
       "http://host.example/a?b=c"},
      {"https://user:pw@auth.example/token?x=1", "https", "auth.example", 443, "/token?x=1",
       "https://auth.example/token?x=1"},
      {"http://[::1]:5000/v2/", "http", "::1", 5000, "/v2/", "http://[::1]:5000/v2/"},
      {"https://h?q", "https", "h", 443, "/?q", "https://h/?q"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto url = Url::parse(c.text);
    REQUIRE_MESSAGE(url.ok(), url.error().describe());
    CHECK(url->scheme() == c.scheme);
    CHECK(url->host() == c.host);
    CHECK(url->port() == c.port);
    CHECK(url->target() == c.target);
    CHECK(url->str() == c.str);
  }
}

TEST_CASE("bad URLs are rejected without repeating their userinfo") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"registry.example/v2/", "not an absolute URL"},
      {"ftp://h/", "only http and https"},
      {"http:///path", "no host"},
      {"http://h:0/", "invalid port"},
      {"http://h:99999/", "invalid port"},
      {"http://h:x/", "invalid port"},
      {"http://[::1/", "unclosed IPv6"},
      {"http://user:hunter2@h:bad/", "invalid port"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    auto url = Url::parse(c.first);
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().message.find(c.second) != std::string::npos);
    CHECK(url.error().message.find("hunter2") == std::string::npos);
  }
}

TEST_CASE("Location headers resolve against the request URL") {
  const auto base = Url::parse("http://r.example:5000/v2/a/blobs/uploads/?x=1").value();
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"/v2/a/blobs/uploads/uuid?_state=s",
       "http://r.example:5000/v2/a/blobs/uploads/uuid?_state=s"},
      {"https://storage.example/blob?sig=1", "https://storage.example/blob?sig=1"},
      {"//cdn.example/b", "http://cdn.example/b"},
      {"uuid2", "http://r.example:5000/v2/a/blobs/uploads/uuid2"},
      {"?y=2", "http://r.example:5000/v2/a/blobs/uploads/?y=2"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    auto resolved = base.resolve(c.first);
    REQUIRE(resolved.ok());
    CHECK(resolved->str() == c.second);
  }
}

TEST_CASE("queries are appended encoded, and redacted from what errors show") {
  const auto url = Url::parse("http://h/v2/a/blobs/uploads/u?_state=abc").value();
  const auto with = url.with_query("digest", "sha256:0f a");
  CHECK(with.str() == "http://h/v2/a/blobs/uploads/u?_state=abc&digest=sha256%3A0f%20a");
  CHECK(with.redacted() == "http://h/v2/a/blobs/uploads/u");
  CHECK(Url::parse("http://h/x").value().with_query("n", "v").str() == "http://h/x?n=v");
  CHECK(percent_encode("repository:a/b:pull,push") == "repository%3Aa%2Fb%3Apull%2Cpush");
}

}  // namespace chartmirror::registry::transport

namespace chartmirror::registry::transport {

TEST_CASE("percent-decoding undoes escapes and keeps malformed ones") {
  CHECK(percent_decode("pa%20ss%3a") == "pa ss:");
  CHECK(percent_decode("100%") == "100%");
  CHECK(percent_decode("%zz%2") == "%zz%2");
}

}  // namespace chartmirror::registry::transport
