// controllers/chart_loading.h — one chart of a ChartMirror, from spec to the images it deploys:
// the version resolved (charts/repo: exact, constraint, or the newest stable), the archive
// loaded, its dependencies resolved (charts/deps), its values merged (valuesFrom in order, then
// spec values, as helm merges -f files: maps deeply, anything else replaced) and rendered
// (charts/images render_chart_values), and its images discovered by rendering it as helm
// template does (charts/images discover_deployed_images — the one discovery, not
// reimplemented here): release "release-name" in the ChartMirror's namespace, with
// spec.capabilities as .Capabilities.
//
// A chart that cannot be loaded is a Failure of that chart, with a reason class a cluster
// admin can act on: ValuesNotFound (a ConfigMap, Secret or key valuesFrom names is missing),
// ValuesInvalid, ChartNotFound, ChartFetchFailed, ChartInvalid, ChartRenderFailed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/deps/dependency_resolver.h"
#include "charts/repo/chart_source.h"
#include "charts/repo/fetched_chart.h"
#include "controllers/cluster.h"
#include "controllers/spec.h"
#include "controllers/status.h"
#include "registry/ref/reference.h"
#include "support/result.h"

namespace chartmirror::controllers {

struct LoadedChart {
  charts::FetchedChart fetched;
  charts::ResolvedTree tree;
  std::vector<registry::Reference> images;  // as discovered, each once, sorted
  std::vector<std::string> warnings;
};

[[nodiscard]] Result<LoadedChart, Failure> load_chart(const ChartSpec& chart,
                                                      const ChartMirrorSpec& spec,
                                                      charts::ChartSources& sources,
                                                      Cluster& cluster,
                                                      std::string_view object_namespace,
                                                      std::string_view default_kube_version = {});

}  // namespace chartmirror::controllers
