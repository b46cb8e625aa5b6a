// charts/deps/dependency_resolver.h — a chart's dependencies, found: vendored, or fetched.
//
// `helm template` renders only what is vendored under charts/; `helm dependency build` fetches
// the rest first. chartmirror mirrors charts whose dependencies may not be vendored (a chart
// directory from git), so it does what `dependency build` does, for every dependency of
// Chart.yaml, recursively:
//   1. Vendored: a subchart with the dependency's name is used as it is, whatever its version
//      (helm template's own check, action.CheckDependencies, compares names only).
//   2. Otherwise the dependency's `repository` says where it is:
//        https:// or http://   a classic repository: the newest version in the constraint;
//        oci://HOST/PATH       an OCI registry: the chart is HOST/PATH/NAME;
//        file://PATH           a chart directory or archive, relative to the chart's directory
//                              (only for a chart loaded from a directory, as in Helm);
//        @NAME or alias:NAME   a helm repositories.yaml entry, which chartmirror does not read:
//                              an error that asks for the repository's URL;
//        empty                 an error: it should have been vendored.
//      The fetched chart must have the dependency's name; it is added to the chart's
//      subcharts, and its own dependencies are resolved the same way.
// A chart that depends on itself through a chain of fetched dependencies (name and version
// seen again on the way down) is a cycle, and an error naming the chain; so is nesting deeper
// than kMaxDepth.
//
// Every chart met — the top chart, each vendored subchart, each fetched one — is listed once
// in `charts` (DESIGN.md: each dependency is itself a chart to mirror), parents first.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "charts/repo/chart_source.h"
#include "charts/repo/fetched_chart.h"
#include "support/result.h"

namespace chartmirror::charts {

// One chart of the tree, as the mirror sees it.
struct ResolvedChart {
  std::string name;
  std::string version;
  // Where it came from: a repository URL or OCI reference for a fetched chart (FetchedChart's
  // source), "<parent source> > charts/x.tgz" for a vendored one.
  std::string source;
  std::string digest;             // sha256 of the archive as fetched; empty for vendored charts
  std::string archive;            // the archive as fetched; empty for vendored charts
  std::vector<std::string> path;  // "name@version" of each chart above it, the top first
  bool vendored = false;
};

struct ResolvedTree {
  Chart chart;                        // with every dependency among its subcharts
  std::vector<ResolvedChart> charts;  // the top chart first
};

// Fetches one chart (charts/repo's ChartSources::fetch, or a test's stand-in).
using ChartFetcher = std::function<Result<FetchedChart, Error>(const ChartRequest&)>;

inline constexpr int kMaxDependencyDepth = 16;

// `chart` as loaded; `chart_dir` the directory it was loaded from (empty when it came from an
// archive: file:// dependencies are then an error); `top` says where the top chart came from.
[[nodiscard]] Result<ResolvedTree, Error> resolve_dependencies(
    Chart chart, const FetchedChart& top, const std::filesystem::path& chart_dir,
    const ChartFetcher& fetch);

}  // namespace chartmirror::charts
