// Expectations are Go's (go1.23, the Go of helm v3.17.3): unicode, strings.TrimSpace, and
// helm's sanitizeString.
#include "charts/golang/unicode.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("the unicode classes are Go's") {
  CHECK(is_letter('a'));
  CHECK(is_letter(0xE9));
  CHECK(is_letter(0x4E2D));  // 中
  CHECK_FALSE(is_letter('_'));
  CHECK_FALSE(is_letter('1'));
  CHECK(is_digit('7'));
  CHECK(is_digit(0x0663));        // ARABIC-INDIC DIGIT THREE
  CHECK_FALSE(is_digit(0x00B2));  // superscript two is No, not Nd
  CHECK(is_print(' '));
  CHECK(is_print(0xFFFD));
  CHECK(is_print(0x1F600));
  CHECK_FALSE(is_print('\t'));
  CHECK_FALSE(is_print(0x7F));
  CHECK_FALSE(is_print(0xA0));    // a space other than U+0020
  CHECK_FALSE(is_print(0xAD));    // soft hyphen, Cf
  CHECK_FALSE(is_print(0xE000));  // private use
  CHECK_FALSE(is_print(0x0378));  // unassigned
  CHECK_FALSE(is_print(0x110000));
  CHECK(is_space(0x85));
  CHECK(is_space(0x3000));
  CHECK_FALSE(is_space(0x200B));  // zero width space is Cf
}

TEST_CASE("sanitize is Helm's sanitizeString: spaces to ' ', unprintables dropped") {
  struct Case {
    std::string input;
    std::string expected;
  };
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
      {"a\u0378b", "ab"},                      // unassigned
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(sanitize(c.input) == c.expected);
  }
}

TEST_CASE("trim_space is strings.TrimSpace") {
  CHECK(trim_space("  a b \t\n") == "a b");
  CHECK(trim_space("\u00a0x\u3000") == "x");
  CHECK(trim_space("\xe2\x80") == "\xe2\x80");
  CHECK(trim_space("\x85") == "\x85");  // a lone byte 0x85 is invalid, not U+0085
  CHECK(trim_space(" \t ") == "");
  CHECK(trim_space("") == "");
}

}  // namespace chartmirror::charts::go
