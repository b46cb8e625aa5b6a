#include "charts/images/values_scan.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "charts/images/chart_values.h"

namespace chartmirror::charts::images {
namespace {

using values::Value;

struct GlobalRegistryKey {
  std::string_view name;                 // as reported: "global.imageRegistry"
  std::array<std::string_view, 3> path;  // under the values' root; "" ends it
};
constexpr std::array<GlobalRegistryKey, 2> kGlobalRegistryKeys = {{
    {"global.imageRegistry", {"global", "imageRegistry", ""}},
    {"global.image.registry", {"global", "image", "registry"}},
}};

// The entry at `key.path`, nullptr when a step is missing or not a map.
const Value* find_key(const Value& values, const GlobalRegistryKey& key) {
  const Value* current = &values;
  for (const std::string_view step : key.path) {
    if (step.empty()) break;
    current = current->find(step);
    if (current == nullptr) return nullptr;
  }
  return current;
}

bool is_image_key(std::string_view key) {
  return key == "image" || key.ends_with("Image") || key.ends_with("_image");
}

bool is_template(std::string_view text) { return text.find("{{") != std::string_view::npos; }

// A non-empty string that is not a template.
const std::string* usable_string(const Value* value) {
  if (value == nullptr || !value->is_string()) return nullptr;
  const std::string& text = value->as_string();
  if (text.empty() || is_template(text)) return nullptr;
  return &text;
}

// Whether an image string names its tag or digest itself: '@', or ':' after the last '/'.
bool has_tag_or_digest(std::string_view text) {
  if (text.find('@') != std::string_view::npos) return true;
  const std::size_t slash = text.rfind('/');
  return text.find(':', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
}

bool is_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// An image written as a map, before it becomes a reference.
struct Candidate {
  ValueShape shape = ValueShape::kRepositoryMap;
  const Value* map = nullptr;
  std::string repository;
  bool has_registry_key = false;
};

// Rules 2–4 of the header: whether `map` (found under `key`, empty in a list) is an image.
std::optional<Candidate> as_image_map(const Value& map, std::string_view key) {
  const bool image_key = is_image_key(key);
  const bool has_registry = map.find("registry") != nullptr;
  if (const std::string* repository = usable_string(map.find("repository"))) {
    const bool qualified = repository->find('/') != std::string::npos || has_registry;
    if (image_key || (map.find("tag") != nullptr && qualified)) {
      return Candidate{
          .shape = has_registry ? ValueShape::kRegistryMap : ValueShape::kRepositoryMap,
          .map = &map,
          .repository = *repository,
          .has_registry_key = has_registry};
    }
    return std::nullopt;
  }
  if (const std::string* image = usable_string(map.find("image"))) {
    const Value* tag = map.find("tag");
    const bool scalar_tag = tag != nullptr && (tag->is_string() || tag->is_number());
    if (!has_tag_or_digest(*image) && (image_key || scalar_tag)) {
      return Candidate{.shape = ValueShape::kImageMap,
                       .map = &map,
                       .repository = *image,
                       .has_registry_key = has_registry};
    }
    return std::nullopt;
  }
  if (image_key) {
    if (const std::string* name = usable_string(map.find("name"))) {
      return Candidate{.shape = ValueShape::kImageMap,
                       .map = &map,
                       .repository = *name,
                       .has_registry_key = has_registry};
    }
  }
  return std::nullopt;
}

class SectionScanner {
 public:
  SectionScanner(const Value& values, const SectionScan& section, ValuesScan& out)
      : section_(section), out_(out) {
    for (const GlobalRegistryKey& key : kGlobalRegistryKeys) {
      if (std::find(section.declared_global_registries.begin(),
                    section.declared_global_registries.end(),
                    key.name) == section.declared_global_registries.end()) {
        continue;
      }
      if (const std::string* registry = usable_string(find_key(values, key))) {
        global_registry_ = *registry;
        global_key_ = key.name;
        break;
      }
    }
    for (const std::string& step : section.section) path_.emplace_back(step);
  }

  void scan_root(const Value& values) {
    if (!values.is_map()) return;
    for (const auto& [key, value] : values.as_map()) {
      if (section_.subchart_keys.count(key) != 0) continue;
      if (key == "global" && !section_.scan_global) continue;
      visit_entry(key, value);
    }
  }

 private:
  void visit_entry(const std::string& key, const Value& value) {
    path_.emplace_back(key);
    visit(value, key);
    path_.pop_back();
  }

  // `value`, found under `key` ("" in a list).
  void visit(const Value& value, std::string_view key) {
    if (value.is_string()) {
      if (is_image_key(key)) visit_string(value.as_string());
    } else if (value.is_map()) {
      if (auto candidate = as_image_map(value, key)) return add_map(*candidate);
      for (const auto& [child_key, child] : value.as_map()) visit_entry(child_key, child);
    } else if (value.is_list()) {
      const Value::List& list = value.as_list();
      for (std::size_t i = 0; i < list.size(); ++i) {
        path_.emplace_back(i);
        visit(list[i], "");
        path_.pop_back();
      }
    }
  }

  void visit_string(const std::string& text) {
    if (text.empty() || is_template(text) || !has_tag_or_digest(text)) return;
    add(text, ValueShape::kString, false, "");
  }

  void add_map(const Candidate& candidate) {
    const Value& map = *candidate.map;
    std::string registry;
    std::string global_key;
    for (const std::string_view field : {"registry", "digest", "sha"}) {
      const Value* value = map.find(field);
      if (value != nullptr && value->is_string() && is_template(value->as_string())) return;
    }
    if (const std::string* given = usable_string(map.find("registry"))) registry = *given;
    if (candidate.has_registry_key && !global_registry_.empty()) {
      registry = global_registry_;
      global_key = global_key_;
    }
    std::string tag;
    if (const Value* value = map.find("tag"); value != nullptr && !value->is_null()) {
      if (value->is_string()) {
        tag = value->as_string();
      } else if (value->is_number()) {
        tag = values::format_go(*value);
      } else {
        return warn("the tag is a " + values::go_type_name(*value) + ", not a string");
      }
      if (is_template(tag)) return;
    }
    std::string digest;
    for (const std::string_view field : {"digest", "sha"}) {
      if (const std::string* given = usable_string(map.find(field))) {
        digest = is_hex(*given) && given->size() == 64 ? "sha256:" + *given : *given;
        break;
      }
    }
    bool from_app_version = false;
    if (tag.empty() && digest.empty()) {
      if (section_.app_version.empty()) {
        return warn("no tag, no digest, and chart " + section_.chart +
                    " has no appVersion to default to");
      }
      tag = section_.app_version;
      from_app_version = true;
    }
    std::string text =
        registry.empty() ? candidate.repository : registry + "/" + candidate.repository;
    if (!tag.empty()) text += ":" + tag;
    if (!digest.empty()) text += "@" + digest;
    add(text, candidate.shape, from_app_version, global_key);
  }

  void add(const std::string& text, ValueShape shape, bool from_app_version,
           const std::string& global_key) {
    auto reference = registry::Reference::parse(text);
    if (!reference.ok()) {
      return warn("\"" + text + "\" is not an image reference: " + reference.error().message);
    }
    out_.images.push_back(FoundImage{.reference = std::move(reference).value(),
                                     .origin = ImageOrigin{.kind = ImageOrigin::Kind::kValues,
                                                           .chart = section_.chart,
                                                           .chart_version = section_.chart_version,
                                                           .path = path_,
                                                           .shape = shape,
                                                           .tag_from_app_version = from_app_version,
                                                           .global_registry = global_key,
                                                           .annotation = {},
                                                           .annotation_name = {}}});
  }

  void warn(const std::string& message) {
    out_.warnings.push_back("chart " + section_.chart + ", values " + format_path(path_) + ": " +
                            message);
  }

  const SectionScan& section_;
  ValuesScan& out_;
  ValuesPath path_;
  std::string global_registry_;
  std::string global_key_;
};

}  // namespace

std::vector<std::string> declared_global_registries(const Value& defaults) {
  std::vector<std::string> declared;
  for (const GlobalRegistryKey& key : kGlobalRegistryKeys) {
    if (find_key(defaults, key) != nullptr) declared.emplace_back(key.name);
  }
  return declared;
}

void scan_section(const Value& values, const SectionScan& section, ValuesScan& out) {
  SectionScanner scanner(values, section, out);
  scanner.scan_root(values);
}

ValuesScan scan_values(const Chart& chart, const values::RenderValues& rendered) {
  ValuesScan out;
  for_each_rendered_chart(chart, rendered, [&](const RenderedChart& rendering) {
    SectionScan section{
        .chart = rendering.chart.name(),
        .chart_version = rendering.chart.version(),
        .app_version = rendering.chart.metadata().app_version,
        .section = rendering.section,
        .declared_global_registries = declared_global_registries(rendering.tree.defaults),
        .subchart_keys = {},
        .scan_global = rendering.section.empty()};
    // Where each dependency's values are, whether it renders or not, and where each subchart
    // that renders has them (one no dependency claims renders under its own name).
    for (const auto& dependency : rendering.chart.metadata().dependencies) {
      section.subchart_keys.insert(dependency.alias.empty() ? dependency.name : dependency.alias);
    }
    for (const auto& subtree : rendering.tree.subcharts) section.subchart_keys.insert(subtree.name);
    scan_section(rendering.values, section, out);
  });
  return out;
}

}  // namespace chartmirror::charts::images
