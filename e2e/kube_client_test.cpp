// operator/kube's client against the real kube-apiserver of e2e/env: the ChartMirror CRD
// applied with server-side apply, ChartMirrors created, listed a page at a time, watched
// (ADDED, MODIFIED, DELETED), their status merge-patched; Events; Leases and the 409 that
// optimistic concurrency rests on; a kubeconfig whose user is an exec credential plugin.
// Holds ctest's RESOURCE_LOCK chartmirror_crd: it applies the CRD when absent and then deletes
// it again.
#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include "e2e/support/environment.h"
#include "operator/kube/client.h"
#include "operator/kube/event.h"
#include "operator/kube/kubeconfig.h"
#include "operator/kube/lease.h"
#include "operator/kube/micro_time.h"
#include "operator/kube/testing/exec_plugin_fixture.h"
#include "support/testing/temp_dir.h"

namespace chartmirror::e2e {
namespace {

using namespace std::chrono_literals;
using kube::Client;
using kube::Error;
namespace resources = kube::resources;

constexpr std::string_view kNamespace = "default";
constexpr std::string_view kCrdName = "chartmirrors.chartmirror.io";

std::unique_ptr<Client> connect() {
  auto access = kube::load_kubeconfig(Environment::get().at("CM_KUBECONFIG"));
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  auto client = Client::create(std::move(access).value());
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  return std::move(client).value();
}

// A suffix that keeps this run's objects apart from any other's.
std::string unique_suffix() {
  std::random_device random;
  return std::to_string(random() % 1000000);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Polls `check` every 100 ms until it is true or `limit` passes.
template <typename Check>
bool eventually(Check check, std::chrono::seconds limit = 60s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(100ms);
  }
  return check();
}

// The CRD, server-side applied (the YAML file is the patch) when absent, and deleted again at
// the end if this test applied it.
class ChartMirrorCrd {
 public:
  explicit ChartMirrorCrd(Client& client) : client_(client) {
    auto existing = client_.get(resources::kCustomResourceDefinitions, "", kCrdName);
    if (!existing.ok()) {
      REQUIRE_MESSAGE(existing.error().code == Error::Code::kNotFound, existing.error().describe());
      auto applied = client_.patch(
          resources::kCustomResourceDefinitions, "", kCrdName, kube::PatchType::kApply,
          read_file(CHARTMIRROR_SOURCE_DIR "/crds/chartmirror.io_chartmirrors.yaml"),
          {.field_manager = "chartmirror-e2e"});
      REQUIRE_MESSAGE(applied.ok(), applied.error().describe());
      created_ = true;
    }
    REQUIRE(eventually([&] {
      auto crd = client_.get(resources::kCustomResourceDefinitions, "", kCrdName);
      if (!crd.ok()) return false;
      for (const auto& condition : (*crd)["status"].value("conditions", nlohmann::json::array())) {
        if (condition.value("type", "") == "Established" &&
            condition.value("status", "") == "True") {
          return true;
        }
      }
      return false;
    }));
    // Established comes a moment before the resource is served everywhere.
    REQUIRE(eventually([&] { return client_.list(resources::kChartMirrors, kNamespace).ok(); }));
  }
  ChartMirrorCrd(const ChartMirrorCrd&) = delete;
  ChartMirrorCrd& operator=(const ChartMirrorCrd&) = delete;
  ChartMirrorCrd(ChartMirrorCrd&&) = delete;
  ChartMirrorCrd& operator=(ChartMirrorCrd&&) = delete;
  ~ChartMirrorCrd() {
    if (!created_) return;
    auto removed = client_.remove(resources::kCustomResourceDefinitions, "", kCrdName);
    if (!removed.ok()) MESSAGE("cleanup: " << removed.error().describe());
  }

