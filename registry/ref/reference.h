// registry/ref/reference.h — image references: strings become values at the edge.
//
// A Reference names an image in a registry, `[REGISTRY/]REPOSITORY[:TAG][@DIGEST]`, with the
// grammar and normalization of Docker (github.com/distribution/reference), so that every
// spelling `docker pull` treats as one image parses to one equal value:
//   - the first path component is the registry when it contains '.' or ':', is "localhost",
//     or has an uppercase letter (a repository cannot), and more components follow; otherwise
//     the registry is "docker.io". "index.docker.io" is written "docker.io".
//   - on docker.io a one-component repository is an official image: nginx → library/nginx.
//   - without tag and digest the tag is "latest"; `nginx` is `docker.io/library/nginx:latest`.
//   - registry: DNS labels or a bracketed IPv6 address ([::1]), then an optional port
//     1–65535; case is kept as written (host names are compared as given).
//   - repository: '/'-separated components of lowercase letters and digits, joined inside a
//     component by '.', '_', '__' or a run of '-'. Registry + '/' + repository ≤ 255 chars.
//   - tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}. The tag is the text after the first ':' that
//     follows the last '/', so "a:b:c" is the name "a" with the invalid tag "b:c".
//   - digest: ALGORITHM:HEX with ALGORITHM [a-z0-9]+([+._-][a-z0-9]+)*; the algorithms are
//     those of the OCI image spec, as in registry/oci: sha256 (64 lowercase hex characters)
//     and sha512 (128). Another well-formed algorithm is kUnsupported, not kInvalidInput.
// A reference may carry a tag and a digest (`nginx:1.25@sha256:…`); the digest then names
// the content and the tag is informational. Absent tag or digest is the empty string.
//
// An OCI image-layout directory is named `oci-layout:DIR[:TAG][@DIGEST]` (LayoutReference).
// DIR is kept as written. Only the last component of DIR is searched for '@' and ':', so a
// colon in an earlier directory is part of the path, and the last directory's name cannot
// contain ':' or '@'. Without tag and digest the tag is "latest".
//
// Every parse error has code kInvalidInput (kUnsupported for a digest algorithm we do not
// support), operation "parse reference", the input as `reference`, and a message naming the
// cause.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry {

class Reference {
 public:
  [[nodiscard]] static Result<Reference, Error> parse(std::string_view text);

  [[nodiscard]] const std::string& registry() const { return registry_; }      // "docker.io"
  [[nodiscard]] const std::string& repository() const { return repository_; }  // "library/nginx"
  [[nodiscard]] const std::string& tag() const { return tag_; }                // "" when absent
  [[nodiscard]] const std::string& digest() const { return digest_; }          // "" when absent

  // What the registry API addresses (/v2/<repository>/manifests/<identifier>): the digest
  // when there is one, else the tag.
  [[nodiscard]] const std::string& identifier() const { return digest_.empty() ? tag_ : digest_; }

  // "docker.io/library/nginx".
  [[nodiscard]] std::string name() const;
  // Fully qualified and canonical, and parses back to an equal value:
  // "docker.io/library/nginx:1.25", "REGISTRY/REPOSITORY:TAG@DIGEST".
  [[nodiscard]] std::string str() const;

  // The same name with another tag (the digest, if any, is kept).
  [[nodiscard]] Result<Reference, Error> with_tag(std::string_view tag) const;
  // The same name with another digest (the tag, if any, is kept).
  [[nodiscard]] Result<Reference, Error> with_digest(std::string_view digest) const;

  bool operator==(const Reference&) const = default;

 private:
  Reference() = default;

  std::string registry_;
  std::string repository_;
  std::string tag_;
  std::string digest_;
};

// The scheme that marks an image-layout directory.
inline constexpr std::string_view kLayoutScheme = "oci-layout:";

class LayoutReference {
 public:
  // `text` starts with kLayoutScheme.
  [[nodiscard]] static Result<LayoutReference, Error> parse(std::string_view text);

  [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }
  [[nodiscard]] const std::string& tag() const { return tag_; }        // "" when absent
  [[nodiscard]] const std::string& digest() const { return digest_; }  // "" when absent
  // The digest when there is one, else the tag (an index.json ref.name annotation).
  [[nodiscard]] const std::string& identifier() const { return digest_.empty() ? tag_ : digest_; }

  // "oci-layout:DIR:TAG@DIGEST", parses back to an equal value.
  [[nodiscard]] std::string str() const;

  bool operator==(const LayoutReference&) const = default;

 private:
  LayoutReference() = default;

  std::filesystem::path dir_;
  std::string tag_;
  std::string digest_;
};

// Where an image is read from or written to: a registry or a layout directory.
using ImageLocation = std::variant<Reference, LayoutReference>;

// A LayoutReference when `text` starts with kLayoutScheme, else a Reference. The prefix
// wins: "oci-layout:x" is the directory "x", never docker.io/library/oci-layout:x.
[[nodiscard]] Result<ImageLocation, Error> parse_image_location(std::string_view text);

// The str() of either form.
[[nodiscard]] std::string to_string(const ImageLocation& location);

}  // namespace chartmirror::registry
