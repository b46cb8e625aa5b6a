#include "charts/oci/created_time.h"

#include "support/rfc3339.h"

namespace chartmirror::charts {

std::optional<std::string> normalize_created(std::string_view text) {
  const auto time = parse_rfc3339(text);
  if (!time) return std::nullopt;
  return format_rfc3339_utc(*time);
}

}  // namespace chartmirror::charts
