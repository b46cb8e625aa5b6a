#include "operator/kube/watch_event.h"

#include <array>
#include <utility>

#include "operator/kube/json_fields.h"

namespace chartmirror::kube {
namespace {

constexpr std::array<std::pair<WatchEvent::Type, const char*>, 5> kTypes{{
    {WatchEvent::Type::kAdded, "ADDED"},
    {WatchEvent::Type::kModified, "MODIFIED"},
    {WatchEvent::Type::kDeleted, "DELETED"},
    {WatchEvent::Type::kBookmark, "BOOKMARK"},
    {WatchEvent::Type::kError, "ERROR"},
}};

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidResponse,
               .message = std::move(message),
               .source = std::string(source)};
}

}  // namespace

const char* to_string(WatchEvent::Type type) {
  for (const auto& [known, name] : kTypes) {
    if (known == type) return name;
  }
  return "?";
}

std::string WatchEvent::resource_version() const {
  return metadata_string(object, "resourceVersion");
}

Result<WatchEvent, Error> parse_watch_event(std::string_view line, std::string_view source) {
  nlohmann::json parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return invalid(source, "a watch event is not a JSON object");
  const auto type = parsed.find("type");
  const auto object = parsed.find("object");
  if (type == parsed.end() || !type->is_string() || object == parsed.end() ||
      !object->is_object()) {
    return invalid(source, "a watch event lacks its type or object");
  }
  for (const auto& [known, name] : kTypes) {
    if (*type == name) return WatchEvent{.type = known, .object = std::move(*object)};
  }
  return invalid(source,
                 "unknown watch event type \"" + type->get<std::string>().substr(0, 40) + "\"");
}

Status<Error> WatchStreamParser::feed(std::string_view chunk,
                                      const std::function<Status<Error>(std::string_view)>& line) {
  while (!chunk.empty()) {
    const size_t newline = chunk.find('\n');
    if (newline == std::string_view::npos) {
      if (buffer_.size() + chunk.size() > kMaxLine) {
        return Error{
            .code = Error::Code::kInvalidResponse,
            .message = "a watch event is longer than " + std::to_string(kMaxLine) + " bytes"};
      }
      buffer_.append(chunk);
      return Done{};
    }
    std::string_view complete = chunk.substr(0, newline);
    chunk.remove_prefix(newline + 1);
    std::string joined;
    if (!buffer_.empty()) {
      joined = std::move(buffer_);
      buffer_.clear();
      joined.append(complete);
      complete = joined;
    }
    if (!complete.empty() && complete.back() == '\r') complete.remove_suffix(1);
    if (complete.empty()) continue;
    if (auto done = line(complete); !done.ok()) return done;
  }
  return Done{};
}

}  // namespace chartmirror::kube
