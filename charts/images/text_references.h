// charts/images/text_references.h — image references written inside strings that are not
// image fields: what an operator launches later (container arguments, env values, ConfigMap
// and Secret values, embedded configuration).
//
// Such a string names an image only when it is unmistakably one; a false image makes the
// mirror fail on something that does not exist. A FULL reference is text that
//   - registry::Reference::parse accepts as written (no whitespace, no scheme, no leading '/'),
//   - carries an explicit tag or digest ("quay.io/a/b:v1", "ghcr.io/a/b@sha256:…"), and
//   - has a '/' in its name ("hashicorp/vault:1.16.1", not "busybox:1.36").
// So apiVersions ("apps/v1": no tag), URLs ("http://x/y:1"), paths ("/etc/x:y"), "key:value",
// "host:port" and prose never count.
//
// Where in a string a full reference is looked for — what the shared corpus writes:
//   - a one-line string: the whole string (kString: `--image`, `quay.io/x:1` as an argument,
//     vault's AGENT_INJECT_VAULT_IMAGE env value, trivy-operator's
//     `node.collector.imageRef`), else what follows its first '=' (kFlagValue: cert-manager's
//     `--acme-http01-solver-image=…`, kube-prometheus-stack's
//     `--prometheus-config-reloader=…` and `--thanos-default-base-image=…`);
//   - a multi-line string (embedded YAML, JSON or a script): each line, trimmed, without a
//     leading "- ", as a whole, as "KEY: VALUE" (KEY a plain or quoted YAML key without
//     spaces; VALUE unquoted, a trailing ',' dropped), or as "--flag=VALUE" (kTextLine:
//     kubescape-operator's host-scanner DaemonSet and CronJob templates in ConfigMaps).
// A line "KEY: VALUE" whose KEY holds a space is prose ("Example: ghcr.io/…"): passed over.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "charts/images/found_image.h"
#include "registry/ref/reference.h"

namespace chartmirror::charts::images {

// The reference `text` names, when it is a FULL reference (above) as written.
[[nodiscard]] std::optional<registry::Reference> parse_full_reference(std::string_view text);

struct TextReference {
  registry::Reference reference;
  TemplateMatch match = TemplateMatch::kString;  // kString, kFlagValue or kTextLine
};

// Every full reference in `text` by the rules above, each once, in the order found.
[[nodiscard]] std::vector<TextReference> references_in_text(std::string_view text);

}  // namespace chartmirror::charts::images
