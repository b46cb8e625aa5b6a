#include "registry/layout/layout_store.h"

#include <set>
#include <system_error>

#include "registry/layout/files.h"
#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::layout {
namespace {

namespace fs = std::filesystem;

// Large enough that a read costs little per byte, small enough that concurrent pushes stay
// cheap in memory.
constexpr std::size_t kChunkBytes = std::size_t{256} * 1024;

// Fills what the lower layer could not know; what it did say (a verifier's operation, a
// source's URL) is kept.
Error in(Error error, std::string_view operation, const oci::Digest& digest) {
  if (error.operation.empty()) error.operation = operation;
  if (error.reference.empty()) error.reference = digest.str();
  return error;
}

// Descriptors reach a store from parsed manifests (digest valid, size ≥ 0), but a caller can
// still build one by hand; an empty digest would otherwise name the blobs directory itself.
Status<Error> check(const oci::Descriptor& descriptor, std::string_view operation) {
  if (descriptor.digest.empty() || descriptor.size < 0) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "a descriptor needs a digest and a size >= 0",
                 .operation = std::string(operation)};
  }
  return Done{};
}

Error not_found(const fs::path& dir, std::string what, std::string_view operation,
                std::string reference, const fs::path& file) {
  return Error{.code = Error::Code::kNotFound,
               .message = "the layout " + dir.string() + " has no " + std::move(what),
               .operation = std::string(operation),
               .reference = std::move(reference),
               .url = file.string()};
}

// The answer of resolve(): what a registry's HEAD would say.
oci::Descriptor summary(const oci::Descriptor& entry) {
  return {.media_type = entry.media_type, .digest = entry.digest, .size = entry.size};
}

}  // namespace

fs::path LayoutStore::blob_path(const oci::Digest& digest) const {
  return dir_ / "blobs" / std::string(digest.algorithm()) / std::string(digest.hex());
}

std::shared_ptr<const LayoutIndex> LayoutStore::index() const {
  const std::lock_guard lock(index_mutex_);
  return index_;
}

std::vector<std::string> LayoutStore::tags() const { return index()->tags(); }

Result<oci::Descriptor, Error> LayoutStore::resolve(std::string_view identifier) {
  constexpr std::string_view kOperation = "resolve";
  if (identifier.empty()) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "a tag or digest is needed",
                 .operation = std::string(kOperation)};
  }
  const auto current = index();
  auto digest = oci::Digest::parse(identifier);
  // A tag cannot hold ':', but a ref.name can ("docker.io/library/alpine:3.19"), so text that
  // is not a digest is looked up as written. A digest of an algorithm we lack is an answer.
  if (!digest.ok() && digest.error().code == Error::Code::kUnsupported) return digest.error();
  if (!digest.ok()) {
    if (const oci::Descriptor* entry = current->find_tag(identifier)) return summary(*entry);
    return not_found(dir_, "tag \"" + std::string(identifier) + "\"", kOperation,
                     std::string(identifier), dir_ / "index.json");
  }
  if (const oci::Descriptor* entry = current->find_digest(*digest)) return summary(*entry);

  // Not listed: a child, or a manifest pushed without a tag. Its media type is in its bytes.
  const fs::path file = blob_path(*digest);
  auto bytes = read_small_file(file, oci::kMaxManifestBytes);
  if (!bytes.ok() && bytes.error().code == Error::Code::kNotFound) {
    return not_found(dir_, "manifest " + digest->str(), kOperation, digest->str(), file);
  }
  if (!bytes.ok()) return in(bytes.error(), kOperation, *digest);
  auto manifest = oci::parse_manifest(*bytes, "");
  if (!manifest.ok()) {
    Error error = manifest.error();
    error.message = "the blob is not a manifest: " + error.message;
    error.operation = kOperation;
    error.url = file.string();
    return in(std::move(error), kOperation, *digest);
  }
  return oci::Descriptor{.media_type = manifest->media_type(),
                         .digest = *digest,
                         .size = static_cast<std::int64_t>(bytes->size())};
}

