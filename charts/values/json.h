// charts/values/json.h — JSON to and from Value, as Go's encoding/json does it.
//
// Reading is json.Unmarshal into interface{}: every number becomes float64 (a number beyond
// float64's range is an error), duplicate keys keep the last value. It reads values.schema.json
// and `--set-json` values. Documents nested deeper than 1000 levels are refused (Go allows
// 10000).
//
// Writing is json.Marshal, which is what Helm's `toJson` and `mustToJson` print: compact, map
// keys sorted, int64 in decimal, floats and strings as encoding/json writes them
// (charts/golang/json_text.h: 1e-7, 1e+21, HTML-safe escapes). NaN and ±Inf cannot be written.
#pragma once

#include <string>
#include <string_view>

#include "charts/error.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::values {

// `source` names the file or flag the text came from, for the error.
[[nodiscard]] Result<Value, Error> parse_json(std::string_view text, std::string_view source);

[[nodiscard]] Result<std::string, Error> to_json(const Value& value);

// The length of the first JSON value in `text` after leading whitespace, including that
// whitespace, the way json.Decoder.InputOffset reports it after one Decode; 0 when `text` does
// not start with a complete value (the value's own syntax is checked by parse_json).
[[nodiscard]] std::size_t json_value_extent(std::string_view text);

}  // namespace chartmirror::charts::values
