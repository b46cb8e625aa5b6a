// controllers/ against the real e2e environment: the corpus chart repository over HTTP, and
// Distribution registries — the anonymous one as the upstream images' pull-through mirror
// (spec.registryMirrors), the htpasswd one as the destination (spec.destination.secretRef, a
// kubernetes.io/basic-auth Secret from the fake Cluster). The chart is kured 5.3.1, whose one
// image (`helm template` prints ghcr.io/kubereboot/kured:1.14.1) is placed first in the mirror
// as a synthetic two-platform image, with docker.io/library/busybox:1.36 as an extra image.
// A chart whose dependency is not vendored (corpus common 2.19.1 from the chart repository) is
// pushed to the anonymous registry with helm and mirrored from there.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <unistd.h>

#include "controllers/reconciler.h"
#include "controllers/testing/fake_cluster.h"
#include "e2e/support/environment.h"
#include "registry/auth/credentials.h"
#include "registry/content/memory_store.h"
#include "registry/content/testing/image_builder.h"
#include "registry/copy/copy.h"
#include "registry/remote/repository.h"
#include "registry/transport/http_client.h"
#include "support/subprocess.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::e2e {
namespace {

using controllers::testing::FakeCluster;
using nlohmann::json;

const std::string kPrefix = "e2e-reconcile-" + std::to_string(getpid());

std::shared_ptr<registry::remote::RegistryClient> client_for(const std::string& host) {
  auto http = registry::transport::HttpClient::create({});
  REQUIRE(http.ok());
  auto config = registry::auth::DockerConfig::load(Environment::get().at("CM_DOCKER_CONFIG"));
  REQUIRE_MESSAGE(config.ok(), config.error().describe());
  return std::make_shared<registry::remote::RegistryClient>(
      host, std::move(http).value(),
      std::make_shared<registry::auth::Keychain>(std::move(config).value()),
      registry::remote::RegistryOptions{.plain_http = true});
}

// A synthetic image with two platforms, in `repository` of the anonymous registry.
void place_image(const std::string& repository, const std::string& tag) {
  registry::content::MemoryStore memory;
  registry::content::testing::ImageBuilder builder(memory);
  const auto amd64 = builder.image("linux/amd64", {builder.layer(2048)});
  const auto arm64 = builder.image("linux/arm64", {builder.layer(2048)});
  builder.index({amd64, arm64}, tag);
  registry::remote::RemoteRepository target(
      client_for(Environment::get().at("CM_REGISTRY_ANONYMOUS")), repository);
  auto copied = registry::copy::copy(memory, tag, target, tag, {});
  REQUIRE_MESSAGE(copied.ok(), copied.error().describe());
}

// The digest `tag` names in `repository` of the destination registry; "" when absent.
std::string destination_digest(const std::string& repository, const std::string& tag) {
  registry::remote::RemoteRepository store(client_for(Environment::get().at("CM_REGISTRY_BASIC")),
                                           repository);
  auto found = store.tagged(tag);
  REQUIRE_MESSAGE(found.ok(), found.error().describe());
  return *found ? (*found)->digest.str() : std::string();
}

controllers::ChartMirror chart_mirror(const std::string& destination_path) {
  const auto& env = Environment::get();
  const std::string mirror = env.at("CM_REGISTRY_ANONYMOUS") + "/" + kPrefix;
  json spec = {
      {"source", {{"url", env.at("CM_CHART_REPO_URL")}}},
      {"charts", {{{"name", "kured"}, {"version", "~5.3.0"}}}},
      {"images", {{"extra", {"busybox:1.36"}}}},
      {"registryMirrors",
       {{{"registry", "ghcr.io"}, {"mirror", mirror + "/ghcr"}, {"plainHTTP", true}},
        {{"registry", "docker.io"}, {"mirror", mirror + "/dockerhub"}, {"plainHTTP", true}}}},
      {"destination",
       {{"url", "oci://" + env.at("CM_REGISTRY_BASIC") + "/" + destination_path},
        {"secretRef", {{"name", "dest-creds"}}},
        {"plainHTTP", true}}},
      {"interval", "30m"}};
  return controllers::ChartMirror{
      .namespace_ = "e2e", .name = "kured", .generation = 1, .spec = std::move(spec)};
}

void add_credentials(FakeCluster& cluster, const std::string& password) {
  cluster.add_secret("dest-creds",
                     {.type = "kubernetes.io/basic-auth",
                      .data = {{"username", Environment::get().at("CM_REGISTRY_BASIC_USER")},
                               {"password", password}}});
}

const json& condition(const json& status, const std::string& type) {
  for (const json& c : status["conditions"]) {
    if (c["type"] == type) return c;
  }
  FAIL("no condition " << type << " in " << status.dump());
  static const json kNone;
  return kNone;
}

TEST_CASE("a ChartMirror becomes Ready, and a second reconcile copies nothing") {
  place_image(kPrefix + "/ghcr/kubereboot/kured", "1.14.1");
  place_image(kPrefix + "/dockerhub/library/busybox", "1.36");
  const std::string destination = kPrefix + "/mirror";
  FakeCluster cluster;
  add_credentials(cluster, Environment::get().at("CM_REGISTRY_BASIC_PASSWORD"));
  const controllers::ChartMirror object = chart_mirror(destination);

  auto first = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(first.ok(), first.error().describe());
  const json& status = first->status;
  INFO(status.dump(2));
  CHECK(condition(status, "Ready")["status"] == "True");
  CHECK(condition(status, "Ready")["reason"] == "Mirrored");
  CHECK(condition(status, "Ready")["message"] == "1 chart, 2 images");
  CHECK(condition(status, "Stalled")["status"] == "False");
  CHECK(status["images"] == json{{"total", 2}, {"mirrored", 2}, {"skipped", 0}, {"failed", 0}});
  CHECK(status["summary"] == json{{"charts", "1/1"}, {"images", "2/2"}});
  CHECK(status["failures"].empty());
  REQUIRE(status["charts"].size() == 1);
  const json& chart = status["charts"][0];
  CHECK(chart["version"] == "5.3.1");
  CHECK(chart["images"] == 1);
  CHECK(chart["destination"] == "oci://" + Environment::get().at("CM_REGISTRY_BASIC") + "/" +
                                    destination + "/charts/kured:5.3.1");
  CHECK(first->requeue_after == std::chrono::minutes(30));
  CHECK(first->stats.images_copied == 2);
  CHECK(first->stats.charts_pushed == 1);

  // Everything is in the destination, where destination.h says.
  CHECK_FALSE(destination_digest(destination + "/kubereboot/kured", "1.14.1").empty());
  CHECK_FALSE(destination_digest(destination + "/library/busybox", "1.36").empty());
  CHECK(destination_digest(destination + "/charts/kured", "5.3.1") == chart["digest"]);
  CHECK(cluster.statuses.size() == 1);

  auto second = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(second.ok(), second.error().describe());
  CHECK(condition(second->status, "Ready")["status"] == "True");
  CHECK(second->stats.images_copied == 0);
  CHECK(second->stats.images_present == 2);
  CHECK(second->stats.charts_pushed == 0);
  CHECK(second->stats.charts_present == 1);
  CHECK(second->status["charts"][0]["digest"] == chart["digest"]);
}

TEST_CASE("rewriteValues: a second chart whose images all come from the destination") {
  place_image(kPrefix + "/ghcr/kubereboot/kured", "1.14.1");
  place_image(kPrefix + "/dockerhub/library/busybox", "1.36");
  const auto& env = Environment::get();
  const std::string destination = kPrefix + "/rewrite";
  FakeCluster cluster;
  add_credentials(cluster, env.at("CM_REGISTRY_BASIC_PASSWORD"));
  controllers::ChartMirror object = chart_mirror(destination);
  object.spec["rewriteValues"] = true;

  auto outcome = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(outcome.ok(), outcome.error().describe());
  INFO(outcome->status.dump(2));
  CHECK(condition(outcome->status, "Ready")["status"] == "True");
  const json& chart = outcome->status["charts"][0];
  const std::string rewritten =
      env.at("CM_REGISTRY_BASIC") + "/" + destination + "/charts/rewritten/kured";
  CHECK(chart["rewritten"]["destination"] == "oci://" + rewritten + ":5.3.1");
  CHECK(chart["digest"] != chart["rewritten"]["digest"]);

  // helm renders the rewritten chart, pulled from the destination, with every image there.
  auto rendered =
      run_process({env.at("CM_HELM"), "template", "r", "oci://" + rewritten, "--version", "5.3.1",
                   "--plain-http", "--registry-config", env.at("CM_DOCKER_CONFIG")},
                  "", std::chrono::minutes(2), size_t{16} << 20);
  REQUIRE_MESSAGE(rendered.ok(), rendered.error().message);
  REQUIRE_MESSAGE(rendered->exit_code == 0, rendered->err);
  const std::string expected =
      "image: \"" + env.at("CM_REGISTRY_BASIC") + "/" + destination + "/kubereboot/kured:1.14.1\"";
  CHECK_MESSAGE(rendered->out.find(expected) != std::string::npos, rendered->out);
  CHECK(rendered->out.find("ghcr.io") == std::string::npos);

  // A second sync pushes neither chart again.
  auto second = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(second.ok(), second.error().describe());
  CHECK(second->status["charts"][0]["rewritten"]["digest"] == chart["rewritten"]["digest"]);
}

TEST_CASE("an invalid spec stalls and copies nothing") {
  FakeCluster cluster;
  add_credentials(cluster, Environment::get().at("CM_REGISTRY_BASIC_PASSWORD"));
  controllers::ChartMirror object = chart_mirror(kPrefix + "/invalid");
  object.spec["charts"][0]["name"] = "Kured";
  auto outcome = controllers::reconcile(object, cluster);
  REQUIRE(outcome.ok());
  CHECK(condition(outcome->status, "Stalled")["status"] == "True");
  CHECK(condition(outcome->status, "Stalled")["reason"] == "InvalidSpec");
  CHECK(condition(outcome->status, "Ready")["message"].get<std::string>().starts_with(
      "spec.charts[0].name: "));
  CHECK(outcome->stats.images_copied == 0);
  CHECK(destination_digest(kPrefix + "/invalid/charts/kured", "5.3.1").empty());
}

TEST_CASE("a missing image leaves the ChartMirror not Ready, naming the image and why") {
  place_image(kPrefix + "/ghcr/kubereboot/kured", "1.14.1");
  place_image(kPrefix + "/dockerhub/library/busybox", "1.36");
  FakeCluster cluster;
  add_credentials(cluster, Environment::get().at("CM_REGISTRY_BASIC_PASSWORD"));
  controllers::ChartMirror object = chart_mirror(kPrefix + "/partial");
  object.spec["images"]["extra"].push_back("docker.io/library/notthere:1.0");
  auto outcome = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(outcome.ok(), outcome.error().describe());
  const json& status = outcome->status;
  INFO(status.dump(2));
  CHECK(condition(status, "Ready")["status"] == "False");
  CHECK(condition(status, "Ready")["reason"] == "MirrorFailed");
  CHECK(condition(status, "Ready")["message"].get<std::string>().find(
            "docker.io/library/notthere:1.0") != std::string::npos);
  CHECK(status["images"] == json{{"total", 3}, {"mirrored", 2}, {"skipped", 0}, {"failed", 1}});
  REQUIRE(status["failures"].size() == 1);
  CHECK(status["failures"][0]["ref"] == "docker.io/library/notthere:1.0");
  CHECK(status["failures"][0]["reason"] == "NotFound");
  CHECK_FALSE(status["failures"][0].contains("chart"));  // an extra image belongs to no chart
  // The chart itself and its image made it.
  CHECK(status["summary"]["charts"] == "1/1");
  CHECK(outcome->requeue_after == std::chrono::minutes(5));
}

TEST_CASE("a wrong destination password fails as Unauthorized and never shows") {
  place_image(kPrefix + "/ghcr/kubereboot/kured", "1.14.1");
  place_image(kPrefix + "/dockerhub/library/busybox", "1.36");
  const std::string password = "wrong-password-e2e-0123456789";
  FakeCluster cluster;
  add_credentials(cluster, password);
  auto outcome = controllers::reconcile(chart_mirror(kPrefix + "/unauthorized"), cluster);
  REQUIRE(outcome.ok());
  const json& status = outcome->status;
  INFO(status.dump(2));
  CHECK(condition(status, "Ready")["status"] == "False");
  REQUIRE_FALSE(status["failures"].empty());
  CHECK(status["failures"][0]["reason"] == "Unauthorized");
  CHECK(status["images"]["failed"] == 2);
  CHECK(status.dump().find(password) == std::string::npos);
  for (const auto& event : cluster.events) CHECK(event.message.find(password) == std::string::npos);
}

// Runs helm; the test fails when it does.
std::string helm(const std::vector<std::string>& args) {
  std::vector<std::string> command = {Environment::get().at("CM_HELM")};
  command.insert(command.end(), args.begin(), args.end());
  auto ran = run_process(command, "", std::chrono::minutes(2), size_t{16} << 20);
  REQUIRE_MESSAGE(ran.ok(), ran.error().message);
  REQUIRE_MESSAGE(ran->exit_code == 0, ran->err);
  return ran->out;
}

TEST_CASE("a dependency fetched from its repository is mirrored where helm finds it") {
  place_image(kPrefix + "/dockerhub/library/busybox", "1.36");
  const auto& env = Environment::get();
  // deps-demo 0.1.0 needs corpus common 2.19.1 from the chart repository, not vendored.
  const chartmirror::testing::TempDir work;
  const auto dir = work.path() / "deps-demo";
  std::filesystem::create_directories(dir / "templates");
  std::ofstream(dir / "Chart.yaml") << "apiVersion: v2\nname: deps-demo\nversion: 0.1.0\n"
                                       "dependencies:\n  - name: common\n    version: 2.19.1\n"
                                       "    repository: "
                                    << env.at("CM_CHART_REPO_URL") << "\n";
  std::ofstream(dir / "templates" / "pod.yaml")
      << "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include \"common.names.fullname\" . "
         "}}\nspec:\n  containers:\n    - name: main\n      image: busybox:1.36\n";
  // helm package refuses a chart whose dependencies are not vendored; tar does not.
  auto packed = run_process({"tar", "-C", work.path().string(), "-czf",
                             (work.path() / "deps-demo-0.1.0.tgz").string(), "deps-demo"},
                            "", std::chrono::minutes(1), size_t{1} << 20);
  REQUIRE_MESSAGE(packed.ok(), packed.error().message);
  REQUIRE_MESSAGE(packed->exit_code == 0, packed->err);
  const std::string source = env.at("CM_REGISTRY_ANONYMOUS") + "/" + kPrefix + "/source";
  helm({"push", (work.path() / "deps-demo-0.1.0.tgz").string(), "oci://" + source, "--plain-http"});

  const std::string destination = kPrefix + "/deps";
  FakeCluster cluster;
  add_credentials(cluster, env.at("CM_REGISTRY_BASIC_PASSWORD"));
  controllers::ChartMirror object = chart_mirror(destination);
  object.spec["source"] = {{"url", "oci://" + source}, {"plainHTTP", true}};
  object.spec["charts"] = {{{"name", "deps-demo"}, {"version", "0.1.0"}}};
  object.spec["images"] = json::object();
  auto outcome = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(outcome.ok(), outcome.error().describe());
  const json& status = outcome->status;
  INFO(status.dump(2));
  CHECK(condition(status, "Ready")["status"] == "True");
  CHECK(status["charts"][0]["dependencies"] == 1);
  CHECK(outcome->stats.dependencies_pushed == 1);

  // helm pulls it from beside the chart, the corpus archive's bytes unchanged.
  const std::string pulled = (work.path() / "pulled").string();
  std::filesystem::create_directories(pulled);
  helm({"pull", "oci://" + env.at("CM_REGISTRY_BASIC") + "/" + destination + "/charts/common",
        "--version", "2.19.1", "--plain-http", "--registry-config", env.at("CM_DOCKER_CONFIG"),
        "-d", pulled});
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(read(std::filesystem::path(pulled) / "common-2.19.1.tgz") ==
        read(std::filesystem::path(env.at("CM_CHART_CORPUS")) / "repo" / "common-2.19.1.tgz"));

  auto second = controllers::reconcile(object, cluster);
  REQUIRE_MESSAGE(second.ok(), second.error().describe());
  CHECK(second->stats.dependencies_pushed == 0);
  CHECK(second->stats.dependencies_present == 1);
}

}  // namespace
}  // namespace chartmirror::e2e
