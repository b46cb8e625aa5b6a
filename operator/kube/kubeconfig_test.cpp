#include "operator/kube/kubeconfig.h"

#include <fstream>

#include <doctest/doctest.h>

#include "support/base64.h"
#include "support/testing/pem_fixture.h"

namespace chartmirror::kube {
namespace {

using chartmirror::testing::kTestCertificatePem;
using chartmirror::testing::kTestPrivateKeyPem;

std::string two_contexts(std::string_view user_body) {
  return R"(apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:6443/
    certificate-authority-data: )" +
         base64_encode(kTestCertificatePem) + R"(
- name: other
  cluster:
    server: http://127.0.0.1:8080
    insecure-skip-tls-verify: true
contexts:
- name: dev
  context: {cluster: local, user: admin, namespace: platform}
- name: plain
  context: {cluster: other}
users:
- name: admin
  user:
)" + std::string(user_body);
}

}  // namespace

TEST_CASE("the current context selects server, CA, namespace and token") {
  auto access = parse_kubeconfig(two_contexts("    token: abc123\n"), "/", "test");
  REQUIRE(access.ok());
  CHECK(access->server == "https://127.0.0.1:6443");
  CHECK(access->namespace_ == "platform");
  CHECK(access->tls.ca_pem == kTestCertificatePem);
  CHECK_FALSE(access->tls.insecure_skip_verify);
  CHECK(access->bearer_token == "abc123");
}

TEST_CASE("a named context overrides the current one") {
  auto access = parse_kubeconfig(two_contexts("    token: abc123\n"), "/", "test", "plain");
  REQUIRE(access.ok());
  CHECK(access->server == "http://127.0.0.1:8080");
  CHECK(access->namespace_ == "default");
  CHECK(access->tls.insecure_skip_verify);
  CHECK(access->bearer_token.empty());
}

TEST_CASE("file references resolve against the kubeconfig's directory") {
  const auto dir = std::filesystem::temp_directory_path() / "chartmirror-kubeconfig-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "token") << "from-file\n";
  std::ofstream(dir / "client.crt") << kTestCertificatePem;
  std::ofstream(dir / "client.key") << kTestPrivateKeyPem;
  std::ofstream(dir / "config") << two_contexts(
      "    tokenFile: token\n    client-certificate: client.crt\n"
      "    client-key: client.key\n");

  auto access = load_kubeconfig(dir / "config");
  std::filesystem::remove_all(dir);
  REQUIRE(access.ok());
  CHECK(access->bearer_token == "from-file");
  CHECK(access->token_file == dir / "token");
  CHECK(access->tls.client_cert_pem == kTestCertificatePem);
  CHECK(access->tls.client_key_pem == kTestPrivateKeyPem);
}

TEST_CASE("a broken kubeconfig is rejected with the reason") {
  struct Case {
    std::string yaml;
    std::string_view context;
    std::string_view expected;
  };
  const Case cases[] = {
      {"[", "", "not valid YAML"},
      {"- a\n", "", "must be a YAML mapping"},
      {"apiVersion: v1\n", "", "no current-context"},
      {two_contexts("    token: x\n"), "absent", "no context named 'absent'"},
      {two_contexts("    exec: {command: aws}\n"), "", "uses 'exec'"},
      {two_contexts("    client-certificate-data: '!!'\n"), "", "not valid base64"},
      {two_contexts("    tokenFile: /nonexistent/token\n"), "", "cannot read file"},
      {"current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n", "",
       "no cluster named 'c'"},
      {"current-context: a\ncontexts: [{name: a, context: {cluster: c}}]\n"
       "clusters: [{name: c, cluster: {server: 127.0.0.1}}]\n",
       "", "no http(s) server URL"},
      {"current-context: a\ncontexts: [{name: a}]\n", "", "has no context"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.yaml);
    auto access = parse_kubeconfig(c.yaml, "/", "kubeconfig.yaml", c.context);
    REQUIRE_FALSE(access.ok());
    CHECK(access.error().code == Error::Code::kInvalidConfig);
    CHECK(access.error().source == "kubeconfig.yaml");
    CHECK(access.error().message.find(c.expected) != std::string::npos);
  }
}

TEST_CASE("a missing kubeconfig file is named") {
  auto access = load_kubeconfig("/nonexistent/kubeconfig");
  REQUIRE_FALSE(access.ok());
  CHECK(access.error().source == "/nonexistent/kubeconfig");
}

}  // namespace chartmirror::kube
