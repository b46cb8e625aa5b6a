#include "controllers/image_copy.h"

#include <atomic>
#include <thread>

namespace chartmirror::controllers {
namespace {

ImageCopyResult copy_one(const charts::images::ImageDestination& image,
                         RegistrySettings& registries, const registry::copy::CopyOptions& options,
                         bool dry_run) {
  const PullLocation from = registries.pull_location(image.source);
  const auto fail = [&](const registry::Error& error) {
    std::string message = error.describe();
    if (from.host != image.source.registry()) {
      message += " (pulled through the mirror " + from.host + "/" + from.repository + ")";
    }
    return ImageCopyResult{.failure = Failure{.ref = image.source.str(),
                                              .reason = failure_reason(error),
                                              .message = std::move(message)}};
  };
  auto source = registries.open(from.host, from.repository);
  if (!source.ok()) return fail(source.error());
  const registry::Reference& target = image.destination;
  auto destination = registries.open(target.registry(), target.repository());
  if (!destination.ok()) return fail(destination.error());
  if (dry_run) {
    auto root = (*source)->resolve(image.source.identifier());
    if (!root.ok()) return fail(root.error());
    bool present = false;
    if (target.tag().empty()) {
      auto exists = (*destination)->exists(*root);
      if (!exists.ok()) return fail(exists.error());
      present = *exists;
    } else {
      auto current = (*destination)->tagged(target.tag());
      if (!current.ok()) return fail(current.error());
      present = *current && (*current)->digest == root->digest;
    }
    return ImageCopyResult{.mirrored = present, .would_copy = !present};
  }
  auto copied = registry::copy::copy(**source, image.source.identifier(), **destination,
                                     target.tag(), options);
  if (!copied.ok()) return fail(copied.error());
  return ImageCopyResult{.mirrored = true,
                         .copied = copied->manifests_pushed > 0 || copied->blobs_copied > 0 ||
                                   copied->blobs_mounted > 0,
                         .bytes_copied = copied->bytes_copied};
}

}  // namespace

const char* failure_reason(const registry::Error& error) {
  using Code = registry::Error::Code;
  switch (error.code) {
    case Code::kNotFound:
      return "NotFound";
    case Code::kUnauthorized:
      return "Unauthorized";
    case Code::kTransport:
      return "Unreachable";
    case Code::kDigestMismatch:
      return "DigestMismatch";
    case Code::kTooLarge:
      return "TooLarge";
    case Code::kUnsupported:
      return "Unsupported";
    case Code::kInvalidInput:
      return "InvalidImage";
    case Code::kCancelled:
      return "Cancelled";
    case Code::kFileSystem:
    case Code::kHttpStatus:
      return "RegistryError";
  }
  return "RegistryError";
}

std::vector<ImageCopyResult> copy_images(
    const std::vector<charts::images::ImageDestination>& images, RegistrySettings& registries,
    const registry::copy::CopyOptions& options, size_t images_at_once, bool dry_run,
    ProgressTracker* progress) {
  std::vector<ImageCopyResult> results(images.size());
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < images.size(); i = next++) {
      if (progress == nullptr) {
        results[i] = copy_one(images[i], registries, options, dry_run);
        continue;
      }
      registry::copy::CopyOptions tracked = options;
      tracked.on_progress = [&options, progress, i](const registry::copy::CopyProgress& report) {
        if (options.on_progress) options.on_progress(report);
        progress->update(i, report);
      };
      results[i] = copy_one(images[i], registries, tracked, dry_run);
      progress->finish(i);
    }
  };
  std::vector<std::thread> workers;
  const size_t count = std::min(std::max<size_t>(images_at_once, 1), images.size());
  workers.reserve(count);
  for (size_t w = 0; w < count; ++w) workers.emplace_back(work);
  for (auto& worker : workers) worker.join();
  return results;
}

}  // namespace chartmirror::controllers
