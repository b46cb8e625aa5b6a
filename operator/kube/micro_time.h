// operator/kube/micro_time.h — the API's timestamps: meta/v1 Time ("2026-11-21T23:09:00Z",
// seconds) and MicroTime ("2026-11-21T23:09:00.123456Z", what Leases and events.k8s.io use).
#pragma once

#include <chrono>
#include <string>

namespace chartmirror::kube {

[[nodiscard]] std::string format_time(std::chrono::system_clock::time_point time);
[[nodiscard]] std::string format_micro_time(std::chrono::system_clock::time_point time);

}  // namespace chartmirror::kube
