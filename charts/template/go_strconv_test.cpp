#include "charts/template/go_strconv.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <doctest/doctest.h>

// Expected values are what Go 1.23+ prints for the same calls (strconv.Quote, fmt's %#U,
// strconv.Unquote, ParseUint/ParseInt/ParseFloat with base 0 and 64 bits, fmt.Sscan of a
// complex128).
namespace chartmirror::charts::tmpl::go {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("quote is strconv.Quote") {
  const struct {
    std::string in;
    std::string out;
  } cases[] = {
      {"a", R"("a")"},
      {std::string(1, '\0'), R"("\x00")"},
      {"é", R"("é")"},
      {"\xff", R"("\xff")"},
      {"\xe2\x82", R"("\xe2\x82")"},  // truncated UTF-8: byte by byte
      {"\u00a0", R"("\u00a0")"},      // no-break space is not printable for Go
      {"\U0001F600", "\"\U0001F600\""},
      {"\u200b", R"("\u200b")"},
      {"\U000E0001", R"("\U000e0001")"},
      {"\x7f", R"("\x7f")"},
      {R"(a"b\c)", R"("a\"b\\c")"},
      {"\n\t\r\a\b\f\v", R"("\n\t\r\a\b\f\v")"},
      {"\ufffd", "\"\ufffd\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(quote(c.in) == c.out);
  }
  CHECK(quote_prefix("abcdefghijkl", 10) == R"("abcdefghij")");
  CHECK(quote_prefix("ééé", 2) == R"("éé")");
  CHECK(quote_prefix("ab", 10) == R"("ab")");
}

TEST_CASE("format_unicode is fmt's %#U") {
  CHECK(format_unicode('a') == "U+0061 'a'");
  CHECK(format_unicode('#') == "U+0023 '#'");
  CHECK(format_unicode(1) == "U+0001");
  CHECK(format_unicode(0xA0) == "U+00A0");
  CHECK(format_unicode(0x1F600) == "U+1F600 '\U0001F600'");
  CHECK(format_unicode(0x10FFFF) == "U+10FFFF");
  CHECK(format_unicode(kRuneError) == "U+FFFD '\ufffd'");
}

TEST_CASE("unquote is strconv.Unquote") {
  const struct {
    std::string in;
    std::string out;
  } good[] = {
      {R"("a\tb")", "a\tb"},
      {"`a\r\nb`", "a\nb"},  // raw strings lose '\r'
      {R"("\u00e9")", "é"},
      {R"("\xff")", "\xff"},
      {R"("\377")", "\xff"},
      {"\"\xff\"", "\ufffd"},  // invalid UTF-8 becomes U+FFFD
      {R"("\U0010FFFF")", "\U0010FFFF"},
      {R"("\"")", "\""},
      {"``", ""},
      {R"("")", ""},
      {R"("\a\b\f\n\r\t\v\\")", "\a\b\f\n\r\t\v\\"},
  };
  for (const auto& c : good) {
    CAPTURE(c.in);
    const auto out = unquote(c.in);
    REQUIRE(out.ok());
    CHECK(*out == c.out);
  }
  const std::string bad[] = {
      R"("\400")", R"("\'")", R"("a)",    R"("\U00110000")", R"("\ud800")",
      R"("a"b")",  R"("\")",  "`a`b`",    "\"a\\\n\"",       R"("\q")",
      R"("\x4")",  "'a'",     "\"a\nb\"", R"("\u12")",       "x",
  };
  for (const auto& in : bad) {
    CAPTURE(in);
    const auto out = unquote(in);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().message == "invalid syntax");
  }
}

TEST_CASE("unquote_char is strconv.UnquoteChar") {
  auto c = unquote_char(R"(\x41rest)", '\'');
  REQUIRE(c);
  CHECK(c->value == 'A');
  CHECK_FALSE(c->multibyte);
  CHECK(c->tail == "rest");
  c = unquote_char("é'", '\'');
  REQUIRE(c);
  CHECK(c->value == 0xE9);
  CHECK(c->multibyte);
  CHECK(c->tail == "'");
  c = unquote_char(R"(\'')", '\'');
  REQUIRE(c);
  CHECK(c->value == '\'');
  CHECK_FALSE(unquote_char("'", '\''));  // an unescaped quote
  CHECK_FALSE(unquote_char(R"(\")", '\''));
  CHECK(unquote_char(R"(\")", '"'));
  CHECK_FALSE(unquote_char("", '\''));
  CHECK_FALSE(unquote_char("\\", '\''));
}

