// charts/values/yaml_emit.h — Value to YAML, byte for byte as Helm's `toYaml` writes it.
//
// Helm's toYaml (pkg/engine/funcs.go) is sigs.k8s.io/yaml v1.4.0 `Marshal` with the final
// newline trimmed, and "" when Marshal fails. Marshal is encoding/json Marshal of the value,
// then JSONToYAML: the JSON is decoded by go-yaml v2 (v2.4.0) into interface{} and that is
// encoded again by go-yaml v2's emitter. What users see follows from those steps:
//   - numbers are retyped by their JSON text: a float64 holding an integer is written as an
//     int (1e6 is `1000000`, -0 is `0`), one beyond int64/uint64 as a float in %g form (1e20 is
//     `1e+20`), other floats with strconv 'g' (0.1, 1.5e-07). NaN and infinities cannot be
//     JSON: Marshal fails.
//   - map keys are sorted with go-yaml's keyList.Less, which compares runs of digits as numbers
//     and puts non-letters before letters ("a2" < "a10", "a_b" < "ab"), not bytewise.
//   - block style with 2-space indentation; a list under a map key is not indented ("k:\n- a");
//     empty lists and maps are `[]` and `{}`; null is `null`.
//   - a string is quoted when go-yaml would read it back as something else (true, on, y, 1,
//     1.5, 0x1F, ~, null, 2024-01-02, 1:20 ...): "double quoted"; a string that cannot be plain
//     for YAML reasons (leading or trailing space, ": ", " #", a leading indicator such as
//     '-' '*' '&' '!' ...) is 'single quoted'; one with characters go-yaml deems unprintable
//     (controls, tab, NEL, U+FEFF, and every character above U+FFFF, emoji included) is double
//     quoted with escapes (\t, \x01, \U0001F600).
//   - a string holding "\n" is a literal block (`|`, `|-` or `|+` by its trailing newlines,
//     `|2` when it starts with a space or a break), unless it has trailing spaces on the last
//     line, spaces before a line break, or unprintable characters: then double quoted. As a map
//     key it is a complex key ("? |-").
//   - plain and quoted scalars reaching past column 80 are folded at single spaces onto the
//     next line, indented (YAML reads them back as the same text); simple keys are never
//     folded. Keys longer than 128 bytes become complex keys ("? key\n: value"), which fold.
//   - keyList.Less is not transitive for some sets of keys mixing digits with other
//     non-letters; helm's order for such a map changes from run to run (Go's random map order
//     feeds sort.Sort). Ours is deterministic (a merge sort of the bytewise order) and may
//     differ from a given helm run. No corpus chart's values has such a map.
//   - invalid UTF-8 becomes U+FFFD (encoding/json). A string holding DEL, a C1 control or
//     U+FFFE/U+FFFF, a map key longer than 1024 characters of JSON, or a NEL (U+0085) that
//     starts a line with "---"/"..." makes go-yaml's reader fail, so toYaml is ""; NEL is read
//     as a line break inside a JSON string and folded (to a space, or to "\n" for two).
#pragma once

#include <string>

#include "charts/error.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::values {

// sigs.k8s.io/yaml Marshal: the YAML document with its final newline ("null\n", "{}\n",
// "a: 1\n"). Fails where Marshal does (see above); the error message is Go's text.
[[nodiscard]] Result<std::string, Error> marshal_yaml(const Value& value);

// Helm's toYaml: marshal_yaml without one trailing "\n", or "" when it fails.
[[nodiscard]] std::string to_yaml(const Value& value);

}  // namespace chartmirror::charts::values
