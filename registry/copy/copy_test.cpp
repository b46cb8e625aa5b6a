#include "registry/copy/copy.h"

#include <chrono>
#include <mutex>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "registry/copy/copy_test_support.h"

namespace chartmirror::registry::copy {
namespace {

using testing::check_copied;
using testing::Fixture;
using testing::Flavor;
using testing::multi_platform;

std::vector<oci::Platform> platforms(const std::vector<std::string>& texts) {
  std::vector<oci::Platform> out;
  out.reserve(texts.size());
  for (const auto& text : texts) out.push_back(content::testing::platform(text));
  return out;
}

const char* flavor_name(Flavor flavor) { return flavor == Flavor::kOci ? "OCI" : "Docker"; }

}  // namespace

TEST_CASE("a full copy preserves every digest and writes the tag") {
  for (const Flavor flavor : {Flavor::kOci, Flavor::kDocker}) {
    CAPTURE(flavor_name(flavor));
    Fixture f(flavor);
    const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64", "linux/arm/v7"});

    const CopyResult result = f.copied("v1", "1.0");
    CHECK(result.root.digest == image.index.digest);
    CHECK(result.root.media_type == image.index.media_type);
    CHECK(result.root.size == image.index.size);
    CHECK(result.index_preserved);
    CHECK(f.dst.tag("1.0") == image.index.digest);
    check_copied(f.src, f.dst, image.index);

    // 1 shared layer + 3 own layers + 3 configs; 3 images + the index.
    CHECK(result.blobs_copied == 7);
    CHECK(result.blobs_skipped == 0);
    CHECK(result.manifests_pushed == 4);
    CHECK(result.manifests_skipped == 0);
    CHECK(f.dst.blob_count() == 7);
    CHECK(f.dst.manifest_count() == 4);
    CHECK(f.dst.tag_count() == 1);
  }
}

TEST_CASE("an image manifest root is copied and tagged; a digest names the source too") {
  Fixture f;
  const oci::Descriptor image =
      f.builder.image("linux/amd64", {f.builder.layer(100), f.builder.layer(200)}, "v1");

  SUBCASE("by tag") {
    const CopyResult result = f.copied("v1", "v2");
    CHECK(result.root.digest == image.digest);
    auto manifest = oci::parse_manifest(f.src.manifest(image.digest).value_or(""), "");
    REQUIRE(manifest.ok());
    CHECK(result.bytes_copied == 300 + static_cast<std::uint64_t>(manifest->image()->config.size));
    CHECK(result.blobs_copied == 3);
    CHECK(result.manifests_pushed == 1);
    CHECK(f.dst.tag("v2") == image.digest);
    check_copied(f.src, f.dst, image);
  }
  SUBCASE("by digest, without a destination tag") {
    const CopyResult result = f.copied(image.digest.str(), "");
    CHECK(result.root.digest == image.digest);
    CHECK(f.dst.tag_count() == 0);
    check_copied(f.src, f.dst, image);
  }
}

TEST_CASE("a second copy asks each side one question: what the tag names") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  static_cast<void>(f.copied());
  f.dst.reset_counters();
  f.src.reset_counters();

  const CopyResult again = f.copied();
  CHECK(again.root.digest == image.index.digest);
  CHECK(again.manifests_skipped == 1);
  CHECK(again.manifests_pushed == 0);
  CHECK(again.blobs_copied == 0);
  CHECK(again.bytes_copied == 0);
  const auto dst = f.dst.counters();
  CHECK(dst.exists_calls == 0);
  CHECK(dst.resolves == 1);  // the tag already names the root
  CHECK(dst.blobs_pushed == 0);
  CHECK(dst.manifests_pushed == 0);
  CHECK(dst.blob_fetches == 0);
  const auto src = f.src.counters();
  CHECK(src.resolves == 1);
  CHECK(src.manifest_fetches == 0);
  CHECK(src.blob_fetches == 0);
}

TEST_CASE("a root the destination has under another tag gets the new tag, and nothing else") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64"});
  static_cast<void>(f.copied("v1", "1.0"));
  f.dst.reset_counters();
  const CopyResult result = f.copied("v1", "latest");
  CHECK(result.manifests_pushed == 1);
  CHECK(f.dst.counters().blobs_pushed == 0);
  CHECK(f.dst.tag("latest") == image.index.digest);
  CHECK(f.dst.tag("1.0") == image.index.digest);
}

