// charts/golang/json_text.h — how Go's encoding/json writes a string and a float64.
//
// Helm writes JSON with json.Marshal in two places whose bytes matter: the OCI config blob of
// a pushed chart (Chart.yaml as JSON; its digest must equal helm's) and the `toJson` template
// function. Marshal escapes strings for HTML and writes floats with its own cut-over between
// fixed and exponent forms; both are here.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// A JSON string as json.Marshal writes it, quotes included: '"' and '\\' escaped; \b \f \n \r
// \t short (Go 1.22 on); other controls \u00XX; '<' '>' '&' U+2028 U+2029 as \uXXXX (HTML-safe);
// each byte of invalid UTF-8 as \ufffd; everything else, DEL and non-ASCII included, as is.
void append_json_string(std::string& out, std::string_view text);

// A float64 as json.Marshal writes it: strconv 'f' with the shortest digits, or 'e' when
// |value| is below 1e-6 or from 1e21 on, with a negative exponent unpadded (1e-7, 1e+21).
// NaN and infinities have no JSON form (Marshal fails: "json: unsupported value: +Inf");
// callers must not pass them.
void append_json_number(std::string& out, double value);

}  // namespace chartmirror::charts::go
