// operator/runtime/leader_election.h — one active operator among replicas, by a
// coordination.k8s.io/v1 Lease, with client-go's leaderelection semantics.
//
// A candidate reads the Lease and takes it when it is free (no holder) or expired; it then
// renews it every retry period. Expiry is judged by the candidate's own clock, not by the
// renewTime written in the Lease: the lease counts as held for lease_duration after this
// candidate last saw its record (holder, renewTime) change, so clock skew between nodes cannot
// make two leaders. Every write carries the resourceVersion read; a 409 means another
// candidate won the race. A leader that cannot renew within renew_deadline has lost: run()
// calls on_lost and returns kLost — the operator exits, since another replica may already be
// reconciling. stop() ends run() from any thread; a leader then releases the Lease (clears
// holderIdentity, duration 1 s) so a successor need not wait for expiry.
//
// Defaults are client-go's: lease 15 s, renew deadline 10 s, retry period 2 s.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

#include "operator/kube/client.h"
#include "operator/kube/lease.h"
#include "operator/runtime/clock.h"
#include "operator/runtime/sleeper.h"

namespace chartmirror::runtime {

struct LeaderElectionOptions {
  std::string namespace_;
  std::string name = "chartmirror-operator";
  std::string identity;  // unique per replica: the pod name
  std::chrono::seconds lease_duration = std::chrono::seconds(15);
  std::chrono::seconds renew_deadline = std::chrono::seconds(10);
  std::chrono::seconds retry_period = std::chrono::seconds(2);
};

struct LeaderCallbacks {
  std::function<void()> on_started_leading;  // this replica now leads: start the workers
  std::function<void()> on_lost;             // the lease was lost: stop at once
};

class LeaderElector {
 public:
  enum class Outcome { kStopped, kLost };

  // `client`, `clock` and `sleeper` must outlive the elector.
  LeaderElector(kube::Client& client, const Clock& clock, Sleeper& sleeper,
                LeaderElectionOptions options, LeaderCallbacks callbacks);

  // Campaigns until leading, then renews until the lease is lost or stop(). Blocks.
  [[nodiscard]] Outcome run();
  void stop();
  // True from a successful acquire until the lease is lost, released, or seen held by another.
  [[nodiscard]] bool is_leader() const { return leader_.load(); }
  // The holder last observed ("" when none).
  [[nodiscard]] std::string observed_holder() const;

  // One read and, when allowed, one write: true when this replica holds the lease after it.
  [[nodiscard]] bool try_acquire_or_renew();
  // Clears holderIdentity if this replica holds the lease; true when released (or not held).
  [[nodiscard]] bool release();

 private:
  void observe(const kube::Lease& lease);

  kube::Client& client_;
  const Clock& clock_;
  Sleeper& sleeper_;
  LeaderElectionOptions options_;
  LeaderCallbacks callbacks_;
  std::atomic<bool> stopped_{false};
  std::atomic<bool> leader_{false};

  mutable std::mutex mutex_;
  std::string observed_holder_;        // guarded by mutex_
  std::string observed_renew_time_;    // guarded by mutex_
  Clock::time_point observed_time_{};  // guarded by mutex_; when the record last changed
};

}  // namespace chartmirror::runtime
