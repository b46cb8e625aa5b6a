// charts/repo/chart_index.h — a classic Helm repository's index.yaml, parsed.
//
// Helm repositories publish `index.yaml` (apiVersion v1): `entries` maps each chart name to
// the versions on offer, each with the URLs of its archive and the archive's sha256 digest.
// ChartIndex keeps what mirroring needs and nothing that could drift from the file.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

struct ChartVersionEntry {
  std::string name;
  std::string version;            // as written in the index; ordering is the semver module's job
  std::string app_version;        // empty when the chart does not declare one
  std::vector<std::string> urls;  // absolute, or relative to the index's location
  std::string digest;             // sha256 hex of the archive; empty when the index omits it
  std::string created;            // RFC 3339 as written
  bool deprecated = false;
};

class ChartIndex {
 public:
  // `source` names where the text came from (URL or path), for error messages.
  [[nodiscard]] static Result<ChartIndex, Error> parse(std::string_view yaml,
                                                       std::string_view source);

  // Chart names, sorted.
  [[nodiscard]] std::vector<std::string> chart_names() const;

  // The versions of one chart in the order the index lists them; empty if it has none.
  [[nodiscard]] const std::vector<ChartVersionEntry>& versions(std::string_view chart) const;

 private:
  std::map<std::string, std::vector<ChartVersionEntry>, std::less<>> entries_;
};

}  // namespace chartmirror::charts
