// Leader election against a loopback API server that stores one Lease with optimistic
// concurrency (409 on a stale resourceVersion), on a FakeClock: free and expired leases are
// taken, held ones are not, renewals keep the acquire time, a leader that cannot renew within
// the deadline reports the loss, and a stopped leader releases the lease to its successor.
#include "operator/runtime/leader_election.h"

#include <atomic>

#include <doctest/doctest.h>

#include "operator/runtime/test_api_server.h"

namespace chartmirror::runtime {
namespace {

using namespace std::chrono_literals;
using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::ServerConnection;

std::string json_response(int status, const nlohmann::json& body) {
  return testing::json_response(status, body.dump());
}

nlohmann::json status(int code, std::string_view reason) {
  return {{"kind", "Status"}, {"code", code}, {"reason", reason}, {"message", reason}};
}

// One Lease, as the API server keeps it.
class LeaseServer {
 public:
  LeaseServer()
      : server_([this](const ReceivedRequest& request, ServerConnection& connection) {
          connection.write(handle(request));
        }) {}

  std::unique_ptr<kube::Client> client() const { return testing::client_for(server_); }
  nlohmann::json lease() const {
    const std::lock_guard lock(mutex_);
    return lease_;
  }
  void fail_writes(bool fail) { fail_writes_ = fail; }

 private:
  std::string handle(const ReceivedRequest& request) {
    const std::lock_guard lock(mutex_);
    if (request.method == "GET") {
      return lease_.is_null() ? json_response(404, status(404, "NotFound"))
                              : json_response(200, lease_);
    }
    if (fail_writes_) return json_response(500, status(500, "InternalError"));
    auto body = nlohmann::json::parse(request.body);
    if (request.method == "POST" && !lease_.is_null()) {
      return json_response(409, status(409, "AlreadyExists"));
    }
    if (request.method == "PUT" &&
        body["metadata"].value("resourceVersion", "") != lease_["metadata"]["resourceVersion"]) {
      return json_response(409, status(409, "Conflict"));
    }
    body["metadata"]["resourceVersion"] = std::to_string(++version_);
    lease_ = body;
    return json_response(request.method == "POST" ? 201 : 200, lease_);
  }

