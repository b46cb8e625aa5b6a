// charts/oci/created_time.h — the `org.opencontainers.image.created` annotation of a chart.
//
// helm push (pkg/pusher/ocipusher.go) stamps the modification time of the .tgz file, formatted
// with Go's time.RFC3339 in the local time zone: whole seconds, "Z" in UTC. A mirror that
// stamped the time of each push would write a new manifest every reconcile; chartmirror stamps
// a time that the chart's source fixes instead (see charts/repo/fetched_chart.h), in UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace chartmirror::charts {

// "2006-01-02T15:04:05Z": Go's time.RFC3339 of a UTC time.
[[nodiscard]] std::string format_created(std::chrono::sys_seconds time);

// An RFC 3339 timestamp ("2023-11-20T18:49:41+00:00", "2023-11-20T18:49:41.25Z") as the UTC
// instant, fractional seconds dropped (Go's RFC3339 layout has none); nullopt when the text is
// not RFC 3339.
[[nodiscard]] std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text);

// parse_rfc3339 then format_created; nullopt when the text is not RFC 3339.
[[nodiscard]] std::optional<std::string> normalize_created(std::string_view text);

}  // namespace chartmirror::charts
