// charts/chart/go_text.h — the few behaviours of Go's standard library that decide what Helm
// reads and writes, so that a chart loaded here says what Helm would say about it.
//
// Helm is a Go program: it sanitizes Chart.yaml strings with the `unicode` package, writes the
// OCI config blob with `encoding/json`, turns YAML numbers into strings with `strconv`, and
// cleans archive paths with `path`. (.helmignore's `path/filepath.Match` is in go_glob.h.)
// Each function names the Go function it mirrors; the tests hold cases checked against Go
// 1.22+ (helm v3.17.3 is built with Go 1.23).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// utf8.RuneError: U+FFFD, what invalid UTF-8 decodes as.
inline constexpr char32_t kRuneError = 0xFFFD;

// A code point and the bytes it took: utf8.DecodeRuneInString. Invalid UTF-8 (overlong forms,
// surrogates, truncated sequences, values past U+10FFFF) decodes as U+FFFD of width 1.
struct Rune {
  char32_t value = 0;
  size_t width = 0;
};
[[nodiscard]] Rune decode_rune(std::string_view text);
void append_rune(std::string& out, char32_t rune);

// unicode.IsSpace and unicode.IsPrint. IsPrint knows the control, format (Cf) and private-use
// code points; unassigned code points, which Go also counts as unprintable, count as printable
// here (that needs Unicode's full tables).
[[nodiscard]] bool is_space(char32_t rune);
[[nodiscard]] bool is_print(char32_t rune);

// Helm's sanitizeString (pkg/chart/metadata.go): every space becomes ' ', every unprintable
// code point is dropped, and each byte of invalid UTF-8 becomes U+FFFD.
[[nodiscard]] std::string sanitize(std::string_view text);

// strings.TrimSpace.
[[nodiscard]] std::string_view trim_space(std::string_view text);

// encoding/json.Marshal of a string, quotes included: '"' and '\\' escaped, \b \f \n \r \t
// short, other controls as \u00XX, '<' '>' '&' U+2028 U+2029 as \uXXXX (HTML-safe), and each
// byte of invalid UTF-8 as \ufffd.
void append_json_string(std::string& out, std::string_view text);

// encoding/json.Marshal of a float64 (shortest form; exponent only below 1e-6 or from 1e21).
// NaN and infinities have no JSON form; callers must not pass them.
void append_json_number(std::string& out, double value);

// strconv.FormatFloat(value, 'g', -1, 32): what sigs.k8s.io/yaml makes of a YAML float that
// lands in a string field (`appVersion: 1.10` is the string "1.1").
[[nodiscard]] std::string format_float32(double value);

// path.Base on '/'-separated paths: "" is ".", "a/b/" is "b", "///" is "/".
[[nodiscard]] std::string_view base_name(std::string_view path);

// path.Clean: the shortest equivalent path, lexically ("a/../b" is "b", "" is ".").
[[nodiscard]] std::string clean_path(std::string_view path);

}  // namespace chartmirror::charts::go
