#include "charts/chart/package.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <set>
#include <vector>

#include <archive.h>
#include <archive_entry.h>

#include <nlohmann/json.hpp>

namespace chartmirror::charts {
namespace {

constexpr std::string_view kChartsDir = "charts/";
constexpr int kFileMode = 0644;

struct WriteArchiveDeleter {
  void operator()(archive* writer) const { archive_write_free(writer); }
};
struct EntryDeleter {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .source = std::string(source)};
}

// Helm's order within one chart: Chart.yaml, Chart.lock, values.yaml, values.schema.json,
// templates, then everything else.
int rank(std::string_view path) {
  if (path == "Chart.yaml") return 0;
  if (path == "Chart.lock") return 1;
  if (path == "values.yaml") return 2;
  if (path == "values.schema.json") return 3;
  if (path.starts_with("templates/")) return 4;
  return 5;
}

struct Entry {
  std::string path;
  const std::string* data;
};

// Collects the entries of `chart` (and of its subcharts) under `prefix`. Subcharts packaged
// as archives of their own keep their bytes in `archives`.
class Collector {
 public:
  explicit Collector(const PackageOptions& options) : options_(options) {}

  Status<Error> add(const Chart& chart, const std::string& prefix) {
    const Metadata& metadata = chart.metadata();
    if (auto valid = metadata.validate(chart.source()); !valid.ok()) return valid.error();
    if (metadata.name == "." || metadata.name == ".." || metadata.name == "/") {
      return invalid(chart.source(), "cannot package a chart named '" + metadata.name + "'");
    }
    if (const std::string* schema = chart.find("values.schema.json");
        schema != nullptr && !nlohmann::json::accept(*schema)) {
      return invalid(chart.source(), "values.schema.json is not valid JSON");
    }
    std::vector<const FileMap::value_type*> files;
    for (const auto& file : chart.files()) files.push_back(&file);
    std::stable_sort(files.begin(), files.end(),
                     [](const auto* a, const auto* b) { return rank(a->first) < rank(b->first); });
    for (const auto* file : files) {
      if (auto added = push(prefix + file->first, &file->second, chart); !added.ok()) {
        return added.error();
      }
    }
    for (const Chart& dependency : chart.dependencies()) {
      if (auto added = add_dependency(dependency, prefix, chart); !added.ok()) {
        return added.error();
      }
    }
    return Done{};
  }

  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

 private:
  Status<Error> add_dependency(const Chart& dependency, const std::string& prefix,
                               const Chart& parent) {
    // Where the subchart was: "charts/NAME.tgz" or "charts/NAME".
    std::string_view place = dependency.source();
    const bool in_charts = place.starts_with(kChartsDir) &&
                           place.find('/', kChartsDir.size()) == std::string_view::npos &&
                           place.size() > kChartsDir.size();
    const std::string where =
        in_charts ? std::string(place) : std::string(kChartsDir) + dependency.name();
    Status<Error> added = Done{};
    if (in_charts && place.ends_with(".tgz")) {
      auto bytes = package_chart(dependency, options_);
      if (!bytes.ok()) {
        added = bytes.error();
      } else {
        archives_.push_back(std::move(bytes).value());
        added = push(prefix + where, &archives_.back(), parent);
      }
    } else {
      added = add(dependency, prefix + where + "/");
    }
    if (added.ok()) return added;
    // Say which subchart, about the chart being packaged.
    Error error = added.error();
    if (error.source != parent.source()) {
      error.message = where + ": " + error.message;
      error.source = parent.source();
    }
    return error;
  }

  Status<Error> push(std::string path, const std::string* data, const Chart& chart) {
    if (!paths_.insert(path).second) {
      return invalid(chart.source(), "two files would be packaged as '" + path + "'");
    }
    entries_.push_back({std::move(path), data});
    return Done{};
  }

  const PackageOptions& options_;
  std::vector<Entry> entries_;
  std::set<std::string, std::less<>> paths_;
  std::deque<std::string> archives_;  // references stay valid as it grows
};

la_ssize_t append_output(archive* /*writer*/, void* output, const void* buffer, size_t size) {
  static_cast<std::string*>(output)->append(static_cast<const char*>(buffer), size);
  return static_cast<la_ssize_t>(size);
}

Result<std::string, Error> write_tgz(const std::vector<Entry>& entries, std::int64_t mtime,
                                     std::string_view source) {
  std::unique_ptr<archive, WriteArchiveDeleter> writer(archive_write_new());
  if (!writer) return invalid(source, "cannot create an archive writer");
  auto fail = [&](std::string_view what) {
    const char* reason = archive_error_string(writer.get());
    return invalid(source, std::string(what) + ": " + (reason != nullptr ? reason : "failed"));
  };
  std::string out;
  if (archive_write_set_format_pax_restricted(writer.get()) != ARCHIVE_OK ||
      archive_write_add_filter_gzip(writer.get()) != ARCHIVE_OK ||
      archive_write_set_options(writer.get(), "gzip:!timestamp") != ARCHIVE_OK ||
      archive_write_set_bytes_in_last_block(writer.get(), 1) != ARCHIVE_OK ||
      archive_write_open2(writer.get(), &out, nullptr, append_output, nullptr, nullptr) !=
          ARCHIVE_OK) {
    return fail("cannot set up the archive");
  }
  for (const Entry& file : entries) {
    std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    archive_entry_set_pathname_utf8(entry.get(), file.path.c_str());
    archive_entry_set_filetype(entry.get(), AE_IFREG);
    archive_entry_set_perm(entry.get(), kFileMode);
    archive_entry_set_size(entry.get(), static_cast<la_int64_t>(file.data->size()));
    archive_entry_set_mtime(entry.get(), mtime, 0);
    archive_entry_set_uid(entry.get(), 0);
    archive_entry_set_gid(entry.get(), 0);
    if (archive_write_header(writer.get(), entry.get()) < ARCHIVE_WARN) {
      return fail("cannot write '" + file.path + "'");
    }
    if (archive_write_data(writer.get(), file.data->data(), file.data->size()) !=
        static_cast<la_ssize_t>(file.data->size())) {
      return fail("cannot write '" + file.path + "'");
    }
  }
  if (archive_write_close(writer.get()) != ARCHIVE_OK) return fail("cannot finish the archive");
  return out;
}

}  // namespace

Result<std::string, Error> package_chart(const Chart& chart, const PackageOptions& options) {
  Collector collector(options);
  if (auto added = collector.add(chart, chart.name() + "/"); !added.ok()) return added.error();
  return write_tgz(collector.entries(), options.mtime, chart.source());
}

std::string package_file_name(const Chart& chart) {
  return chart.name() + "-" + chart.version() + ".tgz";
}

}  // namespace chartmirror::charts
