#include "controllers/progress.h"

#include <array>
#include <cstdio>
#include <utility>

namespace chartmirror::controllers {

std::string human_bytes(std::uint64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  double value = static_cast<double>(bytes) / 1024.0;
  size_t unit = 0;
  // 1023.96 KiB would print as "1024 KiB": move up before rounding can reach 1024.
  while (value >= 1023.95 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, value < 9.95 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return text;
}

std::string progress_message(const Progress& progress) {
  return "copying images: " + std::to_string(progress.images_done) + "/" +
         std::to_string(progress.images_total) + " done, " + human_bytes(progress.bytes_done) +
         " of " + human_bytes(progress.bytes_total);
}

ProgressTracker::ProgressTracker(size_t images, Listener listener)
    : listener_(std::move(listener)), images_(images) {
  sum_.images_total = images;
}

void ProgressTracker::update(size_t index, const registry::copy::CopyProgress& report) {
  const std::lock_guard lock(mutex_);
  if (index >= images_.size()) return;
  Bytes& image = images_[index];
  // A retried blob's bytes are taken back by the copy: done may go down as well as up.
  sum_.bytes_done = sum_.bytes_done - image.done + report.bytes_done;
  sum_.bytes_total = sum_.bytes_total - image.total + report.bytes_total;
  image = Bytes{.done = report.bytes_done, .total = report.bytes_total};
  report_locked();
}

void ProgressTracker::finish(size_t index) {
  const std::lock_guard lock(mutex_);
  if (index >= images_.size()) return;
  ++sum_.images_done;
  report_locked();
}

Progress ProgressTracker::snapshot() const {
  const std::lock_guard lock(mutex_);
  return sum_;
}

void ProgressTracker::report_locked() {
  if (listener_) listener_(sum_);
}

}  // namespace chartmirror::controllers
