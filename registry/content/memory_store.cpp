#include "registry/content/memory_store.h"

#include <algorithm>
#include <thread>
#include <utility>
#include <vector>

#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::content {
namespace {

// Serves shared bytes a chunk at a time; optionally fails once `fail_at` bytes are served.
class SharedBytesSource final : public BodySource {
 public:
  SharedBytesSource(std::shared_ptr<const std::string> bytes, size_t chunk,
                    std::optional<size_t> fail_at, Error failure)
      : bytes_(std::move(bytes)),
        chunk_(std::max<size_t>(chunk, 1)),
        fail_at_(fail_at),
        failure_(std::move(failure)) {}

  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override {
    size_t end = bytes_->size();
    if (fail_at_) {
      if (offset_ >= *fail_at_) return failure_;
      end = *fail_at_;
    }
    const size_t n = std::min({size, chunk_, end - offset_});
    bytes_->copy(data, n, offset_);
    offset_ += n;
    return n;
  }

 private:
  std::shared_ptr<const std::string> bytes_;
  size_t chunk_;
  std::optional<size_t> fail_at_;
  Error failure_;
  size_t offset_ = 0;
};

std::shared_ptr<const std::string> corrupted(const std::string& bytes) {
  std::string copy = bytes;
  if (copy.empty()) {
    copy.push_back('!');
  } else {
    copy[0] = static_cast<char>(copy[0] ^ 0x20);
  }
  return std::make_shared<const std::string>(std::move(copy));
}

bool is_fetch(MemoryStore::Operation operation) {
  return operation == MemoryStore::Operation::kFetchBlob ||
         operation == MemoryStore::Operation::kFetchManifest;
}

// Decrements the in-flight push count however push_blob returns.
class InFlight {
 public:
  InFlight(std::mutex& mutex, size_t& count) : mutex_(mutex), count_(count) {}
  ~InFlight() {
    const std::lock_guard lock(mutex_);
    --count_;
  }
  InFlight(const InFlight&) = delete;
  InFlight& operator=(const InFlight&) = delete;
  InFlight(InFlight&&) = delete;
  InFlight& operator=(InFlight&&) = delete;

 private:
  std::mutex& mutex_;
  size_t& count_;
};

}  // namespace

MemoryStore::MemoryStore(std::string name) : name_(std::move(name)) {}
MemoryStore::~MemoryStore() = default;

Error MemoryStore::not_found(std::string_view what, std::string_view identifier) const {
  return Error{.code = Error::Code::kNotFound,
               .message = name_ + " has no " + std::string(what) + " " + std::string(identifier),
               .reference = std::string(identifier)};
}

std::optional<MemoryStore::Fault> MemoryStore::take_fault(Operation operation,
                                                          const oci::Digest& digest) {
  for (ArmedFault& armed : faults_) {
    const Fault& fault = armed.fault;
    if (fault.operation != operation) continue;
    if (fault.digest && *fault.digest != digest) continue;
    const int call = armed.seen++;
    if (call < fault.after) continue;
    if (fault.times != Fault::kForever && call >= fault.after + fault.times) continue;
    Fault applied = fault;
    if (applied.error.reference.empty()) applied.error.reference = digest.str();
    // Only fetches can serve bad content; anywhere else a fault is a failed call.
    if (!is_fetch(operation)) applied.kind = Fault::Kind::kFail;
    return applied;
  }
  return std::nullopt;
}

Result<oci::Descriptor, Error> MemoryStore::resolve(std::string_view identifier) {
  const std::lock_guard lock(mutex_);
  ++counters_.resolves;
  if (auto fault = take_fault(Operation::kResolve, {})) return fault->error;
  oci::Digest digest;
  if (identifier.find(':') != std::string_view::npos) {
    auto parsed = oci::Digest::parse(identifier);
    if (!parsed.ok()) return parsed.error();
    digest = std::move(parsed).value();
  } else {
    const auto tag = tags_.find(identifier);
    if (tag == tags_.end()) return not_found("tag", identifier);
    digest = tag->second;
  }
  const auto found = manifests_.find(digest);
  if (found == manifests_.end()) return not_found("manifest", identifier);
  return oci::Descriptor{.media_type = found->second.media_type,
                         .digest = digest,
                         .size = static_cast<std::int64_t>(found->second.bytes->size())};
}

Result<std::string, Error> MemoryStore::fetch_manifest(const oci::Descriptor& descriptor) {
  const std::lock_guard lock(mutex_);
  ++counters_.manifest_fetches;
  const auto fault = take_fault(Operation::kFetchManifest, descriptor.digest);
  if (fault && fault->kind != Fault::Kind::kCorrupt) return fault->error;
  const auto found = manifests_.find(descriptor.digest);
  if (found == manifests_.end()) return not_found("manifest", descriptor.digest.str());
  if (fault) return *corrupted(*found->second.bytes);
  return *found->second.bytes;
}

