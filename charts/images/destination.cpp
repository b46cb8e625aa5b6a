#include "charts/images/destination.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace chartmirror::charts::images {
namespace {

constexpr std::string_view kOciScheme = "oci://";
constexpr std::string_view kChartsPath = "charts";
constexpr std::string_view kRewrittenChartsPath = "charts/rewritten";

Error invalid(std::string_view destination, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(destination)};
}

// The destination without "oci://" and trailing '/', checked: HOST[/PATH].
Result<std::string, Error> parse_destination(std::string_view text) {
  std::string_view rest = text;
  if (rest.starts_with(kOciScheme)) rest.remove_prefix(kOciScheme.size());
  while (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.find("://") != std::string_view::npos) {
    return invalid(text, "the destination is a registry and path (oci://HOST[:PORT][/PATH]); " +
                             std::string("no other scheme"));
  }
  const std::string_view host = rest.substr(0, rest.find('/'));
  const bool is_host = host.find('.') != std::string_view::npos ||
                       host.find(':') != std::string_view::npos || host == "localhost";
  if (host.empty() || !is_host) {
    return invalid(text,
                   "the destination must start with a registry host (a name with '.' or a "
                   "port, or localhost), as in registry.corp:5000/mirror");
  }
  auto probe = registry::Reference::parse(std::string(rest) + "/probe:probe");
  if (!probe.ok()) return invalid(text, "not a registry and path: " + probe.error().message);
  return std::string(rest);
}

// REGISTRY as one repository path component: lowercase, the port's ':' as '_', IPv6
// brackets dropped.
std::string registry_component(std::string_view registry) {
  std::string out;
  for (const char c : registry) {
    if (c == '[' || c == ']') continue;
    out += c == ':' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool in_charts_namespace(std::string_view path) {
  return path == kChartsPath ||
         (path.starts_with(kChartsPath) && path.substr(kChartsPath.size()).starts_with('/'));
}

std::string with_identifiers(std::string name, const registry::Reference& source) {
  if (!source.tag().empty()) name += ":" + source.tag();
  if (!source.digest().empty()) name += "@" + source.digest();
  return name;
}

// <destination>/<under>/<name>:<version>.
Result<registry::Reference, Error> chart_under(std::string_view destination, std::string_view under,
                                               std::string_view name, std::string_view version) {
  auto base = parse_destination(destination);
  if (!base.ok()) return base.error();
  if (name.empty() || version.empty()) {
    return invalid(destination, "a chart destination needs the chart's name and version");
  }
  std::string tag(version);
  std::replace(tag.begin(), tag.end(), '+', '_');
  const std::string text = *base + "/" + std::string(under) + "/" + std::string(name) + ":" + tag;
  auto reference = registry::Reference::parse(text);
  if (!reference.ok()) {
    return invalid(destination, "chart " + std::string(name) + " " + std::string(version) +
                                    " makes no valid reference (" + text +
                                    "): " + reference.error().message);
  }
  return std::move(reference).value();
}

}  // namespace

Result<std::vector<ImageDestination>, Error> image_destinations(
    const std::vector<registry::Reference>& sources, std::string_view destination) {
  auto base = parse_destination(destination);
  if (!base.ok()) return base.error();

  std::map<std::string, const registry::Reference*> unique;  // by str(): sorted, distinct
  std::map<std::string, std::set<std::string>> registries_of_path;
  for (const registry::Reference& source : sources) {
    unique.emplace(source.str(), &source);
    registries_of_path[source.repository()].insert(source.registry());
  }

  std::vector<ImageDestination> out;
  std::map<std::string, std::string> source_of_name;  // destination name → source name
  for (const auto& [text, source] : unique) {
    const bool prefixed = registries_of_path[source->repository()].size() > 1 ||
                          in_charts_namespace(source->repository());
    std::string name = *base + "/";
    if (prefixed) name += registry_component(source->registry()) + "/";
    name += source->repository();
    auto mapped = registry::Reference::parse(with_identifiers(name, *source));
    if (!mapped.ok()) {
      std::string message = "cannot mirror " + text;
      message += " to " + name + ": " + mapped.error().message;
      return invalid(destination, std::move(message));
    }
    const auto [claimed, fresh] = source_of_name.emplace(mapped->name(), source->name());
    if (!fresh && claimed->second != source->name()) {
      return invalid(destination, claimed->second + " and " + source->name() +
                                      " would both be mirrored to " + mapped->name());
    }
    out.push_back(ImageDestination{.source = *source,
                                   .destination = std::move(mapped).value(),
                                   .registry_prefixed = prefixed});
  }
  return out;
}

Result<registry::Reference, Error> chart_destination(std::string_view destination,
                                                     std::string_view name,
                                                     std::string_view version) {
  return chart_under(destination, kChartsPath, name, version);
}

Result<registry::Reference, Error> rewritten_chart_destination(std::string_view destination,
                                                               std::string_view name,
                                                               std::string_view version) {
  return chart_under(destination, kRewrittenChartsPath, name, version);
}

}  // namespace chartmirror::charts::images
