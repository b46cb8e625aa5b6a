#include "charts/repo/chart_source.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "charts/oci/reference.h"
#include "charts/repo/oci_source.h"
#include "charts/repo/repo_url.h"
#include "registry/oci/digest.h"
#include "support/rfc3339.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;

// A whole file, at most `limit` bytes.
Result<std::string, Error> read_file(const fs::path& path, size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "cannot read the chart archive: " + ec.message(),
                 .source = path.string()};
  }
  if (size > limit) {
    return Error{.code = Error::Code::kTooLarge,
                 .message = "the chart archive is " + std::to_string(size) +
                            " bytes, more than the " + std::to_string(limit) + " chartmirror reads",
                 .source = path.string()};
  }
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "cannot read the chart archive",
                 .source = path.string()};
  }
  return bytes.str();
}

// The file's modification time as helm push stamps it (in UTC).
std::string modification_time(const fs::path& path) {
  std::error_code ec;
  const auto written = fs::last_write_time(path, ec);
  if (ec) return "";
  const auto system = std::chrono::file_clock::to_sys(written);
  return format_rfc3339_utc(std::chrono::floor<std::chrono::seconds>(system));
}

}  // namespace

ChartSources::ChartSources(ChartSourceOptions options) : options_(std::move(options)) {}

Result<FetchedChart, Error> ChartSources::fetch(const ChartRequest& request) {
  if (!request.repo_url.empty()) {
    if (is_oci(request.repo_url)) {
      std::string base = request.repo_url;
      while (base.ends_with('/')) base.pop_back();
      return fetch_from_oci(base + "/" + request.chart, request);
    }
    return fetch_from_repository(request);
  }
  if (is_oci(request.chart)) return fetch_from_oci(request.chart, request);
  return fetch_local(request);
}

Result<FetchedChart, Error> ChartSources::fetch_from_repository(const ChartRequest& request) {
  if (request.chart.empty() || request.chart.find('/') != std::string::npos) {
    return Error{
        .code = Error::Code::kInvalidInput,
        .message = "with a repository URL, the chart is a name (\"" + request.chart + "\" is not)",
        .source = display_url(request.repo_url)};
  }
  auto found = repositories_.find(request.repo_url);
  if (found == repositories_.end()) {
    auto opened = ChartRepository::open(request.repo_url,
                                        {.username = options_.username,
                                         .password = options_.password,
                                         .pass_credentials_all = options_.pass_credentials_all,
                                         .tls = options_.tls,
                                         .max_index_bytes = options_.max_index_bytes,
                                         .max_chart_bytes = options_.max_chart_bytes});
    if (!opened.ok()) return opened.error();
    found = repositories_.emplace(request.repo_url, std::move(opened).value()).first;
  }
  return found->second.fetch(request.chart, request.version, request.devel);
}

Result<FetchedChart, Error> ChartSources::fetch_from_oci(const std::string& reference,
                                                         const ChartRequest& request) {
  auto parsed = OciReference::parse(reference);
  if (!parsed.ok()) return parsed.error();
  if (registries_ == nullptr) {
    auto created = OciRegistries::create({.plain_http = options_.plain_http,
                                          .tls = options_.tls,
                                          .registry_config = options_.registry_config,
                                          .docker_config = options_.docker_config,
                                          .username = options_.username,
                                          .password = options_.password});
    if (!created.ok()) return created.error();
    registries_ = std::move(created).value();
  }
  return fetch_oci_chart(*registries_, *parsed,
                         {.version = request.version,
                          .devel = request.devel,
                          .max_chart_bytes = options_.max_chart_bytes});
}

Result<FetchedChart, Error> ChartSources::fetch_local(const ChartRequest& request) const {
  const fs::path path(request.chart);
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    if (path.is_absolute() || request.chart.starts_with('.')) {
      return Error{.code = Error::Code::kNotFound,
                   .message = "path \"" + request.chart + "\" not found",
                   .source = request.chart};
    }
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "\"" + request.chart +
                            "\" is not a chart directory, a chart archive or an oci:// "
                            "reference; to take it from a chart repository, give the "
                            "repository's URL (--repo)",
                 .source = request.chart};
  }
  const fs::path absolute = fs::absolute(path, ec);
  if (fs::is_directory(status)) {
    return FetchedChart{.kind = FetchedChart::Kind::kDirectory,
                        .name = {},
                        .version = {},
                        .source = absolute.string(),
                        .archive = {},
                        .digest = {},
                        .provenance = std::nullopt,
                        .created = {},
                        .path = absolute};
  }
  auto archive = read_file(absolute, options_.max_chart_bytes);
  if (!archive.ok()) return archive.error();
  std::optional<std::string> provenance;
  const fs::path prov = fs::path(absolute.string() + ".prov");
  if (fs::is_regular_file(prov, ec)) {
    auto bytes = read_file(prov, options_.max_chart_bytes);
    if (!bytes.ok()) return bytes.error();
    provenance = std::move(bytes).value();
  }
  std::string digest;
  if (options_.local_archive_digest) digest = registry::oci::Digest::of(*archive).str();
  return FetchedChart{.kind = FetchedChart::Kind::kArchive,
                      .name = {},
                      .version = {},
                      .source = absolute.string(),
                      .archive = std::move(archive).value(),
                      .digest = std::move(digest),
                      .provenance = std::move(provenance),
                      .created = modification_time(absolute),
                      .path = absolute};
}

Result<FetchedChart, Error> fetch_chart(const ChartRequest& request,
                                        const ChartSourceOptions& options) {
  ChartSources sources(options);
  return sources.fetch(request);
}

}  // namespace chartmirror::charts