TEST_CASE("a platform the destination has already is skipped with its whole subtree") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  f.options.platforms = platforms({"linux/amd64"});
  static_cast<void>(f.copied("v1", "amd64"));
  f.options.platforms.clear();
  f.dst.reset_counters();

  const CopyResult result = f.copied();
  CHECK(result.manifests_skipped == 1);  // the amd64 image
  CHECK(result.manifests_pushed == 2);   // the arm64 image and the index
  CHECK(result.blobs_copied == 2);       // the arm64 config and own layer
  CHECK(result.blobs_skipped == 1);      // the shared layer, which the amd64 copy brought
  check_copied(f.src, f.dst, image.index);
}

TEST_CASE("a layer shared by several platforms is fetched and pushed once") {
  for (const size_t concurrency : {size_t{1}, size_t{8}}) {
    CAPTURE(concurrency);
    Fixture f;
    f.options.concurrency = concurrency;
    const auto image =
        multi_platform(f.builder, {"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/386"});
    f.src.reset_counters();
    const CopyResult result = f.copied();
    CHECK(result.blobs_copied == 9);  // 1 shared + 4 own + 4 configs
    CHECK(f.src.counters().blob_fetches == 9);
    CHECK(f.dst.counters().blobs_pushed == 9);
    check_copied(f.src, f.dst, image.index);
  }
}

TEST_CASE("concurrency 1 and 8 give the same destination; 8 overlaps, 1 never does") {
  std::vector<std::string> manifests;
  for (const size_t concurrency : {size_t{1}, size_t{8}}) {
    CAPTURE(concurrency);
    Fixture f;
    f.options.concurrency = concurrency;
    f.dst.set_push_delay(std::chrono::milliseconds(10));
    const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64", "linux/s390x"});
    const CopyResult result = f.copied();
    CHECK(result.blobs_copied == 7);
    check_copied(f.src, f.dst, image.index);
    const size_t overlap = f.dst.counters().max_concurrent_blob_pushes;
    if (concurrency == 1) {
      CHECK(overlap == 1);
    } else {
      CHECK(overlap > 1);
      CHECK(overlap <= concurrency);
    }
    manifests.push_back(f.dst.manifest(image.index.digest).value_or(""));
  }
  CHECK(manifests[0] == manifests[1]);
}

TEST_CASE("a platform filter that selects one platform tags that platform's image") {
  for (const Flavor flavor : {Flavor::kOci, Flavor::kDocker}) {
    CAPTURE(flavor_name(flavor));
    Fixture f(flavor);
    const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64/v8"});
    f.options.platforms = platforms({"linux/aarch64"});  // an alias of linux/arm64
    const CopyResult result = f.copied();
    CHECK_FALSE(result.index_preserved);
    CHECK(result.root.digest == image.images[1].digest);
    CHECK(result.root.media_type == image.images[1].media_type);
    CHECK(f.dst.tag("v1") == image.images[1].digest);
    check_copied(f.src, f.dst, image.images[1]);
    CHECK_FALSE(f.dst.manifest(image.index.digest).has_value());
    CHECK_FALSE(f.dst.manifest(image.images[0].digest).has_value());
    CHECK(result.manifests_pushed == 1);
    CHECK(result.blobs_copied == 3);
  }
}

