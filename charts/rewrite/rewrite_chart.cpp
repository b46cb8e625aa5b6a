#include "charts/rewrite/rewrite_chart.h"

#include "charts/chart/archive.h"
#include "charts/chart/package.h"
#include "charts/rewrite/chart_yaml.h"
#include "charts/rewrite/values_file.h"
#include "registry/oci/digest.h"

namespace chartmirror::charts::rewrite {
namespace {

Error invalid(const Chart& chart, std::string message) {
  return Error{
      .code = Error::Code::kInvalidInput, .message = std::move(message), .source = chart.source()};
}

// Says which step failed, about the chart.
Error in_step(const Chart& chart, std::string_view step, Error error) {
  error.message = "rewriting chart " + chart.name() + " " + chart.version() + ", " +
                  std::string(step) + ": " + error.message;
  if (error.source.empty()) error.source = chart.source();
  return error;
}

}  // namespace

Result<RewrittenChart, Error> rewrite_chart(
    const Chart& chart, std::string_view source_digest, const values::Value& values,
    const std::vector<images::DiscoveredImage>& images,
    const std::vector<images::ImageDestination>& destinations, const RewriteOptions& options) {
  auto digest = registry::oci::Digest::parse(source_digest);
  if (!digest.ok() || digest->algorithm_id() != registry::oci::Digest::Algorithm::kSha256) {
    return invalid(chart, "the source chart's digest must be sha256:<hex>, not \"" +
                              std::string(source_digest) + "\"");
  }
  OverridePlan plan = plan_overrides(images, destinations, values);

  Chart rewritten = chart;
  if (!plan.overrides.empty()) {
    auto file = rewrite_values_file(chart.values(), plan.overrides, values, source_digest);
    if (!file.ok()) return in_step(chart, "values.yaml", file.error());
    if (auto set = rewritten.set_file("values.yaml", std::move(file).value()); !set.ok()) {
      return in_step(chart, "values.yaml", set.error());
    }
  }

  DestinationIndex index;
  for (const images::ImageDestination& entry : destinations) {
    index.emplace(entry.source.str(), entry.destination);
  }
  Metadata metadata = rewrite_metadata(chart.metadata(), index, source_digest);
  // A v1 chart's dependencies are in requirements.yaml, which stays; in its Chart.yaml `helm
  // lint` refuses them ("dependencies are not valid in the Chart file with apiVersion 'v1'").
  if (metadata.api_version == "v1" && chart.find("requirements.yaml") != nullptr) {
    metadata.dependencies.clear();
  }
  auto text = chart_yaml(metadata);
  if (!text.ok()) return in_step(chart, "Chart.yaml", text.error());
  if (auto set = rewritten.set_file("Chart.yaml", std::move(text).value()); !set.ok()) {
    return in_step(chart, "Chart.yaml", set.error());
  }

  auto archive = package_chart(rewritten, PackageOptions{.mtime = options.mtime});
  if (!archive.ok()) return in_step(chart, "packaging", archive.error());
  RewrittenChart out{.archive = std::move(archive).value(),
                     .digest = {},
                     .overrides = std::move(plan.overrides),
                     .not_rewritten = std::move(plan.not_rewritten),
                     .rewritten = plan.rewritten};
  out.digest = registry::oci::Digest::of(out.archive).str();
  return out;
}

Result<RewrittenChart, Error> rewrite_chart_archive(
    std::string_view archive, const values::Value& values,
    const std::vector<images::DiscoveredImage>& images,
    const std::vector<images::ImageDestination>& destinations, const RewriteOptions& options) {
  auto chart = load_archive(archive, "chart archive");
  if (!chart.ok()) return chart.error();
  return rewrite_chart(*chart, registry::oci::Digest::of(archive).str(), values, images,
                       destinations, options);
}

}  // namespace chartmirror::charts::rewrite