Result<std::unique_ptr<BodySource>, Error> MemoryStore::fetch_blob(
    const oci::Descriptor& descriptor) {
  const std::lock_guard lock(mutex_);
  ++counters_.blob_fetches;
  const auto fault = take_fault(Operation::kFetchBlob, descriptor.digest);
  if (fault && fault->kind == Fault::Kind::kFail) return fault->error;
  const auto found = blobs_.find(descriptor.digest);
  if (found == blobs_.end()) return not_found("blob", descriptor.digest.str());
  std::shared_ptr<const std::string> bytes = found->second;
  std::optional<size_t> fail_at;
  Error failure;
  if (fault && fault->kind == Fault::Kind::kCorrupt) bytes = corrupted(*bytes);
  if (fault && fault->kind == Fault::Kind::kBreakStream) {
    fail_at = bytes->size() / 2;
    failure = fault->error;
  }
  return std::unique_ptr<BodySource>(std::make_unique<SharedBytesSource>(
      std::move(bytes), read_chunk_, fail_at, std::move(failure)));
}

Result<std::vector<oci::Descriptor>, Error> MemoryStore::referrers(const oci::Descriptor& subject) {
  const std::lock_guard lock(mutex_);
  ++counters_.referrers_calls;
  std::vector<oci::Descriptor> found;
  for (const auto& [digest, stored] : manifests_) {
    if (stored.subject != subject.digest) continue;
    found.push_back(oci::Descriptor{.media_type = stored.media_type,
                                    .digest = digest,
                                    .size = static_cast<std::int64_t>(stored.bytes->size()),
                                    .annotations = stored.annotations,
                                    .artifact_type = stored.artifact_type});
  }
  return found;
}

std::string MemoryStore::mount_source() const {
  const std::lock_guard lock(mutex_);
  return offers_mounts_ ? name_ : std::string();
}

Result<bool, Error> MemoryStore::exists(const oci::Descriptor& descriptor) {
  const std::lock_guard lock(mutex_);
  ++counters_.exists_calls;
  if (auto fault = take_fault(Operation::kExists, descriptor.digest)) return fault->error;
  return blobs_.contains(descriptor.digest) || manifests_.contains(descriptor.digest);
}

Status<Error> MemoryStore::push_blob(const oci::Descriptor& descriptor, BodySource& content) {
  std::chrono::milliseconds delay{};
  {
    const std::lock_guard lock(mutex_);
    if (auto fault = take_fault(Operation::kPushBlob, descriptor.digest)) {
      ++counters_.failed_pushes;
      return fault->error;
    }
    ++pushes_in_flight_;
    counters_.max_concurrent_blob_pushes =
        std::max(counters_.max_concurrent_blob_pushes, pushes_in_flight_);
    delay = push_delay_;
  }
  const InFlight in_flight(mutex_, pushes_in_flight_);
  const auto failed = [this](Error error) -> Status<Error> {
    const std::lock_guard lock(mutex_);
    ++counters_.failed_pushes;
    return error;
  };

  // Like a registry: read the whole upload, then compare it with the digest it claims.
  oci::DigestVerifier verifier(descriptor.digest, descriptor.size);
  std::string bytes;
  std::vector<char> buffer(size_t{64} * 1024);
  for (;;) {
    auto got = content.read(buffer.data(), buffer.size());
    if (!got.ok()) return failed(got.error());
    if (*got == 0) break;
    const std::string_view piece(buffer.data(), *got);
    if (auto checked = verifier.update(piece); !checked.ok()) break;  // finish() reports it
    bytes.append(piece);
  }
  if (auto checked = verifier.finish(); !checked.ok()) {
    Error error = checked.error();
    error.operation = "push blob";
    error.message = name_ + " refused the blob: " + error.message;
    return failed(std::move(error));
  }
  if (delay.count() > 0) std::this_thread::sleep_for(delay);

  const std::lock_guard lock(mutex_);
  blobs_.insert_or_assign(descriptor.digest, std::make_shared<const std::string>(std::move(bytes)));
  ++counters_.blobs_pushed;
  return Done{};
}

Result<bool, Error> MemoryStore::mount_blob(const oci::Descriptor& descriptor,
                                            const std::string& source) {
  MemoryStore* peer = nullptr;
  {
    const std::lock_guard lock(mutex_);
    const auto found = mount_peers_.find(source);
    if (found == mount_peers_.end()) return false;
    peer = found->second;
  }
  // The peer's lock is taken alone, never inside ours, so two stores mounting from each other
  // cannot deadlock.
  std::shared_ptr<const std::string> bytes;
  {
    const std::lock_guard lock(peer->mutex_);
    const auto found = peer->blobs_.find(descriptor.digest);
    if (found == peer->blobs_.end()) return false;
    bytes = found->second;
  }
  const std::lock_guard lock(mutex_);
  blobs_.insert_or_assign(descriptor.digest, std::move(bytes));
  ++counters_.blobs_mounted;
  return true;
}

