// registry/copy/platform_filter.h — narrowing an index to the platforms a user asked for
// (internal to registry/copy; the rules are in copy/copy.h).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "registry/error.h"
#include "registry/oci/descriptor.h"
#include "registry/oci/manifest.h"
#include "support/result.h"

namespace chartmirror::registry::copy {

// The positions in index.index()->manifests of the entries whose platform one of `filters`
// matches (Platform::matches), in index order. kNotFound when there is none; the message names
// the platforms asked for and those the index has.
[[nodiscard]] Result<std::vector<size_t>, Error> select_platforms(
    const oci::Manifest& index, const std::vector<oci::Platform>& filters);

// The bytes of a new index: `index`'s JSON with "manifests" narrowed to the entries at
// `positions` (each entry kept as it was written) and every other field kept, annotations
// included; "mediaType" is set to the index's media type when the document had none.
[[nodiscard]] Result<std::string, Error> narrow_index(const oci::Manifest& index,
                                                      const std::vector<size_t>& positions);

}  // namespace chartmirror::registry::copy
