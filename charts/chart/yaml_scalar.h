// charts/chart/yaml_scalar.h — what go-yaml v2 (the YAML parser under Helm) makes of a scalar
// (internal to charts/chart; see go_yaml.h). YAML 1.1 rules: y/yes/on/true and n/no/off/false
// (in three spellings each) are bools; ~ and null are null; Go integer syntax with '_' allowed
// (0x1F, 0o17, 0b101, and 010 is octal 8); floats like 1.5, .5, 1e3, .inf, .nan. A quoted scalar
// is a string; an explicit standard tag (!!str, !!int, !!float, !!bool, !!null, !!binary) must
// agree with the text; another tag leaves the text a string.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include <yaml-cpp/yaml.h>

#include "support/result.h"

namespace chartmirror::charts::go {

struct Null {};
using Scalar = std::variant<Null, bool, std::int64_t, std::uint64_t, double, std::string>;

// A scalar (or null) node's value; the error says why it cannot be what its tag says.
[[nodiscard]] Result<Scalar, std::string> resolve_scalar(const YAML::Node& node);

// The scalar as sigs.k8s.io/yaml writes it where a string is wanted (nullopt for null):
// integers in decimal, floats as strconv.FormatFloat(v, 'g', -1, 32), bools as true/false.
[[nodiscard]] std::optional<std::string> as_go_string(const Scalar& scalar);

}  // namespace chartmirror::charts::go
