#include "charts/chart/loader.h"

#include <map>

namespace chartmirror::charts::loader {
namespace {

constexpr std::string_view kChartsDir = "charts/";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// An error of a subchart, as its parent reports it: "charts/NAME: ..." about the parent.
Error in_subchart(Error error, std::string_view where, std::string_view source) {
  error.message = std::string(where) + ": " + error.message;
  error.source = std::string(source);
  return error;
}

Result<Chart, Error> load_subchart_files(const std::string& name, std::vector<LoadedFile> parts,
                                         const std::string& where, Budget& budget) {
  if (name.ends_with(".tgz")) {
    if (parts.size() != 1 || parts[0].name != name) {
      return invalid(where, "expected an archive file, found a directory");
    }
    auto files = read_tgz(parts[0].data, where, budget);
    if (!files.ok()) return files.error();
    return assemble(std::move(files).value(), where, budget);
  }
  // A directory: its files relative to it. A file directly in charts/ that is neither an
  // archive nor hidden leaves nothing, and fails as a chart without Chart.yaml (as in Helm).
  std::vector<LoadedFile> files;
  for (auto& part : parts) {
    const size_t slash = part.name.find('/');
    if (slash == std::string::npos) continue;
    files.push_back({part.name.substr(slash + 1), std::move(part.data)});
  }
  return assemble(std::move(files), where, budget);
}

Result<Chart, Error> load_subchart(const std::string& name, std::vector<LoadedFile> parts,
                                   std::string_view parent, Budget& budget) {
  const std::string where = std::string(kChartsDir) + name;
  if (budget.depth >= budget.limits.max_depth) {
    return too_large(parent, where + ": subcharts nest more than " +
                                 std::to_string(budget.limits.max_depth) + " levels deep");
  }
  ++budget.depth;
  auto chart = load_subchart_files(name, std::move(parts), where, budget);
  --budget.depth;
  if (!chart.ok()) return in_subchart(chart.error(), where, parent);
  return chart;
}

}  // namespace

Error too_large(std::string_view source, std::string message) {
  return Error{
      .code = Error::Code::kTooLarge, .message = std::move(message), .source = std::string(source)};
}

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

void strip_byte_order_mark(std::string& data) {
  if (std::string_view(data).starts_with(kByteOrderMark)) data.erase(0, kByteOrderMark.size());
}

Result<Chart, Error> assemble(std::vector<LoadedFile> files, const std::string& source,
                              Budget& budget) {
  FileMap own;
  // Subchart name (the first path component under charts/) → its files, relative to charts/.
  std::map<std::string, std::vector<LoadedFile>> subcharts;
  for (auto& file : files) {
    if (is_subchart_path(file.name)) {
      std::string rest = file.name.substr(kChartsDir.size());
      std::string name = rest.substr(0, rest.find('/'));
      subcharts[name].push_back({std::move(rest), std::move(file.data)});
    } else {
      own.emplace(std::move(file.name), std::move(file.data));
    }
  }
  auto chart = Chart::from_files(std::move(own), source);
  if (!chart.ok()) return chart.error();
  for (auto& [name, parts] : subcharts) {
    // Helm skips charts/_* and charts/.*, files and directories alike.
    if (name.starts_with('_') || name.starts_with('.')) continue;
    auto subchart = load_subchart(name, std::move(parts), source, budget);
    if (!subchart.ok()) return subchart.error();
    chart->add_dependency(std::move(subchart).value());
  }
  return chart;
}

}  // namespace chartmirror::charts::loader
