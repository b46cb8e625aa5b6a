// support/rfc3339.h — RFC 3339 timestamps in UTC, as Kubernetes (object times, MicroTime,
// an exec credential's expirationTimestamp), OCI annotations (org.opencontainers.image.created)
// and the operator's JSON logs write them.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace chartmirror {

// An RFC 3339 timestamp ("2023-11-20T18:49:41+00:00", "2023-11-20T18:49:41.25Z") as the UTC
// instant, fractional seconds dropped (Go's time.RFC3339 layout has none); nullopt when the
// text is not RFC 3339.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

// "2006-01-02T15:04:05Z" (Go's time.RFC3339 of a UTC time; meta/v1 Time), or with
// `fraction_digits` (1–9) digits of the second, truncated: 6 for MicroTime
// "2006-01-02T15:04:05.123456Z", 3 for log lines.
[[nodiscard]] std::string format_rfc3339_utc(std::chrono::system_clock::time_point time,
                                             int fraction_digits = 0);

}  // namespace chartmirror
