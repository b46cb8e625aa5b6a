// charts/engine/exec_errors.h — how Helm's engine words template errors (pkg/engine/engine.go
// cleanupParseError and reformatExecErrorMsg, Helm 3.17.3), and its other small text rules.
#pragma once

#include <string>
#include <string_view>

#include "charts/template/error.h"
#include "charts/values/value.h"

namespace chartmirror::charts::engine {

// How deep templates may nest ({{template}}, include, tpl together). Helm's own include limit
// (1000 nestings of one name, functions.h) is reached first.
inline constexpr int kMaxTemplateDepth = 1500;

// cleanupParseError: "parse error at (LOCATION): LAST PART OF THE MESSAGE", where Go's text
// "template: LOCATION: ..." is split at ": ".
[[nodiscard]] std::string parse_error_text(std::string_view template_name,
                                           const tmpl::TemplateError& error);

// reformatExecErrorMsg: "execution error at (LOCATION): MESSAGE" when the message holds a
// required/fail message between HELM_ERR_START and HELM_ERR_END; Go's text otherwise.
[[nodiscard]] std::string exec_error_text(std::string_view template_name,
                                          const tmpl::TemplateError& error);

// strings.ReplaceAll(text, "<no value>", ""), as Helm applies to every output.
void remove_no_value(std::string& text);

// encoding/json's name of a value's JSON type in its unmarshal errors ("cannot unmarshal
// array into Go value of type ..."): "array", "object", "string", "number", "bool", "null".
[[nodiscard]] std::string json_type_name(const values::Value& value);

}  // namespace chartmirror::charts::engine
