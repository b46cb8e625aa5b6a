// charts/repo/http_repository.h — a classic Helm chart repository: index.yaml over HTTP(S),
// and the chart archives it lists.
//
// What helm 3.17 does (pkg/repo/chartrepo.go, pkg/getter/httpgetter.go, pkg/action/install.go
// LocateChart), and what chartmirror adds:
//   - index.yaml is the reference "index.yaml" resolved against the repository URL, and a
//     chart's URL is the first of its `urls` resolved the same way (repo_url.h: a trailing
//     slash is added to the repository URL, and its query goes along).
//   - Basic auth (username and password, or the URL's userinfo) goes with every request to the
//     repository's scheme and host:port, and to other hosts only with pass_credentials_all.
//     A redirect to another host never carries it (registry/transport).
//   - TLS: extra CA certificates, skipping verification, a client certificate; plain HTTP is
//     the URL's scheme. Proxies from the environment.
//   - Anything but 200 is an error; bodies are read to a limit (index.yaml: 64 MiB, a chart:
//     128 MiB by default), past which the answer is kTooLarge.
//   - Added: the archive's sha256 must equal the index entry's `digest` (helm does not check
//     it) — kIntegrity naming the chart, the URL and both digests otherwise. An entry without a
//     digest is accepted, as helm accepts it.
//   - The version is chosen by select_version (charts/version/select.h); a chart or version
//     not in the index is kNotFound listing the nearest names or versions.
// Errors name the repository URL (display_url: no credentials, no query) and the chart.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "charts/error.h"
#include "charts/repo/chart_index.h"
#include "charts/repo/fetched_chart.h"
#include "registry/transport/http_client.h"
#include "registry/transport/tls_options.h"
#include "support/result.h"

namespace chartmirror::charts {

inline constexpr size_t kMaxIndexBytes = size_t{64} << 20;
inline constexpr size_t kMaxChartBytes = size_t{128} << 20;

struct HttpRepositoryOptions {
  std::string username;                 // helm --username; when empty, the URL's userinfo (if any)
  std::string password;                 // secret
  bool pass_credentials_all = false;    // helm --pass-credentials
  registry::transport::TlsOptions tls;  // --ca-file, --insecure-skip-tls-verify, --cert/key-file
  size_t max_index_bytes = kMaxIndexBytes;
  size_t max_chart_bytes = kMaxChartBytes;
};

// A version of a chart the index lists, with its archive's absolute URL.
struct ChartVersionChoice {
  ChartVersionEntry entry;
  std::string url;  // may carry the repository URL's query (a token): not for messages
};

class ChartRepository {
 public:
  // Reads the repository's index.yaml. `url` is the repository's URL, as for helm --repo.
  [[nodiscard]] static Result<ChartRepository, Error> open(std::string_view url,
                                                           HttpRepositoryOptions options);
  // The same with a given HTTP client (its TLS settings apply instead of options.tls).
  [[nodiscard]] static Result<ChartRepository, Error> open(
      std::string_view url, HttpRepositoryOptions options,
      std::shared_ptr<registry::transport::HttpClient> http);

  // The repository URL without credentials or query, as errors show it.
  [[nodiscard]] const std::string& display() const { return display_; }
  [[nodiscard]] const ChartIndex& index() const { return index_; }

  // The version of `chart` helm would choose for `version` (exact, constraint, or "" for the
  // newest; devel admits prereleases when no version is asked).
  [[nodiscard]] Result<ChartVersionChoice, Error> find(std::string_view chart,
                                                       std::string_view version,
                                                       bool devel = false) const;

  // Downloads the archive, and checks it against the index's digest.
  [[nodiscard]] Result<FetchedChart, Error> download(const ChartVersionChoice& choice) const;

  // find, then download.
  [[nodiscard]] Result<FetchedChart, Error> fetch(std::string_view chart, std::string_view version,
                                                  bool devel = false) const;

 private:
  ChartRepository(std::string url, std::string display, HttpRepositoryOptions options,
                  std::shared_ptr<registry::transport::HttpClient> http);

  // GET `url`: the body of a 200 answer, at most `limit` bytes. `what` names the thing fetched
  // in errors ("index.yaml", "chart keda 2.12.1").
  [[nodiscard]] Result<std::string, Error> get(const std::string& url, size_t limit,
                                               const std::string& what,
                                               std::string_view accept) const;

  std::string url_;      // without userinfo, with its query
  std::string display_;  // without userinfo or query
  HttpRepositoryOptions options_;
  std::shared_ptr<registry::transport::HttpClient> http_;
  ChartIndex index_;
};

}  // namespace chartmirror::charts