TEST_CASE("a platform filter that selects several platforms writes an index of only those") {
  for (const Flavor flavor : {Flavor::kOci, Flavor::kDocker}) {
    CAPTURE(flavor_name(flavor));
    Fixture f(flavor);
    const auto image =
        multi_platform(f.builder, {"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x"});
    f.options.platforms = platforms({"linux/amd64", "linux/arm"});
    const CopyResult result = f.copied();
    CHECK_FALSE(result.index_preserved);
    CHECK(result.root.digest != image.index.digest);
    CHECK(f.dst.tag("v1") == result.root.digest);
    CHECK(result.root.media_type == image.index.media_type);

    const auto bytes = f.dst.manifest(result.root.digest);
    REQUIRE(bytes.has_value());
    CHECK(oci::Digest::of(*bytes) == result.root.digest);
    auto index = oci::parse_manifest(*bytes, "");
    REQUIRE(index.ok());
    CHECK(index->media_type() == image.index.media_type);
    CHECK(index->annotations().at("org.opencontainers.image.version") == "1.0");
    REQUIRE(index->index()->manifests.size() == 2);
    CHECK(index->index()->manifests[0] == image.images[0]);
    CHECK(index->index()->manifests[1] == image.images[2]);
    check_copied(f.src, f.dst, result.root);
    CHECK_FALSE(f.dst.manifest(image.images[1].digest).has_value());
    CHECK_FALSE(f.dst.manifest(image.images[3].digest).has_value());

    // The new index is the same bytes every time: a second copy finds it and pushes nothing.
    f.dst.reset_counters();
    const CopyResult again = f.copied();
    CHECK(again.root.digest == result.root.digest);
    CHECK(f.dst.counters().manifests_pushed == 0);
  }
}

TEST_CASE("a platform filter that selects nothing names what there is") {
  Fixture f;
  static_cast<void>(multi_platform(f.builder, {"linux/amd64", "linux/arm64/v8"}));
  f.options.platforms = platforms({"linux/s390x"});
  auto result = f.run();
  REQUIRE_FALSE(result.ok());
  const Error& error = result.error();
  CHECK(error.code == Error::Code::kNotFound);
  CHECK(error.side == "source");
  CHECK(error.message.find("linux/s390x") != std::string::npos);
  CHECK(error.message.find("linux/amd64, linux/arm64/v8") != std::string::npos);
  CHECK(f.dst.manifest_count() == 0);
  CHECK(f.dst.blob_count() == 0);
}

TEST_CASE("a platform filter leaves an image manifest root as it is") {
  Fixture f;
  const oci::Descriptor image = f.builder.image("linux/amd64", {f.builder.layer(10)}, "v1");
  f.options.platforms = platforms({"linux/arm64"});
  const CopyResult result = f.copied();
  CHECK(result.root.digest == image.digest);
  CHECK(result.index_preserved);
}

TEST_CASE("cosign's sha256-<hex>.sig/.att/.sbom tags are copied with the image when asked") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  auto cosign_tag = [](const oci::Descriptor& subject, std::string_view suffix) {
    return std::string(subject.digest.algorithm()) + "-" + std::string(subject.digest.hex()) +
           std::string(suffix);
  };
  // cosign's signature is a plain image manifest, found by its tag only (no subject).
  const oci::Descriptor signature = f.builder.image(
      "linux/amd64", {f.builder.blob("sig", "application/vnd.dev.cosign.simplesigning.v1+json")},
      cosign_tag(image.index, ".sig"));
  const oci::Descriptor attestation = f.builder.image(
      "linux/amd64", {f.builder.blob("att", "application/vnd.dsse.envelope.v1+json")},
      cosign_tag(image.images[1], ".att"));
  // A tag of another digest, and a tag that only looks similar, stay behind.
  static_cast<void>(f.builder.image("linux/amd64", {f.builder.layer(10)},
                                    "sha256-" + std::string(64, '0') + ".sig"));
  static_cast<void>(
      f.builder.image("linux/amd64", {f.builder.layer(10)}, cosign_tag(image.index, ".sig.old")));

  SUBCASE("not asked") {
    static_cast<void>(f.copied());
    CHECK(f.dst.tag_count() == 1);
  }
  SUBCASE("asked") {
    f.options.referrers = true;
    const CopyResult result = f.copied();
    CHECK(result.signature_tags == 2);
    CHECK(f.dst.tag(cosign_tag(image.index, ".sig")) == signature.digest);
    CHECK(f.dst.tag(cosign_tag(image.images[1], ".att")) == attestation.digest);
    check_copied(f.src, f.dst, signature);
    check_copied(f.src, f.dst, attestation);
    CHECK(f.dst.tag_count() == 3);
    CHECK(f.dst.tag("v1") == image.index.digest);

    // Again: everything is there; the tags are written again, and nothing else moves.
    f.dst.reset_counters();
    const CopyResult again = f.copied();
    CHECK(again.signature_tags == 2);
    CHECK(again.blobs_copied == 0);
    CHECK(f.dst.counters().blobs_pushed == 0);
    CHECK(f.dst.tag_count() == 3);
  }
}

