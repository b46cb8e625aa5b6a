// Exec credential plugins: the ExecCredential a plugin prints (good and bad), what it is given
// (KUBERNETES_EXEC_INFO, args, env), and real shell-script plugins run from a temp directory:
// caching until the expiry or a 401, failures naming the user, the command, the exit status
// and stderr but never the token, and a hanging plugin killed.
#include "operator/kube/exec_credential.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "operator/kube/testing/exec_plugin_fixture.h"
#include "support/base64.h"
#include "support/testing/pem_fixture.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::kube {
namespace {

using chartmirror::testing::kTestCertificatePem;
using chartmirror::testing::kTestPrivateKeyPem;
using chartmirror::testing::TempDir;
using testing::counting_plugin;
using testing::write_plugin;

constexpr std::string_view kV1 = "client.authentication.k8s.io/v1";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("an ExecCredential's status gives a token, a certificate pair and an expiry") {
  const nlohmann::json cert_status{{"clientCertificateData", kTestCertificatePem},
                                   {"clientKeyData", kTestPrivateKeyPem},
                                   {"expirationTimestamp", "2030-01-02T03:04:05Z"}};
  const nlohmann::json answer{
      {"apiVersion", kV1}, {"kind", "ExecCredential"}, {"status", cert_status}};
  auto cert = parse_exec_credential(answer.dump(), kV1);
  REQUIRE(cert.ok());
  CHECK(cert->token.empty());
  CHECK(cert->client_cert_pem == kTestCertificatePem);
  CHECK(cert->client_key_pem == kTestPrivateKeyPem);
  REQUIRE(cert->expiry);
  CHECK(std::chrono::system_clock::to_time_t(*cert->expiry) == 1893553445);

  auto token = parse_exec_credential(
      R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
          "spec":{},"status":{"token":"abc","expirationTimestamp":null}})",
      "client.authentication.k8s.io/v1beta1");
  REQUIRE(token.ok());
  CHECK(token->token == "abc");
  CHECK_FALSE(token->expiry);
}

TEST_CASE("a plugin's answer that is not a usable ExecCredential is refused, unquoted") {
  const auto wrap = [](std::string_view status) {
    return R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":)" +
           std::string(status) + "}";
  };
  const std::pair<std::string, std::string_view> cases[] = {
      {"token: s3cret", "did not print an ExecCredential"},
      {"[\"s3cret\"]", "did not print an ExecCredential"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential",
           "status":{"token":"s3cret"}})",
       "answered apiVersion 'client.authentication.k8s.io/v1beta1'"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"Secret",
           "status":{"token":"s3cret"}})",
       "not of kind ExecCredential"},
      {R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential"})",
       "has no status"},
      {wrap(R"({})"), "neither a token nor a client certificate"},
      {wrap(R"({"token":"s3cret","clientKeyData":"k"})"), "certificate or key, not both"},
      {wrap(R"({"token":"s3cret","expirationTimestamp":"tomorrow"})"), "not an RFC 3339 time"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    auto parsed = parse_exec_credential(c.first, kV1);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().find(c.second) != std::string::npos);
    CHECK(parsed.error().find("s3cret") == std::string::npos);
  }
}

TEST_CASE("KUBERNETES_EXEC_INFO is a non-interactive ExecCredential, with the cluster if asked") {
  ExecConfig config{.api_version = "client.authentication.k8s.io/v1beta1"};
  CHECK(nlohmann::json::parse(exec_info(config)) ==
        nlohmann::json::parse(R"({"apiVersion":"client.authentication.k8s.io/v1beta1",
                                  "kind":"ExecCredential","spec":{"interactive":false}})"));
  config.cluster = ExecClusterInfo{.server = "https://k8s:6443",
                                   .tls_server_name = "kubernetes",
                                   .ca_pem = std::string(kTestCertificatePem),
                                   .insecure_skip_tls_verify = true};
  const auto info = nlohmann::json::parse(exec_info(config));
  CHECK(info["spec"]["interactive"] == false);
  CHECK(info["spec"]["cluster"] ==
        nlohmann::json{{"server", "https://k8s:6443"},
                       {"tls-server-name", "kubernetes"},
                       {"insecure-skip-tls-verify", true},
                       {"certificate-authority-data", base64_encode(kTestCertificatePem)}});
}

TEST_CASE("a plugin gets its args, env and exec info; its token is cached until a 401") {
  const TempDir dir;
  ExecConfig config = counting_plugin(dir.path());
  config.cluster = ExecClusterInfo{.server = "https://k8s:6443"};
  ExecPlugin plugin(config);

  auto first = plugin.credential();
  REQUIRE_MESSAGE(first.ok(), first.error().describe());
  CHECK(first->token == "tok-1");
  CHECK_FALSE(first->expiry);
  CHECK(read_text(dir.path() / "args") == "get-token\n--cluster\ndev cluster\n");
  CHECK(nlohmann::json::parse(read_text(dir.path() / "info")) ==
        nlohmann::json::parse(exec_info(config)));

  CHECK(plugin.credential()->token == "tok-1");  // cached: no expiry, no 401
  CHECK(testing::plugin_runs(dir.path()) == 1);
  plugin.expire("tok-0");  // a refusal of an older token: already replaced
  CHECK(plugin.credential()->token == "tok-1");
  plugin.expire("tok-1");
  CHECK(plugin.credential()->token == "tok-2");
  CHECK(plugin.credential()->token == "tok-2");
  CHECK(testing::plugin_runs(dir.path()) == 2);
}

