#include "charts/images/found_image.h"

#include <map>

namespace chartmirror::charts::images {

std::string format_path(const ValuesPath& path) {
  std::string out;
  for (const PathStep& step : path) {
    if (const auto* index = std::get_if<std::size_t>(&step)) {
      out += "[" + std::to_string(*index) + "]";
      continue;
    }
    if (!out.empty()) out += '.';
    for (const char c : std::get<std::string>(step)) {
      if (c == '.' || c == '[' || c == '\\') out += '\\';
      out += c;
    }
  }
  return out;
}

const char* shape_name(ValueShape shape) {
  switch (shape) {
    case ValueShape::kString:
      return "string";
    case ValueShape::kRegistryMap:
      return "registry-map";
    case ValueShape::kRepositoryMap:
      return "repository-map";
    case ValueShape::kImageMap:
      return "image-map";
  }
  return "unknown";
}

const char* match_name(TemplateMatch match) {
  switch (match) {
    case TemplateMatch::kContainerImage:
      return "container-image";
    case TemplateMatch::kImageField:
      return "image-field";
    case TemplateMatch::kString:
      return "string";
    case TemplateMatch::kFlagValue:
      return "flag-value";
    case TemplateMatch::kTextLine:
      return "text-line";
    case TemplateMatch::kRepositoryTag:
      return "repository-tag";
  }
  return "unknown";
}

std::vector<DiscoveredImage> group_images(const std::vector<FoundImage>& found) {
  std::map<std::string, DiscoveredImage> by_reference;
  for (const FoundImage& image : found) {
    auto entry =
        by_reference.try_emplace(image.reference.str(), DiscoveredImage{image.reference, {}});
    entry.first->second.origins.push_back(image.origin);
  }
  std::vector<DiscoveredImage> out;
  out.reserve(by_reference.size());
  for (auto& [text, image] : by_reference) out.push_back(std::move(image));
  return out;
}

}  // namespace chartmirror::charts::images
