#include "operator/cli/progress_bar.h"

#include <sstream>

#include <doctest/doctest.h>

namespace chartmirror::cli {
namespace {

using controllers::Progress;

TEST_CASE("the progress line: finished images as the bar, bytes as text") {
  const struct {
    std::string name;
    Progress progress;
    size_t width;
    std::string line;
  } cases[] = {
      {"kured",
       {.images_done = 0, .images_total = 2},
       80,
       "kured [........................] 0/2 images, 0 B of 0 B"},
      {"monitoring",
       {.images_done = 12,
        .images_total = 41,
        .bytes_done = 180ULL << 20,
        .bytes_total = 1288490189},
       80,
       "monitoring [#######.................] 12/41 images, 180 MiB of 1.2 GiB"},
      {"m",
       {.images_done = 3, .images_total = 3, .bytes_done = 1536, .bytes_total = 1536},
       80,
       "m [########################] 3/3 images, 1.5 KiB of 1.5 KiB"},
      // Nothing to copy reads as done, not as a division by zero.
      {"empty", {}, 80, "empty [########################] 0/0 images, 0 B of 0 B"},
      // A long name is cut so the line fits the width...
      {"a-chart-mirror-with-a-very-long-name",
       {.images_done = 1, .images_total = 4},
       64,
       "a-chart-mirro~ [######..................] 1/4 images, 0 B of 0 B"},
      // ...but never below a few columns, however narrow.
      {"a-chart-mirror-with-a-very-long-name",
       {.images_done = 1, .images_total = 4},
       20,
       "a-chart~ [######..................] 1/4 images, 0 B of 0 B"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.width);
    CHECK(progress_bar_line(c.name, c.progress, c.width) == c.line);
  }
}

TEST_CASE("the terminal line is redrawn in place and ended when every image is done") {
  std::ostringstream terminal;
  TerminalProgress progress(terminal, true);
  progress.start("kured");
  progress.update({.images_done = 0, .images_total = 2});
  progress.update({.images_done = 1, .images_total = 2});  // within 100 ms: not drawn
  progress.interrupt();
  progress.update({.images_done = 2, .images_total = 2, .bytes_done = 10, .bytes_total = 10});
  progress.update({.images_done = 2, .images_total = 2});  // ended: nothing more
  CHECK(terminal.str() ==
        "\r\033[Kkured [........................] 0/2 images, 0 B of 0 B"
        "\r\033[K"
        "\r\033[Kkured [########################] 2/2 images, 10 B of 10 B\n");

  std::ostringstream quiet;
  TerminalProgress off(quiet, false);
  off.start("kured");
  off.update({.images_done = 2, .images_total = 2});
  off.interrupt();
  CHECK(quiet.str().empty());
}

}  // namespace
}  // namespace chartmirror::cli
