#include "controllers/progress.h"

#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::controllers {
namespace {

TEST_CASE("byte counts read in binary units") {
  const struct {
    std::uint64_t bytes;
    const char* text;
  } cases[] = {
      {0, "0 B"},
      {1023, "1023 B"},
      {1024, "1.0 KiB"},
      {1536, "1.5 KiB"},
      {10ULL * 1024, "10 KiB"},
      {1048575, "1.0 MiB"},  // 1023.999 KiB: never "1024 KiB"
      {180ULL << 20, "180 MiB"},
      {1288490189, "1.2 GiB"},
      {3ULL << 40, "3.0 TiB"},
      {5000ULL << 50, "5000 PiB"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.bytes);
    CHECK(human_bytes(c.bytes) == c.text);
  }
}

TEST_CASE("the Reconciling message says images and bytes") {
  CHECK(progress_message(Progress{.images_done = 12,
                                  .images_total = 41,
                                  .bytes_done = 180ULL << 20,
                                  .bytes_total = 1288490189}) ==
        "copying images: 12/41 done, 180 MiB of 1.2 GiB");
  CHECK(progress_message(Progress{.images_total = 3}) == "copying images: 0/3 done, 0 B of 0 B");
}

TEST_CASE("the tracker sums the latest report of each image, in order") {
  std::vector<Progress> seen;
  ProgressTracker tracker(2, [&](const Progress& progress) { seen.push_back(progress); });
  tracker.update(0, {.bytes_done = 100, .bytes_total = 1000});
  tracker.update(1, {.bytes_done = 50, .bytes_total = 500});
  tracker.update(0, {.bytes_done = 400, .bytes_total = 1200});  // more blobs found
  tracker.update(1, {.bytes_done = 10, .bytes_total = 500});    // a retry took bytes back
  tracker.finish(1);
  tracker.update(7, {.bytes_done = 1, .bytes_total = 1});  // no such image: ignored
  REQUIRE(seen.size() == 5);
  CHECK(seen[0].bytes_done == 100);
  CHECK(seen[1].bytes_done == 150);
  CHECK(seen[1].bytes_total == 1500);
  CHECK(seen[2].bytes_done == 450);
  CHECK(seen[2].bytes_total == 1700);
  CHECK(seen[3].bytes_done == 410);
  CHECK(seen[4].images_done == 1);
  CHECK(seen[4].images_total == 2);
  const Progress last = tracker.snapshot();
  CHECK(last.bytes_done == 410);
  CHECK(last.images_done == 1);
}

TEST_CASE("the tracker counts reports from many threads at once") {
  constexpr size_t kImages = 8;
  constexpr std::uint64_t kSteps = 500;
  size_t calls = 0;  // the listener is never called twice at once
  ProgressTracker tracker(kImages, [&](const Progress& /*progress*/) { ++calls; });
  std::vector<std::thread> threads;
  threads.reserve(kImages);
  for (size_t image = 0; image < kImages; ++image) {
    threads.emplace_back([&tracker, image] {
      for (std::uint64_t step = 1; step <= kSteps; ++step) {
        tracker.update(image, {.bytes_done = step, .bytes_total = kSteps});
      }
      tracker.finish(image);
    });
  }
  for (auto& thread : threads) thread.join();
  const Progress last = tracker.snapshot();
  CHECK(last.images_done == kImages);
  CHECK(last.bytes_done == kImages * kSteps);
  CHECK(last.bytes_total == kImages * kSteps);
  CHECK(calls == kImages * (kSteps + 1));
}

}  // namespace
}  // namespace chartmirror::controllers
