#include "charts/images/manifest_stream.h"

#include "charts/engine/manifests.h"
#include "charts/golang/unicode.h"

namespace chartmirror::charts::images {
namespace {

constexpr std::string_view kSourcePrefix = "# Source: ";

}  // namespace

std::vector<ManifestDocument> split_manifests(std::string_view stream) {
  std::vector<ManifestDocument> out;
  for (std::string& document : engine::split_manifests(stream)) {
    ManifestDocument doc{.source = {}, .text = std::move(document)};
    const std::string_view text = doc.text;
    if (text.starts_with(kSourcePrefix)) {
      const std::string_view rest = text.substr(kSourcePrefix.size());
      doc.source = std::string(go::trim_space(rest.substr(0, rest.find('\n'))));
    }
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace chartmirror::charts::images
