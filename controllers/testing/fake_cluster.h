// controllers/testing/fake_cluster.h — the Cluster port in memory, for tests: Secrets and
// ConfigMaps put in by the test, every status patch and event recorded.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "controllers/cluster.h"
#include "controllers/spec.h"

namespace chartmirror::controllers::testing {

class FakeCluster final : public Cluster {
 public:
  void add_secret(const std::string& name, SecretData secret) {
    secrets_[name] = std::move(secret);
  }
  void add_config_map(const std::string& name, std::map<std::string, std::string> data) {
    config_maps_[name] = std::move(data);
  }

  Result<SecretData, Error> read_secret(std::string_view /*object_namespace*/,
                                        std::string_view name) override {
    const auto it = secrets_.find(std::string(name));
    if (it == secrets_.end()) {
      return Error{Error::Code::kNotFound, "", "secrets \"" + std::string(name) + "\" not found"};
    }
    ++secret_reads;
    return it->second;
  }
  Result<std::map<std::string, std::string>, Error> read_config_map(
      std::string_view /*object_namespace*/, std::string_view name) override {
    const auto it = config_maps_.find(std::string(name));
    if (it == config_maps_.end()) {
      return Error{Error::Code::kNotFound, "",
                   "configmaps \"" + std::string(name) + "\" not found"};
    }
    return it->second;
  }
  Result<Done, Error> patch_status(const ChartMirror& /*object*/,
                                   const nlohmann::json& status) override {
    statuses.push_back(status);
    return Done{};
  }
  void emit_event(const ChartMirror& /*object*/, const Event& event) override {
    const std::lock_guard lock(mutex_);
    events.push_back(event);
  }

  std::vector<nlohmann::json> statuses;
  std::vector<Event> events;
  int secret_reads = 0;

 private:
  std::map<std::string, SecretData> secrets_;
  std::map<std::string, std::map<std::string, std::string>> config_maps_;
  std::mutex mutex_;
};

}  // namespace chartmirror::controllers::testing
