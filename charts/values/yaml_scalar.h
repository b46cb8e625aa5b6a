// charts/values/yaml_scalar.h — what a YAML scalar means to gopkg.in/yaml.v2 (resolve.go).
//
// The tag is as yaml-cpp reports it: "?" for a plain scalar, "!" for a quoted one (or the
// non-specific tag), else the full tag ("tag:yaml.org,2002:int", "!foo").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "support/result.h"

namespace chartmirror::charts::values {

struct YamlScalar {
  enum class Kind { kNull, kBool, kInt, kUint, kFloat, kString, kBinary };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t unsigned_integer = 0;
  double floating = 0;
  std::string text;  // kString; kBinary holds the base64 text still to decode
};

// The error is yaml.v2's message without the "yaml: " prefix
// ("cannot decode !!str `abc` as a !!int").
[[nodiscard]] Result<YamlScalar, std::string> resolve_yaml_scalar(std::string_view tag,
                                                                  std::string_view value);

// float32 formatted as strconv.FormatFloat(f, 'g', -1, 32).
[[nodiscard]] std::string format_go_float32(float f);

}  // namespace chartmirror::charts::values
