// operator/cli/chart_input.h — what `chartmirror images` and `chartmirror template` share: the
// CHART argument and the flags that say where it comes from and which values it gets, read
// the way helm reads them, and the chart loaded from them.
//
//   CHART [--repo URL] [--version V] [--devel]
//   [-f values.yaml]... [--set k=v]... [--set-string k=v]... [--set-json k=json]...
//   [--set-file k=path]... [--set-literal k=v]... [--skip-schema-validation]
//   [--namespace NS] [--kube-version V] [--api-versions G/V[/Kind]]...
//   repository flags: --username, --password, --pass-credentials, --ca-file, --cert-file,
//                     --key-file, --insecure-skip-tls-verify
//   registry flags:   --registry-config FILE, --plain-http, --insecure
//
// CHART is what helm takes (charts/repo/chart_source.h): a directory or .tgz, oci://…, or a
// name with --repo. Loading fetches it, resolves its dependencies (fetched when not vendored)
// and merges the values as helm merges -f and --set. The values are checked before anything is
// downloaded, so that a typo in --set does not wait for the network.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "charts/deps/dependency_resolver.h"
#include "charts/engine/render.h"
#include "charts/error.h"
#include "charts/repo/chart_source.h"
#include "charts/values/set_parser.h"
#include "charts/values/value.h"
#include "operator/cli/flags.h"
#include "support/result.h"

namespace chartmirror::cli {

struct ChartInput {
  charts::ChartRequest request;
  charts::ChartSourceOptions sources;
  charts::values::ValuesOptions values;
  bool skip_schema_validation = false;
  std::string namespace_ = "default";
  std::string kube_version;               // empty: the renderer's default
  std::vector<std::string> api_versions;  // added to the default set
  // Read by finish(): the files the TLS flags name.
  std::string ca_file;
  std::string cert_file;
  std::string key_file;
  bool insecure_registry = false;
  bool insecure_repository = false;

  // Registers every flag above.
  void add_flags(FlagSet& flags);
  // After parsing: `chart` becomes the request's chart, the TLS files are read. A usage
  // problem, or nothing.
  [[nodiscard]] std::optional<std::string> finish(std::string chart);
};

// The flags above as a usage text, a line each, indented by two spaces.
[[nodiscard]] std::string_view chart_flags_usage();

// The render options of the flags: release `release_name` in --namespace, .Capabilities from
// --kube-version (a bad one is an error) and --api-versions.
[[nodiscard]] Result<charts::engine::RenderOptions, charts::Error> render_options(
    const ChartInput& input, std::string release_name);

struct LoadedChart {
  charts::FetchedChart fetched;
  charts::ResolvedTree tree;
  charts::values::Value user_values;
};

[[nodiscard]] Result<LoadedChart, charts::Error> load_chart(const ChartInput& input);

// Reports `error` for `command` ("chartmirror images: ...") and returns the exit code: 1 when
// fetching failed (the repository, or the bytes it sent), 2 when the input was bad.
[[nodiscard]] int report_chart_error(std::ostream& err, std::string_view command,
                                     const charts::Error& error);

}  // namespace chartmirror::cli
