// charts/images/manifest_stream.h — a rendered release, as `helm template` prints it, split
// into its documents.
//
// `helm template` prints every manifest as "---\n# Source: CHART/templates/FILE\n<YAML>\n",
// hooks last. Helm itself splits such text with releaseutil.SplitManifests: a separator is
// "---" at the start of the text or right after a newline, together with the whitespace
// before that newline and all whitespace after the dashes (the regexp `(?:^|\s*\n)---\s*`,
// matched left to right, so "---" is a separator even when more follows on its line). The
// text and each document are trimmed (strings.TrimSpace) and empty documents dropped. That
// split is charts/engine's (engine::split_manifests, which `helm template`'s output is made
// with); this adds the `# Source:` of each document. It reads helm's stream or ours alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chartmirror::charts::images {

struct ManifestDocument {
  // The template that printed it: what follows "# Source: " on the document's first line,
  // empty when the document does not start with one.
  std::string source;
  std::string text;  // the document, trimmed, "# Source:" line included
};

// The non-empty documents of `stream`, in order.
[[nodiscard]] std::vector<ManifestDocument> split_manifests(std::string_view stream);

}  // namespace chartmirror::charts::images
