#include "operator/cli/cli.h"

#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::cli {
namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome invoke(std::vector<std::string_view> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("version prints the version and the commit on stdout") {
  const auto result = invoke({"version"});
  CHECK(result.code == kExitOk);
  CHECK(result.out.rfind("chartmirror ", 0) == 0);
  CHECK(result.out.find("(commit ") != std::string::npos);
  CHECK(result.err.empty());
}

TEST_CASE("help prints the usage on stdout and succeeds") {
  for (const std::string_view flag : {"help", "--help", "-h"}) {
    const auto result = invoke({flag});
    CHECK(result.code == kExitOk);
    CHECK(result.out.find("Usage:") != std::string::npos);
  }
}

TEST_CASE("bad usage exits 2 with the problem and the usage on stderr") {
  struct Case {
    std::vector<std::string_view> args;
    std::string_view problem;
  };
  const Case cases[] = {
      {{}, "no command given"},
      {{"mirrorr"}, "unknown command 'mirrorr'"},
      {{"version", "extra"}, "takes no arguments, got 'extra'"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.problem);
    const auto result = invoke(c.args);
    CHECK(result.code == kExitUsage);
    CHECK(result.out.empty());
    CHECK(result.err.find(c.problem) != std::string::npos);
    CHECK(result.err.find("Usage:") != std::string::npos);
  }
}

}  // namespace chartmirror::cli
