// charts_select_version — prints the version select_version chooses, for the end-to-end
// comparison with helm (e2e/version_choice_test.sh). A test tool, not installed.
//
//   charts_select_version [--devel] [--oci] [--version V] --chart NAME --index FILE
//   charts_select_version [--devel] [--oci] [--version V] --chart NAME VERSION...
//
// Prints the chosen version as the index or list spells it; exit 1 with the error on stderr
// when there is none, 2 on bad usage.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "charts/repo/chart_index.h"
#include "charts/version/select.h"

namespace {

using chartmirror::charts::ChartIndex;
using chartmirror::charts::SelectOptions;
using chartmirror::charts::VersionSource;

constexpr int kUsageError = 2;

int usage(const std::string& why) {
  std::cerr << "charts_select_version: " << why << "\n"
            << "usage: charts_select_version [--devel] [--oci] [--version V] --chart NAME "
               "(--index FILE | VERSION...)\n";
  return kUsageError;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  std::string chart;
  std::string version;
  std::string index_path;
  std::vector<std::string> versions;
  SelectOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--devel") {
      options.devel = true;
    } else if (arg == "--oci") {
      options.source = VersionSource::kOciTags;
    } else if ((arg == "--version" || arg == "--chart" || arg == "--index") && has_value) {
      (arg == "--version" ? version : arg == "--chart" ? chart : index_path) = args[++i];
    } else if (arg.starts_with("--")) {
      return usage("unknown flag or missing value: " + arg);
    } else {
      versions.push_back(arg);
    }
  }
  if (chart.empty()) return usage("--chart is required");
  if (!index_path.empty()) {
    if (!versions.empty()) return usage("--index and a list of versions exclude each other");
    std::ifstream in(index_path);
    if (!in) return usage("cannot read " + index_path);
    std::stringstream text;
    text << in.rdbuf();
    auto index = ChartIndex::parse(text.str(), index_path);
    if (!index) {
      std::cerr << index.error().describe() << "\n";
      return 1;
    }
    for (const auto& entry : index->versions(chart)) versions.push_back(entry.version);
  }
  options.chart = chart;
  options.version = version;
  auto selected = chartmirror::charts::select_version(versions, options);
  if (!selected) {
    std::cerr << selected.error().describe() << "\n";
    return 1;
  }
  std::cout << versions[selected->index] << "\n";
  return 0;
}
