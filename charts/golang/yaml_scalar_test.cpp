// Expectations are go-yaml v2.4.0's (the goyaml.v2 in sigs.k8s.io/yaml v1.4.0, which helm
// v3.17.3 uses), found by yaml.Unmarshal of `v: <tag> <text>` into interface{}.
#include "charts/golang/yaml_scalar.h"

#include <initializer_list>
#include <string>

#include <doctest/doctest.h>

#include "charts/golang/format_float.h"

namespace chartmirror::charts::go {
namespace {

// "!!int" → "tag:yaml.org,2002:int"; "?", "!" and "!foo" as they are.
std::string long_tag(std::string_view tag) {
  if (tag.starts_with("!!")) return "tag:yaml.org,2002:" + std::string(tag.substr(2));
  return std::string(tag);
}

// The resolved scalar in one string: "int:8", "float:1.5", "str:abc", "null", "bool:true",
// "uint:...", "binary:<bytes>", or "error:<message>".
std::string describe(std::string_view tag, std::string_view text) {
  auto resolved = resolve_yaml_scalar(long_tag(tag), text);
  if (!resolved.ok()) return "error:" + resolved.error();
  const YamlScalar& s = *resolved;
  switch (s.kind) {
    case YamlScalar::Kind::kNull:
      return "null";
    case YamlScalar::Kind::kBool:
      return s.boolean ? "bool:true" : "bool:false";
    case YamlScalar::Kind::kInt:
      return "int:" + std::to_string(s.integer);
    case YamlScalar::Kind::kUint:
      return "uint:" + std::to_string(s.unsigned_integer);
    case YamlScalar::Kind::kFloat:
      return "float:" + format_float(s.floating, 'g');
    case YamlScalar::Kind::kString:
      return "str:" + s.text;
    case YamlScalar::Kind::kBinary: {
      auto bytes = decode_yaml_binary(s.text);
      return bytes ? "binary:" + *bytes : "error:!!binary value contains invalid base64 data";
    }
  }
  return "";
}

struct Case {
  std::string tag;
  std::string text;
  std::string expected;
};

void check_all(std::initializer_list<Case> cases) {
  for (const auto& c : cases) {
    CAPTURE(c.tag);
    CAPTURE(c.text);
    CHECK(describe(c.tag, c.text) == c.expected);
  }
}

}  // namespace

TEST_CASE("plain scalars resolve with YAML 1.1 rules") {
  check_all({
      {"?", "", "null"},
      {"?", "~", "null"},
      {"?", "Null", "null"},
      {"?", "nULL", "str:nULL"},
      {"?", "y", "bool:true"},
      {"?", "Yes", "bool:true"},
      {"?", "ON", "bool:true"},
      {"?", "n", "bool:false"},
      {"?", "Off", "bool:false"},
      {"?", "tRUE", "str:tRUE"},
      {"?", "0", "int:0"},
      {"?", "-0", "int:0"},
      {"?", "010", "int:8"},
      {"?", "08", "float:8"},  // not octal, but YAML's float syntax
      {"?", "0o17", "int:15"},
      {"?", "0x1F", "int:31"},
      {"?", "-0x1F", "int:-31"},
      {"?", "0b101", "int:5"},
      {"?", "-0b101", "int:-5"},
      {"?", "0x", "str:0x"},
      {"?", "1_000", "int:1000"},
      {"?", "0x_1F", "int:31"},
      {"?", "1_0.5", "float:10.5"},
      {"?", "1,000", "str:1,000"},
      {"?", "9223372036854775807", "int:9223372036854775807"},
      {"?", "9223372036854775808", "uint:9223372036854775808"},
      {"?", "18446744073709551615", "uint:18446744073709551615"},
      {"?", "18446744073709551616", "float:1.8446744073709552e+19"},
      {"?", "-9223372036854775809", "float:-9.223372036854776e+18"},
      {"?", "0xFFFFFFFFFFFFFFFF", "uint:18446744073709551615"},
      {"?", "0x10000000000000000", "str:0x10000000000000000"},
      {"?", "1.5", "float:1.5"},
      {"?", "1.", "float:1"},
      {"?", ".5", "float:0.5"},
      {"?", "+.5", "float:0.5"},
      {"?", "1e3", "float:1000"},
      {"?", "1e", "str:1e"},
      {"?", ".e3", "str:.e3"},
      {"?", ".", "str:."},
      {"?", "1e400", "str:1e400"},
      {"?", ".5e400", "str:.5e400"},
      {"?", "1e-400", "float:0"},
      {"?", ".nan", "float:NaN"},
      {"?", ".Inf", "float:+Inf"},
      {"?", "-.INF", "float:-Inf"},
      {"?", ".iNf", "str:.iNf"},
      {"?", "inf", "str:inf"},
      {"?", "0x1p-2", "str:0x1p-2"},
      {"?", "+", "str:+"},
      {"?", "2024-01-02", "str:2024-01-02"},  // a timestamp, kept as written
      {"?", "2001-12-14t21:59:43.10-05:00", "str:2001-12-14t21:59:43.10-05:00"},
      {"?", "<<", "str:<<"},
      {"?", "abc", "str:abc"},
  });
}

TEST_CASE("quoted scalars, the non-specific tag and unknown tags keep their text") {
  check_all({
      {"!", "", "str:"},
      {"!", "1", "str:1"},
      {"!", "null", "str:null"},
      {"!", "yes", "str:yes"},
      {"!foo", "1", "str:1"},
      {"!foo", "", "str:"},
      // Tags of YAML's namespace that go-yaml does not resolve.
      {"!!foo", "1.5", "str:1.5"},
      {"!!set", "", "str:"},
      {"!!merge", "<<", "str:<<"},
  });
}

TEST_CASE("explicit standard tags must agree with the text") {
  check_all({
      {"!!str", "123", "str:123"},
      {"!!str", "", "str:"},
      {"!!str", "~", "str:~"},
      {"!!int", "12", "int:12"},
      {"!!int", "0x1F", "int:31"},
      {"!!int", "abc", "error:cannot decode !!str `abc` as a !!int"},
      {"!!int", "1.5", "error:cannot decode !!float `1.5` as a !!int"},
      {"!!int", "", "error:cannot decode !!null `` as a !!int"},
      {"!!int", "2024-01-02", "error:cannot decode !!str `2024-01-02` as a !!int"},
      {"!!float", "1", "float:1"},  // an int is a float
      {"!!float", "1.5", "float:1.5"},
      {"!!float", ".inf", "float:+Inf"},
      {"!!float", "18446744073709551615",
       "error:cannot decode !!int `18446744073709551615` as a !!float"},  // a uint64 is not
      {"!!float", "yes", "error:cannot decode !!bool `yes` as a !!float"},
      {"!!bool", "yes", "bool:true"},
      {"!!bool", "1", "error:cannot decode !!int `1` as a !!bool"},
      {"!!null", "", "null"},
      {"!!null", "~", "null"},
      {"!!null", "x", "error:cannot decode !!str `x` as a !!null"},
  });
}

TEST_CASE("!!timestamp accepts Go's timestamp layouts and keeps the text") {
  check_all({
      {"!!timestamp", "2024-01-02", "str:2024-01-02"},
      {"!!timestamp", "2024-1-2", "str:2024-1-2"},
      {"!!timestamp", "2024-02-29", "str:2024-02-29"},
      {"!!timestamp", "2001-12-14T21:59:43.10Z", "str:2001-12-14T21:59:43.10Z"},
      {"!!timestamp", "2001-12-14t21:59:43.10-05:00", "str:2001-12-14t21:59:43.10-05:00"},
      {"!!timestamp", "2001-12-14 21:59:43.10", "str:2001-12-14 21:59:43.10"},
      {"!!timestamp", "2001-12-14T21:59:43+05:00", "str:2001-12-14T21:59:43+05:00"},
      {"!!timestamp", "2023-02-29", "error:cannot decode !!str `2023-02-29` as a !!timestamp"},
      {"!!timestamp", "2024-13-01", "error:cannot decode !!str `2024-13-01` as a !!timestamp"},
      {"!!timestamp", "2001-12-14 21:59:43.10 -5",
       "error:cannot decode !!str `2001-12-14 21:59:43.10 -5` as a !!timestamp"},
      {"!!timestamp", "2001-12-14T25:59:43Z",
       "error:cannot decode !!str `2001-12-14T25:59:43Z` as a !!timestamp"},
      {"!!timestamp", "20011-12-14", "error:cannot decode !!str `20011-12-14` as a !!timestamp"},
      {"!!timestamp", "nope", "error:cannot decode !!str `nope` as a !!timestamp"},
  });
}

TEST_CASE("!!binary is standard base64 with padding; line breaks are ignored") {
  check_all({
      {"!!binary", "aGVsbG8=", "binary:hello"},
      {"!!binary", "aGVs\nbG8=", "binary:hello"},
      {"!!binary", "", "binary:"},
      {"!!binary", "aGVsbG8", "error:!!binary value contains invalid base64 data"},
      {"!!binary", "aGVs bG8=", "error:!!binary value contains invalid base64 data"},
      {"!!binary", "yes", "error:!!binary value contains invalid base64 data"},
      {"!!binary", "~", "error:!!binary value contains invalid base64 data"},
  });
}

}  // namespace chartmirror::charts::go
