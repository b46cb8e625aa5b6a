// Whole syncs without a network: charts served by a loopback HTTP chart repository, registries
// replaced by memory stores (ReconcileOptions::open_store). What the reconciler pushes, and
// what it writes through the Cluster port while it copies.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "charts/chart/testing/chart_fixture.h"
#include "controllers/reconciler.h"
#include "controllers/testing/fake_cluster.h"
#include "registry/content/memory_store.h"
#include "registry/content/testing/image_builder.h"
#include "registry/oci/digest.h"
#include "registry/transport/testing/loopback_server.h"

namespace chartmirror::controllers {
namespace {

using charts::testing::make_tgz;
using charts::testing::under;
using nlohmann::json;
using registry::content::MemoryStore;
using registry::transport::testing::LoopbackServer;
using registry::transport::testing::ReceivedRequest;
using registry::transport::testing::ServerConnection;
using testing::FakeCluster;

// A chart repository of static files on loopback; anything else is 404.
class ChartRepository {
 public:
  ChartRepository()
      : server_([this](const ReceivedRequest& request, ServerConnection& connection) {
          const std::lock_guard lock(mutex_);
          const auto it = files_.find(request.target.substr(0, request.target.find('?')));
          connection.write(it == files_.end() ? LoopbackServer::response(404, "not found")
                                              : LoopbackServer::response(200, it->second));
        }) {}

  // Adds NAME-VERSION.tgz and lists it in index.yaml.
  void add(const std::string& name, const std::string& version, const std::string& archive) {
    const std::lock_guard lock(mutex_);
    const std::string file = name + "-" + version + ".tgz";
    files_["/" + file] = archive;
    entries_ += "  " + name + ":\n  - name: " + name + "\n    version: " + version +
                "\n    created: \"2024-03-01T12:00:00Z\"\n    urls: [" + file + "]\n";
    files_["/index.yaml"] = "apiVersion: v1\nentries:\n" + entries_;
  }
  [[nodiscard]] std::string url() const { return server_.url("/"); }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> files_;  // guarded by mutex_
  std::string entries_;                       // guarded by mutex_
  LoopbackServer server_;
};

// What open() hands out: a store the reconciler owns, over a memory store the test keeps.
class SharedStore final : public registry::content::Store {
 public:
  explicit SharedStore(std::shared_ptr<MemoryStore> store) : store_(std::move(store)) {}

  Result<registry::oci::Descriptor, registry::Error> resolve(std::string_view id) override {
    return store_->resolve(id);
  }
  Result<std::string, registry::Error> fetch_manifest(
      const registry::oci::Descriptor& descriptor) override {
    return store_->fetch_manifest(descriptor);
  }
  Result<std::unique_ptr<registry::content::BodySource>, registry::Error> fetch_blob(
      const registry::oci::Descriptor& descriptor) override {
    return store_->fetch_blob(descriptor);
  }
  Result<std::vector<registry::oci::Descriptor>, registry::Error> referrers(
      const registry::oci::Descriptor& subject) override {
    return store_->referrers(subject);
  }
  Result<std::vector<std::string>, registry::Error> list_tags() override {
    return store_->list_tags();
  }
  Result<bool, registry::Error> exists(const registry::oci::Descriptor& descriptor) override {
    return store_->exists(descriptor);
  }
  Status<registry::Error> push_blob(const registry::oci::Descriptor& descriptor,
                                    registry::content::BodySource& content) override {
    return store_->push_blob(descriptor, content);
  }
  Status<registry::Error> push_manifest(const registry::oci::Descriptor& descriptor,
                                        std::string_view bytes, std::string_view tag) override {
    return store_->push_manifest(descriptor, bytes, tag);
  }

