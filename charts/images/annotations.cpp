#include "charts/images/annotations.h"

#include "charts/images/chart_values.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::images {

namespace {

void scan_annotation(const Chart& chart, const std::string& key, const std::string& text,
                     AnnotationScan& out) {
  const std::string where = "chart " + chart.name() + ", annotation " + key;
  auto parsed = values::parse_yaml(text, where);
  if (!parsed.ok()) {
    out.warnings.push_back(where + ": " + parsed.error().message);
    return;
  }
  if (parsed->is_null()) return;
  if (!parsed->is_list()) {
    out.warnings.push_back(where + ": not a list of {name, image} items");
    return;
  }
  const auto& items = parsed->as_list();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string item_where = where + ", item " + std::to_string(i + 1);
    const values::Value* image = items[i].find("image");
    if (image == nullptr || !image->is_string() || image->as_string().empty()) {
      out.warnings.push_back(item_where + ": no image");
      continue;
    }
    auto reference = registry::Reference::parse(image->as_string());
    if (!reference.ok()) {
      out.warnings.push_back(item_where + ": \"" + image->as_string() +
                             "\" is not an image reference: " + reference.error().message);
      continue;
    }
    const values::Value* name = items[i].find("name");
    out.images.push_back(FoundImage{
        .reference = std::move(reference).value(),
        .origin =
            ImageOrigin{.kind = ImageOrigin::Kind::kAnnotation,
                        .chart = chart.name(),
                        .chart_version = chart.version(),
                        .path = {},
                        .shape = ValueShape::kString,
                        .tag_from_app_version = false,
                        .global_registry = {},
                        .annotation = key,
                        .annotation_name = name != nullptr && name->is_string() ? name->as_string()
                                                                                : std::string()}});
  }
}

}  // namespace

void scan_chart_annotations(const Chart& chart, AnnotationScan& out) {
  const auto& annotations = chart.metadata().annotations;
  for (const std::string_view key : kImagesAnnotations) {
    const auto found = annotations.find(std::string(key));
    if (found != annotations.end()) scan_annotation(chart, found->first, found->second, out);
  }
}

AnnotationScan scan_annotations(const Chart& chart, const values::RenderValues& rendered) {
  AnnotationScan out;
  for_each_rendered_chart(chart, rendered, [&](const RenderedChart& rendering) {
    scan_chart_annotations(rendering.chart, out);
  });
  return out;
}

}  // namespace chartmirror::charts::images
