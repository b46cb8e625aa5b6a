// charts/rewrite/values_file.h — the top chart's values.yaml with the overrides in it.
//
// The file is read as Helm reads it (charts/values/yaml.h), the overrides are set, and the
// result is written with Helm's own YAML writer (charts/values/yaml_emit.h: what toYaml
// prints), after a comment header that says the file was rewritten, from which chart digest,
// and lists every override. Re-emitting loses the original's comments and layout; the
// original stays in the unchanged chart, which is mirrored too. Editing the text in place
// (yaml-cpp marks of the changed scalars) was not chosen: an override often adds keys the
// file does not have (a subchart's section, a global key), flow style and multi-line scalars
// would each need their own edit, and an anchor shared by two images would change both —
// re-emitting is always valid YAML and means exactly the values Helm would read.
//
// Setting a path: a missing map key is created (a partial map: Helm's coalescing merges it
// with the subchart's or chart's defaults, so the tag and other fields still come from
// there). A list cannot be merged (the parent's list replaces the default one), so the first
// override inside a list copies the whole list from the `.Values` the images were found in,
// then changes the element. A step that meets a scalar where a map or list is needed takes
// that node from the `.Values` too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "charts/rewrite/overrides.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::rewrite {

// `file` with each override set; `values` is the `.Values` the overrides were planned on.
[[nodiscard]] values::Value apply_overrides(values::Value file,
                                            const std::vector<ValueOverride>& overrides,
                                            const values::Value& values);

// The new values.yaml: header, then the emitted values. `original` is the chart's
// values.yaml; `source_digest` names the chart it came from. Errors: the original does not
// parse (kInvalidInput), or the result cannot be written as YAML.
[[nodiscard]] Result<std::string, Error> rewrite_values_file(
    std::string_view original, const std::vector<ValueOverride>& overrides,
    const values::Value& values, std::string_view source_digest);

}  // namespace chartmirror::charts::rewrite