  mutable std::mutex mutex_;
  nlohmann::json lease_;  // guarded by mutex_; null when absent
  int version_ = 0;       // guarded by mutex_
  std::atomic<bool> fail_writes_{false};
  LoopbackServer server_;
};

struct Fixture {
  LeaseServer server;
  std::unique_ptr<kube::Client> client = server.client();
  FakeClock clock;
  FakeSleeper sleeper{clock};
};

LeaderElectionOptions options_for(std::string identity) {
  return {.namespace_ = "ns", .name = "lock", .identity = std::move(identity)};
}

TEST_CASE_FIXTURE(
    Fixture, "a free lease is taken; a held one only once it expired on the candidate's clock") {
  LeaderElector a(*client, clock, sleeper, options_for("a"), {});
  LeaderElector b(*client, clock, sleeper, options_for("b"), {});

  REQUIRE(a.try_acquire_or_renew());  // absent: created
  CHECK(a.is_leader());
  auto lease = server.lease();
  CHECK(lease["spec"]["holderIdentity"] == "a");
  CHECK(lease["spec"]["leaseDurationSeconds"] == 15);
  const std::string acquired = lease["spec"]["acquireTime"];

  CHECK_FALSE(b.try_acquire_or_renew());  // held, and b just saw it
  CHECK(b.observed_holder() == "a");
  clock.advance(14s);
  CHECK_FALSE(b.try_acquire_or_renew());

  clock.advance(1s);  // a renews: the record changes, so b's 15 s start again
  REQUIRE(a.try_acquire_or_renew());
  CHECK(server.lease()["spec"]["acquireTime"] == acquired);  // a renewal keeps it
  CHECK(server.lease()["spec"].value("leaseTransitions", 0) == 0);
  clock.advance(5s);
  CHECK_FALSE(b.try_acquire_or_renew());

  clock.advance(14s);  // b saw a's renewal only 5 s after it: 14 s later, still held
  CHECK_FALSE(b.try_acquire_or_renew());
  clock.advance(1s);  // 15 s since b saw the record change: expired
  REQUIRE(b.try_acquire_or_renew());
  lease = server.lease();
  CHECK(lease["spec"]["holderIdentity"] == "b");
  CHECK(lease["spec"]["leaseTransitions"] == 1);
  CHECK(lease["spec"]["acquireTime"] != acquired);
  CHECK_FALSE(a.try_acquire_or_renew());  // a sees b's fresh record
  CHECK_FALSE(a.is_leader());
}

TEST_CASE_FIXTURE(Fixture, "a write with a stale resourceVersion loses the race") {
  LeaderElector a(*client, clock, sleeper, options_for("a"), {});
  REQUIRE(a.try_acquire_or_renew());
  auto stale = kube::get_lease(*client, "ns", "lock");
  REQUIRE(stale.ok());
  REQUIRE(a.try_acquire_or_renew());  // the stored version moves on
  stale->holder_identity = "intruder";
  auto written = kube::update_lease(*client, *stale);
  REQUIRE_FALSE(written.ok());
  CHECK(written.error().code == kube::Error::Code::kConflict);
  CHECK(server.lease()["spec"]["holderIdentity"] == "a");
}

TEST_CASE_FIXTURE(Fixture,
                  "a stopped leader releases the lease and its successor takes it at once") {
  // Leading, it stops itself: run() must release on its way out.
  LeaderElector* self = nullptr;
  LeaderElector a(*client, clock, sleeper, options_for("a"),
                  {.on_started_leading = [&] { self->stop(); }});
  self = &a;
  CHECK(a.run() == LeaderElector::Outcome::kStopped);
  auto lease = server.lease();
  CHECK(lease["spec"].value("holderIdentity", "") == "");
  CHECK(lease["spec"]["leaseDurationSeconds"] == 1);
  CHECK_FALSE(a.is_leader());

  FakeSleeper sleeper_b(clock);
  LeaderElector b(*client, clock, sleeper_b, options_for("b"), {});
  CHECK(b.try_acquire_or_renew());  // no holder: no need to wait for expiry
  CHECK(server.lease()["spec"]["holderIdentity"] == "b");
}

TEST_CASE_FIXTURE(Fixture,
                  "a leader that cannot renew within the renew deadline reports the loss") {
  int lost = 0;
  LeaderElector a(
      *client, clock, sleeper, options_for("a"),
      {.on_started_leading = [&] { server.fail_writes(true); }, .on_lost = [&] { ++lost; }});
  CHECK(a.run() == LeaderElector::Outcome::kLost);
  CHECK(lost == 1);
  CHECK_FALSE(a.is_leader());
  // One retry period before the renewal, then retries every 2 s until 10 s have passed.
  CHECK(sleeper.slept() == std::vector<std::chrono::nanoseconds>(6, 2s));
  CHECK(server.lease()["spec"]["holderIdentity"] == "a");  // not released: it was lost
}

TEST_CASE_FIXTURE(Fixture,
                  "a candidate campaigns every retry period until the holder's lease expires") {
  LeaderElector a(*client, clock, sleeper, options_for("a"), {});
  REQUIRE(a.try_acquire_or_renew());  // a then dies without releasing

  FakeSleeper sleeper_b(clock);
  LeaderElector b(*client, clock, sleeper_b,
                  {.namespace_ = "ns",
                   .name = "lock",
                   .identity = "b",
                   .lease_duration = 7s,
                   .retry_period = 3s},
                  {.on_started_leading = [&] { sleeper_b.stop(); }});
  CHECK(b.run() == LeaderElector::Outcome::kStopped);
  CHECK(sleeper_b.slept() == std::vector<std::chrono::nanoseconds>(3, 3s));  // 9 s > 7 s
  // b stopped by its sleeper: b released the lease it had just taken.
  CHECK(server.lease()["spec"].value("holderIdentity", "") == "");
  CHECK(server.lease()["spec"]["leaseTransitions"] == 1);
}

}  // namespace
}  // namespace chartmirror::runtime
