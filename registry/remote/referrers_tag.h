// registry/remote/referrers_tag.h — the referrers tag schema, for registries without the
// referrers API (OCI distribution spec v1.1, "Referrers Tag Schema").
//
// Such a registry stores a manifest's `subject` without indexing it, so whoever pushes a
// referrer also maintains an OCI index tagged `<alg>-<hex>` of the subject that lists every
// referrer. A copy to Distribution 2.x must do it, or signatures copied there are unreachable.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "support/result.h"

namespace chartmirror::registry::remote {

// "sha256-<hex>": the tag that lists the referrers of `subject`.
[[nodiscard]] std::string referrers_tag(const oci::Digest& subject);

// The bytes of the referrers index with `referrer` listed: `current` is the index as stored
// (empty when the tag does not exist yet), kept entry for entry. nullopt when it lists the
// referrer already; kInvalidInput when `current` is not an OCI index.
[[nodiscard]] Result<std::optional<std::string>, Error> with_referrer(
    std::string_view current, const oci::Descriptor& referrer);

}  // namespace chartmirror::registry::remote
