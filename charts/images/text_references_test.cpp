#include "charts/images/text_references.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::images {
namespace {

const std::string kDigest =
    "sha256:4981767b787c69126e190e33aee93d5a076639083c21f0e7c29596a519c64a2e";

TEST_CASE("parse_full_reference takes only unmistakable references") {
  struct Case {
    std::string text;
    std::string want;  // empty: not a full reference
  };
  const std::vector<Case> cases = {
      {"quay.io/jetstack/cert-manager-acmesolver:v1.13.2",
       "quay.io/jetstack/cert-manager-acmesolver:v1.13.2"},
      {"hashicorp/vault:1.16.1", "docker.io/hashicorp/vault:1.16.1"},
      {"ghcr.io/a/b@" + kDigest, "ghcr.io/a/b@" + kDigest},
      {"ghcr.io/a/b:1.6.3@" + kDigest, "ghcr.io/a/b:1.6.3@" + kDigest},
      {"localhost:5000/x:1", "localhost:5000/x:1"},
      // No tag or digest: its version comes from elsewhere.
      {"ghcr.io/aquasecurity/trivy", ""},
      {"apps/v1", ""},
      {"cilium/istio_proxy", ""},
      // No '/': "key:value", "host:port", and short names outside image fields.
      {"busybox:1.36", ""},
      {"key:value", ""},
      {"localhost:8080", ""},
      // Not references at all.
      {"http://example.com/a:1", ""},
      {"/etc/x:y", ""},
      {"config/out:rw x", ""},
      {"Quay.io/Upper/Case:1", ""},
      {"ghcr.io/a/b:bad:tag", ""},
      {"", ""},
      {"a/b:", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const auto got = parse_full_reference(c.text);
    if (c.want.empty()) {
      CHECK_FALSE(got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(got->str() == c.want);
    }
  }
}

TEST_CASE("references_in_text: where in a string references are looked for") {
  struct Case {
    std::string text;
    std::vector<std::string> want;  // "REFERENCE MATCH"
  };
  const std::vector<Case> cases = {
      {"quay.io/a/b:1", {"quay.io/a/b:1 string"}},
      {"  quay.io/a/b:1 ", {"quay.io/a/b:1 string"}},
      {"--acme-http01-solver-image=quay.io/jetstack/cert-manager-acmesolver:v1.13.2",
       {"quay.io/jetstack/cert-manager-acmesolver:v1.13.2 flag-value"}},
      {"--image=\"quay.io/a/b:1\"", {"quay.io/a/b:1 flag-value"}},
      {"--config=/etc/config.yaml", {}},
      {"--apiserver=https://kubernetes.default:443", {}},
      {"image: quay.io/a/b:1", {}},  // one line: a string, not YAML
      // Embedded YAML: kubescape-operator's host-scanner DaemonSet in a ConfigMap.
      {"apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  containers:\n"
       "    - name: host-sensor\n      image: \"quay.io/kubescape/host-scanner:v1.0.66\"\n",
       {"quay.io/kubescape/host-scanner:v1.0.66 text-line"}},
      {"- image: quay.io/a/b:1\n- image: quay.io/a/b:1\n", {"quay.io/a/b:1 text-line"}},
      // JSON, a script, a list of flags.
      {"{\n  \"image\": \"ghcr.io/a/b:2\",\n  \"x\": 1\n}", {"ghcr.io/a/b:2 text-line"}},
      {"set -e\ncrane copy ghcr.io/a/b:2 x\n", {}},
      {"--one=quay.io/a/b:1\n- --two=quay.io/c/d:2\n",
       {"quay.io/a/b:1 text-line", "quay.io/c/d:2 text-line"}},
      {"quay.io/a/b:1\nquay.io/c/d:2", {"quay.io/a/b:1 text-line", "quay.io/c/d:2 text-line"}},
      // Prose: the key holds spaces (kyverno's CRD descriptions).
      {"A reference to the image.\nimage in the registry. Example: ghcr.io/kyverno/kyverno:latest",
       {}},
      {"server: prometheus.default.svc:9090/api/v1/write\nurl: http://a/b:1\n", {}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    std::vector<std::string> got;
    for (const TextReference& found : references_in_text(c.text)) {
      got.push_back(found.reference.str() + " " + match_name(found.match));
    }
    CHECK(got == c.want);
  }
}

}  // namespace
}  // namespace chartmirror::charts::images
