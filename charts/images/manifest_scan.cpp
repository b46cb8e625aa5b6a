#include "charts/images/manifest_scan.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "charts/images/manifest_stream.h"
#include "charts/images/text_references.h"
#include "charts/values/yaml.h"
#include "support/base64.h"

namespace chartmirror::charts::images {
namespace {

using values::Value;

constexpr std::string_view kRepositorySuffix = ".repository";
constexpr std::string_view kTagSuffix = ".tag";

std::string string_at(const Value& object, std::string_view dotted) {
  const Value* found = object.find_path(dotted);
  return found != nullptr && found->is_string() ? found->as_string() : std::string();
}

// Where a workload kind keeps its pod spec; empty for every other kind.
ValuesPath pod_spec_path(std::string_view kind) {
  if (kind == "Pod") return {std::string("spec")};
  if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" ||
      kind == "ReplicaSet" || kind == "ReplicationController" || kind == "Job") {
    return {std::string("spec"), std::string("template"), std::string("spec")};
  }
  if (kind == "CronJob") {
    return {std::string("spec"), std::string("jobTemplate"), std::string("spec"),
            std::string("template"), std::string("spec")};
  }
  return {};
}

bool is_key(const PathStep& step, std::string_view key) {
  const auto* text = std::get_if<std::string>(&step);
  return text != nullptr && *text == key;
}

class ObjectScanner {
 public:
  ObjectScanner(const Value& object, const ManifestSource& source, ManifestScan& out)
      : out_(out), pod_spec_(pod_spec_path(string_at(object, "kind"))) {
    origin_.kind = ImageOrigin::Kind::kTemplate;
    origin_.template_file = source.template_file;
    origin_.api_version = string_at(object, "apiVersion");
    origin_.object_kind = string_at(object, "kind");
    origin_.object_namespace = string_at(object, "metadata.namespace");
    origin_.object_name = string_at(object, "metadata.name");
    is_config_ = origin_.object_kind == "ConfigMap" || origin_.object_kind == "Secret";
  }

  void scan(const Value& object) {
    walk(object);
    if (!is_config_) return;
    for (const char* section : {"data", "stringData"}) {
      const Value* data = object.find(section);
      if (data != nullptr && data->is_map()) repository_tags(section, *data);
    }
  }

 private:
  void walk(const Value& value) {
    if (value.is_map()) {
      for (const auto& [key, child] : value.as_map()) {
        path_.emplace_back(key);
        walk(child);
        path_.pop_back();
      }
    } else if (value.is_list()) {
      const auto& items = value.as_list();
      for (size_t i = 0; i < items.size(); ++i) {
        path_.emplace_back(i);
        walk(items[i]);
        path_.pop_back();
      }
    } else if (value.is_string()) {
      leaf(value.as_string());
    }
  }

  void leaf(const std::string& text) {
    if (!path_.empty() && is_key(path_.back(), "image")) {
      image_field(text);
      return;
    }
    if (is_config_ && path_.size() == 2 && is_key(path_[0], "data") &&
        origin_.object_kind == "Secret") {
      const auto decoded = base64_decode(text);
      if (decoded) strings_in(*decoded);
      return;
    }
    strings_in(text);
  }

  void strings_in(std::string_view text) {
    for (TextReference& found : references_in_text(text)) {
      add(std::move(found.reference), found.match, path_);
    }
  }

  // `image`: a container's when the path is POD_SPEC.containers[i].image (or init, ephemeral).
  void image_field(const std::string& text) {
    const bool container = !pod_spec_.empty() && path_.size() == pod_spec_.size() + 3 &&
                           std::equal(pod_spec_.begin(), pod_spec_.end(), path_.begin()) &&
                           (is_key(path_[pod_spec_.size()], "containers") ||
                            is_key(path_[pod_spec_.size()], "initContainers") ||
                            is_key(path_[pod_spec_.size()], "ephemeralContainers"));
    auto reference = registry::Reference::parse(text);
    if (!reference.ok()) {
      warn("image \"" + text + "\" is not an image reference: " + reference.error().message);
      return;
    }
    add(std::move(reference).value(),
        container ? TemplateMatch::kContainerImage : TemplateMatch::kImageField, path_);
  }

  // data["P.repository"] and data["P.tag"] of a ConfigMap or Secret.
  void repository_tags(const char* section, const Value& data) {
    const bool encoded = origin_.object_kind == "Secret" && std::string_view(section) == "data";
    const auto read = [&](const Value* value) -> std::optional<std::string> {
      if (value == nullptr || !value->is_string()) return std::nullopt;
      if (encoded) return base64_decode(value->as_string());
      return value->as_string();
    };
    for (const auto& [key, value] : data.as_map()) {
      if (!key.ends_with(kRepositorySuffix)) continue;
      const std::string prefix = key.substr(0, key.size() - kRepositorySuffix.size());
      const auto repository = read(&value);
      const auto tag = read(data.find(prefix + std::string(kTagSuffix)));
      if (!repository || !tag || tag->empty()) continue;
      auto reference = parse_full_reference(*repository + ":" + *tag);
      if (reference) {
        add(std::move(*reference), TemplateMatch::kRepositoryTag,
            {std::string(section), std::string(key)});
      }
    }
  }

  void add(registry::Reference reference, TemplateMatch match, const ValuesPath& path) {
    if (!seen_.insert(format_path(path) + " " + reference.str()).second) return;
    ImageOrigin origin = origin_;
    origin.path = path;
    origin.match = match;
    out_.images.push_back(FoundImage{.reference = std::move(reference), .origin = origin});
  }

  void warn(const std::string& message) {
    out_.warnings.push_back(origin_.template_file + ": " + origin_.object_kind + " " +
                            origin_.object_name + ": " + format_path(path_) + ": " + message);
  }

  ManifestScan& out_;
  ValuesPath pod_spec_;
  ImageOrigin origin_;
  bool is_config_ = false;
  ValuesPath path_;
  std::set<std::string> seen_;  // "PATH REFERENCE" already reported
};

}  // namespace

void scan_object(const Value& object, const ManifestSource& source, ManifestScan& out) {
  if (string_at(object, "kind") == "CustomResourceDefinition") return;
  ObjectScanner(object, source, out).scan(object);
}

Result<ManifestScan, Error> scan_manifests(std::string_view stream) {
  ManifestScan out;
  for (const ManifestDocument& document : split_manifests(stream)) {
    const std::string name = document.source.empty() ? "manifest" : document.source;
    auto parsed = values::parse_yaml(document.text, name);
    if (!parsed.ok()) {
      return Error{
          .code = Error::Code::kInvalidInput,
          .message = "rendered manifest does not parse as YAML: " + parsed.error().describe(),
          .source = name};
    }
    const Value& object = parsed.value();
    if (object.is_null()) continue;  // empty, or only comments
    if (!object.is_map()) {
      out.warnings.push_back(name + ": a rendered document that is not an object (" +
                             values::go_type_name(object) + "), skipped");
      continue;
    }
    scan_object(object, ManifestSource{.template_file = document.source}, out);
  }
  return out;
}

}  // namespace chartmirror::charts::images
