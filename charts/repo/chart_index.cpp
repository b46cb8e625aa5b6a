#include "charts/repo/chart_index.h"

#include <yaml-cpp/yaml.h>

namespace chartmirror::charts {
namespace {

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

std::string scalar_or_empty(const YAML::Node& node, const char* key) {
  const YAML::Node value = node[key];
  return value && value.IsScalar() ? value.Scalar() : std::string();
}

Result<ChartVersionEntry, Error> parse_entry(const YAML::Node& node, const std::string& chart,
                                             std::string_view source) {
  const std::string where = "entries." + chart;
  if (!node.IsMap()) return invalid(source, where + ": a version entry must be a mapping");
  ChartVersionEntry entry;
  entry.name = scalar_or_empty(node, "name");
  entry.version = scalar_or_empty(node, "version");
  if (entry.version.empty()) return invalid(source, where + ": an entry has no version");
  if (entry.name.empty()) entry.name = chart;
  if (entry.name != chart) {
    return invalid(source, where + "[" + entry.version + "]: entry is named '" + entry.name +
                               "', not '" + chart + "'");
  }
  entry.app_version = scalar_or_empty(node, "appVersion");
  entry.digest = scalar_or_empty(node, "digest");
  entry.created = scalar_or_empty(node, "created");
  const YAML::Node deprecated = node["deprecated"];
  entry.deprecated = deprecated && deprecated.IsScalar() && deprecated.as<bool>(false);
  const YAML::Node urls = node["urls"];
  if (!urls || !urls.IsSequence() || urls.size() == 0) {
    return invalid(source, where + "[" + entry.version + "]: the entry lists no urls");
  }
  for (const auto& url : urls) {
    if (!url.IsScalar() || url.Scalar().empty()) {
      return invalid(source, where + "[" + entry.version + "]: urls must be strings");
    }
    entry.urls.push_back(url.Scalar());
  }
  return entry;
}

}  // namespace

Result<ChartIndex, Error> ChartIndex::parse(std::string_view yaml, std::string_view source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return invalid(source, "index.yaml is not valid YAML: " + e.msg + " (line " +
                               std::to_string(e.mark.line + 1) + ")");
  }
  if (!root.IsMap()) return invalid(source, "index.yaml is not a mapping");
  const std::string api_version = scalar_or_empty(root, "apiVersion");
  if (api_version != "v1") {
    return invalid(source, "index.yaml has apiVersion '" + api_version + "', expected 'v1'");
  }
  const YAML::Node entries = root["entries"];
  if (entries && !entries.IsNull() && !entries.IsMap()) {
    return invalid(source, "index.yaml: 'entries' must map chart names to versions");
  }

  ChartIndex index;
  if (!entries || entries.IsNull()) return index;  // an empty repository is valid
  try {
    for (const auto& item : entries) {
      const std::string chart = item.first.as<std::string>();
      if (!item.second.IsSequence()) {
        return invalid(source, "entries." + chart + " must be a list of versions");
      }
      auto& versions = index.entries_[chart];
      for (const auto& node : item.second) {
        auto entry = parse_entry(node, chart, source);
        if (!entry.ok()) return entry.error();
        versions.push_back(std::move(entry).value());
      }
    }
  } catch (const YAML::Exception& e) {
    return invalid(source, "index.yaml: " + e.msg);
  }
  return index;
}

std::vector<std::string> ChartIndex::chart_names() const {
  std::vector<std::string> names;
  names.reserve(entries_.size());
  for (const auto& [name, versions] : entries_) names.push_back(name);
  return names;
}

const std::vector<ChartVersionEntry>& ChartIndex::versions(std::string_view chart) const {
  static const std::vector<ChartVersionEntry> kNone;
  const auto it = entries_.find(chart);
  return it == entries_.end() ? kNone : it->second;
}

}  // namespace chartmirror::charts
