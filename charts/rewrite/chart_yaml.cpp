#include "charts/rewrite/chart_yaml.h"

#include <optional>

#include "charts/images/annotations.h"
#include "charts/values/json.h"
#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"

namespace chartmirror::charts::rewrite {
namespace {

using values::Value;

// The annotation's list with each known image replaced; nullopt when nothing changes or the
// annotation is not a YAML list.
std::optional<std::string> rewrite_images_annotation(const std::string& text,
                                                     const DestinationIndex& destinations) {
  auto parsed = values::parse_yaml(text, "annotation");
  if (!parsed.ok() || !parsed->is_list()) return std::nullopt;
  Value list = std::move(parsed).value();
  bool changed = false;
  for (Value& item : list.as_list()) {
    const Value* image = item.find("image");
    if (image == nullptr || !image->is_string()) continue;
    auto reference = registry::Reference::parse(image->as_string());
    if (!reference.ok()) continue;
    const auto found = destinations.find(reference->str());
    if (found == destinations.end()) continue;
    item["image"] = Value(found->second.str());
    changed = true;
  }
  if (!changed) return std::nullopt;
  auto out = values::marshal_yaml(list);
  if (!out.ok()) return std::nullopt;
  return std::move(out).value();
}

}  // namespace

Metadata rewrite_metadata(Metadata metadata, const DestinationIndex& destinations,
                          std::string_view source_digest) {
  for (const std::string_view key : images::kImagesAnnotations) {
    const auto found = metadata.annotations.find(std::string(key));
    if (found == metadata.annotations.end()) continue;
    if (auto text = rewrite_images_annotation(found->second, destinations)) {
      found->second = std::move(*text);
    }
  }
  metadata.annotations[std::string(kRewrittenFromAnnotation)] = std::string(source_digest);
  metadata.raw.clear();  // no longer what any file holds
  return metadata;
}

Result<std::string, Error> chart_yaml(const Metadata& metadata) {
  auto value = values::parse_json(metadata.to_json(), "Chart.yaml");
  if (!value.ok()) return value.error();
  return values::marshal_yaml(*value);
}

}  // namespace chartmirror::charts::rewrite
