#include "operator/cli/progress_bar.h"

#include <utility>

namespace chartmirror::cli {

std::string progress_bar_line(std::string_view name, const controllers::Progress& progress,
                              size_t width) {
  const size_t total = progress.images_total;
  const size_t done = progress.images_done < total ? progress.images_done : total;
  const size_t filled = total == 0 ? kProgressBarCells : done * kProgressBarCells / total;
  std::string bar = "[" + std::string(filled, '#') + std::string(kProgressBarCells - filled, '.') +
                    "] " + std::to_string(done) + "/" + std::to_string(total) + " images, " +
                    controllers::human_bytes(progress.bytes_done) + " of " +
                    controllers::human_bytes(progress.bytes_total);
  // The name gets what the bar leaves, at least a few columns; cut with "~" when longer.
  constexpr size_t kMinName = 8;
  const size_t room = width > bar.size() + 1 + kMinName ? width - bar.size() - 1 : kMinName;
  std::string shown(name);
  if (shown.size() > room) shown = shown.substr(0, room - 1) + "~";
  return shown + " " + bar;
}

void TerminalProgress::start(std::string name) {
  name_ = std::move(name);
  ended_ = false;
  last_ = {};
}

void TerminalProgress::update(const controllers::Progress& progress) {
  if (!enabled_ || ended_) return;
  const bool complete = progress.images_done >= progress.images_total;
  const auto now = std::chrono::steady_clock::now();
  if (!complete && drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  terminal_ << "\r\033[K" << progress_bar_line(name_, progress);
  if (complete) {
    terminal_ << "\n";
    ended_ = true;
    drawn_ = false;
  } else {
    drawn_ = true;
  }
  terminal_.flush();
}

void TerminalProgress::interrupt() {
  if (!enabled_ || !drawn_) return;
  terminal_ << "\r\033[K";
  drawn_ = false;
  terminal_.flush();
}

}  // namespace chartmirror::cli
