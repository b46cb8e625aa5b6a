// The chartmirror binary: every subcommand lives in operator/cli.
#include <iostream>
#include <string_view>
#include <vector>

#include "operator/cli/cli.h"

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  return chartmirror::cli::run(args, std::cout, std::cerr);
}
