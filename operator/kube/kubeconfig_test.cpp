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

TEST_CASE("an exec plugin is kept with its command resolved, args, env and cluster info") {
  const std::string exec = R"(    exec:
      apiVersion: client.authentication.k8s.io/v1
      command: ./bin/plugin
      args: [token, --region, eu-west-1]
      env: [{name: AWS_PROFILE, value: prod}, {name: EMPTY}]
      installHint: install the plugin
      interactiveMode: IfAvailable
      provideClusterInfo: true
)";
  auto access = parse_kubeconfig(two_contexts(exec), "/etc/kube", "test");
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  REQUIRE(access->exec);
  const ExecConfig& config = *access->exec;
  CHECK(config.user == "admin");
  CHECK(config.api_version == "client.authentication.k8s.io/v1");
  CHECK(config.command == "/etc/kube/bin/plugin");
  CHECK(config.args == std::vector<std::string>{"token", "--region", "eu-west-1"});
  CHECK(config.env ==
        std::vector<std::pair<std::string, std::string>>{{"AWS_PROFILE", "prod"}, {"EMPTY", ""}});
  CHECK(config.install_hint == "install the plugin");
  REQUIRE(config.cluster);
  CHECK(config.cluster->server == "https://127.0.0.1:6443");
  CHECK(config.cluster->ca_pem == kTestCertificatePem);
  CHECK_FALSE(config.cluster->insecure_skip_tls_verify);
  CHECK(access->bearer_token.empty());

  // A bare name is left to PATH; v1beta1 needs no interactiveMode; no cluster unless asked.
  access = parse_kubeconfig(
      two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: "
                   "kubelogin}\n"),
      "/etc/kube", "test");
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  REQUIRE(access->exec);
  CHECK(access->exec->command == "kubelogin");
  CHECK(access->exec->args.empty());
  CHECK_FALSE(access->exec->cluster);

  // A token beside the plugin wins, as in client-go; the plugin is then not even checked.
  access = parse_kubeconfig(two_contexts("    token: abc\n    exec: {command: x}\n"), "/", "test");
  REQUIRE(access.ok());
  CHECK(access->bearer_token == "abc");
  CHECK_FALSE(access->exec);
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
      {two_contexts("    auth-provider: {name: gcp}\n"), "", "uses 'auth-provider'"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws,\n"
                    "           interactiveMode: Always}\n"),
       "", "user 'admin': exec has interactiveMode Always"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}\n"), "",
       "user 'admin': exec.interactiveMode must be Never or IfAvailable (apiVersion v1"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws,\n"
                    "           interactiveMode: Sometimes}\n"),
       "", "exec.interactiveMode must be Never or IfAvailable"},
      {two_contexts(
           "    exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: aws}\n"),
       "", "exec.apiVersion must be client.authentication.k8s.io/v1 or"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1beta1}\n"), "",
       "user 'admin': exec.command is not set"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: a,\n"
                    "           env: [{value: x}]}\n"),
       "", "exec.env entries need a name"},
      {two_contexts("    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: a,\n"
                    "           args: {a: b}}\n"),
       "", "exec.args must be a list of strings"},
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