TEST_CASE("a plugin's token is cached until its expirationTimestamp") {
  SUBCASE("an expiry in the past: every request runs the plugin again") {
    const TempDir dir;
    ExecPlugin plugin(
        counting_plugin(dir.path(), R"(,"expirationTimestamp":"2001-01-01T00:00:00Z")"));
    CHECK(plugin.credential()->token == "tok-1");
    CHECK(plugin.credential()->token == "tok-2");
    CHECK(testing::plugin_runs(dir.path()) == 2);
  }
  SUBCASE("an expiry ahead: cached until the clock passes it") {
    const TempDir dir;
    auto now = std::chrono::system_clock::from_time_t(1893553445 - 60);  // 2030-01-02T03:03:05Z
    ExecPlugin plugin(
        counting_plugin(dir.path(), R"(,"expirationTimestamp":"2030-01-02T03:04:05Z")"),
        {.now = [&now] { return now; }});
    CHECK(plugin.credential()->token == "tok-1");
    now += std::chrono::seconds(59);
    CHECK(plugin.credential()->token == "tok-1");
    now += std::chrono::seconds(1);
    CHECK(plugin.credential()->token == "tok-2");
    CHECK(testing::plugin_runs(dir.path()) == 2);
  }
}

TEST_CASE("a failing plugin's error names user, command, status and stderr, not the token") {
  const TempDir dir;
  const std::string script = write_plugin(dir.path(), "fail.sh", R"(
if [ -e "$DIR/fail" ]; then
  echo "error: token tok-1 was revoked" >&2
  for i in 2 3 4 5 6 7; do echo "line $i" >&2; done
  exit 3
fi
touch "$DIR/fail"
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok-1"}}'
)");
  ExecPlugin plugin(ExecConfig{.user = "alice",
                               .api_version = std::string(kV1),
                               .command = script,
                               .env = {{"DIR", dir.path().string()}}});
  REQUIRE(plugin.credential().ok());
  plugin.expire("tok-1");
  auto failed = plugin.credential();
  REQUIRE_FALSE(failed.ok());
  const Error& error = failed.error();
  CHECK(error.code == Error::Code::kInvalidConfig);
  CHECK(error.retryable);
  CHECK(error.source == "exec plugin of user 'alice' (" + script + ")");
  CHECK(error.message ==
        "exited with status 3: error: token <redacted> was revoked\nline 2\nline 3\nline 4\n"
        "line 5");
  CHECK(error.describe().find("tok-1") == std::string::npos);
}

TEST_CASE("bad output, a missing command and a hanging plugin are errors") {
  const TempDir dir;
  SUBCASE("stdout that is not an ExecCredential is not quoted") {
    ExecPlugin plugin(ExecConfig{
        .user = "bob",
        .api_version = std::string(kV1),
        .command = write_plugin(dir.path(), "bad.sh", "echo 'token=s3cret'; echo oops >&2\n")});
    auto failed = plugin.credential();
    REQUIRE_FALSE(failed.ok());
    CHECK_FALSE(failed.error().retryable);
    CHECK(failed.error().source.find("user 'bob'") != std::string::npos);
    CHECK(failed.error().message.find("did not print an ExecCredential") != std::string::npos);
    CHECK(failed.error().describe().find("s3cret") == std::string::npos);
  }
  SUBCASE("a command that is not there, with the kubeconfig's install hint") {
    ExecPlugin plugin(ExecConfig{.user = "bob",
                                 .api_version = std::string(kV1),
                                 .command = "chartmirror-no-such-plugin",
                                 .install_hint = "install it from example.com"});
    auto failed = plugin.credential();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message.find("chartmirror-no-such-plugin: cannot run") == 0);
    CHECK(failed.error().message.find("; install it from example.com") != std::string::npos);
  }
  SUBCASE("a plugin that hangs is killed after the timeout") {
    ExecPlugin plugin(ExecConfig{.user = "bob",
                                 .api_version = std::string(kV1),
                                 .command = write_plugin(dir.path(), "hang.sh", "exec sleep 30\n")},
                      {.timeout = std::chrono::milliseconds(300)});
    const auto start = std::chrono::steady_clock::now();
    auto failed = plugin.credential();
    REQUIRE_FALSE(failed.ok());
    // Before the plugin's own 30 s sleep would have ended it.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(25));
    CHECK(failed.error().retryable);
    CHECK(failed.error().message.find("no answer within 300 ms; killed") != std::string::npos);
  }
}

}  // namespace chartmirror::kube
