#include "charts/repo/http_repository.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "charts/oci/created_time.h"
#include "charts/oci/registry_access.h"
#include "charts/repo/repo_url.h"
#include "charts/version/select.h"
#include "registry/oci/digest.h"
#include "support/base64.h"

namespace chartmirror::charts {
namespace {

using registry::transport::HttpClient;

std::string mebibytes(size_t bytes) {
  return bytes % (size_t{1} << 20) == 0 ? std::to_string(bytes >> 20) + " MiB"
                                        : std::to_string(bytes) + " bytes";
}

// Levenshtein distance, for "did you mean".
size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

Error chart_not_found(const ChartIndex& index, std::string_view chart, const std::string& repo) {
  std::vector<std::string> names = index.chart_names();
  std::stable_sort(names.begin(), names.end(), [&](const auto& a, const auto& b) {
    return distance(a, chart) < distance(b, chart);
  });
  std::string message = "chart \"" + std::string(chart) + "\" not found in the repository";
  if (names.empty()) {
    message += ", which lists no charts";
  } else {
    message += "; nearest names: ";
    for (size_t i = 0; i < std::min<size_t>(names.size(), 3); ++i) {
      message += (i == 0 ? "" : ", ") + names[i];
    }
    message += " (" + std::to_string(index.chart_names().size()) + " charts)";
  }
  return Error{.code = Error::Code::kNotFound, .message = std::move(message), .source = repo};
}

// A digest as an index writes it ("<hex>" or "sha256:<hex>"), as "sha256:<hex>" in lowercase.
std::string index_digest(std::string_view digest) {
  std::string text(digest);
  if (text.starts_with("sha256:")) text.erase(0, 7);
  for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return "sha256:" + text;
}

}  // namespace

ChartRepository::ChartRepository(std::string url, std::string display,
                                 HttpRepositoryOptions options, std::shared_ptr<HttpClient> http)
    : url_(std::move(url)),
      display_(std::move(display)),
      options_(std::move(options)),
      http_(std::move(http)) {}

Result<ChartRepository, Error> ChartRepository::open(std::string_view url,
                                                     HttpRepositoryOptions options) {
  auto proxy = registry::transport::ProxySettings::from_environment();
  if (!proxy.ok()) return from_registry_error(proxy.error(), display_url(url));
  registry::transport::ClientOptions client_options;
  client_options.tls = options.tls;
  client_options.proxy = std::move(proxy).value();
  auto http = HttpClient::create(std::move(client_options));
  if (!http.ok()) return from_registry_error(http.error(), display_url(url));
  return open(url, std::move(options), std::shared_ptr<HttpClient>(std::move(http).value()));
}

Result<ChartRepository, Error> ChartRepository::open(std::string_view url,
                                                     HttpRepositoryOptions options,
                                                     std::shared_ptr<HttpClient> http) {
  UrlWithoutCredentials split = split_credentials(url);
  if (options.username.empty() && options.password.empty()) {
    options.username = std::move(split.username);
    options.password = std::move(split.password);
  }
  ChartRepository repository(split.url, display_url(split.url), std::move(options),
                             std::move(http));
  auto index_url = resolve_reference_url(repository.url_, "index.yaml");
  if (!index_url.ok()) return index_url.error();
  auto yaml = repository.get(*index_url, repository.options_.max_index_bytes, "index.yaml", "");
  if (!yaml.ok()) return yaml.error();
  auto index = ChartIndex::parse(*yaml, display_url(*index_url));
  if (!index.ok()) return index.error();
  repository.index_ = std::move(index).value();
  return repository;
}

Result<std::string, Error> ChartRepository::get(const std::string& url, size_t limit,
                                                const std::string& what,
                                                std::string_view accept) const {
  const std::string shown = display_url(url);
  const auto failed = [&](Error::Code code, const std::string& message, int status = 0) {
    return Error{.code = code,
                 .message = what + " of repository " + display_ + ": " + message,
                 .source = shown,
                 .http_status = status};
  };
  auto parsed = registry::transport::Url::parse(url);
  if (!parsed.ok()) return failed(Error::Code::kInvalidInput, parsed.error().message);
  registry::transport::Request request{
      .method = "GET", .url = std::move(parsed).value(), .follow_redirects = true};
  if (!accept.empty()) request.headers.add("Accept", std::string(accept));
  if (!options_.username.empty() && !options_.password.empty() &&
      sends_credentials(url_, url, options_.pass_credentials_all)) {
    request.headers.add("Authorization",
                        "Basic " + base64_encode(options_.username + ":" + options_.password));
  }
  auto response = http_->send(std::move(request));
  if (!response.ok()) {
    return failed(Error::Code::kTransport, "cannot reach it: " + response.error().describe());
  }
  const int status = response->status();
  if (status != 200) {
    response->discard();
    if (status == 404) {
      return failed(Error::Code::kNotFound, "no such file (HTTP 404); check the repository URL",
                    status);
    }
    if (status == 401 || status == 403) {
      return failed(Error::Code::kTransport,
                    "access denied (HTTP " + std::to_string(status) +
                        "); check the repository's username and password",
                    status);
    }
    return failed(Error::Code::kTransport, "HTTP " + std::to_string(status), status);
  }
  auto body = response->read_all(limit);
  if (!body.ok()) {
    if (body.error().code == registry::Error::Code::kTooLarge) {
      return failed(Error::Code::kTooLarge, "larger than the " + mebibytes(limit) +
                                                " chartmirror reads (" + body.error().message +
                                                ")");
    }
    return failed(Error::Code::kTransport, "reading it failed: " + body.error().describe());
  }
  return std::move(body).value();
}

Result<ChartVersionChoice, Error> ChartRepository::find(std::string_view chart,
                                                        std::string_view version,
                                                        bool devel) const {
  const auto& entries = index_.versions(chart);
  if (entries.empty()) return chart_not_found(index_, chart, display_);
  std::vector<std::string> versions;
  versions.reserve(entries.size());
  for (const auto& entry : entries) versions.push_back(entry.version);
  auto selected = select_version(versions, {.chart = chart,
                                            .version = version,
                                            .devel = devel,
                                            .source = VersionSource::kRepositoryIndex,
                                            .location = display_});
  if (!selected.ok()) return selected.error();
  const ChartVersionEntry& entry = entries[selected->index];
  auto url = resolve_reference_url(url_, entry.urls.front());
  if (!url.ok()) {
    Error error = url.error();
    error.message = "chart " + entry.name + " " + entry.version + ": " + error.message;
    error.source = display_;
    return error;
  }
  return ChartVersionChoice{.entry = entry, .url = std::move(url).value()};
}

Result<FetchedChart, Error> ChartRepository::download(const ChartVersionChoice& choice) const {
  const ChartVersionEntry& entry = choice.entry;
  const std::string what = "chart " + entry.name + " " + entry.version;
  auto archive =
      get(choice.url, options_.max_chart_bytes, what, "application/gzip,application/octet-stream");
  if (!archive.ok()) return archive.error();
  const registry::oci::Digest digest = registry::oci::Digest::of(*archive);
  if (!entry.digest.empty() && index_digest(entry.digest) != digest.str()) {
    return Error{.code = Error::Code::kIntegrity,
                 .message = what + " downloaded from " + display_url(choice.url) + " has digest " +
                            digest.str() + ", but the index of repository " + display_ + " says " +
                            index_digest(entry.digest) +
                            "; the archive or the index was changed or corrupted",
                 .source = display_url(choice.url)};
  }
  return FetchedChart{.kind = FetchedChart::Kind::kRepository,
                      .name = entry.name,
                      .version = entry.version,
                      .source = display_url(choice.url),
                      .archive = std::move(archive).value(),
                      .digest = digest.str(),
                      .provenance = std::nullopt,
                      .created = normalize_created(entry.created).value_or(""),
                      .path = {}};
}

Result<FetchedChart, Error> ChartRepository::fetch(std::string_view chart, std::string_view version,
                                                   bool devel) const {
  auto choice = find(chart, version, devel);
  if (!choice.ok()) return choice.error();
  return download(*choice);
}

}  // namespace chartmirror::charts
