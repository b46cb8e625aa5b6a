#include "registry/copy/copy.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "registry/copy/blob_copy.h"
#include "registry/copy/job_pool.h"
#include "registry/copy/platform_filter.h"
#include "registry/copy/retry.h"
#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::copy {
namespace {

// Indexes of indexes and referrers of referrers nest, and a source decides how deep; real
// images stay within a handful of levels, so a deeper graph is refused rather than followed.
constexpr int kMaxDepth = 32;

// What the destination tag will name: the source's root, one of its platforms, or a new index.
struct Target {
  oci::Descriptor descriptor;
  oci::Manifest manifest;
  bool in_source = true;  // false for an index the platform filter wrote
};

class Copier {
 public:
  Copier(content::ReadableStore& src, content::WritableStore& dst, const CopyOptions& options)
      : src_(src),
        dst_(dst),
        options_(options),
        retry_{.retries = options.retries,
               .backoff = options.backoff,
               .max_backoff = options.max_backoff,
               .sleep = options.sleep,
               .stop = [this] { return stopped(); }},
        blobs_(src, dst, options.on_progress, retry_),
        pool_(options.concurrency) {}

  Result<CopyResult, Error> run(std::string_view src_identifier, std::string_view dst_tag);

 private:
  struct Push {
    oci::Descriptor descriptor;
    std::string bytes;
    std::string tag;
  };

  [[nodiscard]] bool cancelled() const {
    return options_.cancelled != nullptr && options_.cancelled->load();
  }
  // Blob workers stop on cancellation and on the first failure of another blob.
  [[nodiscard]] bool stopped() const { return cancelled() || pool_.failed(); }

  Result<oci::Manifest, Error> fetch_manifest(const oci::Descriptor& descriptor);
  Result<Target, Error> choose_target(oci::Descriptor root, oci::Manifest manifest);
  // `tag`: what to tag a manifest other than the root with (cosign's tags), if anything.
  Status<Error> walk(const oci::Descriptor& descriptor, std::optional<oci::Manifest> prefetched,
                     int depth, std::string_view tag = {});
  Status<Error> submit_blob(const oci::Descriptor& blob);
  Status<Error> push(const Push& item);
  Status<Error> tag_existing_root(const Target& target, std::string_view tag);
  Result<bool, Error> up_to_date(const oci::Descriptor& root, std::string_view dst_tag);
  Status<Error> walk_signature_tags(const oci::Manifest& root);

