#include "operator/kube/micro_time.h"

#include <array>
#include <cstdio>
#include <ctime>

namespace chartmirror::kube {
namespace {

std::string seconds_part(std::chrono::system_clock::time_point time) {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  const size_t length = std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%S", &utc);
  return {text.data(), length};
}

}  // namespace

std::string format_time(std::chrono::system_clock::time_point time) {
  return seconds_part(time) + "Z";
}

std::string format_micro_time(std::chrono::system_clock::time_point time) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          time - std::chrono::floor<std::chrono::seconds>(time))
                          .count();
  std::array<char, 24> fraction{};
  std::snprintf(fraction.data(), fraction.size(), ".%06lld", static_cast<long long>(micros));
  return seconds_part(time) + fraction.data() + "Z";
}

}  // namespace chartmirror::kube
