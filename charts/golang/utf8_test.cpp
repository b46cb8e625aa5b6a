// Expectations are Go's (go1.23, the Go of helm v3.17.3): unicode/utf8.
#include "charts/golang/utf8.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("decode_rune is utf8.DecodeRuneInString: one U+FFFD per bad byte") {
  struct Case {
    std::string text;
    char32_t rune;
    std::size_t width;
  };
  const Case cases[] = {
      {"a", 'a', 1},
      {"\u00e9x", 0xE9, 2},
      {"\u20ac", 0x20AC, 3},
      {"\U0001F600", 0x1F600, 4},
      {"\xef\xbf\xbd", kRuneError, 3},  // a real U+FFFD
      {"", kRuneError, 0},
      {"\xff", kRuneError, 1},
      {"\x80", kRuneError, 1},              // a lone continuation byte
      {"\xc0\xaf", kRuneError, 1},          // an overlong '/'
      {"\xe0\x80\xaf", kRuneError, 1},      // overlong
      {"\xed\xa0\x80", kRuneError, 1},      // an encoded surrogate
      {"\xf4\x90\x80\x80", kRuneError, 1},  // past U+10FFFF
      {"\xe2\x82", kRuneError, 1},          // truncated
      {"\xe2\x28\xa1", kRuneError, 1},      // a bad continuation
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const DecodedRune decoded = decode_rune(c.text);
    CHECK(decoded.rune == c.rune);
    CHECK(decoded.width == c.width);
  }
}

TEST_CASE("decode_last_rune is utf8.DecodeLastRuneInString") {
  CHECK(decode_last_rune("a\u20ac").rune == 0x20AC);
  CHECK(decode_last_rune("a\u20ac").width == 3);
  CHECK(decode_last_rune("a\x82").width == 1);
  CHECK(decode_last_rune("a\x82").rune == kRuneError);
  CHECK(decode_last_rune("\xe2\x82").width == 1);  // truncated: the last byte alone
  CHECK(decode_last_rune("").width == 0);
}

TEST_CASE("valid_rune, valid_utf8 and append_rune") {
  CHECK(valid_rune(0x10FFFF));
  CHECK_FALSE(valid_rune(0x110000));
  CHECK_FALSE(valid_rune(0xD800));
  CHECK(valid_utf8("caf\u00e9 \U0001F600"));
  CHECK_FALSE(valid_utf8("caf\xe9"));
  std::string out;
  append_rune(out, 'a');
  append_rune(out, 0xE9);
  append_rune(out, 0x20AC);
  append_rune(out, 0x1F600);
  append_rune(out, 0xDFFF);  // not a rune: U+FFFD
  CHECK(out == "a\u00e9\u20ac\U0001F600\ufffd");
}

}  // namespace chartmirror::charts::go
