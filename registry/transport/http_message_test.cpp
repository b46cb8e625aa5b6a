#include "registry/transport/http_message.h"

#include <doctest/doctest.h>

namespace chartmirror::registry::transport {

TEST_CASE("response heads parse status, reason and fields") {
  const std::string_view text =
      "HTTP/1.1 401 Unauthorized\r\n"
      "Content-Type: application/json\r\n"
      "WWW-Authenticate:  Bearer realm=\"x\" \r\n"
      "Docker-Distribution-Api-Version: registry/2.0\r\n"
      "\r\n";
  CHECK(head_length(text) == text.size());
  auto head = parse_response_head(text);
  REQUIRE_MESSAGE(head.ok(), head.error().describe());
  CHECK(head->status == 401);
  CHECK(head->reason == "Unauthorized");
  CHECK(head->version_minor == 1);
  CHECK(head->headers.get("www-authenticate") == "Bearer realm=\"x\"");
  CHECK(head->headers.get("content-type") == "application/json");
  CHECK_FALSE(head->headers.get("Location").has_value());

  auto bare = parse_response_head("HTTP/1.0 204\r\n\r\n");
  REQUIRE(bare.ok());
  CHECK(bare->status == 204);
  CHECK(bare->version_minor == 0);
  CHECK(bare->reason.empty());
}

TEST_CASE("a head is complete only with its empty line") {
  CHECK(head_length("HTTP/1.1 200 OK\r\nA: b\r\n") == 0);
  CHECK(head_length("HTTP/1.1 200 OK\r\n\r\nbody") == 19);
}

TEST_CASE("malformed heads are transport errors saying what is wrong") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"HTTP/2 200 OK\r\n\r\n", "bad status line"},
      {"ICY 200 OK\r\n\r\n", "bad status line"},
      {"HTTP/1.1 2x0 OK\r\n\r\n", "bad status code"},
      {"HTTP/1.1 200OK\r\n\r\n", "bad status code"},
      {"HTTP/1.1 200 OK\r\nNoColon\r\n\r\n", "without a name"},
      {"HTTP/1.1 200 OK\r\n: empty\r\n\r\n", "without a name"},
      {"HTTP/1.1 200 OK\r\nA: b\r\n  folded\r\n\r\n", "obsolete line folding"},
      {"HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "white space"},
  };
  for (const auto& c : cases) {
    const auto& [text, expected] = c;
    CAPTURE(c.first);
    auto head = parse_response_head(text);
    REQUIRE_FALSE(head.ok());
    CHECK(head.error().code == Error::Code::kTransport);
    CHECK(head.error().message.find(expected) != std::string::npos);
  }
}

TEST_CASE("headers compare names without case and replace on set") {
  Headers headers;
  headers.add("Accept", "a");
  headers.add("accept", "b");
  CHECK(headers.get("ACCEPT") == "a");
  headers.set("Accept", "c");
  CHECK(headers.fields().size() == 1);
  CHECK(headers.get("accept") == "c");
  headers.remove("ACCEPT");
  CHECK_FALSE(headers.has("Accept"));
}

}  // namespace chartmirror::registry::transport
