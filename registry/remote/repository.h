// registry/remote/repository.h — one repository of a registry, as a content store
// (distribution spec v1.1: manifests, blobs, uploads, mounts, tags, referrers).
//
// Reads ask for `pull`, writes for `pull,push`, mounts also for `pull` on the source
// repository. Blob uploads are POST then one streamed PUT with the digest; blobs past
// `chunk_size` go up in PATCH chunks instead, for registries that cap request bodies.
// Manifests are fetched by digest and checked against it; pushes send the bytes unchanged.
// A manifest with a `subject` pushed to a registry without the referrers API is also listed
// in the subject's referrers tag, as the distribution spec asks of clients.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/content/store.h"
#include "registry/remote/registry_client.h"

namespace chartmirror::registry::remote {

struct RepositoryOptions {
  uint64_t chunk_size = uint64_t{1} << 30;  // blobs larger than this go up in PATCH chunks
};

class RemoteRepository final : public content::Store {
 public:
  RemoteRepository(std::shared_ptr<RegistryClient> client, std::string repository,
                   RepositoryOptions options = {});

  [[nodiscard]] const std::string& repository() const { return repository_; }

  // ReadableStore
  [[nodiscard]] Result<oci::Descriptor, Error> resolve(std::string_view identifier) override;
  [[nodiscard]] Result<std::string, Error> fetch_manifest(
      const oci::Descriptor& descriptor) override;
  [[nodiscard]] Result<std::unique_ptr<content::BodySource>, Error> fetch_blob(
      const oci::Descriptor& descriptor) override;
  [[nodiscard]] Result<std::vector<oci::Descriptor>, Error> referrers(
      const oci::Descriptor& subject) override;
  [[nodiscard]] std::string mount_source() const override;

  // WritableStore
  [[nodiscard]] Result<bool, Error> exists(const oci::Descriptor& descriptor) override;
  [[nodiscard]] Status<Error> push_blob(const oci::Descriptor& descriptor,
                                        content::BodySource& body) override;
  [[nodiscard]] Result<bool, Error> mount_blob(const oci::Descriptor& descriptor,
                                               const std::string& source) override;
  [[nodiscard]] Status<Error> push_manifest(const oci::Descriptor& descriptor,
                                            std::string_view bytes, std::string_view tag) override;

  // Every tag, following `Link` pagination, `page_size` tags per request.
  [[nodiscard]] Result<std::vector<std::string>, Error> list_tags() override {
    return list_tags(kTagPageSize);
  }
  [[nodiscard]] Result<std::vector<std::string>, Error> list_tags(int page_size);
  static constexpr int kTagPageSize = 1000;

 private:
  Result<transport::Response, Error> send(const std::string& method, const std::string& path,
                                          const std::vector<std::string>& scopes,
                                          transport::Headers headers = {}, std::string body = {});
  Result<transport::Url, Error> start_upload(const std::vector<std::string>& scopes,
                                             std::string_view query);
  // The PUT that closes an upload session (with the whole body, or none after PATCHes).
  Status<Error> finish_upload(transport::Request put, const std::string& reference);
  Status<Error> upload_chunked(const oci::Descriptor& descriptor, content::BodySource& body,
                               transport::Url location);
  // After pushing a referrer to a registry that did not index its subject (no OCI-Subject
  // header in the answer): lists it in the subject's referrers tag (referrers_tag.h).
  Status<Error> list_in_referrers_tag(const oci::Descriptor& subject,
                                      const oci::Descriptor& referrer);
  [[nodiscard]] std::string path(std::string_view kind, std::string_view identifier) const;
  [[nodiscard]] std::vector<std::string> pull() const;
  [[nodiscard]] std::vector<std::string> push() const;

  std::shared_ptr<RegistryClient> client_;
  std::string repository_;
  RepositoryOptions options_;
  std::mutex referrers_tag_mutex_;  // one read-modify-write of a referrers tag at a time
};

}  // namespace chartmirror::registry::remote
