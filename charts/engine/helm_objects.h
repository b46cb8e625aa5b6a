// charts/engine/helm_objects.h — the Go objects Helm puts beside .Values: .Chart, .Files and
// .Capabilities, as Go-typed values (charts/template/go_type.h) with Helm 3.17's type names,
// fields and methods, so that templates read them, call their methods and fail on them as
// under helm:
//   .Chart         struct { chart.Metadata; IsRoot bool }: Name Home Sources Version
//                  Description Keywords Maintainers Icon APIVersion Condition Tags AppVersion
//                  Deprecated Annotations KubeVersion Dependencies Type IsRoot
//   .Files         engine.files (a map of path → bytes): Get GetBytes Glob Lines AsConfig
//                  AsSecrets; `.Files.x` is the file x, or [] when absent
//   .Capabilities  *chartutil.Capabilities: APIVersions (chartutil.VersionSet: Has),
//                  KubeVersion (chartutil.KubeVersion: Version Major Minor, String,
//                  GitVersion), HelmVersion (version.BuildInfo of helm v3.17.3)
// File contents are Go []byte in Helm; here they are strings, so GetBytes and `.Files.x`
// print as text where Go prints a list of bytes. toYaml/toJson of these objects write their
// Go field names (Helm: their json tags, empty fields omitted; a VersionSet as a list), and
// Sprig's functions that format a value (quote, print) see a map where Go formats a struct
// ("{v1.31.0 1 31}" for `quote .Capabilities.KubeVersion`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "charts/template/go_type.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::engine {

// chartutil.KubeVersion.
struct KubeVersion {
  std::string version = "v1.32.0";  // helm 3.17.3's default (client-go v0.32)
  std::string major = "1";
  std::string minor = "32";
};

// chartutil.ParseKubeVersion (--kube-version): "1.31.4" → {"v1.31.4", "1", "31"}.
[[nodiscard]] Result<KubeVersion, Error> parse_kube_version(std::string_view text);

struct Capabilities {
  KubeVersion kube_version;
  // chartutil.DefaultVersionSet (client-go v0.32's scheme) followed by --api-versions.
  std::vector<std::string> api_versions = default_api_versions();

  [[nodiscard]] static const std::vector<std::string>& default_api_versions();
};

// The types above, with their methods, for ExecOptions::go_types.
[[nodiscard]] const tmpl::GoTypes& helm_go_types();

[[nodiscard]] values::Value capabilities_value(const Capabilities& capabilities);
// .Files of `chart` (Chart::other_files()).
[[nodiscard]] values::Value files_value(const Chart& chart);
// .Chart: `metadata` with `name` in place of its own (a subchart's alias).
[[nodiscard]] values::Value chart_value(const Metadata& metadata, std::string_view name,
                                        bool is_root);

}  // namespace chartmirror::charts::engine
