// charts/chart/archive.h — loading charts from .tgz archives and from directories, safely.
//
// Charts come from repositories chartmirror does not control, so an archive is read as
// hostile input: streamed through libarchive, counted as it is decompressed, and refused (with
// an error naming the archive and the entry) before it can use more than the limits below.
//
// An archive (Helm's pkg/chart/loader/archive.go, stricter where noted):
//   - must be gzip-compressed tar; only regular files and directories are accepted: symbolic
//     links, hard links, devices and FIFOs are refused (Helm reads links as empty files);
//   - holds one chart: every file lies under one top-level directory (Helm strips the first
//     path component of each entry without comparing them), which is not "." or "..";
//   - no entry is absolute, reaches outside that directory once cleaned ("a/../b" is "b"),
//     starts with "..", or looks like a Windows drive path ("c:/x"); '\' separates paths in
//     an archive that uses it, as in Helm;
//   - no path appears twice (Helm would keep both; which one wins would depend on the reader);
//   - a file at the top level, Chart.yaml included, is refused, as in Helm.
// Directory entries are skipped. A UTF-8 byte-order mark at the start of a file is removed.
// Subcharts are loaded from charts/*.tgz and charts/*/ recursively, as Helm's LoadFiles does
// (see chart.h); their errors say where they are: "charts/redis-19.5.0.tgz: ...".
//
// A directory (Helm's LoadDir, what `helm package DIR` reads) is walked in path order,
// following symbolic links as Helm does (a link cycle is an error), leaving out what
// .helmignore and Helm's default rule ignore (ignore.h); a file that is not regular is an
// error. The same size limits apply.
//
// Every error has `source` set to the archive or directory the caller named. Codes:
// kNotFound (no such file or directory), kTooLarge (a limit below), kInvalidInput (the rest).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

struct LoadLimits {
  // Decompressed bytes of all files of the chart and its subcharts together (a subchart
  // archive counts once as the archive, and again as what it unpacks to). Helm's
  // MaxDecompressedChartSize is 100 MiB, per archive.
  std::uint64_t max_total_size = std::uint64_t{100} << 20;
  // One file, decompressed (Helm's MaxDecompressedFileSize).
  std::uint64_t max_file_size = std::uint64_t{5} << 20;
  // Entries of all archives and files of all directories read for the chart (Helm has none;
  // the largest charts hold a few hundred files).
  std::size_t max_entries = 10'000;
  // Subcharts within subcharts (Helm has no limit; real charts nest three deep).
  int max_depth = 16;
};

// A .tgz in memory; `source` names it in errors and becomes the chart's source().
[[nodiscard]] Result<Chart, Error> load_archive(std::string_view bytes, std::string_view source,
                                                const LoadLimits& limits = {});

// A .tgz file. A file that is not gzip is refused with a hint (a YAML file given as a chart).
[[nodiscard]] Result<Chart, Error> load_archive_file(const std::filesystem::path& path,
                                                     const LoadLimits& limits = {});

// A chart directory, as `helm package` and `helm template DIR` read it.
[[nodiscard]] Result<Chart, Error> load_directory(const std::filesystem::path& path,
                                                  const LoadLimits& limits = {});

// A directory or an archive file, whichever `path` is (Helm's loader.Load).
[[nodiscard]] Result<Chart, Error> load_chart(const std::filesystem::path& path,
                                              const LoadLimits& limits = {});

}  // namespace chartmirror::charts
