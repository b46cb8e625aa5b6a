// operator/runtime/leader_election.cpp — campaign, renew, release; see leader_election.h.
#include "operator/runtime/leader_election.h"

#include <utility>

#include "operator/kube/micro_time.h"

namespace chartmirror::runtime {

LeaderElector::LeaderElector(kube::Client& client, const Clock& clock, Sleeper& sleeper,
                             LeaderElectionOptions options, LeaderCallbacks callbacks)
    : client_(client),
      clock_(clock),
      sleeper_(sleeper),
      options_(std::move(options)),
      callbacks_(std::move(callbacks)) {}

LeaderElector::Outcome LeaderElector::run() {
  while (!try_acquire_or_renew()) {
    if (!sleeper_.sleep_for(options_.retry_period) || stopped_) return Outcome::kStopped;
  }
  if (callbacks_.on_started_leading) callbacks_.on_started_leading();
  while (true) {
    if (!sleeper_.sleep_for(options_.retry_period) || stopped_) break;
    // Renew, retrying every retry period until the renew deadline passes.
    const auto deadline = clock_.now() + options_.renew_deadline;
    bool renewed = try_acquire_or_renew();
    while (!renewed && clock_.now() < deadline) {
      if (!sleeper_.sleep_for(options_.retry_period) || stopped_) break;
      renewed = try_acquire_or_renew();
    }
    if (stopped_) break;
    if (!renewed) {
      leader_ = false;
      if (callbacks_.on_lost) callbacks_.on_lost();
      return Outcome::kLost;
    }
  }
  // Graceful shutdown: a successor need not wait for the lease to expire.
  (void)release();  // best effort: failing, the lease expires on its own
  leader_ = false;
  return Outcome::kStopped;
}

void LeaderElector::stop() {
  stopped_ = true;
  sleeper_.stop();
}

std::string LeaderElector::observed_holder() const {
  const std::lock_guard lock(mutex_);
  return observed_holder_;
}

void LeaderElector::observe(const kube::Lease& lease) {
  const std::lock_guard lock(mutex_);
  if (lease.holder_identity != observed_holder_ || lease.renew_time != observed_renew_time_ ||
      observed_time_ == Clock::time_point{}) {
    observed_holder_ = lease.holder_identity;
    observed_renew_time_ = lease.renew_time;
    observed_time_ = clock_.now();
  }
}

bool LeaderElector::try_acquire_or_renew() {
  const std::string now = kube::format_micro_time(std::chrono::system_clock::now());
  const int duration = static_cast<int>(options_.lease_duration.count());
  auto current = kube::get_lease(client_, options_.namespace_, options_.name);
  if (!current.ok()) {
    if (current.error().code != kube::Error::Code::kNotFound) return false;
    auto created = kube::create_lease(client_, kube::Lease{.namespace_ = options_.namespace_,
                                                           .name = options_.name,
                                                           .holder_identity = options_.identity,
                                                           .lease_duration_seconds = duration,
                                                           .acquire_time = now,
                                                           .renew_time = now});
    if (!created.ok()) return false;
    observe(*created);
    return leader_ = true;
  }
  observe(*current);
  kube::Lease lease = std::move(current).value();
  const bool mine = lease.holder_identity == options_.identity;
  if (!mine && !lease.holder_identity.empty()) {
    const std::lock_guard lock(mutex_);
    if (observed_time_ + options_.lease_duration > clock_.now()) {
      leader_ = false;  // someone else renewed it: whatever this replica thought, it is not
      return false;
    }
  }
  if (!mine) {
    lease.acquire_time = now;
    ++lease.lease_transitions;
  }
  lease.holder_identity = options_.identity;
  lease.lease_duration_seconds = duration;
  lease.renew_time = now;
  auto updated = kube::update_lease(client_, lease);
  // kConflict: another candidate wrote first. A failed renewal is not yet a loss: run()
  // decides that at the renew deadline.
  if (!updated.ok()) return false;
  observe(*updated);
  return leader_ = true;
}

bool LeaderElector::release() {
  auto current = kube::get_lease(client_, options_.namespace_, options_.name);
  if (!current.ok()) return current.error().code == kube::Error::Code::kNotFound;
  kube::Lease lease = std::move(current).value();
  if (lease.holder_identity != options_.identity) return true;
  const std::string now = kube::format_micro_time(std::chrono::system_clock::now());
  lease.holder_identity.clear();
  lease.lease_duration_seconds = 1;
  lease.renew_time = now;
  lease.acquire_time = now;
  auto updated = kube::update_lease(client_, lease);
  if (!updated.ok()) return false;
  leader_ = false;
  observe(*updated);
  return true;
}

}  // namespace chartmirror::runtime
