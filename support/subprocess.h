// support/subprocess.h — run a program to completion with its standard streams in memory.
//
// For small helper programs (docker credential helpers): the program is found on PATH, gets
// `input` on stdin, and its stdout and stderr are collected (each capped, so a runaway helper
// cannot exhaust memory). No shell is involved, so arguments need no quoting. The program
// inherits this process's environment, plus `environment` ("NAME=value" entries, each replacing
// an inherited variable of that name).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace chartmirror {

struct ProcessOutput {
  int exit_code = 0;  // 128 + signal number when the program was killed by a signal
  std::string out;
  std::string err;
};

struct ProcessError {
  std::string message;  // names the program and the cause (not found, timed out, ...)
};

// Runs argv[0] (looked up on PATH) with argv; kills it and fails after `timeout`.
[[nodiscard]] Result<ProcessOutput, ProcessError> run_process(
    const std::vector<std::string>& argv, std::string_view input,
    std::chrono::milliseconds timeout = std::chrono::seconds(30), size_t output_limit = 1 << 20,
    const std::vector<std::string>& environment = {});

}  // namespace chartmirror