Result<std::string, Error> LayoutStore::fetch_manifest(const oci::Descriptor& descriptor) {
  constexpr std::string_view kOperation = "fetch manifest";
  if (auto checked = check(descriptor, kOperation); !checked.ok()) return checked.error();
  const fs::path file = blob_path(descriptor.digest);
  auto bytes = read_small_file(file, oci::kMaxManifestBytes);
  if (!bytes.ok() && bytes.error().code == Error::Code::kNotFound) {
    return not_found(dir_, "manifest " + descriptor.digest.str(), kOperation,
                     descriptor.digest.str(), file);
  }
  if (!bytes.ok()) return in(bytes.error(), kOperation, descriptor.digest);
  return std::move(bytes).value();
}

Result<std::unique_ptr<content::BodySource>, Error> LayoutStore::fetch_blob(
    const oci::Descriptor& descriptor) {
  constexpr std::string_view kOperation = "fetch blob";
  if (auto checked = check(descriptor, kOperation); !checked.ok()) return checked.error();
  const fs::path file = blob_path(descriptor.digest);
  auto source = FileSource::open(file);
  if (!source.ok() && source.error().code == Error::Code::kNotFound) {
    return not_found(dir_, "blob " + descriptor.digest.str(), kOperation, descriptor.digest.str(),
                     file);
  }
  if (!source.ok()) return in(source.error(), kOperation, descriptor.digest);
  return std::unique_ptr<content::BodySource>(std::move(source).value());
}

Result<std::vector<oci::Descriptor>, Error> LayoutStore::referrers(const oci::Descriptor& subject) {
  constexpr std::string_view kOperation = "list referrers";
  if (auto checked = check(subject, kOperation); !checked.ok()) return checked.error();
  // Breadth first over index.json entries (depth 0) and the children of those that are
  // indexes (depth 1); each manifest read once.
  std::vector<std::pair<oci::Descriptor, int>> queue;
  const auto current = index();  // held: the loop reads entries inside it
  for (const oci::Descriptor& entry : current->manifests()) queue.emplace_back(entry, 0);
  std::set<oci::Digest> seen;
  std::vector<oci::Descriptor> found;
  for (std::size_t i = 0; i < queue.size(); ++i) {
    const oci::Descriptor listed = queue[i].first;
    const int depth = queue[i].second;
    if (!seen.insert(listed.digest).second) continue;
    auto bytes = read_small_file(blob_path(listed.digest), oci::kMaxManifestBytes);
    // A layout may lack blobs (image-layout.md); a missing one refers to nothing we can see.
    if (!bytes.ok() && bytes.error().code == Error::Code::kNotFound) continue;
    if (!bytes.ok()) return in(bytes.error(), kOperation, listed.digest);
    // A manifest that does not parse is fetch's to report, when someone asks for it.
    auto manifest = oci::parse_manifest(*bytes, listed.media_type);
    if (!manifest.ok()) continue;
    if (manifest->subject() && manifest->subject()->digest == subject.digest) {
      found.push_back(manifest->referrer_descriptor());
    }
    if (depth == 0 && manifest->is_index()) {
      for (const oci::Descriptor& child : manifest->children()) queue.emplace_back(child, 1);
    }
  }
  return found;
}

Result<bool, Error> LayoutStore::exists(const oci::Descriptor& descriptor) {
  constexpr std::string_view kOperation = "check blob";
  if (auto checked = check(descriptor, kOperation); !checked.ok()) return checked.error();
  const fs::path file = blob_path(descriptor.digest);
  std::error_code error;
  const std::uintmax_t size = fs::file_size(file, error);
  if (error == std::errc::no_such_file_or_directory) return false;
  if (error) return in(file_error("stat", file, error.value()), kOperation, descriptor.digest);
  return size == static_cast<std::uintmax_t>(descriptor.size);
}

