// charts/values/yaml_graph.h — the first document of a YAML text as go-yaml v2's parser holds
// it (gopkg.in/yaml.v2 decode.go, the "parser" half): a graph of nodes, before any resolution.
//
// The text is read by libyaml, the C library go-yaml v2 is a line-by-line port of, so what
// parses (and what does not, and where) is what Helm sees. Only the first document is read:
// events are consumed up to and including its DOCUMENT-END, as yaml.v2 Unmarshal does, so a
// syntax error in a later document that the scanner has not reached yet is not seen.
//
// Errors are go-yaml's text without its "yaml: " prefix:
//   - syntax: "line N: PROBLEM", with go-yaml's line rule (parser.fail): the problem mark's
//     0-based line, plus one for scanner errors; else the context mark's line; no "line N: "
//     when both are 0 (reader errors: "control characters are not allowed").
//   - an alias of an anchor not defined before it: "unknown anchor 'x' referenced".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace chartmirror::charts::values::yaml {

struct RawNode {
  enum class Kind { kScalar, kSequence, kMapping, kAlias };
  Kind kind = Kind::kScalar;
  // go::resolve_yaml_scalar's convention: "?" a plain scalar without tag, "!" a quoted one,
  // else the tag as libyaml expands it ("tag:yaml.org,2002:int", "!", "!foo").
  std::string tag;
  std::string value;
  std::string anchor;                 // the name of the anchor this node defines, if any
  std::vector<std::size_t> children;  // items, or key, value, key, value...
  std::size_t target = 0;             // an alias's anchored node
};

struct Graph {
  std::vector<RawNode> nodes;
  std::optional<std::size_t> root;  // none for an empty stream
};

[[nodiscard]] Result<Graph, std::string> read_first_document(std::string_view text);

}  // namespace chartmirror::charts::values::yaml
