#include "registry/remote/referrers_tag.h"

#include <nlohmann/json.hpp>

#include "registry/oci/media_types.h"

namespace chartmirror::registry::remote {

std::string referrers_tag(const oci::Digest& subject) {
  return std::string(subject.algorithm()) + "-" + std::string(subject.hex());
}

Result<std::optional<std::string>, Error> with_referrer(std::string_view current,
                                                        const oci::Descriptor& referrer) {
  // ordered_json: the entries another client wrote keep their keys in its order.
  nlohmann::ordered_json index;
  if (current.empty()) {
    index = {{"schemaVersion", 2},
             {"mediaType", std::string(oci::media_type::kOciIndex)},
             {"manifests", nlohmann::ordered_json::array()}};
  } else {
    index = nlohmann::ordered_json::parse(current, nullptr, false);
    if (index.is_discarded() || !index.is_object() || !index.contains("manifests") ||
        !index["manifests"].is_array()) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message =
                       "the referrers tag names something other than an OCI index; "
                       "delete the tag or push referrers to a registry with the "
                       "referrers API"};
    }
  }
  auto& entries = index["manifests"];
  for (const auto& entry : entries) {
    if (entry.is_object() && entry.value("digest", "") == referrer.digest.str()) {
      return std::optional<std::string>{};
    }
  }
  nlohmann::ordered_json entry = {{"mediaType", referrer.media_type},
                                  {"digest", referrer.digest.str()},
                                  {"size", referrer.size}};
  if (!referrer.artifact_type.empty()) entry["artifactType"] = referrer.artifact_type;
  if (!referrer.annotations.empty()) entry["annotations"] = referrer.annotations;
  entries.push_back(std::move(entry));
  return std::optional<std::string>(index.dump());
}

}  // namespace chartmirror::registry::remote
