#include "charts/repo/oci_source.h"

#include <nlohmann/json.hpp>

#include "charts/oci/chart_manifest.h"
#include "charts/version/select.h"
#include "charts/version/semver.h"
#include "registry/oci/digest.h"
#include "registry/oci/manifest.h"

namespace chartmirror::charts {
namespace {

using registry::oci::Descriptor;

constexpr size_t kMaxConfigBytes = size_t{1} << 20;
constexpr size_t kMaxProvenanceBytes = size_t{1} << 20;
constexpr std::string_view kCreatedAnnotation = "org.opencontainers.image.created";

Error failed(const registry::Error& error, const OciReference& reference, const std::string& what) {
  Error out = from_registry_error(error, reference.str());
  if (error.http_status == 404 && out.code == Error::Code::kTransport) {
    out.code = Error::Code::kNotFound;
  }
  out.message = what + ": " + out.message;
  return out;
}

// A blob, whole, checked against its descriptor; kTooLarge past `limit`.
Result<std::string, Error> fetch_blob(registry::content::ReadableStore& store,
                                      const Descriptor& descriptor, size_t limit,
                                      const OciReference& reference, const std::string& what) {
  if (descriptor.size < 0 || static_cast<uint64_t>(descriptor.size) > limit) {
    return Error{.code = Error::Code::kTooLarge,
                 .message = what + " is " + std::to_string(descriptor.size) +
                            " bytes, more than the " + std::to_string(limit) + " chartmirror reads",
                 .source = reference.str()};
  }
  auto body = store.fetch_blob(descriptor);
  if (!body.ok()) return failed(body.error(), reference, "cannot download the " + what);
  registry::oci::DigestVerifier verifier(descriptor.digest, descriptor.size);
  std::string bytes;
  bytes.reserve(static_cast<size_t>(descriptor.size));
  char buffer[65536];
  while (true) {
    auto got = (*body)->read(buffer, sizeof buffer);
    if (!got.ok()) return failed(got.error(), reference, "cannot download the " + what);
    if (*got == 0) break;
    const std::string_view piece(buffer, *got);
    if (auto checked = verifier.update(piece); !checked.ok()) {
      return failed(checked.error(), reference, "the " + what);
    }
    bytes.append(piece);
  }
  if (auto checked = verifier.finish(); !checked.ok()) {
    return failed(checked.error(), reference, "the " + what);
  }
  return bytes;
}

// The version to pull: the one asked, or the reference's tag ('_' read '+').
Result<std::string, Error> asked_version(const OciReference& reference,
                                         const OciFetchOptions& options) {
  std::string version(options.version);
  if (reference.tag.empty()) return version;
  if (!version.empty() && version_to_tag(version) != reference.tag) {
    return Error{
        .code = Error::Code::kInvalidInput,
        .message = "chart reference and version mismatch: " + version + " is not " + reference.tag,
        .source = reference.str()};
  }
  return tag_to_version(reference.tag);
}

// The tag select_version chooses among the repository's tags for `version`.
Result<std::string, Error> choose_tag(registry::content::ReadableStore& store,
                                      const OciReference& reference, const std::string& version,
                                      bool devel) {
  auto tags = store.list_tags();
  if (!tags.ok()) return failed(tags.error(), reference, "cannot list the chart's versions");
  const std::string chart = reference.chart_name();
  const std::string location = reference.with_tag("").str();
  auto selected = select_version(*tags, {.chart = chart,
                                         .version = version,
                                         .devel = devel,
                                         .source = VersionSource::kOciTags,
                                         .location = location});
  if (!selected.ok()) return selected.error();
  return (*tags)[selected->index];
}

}  // namespace

Result<FetchedChart, Error> fetch_oci_chart(registry::content::ReadableStore& store,
                                            const OciReference& reference,
                                            const OciFetchOptions& options) {
  std::string tag;
  std::string version;
  bool listed = false;
  if (reference.digest.empty()) {
    auto asked = asked_version(reference, options);
    if (!asked.ok()) return asked.error();
    version = std::move(asked).value();
    if (!version.empty() && Version::parse(version).ok()) {
      tag = version_to_tag(version);  // helm pulls a version by its tag, without listing tags
    } else {
      auto chosen = choose_tag(store, reference, version, options.devel);
      if (!chosen.ok()) return chosen.error();
      tag = std::move(chosen).value();
      listed = true;
    }
  }
  OciReference named = reference.digest.empty() ? reference.with_tag(tag) : reference;
  auto descriptor = store.resolve(reference.digest.empty() ? tag : reference.digest);
  if (!descriptor.ok() && !listed && !tag.empty() &&
      descriptor.error().code == registry::Error::Code::kNotFound) {
    // No such tag: the tag list says which versions there are.
    auto chosen = choose_tag(store, reference, version, options.devel);
    if (!chosen.ok()) return chosen.error();
    tag = std::move(chosen).value();
    named = reference.with_tag(tag);
    descriptor = store.resolve(tag);
  }
  if (!descriptor.ok()) return failed(descriptor.error(), named, "cannot find the chart");
  auto bytes = store.fetch_manifest(*descriptor);
  if (!bytes.ok()) return failed(bytes.error(), named, "cannot read the chart's manifest");
  auto manifest = registry::oci::parse_manifest(*bytes, descriptor->media_type);
  if (!manifest.ok()) return failed(manifest.error(), named, "the chart's manifest");
  auto layers = chart_layers(*manifest, named.str());
  if (!layers.ok()) return layers.error();

  auto config = fetch_blob(store, layers->config, kMaxConfigBytes, named, "chart's config");
  if (!config.ok()) return config.error();
  std::string name;
  if (!tag.empty()) version = tag_to_version(tag);
  try {
    const auto metadata = nlohmann::json::parse(*config);
    name = metadata.value("name", "");
    if (tag.empty()) version = metadata.value("version", "");
  } catch (const nlohmann::json::exception& e) {
    return Error{
        .code = Error::Code::kInvalidInput,
        .message = std::string("the chart's config is not the JSON of its metadata: ") + e.what(),
        .source = named.str()};
  }
  auto archive = fetch_blob(store, layers->chart, options.max_chart_bytes, named, "chart archive");
  if (!archive.ok()) return archive.error();
  std::optional<std::string> provenance;
  if (layers->provenance) {
    auto prov =
        fetch_blob(store, *layers->provenance, kMaxProvenanceBytes, named, "provenance file");
    if (!prov.ok()) return prov.error();
    provenance = std::move(prov).value();
  }
  const auto& annotations = manifest->annotations();
  const auto created = annotations.find(std::string(kCreatedAnnotation));
  OciReference source = named;
  source.digest = manifest->digest().str();
  return FetchedChart{.kind = FetchedChart::Kind::kOci,
                      .name = name.empty() ? reference.chart_name() : name,
                      .version = std::move(version),
                      .source = source.str(),
                      .archive = std::move(archive).value(),
                      .digest = layers->chart.digest.str(),
                      .provenance = std::move(provenance),
                      .created = created == annotations.end() ? "" : created->second,
                      .path = {}};
}

Result<FetchedChart, Error> fetch_oci_chart(OciRegistries& registries,
                                            const OciReference& reference,
                                            const OciFetchOptions& options) {
  auto repository = registries.repository(reference);
  if (!repository.ok()) return repository.error();
  return fetch_oci_chart(**repository, reference, options);
}

}  // namespace chartmirror::charts
