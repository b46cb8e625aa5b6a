// registry/remote against real CNCF Distribution registries (anonymous, basic auth, token
// auth), cross-checked with skopeo: what we push, skopeo reads with identical bytes.
#include <algorithm>
#include <memory>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "e2e/support/environment.h"
#include "registry/auth/keychain.h"
#include "registry/content/memory_store.h"
#include "registry/content/testing/image_builder.h"
#include "registry/copy/copy.h"
#include "registry/oci/media_types.h"
#include "registry/remote/repository.h"
#include "support/subprocess.h"

namespace chartmirror::e2e {
namespace {

using registry::Error;
using registry::content::StringSource;
using registry::oci::Descriptor;
using registry::oci::Digest;
using registry::remote::RegistryClient;
using registry::remote::RemoteRepository;

struct TestImage {
  std::string config;
  std::string layer;
  std::string manifest;
  Descriptor config_descriptor;
  Descriptor layer_descriptor;
  Descriptor manifest_descriptor;
};

TestImage make_image(const std::string& seed, size_t layer_size = 4096) {
  TestImage image;
  image.layer.reserve(layer_size);
  for (size_t i = 0; i < layer_size; ++i) {
    image.layer += static_cast<char>((i * 131 + seed.size() * 7 + seed[i % seed.size()]) & 0xFF);
  }
  image.config = nlohmann::json{{"architecture", "amd64"}, {"os", "linux"}, {"seed", seed}}.dump();
  namespace mt = registry::oci::media_type;
  image.config_descriptor = {.media_type = std::string(mt::kOciConfig),
                             .digest = Digest::of(image.config),
                             .size = static_cast<int64_t>(image.config.size())};
  image.layer_descriptor = {.media_type = std::string(mt::kOciLayer),
                            .digest = Digest::of(image.layer),
                            .size = static_cast<int64_t>(image.layer.size())};
  image.manifest = nlohmann::json{{"schemaVersion", 2},
                                  {"mediaType", mt::kOciManifest},
                                  {"config",
                                   {{"mediaType", mt::kOciConfig},
                                    {"digest", image.config_descriptor.digest.str()},
                                    {"size", image.config.size()}}},
                                  {"layers",
                                   {{{"mediaType", mt::kOciLayer},
                                     {"digest", image.layer_descriptor.digest.str()},
                                     {"size", image.layer.size()}}}}}
                       .dump();
  image.manifest_descriptor = {.media_type = std::string(mt::kOciManifest),
                               .digest = Digest::of(image.manifest),
                               .size = static_cast<int64_t>(image.manifest.size())};
  return image;
}

std::shared_ptr<RegistryClient> client_for(const std::string& host, bool with_credentials,
                                           bool plain_http = true) {
  auto http = registry::transport::HttpClient::create({});
  REQUIRE(http.ok());
  std::shared_ptr<registry::auth::Keychain> keychain;
  if (with_credentials) {
    auto config = registry::auth::DockerConfig::load(Environment::get().at("CM_DOCKER_CONFIG"));
    REQUIRE_MESSAGE(config.ok(), config.error().describe());
    keychain = std::make_shared<registry::auth::Keychain>(std::move(config).value());
  }
  return std::make_shared<RegistryClient>(
      host, std::move(http).value(), keychain,
      registry::remote::RegistryOptions{.plain_http = plain_http});
}

void push_image(RemoteRepository& repository, const TestImage& image, const std::string& tag) {
  for (const auto* part : {&image.config, &image.layer}) {
    const Descriptor& descriptor =
        part == &image.config ? image.config_descriptor : image.layer_descriptor;
    StringSource source(*part);
    auto pushed = repository.push_blob(descriptor, source);
    REQUIRE_MESSAGE(pushed.ok(), pushed.error().describe());
  }
  auto pushed = repository.push_manifest(image.manifest_descriptor, image.manifest, tag);
  REQUIRE_MESSAGE(pushed.ok(), pushed.error().describe());
}

// Runs a program (no shell), returning its stdout; fails the test on a non-zero exit.
std::string run(const std::vector<std::string>& argv) {
  auto result = run_process(argv, "", std::chrono::minutes(2));
  REQUIRE_MESSAGE(result.ok(), result.error().message);
  REQUIRE_MESSAGE(result->exit_code == 0, argv[0] << " " << argv[1] << ": " << result->err);
  return result->out;
}

}  // namespace

TEST_CASE("images pushed to each kind of registry read back identically, also with skopeo") {
  const auto& env = Environment::get();
  struct Case {
    std::string name;
    std::string host;
    bool credentials;
  };
  const Case cases[] = {{"anonymous", env.at("CM_REGISTRY_ANONYMOUS"), false},
                        {"basic", env.at("CM_REGISTRY_BASIC"), true},
                        {"token", env.at("CM_REGISTRY_TOKEN"), true}};
  for (const auto& c : cases) {
    CAPTURE(c.name);
    RemoteRepository repository(client_for(c.host, c.credentials), "e2e/remote-" + c.name);
    const TestImage image = make_image(c.name);
    push_image(repository, image, "v1");

    auto resolved = repository.resolve("v1");
    REQUIRE_MESSAGE(resolved.ok(), resolved.error().describe());
    CHECK(resolved->digest == image.manifest_descriptor.digest);
    CHECK(resolved->size == image.manifest_descriptor.size);
    CHECK(resolved->media_type == image.manifest_descriptor.media_type);

    auto manifest = repository.fetch_manifest(*resolved);
    REQUIRE(manifest.ok());
    CHECK(*manifest == image.manifest);

    auto blob = repository.fetch_blob(image.layer_descriptor);
    REQUIRE_MESSAGE(blob.ok(), blob.error().describe());
    std::string bytes;
    char buffer[1000];
    while (true) {
      auto got = (*blob)->read(buffer, sizeof buffer);
      REQUIRE(got.ok());
      if (*got == 0) break;
      bytes.append(buffer, *got);
    }
    CHECK(bytes == image.layer);

    auto present = repository.exists(image.layer_descriptor);
    REQUIRE(present.ok());
    CHECK(*present);
    auto absent = repository.exists(make_image("absent").layer_descriptor);
    REQUIRE(absent.ok());
    CHECK_FALSE(*absent);

    std::vector<std::string> inspect = {env.at("CM_SKOPEO"), "inspect", "--raw",
                                        "--tls-verify=false"};
    if (c.credentials) {
      inspect.insert(inspect.end(), {"--authfile", env.at("CM_DOCKER_CONFIG")});
    } else {
      inspect.emplace_back("--no-creds");
    }
    inspect.push_back("docker://" + c.host + "/e2e/remote-" + c.name + ":v1");
    const std::string raw = run(inspect);
    CHECK(raw == image.manifest);
  }
}

TEST_CASE("what skopeo pushes resolves to the digest skopeo reports") {
  const auto& env = Environment::get();
  const std::string host = env.at("CM_REGISTRY_TOKEN");
  RemoteRepository source(client_for(host, true), "e2e/remote-skopeo-src");
  push_image(source, make_image("skopeo"), "v1");
  run({env.at("CM_SKOPEO"), "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
       "--authfile", env.at("CM_DOCKER_CONFIG"), "--format", "v2s2",
       "docker://" + host + "/e2e/remote-skopeo-src:v1",
       "docker://" + host + "/e2e/remote-skopeo-docker:v1"});
  const std::string digest = run({env.at("CM_SKOPEO"), "inspect", "--format", "{{.Digest}}",
                                  "--tls-verify=false", "--authfile", env.at("CM_DOCKER_CONFIG"),
                                  "docker://" + host + "/e2e/remote-skopeo-docker:v1"});

  RemoteRepository converted(client_for(host, true), "e2e/remote-skopeo-docker");
  auto resolved = converted.resolve("v1");
  REQUIRE_MESSAGE(resolved.ok(), resolved.error().describe());
  CHECK(resolved->digest.str() + "\n" == digest);
  CHECK(resolved->media_type == registry::oci::media_type::kDockerManifest);
  auto manifest = converted.fetch_manifest(*resolved);
  REQUIRE_MESSAGE(manifest.ok(), manifest.error().describe());
}

TEST_CASE("blobs mount across repositories, and large blobs go up in chunks") {
  const auto& env = Environment::get();
  const auto client = client_for(env.at("CM_REGISTRY_TOKEN"), true);
  RemoteRepository first(client, "e2e/remote-mount-a");
  RemoteRepository second(client, "e2e/remote-mount-b");
  const TestImage image = make_image("mount");
  push_image(first, image, "v1");

  auto mounted = second.mount_blob(image.layer_descriptor, first.mount_source());
  REQUIRE_MESSAGE(mounted.ok(), mounted.error().describe());
  CHECK(*mounted);
  CHECK(second.exists(image.layer_descriptor).value());

  RemoteRepository chunked(client, "e2e/remote-chunked",
                           registry::remote::RepositoryOptions{.chunk_size = 100000});
  const TestImage big = make_image("chunked", 350000);
  push_image(chunked, big, "v1");
  auto blob = chunked.fetch_blob(big.layer_descriptor);
  REQUIRE(blob.ok());
  auto* response = dynamic_cast<registry::transport::Response*>(blob->get());
  REQUIRE(response != nullptr);
  auto bytes = response->read_all(1 << 20);
  REQUIRE(bytes.ok());
  CHECK(*bytes == big.layer);
}

TEST_CASE("signatures travel between registries without the referrers API, by tag schema") {
  // Distribution 2.8 stores a manifest's subject without indexing it: the copy must write the
  // referrers tag (sha256-<hex>) itself, and find referrers through it on the way out.
  registry::content::MemoryStore source;
  registry::content::testing::ImageBuilder builder(source);
  const Descriptor image = builder.image("linux/amd64", {builder.layer(2000)}, "v1");
  const Descriptor sbom = builder.referrer(image, "application/spdx+json", R"({"sbom":1})");
  const Descriptor attestation = builder.referrer(image, "application/vnd.in-toto+json", "{}");
  const std::string hex_tag =
      std::string(image.digest.algorithm()) + "-" + std::string(image.digest.hex());
  const Descriptor signature = builder.image(
      "linux/amd64", {builder.blob("sig", "application/vnd.dev.cosign.simplesigning.v1+json")},
      hex_tag + ".sig");

  const auto& env = Environment::get();
  RemoteRepository first(client_for(env.at("CM_REGISTRY_ANONYMOUS"), false), "e2e/referrers");
  RemoteRepository second(client_for(env.at("CM_REGISTRY_TOKEN"), true), "e2e/referrers");
  const registry::copy::CopyOptions options{.referrers = true};
  auto copied = registry::copy::copy(source, "v1", first, "v1", options);
  REQUIRE_MESSAGE(copied.ok(), copied.error().describe());
  CHECK(copied->signature_tags == 1);
  auto again = registry::copy::copy(first, "v1", second, "v1", options);
  REQUIRE_MESSAGE(again.ok(), again.error().describe());
  CHECK(again->signature_tags == 1);

  for (RemoteRepository* repository : {&first, &second}) {
    CAPTURE(repository->mount_source());
    auto referrers = repository->referrers(image);
    REQUIRE_MESSAGE(referrers.ok(), referrers.error().describe());
    std::vector<Digest> digests;
    for (const Descriptor& referrer : *referrers) digests.push_back(referrer.digest);
    std::sort(digests.begin(), digests.end());
    std::vector<Digest> expected{sbom.digest, attestation.digest};
    std::sort(expected.begin(), expected.end());
    CHECK(digests == expected);
    CHECK(repository->resolve(hex_tag + ".sig").value().digest == signature.digest);
    CHECK(repository->resolve("v1").value().digest == image.digest);
  }
  // A second copy finds everything listed already: the referrers tag is not rewritten.
  const auto before = second.resolve(hex_tag).value().digest;
  auto third = registry::copy::copy(first, "v1", second, "v1", options);
  REQUIRE_MESSAGE(third.ok(), third.error().describe());
  CHECK(third->blobs_copied == 0);
  CHECK(second.resolve(hex_tag).value().digest == before);
}

TEST_CASE("every tag is listed") {
  const auto& env = Environment::get();
  RemoteRepository repository(client_for(env.at("CM_REGISTRY_ANONYMOUS"), false),
                              "e2e/remote-tags");
  const TestImage image = make_image("tags");
  for (const std::string tag : {"a", "b", "c", "d", "e"}) push_image(repository, image, tag);
  // Distribution 2.8 answers with every tag at once, in no order, whatever `n` asks; the
  // Link pagination is covered against a scripted server in registry/remote.
  auto tags = repository.list_tags(2);
  REQUIRE_MESSAGE(tags.ok(), tags.error().describe());
  std::sort(tags->begin(), tags->end());
  CHECK(*tags == std::vector<std::string>{"a", "b", "c", "d", "e"});
}

TEST_CASE("loopback registries are found over plain HTTP without being told") {
  const auto& env = Environment::get();
  auto client = client_for(env.at("CM_REGISTRY_ANONYMOUS"), false, /*plain_http=*/false);
  auto base = client->base_url();
  REQUIRE(base.ok());
  CHECK(*base == "http://" + env.at("CM_REGISTRY_ANONYMOUS"));
}

TEST_CASE("wrong or missing credentials fail as unauthorized, without the secret") {
  const auto& env = Environment::get();
  const TestImage image = make_image("denied");
  for (const std::string& host : {env.at("CM_REGISTRY_BASIC"), env.at("CM_REGISTRY_TOKEN")}) {
    CAPTURE(host);
    RemoteRepository anonymous(client_for(host, false), "e2e/remote-denied");
    auto resolved = anonymous.resolve("v1");
    REQUIRE_FALSE(resolved.ok());
    CHECK(resolved.error().code == Error::Code::kUnauthorized);

    auto config = registry::auth::DockerConfig::parse(
        R"({"auths": {")" + host +
            R"(": {"username": "chartmirror-basic", "password": "wrong-secret-x"}}})",
        "test");
    REQUIRE(config.ok());
    auto http = registry::transport::HttpClient::create({});
    REQUIRE(http.ok());
    RemoteRepository wrong(
        std::make_shared<RegistryClient>(
            host, std::move(http).value(),
            std::make_shared<registry::auth::Keychain>(std::move(config).value()),
            registry::remote::RegistryOptions{.plain_http = true}),
        "e2e/remote-denied");
    StringSource source(image.layer);
    auto pushed = wrong.push_blob(image.layer_descriptor, source);
    REQUIRE_FALSE(pushed.ok());
    CHECK(pushed.error().code == Error::Code::kUnauthorized);
    CHECK(pushed.error().describe().find("wrong-secret-x") == std::string::npos);
  }
}

TEST_CASE("an unreachable registry is a transport error naming it") {
  RemoteRepository nowhere(client_for("127.0.0.1:1", false), "e2e/x");
  auto resolved = nowhere.resolve("v1");
  REQUIRE_FALSE(resolved.ok());
  CHECK(resolved.error().code == Error::Code::kTransport);
  CHECK(resolved.error().describe().find("127.0.0.1:1") != std::string::npos);
}

}  // namespace chartmirror::e2e
