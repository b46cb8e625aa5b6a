// operator/cli/cli.h — the `chartmirror` command line (DESIGN.md, "The command line").
//
// run() parses the arguments and dispatches to a subcommand; it writes results to `out` and
// diagnostics to `err`, and returns the process exit code. Only subcommands that exist are
// listed; anything else is a usage error.
#pragma once

#include <ostream>
#include <span>
#include <string_view>

namespace chartmirror::cli {

enum ExitCode : int {
  kExitOk = 0,      // done
  kExitFailed = 1,  // the work failed
  kExitUsage = 2,   // bad usage or bad input
};

[[nodiscard]] int run(std::span<const std::string_view> args, std::ostream& out, std::ostream& err);

}  // namespace chartmirror::cli
