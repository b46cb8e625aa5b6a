// registry/error.h — the one error type of the registry module.
//
// An Error says what was being done, to which URL, what the server answered, and a sentence a
// user can act on. It never holds credentials: URLs are stored without userinfo or query
// secrets by the code that builds them.
#pragma once

#include <string>

namespace chartmirror::registry {

struct Error {
  enum class Code {
    kInvalidInput,  // a reference, option or file the user gave is malformed
    kTransport,     // no HTTP answer: DNS, connect, TLS, a broken connection
    kHttpStatus,    // the server answered with a status the operation does not accept
  };

  Code code = Code::kInvalidInput;
  std::string message;  // what went wrong and what to do about it
  std::string url;      // the request's URL, or the file, the error concerns (may be empty)
  int http_status = 0;  // 0 when there was no HTTP answer
  bool retryable = false;

  // One line for logs and CLI output: "GET https://host/v2/: 401: message".
  [[nodiscard]] std::string describe() const;
};

}  // namespace chartmirror::registry
