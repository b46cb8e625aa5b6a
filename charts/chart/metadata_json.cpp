// Metadata::to_json: Go's json.Marshal of Helm's chart.Metadata, which `helm push` writes as
// the chart's OCI config blob. Field order, names and omitempty follow the Go struct tags of
// pkg/chart/metadata.go and dependency.go (helm v3.17.3).
#include <string>

#include "charts/chart/metadata.h"
#include "charts/golang/json_text.h"

namespace chartmirror::charts {
namespace {

using nlohmann::json;

// Go's json.Marshal of interface{} values (import-values items).
void append_json_value(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      out += "null";
      break;
    case json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      break;
    case json::value_t::string:
      go::append_json_string(out, value.get_ref<const std::string&>());
      break;
    case json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ',';
        first = false;
        append_json_value(out, item);
      }
      out += ']';
      break;
    }
    case json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {  // std::map: sorted, as Go sorts keys
        if (!first) out += ',';
        first = false;
        go::append_json_string(out, key);
        out += ':';
        append_json_value(out, item);
      }
      out += '}';
      break;
    }
    default:
      go::append_json_number(out, value.get<double>());
  }
}

// Writes one object's members, each after a comma but the first.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }
  ~ObjectWriter() { out_ += '}'; }
  ObjectWriter(const ObjectWriter&) = delete;
  ObjectWriter& operator=(const ObjectWriter&) = delete;
  ObjectWriter(ObjectWriter&&) = delete;
  ObjectWriter& operator=(ObjectWriter&&) = delete;

  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    go::append_json_string(out_, name);
    out_ += ':';
    return out_;
  }
  void string(std::string_view name, std::string_view value, bool omit_empty = true) {
    if (omit_empty && value.empty()) return;
    go::append_json_string(key(name), value);
  }
  void strings(std::string_view name, const std::vector<std::string>& values) {
    if (values.empty()) return;
    std::string& out = key(name);
    out += '[';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) out += ',';
      go::append_json_string(out, values[i]);
    }
    out += ']';
  }
  void boolean(std::string_view name, bool value) {
    if (value) key(name) += "true";
  }

 private:
  std::string& out_;
  bool first_ = true;
};

void append_dependency(std::string& out, const Dependency& dependency) {
  ObjectWriter object(out);
  object.string("name", dependency.name, false);
  object.string("version", dependency.version);
  object.string("repository", dependency.repository, false);
  object.string("condition", dependency.condition);
  object.strings("tags", dependency.tags);
  object.boolean("enabled", dependency.enabled);
  if (!dependency.import_values.empty()) {
    append_json_value(object.key("import-values"), json(dependency.import_values));
  }
  object.string("alias", dependency.alias);
}

}  // namespace

std::string Metadata::to_json() const {
  std::string out;
  {
    ObjectWriter object(out);
    object.string("name", name);
    object.string("home", home);
    object.strings("sources", sources);
    object.string("version", version);
    object.string("description", description);
    object.strings("keywords", keywords);
    if (!maintainers.empty()) {
      std::string& list = object.key("maintainers");
      list += '[';
      for (size_t i = 0; i < maintainers.size(); ++i) {
        if (i > 0) list += ',';
        ObjectWriter maintainer(list);
        maintainer.string("name", maintainers[i].name);
        maintainer.string("email", maintainers[i].email);
        maintainer.string("url", maintainers[i].url);
      }
      list += ']';
    }
    object.string("icon", icon);
    object.string("apiVersion", api_version);
    object.string("condition", condition);
    object.string("tags", tags);
    object.string("appVersion", app_version);
    object.boolean("deprecated", deprecated);
    if (!annotations.empty()) {
      std::string& map = object.key("annotations");
      map += '{';
      bool first = true;
      for (const auto& [key, value] : annotations) {
        if (!first) map += ',';
        first = false;
        go::append_json_string(map, key);
        map += ':';
        go::append_json_string(map, value);
      }
      map += '}';
    }
    object.string("kubeVersion", kube_version);
    if (!dependencies.empty()) {
      std::string& list = object.key("dependencies");
      list += '[';
      for (size_t i = 0; i < dependencies.size(); ++i) {
        if (i > 0) list += ',';
        append_dependency(list, dependencies[i]);
      }
      list += ']';
    }
    object.string("type", type);
  }
  return out;
}

}  // namespace chartmirror::charts