TEST_CASE("parse_uint and parse_int are ParseUint and ParseInt with base 0") {
  const struct {
    std::string in;
    std::optional<uint64_t> u;
    std::optional<int64_t> i;
  } cases[] = {
      {"0", 0, 0},
      {"-0", std::nullopt, 0},
      {"1_000", 1000, 1000},
      {"0b1_01", 5, 5},
      {"0x_ff", 255, 255},
      {"0_7", 7, 7},
      {"_1", std::nullopt, std::nullopt},
      {"1__0", std::nullopt, std::nullopt},
      {"1_", std::nullopt, std::nullopt},
      {"0x", std::nullopt, std::nullopt},
      {"18446744073709551615", 18446744073709551615ULL, std::nullopt},
      {"18446744073709551616", std::nullopt, std::nullopt},
      {"-9223372036854775808", std::nullopt, INT64_MIN},
      {"9223372036854775808", 9223372036854775808ULL, std::nullopt},
      {"+5", std::nullopt, 5},
      {"0o17", 15, 15},
      {"017", 15, 15},
      {"08", std::nullopt, std::nullopt},
      {"", std::nullopt, std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(parse_uint(c.in) == c.u);
    CHECK(parse_int(c.in) == c.i);
  }
}

TEST_CASE("parse_float is ParseFloat") {
  const struct {
    std::string in;
    std::optional<double> out;
  } cases[] = {
      {"1.5", 1.5},
      {"1e3", 1000},
      {"1_0.5", 10.5},
      {".5", 0.5},
      {"5.", 5},
      {"0x1p4", 16},
      {"0x1.8p1", 3},
      {"0x.8p0", 0.5},
      {"0x1", std::nullopt},  // a hexadecimal mantissa needs an exponent
      {"1e", std::nullopt},
      {"1e+", std::nullopt},
      {"1e_3", std::nullopt},
      {"1_e3", std::nullopt},
      {"-Infinity", -kInf},
      {"inf", kInf},
      {"+nan", std::nullopt},
      {"1e400", std::nullopt},  // out of range
      {"-1e400", std::nullopt},
      {"1e-400", 0},  // underflow is zero, not an error
      {"0x1p-1080", 0},
      {"4.9e-324", 4.9e-324},
      {"2e-324", 0},
      {"1.7976931348623157e308", 1.7976931348623157e308},
      {"1.7976931348623159e308", std::nullopt},
      {"00012", 12},
      {"1__2", std::nullopt},
      {"_1", std::nullopt},
      {"", std::nullopt},
      {".", std::nullopt},
  };
  for (const auto& c : cases) {
    CAPTURE(c.in);
    CHECK(parse_float(c.in) == c.out);
  }
  const auto nan = parse_float("NaN");
  REQUIRE(nan);
  CHECK(std::isnan(*nan));
  CHECK(std::signbit(*parse_float("-0")));
}

TEST_CASE("scan_complex is fmt.Sscan of a complex128") {
  const struct {
    std::string in;
    std::complex<double> out;
  } good[] = {
      {"1+2i", {1, 2}},    {"(1+2i)", {1, 2}},    {"1.5-2.5i", {1.5, -2.5}},
      {"1p4+1i", {16, 1}}, {"0x1p4+1i", {16, 1}}, {"1e3+1e-3i", {1000, 0.001}},
      {"1_0+2i", {10, 2}}, {"1p+4+1i", {16, 1}},  {"inf-infi", {kInf, -kInf}},
  };
  for (const auto& c : good) {
    CAPTURE(c.in);
    const auto out = scan_complex(c.in);
    REQUIRE(out.ok());
    CHECK(*out == c.out);
  }
  const struct {
    std::string in;
    std::string error;
  } bad[] = {
      {"1i+2i", "syntax error scanning complex number"},
      {"1", "syntax error scanning complex number"},
      {"1+i", "syntax error scanning complex number"},
      {"1px+1i", "syntax error scanning complex number"},
      {"nan+nani", R"(strconv.ParseFloat: parsing "+nan": invalid syntax)"},
      {"1e400+1i", R"(strconv.ParseFloat: parsing "1e400": value out of range)"},
      {"1p4x+1i", "syntax error scanning complex number"},
      {"", "EOF"},
  };
  for (const auto& c : bad) {
    CAPTURE(c.in);
    const auto out = scan_complex(c.in);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().message == c.error);
  }
}

TEST_CASE("UTF-8 decoding is Go's") {
  CHECK(decode_rune("é").rune == 0xE9);
  CHECK(decode_rune("é").width == 2);
  CHECK(decode_rune("\xc0\x80").rune == kRuneError);  // overlong
  CHECK(decode_rune("\xc0\x80").width == 1);
  CHECK(decode_rune("\xed\xa0\x80").width == 1);      // surrogate
  CHECK(decode_rune("\xf4\x90\x80\x80").width == 1);  // past U+10FFFF
  CHECK(decode_rune("\xe2\x82").width == 1);          // truncated
  CHECK(decode_rune("").width == 0);
  CHECK(decode_last_rune("a€").rune == 0x20AC);
  CHECK(decode_last_rune("a€").width == 3);
  CHECK(decode_last_rune("a\x82").width == 1);
  CHECK(decode_last_rune("é\xe2").rune == kRuneError);
  CHECK(valid_utf8("héllo"));
  CHECK_FALSE(valid_utf8("h\xffllo"));
  std::string out;
  append_rune(out, 0x1F600);
  append_rune(out, 0xD800);  // not a scalar value: U+FFFD
  CHECK(out == "\U0001F600\ufffd");
}

TEST_CASE("Unicode classes are Go's") {
  CHECK(is_letter('a'));
  CHECK(is_letter(0xE9));    // é
  CHECK(is_letter(0x672C));  // 本
  CHECK_FALSE(is_letter('1'));
  CHECK_FALSE(is_letter('_'));
  CHECK(is_digit('7'));
  CHECK(is_digit(0x0663));        // Arabic-Indic three
  CHECK_FALSE(is_digit(0x00B2));  // superscript two is No, not Nd
  CHECK(is_print(' '));
  CHECK(is_print(0x1F600));
  CHECK_FALSE(is_print(0xA0));
  CHECK_FALSE(is_print(0xAD));   // soft hyphen
  CHECK_FALSE(is_print(0x378));  // unassigned
  CHECK(is_space(0x85));
  CHECK(is_space(0x3000));
  CHECK_FALSE(is_space(0x200B));
}

}  // namespace chartmirror::charts::tmpl::go
