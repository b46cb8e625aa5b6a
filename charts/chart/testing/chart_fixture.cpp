#include "charts/chart/testing/chart_fixture.h"

#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include <archive.h>
#include <archive_entry.h>
#include <doctest/doctest.h>

namespace chartmirror::charts::testing {
namespace {

struct WriteDeleter {
  void operator()(archive* writer) const { archive_write_free(writer); }
};
struct ReadDeleter {
  void operator()(archive* reader) const { archive_read_free(reader); }
};
struct EntryDeleter {
  void operator()(archive_entry* entry) const { archive_entry_free(entry); }
};

la_ssize_t append(archive* /*writer*/, void* out, const void* buffer, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buffer), size);
  return static_cast<la_ssize_t>(size);
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): tests, one thread
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

std::string make_tgz(const std::vector<TarEntry>& entries, bool gzip) {
  std::unique_ptr<archive, WriteDeleter> writer(archive_write_new());
  REQUIRE(archive_write_set_format_pax_restricted(writer.get()) == ARCHIVE_OK);
  if (gzip) REQUIRE(archive_write_add_filter_gzip(writer.get()) == ARCHIVE_OK);
  REQUIRE(archive_write_set_bytes_in_last_block(writer.get(), 1) == ARCHIVE_OK);
  std::string out;
  REQUIRE(archive_write_open2(writer.get(), &out, nullptr, append, nullptr, nullptr) == ARCHIVE_OK);
  for (const auto& item : entries) {
    std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), item.name.c_str());
    archive_entry_set_perm(entry.get(), 0644);
    switch (item.type) {
      case TarEntry::Type::kFile:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_size(
            entry.get(), static_cast<la_int64_t>(item.zeros > 0 ? item.zeros : item.data.size()));
        break;
      case TarEntry::Type::kDirectory:
        archive_entry_set_filetype(entry.get(), AE_IFDIR);
        break;
      case TarEntry::Type::kSymlink:
        archive_entry_set_filetype(entry.get(), AE_IFLNK);
        archive_entry_set_symlink(entry.get(), item.link.c_str());
        break;
      case TarEntry::Type::kHardlink:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_hardlink(entry.get(), item.link.c_str());
        break;
      case TarEntry::Type::kFifo:
        archive_entry_set_filetype(entry.get(), AE_IFIFO);
        break;
    }
    REQUIRE(archive_write_header(writer.get(), entry.get()) == ARCHIVE_OK);
    if (item.zeros > 0) {
      const std::string block(1 << 20, '\0');
      for (std::uint64_t left = item.zeros; left > 0;) {
        const size_t n = left < block.size() ? static_cast<size_t>(left) : block.size();
        REQUIRE(archive_write_data(writer.get(), block.data(), n) == static_cast<la_ssize_t>(n));
        left -= n;
      }
    } else if (!item.data.empty()) {
      REQUIRE(archive_write_data(writer.get(), item.data.data(), item.data.size()) ==
              static_cast<la_ssize_t>(item.data.size()));
    }
  }
  REQUIRE(archive_write_close(writer.get()) == ARCHIVE_OK);
  return out;
}

std::vector<TarEntry> under(std::string_view top,
                            const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<TarEntry> entries;
  entries.reserve(files.size());
  for (const auto& [name, data] : files) {
    entries.push_back({.name = std::string(top) + "/" + name, .data = data});
  }
  return entries;
}

std::vector<ReadEntry> read_tgz_entries(std::string_view bytes) {
  std::unique_ptr<archive, ReadDeleter> reader(archive_read_new());
  archive_read_support_filter_gzip(reader.get());
  archive_read_support_format_tar(reader.get());
  REQUIRE(archive_read_open_memory(reader.get(), bytes.data(), bytes.size()) == ARCHIVE_OK);
  std::vector<ReadEntry> entries;
  archive_entry* entry = nullptr;
  while (archive_read_next_header(reader.get(), &entry) == ARCHIVE_OK) {
    ReadEntry read;
    read.name = archive_entry_pathname(entry);
    read.type = static_cast<int>(archive_entry_filetype(entry));
    read.perm = static_cast<int>(archive_entry_perm(entry));
    read.mtime = archive_entry_mtime(entry);
    read.uid = archive_entry_uid(entry);
    read.gid = archive_entry_gid(entry);
    const char* uname = archive_entry_uname(entry);
    const char* gname = archive_entry_gname(entry);
    read.uname = uname != nullptr ? uname : "";
    read.gname = gname != nullptr ? gname : "";
    std::array<char, 65536> block{};
    la_ssize_t n = 0;
    while ((n = archive_read_data(reader.get(), block.data(), block.size())) > 0) {
      read.data.append(block.data(), static_cast<size_t>(n));
    }
    REQUIRE(n == 0);
    entries.push_back(std::move(read));
  }
  return entries;
}

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  REQUIRE(out.good());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

fs::path corpus_dir() { return env_or("CHARTMIRROR_CORPUS", CHARTMIRROR_CORPUS_DIR); }

fs::path helm_binary() {
  const std::string home = env_or("HOME", "/root");
  return fs::path(env_or("CHARTMIRROR_CACHE", home + "/.cache/chartmirror")) / "bin" /
         "helm-v3.17.3";
}

ProcessOutput run_helm(std::vector<std::string> args) {
  const fs::path binary = helm_binary();
  REQUIRE_MESSAGE(fs::exists(binary), binary.string() << " is missing: run `make tools`");
  args.insert(args.begin(), binary.string());
  auto result = run_process(args, "", std::chrono::seconds(120), size_t{64} << 20);
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  return std::move(result).value();
}

}  // namespace chartmirror::charts::testing