 private:
  std::shared_ptr<MemoryStore> store_;
};

// Memory stores by "host/repository", for every registry a sync reaches.
class Registries {
 public:
  std::shared_ptr<MemoryStore> store(const std::string& host, const std::string& repository) {
    const std::lock_guard lock(mutex_);
    auto& store = stores_[host + "/" + repository];
    if (!store) store = std::make_shared<MemoryStore>(host + "/" + repository);
    return store;
  }
  RegistrySettings::StoreOpener opener() {
    return [this](const std::string& host, const std::string& repository)
               -> Result<std::unique_ptr<registry::content::Store>, registry::Error> {
      return std::unique_ptr<registry::content::Store>(
          std::make_unique<SharedStore>(store(host, repository)));
    };
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<MemoryStore>> stores_;  // guarded by mutex_
};

std::string chart_archive(const std::string& name, const std::string& version,
                          const std::string& image, const std::string& chart_yaml_tail = "",
                          std::vector<std::pair<std::string, std::string>> files = {}) {
  files.emplace_back("Chart.yaml", "apiVersion: v2\nname: " + name + "\nversion: " + version +
                                       "\n" + chart_yaml_tail);
  files.emplace_back("templates/deployment.yaml",
                     "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: " + name +
                         "\nspec:\n  template:\n    spec:\n      containers:\n        - name: " +
                         name + "\n          image: " + image + "\n");
  return make_tgz(under(name, files));
}

// An image of `layers` layers of 4 KiB under `tag` in `store`.
void place_image(MemoryStore& store, const std::string& tag, int layers) {
  registry::content::testing::ImageBuilder builder(store);
  std::vector<registry::oci::Descriptor> blobs;
  blobs.reserve(static_cast<size_t>(layers));
  for (int i = 0; i < layers; ++i) blobs.push_back(builder.layer(4096));
  builder.image("linux/amd64", blobs, tag);
}

std::vector<std::string> tags(MemoryStore& store) {
  auto listed = store.list_tags();
  REQUIRE(listed.ok());
  return std::move(listed).value();
}

const auto kNow = std::chrono::system_clock::time_point(std::chrono::seconds(1700000000));

// app 1.0.0 depends on lib 0.1.x from the same repository, not vendored; vendored 1.0.0
// carries lib inside its archive. Each chart deploys one image of example.com.
struct World {
  ChartRepository repository;
  Registries registries;
  FakeCluster cluster;
  std::string lib_archive = chart_archive("lib", "0.1.0", "example.com/team/lib:2.0");

  World() {
    repository.add("lib", "0.1.0", lib_archive);
    repository.add("app", "1.0.0",
                   chart_archive("app", "1.0.0", "example.com/team/app:1.0",
                                 "dependencies:\n  - name: lib\n    version: 0.1.x\n"
                                 "    repository: " +
                                     repository.url() + "\n"));
    repository.add("vendored", "1.0.0",
                   chart_archive("vendored", "1.0.0", "example.com/team/app:1.0",
                                 "dependencies:\n  - name: lib\n    version: 0.1.x\n"
                                 "    repository: " +
                                     repository.url() + "\n",
                                 {{"charts/lib-0.1.0.tgz", lib_archive}}));
    place_image(*registries.store("example.com", "team/app"), "1.0", 3);
    place_image(*registries.store("example.com", "team/lib"), "2.0", 2);
  }

