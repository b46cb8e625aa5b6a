#include "registry/ref/reference.h"

#include <doctest/doctest.h>

namespace chartmirror::registry {
namespace {

// sha256 and sha512 of the empty string, and the longest tag there may be.
const std::string kSha256Digest =
    "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kSha512Digest =
    "sha512:cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
    "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
const std::string kTag128 = "v" + std::string(127, 'x');

void check_rejected(const Error& error, std::string_view input, std::string_view expected) {
  CHECK(error.code == Error::Code::kInvalidInput);
  CHECK(error.operation == "parse reference");
  CHECK(error.reference == input);
  INFO(error.message);
  CHECK(error.message.find(expected) != std::string::npos);
}

}  // namespace

TEST_CASE("references are parsed and normalized the way docker pull does") {
  struct Case {
    std::string input;
    std::string_view registry;
    std::string repository;
    std::string tag;
    std::string digest;
    std::string str;
  };
  const Case cases[] = {
      {"nginx", "docker.io", "library/nginx", "latest", "", "docker.io/library/nginx:latest"},
      {"nginx:1.25", "docker.io", "library/nginx", "1.25", "", "docker.io/library/nginx:1.25"},
      {"library/nginx", "docker.io", "library/nginx", "latest", "",
       "docker.io/library/nginx:latest"},
      {"docker.io/nginx", "docker.io", "library/nginx", "latest", "",
       "docker.io/library/nginx:latest"},
      {"index.docker.io/library/nginx:latest", "docker.io", "library/nginx", "latest", "",
       "docker.io/library/nginx:latest"},
      {"index.docker.io/nginx", "docker.io", "library/nginx", "latest", "",
       "docker.io/library/nginx:latest"},
      {"foo/bar", "docker.io", "foo/bar", "latest", "", "docker.io/foo/bar:latest"},
      {"quay.io/prometheus/node-exporter:v1.7.0", "quay.io", "prometheus/node-exporter", "v1.7.0",
       "", "quay.io/prometheus/node-exporter:v1.7.0"},
      {"localhost/foo", "localhost", "foo", "latest", "", "localhost/foo:latest"},
      {"localhost:5000/foo/bar:1", "localhost:5000", "foo/bar", "1", "",
       "localhost:5000/foo/bar:1"},
      {"127.0.0.1:5000/a/b", "127.0.0.1:5000", "a/b", "latest", "", "127.0.0.1:5000/a/b:latest"},
      {"[::1]:5000/x:y", "[::1]:5000", "x", "y", "", "[::1]:5000/x:y"},
      {"[fe80::1]/x", "[fe80::1]", "x", "latest", "", "[fe80::1]/x:latest"},
      {"registry.k8s.io/ingress-nginx/controller:v1.9.4@" + kSha256Digest, "registry.k8s.io",
       "ingress-nginx/controller", "v1.9.4", kSha256Digest,
       "registry.k8s.io/ingress-nginx/controller:v1.9.4@" + kSha256Digest},
      {"nginx@" + kSha256Digest, "docker.io", "library/nginx", "", kSha256Digest,
       "docker.io/library/nginx@" + kSha256Digest},
      {"ghcr.io/a/b@" + kSha512Digest, "ghcr.io", "a/b", "", kSha512Digest,
       "ghcr.io/a/b@" + kSha512Digest},
      {"ghcr.io/a/b/c/d:tag", "ghcr.io", "a/b/c/d", "tag", "", "ghcr.io/a/b/c/d:tag"},
      {"Registry.Example.COM:443/a", "Registry.Example.COM:443", "a", "latest", "",
       "Registry.Example.COM:443/a:latest"},
      {"Foo/bar", "Foo", "bar", "latest", "", "Foo/bar:latest"},  // uppercase: must be a host
      {"a.b/c_d.e__f--g---h/x-y:T_a.g-1", "a.b", "c_d.e__f--g---h/x-y", "T_a.g-1", "",
       "a.b/c_d.e__f--g---h/x-y:T_a.g-1"},
      {"localhost", "docker.io", "library/localhost", "latest", "",
       "docker.io/library/localhost:latest"},
      {"localhost:5000", "docker.io", "library/localhost", "5000", "",
       "docker.io/library/localhost:5000"},
      {"nginx:_", "docker.io", "library/nginx", "_", "", "docker.io/library/nginx:_"},
      {"nginx:" + kTag128, "docker.io", "library/nginx", kTag128, "",
       "docker.io/library/nginx:" + kTag128},
      {"localhost/" + std::string(245, 'a'), "localhost", std::string(245, 'a'), "latest", "",
       "localhost/" + std::string(245, 'a') + ":latest"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto ref = Reference::parse(c.input);
    REQUIRE(ref.ok());
    CHECK(ref->registry() == c.registry);
    CHECK(ref->repository() == c.repository);
    CHECK(ref->tag() == c.tag);
    CHECK(ref->digest() == c.digest);
    CHECK(ref->str() == c.str);
    CHECK(ref->name() == std::string(c.registry) + "/" + c.repository);
    auto again = Reference::parse(ref->str());  // the canonical form is a fixed point
    REQUIRE(again.ok());
    CHECK(*again == *ref);
  }
}

TEST_CASE("a malformed reference is rejected with its cause") {
  struct Case {
    std::string input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"", "empty reference"},
      {":tag", "missing repository name"},
      {"@" + kSha256Digest, "missing repository name"},
      {"Nginx", "repository name must be lowercase"},
      {"host:5000/UPPER", "repository name must be lowercase"},
      {"docker.io/Library/nginx", "repository name must be lowercase"},
      {"nginx:", "invalid tag \"\""},
      {"nginx:tag with space", "invalid tag \"tag with space\""},
      {"nginx:.tag", "invalid tag \".tag\""},
      {"nginx:-tag", "invalid tag \"-tag\""},
      {"a:b:c", "invalid tag \"b:c\""},
      {"nginx:" + kTag128 + "x", "longer than 128 characters"},
      {"nginx@sha256:abc", "invalid digest \"sha256:abc\" (sha256 needs 64 hex characters"},
      {"nginx@" + kSha256Digest + "0", "sha256 needs 64 hex characters"},
      {"nginx@sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
       "in lowercase"},
      {"nginx@sha512:abc", "sha512 needs 128 hex characters"},
      {"nginx@sha256", "expected ALGORITHM:HEX"},
      {"nginx@", "expected ALGORITHM:HEX"},
      {"nginx@SHA256:abc", "expected ALGORITHM:HEX"},
      {"nginx@sha256:abc@sha256:abc", "invalid digest"},
      {"-foo", "invalid repository path component \"-foo\""},
      {"foo-", "invalid repository path component \"foo-\""},
      {"foo..bar", "invalid repository path component \"foo..bar\""},
      {"foo___bar", "invalid repository path component \"foo___bar\""},
      {"foo//bar", "has an empty component"},
      {"foo/", "has an empty component"},
      {"/foo", "has an empty component"},
      {"quay.io/", "has an empty component"},
      {"localhost:port/x", "invalid port \"port\""},
      {"localhost:/x", "invalid port \"\""},
      {"localhost:0/x", "invalid port \"0\""},
      {"localhost:65536/x", "invalid port \"65536\""},
      {"localhost:+80/x", "invalid port \"+80\""},
      {"-bad.host/x", "invalid registry host \"-bad.host\""},
      {"bad..host/x", "invalid registry host \"bad..host\""},
      {"ho_st.io/x", "invalid registry host \"ho_st.io\""},
      {"[::1/x", "invalid IPv6 registry address"},
      {"[]:5000/x", "invalid IPv6 registry address"},
      {"[::g]/x", "invalid IPv6 registry address"},
      {"[::1]x/y", "invalid registry \"[::1]x\""},
      {"localhost/" + std::string(246, 'a'), "name longer than 255 characters (256)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto ref = Reference::parse(c.input);
    REQUIRE_FALSE(ref.ok());
    check_rejected(ref.error(), c.input, c.expected);
  }
}

TEST_CASE("a well-formed digest of an algorithm we do not verify is unsupported") {
  const std::string inputs[] = {"nginx@sha384:" + std::string(96, 'a'),
                                "nginx@md5:d41d8cd98f00b204e9800998ecf8427e",
                                "nginx@blake3+b64.x-y_z:0123"};
  for (const auto& input : inputs) {
    CAPTURE(input);
    auto ref = Reference::parse(input);
    REQUIRE_FALSE(ref.ok());
    CHECK(ref.error().code == Error::Code::kUnsupported);
    CHECK(ref.error().reference == input);
    CHECK(ref.error().message.find("unsupported digest algorithm") != std::string::npos);
  }
}

TEST_CASE("the identifier is the digest when there is one, else the tag") {
  CHECK(Reference::parse("nginx")->identifier() == "latest");
  CHECK(Reference::parse("nginx:1.25")->identifier() == "1.25");
  CHECK(Reference::parse("nginx@" + kSha256Digest)->identifier() == kSha256Digest);
  CHECK(Reference::parse("nginx:1.25@" + kSha256Digest)->identifier() == kSha256Digest);
}

TEST_CASE("equal references are the same image however they were spelled") {
  const auto nginx = Reference::parse("nginx");
  CHECK(*nginx == *Reference::parse("docker.io/library/nginx:latest"));
  CHECK(*nginx == *Reference::parse("index.docker.io/nginx"));
  CHECK_FALSE(*nginx == *Reference::parse("nginx:1.25"));
  CHECK_FALSE(*nginx == *Reference::parse("quay.io/nginx"));
  CHECK_FALSE(*Reference::parse("nginx:1@" + kSha256Digest) ==
              *Reference::parse("nginx@" + kSha256Digest));
}

TEST_CASE("with_tag and with_digest return new, validated values") {
  const auto base = Reference::parse("quay.io/a/b:1");
  REQUIRE(base.ok());

  auto tagged = base->with_tag("2");
  REQUIRE(tagged.ok());
  CHECK(tagged->str() == "quay.io/a/b:2");
  CHECK(base->str() == "quay.io/a/b:1");  // the original is unchanged

  auto pinned = base->with_digest(kSha256Digest);
  REQUIRE(pinned.ok());
  CHECK(pinned->str() == "quay.io/a/b:1@" + kSha256Digest);
  CHECK(pinned->identifier() == kSha256Digest);
  auto retagged = pinned->with_tag("3");
  REQUIRE(retagged.ok());
  CHECK(retagged->str() == "quay.io/a/b:3@" + kSha256Digest);  // the digest stays

  auto bad_tag = base->with_tag("no good");
  REQUIRE_FALSE(bad_tag.ok());
  check_rejected(bad_tag.error(), "quay.io/a/b:1", "invalid tag \"no good\"");
  auto bad_digest = base->with_digest("sha256:abc");
  REQUIRE_FALSE(bad_digest.ok());
  check_rejected(bad_digest.error(), "quay.io/a/b:1", "sha256 needs 64 hex characters");
}

TEST_CASE("an oci-layout reference names a directory and a tag or digest") {
  struct Case {
    std::string input;
    std::string_view dir;
    std::string tag;
    std::string digest;
    std::string str;
  };
  const Case cases[] = {
      {"oci-layout:/data/nginx", "/data/nginx", "latest", "", "oci-layout:/data/nginx:latest"},
      {"oci-layout:/data/nginx:1.25", "/data/nginx", "1.25", "", "oci-layout:/data/nginx:1.25"},
      {"oci-layout:out@" + kSha256Digest, "out", "", kSha256Digest,
       "oci-layout:out@" + kSha256Digest},
      {"oci-layout:./out:v1@" + kSha256Digest, "./out", "v1", kSha256Digest,
       "oci-layout:./out:v1@" + kSha256Digest},
      {"oci-layout:/mnt/a:b/c@d/out:v1", "/mnt/a:b/c@d/out", "v1", "",
       "oci-layout:/mnt/a:b/c@d/out:v1"},  // ':' and '@' before the last '/' are the path's
      {"oci-layout:/data/:v1", "/data/", "v1", "", "oci-layout:/data/:v1"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto layout = LayoutReference::parse(c.input);
    REQUIRE(layout.ok());
    CHECK(layout->dir() == std::filesystem::path(c.dir));
    CHECK(layout->tag() == c.tag);
    CHECK(layout->digest() == c.digest);
    CHECK(layout->identifier() == (c.digest.empty() ? c.tag : c.digest));
    CHECK(layout->str() == c.str);
    CHECK(*LayoutReference::parse(layout->str()) == *layout);
  }
}

TEST_CASE("a malformed oci-layout reference is rejected with its cause") {
  struct Case {
    std::string input;
    std::string_view expected;
  };
  const Case cases[] = {
      {"oci-layout:", "names no directory"},
      {"oci-layout::v1", "names no directory"},
      {"oci-layout:@" + kSha256Digest, "names no directory"},
      {"oci-layout:/data/out:", "invalid tag \"\""},
      {"oci-layout:/data/out:a:b", "invalid tag \"a:b\""},
      {"oci-layout:/data/out@sha256:abc", "sha256 needs 64 hex characters"},
      {"/data/out:v1", "not an image layout reference"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto layout = LayoutReference::parse(c.input);
    REQUIRE_FALSE(layout.ok());
    check_rejected(layout.error(), c.input, c.expected);
  }
}

TEST_CASE("an image location is a layout when it has the prefix, else a registry reference") {
  auto layout = parse_image_location("oci-layout:nginx:1.25");
  REQUIRE(layout.ok());
  REQUIRE(std::holds_alternative<LayoutReference>(*layout));
  CHECK(std::get<LayoutReference>(*layout).dir() == "nginx");
  CHECK(to_string(*layout) == "oci-layout:nginx:1.25");

  auto remote = parse_image_location("nginx:1.25");
  REQUIRE(remote.ok());
  REQUIRE(std::holds_alternative<Reference>(*remote));
  CHECK(to_string(*remote) == "docker.io/library/nginx:1.25");

  auto bad_layout = parse_image_location("oci-layout:");
  REQUIRE_FALSE(bad_layout.ok());
  check_rejected(bad_layout.error(), "oci-layout:", "names no directory");
  auto bad_remote = parse_image_location("Nginx");
  REQUIRE_FALSE(bad_remote.ok());
  check_rejected(bad_remote.error(), "Nginx", "must be lowercase");
}

}  // namespace chartmirror::registry
