#include "registry/error.h"

namespace chartmirror::registry {

std::string Error::describe() const {
  std::string line;
  if (!operation.empty()) line += operation;
  if (!reference.empty()) line += (line.empty() ? "" : " ") + reference;
  if (!side.empty()) line += " (" + side + ")";
  if (!line.empty()) line += ": ";
  if (!url.empty()) line += (method.empty() ? "" : method + " ") + url + ": ";
  if (http_status != 0) line += "HTTP " + std::to_string(http_status) + ": ";
  if (!detail.empty()) line += detail + ": ";
  line += message;
  return line;
}

const char* to_string(Error::Code code) {
  switch (code) {
    case Error::Code::kInvalidInput:
      return "invalid input";
    case Error::Code::kUnsupported:
      return "unsupported";
    case Error::Code::kNotFound:
      return "not found";
    case Error::Code::kUnauthorized:
      return "unauthorized";
    case Error::Code::kDigestMismatch:
      return "digest mismatch";
    case Error::Code::kTooLarge:
      return "too large";
    case Error::Code::kTransport:
      return "transport";
    case Error::Code::kFileSystem:
      return "file system";
    case Error::Code::kHttpStatus:
      return "unexpected HTTP status";
    case Error::Code::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace chartmirror::registry
