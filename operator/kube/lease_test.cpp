#include "operator/kube/lease.h"

#include <doctest/doctest.h>

#include "operator/kube/micro_time.h"

namespace chartmirror::kube {
namespace {

TEST_CASE("a Lease goes to JSON and back") {
  const Lease lease{.namespace_ = "chartmirror-system",
                    .name = "chartmirror-leader",
                    .holder_identity = "pod-a_1234",
                    .lease_duration_seconds = 15,
                    .acquire_time = "2026-11-21T23:09:00.000001Z",
                    .renew_time = "2026-11-21T23:09:10.500000Z",
                    .lease_transitions = 2,
                    .resource_version = "481"};
  const nlohmann::json object = lease.to_json();
  CHECK(object["apiVersion"] == "coordination.k8s.io/v1");
  CHECK(object["kind"] == "Lease");
  CHECK(object["metadata"]["resourceVersion"] == "481");
  CHECK(object["spec"]["leaseDurationSeconds"] == 15);
  CHECK(object["spec"]["holderIdentity"] == "pod-a_1234");

  auto back = Lease::from_json(object);
  REQUIRE(back.ok());
  CHECK(back->name == lease.name);
  CHECK(back->namespace_ == lease.namespace_);
  CHECK(back->holder_identity == lease.holder_identity);
  CHECK(back->lease_duration_seconds == 15);
  CHECK(back->acquire_time == lease.acquire_time);
  CHECK(back->renew_time == lease.renew_time);
  CHECK(back->lease_transitions == 2);
  CHECK(back->resource_version == "481");
}

TEST_CASE("unset Lease fields are left out, and a non-Lease is refused") {
  const nlohmann::json object = Lease{.namespace_ = "ns", .name = "l"}.to_json();
  CHECK(object["spec"] == nlohmann::json::object());
  CHECK_FALSE(object["metadata"].contains("resourceVersion"));
  CHECK_FALSE(Lease::from_json({{"kind", "ConfigMap"}, {"metadata", {}}}).ok());
  CHECK_FALSE(Lease::from_json("text").ok());
}

TEST_CASE("API timestamps: Time in seconds, MicroTime in microseconds, both UTC") {
  using namespace std::chrono;
  const system_clock::time_point time =
      sys_days{year{2026} / 11 / 21} + hours{23} + minutes{9} + seconds{5} + microseconds{42};
  CHECK(format_time(time) == "2026-11-21T23:09:05Z");
  CHECK(format_micro_time(time) == "2026-11-21T23:09:05.000042Z");
  CHECK(format_micro_time(sys_days{year{1970} / 1 / 1}) == "1970-01-01T00:00:00.000000Z");
}

}  // namespace
}  // namespace chartmirror::kube
