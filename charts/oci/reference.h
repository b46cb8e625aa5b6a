// charts/oci/reference.h — where a chart lives in an OCI registry, as Helm names it:
// `oci://HOST[:PORT]/PATH/NAME[:TAG][@DIGEST]`.
//
// Helm reads these with oras' ParseReference (pkg/registry/reference.go): the first path
// component is always the registry host — unlike a Docker image reference there is no
// docker.io default, so `oci://harbor/charts/app` names the host `harbor` — and the last one
// is the chart's name. A tag is a version with '+' written '_' (OCI tags cannot hold '+');
// Helm accepts the '+' spelling in what users type and rewrites it, and so does parse().
//
// Grammar (OCI distribution spec): repository components [a-z0-9]+ joined by '.', '_', '__'
// or runs of '-'; tag [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}; digest as registry/oci/digest.h.
// Errors are kInvalidInput naming the input and the part that is wrong.
#pragma once

#include <string>
#include <string_view>

#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

inline constexpr std::string_view kOciScheme = "oci://";

struct OciReference {
  std::string host;        // "registry.example:5000", as written
  std::string repository;  // "path/name", without the host
  std::string tag;         // "" when absent; '+' already written '_'
  std::string digest;      // "" when absent

  // `text` with or without the oci:// scheme.
  [[nodiscard]] static Result<OciReference, Error> parse(std::string_view text);

  // The last repository component: the chart's name.
  [[nodiscard]] std::string chart_name() const;
  // "oci://host/repository[:tag][@digest]"; parses back to an equal value.
  [[nodiscard]] std::string str() const;
  // The same chart with another tag and no digest.
  [[nodiscard]] OciReference with_tag(std::string_view new_tag) const;

  bool operator==(const OciReference&) const = default;
};

// Helm's tag for a chart version ('+' written '_'), and back.
[[nodiscard]] std::string version_to_tag(std::string_view version);
[[nodiscard]] std::string tag_to_version(std::string_view tag);

// Whether `text` names an OCI location (starts with oci://, as helm's registry.IsOCI).
[[nodiscard]] bool is_oci(std::string_view text);

}  // namespace chartmirror::charts
