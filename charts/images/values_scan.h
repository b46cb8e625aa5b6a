// charts/images/values_scan.h — images found in a chart's values, where charts write them.
//
// This is what can be known before templates are rendered: a heuristic, in Helmper's spirit,
// kept conservative. It reads the effective values (render_chart_values: the user's values
// coalesced with every chart's defaults, disabled subcharts gone) and recognises these shapes,
// and nothing else:
//
//   Image-like key: `image`, or a key ending in `Image` or `_image` (initImage, mcImage,
//   thanosImage, downloadDashboardsImage). `imagePullPolicy`, `imageRegistry` and the like
//   are not.
//
//   1. kString: a string under an image-like key with an explicit tag or digest:
//      `image: quay.io/x/y:1.2`, `image: ghcr.io/a/b:1.6.3@sha256:…`. A string without tag
//      or digest counts only through rule 4; otherwise it is passed over (its tag comes from
//      somewhere the scan cannot see).
//   2. A map under an image-like key whose `repository` is a non-empty string:
//      kRegistryMap when the map has a `registry` key (bitnami's {registry, repository, tag,
//      digest}, grafana's and kube-prometheus-stack's {registry, repository, tag, sha}),
//      kRepositoryMap otherwise ({repository, tag}, {repository} alone). A map under an
//      image-like key whose `image` (ingress-nginx's {registry, image, tag, digest}) or else
//      `name` is a non-empty string is kImageMap.
//   3. A map under any other key (or in a list) with a non-empty string `repository` and a
//      `tag` key, when the repository has a '/' or the map a `registry` key: keda's
//      `image.keda`, trivy-operator's `nodeCollector`.
//   4. A map under any key holding `image`, a string without tag or digest, and a `tag`
//      string or number: redis-ha's `exporter: {image, tag}` (kImageMap).
//   A map recognised as an image is not searched further; anything else is searched
//   recursively, lists included. Strings holding "{{" are templates, and a map whose
//   repository, registry, tag or digest is one: passed over (rendering sees them).
//
// Fields of the maps: `tag` a string or a number (YAML reads `tag: 1.10` as 1.1, and so does
// Helm); `digest`, else `sha`: "sha256:HEX", or bare hex (charts write `sha` without the
// algorithm and add "sha256:" in their templates); `registry`: empty or null means none, and
// the repository then carries its registry or is on docker.io.
//
// Tag and digest: both given, the reference keeps both (the digest names the content; many
// templates then print only the digest, which is the same image). A digest and no tag: by
// digest. Neither: the chart's appVersion as the tag, which is what most charts' templates do
// (`.Values.image.tag | default .Chart.AppVersion`) — a heuristic, recorded as
// tag_from_app_version; some charts add a "v" or use another version, which only rendering
// sees. No tag, no digest and no appVersion: a warning, no image.
//
// Global registries: library charts let `global` replace the registry of every image. The corpus
// charts read two keys: `global.imageRegistry` (bitnami common's common.images.image,
// grafana, promtail, kube-prometheus-stack and its exporters) and `global.image.registry`
// (loki, kyverno, trivy-operator); no corpus chart reads `global.registry`, so it is not
// honoured. A chart's images honour a key only when that chart's own values.yaml declares it
// (bitnami's `global.imageRegistry: ""`, kyverno's `global.image.registry: null`): a chart that
// does not mention a key is taken not to read it. When a declared key holds a non-empty
// string (first `global.imageRegistry`, then `global.image.registry`), it replaces the
// registry of that chart's kRegistryMap images and of kImageMap images with a `registry` key.
//
// Subcharts: each rendering subchart's values are scanned as its own, under its name or alias
// in the parent's, with its own appVersion and declared globals. In a chart's values the key of
// each dependency (its alias, else its name) and of each rendering subchart is not searched as
// the chart's own: a disabled subchart's section deploys nothing. `global` is
// searched in the top chart's values only (argo-cd's `global.image` is its default image);
// in a subchart's section it is the parent's globals again. Sections switched off with
// `enabled: false` inside a chart ARE scanned: what `enabled` governs is in the templates.
//
// A candidate that does not make a valid reference (an invalid tag, an uppercase repository)
// is reported in `warnings`, naming the values path, and not among the images: nothing
// returned is malformed.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/images/found_image.h"
#include "charts/values/render_values.h"
#include "charts/values/value.h"

namespace chartmirror::charts::images {

struct ValuesScan {
  std::vector<FoundImage> images;  // one per values path, in the order of the walk
  std::vector<std::string> warnings;
};

// What the scan of one chart's own values needs to know about that chart.
struct SectionScan {
  std::string chart;                 // Chart.yaml name
  std::string chart_version;         // Chart.yaml version
  std::string app_version;           // Chart.yaml appVersion: the tag of images written without one
  std::vector<std::string> section;  // where the chart's values are in the top chart's
  // The global registry keys this chart declares, from declared_global_registries.
  std::vector<std::string> declared_global_registries;
  std::set<std::string, std::less<>> subchart_keys;  // top-level keys not searched
  bool scan_global = true;                           // whether `global` is searched
};

// The global registry keys ("global.imageRegistry", "global.image.registry") present in a
// chart's default values, whatever their value.
[[nodiscard]] std::vector<std::string> declared_global_registries(const values::Value& defaults);

// One chart's `.Values` (`values`), its subcharts' sections left out; appends to `out`.
void scan_section(const values::Value& values, const SectionScan& section, ValuesScan& out);

// Every chart that renders: the top chart and its enabled subcharts. `rendered` comes from
// render_chart_values(chart, ...).
[[nodiscard]] ValuesScan scan_values(const Chart& chart, const values::RenderValues& rendered);

}  // namespace chartmirror::charts::images
