// charts/values/yaml.h — YAML to Value, the way Helm reads values files.
//
// Helm 3.17 reads values.yaml (chart loader) and every `-f` file (values.Options.MergeValues)
// with sigs.k8s.io/yaml v1.4.0 `Unmarshal` into map[string]interface{}. That function decodes
// the YAML with its fork of gopkg.in/yaml.v2 into interface{}, turns the result into JSON and
// decodes the JSON with encoding/json. What users see follows from those three steps:
//   - only the first document is read; later `---` documents are ignored. An empty document
//     (or an empty file, or only comments) is an empty map.
//   - plain scalars resolve with YAML 1.1 rules (yaml.v2 resolve.go): y/Y/yes/Yes/YES, true,
//     on, and n/N/no, false, off (three spellings each) are booleans; "", ~, null, Null, NULL
//     are null; integers in Go syntax after removing '_': 0x1F, 0o17, 0755 (octal), 0b101,
//     +12; floats 1e3, .5, 1. ; .inf/.nan are floats, which JSON cannot carry: an error.
//     Timestamps (2024-01-02) stay strings. Quoted scalars are always strings.
//   - then the JSON step: EVERY number becomes float64. 1 is float64(1) (printed "1"), integers
//     beyond 2^53 lose precision (9007199254740993 reads as 9007199254740992), and a float
//     literal beyond float64's range (1e400) was never a number: it stays the string "1e400".
//   - map keys become strings: booleans "true"/"false" (so `yes:` is the key "true"), integers
//     in decimal, floats with float32 precision (3.14159265358979 → "3.1415927"). A null key, a
//     key above 2^63-1, and a list or map as key are errors.
//   - explicit tags: !!str, !!int, !!float, !!bool, !!null, !!timestamp convert or fail as
//     yaml.v2 does ("cannot decode !!str `abc` as a !!int"); !!binary is base64-decoded;
//     unknown tags (!foo) leave the scalar a string.
//   - anchors and aliases are expanded; an alias inside its own anchor is an error; expansion
//     is bounded by yaml.v2's "excessive aliasing" ratio. Merge keys `<<` (a map, an alias of
//     a map, or a list of them) are applied where they appear: they overwrite keys written
//     before them, later keys overwrite them, and in a list the earlier maps win.
//   - duplicate keys: the later one wins.
// libyaml parses the text (yaml_graph.h), so syntax errors read as Helm's ("error converting
// YAML to JSON: yaml: line 3: mapping values are not allowed in this context"); the resolution
// above is ours. Nesting deeper than 1000 levels is refused ("exceeded max depth of 1000").
#pragma once

#include <string_view>

#include "charts/error.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::values {

// Any YAML document as interface{} would hold it after sigs.k8s.io/yaml: the top level may be
// any kind (an empty document is null). `source` names the file, for errors.
[[nodiscard]] Result<Value, Error> parse_yaml(std::string_view text, std::string_view source);

// A values file: the document must be a map, or empty (an empty map). Errors read like Helm's
// ("error converting YAML to JSON: yaml: line 3: ...", "error unmarshaling JSON: while
// decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}").
[[nodiscard]] Result<Value, Error> parse_values_yaml(std::string_view text,
                                                     std::string_view source);

}  // namespace chartmirror::charts::values
