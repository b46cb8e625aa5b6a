#include "registry/copy/platform_filter.h"

#include <algorithm>
#include <exception>

#include <nlohmann/json.hpp>

namespace chartmirror::registry::copy {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out.empty() ? "none" : out;
}

}  // namespace

Result<std::vector<size_t>, Error> select_platforms(const oci::Manifest& index,
                                                    const std::vector<oci::Platform>& filters) {
  const std::vector<oci::Descriptor>& entries = index.index()->manifests;
  std::vector<size_t> selected;
  std::vector<std::string> available;
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& platform = entries[i].platform;
    if (!platform) continue;
    const std::string name = platform->str();
    if (std::find(available.begin(), available.end(), name) == available.end()) {
      available.push_back(name);
    }
    const bool wanted = std::any_of(filters.begin(), filters.end(),
                                    [&](const oci::Platform& f) { return f.matches(*platform); });
    if (wanted) selected.push_back(i);
  }
  if (selected.empty()) {
    std::vector<std::string> asked;
    asked.reserve(filters.size());
    for (const auto& filter : filters) asked.push_back(filter.str());
    return Error{.code = Error::Code::kNotFound,
                 .message = "the index has no manifest for the platform" +
                            std::string(asked.size() > 1 ? "s " : " ") + join(asked) + "; it has " +
                            join(available),
                 .operation = "select platforms"};
  }
  return selected;
}

Result<std::string, Error> narrow_index(const oci::Manifest& index,
                                        const std::vector<size_t>& positions) {
  const auto invalid = [](const std::string& why) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "cannot write the index narrowed to the selected platforms: " + why,
                 .operation = "select platforms"};
  };
  // nlohmann reports malformed input and invalid UTF-8 by throwing; the bytes were parsed once
  // already, so this is not expected, but it must not escape as an exception.
  try {
    nlohmann::json document = nlohmann::json::parse(index.bytes());
    const nlohmann::json& entries = document.at("manifests");
    if (!entries.is_array() || entries.size() != index.index()->manifests.size()) {
      return invalid("its \"manifests\" do not match the parsed index");
    }
    nlohmann::json kept = nlohmann::json::array();
    for (const size_t position : positions) kept.push_back(entries.at(position));
    document["manifests"] = std::move(kept);
    if (!document.contains("mediaType")) document["mediaType"] = index.media_type();
    return document.dump();
  } catch (const std::exception& e) {
    return invalid(e.what());
  }
}

}  // namespace chartmirror::registry::copy
