// operator/kube/watch_event.h — the events of a watch stream, and their parse.
//
// A watch response is a stream of JSON objects, one per line ({"type":"ADDED","object":{…}}),
// arriving in chunks that split lines anywhere. WatchStreamParser buffers the partial line
// and hands out each complete one; parse_watch_event turns a line into a WatchEvent. ERROR
// events carry a meta/v1 Status in `object` (410 Gone when the resourceVersion is too old).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "operator/kube/error.h"
#include "support/result.h"

namespace chartmirror::kube {

struct WatchEvent {
  enum class Type { kAdded, kModified, kDeleted, kBookmark, kError };
  Type type = Type::kAdded;
  nlohmann::json object;  // the object; for kBookmark only its kind and resourceVersion

  // metadata.resourceVersion of the object ("" when absent).
  [[nodiscard]] std::string resource_version() const;
};

[[nodiscard]] const char* to_string(WatchEvent::Type type);

// One line of a watch stream; kInvalidResponse for anything but a known event. `source`
// names the request for the error.
[[nodiscard]] Result<WatchEvent, Error> parse_watch_event(std::string_view line,
                                                          std::string_view source);

class WatchStreamParser {
 public:
  // A line longer than this is an error, not an allocation: the stream comes from the wire.
  static constexpr size_t kMaxLine = size_t{16} << 20U;

  // Calls `line` for every complete line in `chunk` (and what earlier chunks left), without
  // its newline; empty lines are skipped. Stops at the first line for which `line` returns
  // an error, and returns that error.
  [[nodiscard]] Status<Error> feed(std::string_view chunk,
                                   const std::function<Status<Error>(std::string_view)>& line);

  // Bytes of an unfinished line.
  [[nodiscard]] size_t pending() const { return buffer_.size(); }

 private:
  std::string buffer_;
};

}  // namespace chartmirror::kube