Status<Error> MemoryStore::check_children(const oci::Manifest& manifest) const {
  for (const oci::Descriptor& child : manifest.children()) {
    // Registries need not hold foreign layers (their urls say where they are).
    if (oci::media_type::is_non_distributable(child.media_type)) continue;
    const bool stored =
        manifest.is_index() ? manifests_.contains(child.digest) : blobs_.contains(child.digest);
    if (!stored) {
      return Error{.code = Error::Code::kNotFound,
                   .message = name_ + " refused the manifest: it refers to " +
                              (manifest.is_index() ? "manifest " : "blob ") + child.digest.str() +
                              ", which is not stored (MANIFEST_BLOB_UNKNOWN)",
                   .operation = "push manifest",
                   .reference = child.digest.str()};
    }
  }
  return Done{};
}

Status<Error> MemoryStore::push_manifest(const oci::Descriptor& descriptor, std::string_view bytes,
                                         std::string_view tag) {
  {
    const std::lock_guard lock(mutex_);
    if (auto fault = take_fault(Operation::kPushManifest, descriptor.digest)) {
      ++counters_.failed_pushes;
      return fault->error;
    }
  }
  const auto refuse = [this](Error error) -> Status<Error> {
    const std::lock_guard lock(mutex_);
    ++counters_.failed_pushes;
    if (error.operation.empty() || error.operation == "verify content") {
      error.operation = "push manifest";
    }
    return error;
  };
  if (auto verified = oci::verify(bytes, descriptor.digest, descriptor.size); !verified.ok()) {
    return refuse(verified.error());
  }
  auto parsed = oci::parse_manifest(bytes, descriptor.media_type);
  if (!parsed.ok()) return refuse(parsed.error());

  StoredManifest stored{.media_type = parsed->media_type(),
                        .bytes = std::make_shared<const std::string>(bytes),
                        .artifact_type = parsed->artifact_type(),
                        .annotations = parsed->annotations()};
  if (parsed->subject()) stored.subject = parsed->subject()->digest;

  const std::lock_guard lock(mutex_);
  if (auto complete = check_children(*parsed); !complete.ok()) {
    ++counters_.failed_pushes;
    return complete;
  }
  manifests_.insert_or_assign(descriptor.digest, std::move(stored));
  if (!tag.empty()) tags_.insert_or_assign(std::string(tag), descriptor.digest);
  ++counters_.manifests_pushed;
  return Done{};
}

void MemoryStore::inject(Fault fault) {
  const std::lock_guard lock(mutex_);
  faults_.push_back(ArmedFault{.fault = std::move(fault)});
}

void MemoryStore::clear_faults() {
  const std::lock_guard lock(mutex_);
  faults_.clear();
}

MemoryStore::Counters MemoryStore::counters() const {
  const std::lock_guard lock(mutex_);
  return counters_;
}

void MemoryStore::reset_counters() {
  const std::lock_guard lock(mutex_);
  counters_ = Counters{};
}

void MemoryStore::set_push_delay(std::chrono::milliseconds delay) {
  const std::lock_guard lock(mutex_);
  push_delay_ = delay;
}

void MemoryStore::set_read_chunk(size_t bytes) {
  const std::lock_guard lock(mutex_);
  read_chunk_ = std::max<size_t>(bytes, 1);
}

size_t MemoryStore::read_chunk() const {
  const std::lock_guard lock(mutex_);
  return read_chunk_;
}

void MemoryStore::allow_mounts_from(MemoryStore& peer) {
  {
    const std::lock_guard lock(peer.mutex_);
    peer.offers_mounts_ = true;
  }
  const std::lock_guard lock(mutex_);
  mount_peers_.insert_or_assign(peer.name_, &peer);
}

std::optional<std::string> MemoryStore::blob(const oci::Digest& digest) const {
  const std::lock_guard lock(mutex_);
  const auto found = blobs_.find(digest);
  if (found == blobs_.end()) return std::nullopt;
  return *found->second;
}

std::optional<std::string> MemoryStore::manifest(const oci::Digest& digest) const {
  const std::lock_guard lock(mutex_);
  const auto found = manifests_.find(digest);
  if (found == manifests_.end()) return std::nullopt;
  return *found->second.bytes;
}

std::optional<oci::Digest> MemoryStore::tag(std::string_view name) const {
  const std::lock_guard lock(mutex_);
  const auto found = tags_.find(name);
  if (found == tags_.end()) return std::nullopt;
  return found->second;
}

size_t MemoryStore::blob_count() const {
  const std::lock_guard lock(mutex_);
  return blobs_.size();
}

size_t MemoryStore::manifest_count() const {
  const std::lock_guard lock(mutex_);
  return manifests_.size();
}

Result<std::vector<std::string>, Error> MemoryStore::list_tags() {
  const std::lock_guard lock(mutex_);
  std::vector<std::string> names;
  names.reserve(tags_.size());
  for (const auto& entry : tags_) names.push_back(entry.first);
  return names;
}

size_t MemoryStore::tag_count() const {
  const std::lock_guard lock(mutex_);
  return tags_.size();
}

}  // namespace chartmirror::registry::content
