#include "registry/remote/repository.h"

#include <nlohmann/json.hpp>

#include "registry/oci/manifest.h"
#include "registry/oci/media_types.h"
#include "registry/remote/referrers_tag.h"

namespace chartmirror::registry::remote {
namespace {

using transport::Headers;
using transport::Request;
using transport::Response;
using transport::Url;

constexpr size_t kTagListLimit = 16 << 20;

// At most `limit` bytes of another source: one PATCH chunk.
class LimitedSource final : public content::BodySource {
 public:
  LimitedSource(content::BodySource& inner, uint64_t limit) : inner_(inner), left_(limit) {}
  Result<size_t, Error> read(char* data, size_t size) override {
    if (left_ == 0) return size_t{0};
    auto got = inner_.read(data, static_cast<size_t>(std::min<uint64_t>(size, left_)));
    if (got.ok()) left_ -= *got;
    return got;
  }

 private:
  content::BodySource& inner_;
  uint64_t left_;
};

Error with_reference(Error error, const std::string& reference) {
  if (error.reference.empty()) error.reference = reference;
  return error;
}

}  // namespace

RemoteRepository::RemoteRepository(std::shared_ptr<RegistryClient> client, std::string repository,
                                   RepositoryOptions options)
    : client_(std::move(client)), repository_(std::move(repository)), options_(options) {}

std::string RemoteRepository::path(std::string_view kind, std::string_view identifier) const {
  return "/v2/" + repository_ + "/" + std::string(kind) + "/" + std::string(identifier);
}

std::vector<std::string> RemoteRepository::pull() const {
  return {repository_scope(repository_, "pull")};
}

std::vector<std::string> RemoteRepository::push() const {
  return {repository_scope(repository_, "pull,push")};
}

std::string RemoteRepository::mount_source() const { return client_->host() + "/" + repository_; }

Result<Response, Error> RemoteRepository::send(const std::string& method, const std::string& where,
                                               const std::vector<std::string>& scopes,
                                               Headers headers, std::string body) {
  auto url = client_->url(where);
  if (!url.ok()) return url.error();
  return client_->send(Request{.method = method,
                               .url = std::move(url).value(),
                               .headers = std::move(headers),
                               .body = std::move(body)},
                       scopes);
}

Result<oci::Descriptor, Error> RemoteRepository::resolve(std::string_view identifier) {
  const std::string reference = mount_source() + (identifier.find(':') == std::string_view::npos
                                                      ? ":" + std::string(identifier)
                                                      : "@" + std::string(identifier));
  Headers accept;
  accept.add("Accept", std::string(oci::media_type::kManifestAccept));
  auto response = send("HEAD", path("manifests", identifier), pull(), accept);
  if (!response.ok()) return with_reference(response.error(), reference);
  if (response->status() != 200) {
    return with_reference(
        unexpected_response(*response, "HEAD",
                            response->status() == 404 ? "no such manifest (tag or digest)"
                                                      : "cannot resolve the manifest"),
        reference);
  }
  const auto digest_header = response->header("Docker-Content-Digest");
  const auto length = response->content_length();
  const auto type = response->header("Content-Type");
  if (digest_header && length && type) {
    auto digest = oci::Digest::parse(*digest_header);
    if (!digest.ok()) return with_reference(digest.error(), reference);
    return oci::Descriptor{.media_type = std::string(oci::media_type::essence(*type)),
                           .digest = *digest,
                           .size = static_cast<int64_t>(*length)};
  }
  // Some registries leave the digest out of HEAD answers: read the manifest and hash it.
  auto got = send("GET", path("manifests", identifier), pull(), accept);
  if (!got.ok()) return with_reference(got.error(), reference);
  if (got->status() != 200) {
    return with_reference(unexpected_response(*got, "GET", "cannot read the manifest"), reference);
  }
  const std::string content_type = got->header("Content-Type").value_or("");
  auto bytes = got->read_all(oci::kMaxManifestBytes);
  if (!bytes.ok()) return with_reference(bytes.error(), reference);
  auto manifest = oci::parse_manifest(*bytes, content_type);
  if (!manifest.ok()) return with_reference(manifest.error(), reference);
  return manifest->descriptor();
}

Result<std::string, Error> RemoteRepository::fetch_manifest(const oci::Descriptor& descriptor) {
  const std::string reference = mount_source() + "@" + descriptor.digest.str();
  Headers accept;
  accept.add("Accept",
             descriptor.media_type.empty()
                 ? std::string(oci::media_type::kManifestAccept)
                 : descriptor.media_type + ", " + std::string(oci::media_type::kManifestAccept));
  auto response = send("GET", path("manifests", descriptor.digest.str()), pull(), accept);
  if (!response.ok()) return with_reference(response.error(), reference);
  if (response->status() != 200) {
    return with_reference(unexpected_response(*response, "GET", "cannot fetch the manifest"),
                          reference);
  }
  auto bytes = response->read_all(oci::kMaxManifestBytes);
  if (!bytes.ok()) return with_reference(bytes.error(), reference);
  if (auto verified = oci::verify(*bytes, descriptor.digest, descriptor.size); !verified.ok()) {
    return with_reference(verified.error(), reference);
  }
  return bytes;
}

Result<std::unique_ptr<content::BodySource>, Error> RemoteRepository::fetch_blob(
    const oci::Descriptor& descriptor) {
  const std::string reference = mount_source() + "@" + descriptor.digest.str();
  auto url = client_->url(path("blobs", descriptor.digest.str()));
  if (!url.ok()) return url.error();
  // Registries redirect blob downloads to storage; the client drops credentials on the way.
  auto response = client_->send(
      Request{.method = "GET", .url = std::move(url).value(), .follow_redirects = true}, pull());
  if (!response.ok()) return with_reference(response.error(), reference);
  if (response->status() != 200) {
    return with_reference(unexpected_response(*response, "GET", "cannot fetch the blob"),
                          reference);
  }
  return std::unique_ptr<content::BodySource>(
      std::make_unique<Response>(std::move(response).value()));
}

Result<std::vector<oci::Descriptor>, Error> RemoteRepository::referrers(
    const oci::Descriptor& subject) {
  Headers accept;
  accept.add("Accept", std::string(oci::media_type::kOciIndex));
  auto response = send("GET", path("referrers", subject.digest.str()), pull(), accept);
  if (!response.ok()) return response.error();
  std::string bytes;
  if (response->status() == 200) {
    auto body = response->read_all(oci::kMaxManifestBytes);
    if (!body.ok()) return body.error();
    bytes = std::move(body).value();
  } else if (response->status() == 404) {
    // No referrers API: the tag schema of the spec names an index of referrers.
    response->discard();
    const std::string tag = referrers_tag(subject.digest);
    auto found = send("GET", path("manifests", tag), pull(), accept);
    if (!found.ok()) return found.error();
    if (found->status() == 404) return std::vector<oci::Descriptor>{};
    if (found->status() != 200) {
      return unexpected_response(*found, "GET", "cannot read the referrers tag " + tag);
    }
    auto body = found->read_all(oci::kMaxManifestBytes);
    if (!body.ok()) return body.error();
    bytes = std::move(body).value();
  } else {
    return unexpected_response(*response, "GET", "cannot list referrers");
  }
  auto index = oci::parse_manifest(bytes, oci::media_type::kOciIndex);
  if (!index.ok()) return index.error();
  return index->children();
}

Result<bool, Error> RemoteRepository::exists(const oci::Descriptor& descriptor) {
  const bool manifest = oci::media_type::is_manifest(descriptor.media_type) ||
                        oci::media_type::is_index(descriptor.media_type);
  Headers accept;
  if (manifest) accept.add("Accept", std::string(oci::media_type::kManifestAccept));
  auto response =
      send("HEAD", path(manifest ? "manifests" : "blobs", descriptor.digest.str()), push(), accept);
  if (!response.ok()) return response.error();
  if (response->status() == 200) return true;
  if (response->status() == 404) return false;
  return with_reference(unexpected_response(*response, "HEAD", "cannot check for the content"),
                        mount_source() + "@" + descriptor.digest.str());
}

Result<Url, Error> RemoteRepository::start_upload(const std::vector<std::string>& scopes,
                                                  std::string_view query) {
  auto response =
      send("POST", "/v2/" + repository_ + "/blobs/uploads/" + std::string(query), scopes);
  if (!response.ok()) return response.error();
  if (response->status() == 201) return Url{};  // mounted: nothing to upload
  const auto location = response->header("Location");
  if (response->status() != 202 || !location) {
    return unexpected_response(*response, "POST", "cannot start a blob upload");
  }
  response->discard();
  return response->url().resolve(*location);
}

Status<Error> RemoteRepository::push_blob(const oci::Descriptor& descriptor,
                                          content::BodySource& body) {
  const std::string reference = mount_source() + "@" + descriptor.digest.str();
  auto location = start_upload(push(), "");
  if (!location.ok()) return with_reference(location.error(), reference);
  if (static_cast<uint64_t>(descriptor.size) > options_.chunk_size) {
    return upload_chunked(descriptor, body, std::move(location).value());
  }
  Request put{.method = "PUT", .url = location->with_query("digest", descriptor.digest.str())};
  put.headers.add("Content-Type", "application/octet-stream");
  put.body_source = &body;
  put.content_length = static_cast<uint64_t>(descriptor.size);
  return finish_upload(std::move(put), reference);
}

Status<Error> RemoteRepository::finish_upload(Request put, const std::string& reference) {
  auto response = client_->send(std::move(put), push());
  if (!response.ok()) return with_reference(response.error(), reference);
  if (response->status() != 201) {
    return with_reference(unexpected_response(*response, "PUT", "the blob upload failed"),
                          reference);
  }
  response->discard();
  return Done{};
}

Status<Error> RemoteRepository::upload_chunked(const oci::Descriptor& descriptor,
                                               content::BodySource& body, Url location) {
  const std::string reference = mount_source() + "@" + descriptor.digest.str();
  const auto total = static_cast<uint64_t>(descriptor.size);
  for (uint64_t offset = 0; offset < total;) {
    const uint64_t length = std::min(options_.chunk_size, total - offset);
    LimitedSource chunk(body, length);
    Request patch{.method = "PATCH", .url = location};
    patch.headers.add("Content-Type", "application/octet-stream");
    patch.headers.add("Content-Range",
                      std::to_string(offset) + "-" + std::to_string(offset + length - 1));
    patch.body_source = &chunk;
    patch.content_length = length;
    auto response = client_->send(std::move(patch), push());
    if (!response.ok()) return with_reference(response.error(), reference);
    const auto next = response->header("Location");
    if (response->status() != 202 || !next) {
      return with_reference(unexpected_response(*response, "PATCH", "a blob chunk was refused"),
                            reference);
    }
    response->discard();
    auto resolved = response->url().resolve(*next);
    if (!resolved.ok()) return resolved.error();
    location = std::move(resolved).value();
    offset += length;
  }
  return finish_upload(
      Request{.method = "PUT", .url = location.with_query("digest", descriptor.digest.str())},
      reference);
}

Result<bool, Error> RemoteRepository::mount_blob(const oci::Descriptor& descriptor,
                                                 const std::string& source) {
  const auto slash = source.find('/');
  if (slash == std::string::npos || source.substr(0, slash) != client_->host() ||
      source.substr(slash + 1) == repository_) {
    return false;  // mounts work within one registry only
  }
  const std::string from = source.substr(slash + 1);
  auto scopes = push();
  scopes.push_back(repository_scope(from, "pull"));
  auto location =
      start_upload(scopes, "?mount=" + transport::percent_encode(descriptor.digest.str()) +
                               "&from=" + transport::percent_encode(from));
  if (!location.ok()) return location.error();
  if (location->host().empty()) return true;  // 201: mounted
  // The registry opened an upload instead (no access to the source, or no mount support):
  // cancel it, and let the caller upload the bytes.
  auto cancel = client_->send(Request{.method = "DELETE", .url = *location}, push());
  if (cancel.ok()) cancel->discard();
  return false;
}

Status<Error> RemoteRepository::push_manifest(const oci::Descriptor& descriptor,
                                              std::string_view bytes, std::string_view tag) {
  const std::string identifier = tag.empty() ? descriptor.digest.str() : std::string(tag);
  const std::string reference = mount_source() + (tag.empty() ? "@" : ":") + identifier;
  Headers headers;
  headers.add("Content-Type", descriptor.media_type);
  auto response =
      send("PUT", path("manifests", identifier), push(), std::move(headers), std::string(bytes));
  if (!response.ok()) return with_reference(response.error(), reference);
  if (response->status() != 201) {
    return with_reference(
        unexpected_response(*response, "PUT", "the registry refused the manifest"), reference);
  }
  if (const auto digest = response->header("Docker-Content-Digest");
      digest && *digest != descriptor.digest.str()) {
    return Error{.code = Error::Code::kDigestMismatch,
                 .message = "the registry stored the manifest as " + *digest + ", not " +
                            descriptor.digest.str(),
                 .reference = reference};
  }
  const bool indexed = response->header("OCI-Subject").has_value();
  response->discard();
  if (indexed) return Done{};
  auto manifest = oci::parse_manifest(bytes, descriptor.media_type);
  if (!manifest.ok() || !manifest->subject()) return Done{};  // nothing to index
  auto listed = list_in_referrers_tag(*manifest->subject(), manifest->referrer_descriptor());
  if (!listed.ok()) return with_reference(listed.error(), reference);
  return Done{};
}

Status<Error> RemoteRepository::list_in_referrers_tag(const oci::Descriptor& subject,
                                                      const oci::Descriptor& referrer) {
  const std::string tag = referrers_tag(subject.digest);
  const std::lock_guard lock(referrers_tag_mutex_);
  Headers accept;
  accept.add("Accept", std::string(oci::media_type::kOciIndex));
  auto found = send("GET", path("manifests", tag), push(), accept);
  if (!found.ok()) return found.error();
  std::string current;
  if (found->status() == 200) {
    auto body = found->read_all(oci::kMaxManifestBytes);
    if (!body.ok()) return body.error();
    current = std::move(body).value();
  } else if (found->status() == 404) {
    found->discard();
  } else {
    return unexpected_response(*found, "GET", "cannot read the referrers tag " + tag);
  }
  auto updated = with_referrer(current, referrer);
  if (!updated.ok()) {
    Error error = updated.error();
    error.reference = mount_source() + ":" + tag;
    return error;
  }
  if (!*updated) return Done{};
  Headers headers;
  headers.add("Content-Type", std::string(oci::media_type::kOciIndex));
  auto response = send("PUT", path("manifests", tag), push(), std::move(headers), **updated);
  if (!response.ok()) return response.error();
  if (response->status() != 201) {
    return unexpected_response(*response, "PUT", "cannot write the referrers tag " + tag);
  }
  response->discard();
  return Done{};
}

Result<std::vector<std::string>, Error> RemoteRepository::list_tags(int page_size) {
  std::vector<std::string> tags;
  std::string next = "/v2/" + repository_ + "/tags/list?n=" + std::to_string(page_size);
  while (!next.empty()) {
    auto response = send("GET", next, pull());
    if (!response.ok()) return response.error();
    if (response->status() != 200) {
      return unexpected_response(*response, "GET", "cannot list the tags");
    }
    const std::string link = response->header("Link").value_or("");
    auto body = response->read_all(kTagListLimit);
    if (!body.ok()) return body.error();
    try {
      const auto document = nlohmann::json::parse(*body);
      if (const auto list = document.find("tags"); list != document.end() && list->is_array()) {
        for (const auto& tag : *list) tags.push_back(tag.get<std::string>());
      }
    } catch (const nlohmann::json::exception& e) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = std::string("the tag list is not valid JSON: ") + e.what(),
                   .reference = mount_source()};
    }
    // Link: </v2/name/tags/list?last=x&n=1000>; rel="next"
    next.clear();
    if (const auto open = link.find('<'), close = link.find('>');
        open != std::string::npos && close != std::string::npos && close > open &&
        link.find("rel=\"next\"") != std::string::npos) {
      next = link.substr(open + 1, close - open - 1);
      if (const auto scheme = next.find("://"); scheme != std::string::npos) {
        next = next.substr(next.find('/', scheme + 3));  // same registry: keep the path
      }
    }
  }
  return tags;
}

}  // namespace chartmirror::registry::remote
