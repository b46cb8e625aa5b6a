// charts/error.h — the one error type of the charts module.
//
// Says which chart, repository or file was concerned, what was wrong with it, and what the
// user can do. URLs are stored without credentials.
#pragma once

#include <string>

namespace chartmirror::charts {

struct Error {
  enum class Code {
    kInvalidInput,  // a chart, index, values file or version the user gave is malformed
    kNotFound,      // the chart or version does not exist where the user said
    kTransport,     // the repository could not be reached
    kTooLarge,      // an archive or file beyond the limits chartmirror reads
    kIntegrity,     // bytes that do not match the digest that names them
  };

  Code code = Code::kInvalidInput;
  std::string message;  // what went wrong and what to do about it
  std::string source;   // the URL or file the error concerns (may be empty)
  int http_status = 0;  // 0 when there was no HTTP answer

  // One line for logs and CLI output: "source: message".
  [[nodiscard]] std::string describe() const;
};

}  // namespace chartmirror::charts
