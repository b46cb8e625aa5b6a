#include "operator/kube/watch_event.h"

#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::kube {
namespace {

constexpr std::string_view kStream =
    R"({"type":"ADDED","object":{"kind":"ChartMirror","metadata":{"name":"a","resourceVersion":"10"}}})"
    "\n"
    R"({"type":"MODIFIED","object":{"kind":"ChartMirror","metadata":{"name":"a","resourceVersion":"11"}}})"
    "\n"
    R"({"type":"BOOKMARK","object":{"kind":"ChartMirror","metadata":{"resourceVersion":"12"}}})"
    "\n"
    R"({"type":"DELETED","object":{"kind":"ChartMirror","metadata":{"name":"a","resourceVersion":"13"}}})"
    "\n"
    R"({"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}})"
    "\n";

// Every event of `stream` fed in pieces of `piece` bytes, as "TYPE rv".
std::vector<std::string> parse_in_pieces(std::string_view stream, size_t piece) {
  std::vector<std::string> seen;
  WatchStreamParser parser;
  const auto on_line = [&](std::string_view line) -> Status<Error> {
    auto event = parse_watch_event(line, "test");
    if (!event.ok()) return event.error();
    seen.push_back(std::string(to_string(event->type)) + " " + event->resource_version());
    return Done{};
  };
  for (size_t at = 0; at < stream.size(); at += piece) {
    REQUIRE(parser.feed(stream.substr(at, piece), on_line).ok());
  }
  CHECK(parser.pending() == 0);
  return seen;
}

TEST_CASE("watch events split anywhere across chunks parse the same") {
  const std::vector<std::string> expected{"ADDED 10", "MODIFIED 11", "BOOKMARK 12", "DELETED 13",
                                          "ERROR "};
  for (const size_t piece : {size_t{1}, size_t{2}, size_t{7}, size_t{64}, kStream.size()}) {
    CAPTURE(piece);
    CHECK(parse_in_pieces(kStream, piece) == expected);
  }
}

TEST_CASE("an unfinished line waits for the rest; CRLF and empty lines are tolerated") {
  WatchStreamParser parser;
  int lines = 0;
  const auto count = [&](std::string_view line) -> Status<Error> {
    CHECK(line == R"({"type":"ADDED","object":{}})");
    ++lines;
    return Done{};
  };
  REQUIRE(parser.feed(R"({"type":"ADDED",)", count).ok());
  CHECK(lines == 0);
  CHECK(parser.pending() == 16);
  REQUIRE(parser.feed("\"object\":{}}\r\n\n\n{\"type\":\"ADDED\",\"object\":{}}\n", count).ok());
  CHECK(lines == 2);
  CHECK(parser.pending() == 0);
}

TEST_CASE("malformed watch events are errors, not guesses") {
  const std::string_view bad[] = {
      "not json",
      "[1,2]",
      R"({"type":"ADDED"})",
      R"({"object":{}})",
      R"({"type":"ADDED","object":"x"})",
      R"({"type":"RENAMED","object":{}})",
  };
  for (const auto line : bad) {
    CAPTURE(line);
    auto event = parse_watch_event(line, "GET https://api/watch");
    REQUIRE_FALSE(event.ok());
    CHECK(event.error().code == Error::Code::kInvalidResponse);
    CHECK(event.error().source == "GET https://api/watch");
  }
}

TEST_CASE("the handler's error stops the feed at that line") {
  WatchStreamParser parser;
  int calls = 0;
  auto fed = parser.feed("a\nb\nc\n", [&](std::string_view line) -> Status<Error> {
    ++calls;
    if (line == "b") return Error{.code = Error::Code::kInvalidResponse, .message = "b"};
    return Done{};
  });
  REQUIRE_FALSE(fed.ok());
  CHECK(fed.error().message == "b");
  CHECK(calls == 2);
}

}  // namespace
}  // namespace chartmirror::kube
