// The expected values below are what Go's standard library returns (checked with a Go
// program against go1.22+ behaviour, the Go of helm v3.17.3 being go1.23).
#include "charts/chart/go_text.h"

#include <doctest/doctest.h>

#include "charts/chart/go_glob.h"

namespace chartmirror::charts::go {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

std::string json_number(double value) {
  std::string out;
  append_json_number(out, value);
  return out;
}

}  // namespace

TEST_CASE("sanitize is Helm's sanitizeString: spaces to ' ', unprintables dropped") {
  const Case cases[] = {
      {"a\tb\nc", "a b c"},
      {"x\u00a0y\u0085z", "x y z"},
      {std::string("\x00\x07\x1b[31m", 7), "[31m"},
      {"caf\u00e9 \u00ad", "caf\u00e9 "},
      {"\u200bzw\u200d", "zw"},
      {"\ufeffbom", "bom"},
      {"\xff\xfe", "\ufffd\ufffd"},
      {"\xe2\x82", "\ufffd\ufffd"},
      {"a\u2028b\u2029", "a b "},
      {"\ue000pua", "pua"},
      {"\U0001F600", "\U0001F600"},
      {"\x7f\u0080\u009f", ""},
      {"\u3000ide", " ide"},
      {"\xed\xa0\x80", "\ufffd\ufffd\ufffd"},  // an encoded surrogate is invalid
      {"\xc0\xaf", "\ufffd\ufffd"},            // an overlong '/' is invalid
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(sanitize(c.input) == c.expected);
  }
}

TEST_CASE("JSON strings are escaped as encoding/json does, HTML-safe") {
  const Case cases[] = {
      {"<a href=\"x\">&</a>", R"("\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e")"},
      {"tab\there\nnl\r\b\f\x01\x1f\x7f", "\"tab\\there\\nnl\\r\\b\\f\\u0001\\u001f\x7f\""},
      {"\u2028\u2029", R"("\u2028\u2029")"},
      {"\xff ok \xe2\x82", R"("\ufffd ok \ufffd\ufffd")"},
      {"\u00e9\U0001F600", "\"\u00e9\U0001F600\""},
      {"back\\slash", R"("back\\slash")"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(json_string(c.input) == c.expected);
  }
}

TEST_CASE("JSON numbers are float64 as encoding/json writes them") {
  const std::pair<double, std::string> cases[] = {
      {1, "1"},
      {1.5, "1.5"},
      {1e21, "1e+21"},
      {1e20, "100000000000000000000"},
      {1e-6, "0.000001"},
      {1e-7, "1e-7"},
      {0.000001234, "0.000001234"},
      {123456789012345680000.0, "123456789012345680000"},
      {0, "0"},
      {12345678.9, "12345678.9"},
      {5e-324, "5e-324"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(json_number(c.first) == c.second);
  }
}

TEST_CASE("YAML floats in string fields read as strconv.FormatFloat(v, 'g', -1, 32)") {
  const std::pair<double, std::string> cases[] = {
      {1.1, "1.1"},       {1.10, "1.1"},
      {0.1, "0.1"},       {1, "1"},
      {1000000, "1e+06"}, {1234567, "1.234567e+06"},
      {123456, "123456"}, {1e21, "1e+21"},
      {1e20, "1e+20"},    {0.0001, "0.0001"},
      {0.00001, "1e-05"}, {3.14159265358979, "3.1415927"},
      {-2.5, "-2.5"},     {0, "0"},
      {1e-7, "1e-07"},    {16777217, "1.6777216e+07"},  // float32 cannot hold it
      {100, "100"},       {1.5e300, "+Inf"},
      {2.0e-45, "1e-45"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    CHECK(format_float32(c.first) == c.second);
  }
}

TEST_CASE("paths are cleaned and named as Go's path package does") {
  const Case clean[] = {
      {"", "."},         {".", "."},      {"a/b/../c", "a/c"},    {"../a", "../a"},
      {"a/../..", ".."}, {"/../a", "/a"}, {"a//b/./c/", "a/b/c"}, {"./a", "a"},
      {"a/..", "."},     {"/", "/"},      {"//a", "/a"},
  };
  for (const auto& c : clean) {
    CAPTURE(c.input);
    CHECK(clean_path(c.input) == c.expected);
  }
  const Case base[] = {{"", "."},  {"a", "a"},   {"a/b", "b"}, {"a/b/", "b"},
                       {"/", "/"}, {"///", "/"}, {"a//", "a"}};
  for (const auto& c : base) {
    CAPTURE(c.input);
    CHECK(base_name(c.input) == c.expected);
  }
}

TEST_CASE("globs match as filepath.Match does") {
  struct Glob {
    std::string pattern;
    std::string name;
    MatchResult expected;
  };
  const auto yes = MatchResult::kMatch;
  const auto no = MatchResult::kNoMatch;
  const auto bad = MatchResult::kBadPattern;
  const Glob cases[] = {
      {"*.txt", "a.txt", yes},
      {"*.txt", "a/b.txt", no},
      {"a/*.txt", "a/b.txt", yes},
      {"?", "/", no},
      {"[a-c]x", "bx", yes},
      {"[^a-c]x", "bx", no},
      {"[", "abc", bad},
      {"a\\", "a", bad},
      {"\\*", "*", yes},
      {"[]a]", "]", bad},
      {"[a-]", "a", bad},
      {"*x*", "axb", yes},
      {"a*b*c", "abxbc", yes},
      {"*", "", yes},
      {".?*", ".a", yes},
      {".?*", ".", no},
      {"templates/.?*", "templates/.x", yes},
      {"*/", "a/", yes},
      {"[\\]]", "]", yes},
      {"x*[", "abc", no},
      {"ab[", "abc", bad},
      {"[!a]", "b", no},
      {"\u00e9?", "\u00e9x", yes},
      {"a?b", "a\u00e9b", yes},
  };
  for (const auto& c : cases) {
    CAPTURE(c.pattern);
    CAPTURE(c.name);
    CHECK(match_glob(c.pattern, c.name) == c.expected);
  }
}

TEST_CASE("trim_space is strings.TrimSpace") {
  CHECK(trim_space("  a b \t\n") == "a b");
  CHECK(trim_space("\u00a0x\u3000") == "x");
  CHECK(trim_space("\xe2\x80") == "\xe2\x80");
  CHECK(trim_space("") == "");
}

}  // namespace chartmirror::charts::go
