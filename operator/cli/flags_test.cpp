#include "operator/cli/flags.h"

#include <doctest/doctest.h>

namespace chartmirror::cli {

TEST_CASE("flags take values in both spellings, repeat, and leave positionals") {
  bool plain = false;
  std::string file;
  std::vector<std::string> platforms;
  FlagSet flags;
  flags.add_bool("plain-http", &plain);
  flags.add_string("file", &file, 'f');
  flags.add_strings("platform", &platforms);
  const std::vector<std::string_view> args = {
      "src",         "--plain-http",           "-f",  "pairs.txt", "--platform",
      "linux/amd64", "--platform=linux/arm64", "dst", "--",        "--odd"};
  auto positional = flags.parse(args);
  REQUIRE_MESSAGE(positional.ok(), positional.error());
  CHECK(*positional == std::vector<std::string>{"src", "dst", "--odd"});
  CHECK(plain);
  CHECK(file == "pairs.txt");
  CHECK(platforms == std::vector<std::string>{"linux/amd64", "linux/arm64"});
}

TEST_CASE("bad flags are named") {
  bool b = false;
  std::string s;
  FlagSet flags;
  flags.add_bool("insecure", &b);
  flags.add_string("registry-config", &s);
  const std::pair<std::vector<std::string_view>, std::string_view> cases[] = {
      {{"--nope"}, "unknown flag '--nope'"},
      {{"-x"}, "unknown flag '-x'"},
      {{"--registry-config"}, "flag --registry-config needs a value"},
      {{"--insecure=maybe"}, "flag --insecure takes no value other than true or false"},
  };
  for (const auto& c : cases) {
    const auto& [args, message] = c;
    CAPTURE(c.second);
    auto parsed = flags.parse(args);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == message);
  }
}

}  // namespace chartmirror::cli