  content::ReadableStore& src_;
  content::WritableStore& dst_;
  const CopyOptions& options_;
  RetryPolicy retry_;
  CopyResult result_;
  std::set<oci::Digest> visited_;    // manifests reached, copied or not
  std::set<oci::Digest> blobs_met_;  // blobs queued
  std::set<oci::Digest> foreign_;    // non-distributable layers met
  std::vector<Push> pushes_;         // manifests to push, children before parents
  std::optional<Push> root_push_;    // the target, pushed and tagged after everything else
  std::vector<Push> retags_;         // cosign tags of manifests the destination holds already
  std::optional<oci::Digest> root_;  // the target, while walking it
  bool root_exists_ = false;
  bool root_in_source_ = true;
  bool dst_tag_checked_ = false;  // up_to_date() found the tag absent or naming something else
  std::string tag_;
  BlobCopier blobs_;
  JobPool pool_;  // last: destroyed first, so no blob job outlives what it uses
};

Result<oci::Manifest, Error> Copier::fetch_manifest(const oci::Descriptor& descriptor) {
  const std::string& digest = descriptor.digest.str();
  // Sizes come from the wire: refuse before asking for more than any registry would store.
  if (descriptor.size < 0 || static_cast<std::uint64_t>(descriptor.size) > oci::kMaxManifestBytes) {
    return on_side(
        Error{.code = Error::Code::kTooLarge,
              .message = "the descriptor announces a manifest of " +
                         std::to_string(descriptor.size) + " bytes, more than the " +
                         std::to_string(oci::kMaxManifestBytes) + " a manifest may have"},
        "source", digest);
  }
  auto bytes = with_retries(retry_, [&] { return src_.fetch_manifest(descriptor); });
  if (!bytes.ok()) return on_side(bytes.error(), "source", digest);
  if (auto verified = oci::verify(*bytes, descriptor.digest, descriptor.size); !verified.ok()) {
    return on_side(verified.error(), "source", digest);
  }
  auto parsed = oci::parse_manifest(*bytes, descriptor.media_type);
  if (!parsed.ok()) return on_side(parsed.error(), "source", digest);
  return parsed;
}

Result<Target, Error> Copier::choose_target(oci::Descriptor root, oci::Manifest manifest) {
  if (options_.platforms.empty() || !manifest.is_index()) {
    return Target{.descriptor = std::move(root), .manifest = std::move(manifest)};
  }
  auto selected = select_platforms(manifest, options_.platforms);
  if (!selected.ok()) return on_side(selected.error(), "source", root.digest.str());
  result_.index_preserved = false;
  if (selected->size() == 1) {
    const oci::Descriptor& entry = manifest.index()->manifests[selected->front()];
    auto child = fetch_manifest(entry);
    if (!child.ok()) return child.error();
    return Target{.descriptor = entry, .manifest = std::move(child).value()};
  }
  auto bytes = narrow_index(manifest, *selected);
  if (!bytes.ok()) return on_side(bytes.error(), "source", root.digest.str());
  auto narrowed = oci::parse_manifest(*bytes, manifest.media_type());
  if (!narrowed.ok()) return on_side(narrowed.error(), "source", root.digest.str());
  oci::Descriptor descriptor = narrowed->descriptor();
  return Target{.descriptor = std::move(descriptor),
                .manifest = std::move(narrowed).value(),
                .in_source = false};
}

Status<Error> Copier::submit_blob(const oci::Descriptor& blob) {
  // Registries need not accept foreign layers, and docker never pushes them: their urls
  // already say where they are.
  if (oci::media_type::is_non_distributable(blob.media_type)) {
    if (foreign_.insert(blob.digest).second) ++result_.blobs_skipped;
    return Done{};
  }
  // Counted before it is queued, so that no progress report shows more blobs done than met.
  if (!blobs_met_.insert(blob.digest).second) return Done{};
  blobs_.count();
  pool_.submit(blob.digest.str(), [this, blob] { return blobs_.copy_blob(blob); });
  return Done{};
}

// Reaches every manifest under `descriptor` (and its referrers), queues the blobs and records
// the manifests to push; the pushes happen once every blob is stored.
Status<Error> Copier::walk(const oci::Descriptor& descriptor,
                           std::optional<oci::Manifest> prefetched, int depth,
                           std::string_view tag) {
  const std::string& digest = descriptor.digest.str();
  if (cancelled()) return cancelled_error();
  if (pool_.failed()) return Done{};  // the pool's error is reported by run()
  if (depth > kMaxDepth) {
    return on_side(Error{.code = Error::Code::kInvalidInput,
                         .message = "manifests nest more than " + std::to_string(kMaxDepth) +
                                    " levels deep (indexes or referrers)"},
                   "source", digest);
  }
  if (!visited_.insert(descriptor.digest).second) return Done{};
  const bool is_root = root_ && *root_ == descriptor.digest;

  // A tag that does not name the root says little about the root itself, but a fresh copy is
  // the common case, and walking a stored root again only costs HEADs and one idempotent PUT.
  Result<bool, Error> exists = false;
  if (!is_root || !dst_tag_checked_) {
    exists = with_retries(retry_, [&] { return dst_.exists(descriptor); });
    if (!exists.ok()) return on_side(exists.error(), "destination", digest);
  }
  std::optional<Push> own_push;
  if (*exists) {
    // oras's rule: what the destination has, it has entirely.
    ++result_.manifests_skipped;
    if (is_root) root_exists_ = true;
    if (!is_root && !tag.empty() && prefetched) {
      // Stored, perhaps untagged: the tag is written again, an idempotent PUT.
      retags_.push_back(Push{.descriptor = {.media_type = prefetched->media_type(),
                                            .digest = descriptor.digest,
                                            .size = descriptor.size},
                             .bytes = prefetched->bytes(),
                             .tag = std::string(tag)});
    }
  } else {
    if (!prefetched) {
      auto fetched = fetch_manifest(descriptor);
      if (!fetched.ok()) return fetched.error();
      prefetched = std::move(fetched).value();
    }
    const oci::Manifest& manifest = *prefetched;
    if (manifest.is_index()) {
      for (const oci::Descriptor& child : manifest.children()) {
        if (auto done = walk(child, std::nullopt, depth + 1); !done.ok()) return done;
      }
    } else {
      // Largest first: the image is done when its largest blob is, and the small ones fill
      // the other workers meanwhile.
      std::vector<oci::Descriptor> blobs = manifest.children();
      std::stable_sort(blobs.begin(), blobs.end(),
                       [](const auto& a, const auto& b) { return a.size > b.size; });
      for (const oci::Descriptor& blob : blobs) {
        if (auto done = submit_blob(blob); !done.ok()) return done;
      }
    }
    // Pushed with the media type the document declares: registries compare the two.
    own_push = Push{.descriptor = {.media_type = manifest.media_type(),
                                   .digest = descriptor.digest,
                                   .size = descriptor.size},
                    .bytes = manifest.bytes(),
                    .tag = is_root ? tag_ : std::string(tag)};
    // A child goes before its referrers, which name it as their subject; the root, which the
    // tag names, goes after everything.
    if (!is_root) pushes_.push_back(std::move(*own_push));
  }

  if (options_.referrers && (!is_root || root_in_source_)) {
    auto referrers = with_retries(retry_, [&] { return src_.referrers(descriptor); });
    if (!referrers.ok()) return on_side(referrers.error(), "source", digest);
    for (const oci::Descriptor& referrer : *referrers) {
      if (auto done = walk(referrer, std::nullopt, depth + 1); !done.ok()) return done;
    }
  }
  if (is_root && own_push) root_push_ = std::move(own_push);
  return Done{};
}

Status<Error> Copier::push(const Push& item) {
  if (cancelled()) return cancelled_error();
  auto pushed = with_retries(
      retry_, [&] { return dst_.push_manifest(item.descriptor, item.bytes, item.tag); });
  if (!pushed.ok()) return on_side(pushed.error(), "destination", item.descriptor.digest.str());
  ++result_.manifests_pushed;
  return Done{};
}

// The root is stored already; the tag may name it, name something else, or not exist.
Status<Error> Copier::tag_existing_root(const Target& target, std::string_view tag) {
  if (!dst_tag_checked_) {
    auto current = with_retries(retry_, [&] { return dst_.tagged(tag); });
    if (!current.ok()) return on_side(current.error(), "destination", tag);
    if (*current && (*current)->digest == target.descriptor.digest) return Done{};
  }
  return push(Push{.descriptor = {.media_type = target.manifest.media_type(),
                                  .digest = target.descriptor.digest,
                                  .size = target.descriptor.size},
                   .bytes = target.manifest.bytes(),
                   .tag = std::string(tag)});
}

// Whether the destination tag names the source's root already, so that there is nothing to
// do: one request at each side. Only when the copy would take the root as it is: a platform
// filter changes the root, and referrers may have been added since the last copy.
Result<bool, Error> Copier::up_to_date(const oci::Descriptor& root, std::string_view dst_tag) {
  if (dst_tag.empty() || !options_.platforms.empty() || options_.referrers) return false;
  auto current = with_retries(retry_, [&] { return dst_.tagged(dst_tag); });
  if (!current.ok()) return on_side(current.error(), "destination", dst_tag);
  dst_tag_checked_ = true;
  return *current && (*current)->digest == root.digest;
}

// cosign keeps signatures, attestations and SBOMs under tags named after the digest they
// are about ("sha256-<hex>.sig"), not as referrers: each manifest reached gets its tags copied
// too, under the same names, which stay true because digests are preserved.
Status<Error> Copier::walk_signature_tags(const oci::Manifest& root) {
  auto tags = with_retries(retry_, [&] { return src_.list_tags(); });
  if (!tags.ok()) return on_side(tags.error(), "source", "tags");
  const std::set<std::string, std::less<>> available(tags->begin(), tags->end());
  // The root's platforms too when the destination had the root already (the walk stopped
  // there): their digests are in the index at hand, so it costs nothing to ask.
  std::set<oci::Digest> reached(visited_.begin(), visited_.end());
  if (root.is_index()) {
    for (const oci::Descriptor& child : root.children()) reached.insert(child.digest);
  }
  for (const oci::Digest& digest : reached) {
    for (const std::string_view suffix : {".sig", ".att", ".sbom"}) {
      std::string tag = std::string(digest.algorithm()) + "-" + std::string(digest.hex());
      tag += suffix;
      if (!available.contains(tag)) continue;
      auto descriptor = with_retries(retry_, [&] { return src_.resolve(tag); });
      if (!descriptor.ok()) return on_side(descriptor.error(), "source", tag);
      auto manifest = fetch_manifest(*descriptor);
      if (!manifest.ok()) return manifest.error();
      ++result_.signature_tags;
      // Not through visited_: a signature already reached as a referrer still needs its tag.
      visited_.erase(descriptor->digest);
      auto done = walk(*descriptor, std::move(manifest).value(), 1, tag);
      if (!done.ok()) return done;
    }
  }
  return Done{};
}

Result<CopyResult, Error> Copier::run(std::string_view src_identifier, std::string_view dst_tag) {
  if (cancelled()) return cancelled_error();
  auto root = with_retries(retry_, [&] { return src_.resolve(src_identifier); });
  if (!root.ok()) return on_side(root.error(), "source", src_identifier);
  auto done = up_to_date(*root, dst_tag);
  if (!done.ok()) return done.error();
  if (*done) {
    result_.manifests_skipped = 1;
    result_.root = std::move(root).value();
    return result_;
  }
  auto root_manifest = fetch_manifest(*root);
  if (!root_manifest.ok()) return root_manifest.error();
  auto target = choose_target(std::move(root).value(), std::move(root_manifest).value());
  if (!target.ok()) return target.error();

  root_ = target->descriptor.digest;
  root_in_source_ = target->in_source;
  tag_ = std::string(dst_tag);
  Status<Error> walked = walk(target->descriptor, target->manifest, 0);
  if (walked.ok() && options_.referrers) walked = walk_signature_tags(target->manifest);
  if (!walked.ok()) {
    // A blob may have failed first, and the walk only stopped because of it: the pool keeps
    // whichever failure came first, and waits for the running blobs to give up.
    pool_.abort(walked.error());
  }
  if (auto blobs = pool_.wait(); !blobs.ok()) return blobs.error();

  for (const Push& item : pushes_) {
    if (auto pushed = push(item); !pushed.ok()) return pushed.error();
  }
  for (const Push& item : retags_) {
    if (auto pushed = push(item); !pushed.ok()) return pushed.error();
  }
  if (root_push_) {
    if (auto pushed = push(*root_push_); !pushed.ok()) return pushed.error();
  }
  if (root_exists_ && !dst_tag.empty()) {
    if (auto tagged = tag_existing_root(*target, dst_tag); !tagged.ok()) return tagged.error();
  }

  blobs_.add_counts(result_);
  result_.root = oci::Descriptor{.media_type = target->manifest.media_type(),
                                 .digest = target->descriptor.digest,
                                 .size = target->descriptor.size};
  return result_;
}

}  // namespace

Result<CopyResult, Error> copy(content::ReadableStore& src, std::string_view src_identifier,
                               content::WritableStore& dst, std::string_view dst_tag,
                               const CopyOptions& options) {
  Copier copier(src, dst, options);
  auto result = copier.run(src_identifier, dst_tag);
  // Once cancelled, a step may still end with the error it was retrying; the caller asked to
  // stop, and that is the answer.
  const bool cancelled = options.cancelled != nullptr && options.cancelled->load();
  if (!result.ok() && cancelled && result.error().code != Error::Code::kCancelled) {
    return cancelled_error();
  }
  return result;
}

}  // namespace chartmirror::registry::copy
