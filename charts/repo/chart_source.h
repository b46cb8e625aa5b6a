// charts/repo/chart_source.h — the one way from what a user typed as CHART to the chart's
// archive (DESIGN.md: `chartmirror images CHART [--repo URL] [--version V]`, and a ChartMirror's
// spec.source.url with a chart name).
//
// CHART is, in helm's order (pkg/action/install.go LocateChart):
//   1. with a repository URL (--repo): a chart name in that repository — a classic HTTP
//      repository (http_repository.h), or, beyond helm, an oci:// URL under which the chart
//      is the repository URL/NAME (what spec.source.url: oci://… with a chart name means);
//   2. oci://HOST/PATH/NAME[:TAG][@DIGEST]: a chart in an OCI registry (oci_source.h);
//   3. an existing path: a directory is a chart directory; any other file a chart archive,
//      read whole, with NAME.tgz.prov beside it as its provenance (as helm push takes it);
//      the version asked is ignored, as helm ignores it for local charts;
//   4. else, an absolute path or one starting with '.' is kNotFound ("path not found"), and
//      anything else kInvalidInput: helm would look the name up in its repositories.yaml,
//      which chartmirror does not read — the repository URL must be given.
// An HTTP repository's index is read once per ChartSources object, however many of its charts
// are fetched; OCI registries keep their connections and tokens likewise.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "charts/error.h"
#include "charts/oci/registry_access.h"
#include "charts/repo/fetched_chart.h"
#include "charts/repo/http_repository.h"
#include "registry/auth/credentials.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::charts {

struct ChartRequest {
  std::string chart;     // CHART as typed
  std::string repo_url;  // --repo (or spec.source.url); "" when CHART says where it is
  std::string version;   // --version: exact, a constraint, or "" for the newest stable
  bool devel = false;    // --devel: with no version asked, prereleases too
};

struct ChartSourceOptions {
  std::string username;                 // --username: the HTTP repository or OCI registry
  std::string password;                 // --password (secret)
  bool pass_credentials_all = false;    // --pass-credentials (HTTP repositories)
  registry::transport::TlsOptions tls;  // --ca-file, --insecure-skip-tls-verify, --cert/key-file
  bool plain_http = false;              // --plain-http (OCI registries)
  std::string registry_config;          // --registry-config (OCI); "" = the docker default
  std::optional<registry::auth::DockerConfig> docker_config;  // instead of registry_config
  size_t max_index_bytes = kMaxIndexBytes;
  size_t max_chart_bytes = kMaxChartBytes;
  // Whether a local archive's FetchedChart::digest is computed. Hashing is 4–14% of a
  // `chartmirror template` run that never prints it; a caller that reads no digest (template)
  // sets false and gets "". Fetched archives are always hashed: the digest checks them.
  bool local_archive_digest = true;
};

class ChartSources {
 public:
  explicit ChartSources(ChartSourceOptions options);

  [[nodiscard]] Result<FetchedChart, Error> fetch(const ChartRequest& request);

 private:
  Result<FetchedChart, Error> fetch_from_repository(const ChartRequest& request);
  Result<FetchedChart, Error> fetch_from_oci(const std::string& reference,
                                             const ChartRequest& request);
  Result<FetchedChart, Error> fetch_local(const ChartRequest& request) const;

  ChartSourceOptions options_;
  std::map<std::string, ChartRepository> repositories_;  // by URL, as given
  std::shared_ptr<OciRegistries> registries_;            // made on first use
};

// One chart, with a ChartSources of its own.
[[nodiscard]] Result<FetchedChart, Error> fetch_chart(const ChartRequest& request,
                                                      const ChartSourceOptions& options);

}  // namespace chartmirror::charts
