// operator/cli/progress_bar.h — `chartmirror mirror`'s progress on a terminal: one line per
// ChartMirror, redrawn in place with '\r' while its images copy (controllers/progress.h), kept
// once they are all done. Only for a terminal: when stderr is not one (CI, tests) nothing is
// drawn, and stdout is never touched, so what scripts compare stays the same.
//
// The line is "NAME [#########...........] 12/41 images, 180 MiB of 1.2 GiB": the bar counts
// finished images (the byte total only grows as copies find blobs to move, so it would run
// backwards); a long name is cut to keep the line within the width.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "controllers/progress.h"

namespace chartmirror::cli {

inline constexpr size_t kProgressBarCells = 24;

// The line for `name` at `progress`, at most `width` columns, without control characters.
[[nodiscard]] std::string progress_bar_line(std::string_view name,
                                            const controllers::Progress& progress,
                                            size_t width = 80);

// Draws the lines on `terminal`; does nothing when not `enabled`. Not thread-safe: update()
// comes from the reconciler's copy threads one call at a time, and nothing else may be written
// to `terminal` while a line is half drawn but through interrupt().
class TerminalProgress {
 public:
  TerminalProgress(std::ostream& terminal, bool enabled) : terminal_(terminal), enabled_(enabled) {}

  // The ChartMirror whose copies follow.
  void start(std::string name);
  // Redraws the line (at most ten times a second, but always when every image is done, which
  // ends the line).
  void update(const controllers::Progress& progress);
  // Clears a line that is not finished, so that a message can be written in its place; the
  // next update draws it again.
  void interrupt();

 private:
  std::ostream& terminal_;
  bool enabled_;
  std::string name_;
  bool drawn_ = false;  // a line is on the terminal, not ended
  bool ended_ = false;  // this ChartMirror's line is complete
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace chartmirror::cli
