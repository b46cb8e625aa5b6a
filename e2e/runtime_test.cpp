// operator/runtime against the real kube-apiserver of e2e/env: an informer lists (a page at a
// time) and watches ConfigMaps of this run's label, its cache and handlers follow creates,
// updates and deletes, and stop() ends it at once; two leader electors on one Lease — one
// leads, the other waits, the leader releases on stop and the other takes over without
// waiting for the lease to expire. ConfigMaps rather than ChartMirrors: the informer is the
// same for any resource, and this test then needs no CRD (nor its RESOURCE_LOCK).
#include <chrono>
#include <mutex>
#include <random>
#include <thread>

#include <doctest/doctest.h>

#include "e2e/support/environment.h"
#include "operator/kube/client.h"
#include "operator/kube/kubeconfig.h"
#include "operator/kube/lease.h"
#include "operator/runtime/informer.h"
#include "operator/runtime/leader_election.h"

namespace chartmirror::e2e {
namespace {

using namespace std::chrono_literals;
namespace resources = kube::resources;

constexpr std::string_view kNamespace = "default";

std::unique_ptr<kube::Client> connect() {
  auto access = kube::load_kubeconfig(Environment::get().at("CM_KUBECONFIG"));
  REQUIRE_MESSAGE(access.ok(), access.error().describe());
  auto client = kube::Client::create(std::move(access).value());
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  return std::move(client).value();
}

std::string unique_suffix() {
  std::random_device random;
  return std::to_string(random() % 1000000);
}

template <typename Check>
bool eventually(Check check, std::chrono::seconds limit = 30s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return check();
}

nlohmann::json config_map(const std::string& name, const std::string& run,
                          const std::string& value) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"labels", {{"e2e-run", run}}}}},
          {"data", {{"value", value}}}};
}

