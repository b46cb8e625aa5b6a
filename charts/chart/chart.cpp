#include "charts/chart/chart.h"

#include <optional>

#include <yaml-cpp/yaml.h>

#include "charts/chart/go_yaml.h"
#include "charts/golang/path.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts {
namespace {

using go::Shape;

constexpr std::string_view kChartFile = "Chart.yaml";
constexpr std::string_view kRequirementsFile = "requirements.yaml";
constexpr std::string_view kValuesFile = "values.yaml";
constexpr std::string_view kSchemaFile = "values.schema.json";
constexpr std::string_view kLockFile = "Chart.lock";
constexpr std::string_view kRequirementsLockFile = "requirements.lock";
constexpr std::string_view kTemplatesDir = "templates/";
constexpr std::string_view kChartsDir = "charts/";

// The lock files are decoded into a struct, which asks no more of the YAML than a mapping.
constexpr Shape kAnyValue{Shape::Kind::kAny};
constexpr Shape kMapping{Shape::Kind::kMap, &kAnyValue};

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

// A file Helm decodes when it loads a chart must decode: YAML whose top level is a mapping
// (or nothing), with only values JSON can hold.
Status<Error> check_mapping(std::string_view path, const std::string& data,
                            std::string_view source) {
  auto fail = [&](const std::string& why) {
    return invalid(source, "cannot load " + std::string(path) + ": " + why);
  };
  auto node = go::parse_yaml(data);
  if (!node.ok()) return fail(node.error());
  try {
    auto converted = go::to_go_json(node.value(), kMapping);
    if (!converted.ok()) return fail(converted.error());
    auto decoded = go::decode_go_json(converted.value(), kMapping);
    if (!decoded.ok()) return fail(decoded.error());
  } catch (const YAML::Exception& e) {
    return fail("cannot read: " + e.msg);
  }
  return Done{};
}

// values.yaml, decoded into map[string]interface{} as Helm's loader decodes it.
Result<values::Value, Error> read_values(const std::string& data, std::string_view source) {
  auto parsed = values::parse_values_yaml(data, kValuesFile);
  if (!parsed.ok()) return invalid(source, "cannot load values.yaml: " + parsed.error().message);
  return parsed;
}

// The checks of a file other than values.yaml and Chart.yaml.
Status<Error> check_file(std::string_view path, const std::string& data, std::string_view source) {
  if (path == kLockFile || path == kRequirementsLockFile) return check_mapping(path, data, source);
  return Done{};
}

// A file's place in a chart: a clean relative path, not subchart content.
Status<Error> check_path(const std::string& path, std::string_view source) {
  if (path.empty() || path.starts_with('/') || go::clean_path(path) != path ||
      path.starts_with("../") || path == "..") {
    return invalid(source, "'" + path + "': not a clean relative path");
  }
  if (is_subchart_path(path)) {
    return invalid(source,
                   "'" + path + "': charts/ holds subcharts, which are charts of their own");
  }
  return Done{};
}

Result<Metadata, Error> read_metadata(const FileMap& files, std::string_view source) {
  const auto chart_yaml = files.find(kChartFile);
  if (chart_yaml == files.end()) return invalid(source, "Chart.yaml file is missing");
  std::optional<std::string_view> requirements;
  if (const auto it = files.find(kRequirementsFile); it != files.end()) requirements = it->second;
  return Metadata::parse(chart_yaml->second, source, requirements);
}

}  // namespace

bool is_subchart_path(std::string_view path) {
  return path.starts_with(kChartsDir) && !path.ends_with(".prov");
}

Result<Chart, Error> Chart::from_files(FileMap files, std::string source) {
  auto metadata = read_metadata(files, source);
  if (!metadata.ok()) return metadata.error();
  Chart chart;
  for (const auto& [path, data] : files) {
    if (auto checked = check_path(path, source); !checked.ok()) return checked.error();
    if (path == kValuesFile) {
      auto values = read_values(data, source);
      if (!values.ok()) return values.error();
      chart.default_values_ = std::move(values).value();
    } else if (auto checked = check_file(path, data, source); !checked.ok()) {
      return checked.error();
    }
  }
  chart.metadata_ = std::move(metadata).value();
  chart.files_ = std::move(files);
  chart.source_ = std::move(source);
  return chart;
}

const std::string* Chart::find(std::string_view path) const {
  const auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::string_view Chart::values() const {
  const std::string* data = find(kValuesFile);
  return data != nullptr ? std::string_view(*data) : std::string_view();
}

std::string_view Chart::schema() const {
  const std::string* data = find(kSchemaFile);
  return data != nullptr ? std::string_view(*data) : std::string_view();
}

std::string_view Chart::lock() const {
  const std::string* data = find(kLockFile);
  if (data == nullptr && metadata_.api_version == "v1") data = find(kRequirementsLockFile);
  return data != nullptr ? std::string_view(*data) : std::string_view();
}

std::vector<const FileMap::value_type*> Chart::templates() const {
  std::vector<const FileMap::value_type*> out;
  for (auto it = files_.lower_bound(kTemplatesDir);
       it != files_.end() && it->first.starts_with(kTemplatesDir); ++it) {
    out.push_back(&*it);
  }
  return out;
}

std::vector<const FileMap::value_type*> Chart::other_files() const {
  const bool v1 = metadata_.api_version == "v1";
  std::vector<const FileMap::value_type*> out;
  for (const auto& entry : files_) {
    const std::string& path = entry.first;
    if (path == kChartFile || path == kLockFile || path == kValuesFile || path == kSchemaFile ||
        path.starts_with(kTemplatesDir)) {
      continue;
    }
    if (!v1 && (path == kRequirementsFile || path == kRequirementsLockFile)) continue;
    out.push_back(&entry);
  }
  return out;
}

Status<Error> Chart::set_file(std::string path, std::string data) {
  if (auto checked = check_path(path, source_); !checked.ok()) return checked.error();
  if (auto checked = check_file(path, data, source_); !checked.ok()) return checked.error();
  if (path == kValuesFile) {
    auto values = read_values(data, source_);
    if (!values.ok()) return values.error();
    default_values_ = std::move(values).value();
  }
  if (path == kChartFile || path == kRequirementsFile) {
    FileMap files = files_;
    files[path] = data;
    auto metadata = read_metadata(files, source_);
    if (!metadata.ok()) return metadata.error();
    metadata_ = std::move(metadata).value();
  }
  files_[std::move(path)] = std::move(data);
  return Done{};
}

}  // namespace chartmirror::charts
