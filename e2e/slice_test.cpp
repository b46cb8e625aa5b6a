// The thin slice of the foundation: chartmirror's own code talks, over real wires, to the real
// components of the e2e environment — the Kubernetes API server (token and CA from the
// kubeconfig), a Distribution registry with basic auth, and the Helm repository of the corpus.
#include <filesystem>
#include <set>

#include <cpprest/http_client.h>
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/repo/chart_index.h"
#include "e2e/support/environment.h"
#include "operator/kube/kubeconfig.h"
#include "registry/transport/client_config.h"
#include "support/base64.h"

namespace chartmirror::e2e {
namespace {

using web::http::http_request;
using web::http::http_response;
using web::http::methods;
using web::http::status_codes;
using web::http::client::http_client;

http_client make_client(const std::string& url, const registry::transport::TlsOptions& tls) {
  auto config = registry::transport::make_client_config(tls, std::chrono::seconds(20));
  REQUIRE_MESSAGE(config.ok(), config.error().describe());
  return http_client(url, *config);
}

http_response get(http_client& client, const std::string& path,
                  const std::string& authorization = {}) {
  http_request request(methods::GET);
  request.set_request_uri(path);
  if (!authorization.empty()) request.headers().add("Authorization", authorization);
  return client.request(request).get();
}

}  // namespace

TEST_CASE("the API server lists its API groups to the kubeconfig's token, over verified TLS") {
  const auto& env = Environment::get();
  auto access = kube::load_kubeconfig(env.at("CM_KUBECONFIG"));
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  CHECK(access->server == env.at("CM_KUBE_API_URL"));
  REQUIRE_FALSE(access->tls.ca_pem.empty());
  REQUIRE_FALSE(access->bearer_token.empty());

  auto client = make_client(access->server, access->tls);
  const auto response = get(client, "/apis", "Bearer " + access->bearer_token);
  REQUIRE(response.status_code() == status_codes::OK);
  const auto body = nlohmann::json::parse(response.extract_utf8string(true).get());
  CHECK(body.at("kind") == "APIGroupList");
  std::set<std::string> groups;
  for (const auto& group : body.at("groups")) groups.insert(group.at("name"));
  CHECK(groups.count("apps") == 1);
  CHECK(groups.count("apiextensions.k8s.io") == 1);
  CHECK(groups.count("coordination.k8s.io") == 1);

  SUBCASE("without the token the request is anonymous, and anonymous may not list APIs") {
    const auto anonymous = get(client, "/apis");
    CHECK(anonymous.status_code() == status_codes::Forbidden);
    CHECK(anonymous.extract_utf8string(true).get().find("system:anonymous") != std::string::npos);
  }
  SUBCASE("without the cluster's CA the server's certificate is not trusted") {
    auto untrusting = make_client(access->server, {});
    CHECK_THROWS_AS(get(untrusting, "/apis", "Bearer " + access->bearer_token),
                    web::http::http_exception);
  }
}

TEST_CASE("the basic-auth registry answers /v2/ with 200 to its user and 401 to others") {
  const auto& env = Environment::get();
  auto client = make_client("http://" + env.at("CM_REGISTRY_BASIC"), {});
  const std::string credentials =
      env.at("CM_REGISTRY_BASIC_USER") + ":" + env.at("CM_REGISTRY_BASIC_PASSWORD");

  CHECK(get(client, "/v2/", "Basic " + base64_encode(credentials)).status_code() ==
        status_codes::OK);

  const auto anonymous = get(client, "/v2/");
  CHECK(anonymous.status_code() == status_codes::Unauthorized);
  CHECK(anonymous.headers().has("WWW-Authenticate"));
  CHECK(anonymous.headers().find("WWW-Authenticate")->second.rfind("Basic ", 0) == 0);

  CHECK(get(client, "/v2/", "Basic " + base64_encode(env.at("CM_REGISTRY_BASIC_USER") + ":wrong"))
            .status_code() == status_codes::Unauthorized);
}

TEST_CASE("the token-auth registry sends clients to the token issuer") {
  const auto& env = Environment::get();
  auto client = make_client("http://" + env.at("CM_REGISTRY_TOKEN"), {});
  const auto response = get(client, "/v2/");
  CHECK(response.status_code() == status_codes::Unauthorized);
  const auto challenge = response.headers().find("WWW-Authenticate");
  REQUIRE(challenge != response.headers().end());
  CHECK(challenge->second.find("Bearer realm=\"" + env.at("CM_TOKEN_ISSUER_URL") + "\"") !=
        std::string::npos);
}

TEST_CASE("the chart repository's index lists every chart archive of the corpus") {
  const auto& env = Environment::get();
  const std::string url = env.at("CM_CHART_REPO_URL");
  auto client = make_client(url, {});
  const auto response = get(client, "/index.yaml");
  REQUIRE(response.status_code() == status_codes::OK);

  auto index =
      charts::ChartIndex::parse(response.extract_utf8string(true).get(), url + "/index.yaml");
  REQUIRE_MESSAGE(index.ok(), index.error().describe());

  // Every archive in the served directory is one version entry, and every entry's URL names
  // an archive that is there.
  std::set<std::string> archives;
  for (const auto& file :
       std::filesystem::directory_iterator(env.at("CM_CHART_CORPUS") + "/repo")) {
    if (file.path().extension() == ".tgz") archives.insert(file.path().filename().string());
  }
  std::set<std::string> listed;
  for (const auto& name : index->chart_names()) {
    for (const auto& version : index->versions(name)) {
      REQUIRE(version.urls.size() == 1);
      CHECK(version.urls[0] == name + "-" + version.version + ".tgz");
      CHECK(version.digest.size() == 64);
      listed.insert(version.urls[0]);
    }
  }
  CHECK(listed == archives);
  CHECK(archives.size() > 20);

  std::set<std::string> keda;
  for (const auto& version : index->versions("keda")) keda.insert(version.version);
  CHECK(keda == std::set<std::string>{"2.11.2", "2.12.1"});
  REQUIRE(index->versions("cert-manager").size() == 1);
  CHECK(index->versions("cert-manager")[0].version == "v1.13.2");
}

}  // namespace chartmirror::e2e