 private:
  Client& client_;
  bool created_ = false;
};

nlohmann::json chart_mirror(const std::string& name, const std::string& run) {
  return {{"apiVersion", "chartmirror.io/v1alpha1"},
          {"kind", "ChartMirror"},
          {"metadata", {{"name", name}, {"labels", {{"e2e-run", run}}}}},
          {"spec",
           {{"source", {{"url", "https://charts.example.com/stable"}}},
            {"charts", {{{"name", "nginx"}, {"version", "1.2.3"}}}},
            {"destination", {{"url", "oci://registry.example.com:5000/mirror"}}}}}};
}

TEST_CASE("ChartMirrors: create, list by pages, watch, status patch, apply, delete") {
  auto client = connect();
  const ChartMirrorCrd crd(*client);
  const std::string run = unique_suffix();
  const std::string selector = "e2e-run=" + run;
  const std::vector<std::string> names{"kc-a-" + run, "kc-b-" + run, "kc-c-" + run};

  auto before = client->list(resources::kChartMirrors, kNamespace, {.label_selector = selector});
  REQUIRE_MESSAGE(before.ok(), before.error().describe());
  CHECK((*before)["items"].empty());
  const std::string start_version = (*before)["metadata"]["resourceVersion"];

  // The watch runs from the list's resourceVersion, so it sees everything after it.
  std::vector<std::string> seen;  // "TYPE name", written by the watcher only until join
  kube::WatchCancel cancel;
  Result<std::string, Error> watched = Error{};
  std::thread watcher([&] {
    watched = client->watch(
        resources::kChartMirrors, kNamespace,
        {.resource_version = start_version, .label_selector = selector, .timeout = 60s},
        [&](const kube::WatchEvent& event) {
          if (event.type == kube::WatchEvent::Type::kBookmark) return kube::WatchNext::kContinue;
          const std::string name = event.object["metadata"]["name"];
          seen.push_back(std::string(kube::to_string(event.type)) + " " + name);
          return event.type == kube::WatchEvent::Type::kDeleted && name == names[0]
                     ? kube::WatchNext::kStop
                     : kube::WatchNext::kContinue;
        },
        &cancel);
  });

  for (const auto& name : names) {
    auto created = client->create(resources::kChartMirrors, kNamespace, chart_mirror(name, run));
    REQUIRE_MESSAGE(created.ok(), created.error().describe());
    CHECK((*created)["metadata"]["generation"] == 1);
  }

  // A name that is taken: 409 AlreadyExists.
  auto again = client->create(resources::kChartMirrors, kNamespace, chart_mirror(names[0], run));
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == Error::Code::kConflict);
  CHECK(again.error().reason == "AlreadyExists");

  // limit=1: three pages, each with one item, chained by continue tokens.
  std::vector<std::string> paged;
  kube::ListOptions page_options{.label_selector = selector, .limit = 1};
  int pages = 0;
  while (true) {
    auto page = client->list(resources::kChartMirrors, kNamespace, page_options);
    REQUIRE_MESSAGE(page.ok(), page.error().describe());
    ++pages;
    CHECK((*page)["items"].size() <= 1);
    for (const auto& item : (*page)["items"]) paged.push_back(item["metadata"]["name"]);
    page_options.continue_token = (*page)["metadata"].value("continue", "");
    if (page_options.continue_token.empty()) break;
    REQUIRE(pages < 10);
  }
  CHECK(paged == names);  // the API server lists in name order
  CHECK(pages >= 3);
  auto all = client->list_all(resources::kChartMirrors, kNamespace,
                              {.label_selector = selector, .limit = 1});
  REQUIRE(all.ok());
  CHECK((*all)["items"].size() == 3);

  // Status through the status subresource, as a merge patch; read back.
  const std::string now = kube::format_time(std::chrono::system_clock::now());
  const nlohmann::json status_patch{{"status",
                                     {{"observedGeneration", 1},
                                      {"lastSyncTime", now},
                                      {"conditions",
                                       {{{"type", "Ready"},
                                         {"status", "True"},
                                         {"lastTransitionTime", now},
                                         {"reason", "Mirrored"},
                                         {"message", "1 chart, 0 images"}}}}}}};
  auto patched =
      client->patch(resources::kChartMirrors, kNamespace, names[1], kube::PatchType::kMerge,
                    status_patch.dump(), {.subresource = "status"});
  REQUIRE_MESSAGE(patched.ok(), patched.error().describe());
  auto read_back = client->get(resources::kChartMirrors, kNamespace, names[1]);
  REQUIRE(read_back.ok());
  CHECK((*read_back)["status"]["observedGeneration"] == 1);
  CHECK((*read_back)["status"]["conditions"][0]["reason"] == "Mirrored");
  CHECK((*read_back)["metadata"]["generation"] == 1);  // status writes do not bump it

  // A merge patch of the main resource ignores status (the subresource owns it).
  auto ignored = client->patch(resources::kChartMirrors, kNamespace, names[1],
                               kube::PatchType::kMerge, R"({"status":{"observedGeneration":7}})");
  REQUIRE(ignored.ok());
  CHECK((*ignored)["status"]["observedGeneration"] == 1);

  // Server-side apply of a spec change: generation moves, the field manager is recorded.
  auto applied = client->patch(
      resources::kChartMirrors, kNamespace, names[0], kube::PatchType::kApply,
      "apiVersion: chartmirror.io/v1alpha1\nkind: ChartMirror\nmetadata:\n  name: " + names[0] +
          "\nspec:\n  suspend: true\n",
      {.field_manager = "chartmirror-e2e"});
  REQUIRE_MESSAGE(applied.ok(), applied.error().describe());
  CHECK((*applied)["spec"]["suspend"] == true);
  CHECK((*applied)["metadata"]["generation"] == 2);
  bool managed = false;
  for (const auto& entry : (*applied)["metadata"]["managedFields"]) {
    managed = managed || entry.value("manager", "") == "chartmirror-e2e";
  }
  CHECK(managed);