TEST_CASE("referrers are copied when asked, recursively, and not otherwise") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  const oci::Descriptor signature =
      f.builder.referrer(image.index, "application/vnd.dev.cosign.artifact.sig.v1+json", "sig");
  const oci::Descriptor sbom = f.builder.referrer(image.images[0], "application/spdx+json", "{}");
  const oci::Descriptor sbom_signature =
      f.builder.referrer(sbom, "application/vnd.dev.cosign.artifact.sig.v1+json", "sig2");

  SUBCASE("not asked") {
    static_cast<void>(f.copied());
    CHECK(f.src.counters().referrers_calls == 0);
    CHECK_FALSE(f.dst.manifest(signature.digest).has_value());
    CHECK_FALSE(f.dst.manifest(sbom.digest).has_value());
  }
  SUBCASE("asked") {
    f.options.referrers = true;
    const CopyResult result = f.copied();
    for (const auto& referrer : {signature, sbom, sbom_signature}) {
      check_copied(f.src, f.dst, referrer);
    }
    CHECK(result.manifests_pushed == 6);
    CHECK(f.dst.referrers(image.index)->size() == 1);
    CHECK(f.dst.referrers(sbom)->size() == 1);
    CHECK(f.dst.tag("v1") == image.index.digest);
    CHECK(f.dst.tag_count() == 1);

    // A signature added later is found from the existing root, and copied alone.
    const oci::Descriptor later = f.builder.referrer(image.index, "application/example", "new");
    f.dst.reset_counters();
    const CopyResult again = f.copied();
    CHECK(again.manifests_pushed == 1);
    CHECK(f.dst.manifest(later.digest).has_value());
  }
}

TEST_CASE("non-distributable layers are not copied, and count as skipped") {
  for (const Flavor flavor : {Flavor::kOci, Flavor::kDocker}) {
    CAPTURE(flavor_name(flavor));
    Fixture f(flavor);
    const oci::Descriptor foreign = f.builder.foreign_layer(1000);
    const oci::Descriptor image =
        f.builder.image("windows/amd64", {foreign, f.builder.layer(100)}, "v1");
    const CopyResult result = f.copied();
    CHECK(result.blobs_skipped == 1);
    CHECK(result.blobs_copied == 2);
    CHECK_FALSE(f.dst.blob(foreign.digest).has_value());
    check_copied(f.src, f.dst, image);
  }
}

TEST_CASE("blobs are mounted when the source offers a mount source") {
  Fixture f;
  const auto image = multi_platform(f.builder, {"linux/amd64", "linux/arm64"});
  f.dst.allow_mounts_from(f.src);
  f.src.reset_counters();
  const CopyResult result = f.copied();
  CHECK(result.blobs_mounted == 5);
  CHECK(result.blobs_copied == 0);
  CHECK(f.src.counters().blob_fetches == 0);
  check_copied(f.src, f.dst, image.index);
}

TEST_CASE("progress reports end with every blob and byte done") {
  Fixture f;
  f.src.set_read_chunk(512);
  static_cast<void>(multi_platform(f.builder, {"linux/amd64", "linux/arm64"}, "v1", 5000));
  std::mutex mutex;
  std::vector<CopyProgress> reports;
  f.options.on_progress = [&](const CopyProgress& progress) {
    const std::lock_guard lock(mutex);
    reports.push_back(progress);
  };
  const CopyResult result = f.copied();
  REQUIRE(reports.size() > result.blobs_copied);  // reported per buffer, not only per blob
  const CopyProgress& last = reports.back();
  CHECK(last.blobs_done == 5);
  CHECK(last.blobs_total == 5);
  CHECK(last.bytes_done == result.bytes_copied);
  CHECK(last.bytes_total == result.bytes_copied);
  for (const auto& report : reports) {
    CHECK(report.bytes_done <= report.bytes_total);
    CHECK_FALSE(report.current.empty());
  }
}

TEST_CASE("a source tag that does not exist is a source-side kNotFound") {
  Fixture f;
  auto result = f.run("missing", "v1");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().code == Error::Code::kNotFound);
  CHECK(result.error().side == "source");
  CHECK(result.error().operation == "copy");
  CHECK(result.error().reference == "missing");
}

}  // namespace chartmirror::registry::copy
