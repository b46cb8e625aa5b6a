// charts/chart/testing/chart_fixture.h — what the chart tests share: archives written entry by
// entry (hostile ones included), archives read back entry by entry, temporary directories, and
// where the shared chart corpus and helm are.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/subprocess.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::charts::testing {

namespace fs = std::filesystem;

struct TarEntry {
  enum class Type { kFile, kDirectory, kSymlink, kHardlink, kFifo };
  std::string name;
  std::string data;  // a file's content
  Type type = Type::kFile;
  std::string link;         // the target of a link
  std::uint64_t zeros = 0;  // a file of this many zero bytes instead of `data`, streamed
};

// A tar of `entries`, gzip-compressed unless `gzip` is false.
[[nodiscard]] std::string make_tgz(const std::vector<TarEntry>& entries, bool gzip = true);

// A chart's files under a top directory: {"Chart.yaml", ...} → {"top/Chart.yaml", ...}.
[[nodiscard]] std::vector<TarEntry> under(
    std::string_view top, const std::vector<std::pair<std::string, std::string>>& files);

// What a .tgz holds, entry by entry, as written.
struct ReadEntry {
  std::string name;
  std::string data;
  int type = 0;  // AE_IFREG, AE_IFDIR, ...
  int perm = 0;
  std::int64_t mtime = 0;
  std::int64_t uid = 0;
  std::int64_t gid = 0;
  std::string uname;
  std::string gname;
};
[[nodiscard]] std::vector<ReadEntry> read_tgz_entries(std::string_view bytes);

using chartmirror::testing::TempDir;

// Writes `bytes` to `path`, creating its parent directories.
void write_file(const fs::path& path, std::string_view bytes);
[[nodiscard]] std::string read_file(const fs::path& path);

// The shared chart corpus (the repository expects /work/shared beside it: CMake passes
// ${PROJECT_SOURCE_DIR}/../shared/corpus), or $CHARTMIRROR_CORPUS when set, as e2e/env does.
[[nodiscard]] fs::path corpus_dir();

// The helm binary of e2e/env/versions.sh: $CHARTMIRROR_CACHE (default ~/.cache/chartmirror)
// /bin/helm-v3.17.3, installed by `make tools`.
[[nodiscard]] fs::path helm_binary();

// Runs helm_binary() with `args` (two minutes at most, 64 MiB of output); the test stops when
// helm is missing or cannot be run. The exit code is the caller's to check.
[[nodiscard]] ProcessOutput run_helm(std::vector<std::string> args);

}  // namespace chartmirror::charts::testing
