#include "registry/layout/layout_index.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "registry/oci/media_types.h"

namespace chartmirror::registry::layout {
namespace {

// ordered_json keeps the keys of a document another tool wrote in that tool's order.
using Json = nlohmann::ordered_json;

// The annotation key as the std::string that std::map and JSON lookups take.
const std::string& ref_name_key() {
  static const std::string kKey(kRefNameAnnotation);
  return kKey;
}

Error invalid(const std::string& source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .operation = "read layout index",
               .url = source};
}

// The entry's tag; nullptr for an untagged entry (which the empty tag must not match).
const std::string* ref_name(const oci::Descriptor& entry) {
  const auto name = entry.annotations.find(ref_name_key());
  return name == entry.annotations.end() ? nullptr : &name->second;
}

bool tagged(const Json& entry, std::string_view tag) {
  if (!entry.is_object()) return false;
  const auto annotations = entry.find("annotations");
  if (annotations == entry.end() || !annotations->is_object()) return false;
  const auto name = annotations->find(ref_name_key());
  return name != annotations->end() && name->is_string() &&
         name->get_ref<const std::string&>() == tag;
}

// Field names and order of the OCI image spec (image-index.md, "platform").
Json platform_json(const oci::Platform& platform) {
  Json out = {{"architecture", platform.architecture}, {"os", platform.os}};
  if (!platform.os_version.empty()) out["os.version"] = platform.os_version;
  if (!platform.os_features.empty()) out["os.features"] = platform.os_features;
  if (!platform.variant.empty()) out["variant"] = platform.variant;
  return out;
}

Json entry_json(const oci::Descriptor& descriptor, std::string_view tag) {
  Json entry = {{"mediaType", descriptor.media_type},
                {"digest", descriptor.digest.str()},
                {"size", descriptor.size}};
  if (descriptor.platform) entry["platform"] = platform_json(*descriptor.platform);
  entry["annotations"] = Json{{ref_name_key(), std::string(tag)}};
  return entry;
}

}  // namespace

LayoutIndex LayoutIndex::empty() {
  // A constant document that parses; value() aborts if a change ever broke that.
  return LayoutIndex(
      oci::parse_manifest(
          R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})",
          "")
          .value());
}

Result<LayoutIndex, Error> LayoutIndex::parse(std::string_view bytes, const std::string& source) {
  // The content type makes a document without mediaType and without entries an index too.
  auto parsed = oci::parse_manifest(bytes, oci::media_type::kOciIndex);
  if (!parsed.ok()) {
    Error error = parsed.error();
    error.message = source + " is not a valid image index: " + error.message;
    error.operation = "read layout index";
    error.url = source;
    return error;
  }
  if (!parsed->is_index()) {
    return invalid(source, source + " is an image manifest (" + parsed->media_type() +
                               "), not an image index");
  }
  return LayoutIndex(std::move(parsed).value());
}

const std::vector<oci::Descriptor>& LayoutIndex::manifests() const {
  return index_.index()->manifests;
}

const oci::Descriptor* LayoutIndex::find_tag(std::string_view tag) const {
  const auto& entries = manifests();
  const auto found = std::find_if(entries.begin(), entries.end(), [&](const oci::Descriptor& d) {
    const std::string* name = ref_name(d);
    return name != nullptr && *name == tag;
  });
  return found == entries.end() ? nullptr : &*found;
}

const oci::Descriptor* LayoutIndex::find_digest(const oci::Digest& digest) const {
  const auto& entries = manifests();
  const auto found = std::find_if(entries.begin(), entries.end(),
                                  [&](const oci::Descriptor& d) { return d.digest == digest; });
  return found == entries.end() ? nullptr : &*found;
}

std::vector<std::string> LayoutIndex::tags() const {
  std::vector<std::string> tags;
  for (const oci::Descriptor& entry : manifests()) {
    if (const std::string* name = ref_name(entry)) tags.push_back(*name);
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

Result<LayoutIndex, Error> LayoutIndex::with_tag(const oci::Descriptor& descriptor,
                                                 std::string_view tag) const {
  std::string bytes;
  try {
    // The JSON is edited, not regenerated from the parsed entries, so that what chartmirror
    // does not model survives (see the header).
    Json document = Json::parse(index_.bytes());
    Json& entries = document["manifests"];
    if (!entries.is_array()) entries = Json::array();  // absent or null: no entries yet
    Json kept = Json::array();
    std::optional<std::size_t> position;
    for (Json& entry : entries) {
      if (tagged(entry, tag)) {
        if (!position) position = kept.size();
      } else {
        kept.push_back(std::move(entry));
      }
    }
    Json entry = entry_json(descriptor, tag);
    if (position) {
      kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(*position), std::move(entry));
    } else {
      kept.push_back(std::move(entry));
    }
    entries = std::move(kept);
    bytes = document.dump();
  } catch (const Json::exception& e) {
    // dump() refuses strings that are not UTF-8; parse() cannot fail on bytes parsed before.
    return invalid("index.json", "cannot tag " + descriptor.digest.str() + ": " + e.what());
  }
  // Parsing what is about to be written checks it the way a reader will.
  return parse(bytes, "index.json");
}

}  // namespace chartmirror::registry::layout
