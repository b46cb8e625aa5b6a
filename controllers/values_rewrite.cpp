#include "controllers/values_rewrite.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "charts/chart/archive.h"
#include "charts/images/chart_values.h"
#include "charts/images/discover.h"
#include "charts/rewrite/rewrite_chart.h"

namespace chartmirror::controllers {
namespace {

// The destination of `source` in the repository `mapping` copied its repository to.
Result<registry::Reference, registry::Error> moved(const registry::Reference& source,
                                                   const registry::Reference& mapping) {
  std::string text = mapping.name();
  if (!source.tag().empty()) text += ":" + source.tag();
  if (!source.digest().empty()) text += "@" + source.digest();
  return registry::Reference::parse(text);
}

Result<RewrittenChart, charts::Error> rewrite(
    const charts::ResolvedTree& tree, const charts::FetchedChart& fetched,
    const std::vector<charts::images::ImageDestination>& copied) {
  const charts::Chart& chart = tree.chart;
  auto values = charts::images::render_chart_values(chart, charts::values::Value());
  if (!values.ok()) return values.error();
  const charts::images::Discovery named = charts::images::discover_images(chart, *values);

  std::map<std::string, const registry::Reference*> by_repository;
  for (const auto& entry : copied) by_repository.emplace(entry.source.name(), &entry.destination);
  std::vector<charts::images::ImageDestination> destinations;
  for (const auto& image : named.images) {
    const auto found = by_repository.find(image.reference.name());
    if (found == by_repository.end()) continue;
    auto destination = moved(image.reference, *found->second);
    if (!destination.ok()) continue;  // cannot happen: the parts come from valid references
    destinations.push_back({.source = image.reference, .destination = *destination});
  }
  auto rewritten = charts::rewrite::rewrite_chart(chart, fetched.digest, values->values,
                                                  named.images, destinations);
  if (!rewritten.ok()) return rewritten.error();
  auto loaded = charts::load_archive(rewritten->archive, "rewritten " + chart.name());
  if (!loaded.ok()) return loaded.error();
  return RewrittenChart{.archive = std::move(rewritten->archive),
                        .config_json = loaded->metadata().to_json()};
}

}  // namespace

ValuesRewriter chart_values_rewriter() { return rewrite; }

}  // namespace chartmirror::controllers
