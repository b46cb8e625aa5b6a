// charts/rewrite/chart_yaml.h — the rewritten chart's Chart.yaml.
//
// Two changes to the top chart's metadata:
//   - the annotation `chartmirror.io/rewritten-from: sha256:<digest of the source archive>`;
//   - in the image annotations (`artifacthub.io/images`, `images`: charts/images/annotations.h)
//     every image that has a destination is replaced by it. The annotation is read as YAML
//     (a list of {name, image, ...} maps) and written back with Helm's YAML writer, so it
//     stays valid YAML for `helm lint` and Artifact Hub; keys come out sorted. An annotation
//     that does not parse as such a list is left as it is.
// Chart.yaml is then written from the metadata exactly as `helm package` writes it
// (pkg/chartutil/save.go: sigs.k8s.io/yaml Marshal of chart.Metadata, which is json.Marshal —
// Metadata::to_json — then YAML with sorted keys — values::marshal_yaml). Every field Helm
// knows is kept; a packaged chart's Chart.yaml was written that way already, so the only
// difference is the annotations. Unknown fields (which only an unpackaged chart can have)
// are dropped, as `helm package` drops them.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "charts/chart/metadata.h"
#include "charts/error.h"
#include "registry/ref/reference.h"
#include "support/result.h"

namespace chartmirror::charts::rewrite {

inline constexpr std::string_view kRewrittenFromAnnotation = "chartmirror.io/rewritten-from";

// Destinations by source reference (Reference::str()).
using DestinationIndex = std::map<std::string, registry::Reference, std::less<>>;

// The metadata with the annotations changed as above.
[[nodiscard]] Metadata rewrite_metadata(Metadata metadata, const DestinationIndex& destinations,
                                        std::string_view source_digest);

// Chart.yaml as `helm package` writes `metadata`.
[[nodiscard]] Result<std::string, Error> chart_yaml(const Metadata& metadata);

}  // namespace chartmirror::charts::rewrite
