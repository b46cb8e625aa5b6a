// charts/rewrite/rewrite_chart.h — a chart whose values point its images at the mirror.
//
// The values rewrite of issue 4: given a chart, the images discovered in it
// (charts/images/discover.h) and the one source → destination mapping
// (charts/images/destination.h), produce the chart a cluster without access to the source
// registries installs:
//   - values.yaml of the top chart: an override for each image the values name
//     (overrides.h: every shape, subcharts under their name or alias, global registry keys),
//     the file re-emitted with a header listing them (values_file.h). With no override, the
//     file keeps its bytes.
//   - Chart.yaml: `chartmirror.io/rewritten-from: sha256:<source archive digest>` and the image
//     annotations pointing at the destinations (chart_yaml.h).
//   - everything else as it was; subcharts keep their files (their values are overridden from
//     the parent). The archive is written by charts/chart/package.h, so subchart archives are
//     packaged again: same files, not the same bytes as the source's.
// Same input, same bytes: package.h is deterministic and the options fix the one time stamp.
// It goes to images::rewritten_chart_destination, never over the unchanged chart.
//
// Limits: the override changes the chart's defaults. A release installed with user values
// that set an image field themselves (the values the images were discovered with, if they
// did) still uses those; images templates build from other values are not reached — both are
// reported in not_rewritten or are invisible to discovery.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "charts/images/destination.h"
#include "charts/images/found_image.h"
#include "charts/rewrite/overrides.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::rewrite {

struct RewriteOptions {
  // The modification time of every archive entry (seconds since the Unix epoch).
  std::int64_t mtime = 0;
};

struct RewrittenChart {
  std::string archive;  // the .tgz
  std::string digest;   // "sha256:<hex>" of archive
  std::vector<ValueOverride> overrides;
  std::vector<NotRewritten> not_rewritten;
  std::size_t rewritten = 0;  // images whose values now point at the destination
};

// `values`: the `.Values` the images were discovered in (render_chart_values(...).values);
// `source_digest`: "sha256:<hex>" of the source chart archive. Errors (kInvalidInput): a
// malformed digest, a values.yaml that does not parse, a chart Helm would not package.
[[nodiscard]] Result<RewrittenChart, Error> rewrite_chart(
    const Chart& chart, std::string_view source_digest, const values::Value& values,
    const std::vector<images::DiscoveredImage>& images,
    const std::vector<images::ImageDestination>& destinations, const RewriteOptions& options = {});

// The same from the source .tgz: loaded (charts/chart/archive.h), its sha256 the digest.
[[nodiscard]] Result<RewrittenChart, Error> rewrite_chart_archive(
    std::string_view archive, const values::Value& values,
    const std::vector<images::DiscoveredImage>& images,
    const std::vector<images::ImageDestination>& destinations, const RewriteOptions& options = {});

}  // namespace chartmirror::charts::rewrite
