// charts/golang/yaml_scalar.h — what a YAML scalar means to go-yaml v2 (gopkg.in/yaml.v2
// resolve.go, v2.4.0; sigs.k8s.io/yaml v1.4.0 carries the same code as goyaml.v2).
//
// Helm reads values files and Chart.yaml with sigs.k8s.io/yaml, which parses with go-yaml v2
// into interface{}: YAML 1.1 scalars, so `yes`/`on`/`y` are true, `010` is 8, `0x1F` is 31,
// `1e3` is a float and `~` is null. What a value is (and so how Helm prints or compares it)
// is decided here.
//
// The rules, as resolve() and decoding into interface{} apply them:
//   - plain scalars: the words of resolve.go's table (booleans in three spellings each, null,
//     ~, "", .nan, .inf, -.inf, ...), else, for text starting with a digit or sign, an int
//     (strconv.ParseInt(s, 0, 64) after removing '_'), a uint64, or a float in YAML's float
//     syntax; text starting with '.' is a float when strconv.ParseFloat reads it. Timestamps
//     (2006-1-2, with a time) stay strings, as v2 keeps them in interface{}.
//   - quoted scalars and the non-specific tag "!" are strings; so is any tag go-yaml does not
//     resolve (!foo, !!set, ...), keeping the text.
//   - !!str, !!int, !!float, !!bool, !!null and !!timestamp must agree with what the text
//     resolves to ("cannot decode !!str `abc` as a !!int"); an int is accepted as a !!float.
//   - !!binary is base64 text still to decode (decode_yaml_binary).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "support/result.h"

namespace chartmirror::charts::go {

struct YamlScalar {
  enum class Kind { kNull, kBool, kInt, kUint, kFloat, kString, kBinary };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;  // only above INT64_MAX
  double floating = 0;
  std::string text;  // kString; kBinary holds the base64 text still to decode
};

// `tag` as yaml-cpp reports it: "?" for a plain scalar, "!" for a quoted one (or the
// non-specific tag), else the full tag ("tag:yaml.org,2002:int", "!foo"). The error is
// go-yaml's message without its "yaml: " prefix ("cannot decode !!str `abc` as a !!int").
[[nodiscard]] Result<YamlScalar, std::string> resolve_yaml_scalar(std::string_view tag,
                                                                  std::string_view value);

// The bytes of a !!binary scalar, as go-yaml decodes them with base64.StdEncoding: padding
// required, line breaks ignored. nullopt is go-yaml's "!!binary value contains invalid base64
// data".
[[nodiscard]] std::optional<std::string> decode_yaml_binary(std::string_view text);

}  // namespace chartmirror::charts::go