  // The API server's own message for an absent object.
  auto absent = client->get(resources::kChartMirrors, kNamespace, "absent-" + run);
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().code == Error::Code::kNotFound);
  CHECK(absent.error().message == "chartmirrors.chartmirror.io \"absent-" + run + "\" not found");
  CHECK(absent.error().describe().find(client->server()) != std::string::npos);

  for (const auto& name : names) {
    auto removed = client->remove(resources::kChartMirrors, kNamespace, name);
    CHECK_MESSAGE(removed.ok(), removed.error().describe());
  }
  auto removed_twice = client->remove(resources::kChartMirrors, kNamespace, names[0]);
  REQUIRE_FALSE(removed_twice.ok());
  CHECK(removed_twice.error().code == Error::Code::kNotFound);

  // The watcher stops at names[0]'s DELETED; cancel only if it does not come.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  std::thread guard([&] {
    while (std::chrono::steady_clock::now() < deadline && !cancel.cancelled()) {
      std::this_thread::sleep_for(50ms);
    }
    cancel.cancel();
  });
  watcher.join();
  cancel.cancel();
  guard.join();
  REQUIRE_MESSAGE(watched.ok(), watched.error().describe());
  CHECK_FALSE(watched->empty());
  const std::vector<std::string> expected{"ADDED " + names[0],    "ADDED " + names[1],
                                          "ADDED " + names[2],    "MODIFIED " + names[1],
                                          "MODIFIED " + names[0], "DELETED " + names[0]};
  CHECK(seen == expected);

  // A resourceVersion long compacted away... is not guaranteed to be gone on a fresh etcd, so
  // 410 is covered by the unit tests; here: a watch from "now" on an empty selection, cancelled.
}

TEST_CASE("a watch is cancelled from another thread while the API server is silent") {
  auto client = connect();
  kube::WatchCancel cancel;
  Result<std::string, Error> watched = Error{};
  std::thread watcher([&] {
    watched = client->watch(
        resources::kLeases, kNamespace,
        {.label_selector = "e2e-never=" + unique_suffix(), .timeout = 60s, .bookmarks = false},
        [](const kube::WatchEvent&) { return kube::WatchNext::kContinue; }, &cancel);
  });
  std::this_thread::sleep_for(500ms);  // the watch is established and waiting
  const auto start = std::chrono::steady_clock::now();
  cancel.cancel();
  watcher.join();
  // Before the API server would have ended the watch itself (its timeout is 60 s).
  CHECK(std::chrono::steady_clock::now() - start < 55s);
  REQUIRE_FALSE(watched.ok());
  CHECK(watched.error().code == Error::Code::kCancelled);
}

TEST_CASE("an Event about a ChartMirror is created and found by its involved object") {
  auto client = connect();
  const std::string name = "kc-event-" + unique_suffix();
  const kube::Event event{.involved = {.api_version = "chartmirror.io/v1alpha1",
                                       .kind = "ChartMirror",
                                       .namespace_ = std::string(kNamespace),
                                       .name = name},
                          .type = "Warning",
                          .reason = "MirrorFailed",
                          .message = "docker.io/library/nginx:1.25: HTTP 401 from the destination"};
  auto created = kube::create_event(*client, event);
  REQUIRE_MESSAGE(created.ok(), created.error().describe());
  const std::string event_name = (*created)["metadata"]["name"];
  CHECK(event_name.rfind(name + ".", 0) == 0);

  auto found = client->list(resources::kEvents, kNamespace,
                            {.field_selector = "involvedObject.name=" + name});
  REQUIRE_MESSAGE(found.ok(), found.error().describe());
  REQUIRE((*found)["items"].size() == 1);
  const auto& item = (*found)["items"][0];
  CHECK(item["reason"] == "MirrorFailed");
  CHECK(item["type"] == "Warning");
  CHECK(item["message"] == event.message);
  CHECK(item["involvedObject"]["kind"] == "ChartMirror");
  CHECK(item["source"]["component"] == "chartmirror");
  CHECK(client->remove(resources::kEvents, kNamespace, event_name).ok());
}

