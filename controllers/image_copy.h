// controllers/image_copy.h — the images of one sync copied into the destination, a few at a
// time, with registry/copy (one copy per image; it verifies every byte, skips what exists and,
// when the destination tag already names the source's manifest, costs one request per side).
//
// The source of an image is its registry, or the mirror spec.registryMirrors names for that
// registry (RegistrySettings::pull_location). Each image ends as mirrored (copied now, or found
// present) or failed, with a Failure whose reason is the registry error's class (NotFound,
// Unauthorized, Unreachable, DigestMismatch, RegistryError, ...) and whose message is the
// registry module's description, which holds no credentials.
//
// With a ProgressTracker, every image's copy reports its bytes to it (from the copy's worker
// threads) and every image is marked finished there when its result is known.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "charts/images/destination.h"
#include "controllers/progress.h"
#include "controllers/registry_settings.h"
#include "controllers/status.h"
#include "registry/copy/copy.h"
#include "registry/error.h"

namespace chartmirror::controllers {

struct ImageCopyResult {
  bool mirrored = false;           // present in the destination now
  bool copied = false;             // this sync pushed something (a manifest or a blob)
  bool would_copy = false;         // dry run: the destination tag does not name the source's root
  std::uint64_t bytes_copied = 0;  // blob bytes pushed (mounts and existing blobs excluded)
  Failure failure;                 // when not mirrored (chart left for the caller to fill in)
};

// One result per mapping, in the same order. A dry run copies nothing: it resolves the source
// and asks the destination what the tag names (with a platform filter the copy would push a
// new index, so a filtered image always reads as "would copy").
[[nodiscard]] std::vector<ImageCopyResult> copy_images(
    const std::vector<charts::images::ImageDestination>& images, RegistrySettings& registries,
    const registry::copy::CopyOptions& options, size_t images_at_once, bool dry_run = false,
    ProgressTracker* progress = nullptr);

// A registry error's class as a status reason.
[[nodiscard]] const char* failure_reason(const registry::Error& error);

}  // namespace chartmirror::controllers
