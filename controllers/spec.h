// controllers/spec.h — a ChartMirror as the reconciler reads it
// (crds/chartmirror.io_chartmirrors.yaml, v1alpha1), parsed from JSON and validated.
//
// The operator gets the object as JSON from the API server, which has already applied the
// CRD's schema and CEL rules; `chartmirror mirror -f` reads YAML files that never passed an
// API server. So parse_chart_mirror checks the same rules the CRD enforces (crds/README.md,
// "Validation rules"): required fields, patterns of URLs, names, versions, platforms and
// durations, enums, list bounds, unique list-map keys, unknown fields (except under
// charts[].values), and the cross-field rules (plainHTTP only on oci:// sources, no TLS
// settings without TLS, destination.url differs from source.url). Defaults are applied as the
// API server applies them: interval 1h, valuesFrom[].key values.yaml. The first problem is
// the error, with the field's path ("spec.charts[1].version").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "controllers/error.h"
#include "support/result.h"

namespace chartmirror::controllers {

// A registry endpoint's access settings: credentials and TLS Secrets (names in the
// ChartMirror's namespace; empty when not set), and the switches.
struct Access {
  std::string secret_ref;
  std::string cert_secret_ref;
  bool insecure_skip_tls_verify = false;
  bool plain_http = false;
};

struct SourceSpec {
  std::string url;  // https://…, http://… or oci://…
  Access access;
};

struct ValuesFrom {
  std::string kind;  // "ConfigMap" or "Secret"
  std::string name;
  std::string key = "values.yaml";
};

struct ChartSpec {
  std::string name;
  std::string version;      // "" = the newest stable version
  std::string values_json;  // the values object as JSON text; empty when not given
  std::vector<ValuesFrom> values_from;
};

struct ImagesSpec {
  std::vector<std::string> exclude;  // globs over fully qualified references
  std::vector<std::string> extra;
  std::vector<std::string> platforms;  // os/arch[/variant]
  bool all_referrers = false;
};

struct RegistryMirror {
  std::string registry;  // as in image references: docker.io
  std::string mirror;    // host[:port][/path]
  Access access;
};

struct DestinationSpec {
  std::string url;  // oci://host[:port][/path]
  Access access;
};

struct CapabilitiesSpec {
  std::string kube_version;  // "" = the cluster's
  std::vector<std::string> api_versions;
};

struct ChartMirrorSpec {
  SourceSpec source;
  std::vector<ChartSpec> charts;
  ImagesSpec images;
  std::vector<RegistryMirror> registry_mirrors;
  DestinationSpec destination;
  bool rewrite_values = false;
  CapabilitiesSpec capabilities;
  std::string interval_text = "1h";
  std::chrono::milliseconds interval = std::chrono::hours(1);
  bool suspend = false;
};

// The object: metadata the reconciler needs, the spec as written, the status as last written.
struct ChartMirror {
  std::string namespace_ = "default";
  std::string name;
  std::int64_t generation = 0;
  nlohmann::json spec;    // as written; parse_spec reads it
  nlohmann::json status;  // null or the last status (conditions keep lastTransitionTime)
};

// The object from its JSON (apiVersion chartmirror.io/v1alpha1, kind ChartMirror). Only the
// envelope is checked here; parse_spec checks the spec.
[[nodiscard]] Result<ChartMirror, Error> chart_mirror_from_json(const nlohmann::json& object);

// The object from one YAML document (a file of `mirror -f`), via JSON.
[[nodiscard]] Result<ChartMirror, Error> chart_mirror_from_yaml(std::string_view yaml,
                                                                std::string_view source);

// spec validated and defaulted; kInvalidSpec naming the field otherwise.
[[nodiscard]] Result<ChartMirrorSpec, Error> parse_spec(const nlohmann::json& spec);

// A Go duration of ms, s, m and h ("1h30m", "1.5h"); kInvalidSpec otherwise.
[[nodiscard]] Result<std::chrono::milliseconds, Error> parse_interval(std::string_view text);

}  // namespace chartmirror::controllers