TEST_CASE("Leases: create, renew with the resourceVersion read, and 409 for a stale one") {
  auto client = connect();
  const auto now = std::chrono::system_clock::now();
  kube::Lease lease{.namespace_ = std::string(kNamespace),
                    .name = "kc-lease-" + unique_suffix(),
                    .holder_identity = "e2e-a",
                    .lease_duration_seconds = 15,
                    .acquire_time = kube::format_micro_time(now),
                    .renew_time = kube::format_micro_time(now)};
  auto created = kube::create_lease(*client, lease);
  REQUIRE_MESSAGE(created.ok(), created.error().describe());
  CHECK(created->holder_identity == "e2e-a");
  CHECK(created->renew_time == lease.renew_time);
  CHECK_FALSE(created->resource_version.empty());

  auto duplicate = kube::create_lease(*client, lease);
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.error().code == Error::Code::kConflict);

  // Renew with what was read: accepted, and the resourceVersion moves on.
  kube::Lease renewal = *created;
  renewal.renew_time = kube::format_micro_time(now + 2s);
  auto renewed = kube::update_lease(*client, renewal);
  REQUIRE_MESSAGE(renewed.ok(), renewed.error().describe());
  CHECK(renewed->renew_time == renewal.renew_time);
  CHECK(renewed->resource_version != created->resource_version);

  // Another candidate still holding the first read loses: 409 Conflict.
  kube::Lease takeover = *created;
  takeover.holder_identity = "e2e-b";
  takeover.lease_transitions = 1;
  auto lost = kube::update_lease(*client, takeover);
  REQUIRE_FALSE(lost.ok());
  CHECK(lost.error().code == Error::Code::kConflict);
  CHECK(lost.error().http_status == 409);
  CHECK(lost.error().message.find("the object has been modified") != std::string::npos);

  auto current = kube::get_lease(*client, lease.namespace_, lease.name);
  REQUIRE(current.ok());
  CHECK(current->holder_identity == "e2e-a");
  CHECK(current->resource_version == renewed->resource_version);
  CHECK(client->remove(resources::kLeases, lease.namespace_, lease.name).ok());
}

TEST_CASE("a kubeconfig user that is an exec plugin: its token, a 401 retry, then cached") {
  const std::string kubeconfig_path = Environment::get().at("CM_KUBECONFIG");
  auto original = kube::load_kubeconfig(kubeconfig_path);
  REQUIRE_MESSAGE(original.ok(), original.error().describe());
  REQUIRE_FALSE(original->bearer_token.empty());

  // The environment's kubeconfig, its user's token replaced by a plugin beside the copy,
  // named by a relative path. The plugin's first token is wrong: the API server refuses it,
  // the client runs the plugin again and gets the real one, given to it through exec.env.
  const chartmirror::testing::TempDir dir;
  kube::testing::write_plugin(dir.path(), "plugin.sh", R"(
n=$(( $(cat "$DIR/runs" 2>/dev/null || echo 0) + 1 ))
echo $n > "$DIR/runs"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$DIR/info"
token=$CM_TOKEN
[ $n -eq 1 ] && token=not-the-token
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",'
printf '"status":{"token":"%s"}}' "$token"
)");
  YAML::Node config = YAML::LoadFile(kubeconfig_path);
  for (auto user : config["users"]) {
    YAML::Node exec;
    exec["apiVersion"] = "client.authentication.k8s.io/v1";
    exec["command"] = "./plugin.sh";
    exec["interactiveMode"] = "Never";
    exec["provideClusterInfo"] = true;
    YAML::Node dir_var;
    dir_var["name"] = "DIR";
    dir_var["value"] = dir.path().string();
    YAML::Node token_var;
    token_var["name"] = "CM_TOKEN";
    token_var["value"] = original->bearer_token;
    exec["env"].push_back(dir_var);
    exec["env"].push_back(token_var);
    user["user"] = YAML::Node(YAML::NodeType::Map);
    user["user"]["exec"] = exec;
  }
  std::ofstream(dir.path() / "kubeconfig") << YAML::Dump(config);

  auto access = kube::load_kubeconfig(dir.path() / "kubeconfig");
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  REQUIRE(access->exec);
  CHECK(access->bearer_token.empty());
  auto client = Client::create(std::move(access).value());
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  CHECK(kube::testing::plugin_runs(dir.path()) == 1);

  auto namespace_object = (*client)->get(resources::kNamespaces, "", kNamespace);
  REQUIRE_MESSAGE(namespace_object.ok(), namespace_object.error().describe());
  CHECK((*namespace_object)["metadata"]["name"] == kNamespace);
  CHECK(kube::testing::plugin_runs(dir.path()) == 2);  // after the 401 to "not-the-token"
  auto again = (*client)->list(resources::kLeases, kNamespace);
  REQUIRE_MESSAGE(again.ok(), again.error().describe());
  CHECK(kube::testing::plugin_runs(dir.path()) == 2);  // cached: no expiry was given

  std::ifstream info_file(dir.path() / "info");
  const auto info = nlohmann::json::parse(info_file, nullptr, /*allow_exceptions=*/false);
  REQUIRE(info.is_object());
  CHECK(info["kind"] == "ExecCredential");
  CHECK(info["spec"]["interactive"] == false);
  CHECK(info["spec"]["cluster"]["server"] == original->server);
}

}  // namespace
}  // namespace chartmirror::e2e
