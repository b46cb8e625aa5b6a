// charts/chart/chart.h — a Helm chart in memory: its files, its metadata, its subcharts.
//
// A Chart holds every file of one chart by its path relative to the chart's root, as bytes
// ("Chart.yaml", "values.yaml", "templates/deployment.yaml", "crds/x.yaml", ".helmignore"),
// with a UTF-8 byte-order mark removed from the start of each file as Helm's loader does.
// Subcharts are Charts of their own, in dependencies(); the files that made them
// (charts/NAME.tgz, charts/NAME/...) are not among the parent's files. What Helm drops, this
// drops too: entries of charts/ whose name starts with '_' or '.'. Signatures of subcharts
// (charts/*.prov) are files of the parent, as in Helm.
//
// Building a chart from files is Helm's LoadFiles (pkg/chart/loader/load.go): Chart.yaml is
// required and read (with requirements.yaml, see metadata.h); values.yaml must be a YAML
// mapping (or empty), Chart.lock and requirements.lock YAML mappings, as Helm decodes them at
// load time. Like Helm's Chart.Values, the decoded values.yaml is kept (default_values()), so
// that rendering does not parse it a second time; its bytes stay too, for rewriting.
//
// The archive and directory loaders (archive.h) build Charts; package.h writes them back.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/metadata.h"
#include "charts/error.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts {

// Path relative to the chart's root, '/'-separated → the file's bytes. Sorted by path.
using FileMap = std::map<std::string, std::string, std::less<>>;

class Chart {
 public:
  // The files of one chart → a Chart without subcharts. Paths must be clean and relative, and
  // name no subchart content (see above). `source` names the chart in errors and becomes
  // source().
  [[nodiscard]] static Result<Chart, Error> from_files(FileMap files, std::string source);

  [[nodiscard]] const Metadata& metadata() const { return metadata_; }
  [[nodiscard]] const std::string& name() const { return metadata_.name; }
  [[nodiscard]] const std::string& version() const { return metadata_.version; }

  // Where the chart came from: for a chart loaded by the caller, the archive or directory as
  // given; for a subchart, its place in the parent, "charts/redis-19.5.0.tgz" or
  // "charts/crds" (a directory).
  [[nodiscard]] const std::string& source() const { return source_; }

  // Every file of this chart, Chart.yaml included.
  [[nodiscard]] const FileMap& files() const { return files_; }
  // The bytes of one file; null when the chart has no such file.
  [[nodiscard]] const std::string* find(std::string_view path) const;

  // values.yaml, values.schema.json, and the lock file (Chart.lock, or a v1 chart's
  // requirements.lock); empty when the chart has none.
  [[nodiscard]] std::string_view values() const;
  [[nodiscard]] std::string_view schema() const;
  [[nodiscard]] std::string_view lock() const;

  // values.yaml as Helm's loader decodes it (values::parse_values_yaml): a map, empty when
  // the file is empty or absent.
  [[nodiscard]] const values::Value& default_values() const { return default_values_; }

  // The files under templates/, in path order.
  [[nodiscard]] std::vector<const FileMap::value_type*> templates() const;
  // The files Helm gives templates as .Files: all but Chart.yaml, Chart.lock, values.yaml,
  // values.schema.json and templates/, and but requirements.yaml and requirements.lock
  // unless the chart is v1.
  [[nodiscard]] std::vector<const FileMap::value_type*> other_files() const;

  // Subcharts, in the order of their names under charts/.
  [[nodiscard]] const std::vector<Chart>& dependencies() const { return dependencies_; }
  [[nodiscard]] std::vector<Chart>& dependencies() { return dependencies_; }
  void add_dependency(Chart chart) { dependencies_.push_back(std::move(chart)); }

  // Adds or replaces a file (a rewritten values.yaml). Chart.yaml and requirements.yaml are
  // read again, and the change is refused, leaving the chart as it was, if the new metadata
  // is invalid. Paths that are not clean relative paths, or that name subchart content under
  // charts/, are refused.
  [[nodiscard]] Status<Error> set_file(std::string path, std::string data);

 private:
  Chart() = default;

  Metadata metadata_;
  FileMap files_;
  values::Value default_values_ = values::Value(values::Value::Map{});
  std::vector<Chart> dependencies_;
  std::string source_;
};

// Whether `path` (relative to a chart's root) belongs to a subchart rather than to the chart:
// under charts/, and not a .prov signature. Helm's rule.
[[nodiscard]] bool is_subchart_path(std::string_view path);

}  // namespace chartmirror::charts
