// charts/rewrite/overrides.h — what to write where in a chart's values so that each image the
// values name points at its destination.
//
// Input: the images discovery found (charts/images/discover.h), the one source → destination
// mapping (charts/images/destination.h), and the `.Values` discovery scanned (so that the
// fields as written can be read). Output: string values to set at paths of the TOP chart's
// values. A subchart's values live under its name or alias in the parent's, and the parent's
// values win when Helm coalesces them, so one override in the top chart reaches every
// subchart and the subcharts themselves stay as they are.
//
// Per shape of the origin (charts/images/found_image.h), with D the destination:
//   kString         the string itself := D.str(), tag and digest as the source had them.
//   kRepositoryMap  `repository` := D.name() (host and path; tag and digest fields untouched).
//   kImageMap       without a `registry` key: `image` (else `name`) := D.name(); with one, as
//                   kRegistryMap with that key in place of `repository`.
//   kRegistryMap    `registry` := PREFIX and `repository` := REST with PREFIX/REST == D.name()
//                   (the `{{registry}}/{{repository}}` of bitnami and the like). REST is the
//                   repository as written when D.name() ends with it (bitnami/redis →
//                   registry.corp/mirror + bitnami/redis: only the registry changes), else
//                   PREFIX is D's host and REST D's whole repository path.
// Tags are never written: an image whose tag came from the chart's appVersion keeps an empty
// tag, and the destination carries the same appVersion tag.
//
// Global registries: where a global key (`global.imageRegistry`, `global.image.registry`)
// replaced the registry of images, the templates that honour it ignore the per-image
// `registry`, so the global key is set: to the common PREFIX when every image using that key
// has the same one; else to the destination host, every such image's name field then set to
// its whole destination repository; else (destinations on different hosts, which one mirror
// never makes) to "". Each image's own `registry` and name fields are set as well, to the same
// split: a template that does not honour the global (kyverno's test image) reads them.
//
// Not rewritten, each with the reason: images with no destination, images only an annotation
// or a rendered template (any origin other than a values scan) names — no values field holds them,
// templates build them — and conflicting values for one path.
#pragma once

#include <string>
#include <vector>

#include "charts/images/destination.h"
#include "charts/images/found_image.h"
#include "charts/values/value.h"
#include "registry/ref/reference.h"

namespace chartmirror::charts::rewrite {

struct ValueOverride {
  images::ValuesPath path;  // in the top chart's `.Values`
  std::string value;
};

struct NotRewritten {
  registry::Reference reference;
  std::string reason;
};

struct OverridePlan {
  std::vector<ValueOverride> overrides;  // each path once, sorted by format_path
  std::vector<NotRewritten> not_rewritten;
  std::size_t rewritten = 0;  // images with at least one values origin rewritten
};

// `values`: the `.Values` the images were discovered in (RenderValues::values).
[[nodiscard]] OverridePlan plan_overrides(const std::vector<images::DiscoveredImage>& images,
                                          const std::vector<images::ImageDestination>& destinations,
                                          const values::Value& values);

// The value at `path` in `values`; nullptr when a step is missing or of another kind.
[[nodiscard]] const values::Value* value_at(const values::Value& values,
                                            const images::ValuesPath& path);

}  // namespace chartmirror::charts::rewrite
