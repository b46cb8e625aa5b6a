#include "charts/rewrite/overrides.h"

#include <map>
#include <optional>
#include <set>

namespace chartmirror::charts::rewrite {
namespace {

using images::ImageOrigin;
using images::ValueShape;
using values::Value;

// One values origin of an image, with what the rewrite needs to know about it.
struct Site {
  const ImageOrigin* origin = nullptr;
  const registry::Reference* source = nullptr;
  const registry::Reference* destination = nullptr;
  std::string name_key;  // "repository", "image" or "name"; "" for kString
  std::string written;   // the name field as written in the values
};

// PREFIX/REST == destination.name(), REST the repository as written when possible.
struct Split {
  std::string prefix;
  std::string rest;
};

Split split(const Site& site) {
  const std::string name = site.destination->name();
  if (!site.written.empty() && name.size() > site.written.size() + 1 &&
      name.ends_with("/" + site.written)) {
    return {name.substr(0, name.size() - site.written.size() - 1), site.written};
  }
  return {site.destination->registry(), site.destination->repository()};
}

images::ValuesPath child(const images::ValuesPath& path, std::string key) {
  images::ValuesPath out = path;
  out.emplace_back(std::move(key));
  return out;
}

// The path of a global key: "global.imageRegistry" → {"global", "imageRegistry"}.
images::ValuesPath global_path(const std::string& key) {
  images::ValuesPath out;
  for (const std::string& step : values::split_path(key)) out.emplace_back(step);
  return out;
}

class Planner {
 public:
  explicit Planner(const Value& values) : values_(values) {}

  void add_image(const images::DiscoveredImage& image, const registry::Reference& destination) {
    bool in_values = false;
    for (const ImageOrigin& origin : image.origins) {
      if (origin.kind != ImageOrigin::Kind::kValues) continue;
      in_values = true;
      add_site(origin, image.reference, destination);
    }
    if (in_values) {
      rewritten_.insert(image.reference.str());
    } else {
      not_rewritten(image.reference, unwritten_reason(image));
    }
  }

  void not_rewritten(const registry::Reference& reference, std::string reason) {
    plan_.not_rewritten.push_back({reference, std::move(reason)});
  }

  OverridePlan finish() && {
    for (auto& [key, sites] : global_sites_) plan_global(key, sites);
    for (auto& [text, entry] : overrides_) plan_.overrides.push_back(std::move(entry));
    for (const auto& [text, reference] : conflicts_) {
      rewritten_.erase(reference->str());
      not_rewritten(*reference, "another image is written at " + text + " too");
    }
    plan_.rewritten = rewritten_.size();
    return std::move(plan_);
  }

 private:
  static std::string unwritten_reason(const images::DiscoveredImage& image) {
    for (const ImageOrigin& origin : image.origins) {
      if (origin.kind == ImageOrigin::Kind::kAnnotation) continue;
      return "printed by a template (" + origin.template_file +
             "), not found in a values field: the template builds it";
    }
    const ImageOrigin& first = image.origins.front();
    return "listed only in the " + first.annotation + " annotation of chart " + first.chart +
           " (rewritten there); no values field names it";
  }

  void add_site(const ImageOrigin& origin, const registry::Reference& source,
                const registry::Reference& destination) {
    Site site{.origin = &origin,
              .source = &source,
              .destination = &destination,
              .name_key = {},
              .written = {}};
    const Value* map = value_at(values_, origin.path);
    switch (origin.shape) {
      case ValueShape::kString:
        return set(origin.path, destination.str(), source);
      case ValueShape::kRepositoryMap:
        return set(child(origin.path, "repository"), destination.name(), source);
      case ValueShape::kRegistryMap:
        site.name_key = "repository";
        break;
      case ValueShape::kImageMap: {
        const Value* image = map == nullptr ? nullptr : map->find("image");
        site.name_key = image != nullptr && image->is_string() && !image->as_string().empty()
                            ? "image"
                            : "name";
        if (map == nullptr || map->find("registry") == nullptr) {
          return set(child(origin.path, site.name_key), destination.name(), source);
        }
        break;
      }
    }
    if (map != nullptr) {
      if (const Value* written = map->find(site.name_key);
          written != nullptr && written->is_string()) {
        site.written = written->as_string();
      }
    }
    if (!origin.global_registry.empty()) {
      global_sites_[origin.global_registry].push_back(site);
      return;
    }
    set_registry_and_name(site, split(site));
  }

  void set_registry_and_name(const Site& site, const Split& parts) {
    set(child(site.origin->path, "registry"), parts.prefix, *site.source);
    if (parts.rest != site.written) {
      set(child(site.origin->path, site.name_key), parts.rest, *site.source);
    }
  }

  void plan_global(const std::string& key, const std::vector<Site>& sites) {
    std::set<std::string> prefixes;
    std::set<std::string> hosts;
    for (const Site& site : sites) {
      prefixes.insert(split(site).prefix);
      hosts.insert(site.destination->registry());
    }
    const bool one_prefix = prefixes.size() == 1;
    const bool one_host = hosts.size() == 1;
    std::string global;  // "" when neither: each image's own fields then decide
    if (one_prefix) {
      global = *prefixes.begin();
    } else if (one_host) {
      global = *hosts.begin();
    }
    set(global_path(key), global, *sites.front().source);
    for (const Site& site : sites) {
      if (!one_prefix && one_host) {
        set_registry_and_name(site, {site.destination->registry(), site.destination->repository()});
      } else {
        set_registry_and_name(site, split(site));
      }
    }
  }

  void set(images::ValuesPath path, const std::string& value, const registry::Reference& source) {
    const std::string text = images::format_path(path);
    const auto [entry, fresh] =
        overrides_.try_emplace(text, ValueOverride{.path = std::move(path), .value = value});
    if (!fresh && entry->second.value != value) conflicts_.emplace(text, &source);
  }

  const Value& values_;
  OverridePlan plan_;
  std::map<std::string, ValueOverride> overrides_;  // by format_path: sorted, each once
  std::map<std::string, std::vector<Site>> global_sites_;
  std::map<std::string, const registry::Reference*> conflicts_;
  std::set<std::string> rewritten_;
};

}  // namespace

const Value* value_at(const Value& values, const images::ValuesPath& path) {
  const Value* current = &values;
  for (const images::PathStep& step : path) {
    if (const auto* index = std::get_if<std::size_t>(&step)) {
      if (!current->is_list() || *index >= current->as_list().size()) return nullptr;
      current = &current->as_list()[*index];
    } else {
      current = current->find(std::get<std::string>(step));
      if (current == nullptr) return nullptr;
    }
  }
  return current;
}

OverridePlan plan_overrides(const std::vector<images::DiscoveredImage>& images,
                            const std::vector<images::ImageDestination>& destinations,
                            const Value& values) {
  std::map<std::string, const registry::Reference*> destination_of;
  for (const images::ImageDestination& entry : destinations) {
    destination_of.emplace(entry.source.str(), &entry.destination);
  }
  Planner planner(values);
  for (const images::DiscoveredImage& image : images) {
    const auto found = destination_of.find(image.reference.str());
    if (found == destination_of.end()) {
      planner.not_rewritten(image.reference, "no destination was given for it");
      continue;
    }
    planner.add_image(image, *found->second);
  }
  return std::move(planner).finish();
}

}  // namespace chartmirror::charts::rewrite
