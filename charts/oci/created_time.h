// charts/oci/created_time.h — the `org.opencontainers.image.created` annotation of a chart.
//
// helm push (pkg/pusher/ocipusher.go) stamps the modification time of the .tgz file, formatted
// with Go's time.RFC3339 in the local time zone: whole seconds, "Z" in UTC. A mirror that
// stamped the time of each push would write a new manifest every reconcile; chartmirror stamps
// a time that the chart's source fixes instead (see charts/repo/fetched_chart.h), in UTC.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartmirror::charts {

// The annotation as chartmirror writes it (support/rfc3339.h's format_rfc3339_utc, whole
// seconds, "Z") from any RFC 3339 text; nullopt when the text is not RFC 3339.
[[nodiscard]] std::optional<std::string> normalize_created(std::string_view text);

}  // namespace chartmirror::charts
