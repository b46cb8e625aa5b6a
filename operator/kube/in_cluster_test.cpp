#include "operator/kube/in_cluster.h"

#include <fstream>

#include <doctest/doctest.h>

#include "operator/kube/bearer_token.h"
#include "support/testing/pem_fixture.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::kube {
namespace {

using chartmirror::testing::kTestCertificatePem;
using chartmirror::testing::TempDir;

void write(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

// What the kubelet mounts: token, ca.crt, namespace.
void service_account(const std::filesystem::path& dir, std::string_view token) {
  write(dir / "token", token);
  write(dir / "ca.crt", kTestCertificatePem);
  write(dir / "namespace", "platform");
}

TEST_CASE("in-cluster: server from host and port, CA, namespace and the token's file") {
  const TempDir dir;
  service_account(dir.path(), "eyJhbGciOi.first\n");
  auto access = in_cluster_access("10.96.0.1", "443", dir.path());
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  CHECK(access->server == "https://10.96.0.1:443");
  CHECK(access->tls.ca_pem == kTestCertificatePem);
  CHECK(access->namespace_ == "platform");
  CHECK(access->token_file == dir.path() / "token");
  CHECK(access->bearer_token.empty());  // read per request, from token_file

  auto ipv6 = in_cluster_access("fd00::1", "6443", dir.path());
  REQUIRE(ipv6.ok());
  CHECK(ipv6->server == "https://[fd00::1]:6443");

  std::filesystem::remove(dir.path() / "namespace");
  auto no_namespace = in_cluster_access("10.96.0.1", "443", dir.path());
  REQUIRE(no_namespace.ok());
  CHECK(no_namespace->namespace_ == "default");
}

TEST_CASE("in-cluster: what is missing is named, and the token never appears") {
  const TempDir dir;
  service_account(dir.path(), "s3cret-token");
  struct Case {
    std::string_view host;
    std::string_view port;
    std::string_view remove;  // a file to take away first
    std::string_view expected;
  };
  const Case cases[] = {
      {"", "443", "", "not running in a pod"},
      {"10.96.0.1", "", "", "not running in a pod"},
      {"10.96.0.1", "https", "", "not a port number"},
      {"10.96.0.1", "443", "ca.crt", "CA file"},
      {"10.96.0.1", "443", "token", "bearer token file"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.expected);
    service_account(dir.path(), "s3cret-token");
    if (!c.remove.empty()) std::filesystem::remove(dir.path() / c.remove);
    auto access = in_cluster_access(c.host, c.port, dir.path());
    REQUIRE_FALSE(access.ok());
    CHECK(access.error().code == Error::Code::kInvalidConfig);
    CHECK(access.error().describe().find(c.expected) != std::string::npos);
    CHECK(access.error().describe().find("s3cret") == std::string::npos);
  }
}

TEST_CASE("a file token is read again when the kubelet rotates it") {
  const TempDir dir;
  const auto file = dir.path() / "token";
  write(file, "first\n");
  BearerToken token = BearerToken::from_file(file);
  REQUIRE(token.current().ok());
  CHECK(*token.current() == "first");

  // The kubelet writes the new token beside the old and swaps it in atomically.
  write(dir.path() / "token.new", "second-token");
  std::filesystem::rename(dir.path() / "token.new", file);
  CHECK(*token.current() == "second-token");

  // Rewritten in place with a different length.
  write(file, "third");
  CHECK(*token.current() == "third");

  std::filesystem::remove(file);
  auto gone = token.current();
  REQUIRE_FALSE(gone.ok());
  CHECK(gone.error().source == file.string());
  CHECK(gone.error().describe().find("third") == std::string::npos);

  write(file, " \n");
  auto empty = token.current();
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("empty") != std::string::npos);
}

TEST_CASE("a fixed token, and none") {
  BearerToken fixed = BearerToken::fixed("abc");
  CHECK(*fixed.current() == "abc");
  BearerToken none;
  CHECK(none.current()->empty());
}

}  // namespace
}  // namespace chartmirror::kube
