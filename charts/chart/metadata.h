// charts/chart/metadata.h — Chart.yaml, read, checked and published the way Helm 3.17 does.
//
// Reading follows Helm's loader (pkg/chart/loader, sigs.k8s.io/yaml; see go_yaml.h): YAML 1.1
// scalars, numbers in string fields turned into strings (`appVersion: 1.10` is "1.1"), keys
// matched case-insensitively, unknown keys ignored. A chart without apiVersion is "v1". In a v1
// chart (and, as Helm does with a warning, in a v2 one) requirements.yaml is read into the same
// metadata after Chart.yaml, so its `dependencies` replace those of Chart.yaml.
//
// Checking is Helm's Metadata.Validate: strings are first sanitized (whitespace becomes ' ',
// unprintable characters are dropped), then
//   - apiVersion, name and version are required; the name must be a single path element;
//   - the version must be what Masterminds/semver's NewVersion accepts: an optional "v", one to
//     three dot-separated numbers (leading zeros allowed), then -PRERELEASE and +BUILD with
//     [0-9A-Za-z-] identifiers, numeric pre-release identifiers without leading zeros
//     ("1", "v1.2", "01.2.3-rc.1+b.007" are valid; "1.2.3.4", "1.0.0-01" are not);
//   - type is "", "application" or "library";
//   - no maintainer or dependency is null; an alias matches [a-zA-Z0-9_-]+; no two dependencies
//     share a name or alias (the alias counting when there is one).
// Helm checks nothing else at load time (the apiVersion's value, dependency names and versions
// are left to `helm lint` and dependency resolution), and neither does this.
//
// Every error has code kInvalidInput and `source` set to what the caller passed, and its
// message names the file and the field in Helm's words:
//   "Chart.yaml: chart.metadata.name is required".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

struct Maintainer {
  std::string name;
  std::string email;
  std::string url;

  bool operator==(const Maintainer&) const = default;
};

struct Dependency {
  std::string name;
  std::string version;     // a version or a range; may be empty
  std::string repository;  // a URL, "@alias", "file://...", or empty for a vendored chart
  std::string condition;   // a values path (or comma-separated paths) that enables the chart
  std::vector<std::string> tags;
  bool enabled = false;
  // Each item as Helm holds it: a string (a child key) or a {child, parent} mapping, after
  // the YAML → JSON conversion (numbers are doubles, as Go's float64).
  std::vector<nlohmann::json> import_values;
  std::string alias;

  bool operator==(const Dependency&) const = default;
};

struct Metadata {
  std::string api_version;  // "v1" or "v2"; "v1" when Chart.yaml has none
  std::string name;
  std::string home;
  std::vector<std::string> sources;
  std::string version;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<Maintainer> maintainers;
  std::string icon;
  std::string condition;  // legacy top-level fields Helm still carries
  std::string tags;
  std::string app_version;
  bool deprecated = false;
  std::map<std::string, std::string> annotations;
  std::string kube_version;  // a constraint on the Kubernetes version
  std::vector<Dependency> dependencies;
  std::string type;  // "", "application" or "library"

  // Chart.yaml exactly as it was read; empty for metadata built in code.
  std::string raw;

  // Reads and validates Chart.yaml, then requirements.yaml when there is one. `source` names
  // the chart (archive or directory) in errors.
  [[nodiscard]] static Result<Metadata, Error> parse(
      std::string_view chart_yaml, std::string_view source,
      std::optional<std::string_view> requirements_yaml = std::nullopt);

  // Helm's checks on metadata built or changed in code (parse has run them already). Strings
  // are checked as they are; parse sanitizes them first.
  [[nodiscard]] Status<Error> validate(std::string_view source) const;

  // The OCI config blob `helm push` writes (application/vnd.cncf.helm.config.v1+json): Go's
  // json.Marshal of Helm's chart.Metadata, byte for byte. Fields in the order of the Go
  // struct, empty ones left out except a dependency's name and repository, annotation keys
  // sorted, HTML-safe escaping, no trailing newline.
  [[nodiscard]] std::string to_json() const;

  [[nodiscard]] bool is_library() const { return type == "library"; }

  bool operator==(const Metadata&) const = default;
};

// Whether Masterminds/semver's NewVersion accepts `version` (see the rules above). Helm uses it
// for chart versions; charts/version/ has the full semantic-version type.
[[nodiscard]] bool is_helm_semver(std::string_view version);

}  // namespace chartmirror::charts
