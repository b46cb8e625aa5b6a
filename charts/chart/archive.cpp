#include "charts/chart/archive.h"

#include <array>
#include <fstream>
#include <memory>
#include <set>

#include <archive.h>
#include <archive_entry.h>

#include "charts/chart/loader.h"
#include "charts/golang/path.h"

namespace chartmirror::charts {
namespace {

using loader::invalid;
using loader::too_large;

constexpr std::string_view kGzipMagic = "\x1F\x8B\x08";
constexpr size_t kReadBlock = size_t{64} * 1024;

struct ReadArchiveDeleter {
  void operator()(archive* reader) const { archive_read_free(reader); }
};
using ReadArchive = std::unique_ptr<archive, ReadArchiveDeleter>;

std::string libarchive_error(archive* reader) {
  const char* text = archive_error_string(reader);
  return text != nullptr ? text : "unknown error";
}

std::string quote(std::string_view text) { return "'" + std::string(text) + "'"; }

bool is_drive_path(std::string_view path) {
  return path.size() >= 3 &&
         ((path[0] >= 'a' && path[0] <= 'z') || (path[0] >= 'A' && path[0] <= 'Z')) &&
         path[1] == ':' && path[2] == '/';
}

struct PathError {
  std::string why;
};

// The path of entry `name` inside the chart, once its top-level directory is removed.
// `top` is the top-level directory of the entries before; the first entry sets it.
Result<std::string, PathError> chart_path(std::string_view name, std::string& top) {
  // An archive made on Windows may separate with '\'.
  const char separator = name.find('\\') != std::string_view::npos ? '\\' : '/';
  if (name.starts_with('/') || name.starts_with(separator)) {
    return PathError{"is an absolute path"};
  }
  const size_t end = name.find(separator);
  if (end == std::string_view::npos) {
    if (name == "Chart.yaml") return PathError{"Chart.yaml is not inside the chart's directory"};
    return PathError{"is not inside the chart's directory"};
  }
  const std::string_view first = name.substr(0, end);
  if (first == "." || first == "..") {
    return PathError{"is not under a named top-level directory"};
  }
  if (top.empty()) top = first;
  if (first != top) {
    return PathError{"is not under the chart's directory " + quote(top + "/") +
                     " (an archive holds one chart)"};
  }
  std::string rest(name.substr(end + 1));
  for (char& c : rest) {
    if (c == separator) c = '/';
  }
  if (rest.starts_with('/')) return PathError{"is an absolute path"};
  std::string path = go::clean_path(rest);
  if (path == ".") return PathError{"is not a file inside the chart's directory"};
  if (path.starts_with("..")) return PathError{"refers to the parent directory"};
  if (is_drive_path(path)) return PathError{"is a Windows drive path"};
  return path;
}

// Streams one regular file's data, refusing it as soon as it passes a limit.
Result<std::string, Error> read_data(archive* reader, const std::string& name,
                                     std::string_view source, loader::Budget& budget) {
  const std::uint64_t max_file = budget.limits.max_file_size;
  std::string data;
  std::array<char, kReadBlock> block{};
  while (true) {
    const la_ssize_t n = archive_read_data(reader, block.data(), block.size());
    if (n < 0) return invalid(source, quote(name) + ": corrupt data: " + libarchive_error(reader));
    if (n == 0) break;
    const std::uint64_t size = data.size() + static_cast<std::uint64_t>(n);
    if (size > max_file) {
      return too_large(source, quote(name) + ": larger than the maximum file size of " +
                                   std::to_string(max_file) + " bytes");
    }
    if (size > budget.bytes_left) {
      return too_large(source, quote(name) + ": the chart unpacks to more than " +
                                   std::to_string(budget.limits.max_total_size) + " bytes");
    }
    data.append(block.data(), static_cast<size_t>(n));
  }
  budget.bytes_left -= data.size();
  return data;
}

}  // namespace

namespace loader {

Result<std::vector<LoadedFile>, Error> read_tgz(std::string_view bytes, std::string_view source,
                                                Budget& budget) {
  if (!bytes.starts_with(kGzipMagic)) {
    return invalid(source, "not a chart archive: a chart archive is gzip-compressed tar (.tgz)");
  }
  ReadArchive reader(archive_read_new());
  if (!reader) return invalid(source, "cannot create an archive reader");
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_tar(reader.get());
  if (archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return invalid(source, "not a gzip-compressed tar archive: " + libarchive_error(reader.get()));
  }
  std::vector<LoadedFile> files;
  std::set<std::string, std::less<>> paths;
  std::string top;
  while (true) {
    archive_entry* entry = nullptr;
    const int status = archive_read_next_header(reader.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return invalid(source, "corrupt archive: " + libarchive_error(reader.get()));
    }
    if (budget.entries_left == 0) {
      return too_large(source, "the chart has more than " +
                                   std::to_string(budget.limits.max_entries) + " entries");
    }
    --budget.entries_left;
    const char* raw_name = archive_entry_pathname(entry);
    if (raw_name == nullptr) raw_name = archive_entry_pathname_utf8(entry);
    if (raw_name == nullptr) return invalid(source, "an entry has no name");
    const std::string name = raw_name;
    const std::uint64_t max_file = budget.limits.max_file_size;
    if (archive_entry_size_is_set(entry) != 0 && archive_entry_size(entry) > 0 &&
        static_cast<std::uint64_t>(archive_entry_size(entry)) > max_file) {
      return too_large(source, quote(name) + ": larger than the maximum file size of " +
                                   std::to_string(max_file) + " bytes");
    }
    const auto type = archive_entry_filetype(entry);
    if (type == AE_IFDIR) continue;
    if (const char* target = archive_entry_hardlink(entry); target != nullptr) {
      return invalid(source, quote(name) + ": is a hard link (to " + quote(target) +
                                 "); a chart archive holds only regular files");
    }
    if (type == AE_IFLNK) {
      const char* target = archive_entry_symlink(entry);
      return invalid(source, quote(name) + ": is a symbolic link (to " +
                                 quote(target != nullptr ? target : "") +
                                 "); a chart archive holds only regular files");
    }
    if (type != AE_IFREG) {
      return invalid(source, quote(name) + ": is not a regular file");
    }
    auto path = chart_path(name, top);
    if (!path.ok()) return invalid(source, quote(name) + ": " + path.error().why);
    if (!paths.insert(path.value()).second) {
      return invalid(
          source, quote(name) + ": the archive holds " + quote(path.value()) + " more than once");
    }
    auto data = read_data(reader.get(), name, source, budget);
    if (!data.ok()) return data.error();
    strip_byte_order_mark(data.value());
    files.push_back({std::move(path).value(), std::move(data).value()});
  }
  if (files.empty()) return invalid(source, "no files in chart archive");
  return files;
}

}  // namespace loader

Result<Chart, Error> load_archive(std::string_view bytes, std::string_view source,
                                  const LoadLimits& limits) {
  loader::Budget budget(limits);
  auto files = loader::read_tgz(bytes, source, budget);
  if (!files.ok()) return files.error();
  return loader::assemble(std::move(files).value(), std::string(source), budget);
}

Result<Chart, Error> load_archive_file(const std::filesystem::path& path,
                                       const LoadLimits& limits) {
  const std::string source = path.string();
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) {
    return Error{.code = Error::Code::kNotFound, .message = "no such file", .source = source};
  }
  if (std::filesystem::is_directory(status)) {
    return invalid(source, "is a directory, not a chart archive");
  }
  const auto size = std::filesystem::file_size(path, error);
  if (error) return invalid(source, "cannot read: " + error.message());
  if (size > limits.max_total_size) {
    return too_large(
        source, "the archive is larger than " + std::to_string(limits.max_total_size) + " bytes");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(size, '\0');
  if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return invalid(source, "cannot read the file");
  }
  if (!std::string_view(bytes).starts_with(kGzipMagic)) {
    // People give a values file where a chart belongs (helm template values.yaml CHART).
    const auto extension = path.extension();
    if (extension == ".yaml" || extension == ".yml") {
      return invalid(source, "seems to be a YAML file, but a chart archive (.tgz) is expected");
    }
    return invalid(source, "is not a gzip-compressed chart archive (.tgz)");
  }
  return load_archive(bytes, source, limits);
}

}  // namespace chartmirror::charts
