// registry/error.h — the one error type of the registry module.
//
// An Error says what was being done (operation), to what (reference, side), over which HTTP
// exchange (method, URL, status, the registry's own diagnostic), whether trying again may
// help, and a sentence a user can act on. It never holds credentials: code that builds an
// Error passes URLs without userinfo or token query parameters.
#pragma once

#include <string>

namespace chartmirror::registry {

struct Error {
  enum class Code {
    kInvalidInput,    // a reference, option, manifest or file is malformed
    kUnsupported,     // well-formed but not supported (schema 1, an unknown media type)
    kNotFound,        // the registry or layout has no such manifest, blob or repository
    kUnauthorized,    // credentials missing or refused (401, 403, token endpoint refusals)
    kDigestMismatch,  // received bytes do not hash to the digest that names them
    kTooLarge,        // a size limit was exceeded (manifests: 4 MiB)
    kTransport,       // no HTTP answer: DNS, connect, TLS, a broken connection
    kFileSystem,      // a layout directory's file could not be read or written (not ENOENT)
    kHttpStatus,      // the server answered with a status the operation does not accept
    kCancelled,       // the caller cancelled the operation
  };

  Code code = Code::kInvalidInput;
  std::string message;     // what went wrong and what to do about it
  std::string operation;   // "copy", "push manifest", "parse reference", ... (may be empty)
  std::string reference;   // the image reference or digest concerned (may be empty)
  std::string side;        // "source" or "destination" when a copy has two (may be empty)
  std::string method;      // HTTP method, when an HTTP exchange failed
  std::string url;         // the request's URL without credentials, or a file path
  int http_status = 0;     // 0 when there was no HTTP answer
  std::string detail;      // the registry's own error code and message, when it sent one
  bool retryable = false;  // true when the same request may succeed later (5xx, 429, reset)

  // One line for logs and CLI output, e.g.
  // "copy docker.io/library/nginx:1.25 (source): GET https://…/manifests/1.25: HTTP 401:
  //  UNAUTHORIZED authentication required: <message>".
  [[nodiscard]] std::string describe() const;
};

[[nodiscard]] const char* to_string(Error::Code code);

}  // namespace chartmirror::registry
