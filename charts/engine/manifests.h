// charts/engine/manifests.h — what `helm template` prints from the rendered files (Helm
// 3.17.3: pkg/action/action.go renderResources, pkg/releaseutil/manifest_sorter.go and
// kind_sorter.go, cmd/helm/template.go).
//
//   0. Only application charts install ("library charts are not installable").
//   1. The top chart's kubeVersion constraint must accept the Kubernetes version ("chart
//      requires kubeVersion: C which is incompatible with Kubernetes V").
//   2. NOTES.txt outputs are dropped; so are partials and outputs that are only whitespace.
//   3. Each file, in path order, is split into documents (SplitManifests: at "---" that
//      starts the text or follows a newline, documents trimmed, empty ones dropped). Each
//      document's head (kind, metadata.name, metadata.annotations) is read as YAML ("YAML
//      parse error on PATH: ..." otherwise). A document annotated helm.sh/hook is a hook —
//      dropped when one of its comma-separated events is unknown —, any other a manifest.
//   4. Manifests and hooks are each stably sorted by kind, in InstallOrder; unknown kinds
//      come last, ordered by kind name.
//   5. The output: with include_crds, every CRD file first; then the manifests, each as
//      "---\n# Source: PATH\nDOC\n"; the whole trimmed of surrounding space plus "\n"; then,
//      unless hooks are disabled, the hooks the same way (test hooks unless skip_tests).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/metadata.h"
#include "charts/engine/render.h"
#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts::engine {

struct TemplateOutputOptions {
  bool include_crds = false;   // --include-crds
  bool skip_tests = false;     // --skip-tests
  bool disable_hooks = false;  // --no-hooks
};

// releaseutil.SplitManifests: the documents of one file, in order, trimmed.
[[nodiscard]] std::vector<std::string> split_manifests(std::string_view text);

// `top` is the rendered chart's metadata, `kube_version` that of RenderOptions::capabilities.
[[nodiscard]] Result<std::string, Error> template_output(const Rendered& rendered,
                                                         const Metadata& top,
                                                         const KubeVersion& kube_version,
                                                         const TemplateOutputOptions& options = {});

}  // namespace chartmirror::charts::engine