  ChartMirror object(const std::string& chart) const {
    return ChartMirror{.namespace_ = "ns",
                       .name = "m",
                       .generation = 3,
                       .spec = {{"source", {{"url", repository.url()}}},
                                {"charts", {{{"name", chart}}}},
                                {"destination", {{"url", "oci://dest.example/mirror"}}}}};
  }
  ReconcileOptions options() {
    return ReconcileOptions{.now = [] { return kNow; }, .open_store = registries.opener()};
  }
  std::shared_ptr<MemoryStore> destination(const std::string& path) {
    return registries.store("dest.example", "mirror/" + path);
  }
};

const json& condition(const json& status, const std::string& type) {
  for (const json& c : status["conditions"]) {
    if (c["type"] == type) return c;
  }
  FAIL("no condition " << type);
  static const json kNone;
  return kNone;
}

TEST_CASE("a dependency fetched from its repository is pushed beside the chart") {
  World world;
  ReconcileOptions options = world.options();

  options.dry_run = true;
  auto planned = reconcile(world.object("app"), world.cluster, options);
  REQUIRE(planned.ok());
  CHECK(planned->stats.dependencies_to_push == 1);
  CHECK(planned->stats.charts_to_push == 1);
  CHECK(condition(planned->status, "Ready")["message"] ==
        "1 chart, 2 images: 2 images and 2 charts to copy (dry run)");
  CHECK(tags(*world.destination("charts/lib")).empty());

  options.dry_run = false;
  auto first = reconcile(world.object("app"), world.cluster, options);
  REQUIRE(first.ok());
  const json& status = first->status;
  CHECK(condition(status, "Ready")["status"] == "True");
  CHECK(first->stats.dependencies_pushed == 1);
  CHECK(first->stats.charts_pushed == 1);
  CHECK(first->stats.images_copied == 2);  // app's and lib's, lib deployed as a subchart
  REQUIRE(status["charts"].size() == 1);
  CHECK(status["charts"][0]["dependencies"] == 1);
  CHECK(status["summary"]["charts"] == "1/1");

  // helm would find it as oci://dest.example/mirror/charts/lib --version 0.1.0: the archive's
  // bytes unchanged, its own Chart.yaml as the config.
  const auto lib = world.destination("charts/lib");
  auto root = lib->resolve("0.1.0");
  REQUIRE_MESSAGE(root.ok(), root.error().describe());
  auto manifest = lib->fetch_manifest(*root);
  REQUIRE(manifest.ok());
  const json parsed = json::parse(*manifest);
  CHECK(parsed["config"]["mediaType"] == "application/vnd.cncf.helm.config.v1+json");
  REQUIRE(parsed["layers"].size() == 1);
  CHECK(parsed["layers"][0]["digest"] == registry::oci::Digest::of(world.lib_archive).str());

  auto second = reconcile(world.object("app"), world.cluster, options);
  REQUIRE(second.ok());
  CHECK(second->stats.dependencies_pushed == 0);
  CHECK(second->stats.dependencies_present == 1);
  CHECK(second->status["charts"][0]["dependencies"] == 1);
}

TEST_CASE("a periodic sync that finds everything in place emits no Events; a spec change does") {
  World world;
  auto reasons = [](const Outcome& outcome) {
    std::vector<std::string> out;
    for (const Event& event : outcome.events) out.push_back(event.reason);
    return out;
  };
  ChartMirror object = world.object("app");
  auto first = reconcile(object, world.cluster, world.options());
  REQUIRE(first.ok());
  CHECK(reasons(*first) == std::vector<std::string>{"Reconciling", "Mirrored"});

  object.status = first->status;  // what the informer sees next: Ready for generation 3
  auto periodic = reconcile(object, world.cluster, world.options());
  REQUIRE(periodic.ok());
  CHECK(condition(periodic->status, "Ready")["status"] == "True");
  CHECK(periodic->events.empty());

  object.generation = 4;  // the spec changed: the sync is news again
  auto changed = reconcile(object, world.cluster, world.options());
  REQUIRE(changed.ok());
  CHECK(reasons(*changed) == std::vector<std::string>{"Reconciling", "Mirrored"});
}

TEST_CASE("vendored dependencies travel inside the chart and are not pushed apart") {
  World world;
  auto outcome = reconcile(world.object("vendored"), world.cluster, world.options());
  REQUIRE(outcome.ok());
  CHECK(condition(outcome->status, "Ready")["status"] == "True");
  CHECK(outcome->stats.dependencies_pushed == 0);
  CHECK_FALSE(outcome->status["charts"][0].contains("dependencies"));
  CHECK(tags(*world.destination("charts/lib")).empty());
  CHECK(outcome->stats.images_copied == 2);
}

TEST_CASE("a dependency that cannot be pushed fails its chart") {
  World world;
  world.destination("charts/lib")
      ->inject({.operation = MemoryStore::Operation::kPushManifest,
                .times = MemoryStore::Fault::kForever,
                .error = {.code = registry::Error::Code::kUnauthorized, .message = "denied"}});
  auto outcome = reconcile(world.object("app"), world.cluster, world.options());
  REQUIRE(outcome.ok());
  const json& status = outcome->status;
  CHECK(condition(status, "Ready")["reason"] == "MirrorFailed");
  CHECK(status["summary"]["charts"] == "0/1");
  REQUIRE(status["failures"].size() == 1);
  CHECK(status["failures"][0]["ref"] == "oci://dest.example/mirror/charts/lib:0.1.0");
  CHECK(status["failures"][0]["chart"] == "app");
  CHECK(status["failures"][0]["reason"] == "ChartPushFailed");
  CHECK(status["failures"][0]["message"].get<std::string>().starts_with("dependency lib 0.1.0: "));
}

TEST_CASE("a slow copy tells its progress in Reconciling; a fast one writes none") {
  World world;
  ChartMirror object = world.object("app");
  object.status = {{"conditions",
                    {{{"type", "Ready"},
                      {"status", "True"},
                      {"reason", "Mirrored"},
                      {"message", "1 chart, 2 images"},
                      {"lastTransitionTime", "2023-01-01T00:00:00Z"}}}}};

  SUBCASE("fast: the default interval is longer than the whole sync") {
    std::vector<Progress> reports;
    ReconcileOptions options = world.options();
    options.on_progress = [&](const Progress& progress) { reports.push_back(progress); };
    auto outcome = reconcile(object, world.cluster, options);
    REQUIRE(outcome.ok());
    CHECK(world.cluster.statuses.size() == 1);  // the final status only
    REQUIRE_FALSE(reports.empty());
    CHECK(reports.back().images_done == 2);
    CHECK(reports.back().images_total == 2);
    // Five layers of 4 KiB, and two small configs.
    CHECK(reports.back().bytes_total > 5 * 4096);
    CHECK(reports.back().bytes_total < 6 * 4096);
    CHECK(reports.back().bytes_done == reports.back().bytes_total);
  }

  SUBCASE("slow: every blob push takes longer than the interval") {
    world.destination("team/app")->set_push_delay(std::chrono::milliseconds(150));
    ReconcileOptions options = world.options();
    options.progress_interval = std::chrono::milliseconds(50);
    options.images_at_once = 1;
    auto outcome = reconcile(object, world.cluster, options);
    REQUIRE(outcome.ok());
    const auto& statuses = world.cluster.statuses;
    REQUIRE(statuses.size() >= 2);
    for (size_t i = 0; i + 1 < statuses.size(); ++i) {
      const json& reconciling = condition(statuses[i], "Reconciling");
      CHECK(reconciling["status"] == "True");
      CHECK(reconciling["reason"] == "Progressing");
      CHECK(reconciling["message"].get<std::string>().starts_with("copying images: "));
      CHECK(reconciling["observedGeneration"] == 3);
      // kstatus: Ready stays what it was while the sync runs.
      const json& ready = condition(statuses[i], "Ready");
      CHECK(ready["status"] == "True");
      CHECK(ready["reason"] == "Mirrored");
      CHECK(ready["lastTransitionTime"] == "2023-01-01T00:00:00Z");
      CHECK(condition(statuses[i], "Stalled")["status"] == "False");
      CHECK_FALSE(statuses[i].contains("lastSyncTime"));
    }
    CHECK(statuses.back() == outcome->status);
    CHECK(condition(outcome->status, "Reconciling")["status"] == "False");
    CHECK(condition(outcome->status, "Ready")["status"] == "True");
  }

  SUBCASE("interval 0: a patch at every report, none in a dry run") {
    ReconcileOptions options = world.options();
    options.progress_interval = std::chrono::milliseconds(0);
    options.dry_run = true;
    REQUIRE(reconcile(object, world.cluster, options).ok());
    CHECK(world.cluster.statuses.size() == 1);
    options.dry_run = false;
    REQUIRE(reconcile(object, world.cluster, options).ok());
    CHECK(world.cluster.statuses.size() > 3);
    // The last report: the last image finished, every byte there.
    CHECK(condition(world.cluster.statuses[world.cluster.statuses.size() - 2],
                    "Reconciling")["message"] == "copying images: 2/2 done, 21 KiB of 21 KiB");
  }
}

}  // namespace
}  // namespace chartmirror::controllers