class Seen {
 public:
  void add(std::string what) {
    const std::lock_guard lock(mutex_);
    seen_.push_back(std::move(what));
  }
  bool contains(const std::string& what) const {
    const std::lock_guard lock(mutex_);
    return std::find(seen_.begin(), seen_.end(), what) != seen_.end();
  }
  size_t size() const {
    const std::lock_guard lock(mutex_);
    return seen_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> seen_;
};

TEST_CASE("an informer follows ConfigMaps through list, watch and stop") {
  auto client = connect();
  const std::string run = unique_suffix();
  const std::string ns(kNamespace);
  std::vector<std::string> names;
  for (const char* base : {"rt-a-", "rt-b-", "rt-c-"}) {
    names.push_back(base + run);
    auto created = client->create(resources::kConfigMaps, ns, config_map(names.back(), run, "1"));
    REQUIRE_MESSAGE(created.ok(), created.error().describe());
  }

  Seen seen;
  runtime::StoppableSleeper sleeper;
  runtime::Informer informer(
      *client, resources::kConfigMaps,
      {.namespace_ = ns, .label_selector = "e2e-run=" + run, .page_size = 2},
      {.on_add = [&](const std::string& key) { seen.add("add " + key); },
       .on_update = [&](const std::string& key) { seen.add("update " + key); },
       .on_delete = [&](const std::string& key) { seen.add("delete " + key); }},
      sleeper);
  std::thread runner([&] { informer.run(); });

  REQUIRE(eventually([&] { return informer.has_synced(); }));
  CHECK(informer.keys() ==
        std::vector<std::string>{ns + "/" + names[0], ns + "/" + names[1], ns + "/" + names[2]});
  CHECK(seen.size() == 3);

  const std::string added = "rt-d-" + run;
  REQUIRE(client->create(resources::kConfigMaps, ns, config_map(added, run, "1")).ok());
  REQUIRE(client
              ->patch(resources::kConfigMaps, ns, names[0], kube::PatchType::kMerge,
                      R"({"data":{"value":"2"}})")
              .ok());
  REQUIRE(client->remove(resources::kConfigMaps, ns, names[1]).ok());
  // Not ours: another label is outside the informer's selector.
  const std::string other = "rt-other-" + run;
  REQUIRE(client->create(resources::kConfigMaps, ns, config_map(other, run + "x", "1")).ok());

  CHECK(eventually([&] {
    return seen.contains("add " + ns + "/" + added) &&
           seen.contains("update " + ns + "/" + names[0]) &&
           seen.contains("delete " + ns + "/" + names[1]);
  }));
  const auto updated = informer.get(ns + "/" + names[0]);
  REQUIRE(updated.has_value());
  CHECK((*updated)["data"]["value"] == "2");
  CHECK_FALSE(informer.get(ns + "/" + names[1]).has_value());
  CHECK_FALSE(informer.get(ns + "/" + other).has_value());

  const auto start = std::chrono::steady_clock::now();
  informer.stop();
  runner.join();
  CHECK(std::chrono::steady_clock::now() - start < 2s);

  for (const auto& name : {names[0], names[2], added, other}) {
    CHECK(client->remove(resources::kConfigMaps, ns, name).ok());
  }
}

TEST_CASE("two electors: one leads, it releases on stop, the other takes over") {
  auto client = connect();
  const std::string lock_name = "rt-lock-" + unique_suffix();
  const auto options = [&](std::string identity) {
    return runtime::LeaderElectionOptions{.namespace_ = std::string(kNamespace),
                                          .name = lock_name,
                                          .identity = std::move(identity),
                                          .lease_duration = 30s,
                                          .renew_deadline = 20s,
                                          .retry_period = 1s};
  };
  const runtime::SteadyClock clock;
  runtime::StoppableSleeper sleeper_a;
  runtime::StoppableSleeper sleeper_b;
  std::atomic<bool> a_leads{false};
  std::atomic<bool> b_leads{false};
  runtime::LeaderElector a(*client, clock, sleeper_a, options("replica-a"),
                           {.on_started_leading = [&] { a_leads = true; }});
  runtime::LeaderElector b(*client, clock, sleeper_b, options("replica-b"),
                           {.on_started_leading = [&] { b_leads = true; }});

  runtime::LeaderElector::Outcome a_outcome{};
  std::thread a_runner([&] { a_outcome = a.run(); });
  REQUIRE(eventually([&] { return a_leads.load(); }));
  runtime::LeaderElector::Outcome b_outcome{};
  std::thread b_runner([&] { b_outcome = b.run(); });
  // b campaigns for a few retry periods while a renews: it must not take the lease.
  std::this_thread::sleep_for(3s);
  CHECK_FALSE(b_leads.load());
  CHECK(b.observed_holder() == "replica-a");
  auto lease = kube::get_lease(*client, kNamespace, lock_name);
  REQUIRE_MESSAGE(lease.ok(), lease.error().describe());
  CHECK(lease->holder_identity == "replica-a");

  // a stops: it releases, and b takes over well before the 30 s lease would have expired.
  const auto released = std::chrono::steady_clock::now();
  a.stop();
  a_runner.join();
  CHECK(a_outcome == runtime::LeaderElector::Outcome::kStopped);
  REQUIRE(eventually([&] { return b_leads.load(); }, 10s));
  CHECK(std::chrono::steady_clock::now() - released < 5s);
  lease = kube::get_lease(*client, kNamespace, lock_name);
  REQUIRE(lease.ok());
  CHECK(lease->holder_identity == "replica-b");
  CHECK(lease->lease_transitions == 1);

  b.stop();
  b_runner.join();
  CHECK(b_outcome == runtime::LeaderElector::Outcome::kStopped);
  lease = kube::get_lease(*client, kNamespace, lock_name);
  REQUIRE(lease.ok());
  CHECK(lease->holder_identity.empty());
  CHECK(client->remove(resources::kLeases, kNamespace, lock_name).ok());
}

}  // namespace
}  // namespace chartmirror::e2e
