// registry/transport/http_message.h — HTTP/1.1 message heads (RFC 9112): header fields, and
// the parse of a response's status line and fields.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

// Header fields in the order given; names compare case-insensitively.
class Headers {
 public:
  void add(std::string name, std::string value) {
    fields_.emplace_back(std::move(name), std::move(value));
  }
  void set(std::string_view name, std::string value);  // replaces every field of that name
  void remove(std::string_view name);
  // The first value of `name`, or nullopt.
  [[nodiscard]] std::optional<std::string> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& fields() const {
    return fields_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

[[nodiscard]] bool iequals(std::string_view a, std::string_view b);

struct ResponseHead {
  int version_minor = 1;  // HTTP/1.x
  int status = 0;
  std::string reason;
  Headers headers;
};

// Parses a complete head (status line and fields, ending in an empty line, which `text`
// includes). Obsolete line folding and malformed fields are errors, as RFC 9112 §5 allows.
[[nodiscard]] Result<ResponseHead, Error> parse_response_head(std::string_view text);

// The length of the head at the start of `buffer`, including the final CRLF CRLF, or 0
// when the buffer does not hold a whole head yet.
[[nodiscard]] size_t head_length(std::string_view buffer);

}  // namespace chartmirror::registry::transport
