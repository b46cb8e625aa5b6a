// charts/chart/loader.h — what the archive and directory loaders share (internal to
// charts/chart): the budget a chart's loading draws on, reading the files of a .tgz, and
// assembling files into a Chart with its subcharts (Helm's LoadFiles).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "charts/chart/archive.h"
#include "charts/chart/chart.h"
#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts::loader {

// A file read from an archive or a directory: its path relative to the chart's root.
struct LoadedFile {
  std::string name;
  std::string data;
};

// What is left to spend on one chart, its subcharts included.
struct Budget {
  explicit Budget(const LoadLimits& chosen)
      : limits(chosen), bytes_left(chosen.max_total_size), entries_left(chosen.max_entries) {}

  const LoadLimits& limits;
  std::uint64_t bytes_left;
  std::size_t entries_left;
  int depth = 0;
};

// An error the loader makes: kTooLarge or kInvalidInput, about `source`.
[[nodiscard]] Error too_large(std::string_view source, std::string message);
[[nodiscard]] Error invalid(std::string_view source, std::string message);

// Removes a UTF-8 byte-order mark from the start of `data`.
void strip_byte_order_mark(std::string& data);

// The files of the chart in a gzip-compressed tar (see archive.h for the rules).
[[nodiscard]] Result<std::vector<LoadedFile>, Error> read_tgz(std::string_view bytes,
                                                              std::string_view source,
                                                              Budget& budget);

// Helm's LoadFiles: splits off the subcharts' files (charts/NAME.tgz, charts/NAME/...),
// builds the chart, then loads each subchart, charts/*.tgz through read_tgz.
[[nodiscard]] Result<Chart, Error> assemble(std::vector<LoadedFile> files,
                                            const std::string& source, Budget& budget);

}  // namespace chartmirror::charts::loader
