// Loading a chart directory: Helm's LoadDir (pkg/chart/loader/directory.go) with its
// symlink-following walk (internal/sympath) and .helmignore rules.
#include <algorithm>
#include <array>
#include <fstream>
#include <set>

#include "charts/chart/archive.h"
#include "charts/chart/ignore.h"
#include "charts/chart/loader.h"

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;
using loader::invalid;
using loader::too_large;

constexpr std::string_view kIgnoreFile = ".helmignore";

struct ReadError {
  std::string why;
};

Result<std::string, ReadError> read_file(const fs::path& path, std::uint64_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadError{"cannot open"};
  std::string data;
  std::array<char, size_t{64} * 1024> block{};
  while (in) {
    in.read(block.data(), block.size());
    data.append(block.data(), static_cast<size_t>(in.gcount()));
    if (data.size() > limit) return ReadError{"larger than " + std::to_string(limit) + " bytes"};
  }
  if (in.bad()) return ReadError{"cannot read"};
  return data;
}

// Walks a chart directory in path order, as Helm's sympath.Walk does: symbolic links are
// followed (to files and to directories), ignored directories are skipped whole.
class Walker {
 public:
  Walker(const IgnoreRules& rules, std::string_view source, loader::Budget& budget)
      : rules_(rules), source_(source), budget_(budget) {}

  Status<Error> walk(const fs::path& dir, const std::string& prefix) {
    std::error_code error;
    const fs::path real = fs::canonical(dir, error);
    if (error) return invalid(source_, name(prefix) + ": cannot read: " + error.message());
    if (!active_.insert(real).second) {
      return invalid(source_, name(prefix) + ": a symbolic link leads back into " + real.string());
    }
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
      names.push_back(it->path().filename().string());
    }
    if (error) return invalid(source_, name(prefix) + ": cannot list: " + error.message());
    std::sort(names.begin(), names.end());
    for (const auto& entry : names) {
      std::string path = prefix;
      if (!path.empty()) path += '/';
      path += entry;
      if (auto visited = visit(dir / entry, path); !visited.ok()) return visited.error();
    }
    active_.erase(real);
    return Done{};
  }

  std::vector<loader::LoadedFile>& files() { return files_; }

 private:
  static std::string name(const std::string& path) { return path.empty() ? "." : path; }

  Status<Error> visit(const fs::path& full, const std::string& path) {
    if (budget_.entries_left == 0) {
      return too_large(source_, "the chart has more than " +
                                    std::to_string(budget_.limits.max_entries) + " files");
    }
    --budget_.entries_left;
    std::error_code error;
    const fs::file_status status = fs::status(full, error);  // through symbolic links
    if (error || !fs::exists(status)) {
      return invalid(source_, path + ": a symbolic link that leads nowhere");
    }
    if (fs::is_directory(status)) {
      if (rules_.ignored(path, true)) return Done{};
      return walk(full, path);
    }
    if (rules_.ignored(path, false)) return Done{};
    if (!fs::is_regular_file(status)) {
      return invalid(source_, path + ": cannot load irregular file (a device, FIFO or socket)");
    }
    const std::uint64_t size = fs::file_size(full, error);
    if (error) return invalid(source_, path + ": cannot read: " + error.message());
    const std::uint64_t max_file = budget_.limits.max_file_size;
    if (size > max_file) {
      return too_large(source_, path + ": larger than the maximum file size of " +
                                    std::to_string(max_file) + " bytes");
    }
    if (size > budget_.bytes_left) {
      return too_large(source_, path + ": the chart holds more than " +
                                    std::to_string(budget_.limits.max_total_size) + " bytes");
    }
    auto data = read_file(full, std::min(max_file, budget_.bytes_left));
    if (!data.ok()) return invalid(source_, path + ": " + data.error().why);
    budget_.bytes_left -= data->size();
    loader::strip_byte_order_mark(data.value());
    files_.push_back({path, std::move(data).value()});
    return Done{};
  }

  const IgnoreRules& rules_;
  std::string_view source_;
  loader::Budget& budget_;
  std::set<fs::path> active_;  // the real directories being walked: a link back is a cycle
  std::vector<loader::LoadedFile> files_;
};

}  // namespace

Result<Chart, Error> load_directory(const fs::path& path, const LoadLimits& limits) {
  const std::string source = path.string();
  std::error_code error;
  const auto status = fs::status(path, error);
  if (!fs::exists(status)) {
    return Error{.code = Error::Code::kNotFound, .message = "no such directory", .source = source};
  }
  if (!fs::is_directory(status)) return invalid(source, "is not a directory");

  IgnoreRules rules;
  const fs::path ignore_file = path / kIgnoreFile;
  if (fs::exists(ignore_file, error)) {
    auto text = read_file(ignore_file, limits.max_file_size);
    if (!text.ok()) return invalid(source, ".helmignore: " + text.error().why);
    auto parsed = IgnoreRules::parse(text.value());
    if (!parsed.ok()) return invalid(source, ".helmignore: " + parsed.error());
    rules = std::move(parsed).value();
  }
  rules.add_defaults();

  loader::Budget budget(limits);
  Walker walker(rules, source, budget);
  if (auto walked = walker.walk(path, ""); !walked.ok()) return walked.error();
  return loader::assemble(std::move(walker.files()), source, budget);
}

Result<Chart, Error> load_chart(const fs::path& path, const LoadLimits& limits) {
  std::error_code error;
  if (fs::is_directory(path, error)) return load_directory(path, limits);
  return load_archive_file(path, limits);
}

}  // namespace chartmirror::charts
