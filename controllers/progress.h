// controllers/progress.h — where the image copies of one sync stand, while they run: for the
// Reconciling condition's message during a long copy (issue 6) and for `mirror -f`'s progress
// bar on a terminal.
//
// Images copy several at a time, each reporting registry::copy::CopyProgress from its own
// worker threads; ProgressTracker sums the latest report of every image into one Progress and
// hands each new sum to a listener, one call at a time, in the order the sums were made (the
// listener runs under the tracker's lock, so it must be quick or rare: the reconciler throttles
// its status patches). Byte totals grow as each copy finds the blobs it must transfer, so
// bytes_total is "known so far", never a promise.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "registry/copy/copy.h"

namespace chartmirror::controllers {

struct Progress {
  size_t images_done = 0;  // finished: copied, found present, or failed
  size_t images_total = 0;
  std::uint64_t bytes_done = 0;   // blob bytes pushed so far, every image together
  std::uint64_t bytes_total = 0;  // blob bytes found to need a transfer so far
};

// 512 B, 1.5 KiB, 180 MiB, 1.2 GiB: binary units, one decimal below 10, none from 10 on.
[[nodiscard]] std::string human_bytes(std::uint64_t bytes);

// "copying images: 12/41 done, 180 MiB of 1.2 GiB".
[[nodiscard]] std::string progress_message(const Progress& progress);

class ProgressTracker {
 public:
  using Listener = std::function<void(const Progress&)>;

  // `listener` may be empty: the tracker then only counts.
  ProgressTracker(size_t images, Listener listener);

  // The latest report of the copy of image `index`.
  void update(size_t index, const registry::copy::CopyProgress& report);
  // Image `index` is finished (whatever the outcome).
  void finish(size_t index);

  [[nodiscard]] Progress snapshot() const;

 private:
  struct Bytes {
    std::uint64_t done = 0;
    std::uint64_t total = 0;
  };
  void report_locked();

  Listener listener_;
  mutable std::mutex mutex_;
  std::vector<Bytes> images_;  // guarded by mutex_
  Progress sum_;               // guarded by mutex_
};

}  // namespace chartmirror::controllers
