#include "charts/deps/dependency_resolver.h"

#include <algorithm>
#include <set>
#include <utility>

#include "charts/chart/archive.h"

namespace chartmirror::charts {
namespace {

std::string label(const Chart& chart) { return chart.name() + "@" + chart.version(); }

Error dependency_error(const Chart& parent, const Dependency& dependency, Error::Code code,
                       std::string message) {
  return Error{.code = code,
               .message = "dependency \"" + dependency.name + "\" of chart " + label(parent) +
                          ": " + std::move(message),
               .source = parent.source()};
}

std::string join(const std::vector<std::string>& path, std::string_view last) {
  std::string text;
  for (const auto& step : path) text += step + " -> ";
  return text + std::string(last);
}

class Resolver {
 public:
  Resolver(const ChartFetcher& fetch, std::vector<ResolvedChart>& out) : fetch_(fetch), out_(out) {}

  // Resolves the dependencies of `chart` (in place); `path` holds the charts above it.
  Status<Error> resolve(Chart& chart, const std::filesystem::path& dir,
                        std::vector<std::string>& path) {
    if (static_cast<int>(path.size()) > kMaxDependencyDepth) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = "dependencies nest more than " + std::to_string(kMaxDependencyDepth) +
                              " levels deep: " + join(path, label(chart)),
                   .source = chart.source()};
    }
    path.push_back(label(chart));
    // Fetched ones first (resolved as they are fetched), then the vendored ones.
    std::set<std::string, std::less<>> fetched_here;
    for (const Dependency& dependency : chart.metadata().dependencies) {
      const auto& present = chart.dependencies();
      const bool vendored = std::any_of(present.begin(), present.end(), [&](const Chart& sub) {
        return sub.name() == dependency.name;
      });
      if (vendored) continue;
      auto fetched = fetch_one(chart, dependency, dir, path);
      if (!fetched.ok()) return fetched.error();
      fetched_here.insert(fetched->name());
      chart.add_dependency(std::move(fetched).value());
    }
    for (Chart& sub : chart.dependencies()) {
      if (fetched_here.contains(sub.name())) continue;
      out_.push_back(ResolvedChart{.name = sub.name(),
                                   .version = sub.version(),
                                   .source = chart.source() + " > " + sub.source(),
                                   .path = path,
                                   .vendored = true});
      if (auto done = resolve(sub, {}, path); !done.ok()) return done;
    }
    path.pop_back();
    return Done{};
  }

 private:
  Result<Chart, Error> fetch_one(const Chart& parent, const Dependency& dependency,
                                 const std::filesystem::path& dir,
                                 const std::vector<std::string>& path) {
    const std::string& repository = dependency.repository;
    if (repository.empty()) {
      return dependency_error(parent, dependency, Error::Code::kNotFound,
                              "it is not vendored under charts/ and names no repository; run "
                              "`helm dependency build` or give its repository in Chart.yaml");
    }
    if (repository.starts_with("@") || repository.starts_with("alias:")) {
      return dependency_error(parent, dependency, Error::Code::kInvalidInput,
                              "repository \"" + repository +
                                  "\" names an entry of helm's repositories.yaml, which "
                                  "chartmirror does not read; write the repository's URL in "
                                  "Chart.yaml instead");
    }
    Result<Chart, Error> loaded = Error{};
    FetchedChart fetched;
    std::filesystem::path sub_dir;
    if (repository.starts_with("file://")) {
      if (dir.empty()) {
        return dependency_error(parent, dependency, Error::Code::kInvalidInput,
                                "repository " + repository +
                                    " is a path relative to the chart's directory, and this "
                                    "chart was not loaded from a directory");
      }
      const std::filesystem::path target = dir / repository.substr(7);
      loaded = load_chart(target);
      if (!loaded.ok()) {
        return dependency_error(parent, dependency, loaded.error().code, loaded.error().describe());
      }
      fetched.source = target.string();
      if (std::filesystem::is_directory(target)) sub_dir = target;
    } else if (repository.starts_with("https://") || repository.starts_with("http://") ||
               repository.starts_with("oci://")) {
      auto got = fetch_(ChartRequest{
          .chart = dependency.name, .repo_url = repository, .version = dependency.version});
      if (!got.ok()) {
        return dependency_error(parent, dependency, got.error().code, got.error().describe());
      }
      fetched = std::move(got).value();
      loaded = load_archive(fetched.archive, fetched.source);
      if (!loaded.ok()) {
        return dependency_error(parent, dependency, loaded.error().code, loaded.error().describe());
      }
    } else {
      return dependency_error(
          parent, dependency, Error::Code::kInvalidInput,
          "repository \"" + repository + "\" is not an http(s)://, oci:// or file:// URL");
    }
    Chart chart = std::move(loaded).value();
    if (chart.name() != dependency.name) {
      return dependency_error(parent, dependency, Error::Code::kInvalidInput,
                              fetched.source + " holds chart \"" + chart.name() + "\"");
    }
    if (std::find(path.begin(), path.end(), label(chart)) != path.end()) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = "dependency cycle: " + join(path, label(chart)),
                   .source = parent.source()};
    }
    std::vector<std::string> below = path;
    auto resolved = resolve_fetched(std::move(chart), std::move(fetched), sub_dir, below);
    if (!resolved.ok()) return resolved.error();
    return resolved;
  }

  Result<Chart, Error> resolve_fetched(Chart chart, FetchedChart fetched,
                                       const std::filesystem::path& dir,
                                       std::vector<std::string>& path) {
    out_.push_back(ResolvedChart{.name = chart.name(),
                                 .version = chart.version(),
                                 .source = fetched.source,
                                 .digest = fetched.digest,
                                 .archive = std::move(fetched.archive),
                                 .path = path});
    if (auto done = resolve(chart, dir, path); !done.ok()) return done.error();
    return chart;
  }

  const ChartFetcher& fetch_;
  std::vector<ResolvedChart>& out_;
};

}  // namespace

Result<ResolvedTree, Error> resolve_dependencies(Chart chart, const FetchedChart& top,
                                                 const std::filesystem::path& chart_dir,
                                                 const ChartFetcher& fetch) {
  ResolvedTree tree{.chart = std::move(chart)};
  tree.charts.push_back(ResolvedChart{.name = tree.chart.name(),
                                      .version = tree.chart.version(),
                                      .source = top.source,
                                      .digest = top.digest,
                                      .archive = top.archive});
  Resolver resolver(fetch, tree.charts);
  std::vector<std::string> path;
  if (auto done = resolver.resolve(tree.chart, chart_dir, path); !done.ok()) return done.error();
  return tree;
}

}  // namespace chartmirror::charts
