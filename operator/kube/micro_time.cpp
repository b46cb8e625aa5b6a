#include "operator/kube/micro_time.h"

#include "support/rfc3339.h"

namespace chartmirror::kube {

std::string format_time(std::chrono::system_clock::time_point time) {
  return format_rfc3339_utc(time);
}

std::string format_micro_time(std::chrono::system_clock::time_point time) {
  return format_rfc3339_utc(time, 6);
}

}  // namespace chartmirror::kube
