// charts/images/found_image.h — an image found in a chart, and where it was found.
//
// Every discovery (values scan, annotations, rendered manifests) reports what it found as
// FoundImage: a normalized reference (registry/ref: docker.io/library/nginx:1.25)
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

// How a rendered manifest names the image (manifest_scan.h lists the exact rules).
enum class TemplateMatch {
  kContainerImage,  // `image` of a container, init or ephemeral container of a workload
  kImageField,      // any other field named `image` (Prometheus spec.image)
  kString,          // a whole string: an argument, an env value, a ConfigMap value
  kFlagValue,       // what follows the first '=' of a string: "--flag=REFERENCE"
  kTextLine,        // a line of a multi-line string: "REFERENCE", "key: REFERENCE", "--f=REF"
  kRepositoryTag,   // ConfigMap or Secret keys "P.repository" and "P.tag" (trivy-operator)
};

// "container-image", "image-field", "string", "flag-value", "text-line", "repository-tag".
[[nodiscard]] const char* match_name(TemplateMatch match);

struct ImageOrigin {
  enum class Kind {
    kValues,      // a values scan (values_scan.h)
    kAnnotation,  // Chart.yaml `artifacthub.io/images` or `images` (annotations.h)
    kTemplate,    // a rendered manifest (manifest_scan.h)
  };
  Kind kind = Kind::kValues;
  // The chart that holds the values or the annotation: its Chart.yaml name and version.
  // kTemplate: empty (the manifest stream does not say; template_file starts with the chart).
  std::string chart;
  std::string chart_version;
  // kValues: where in the top chart's `.Values`: the image string, or the map holding the
  // fields; a subchart's values under its name or alias ("redis.master.image").
  // kTemplate: the field inside the object ("spec.template.spec.containers[1].args[2]",
  // "data.config\.yaml").
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
  // kTemplate: the template that printed the object (its `# Source:` line,
  // "kube-prometheus-stack/templates/prometheus-operator/deployment.yaml"), the object's
  // apiVersion, kind, metadata.namespace (empty when not set) and metadata.name, and how the
  // field names the image.
  std::string template_file;
  std::string api_version;
  std::string object_kind;
  std::string object_namespace;
  std::string object_name;
  TemplateMatch match = TemplateMatch::kContainerImage;
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