Status<Error> LayoutStore::push_blob(const oci::Descriptor& descriptor,
                                     content::BodySource& content) {
  auto present = exists(descriptor);
  if (!present.ok()) return in(present.error(), "push blob", descriptor.digest);
  if (*present) return Done{};
  return write_blob(descriptor, content);
}

Status<Error> LayoutStore::write_blob(const oci::Descriptor& descriptor,
                                      content::BodySource& content) {
  constexpr std::string_view kOperation = "push blob";
  const fs::path target = blob_path(descriptor.digest);
  std::error_code created;
  fs::create_directories(target.parent_path(), created);
  if (created) {
    return in(file_error("create directory", target.parent_path(), created.value()), kOperation,
              descriptor.digest);
  }
  // Beside the target, so that the rename stays within one file system and is atomic.
  auto file = TempFile::create(target.parent_path());
  if (!file.ok()) return in(file.error(), kOperation, descriptor.digest);

  oci::DigestVerifier verifier(descriptor.digest, descriptor.size);
  std::string buffer(kChunkBytes, '\0');
  while (true) {
    auto n = content.read(buffer.data(), buffer.size());
    if (!n.ok()) return in(n.error(), kOperation, descriptor.digest);
    if (*n == 0) break;
    const std::string_view chunk(buffer.data(), *n);
    // Verified before written: content past the announced size never reaches the disk.
    if (auto ok = verifier.update(chunk); !ok.ok())
      return in(ok.error(), kOperation, descriptor.digest);
    if (auto ok = file->write(chunk); !ok.ok()) {
      return in(ok.error(), kOperation, descriptor.digest);
    }
  }
  if (auto ok = verifier.finish(); !ok.ok()) return in(ok.error(), kOperation, descriptor.digest);
  if (auto ok = file->commit(target); !ok.ok()) {
    return in(ok.error(), kOperation, descriptor.digest);
  }
  return Done{};
}

Status<Error> LayoutStore::push_manifest(const oci::Descriptor& descriptor, std::string_view bytes,
                                         std::string_view tag) {
  constexpr std::string_view kOperation = "push manifest";
  if (auto checked = check(descriptor, kOperation); !checked.ok()) return checked.error();
  if (oci::Digest::parse(tag).ok()) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "a tag cannot be a digest: resolve() would read it as one",
                 .operation = std::string(kOperation),
                 .reference = std::string(tag)};
  }
  if (auto verified = oci::verify(bytes, descriptor.digest, descriptor.size); !verified.ok()) {
    return in(verified.error(), kOperation, descriptor.digest);
  }
  // A registry refuses what is not a manifest; so does a layout, or resolve() could not
  // answer for it later.
  auto manifest = oci::parse_manifest(bytes, descriptor.media_type);
  if (!manifest.ok()) {
    Error error = manifest.error();
    error.operation = kOperation;
    return in(std::move(error), kOperation, descriptor.digest);
  }
  content::StringSource source(bytes);
  if (auto pushed = push_blob(descriptor, source); !pushed.ok()) {
    return in(pushed.error(), kOperation, descriptor.digest);
  }
  if (tag.empty()) return Done{};
  // The document's own media type wins over the descriptor's, as in parse_manifest.
  oci::Descriptor entry = descriptor;
  entry.media_type = manifest->media_type();
  return this->tag(entry, tag);
}

Status<Error> LayoutStore::tag(const oci::Descriptor& descriptor, std::string_view tag) {
  constexpr std::string_view kOperation = "push manifest";
  const fs::path index_file = dir_ / "index.json";
  const std::lock_guard lock(index_mutex_);
  auto next = index_->with_tag(descriptor, tag);
  if (!next.ok()) return in(next.error(), kOperation, descriptor.digest);
  // Written before the in-memory index changes: on failure both still agree on the old one.
  if (auto written = write_file_atomically(index_file, next->bytes()); !written.ok()) {
    return in(written.error(), kOperation, descriptor.digest);
  }
  index_ = std::make_shared<const LayoutIndex>(std::move(next).value());
  return Done{};
}

}  // namespace chartmirror::registry::layout
