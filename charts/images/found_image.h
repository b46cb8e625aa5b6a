// charts/images/found_image.h — an image found in a chart, and where it was found.
//
// Every discovery (values scan, annotations, and rendering once it exists) reports what it
// found as FoundImage: a normalized reference (registry/ref: docker.io/library/nginx:1.25)
// and one origin. group_images merges them into DiscoveredImage, one per reference, with all
// of its origins: the copy needs each image once, the values rewrite needs every place.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "registry/ref/reference.h"

namespace chartmirror::charts::images {

// A step into `.Values`: a map key, or an index into a list.
using PathStep = std::variant<std::string, std::size_t>;
using ValuesPath = std::vector<PathStep>;

// "redis.master.image", "initContainers[0].image"; a key holding '.', '[' or '\' has them
// escaped with '\' ("podAnnotations.a\.b"), as --set reads keys.
[[nodiscard]] std::string format_path(const ValuesPath& path);

// How the image is written in the values (values_scan.h lists the exact rules).
enum class ValueShape {
  kString,         // image: "REPOSITORY:TAG" or "REPOSITORY@DIGEST" (or both)
  kRegistryMap,    // {registry, repository, tag, digest|sha}: bitnami and the like
  kRepositoryMap,  // {repository, tag, digest|sha}: no registry key
  kImageMap,       // {image|name, tag, registry?, digest?}: the name under another key
};

// "string", "registry-map", "repository-map", "image-map".
[[nodiscard]] const char* shape_name(ValueShape shape);

struct ImageOrigin {
  enum class Kind {
    kValues,      // a values scan (values_scan.h)
    kAnnotation,  // Chart.yaml `artifacthub.io/images` or `images` (annotations.h)
  };
  Kind kind = Kind::kValues;
  // The chart that holds the values or the annotation: its Chart.yaml name and version.
  std::string chart;
  std::string chart_version;
  // kValues: where in the top chart's `.Values`: the image string, or the map holding the
  // fields; a subchart's values under its name or alias ("redis.master.image").
  ValuesPath path;
  ValueShape shape = ValueShape::kString;
  // kValues: the tag was empty or absent and the chart's appVersion was taken instead (what
  // most charts' templates do; a heuristic).
  bool tag_from_app_version = false;
  // kValues: the global key whose value replaced the image's registry ("global.imageRegistry"),
  // empty when none did.
  std::string global_registry;
  // kAnnotation: the annotation's key, and the item's `name`.
  std::string annotation;
  std::string annotation_name;
};

struct FoundImage {
  registry::Reference reference;
  ImageOrigin origin;
};

struct DiscoveredImage {
  registry::Reference reference;
  std::vector<ImageOrigin> origins;  // in the order found
};

// One entry per distinct reference (compared as reference.str()), sorted by str(); each
// with its origins in input order.
[[nodiscard]] std::vector<DiscoveredImage> group_images(const std::vector<FoundImage>& found);

}  // namespace chartmirror::charts::images
