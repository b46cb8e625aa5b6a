#include "charts/chart/metadata.h"

#include <array>
#include <set>

#include <yaml-cpp/yaml.h>

#include "charts/chart/go_yaml.h"
#include "charts/golang/path.h"
#include "charts/golang/unicode.h"

namespace chartmirror::charts {
namespace {

using go::Field;
using go::Shape;
using nlohmann::json;

// The Go types of pkg/chart (metadata.go, dependency.go), as the decoder sees them. The field
// names are those of their json tags, in declaration order.
constexpr Shape kString{Shape::Kind::kString};
constexpr Shape kBool{Shape::Kind::kBool};
constexpr Shape kAny{Shape::Kind::kAny};
constexpr Shape kStrings{Shape::Kind::kList, &kString};
constexpr Shape kStringMap{Shape::Kind::kMap, &kString};
constexpr Shape kAnyList{Shape::Kind::kList, &kAny};

constexpr std::array<Field, 3> kMaintainerFields = {{
    {"name", &kString},
    {"email", &kString},
    {"url", &kString},
}};
constexpr Shape kMaintainer{Shape::Kind::kStruct, nullptr, kMaintainerFields};
constexpr Shape kMaintainers{Shape::Kind::kList, &kMaintainer};

constexpr std::array<Field, 8> kDependencyFields = {{
    {"name", &kString},
    {"version", &kString},
    {"repository", &kString},
    {"condition", &kString},
    {"tags", &kStrings},
    {"enabled", &kBool},
    {"import-values", &kAnyList},
    {"alias", &kString},
}};
constexpr Shape kDependency{Shape::Kind::kStruct, nullptr, kDependencyFields};
constexpr Shape kDependencies{Shape::Kind::kList, &kDependency};

constexpr std::array<Field, 17> kMetadataFields = {{
    {"name", &kString},
    {"home", &kString},
    {"sources", &kStrings},
    {"version", &kString},
    {"description", &kString},
    {"keywords", &kStrings},
    {"maintainers", &kMaintainers},
    {"icon", &kString},
    {"apiVersion", &kString},
    {"condition", &kString},
    {"tags", &kString},
    {"appVersion", &kString},
    {"deprecated", &kBool},
    {"annotations", &kStringMap},
    {"kubeVersion", &kString},
    {"dependencies", &kDependencies},
    {"type", &kString},
}};
constexpr Shape kMetadata{Shape::Kind::kStruct, nullptr, kMetadataFields};

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

std::string quote(std::string_view text) { return "\"" + std::string(text) + "\""; }

// One YAML document read into the metadata struct's fields (see go_yaml.h).
Result<json, std::string> read_document(std::string_view text) {
  auto node = go::parse_yaml(text);
  if (!node.ok()) return node.error();
  try {
    auto converted = go::to_go_json(node.value(), kMetadata);
    if (!converted.ok()) return converted.error();
    return go::decode_go_json(converted.value(), kMetadata);
  } catch (const YAML::Exception& e) {
    return "cannot read: " + e.msg;
  }
}

// The decoded fields of a struct (an object, or null when nothing was set).
std::string string_field(const json& object, const char* name) {
  if (!object.is_object()) return {};
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> strings_field(const json& object, const char* name) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  const auto it = object.find(name);
  if (it == object.end() || !it->is_array()) return out;
  for (const auto& item : *it) out.push_back(go::sanitize(item.get<std::string>()));
  return out;
}

// Metadata from the decoded struct, its strings sanitized as Validate does. Null entries of
// maintainers and dependencies are reported by validate_fields, in Helm's order.
struct Decoded {
  Metadata metadata;
  bool null_maintainer = false;
  size_t null_dependency = std::string::npos;  // index of the first null dependency
};

Decoded to_metadata(const json& fields) {
  Decoded out;
  Metadata& md = out.metadata;
  md.name = go::sanitize(string_field(fields, "name"));
  md.home = go::sanitize(string_field(fields, "home"));
  md.sources = strings_field(fields, "sources");
  md.version = string_field(fields, "version");  // Validate leaves the version as it is
  md.description = go::sanitize(string_field(fields, "description"));
  md.keywords = strings_field(fields, "keywords");
  md.icon = go::sanitize(string_field(fields, "icon"));
  md.api_version = string_field(fields, "apiVersion");
  md.condition = go::sanitize(string_field(fields, "condition"));
  md.tags = go::sanitize(string_field(fields, "tags"));
  md.app_version = go::sanitize(string_field(fields, "appVersion"));
  md.kube_version = go::sanitize(string_field(fields, "kubeVersion"));
  md.type = string_field(fields, "type");
  if (!fields.is_object()) return out;
  if (const auto it = fields.find("deprecated"); it != fields.end() && it->is_boolean()) {
    md.deprecated = it->get<bool>();
  }
  if (const auto it = fields.find("annotations"); it != fields.end() && it->is_object()) {
    for (const auto& [key, value] : it->items()) md.annotations[key] = value.get<std::string>();
  }
  if (const auto it = fields.find("maintainers"); it != fields.end()) {
    for (const auto& item : *it) {
      if (item.is_null()) {
        out.null_maintainer = true;
        continue;
      }
      md.maintainers.push_back({.name = go::sanitize(string_field(item, "name")),
                                .email = go::sanitize(string_field(item, "email")),
                                .url = go::sanitize(string_field(item, "url"))});
    }
  }
  if (const auto it = fields.find("dependencies"); it != fields.end()) {
    for (const auto& item : *it) {
      if (item.is_null()) {
        if (out.null_dependency == std::string::npos) {
          out.null_dependency = md.dependencies.size();
        }
        continue;
      }
      Dependency dependency{.name = go::sanitize(string_field(item, "name")),
                            .version = go::sanitize(string_field(item, "version")),
                            .repository = go::sanitize(string_field(item, "repository")),
                            .condition = go::sanitize(string_field(item, "condition")),
                            .tags = strings_field(item, "tags"),
                            .alias = string_field(item, "alias")};
      if (const auto enabled = item.find("enabled"); enabled != item.end()) {
        dependency.enabled = enabled->get<bool>();
      }
      if (const auto values = item.find("import-values"); values != item.end()) {
        dependency.import_values.assign(values->begin(), values->end());
      }
      md.dependencies.push_back(std::move(dependency));
    }
  }
  return out;
}

// [0-9A-Za-z-]: what semver identifiers and (with '_') aliases are made of.
bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

bool is_alias(std::string_view alias) {
  if (alias.empty()) return false;
  for (const char c : alias) {
    if (!is_identifier_char(c) && c != '_') return false;
  }
  return true;
}

// Helm's Metadata.Validate after sanitizing, in its order. `null_maintainer` and
// `null_dependency` stand for the nil entries Go would hold.
Status<Error> validate_fields(const Metadata& md, std::string_view source, bool null_maintainer,
                              size_t null_dependency) {
  auto fail = [&](const std::string& message) { return invalid(source, "Chart.yaml: " + message); };
  if (md.api_version.empty()) return fail("chart.metadata.apiVersion is required");
  if (md.name.empty()) return fail("chart.metadata.name is required");
  if (md.name != go::base_name(md.name)) {
    return fail("chart.metadata.name " + quote(md.name) + " is invalid");
  }
  if (md.version.empty()) return fail("chart.metadata.version is required");
  if (!is_helm_semver(md.version)) {
    return fail("chart.metadata.version " + quote(md.version) + " is invalid");
  }
  if (!md.type.empty() && md.type != "application" && md.type != "library") {
    return fail("chart.metadata.type must be application or library");
  }
  if (null_maintainer) return fail("maintainers must not contain empty or null nodes");
  std::set<std::string, std::less<>> keys;
  for (size_t i = 0; i <= md.dependencies.size(); ++i) {
    if (i == null_dependency) return fail("dependencies must not contain empty or null nodes");
    if (i == md.dependencies.size()) break;
    const Dependency& dependency = md.dependencies[i];
    if (!dependency.alias.empty() && !is_alias(dependency.alias)) {
      return fail("dependency " + quote(dependency.name) +
                  " has disallowed characters in the alias");
    }
    const std::string& key = dependency.alias.empty() ? dependency.name : dependency.alias;
    if (!keys.insert(key).second) {
      return fail("more than one dependency with name or alias " + quote(key));
    }
  }
  return Done{};
}

bool all_digits(std::string_view text) {
  return text.find_first_not_of("0123456789") == std::string_view::npos;
}

// Dot-separated identifiers of [0-9A-Za-z-]+, starting at `text[i]`; returns the end.
size_t scan_identifiers(std::string_view text, size_t i, bool no_leading_zeros, bool& ok) {
  ok = true;
  while (true) {
    const size_t start = i;
    while (i < text.size() && is_identifier_char(text[i])) ++i;
    const std::string_view identifier = text.substr(start, i - start);
    if (identifier.empty()) ok = false;
    if (no_leading_zeros && all_digits(identifier) && identifier.size() > 1 &&
        identifier[0] == '0') {
      ok = false;
    }
    if (i >= text.size() || text[i] != '.') return i;
    ++i;
  }
}

}  // namespace

bool is_helm_semver(std::string_view version) {
  size_t i = version.starts_with('v') ? 1 : 0;
  // Up to three numbers, each of which must fit in 64 bits.
  for (int part = 0; part < 3; ++part) {
    if (part > 0) {
      if (i >= version.size() || version[i] != '.') break;
      ++i;
    }
    const size_t start = i;
    while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
    const std::string_view digits = version.substr(start, i - start);
    if (digits.empty()) return false;
    const size_t significant = digits.find_first_not_of('0');
    if (significant != std::string_view::npos &&
        (digits.size() - significant > 20 ||
         (digits.size() - significant == 20 &&
          digits.substr(significant) > "18446744073709551615"))) {
      return false;
    }
  }
  bool ok = true;
  if (i < version.size() && version[i] == '-') {
    i = scan_identifiers(version, i + 1, true, ok);
    if (!ok) return false;
  }
  if (i < version.size() && version[i] == '+') {
    i = scan_identifiers(version, i + 1, false, ok);
    if (!ok) return false;
  }
  return i == version.size();
}

Result<Metadata, Error> Metadata::parse(std::string_view chart_yaml, std::string_view source,
                                        std::optional<std::string_view> requirements_yaml) {
  auto fields = read_document(chart_yaml);
  if (!fields.ok()) return invalid(source, "Chart.yaml: " + fields.error());
  // Helm 2 did not require apiVersion, so Helm 3 reads a chart without one as v1.
  if (string_field(fields.value(), "apiVersion").empty()) {
    json defaults = json::object();
    defaults["apiVersion"] = "v1";
    go::merge_go_struct(fields.value(), defaults, kMetadata);
  }
  if (requirements_yaml) {
    auto requirements = read_document(*requirements_yaml);
    if (!requirements.ok()) return invalid(source, "requirements.yaml: " + requirements.error());
    go::merge_go_struct(fields.value(), requirements.value(), kMetadata);
  }
  Decoded decoded = to_metadata(fields.value());
  if (auto valid = validate_fields(decoded.metadata, source, decoded.null_maintainer,
                                   decoded.null_dependency);
      !valid.ok()) {
    return valid.error();
  }
  decoded.metadata.raw = std::string(chart_yaml);
  return std::move(decoded.metadata);
}

Status<Error> Metadata::validate(std::string_view source) const {
  return validate_fields(*this, source, false, std::string::npos);
}

}  // namespace chartmirror::charts
