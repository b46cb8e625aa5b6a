#include "registry/copy/retry.h"

#include <thread>

namespace chartmirror::registry::copy {

void sleep_interruptibly(std::chrono::milliseconds duration, const std::function<bool()>& stop) {
  constexpr std::chrono::milliseconds kSlice{50};
  const auto deadline = std::chrono::steady_clock::now() + duration;
  for (auto now = std::chrono::steady_clock::now(); now < deadline;
       now = std::chrono::steady_clock::now()) {
    if (stop && stop()) return;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(kSlice, deadline - now));
  }
}

}  // namespace chartmirror::registry::copy
