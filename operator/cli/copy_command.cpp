#include "operator/cli/copy_command.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <unistd.h>

#include "operator/cli/cli.h"
#include "operator/cli/flags.h"
#include "registry/copy/copy.h"
#include "registry/stores/store_factory.h"

namespace chartmirror::cli {
namespace {

using registry::ImageLocation;

constexpr size_t kImagesAtOnce = 4;

struct Pair {
  std::string source_text;
  std::string destination_text;
  ImageLocation source;
  ImageLocation destination;
};

struct Options {
  std::vector<std::string> platforms;
  bool referrers = false;
  std::string pairs_file;
  registry::stores::StoreOptions stores;
};

int usage(std::ostream& err, const std::string& problem) {
  err << "chartmirror copy: " << problem
      << "\nusage: chartmirror copy SRC DST [--platform os/arch[/variant]]... [--all-referrers]"
         "\n       chartmirror copy -f PAIRS\n"
         "       registry flags: --registry-config FILE, --plain-http, --insecure\n";
  return kExitUsage;
}

Result<Pair, std::string> parse_pair(const std::string& source, const std::string& destination) {
  auto src = registry::parse_image_location(source);
  if (!src.ok()) return "source: " + src.error().describe();
  auto dst = registry::parse_image_location(destination);
  if (!dst.ok()) return "destination: " + dst.error().describe();
  return Pair{source, destination, std::move(src).value(), std::move(dst).value()};
}

Result<std::vector<Pair>, std::string> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "cannot read the pairs file " + path;
  std::vector<Pair> pairs;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream words(line);
    std::string source;
    std::string destination;
    std::string extra;
    words >> source;
    if (source.empty() || source[0] == '#') continue;
    words >> destination >> extra;
    if (destination.empty() || !extra.empty()) {
      return path + ":" + std::to_string(number) + ": expected \"SRC DST\"";
    }
    auto pair = parse_pair(source, destination);
    if (!pair.ok()) return path + ":" + std::to_string(number) + ": " + pair.error();
    pairs.push_back(std::move(pair).value());
  }
  if (pairs.empty()) return "the pairs file " + path + " lists no pairs";
  return pairs;
}

// One progress line on a terminal, redrawn at most every 100 ms.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled) {}
  void add_bytes(uint64_t delta) {
    bytes_ += delta;
    draw(false);
  }
  void image_done() {
    ++images_;
    draw(true);
  }
  void set_total(size_t images) { total_ = images; }
  void clear() {
    if (enabled_) std::fputs("\r\033[K", stderr);
  }

 private:
  void draw(bool force) {
    if (!enabled_) return;
    const std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::fprintf(stderr, "\r\033[Kcopying: %zu/%zu images, %.1f MiB", images_.load(), total_,
                 static_cast<double>(bytes_.load()) / (1024.0 * 1024.0));
  }

  bool enabled_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<size_t> images_{0};
  size_t total_ = 0;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};  // guarded by mutex_
};

struct Totals {
  std::mutex mutex;
  size_t copied = 0;
  size_t failed = 0;
  uint64_t bytes = 0;
  size_t blobs_copied = 0;
  size_t blobs_skipped = 0;
  size_t blobs_mounted = 0;
};

void copy_one(registry::stores::StoreFactory& factory, const Pair& pair,
              const registry::copy::CopyOptions& base, ProgressLine& progress, Totals& totals,
              std::ostream& err, std::mutex& err_mutex) {
  auto fail = [&](const registry::Error& error) {
    const std::lock_guard lock(err_mutex);
    progress.clear();
    err << "chartmirror copy: " << pair.source_text << " -> " << pair.destination_text << ": "
        << error.describe() << "\n";
    const std::lock_guard totals_lock(totals.mutex);
    ++totals.failed;
  };
  auto source = factory.open(pair.source, false);
  if (!source.ok()) return fail(source.error());
  auto destination = factory.open(pair.destination, true);
  if (!destination.ok()) return fail(destination.error());
  registry::copy::CopyOptions options = base;
  uint64_t reported = 0;  // per image: progress reports are cumulative
  options.on_progress = [&](const registry::copy::CopyProgress& update) {
    if (update.bytes_done > reported) progress.add_bytes(update.bytes_done - reported);
    reported = update.bytes_done;
  };
  // A destination named by digest alone gets no tag: the root is pushed by its digest.
  const std::string tag = std::visit([](const auto& l) { return l.tag(); }, pair.destination);
  auto result = registry::copy::copy(**source, registry::stores::identifier_of(pair.source),
                                     **destination, tag, options);
  if (!result.ok()) return fail(result.error());
  progress.image_done();
  const std::lock_guard lock(totals.mutex);
  ++totals.copied;
  totals.bytes += result->bytes_copied;
  totals.blobs_copied += result->blobs_copied;
  totals.blobs_skipped += result->blobs_skipped;
  totals.blobs_mounted += result->blobs_mounted;
}

}  // namespace

int run_copy(std::span<const std::string_view> args, std::ostream& out, std::ostream& err) {
  Options options;
  FlagSet flags;
  flags.add_strings("platform", &options.platforms);
  flags.add_bool("all-referrers", &options.referrers);
  flags.add_string("file", &options.pairs_file, 'f');
  flags.add_string("registry-config", &options.stores.registry_config);
  flags.add_bool("plain-http", &options.stores.plain_http);
  flags.add_bool("insecure", &options.stores.insecure);
  auto positional = flags.parse(args);
  if (!positional.ok()) return usage(err, positional.error());

  std::vector<Pair> pairs;
  if (!options.pairs_file.empty()) {
    if (!positional->empty()) return usage(err, "give either -f PAIRS or SRC DST, not both");
    auto read = read_pairs(options.pairs_file);
    if (!read.ok()) return usage(err, read.error());
    pairs = std::move(read).value();
  } else {
    if (positional->size() != 2) return usage(err, "expected SRC and DST");
    auto pair = parse_pair((*positional)[0], (*positional)[1]);
    if (!pair.ok()) return usage(err, pair.error());
    pairs.push_back(std::move(pair).value());
  }

  registry::copy::CopyOptions copy_options;
  copy_options.referrers = options.referrers;
  for (const auto& text : options.platforms) {
    auto platform = registry::oci::Platform::parse(text);
    if (!platform.ok()) return usage(err, "--platform: " + platform.error().describe());
    copy_options.platforms.push_back(std::move(platform).value());
  }
  auto factory = registry::stores::StoreFactory::create(options.stores);
  if (!factory.ok()) return usage(err, factory.error().describe());

  const auto started = std::chrono::steady_clock::now();
  ProgressLine progress(isatty(STDERR_FILENO) == 1);
  progress.set_total(pairs.size());
  Totals totals;
  std::mutex err_mutex;
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (size_t w = 0; w < std::min(kImagesAtOnce, pairs.size()); ++w) {
    workers.emplace_back([&] {
      for (size_t i = next++; i < pairs.size(); i = next++) {
        copy_one(**factory, pairs[i], copy_options, progress, totals, err, err_mutex);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  progress.clear();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char summary[256];
  std::snprintf(summary, sizeof summary,
                "copied %zu of %zu images in %.2f s: %zu blobs copied (%.1f MiB), %zu mounted, "
                "%zu already present; %zu failed\n",
                totals.copied, pairs.size(), seconds, totals.blobs_copied,
                static_cast<double>(totals.bytes) / (1024.0 * 1024.0), totals.blobs_mounted,
                totals.blobs_skipped, totals.failed);
  out << summary;
  return totals.failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace chartmirror::cli
