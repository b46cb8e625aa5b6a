#include "operator/kube/event.h"

#include <array>
#include <cstdio>

#include "operator/kube/json_fields.h"
#include "operator/kube/micro_time.h"

namespace chartmirror::kube {
namespace {

// At most `limit` bytes, not splitting a UTF-8 sequence.
std::string truncated(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) --end;
  return text.substr(0, end);
}

}  // namespace

ObjectReference ObjectReference::to(const nlohmann::json& object) {
  return ObjectReference{.api_version = string_at(object, "apiVersion"),
                         .kind = string_at(object, "kind"),
                         .namespace_ = metadata_string(object, "namespace"),
                         .name = metadata_string(object, "name"),
                         .uid = metadata_string(object, "uid"),
                         .resource_version = metadata_string(object, "resourceVersion")};
}

nlohmann::json event_object(const Event& event, std::chrono::system_clock::time_point now) {
  const std::string ns = event.involved.namespace_.empty() ? "default" : event.involved.namespace_;
  const auto nanos =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  std::array<char, 24> suffix{};
  std::snprintf(suffix.data(), suffix.size(), "%llx", static_cast<unsigned long long>(nanos));

  nlohmann::json involved{{"apiVersion", event.involved.api_version},
                          {"kind", event.involved.kind},
                          {"name", event.involved.name}};
  if (!event.involved.namespace_.empty()) involved["namespace"] = event.involved.namespace_;
  if (!event.involved.uid.empty()) involved["uid"] = event.involved.uid;
  if (!event.involved.resource_version.empty()) {
    involved["resourceVersion"] = event.involved.resource_version;
  }
  const std::string time = format_time(now);
  nlohmann::json object{
      {"apiVersion", "v1"},
      {"kind", "Event"},
      {"metadata", {{"name", event.involved.name + "." + suffix.data()}, {"namespace", ns}}},
      {"involvedObject", std::move(involved)},
      {"reason", event.reason},
      {"message", truncated(event.message, kMaxEventMessage)},
      {"type", event.type},
      {"source", {{"component", event.component}}},
      {"firstTimestamp", time},
      {"lastTimestamp", time},
      {"count", 1},
      {"reportingComponent", event.component},
  };
  if (!event.instance.empty()) object["reportingInstance"] = event.instance;
  return object;
}

Result<nlohmann::json, Error> create_event(Client& client, const Event& event,
                                           std::chrono::system_clock::time_point now) {
  nlohmann::json object = event_object(event, now);
  const std::string ns = object["metadata"]["namespace"].get<std::string>();
  return client.create(resources::kEvents, ns, object);
}

}  // namespace chartmirror::kube
