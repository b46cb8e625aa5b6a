#include "registry/auth/credentials.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include "registry/auth/credential_helper.h"
#include "support/base64.h"

namespace chartmirror::registry::auth {

TEST_CASE("credential hosts drop scheme and path and fold Docker Hub's aliases") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"https://index.docker.io/v1/", "docker.io"},
      {"index.docker.io", "docker.io"},
      {"registry-1.docker.io", "docker.io"},
      {"docker.io", "docker.io"},
      {"http://127.0.0.1:5000", "127.0.0.1:5000"},
      {"quay.io/some/repo", "quay.io"},
      {"ghcr.io", "ghcr.io"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(credential_host(c.first) == c.second);
  }
}

TEST_CASE("auths entries give username and password, from auth or from fields") {
  const std::string json = R"({"auths": {
      "https://index.docker.io/v1/": {"auth": ")" +
                           base64_encode("hub-user:hub:pass") + R"("},
      "127.0.0.1:5000": {"username": "u", "password": "p"},
      "ghcr.io": {"identitytoken": "refresh"},
      "quay.io": {"registrytoken": "bearer"}
    }})";
  auto config = DockerConfig::parse(json, "config.json");
  REQUIRE_MESSAGE(config.ok(), config.error().describe());

  const auto hub = config->lookup("docker.io");
  REQUIRE(hub.credentials.has_value());
  CHECK(hub.credentials->username == "hub-user");
  CHECK(hub.credentials->password == "hub:pass");  // only the first ':' separates

  const auto local = config->lookup("127.0.0.1:5000");
  REQUIRE(local.credentials.has_value());
  CHECK(local.credentials->username == "u");
  CHECK(local.credentials->password == "p");

  CHECK(config->lookup("ghcr.io").credentials->identity_token == "refresh");
  CHECK(config->lookup("quay.io").credentials->registry_token == "bearer");

  const auto none = config->lookup("example.com");
  CHECK_FALSE(none.credentials.has_value());
  CHECK(none.helper.empty());
}

TEST_CASE("credHelpers beat auths; credsStore covers the rest") {
  auto config = DockerConfig::parse(R"({
      "auths": {"a.example": {"username": "u", "password": "p"}, "b.example": {"username": "u", "password": "p"}},
      "credHelpers": {"https://a.example": "ecr-login"},
      "credsStore": "desktop"})",
                                    "config.json");
  REQUIRE(config.ok());
  CHECK(config->lookup("a.example").helper == "ecr-login");
  CHECK_FALSE(config->lookup("a.example").credentials.has_value());
  CHECK(config->lookup("b.example").credentials.has_value());
  CHECK(config->lookup("c.example").helper == "desktop");
}

TEST_CASE("a legacy .dockercfg is the auths map alone") {
  auto config = DockerConfig::parse_legacy(
      R"({"127.0.0.1:5000": {"auth": ")" + base64_encode("a:b") + R"("}})", ".dockercfg");
  REQUIRE(config.ok());
  CHECK(config->lookup("127.0.0.1:5000").credentials->password == "b");
}

TEST_CASE("a broken docker config is rejected without echoing secrets") {
  const std::pair<std::string, std::string_view> cases[] = {
      {"{", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {R"({"auths": []})", "\"auths\" must be an object"},
      {R"({"auths": {"h": 1}})", "auths[\"h\"] is not an object"},
      {R"({"auths": {"h": {"auth": "c2VjcmV0"}}})", "is not base64 of"},  // "secret", no ':'
      {R"({"auths": {"h": {"auth": "%%%secret"}}})", "is not base64 of"},
      {R"({"credHelpers": {"h": 1}})", "credHelpers[\"h\"] is not a string"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    auto config = DockerConfig::parse(c.first, "/home/u/.docker/config.json");
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().url == "/home/u/.docker/config.json");
    CHECK(config.error().message.find(c.second) != std::string::npos);
    CHECK(config.error().describe().find("secret") == std::string::npos);
  }
}

TEST_CASE("the default config is $DOCKER_CONFIG/config.json, and absent means anonymous") {
  const auto dir = std::filesystem::temp_directory_path() / "chartmirror-docker-config-test";
  std::filesystem::create_directories(dir);
  ::setenv("DOCKER_CONFIG", dir.c_str(), 1);
  auto absent = DockerConfig::load_default();
  REQUIRE(absent.ok());
  CHECK_FALSE(absent->lookup("docker.io").credentials.has_value());

  std::ofstream(dir / "config.json")
      << R"({"auths": {"r.example": {"username": "x", "password": "y"}}})";
  auto present = DockerConfig::load_default();
  ::unsetenv("DOCKER_CONFIG");
  std::filesystem::remove_all(dir);
  REQUIRE(present.ok());
  CHECK(present->lookup("r.example").credentials->username == "x");
}

TEST_CASE("credential helpers are run by the docker-credential protocol") {
  // A real helper program on PATH: answers for two servers, "not found" for the rest.
  const auto dir = std::filesystem::temp_directory_path() / "chartmirror-cred-helper-test";
  std::filesystem::create_directories(dir);
  const auto helper = dir / "docker-credential-chartmirror-test";
  std::ofstream(helper) << R"(#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
case "$server" in
  reg.example) echo '{"ServerURL":"reg.example","Username":"robot","Secret":"s3cret"}' ;;
  tok.example) echo '{"ServerURL":"tok.example","Username":"<token>","Secret":"refresh"}' ;;
  bad.example) echo 'not json s3cret' ;;
  err.example) echo 'keychain locked' >&2; exit 1 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
)";
  std::filesystem::permissions(helper, std::filesystem::perms::owner_all);
  const char* path = std::getenv("PATH");
  const std::string old_path = path != nullptr ? path : "";
  ::setenv("PATH", (dir.string() + ":" + old_path).c_str(), 1);

  auto robot = credentials_from_helper("chartmirror-test", "reg.example");
  auto token = credentials_from_helper("chartmirror-test", "tok.example");
  auto missing = credentials_from_helper("chartmirror-test", "other.example");
  auto bad = credentials_from_helper("chartmirror-test", "bad.example");
  auto failed = credentials_from_helper("chartmirror-test", "err.example");
  auto absent = credentials_from_helper("chartmirror-absent", "reg.example");
  ::setenv("PATH", old_path.c_str(), 1);
  std::filesystem::remove_all(dir);

  REQUIRE(robot.ok());
  REQUIRE(robot->has_value());
  CHECK((*robot)->username == "robot");
  CHECK((*robot)->password == "s3cret");
  REQUIRE(token.ok());
  CHECK((*token)->identity_token == "refresh");
  CHECK((*token)->username.empty());
  REQUIRE(missing.ok());
  CHECK_FALSE(missing->has_value());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().describe().find("s3cret") == std::string::npos);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message.find("keychain locked") != std::string::npos);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().message.find("docker-credential-chartmirror-absent: cannot run") !=
        std::string::npos);
}

}  // namespace chartmirror::registry::auth
