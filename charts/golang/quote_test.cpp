// Expectations are Go's (go1.23, the Go of helm v3.17.3): strconv.Quote, which is %q.
#include "charts/golang/quote.h"

#include <string>

#include <doctest/doctest.h>

namespace chartmirror::charts::go {

TEST_CASE("quote is strconv.Quote") {
  struct Case {
    std::string text;
    std::string quoted;
  };
  const Case cases[] = {
      {"a", R"("a")"},
      {"", R"("")"},
      {"a\"b\\c\n\t", R"("a\"b\\c\n\t")"},
      {"\a\b\f\r\v", R"("\a\b\f\r\v")"},
      {std::string("\x01\x00", 2), R"("\x01\x00")"},
      {"\x7f", R"("\x7f")"},
      {"'", R"("'")"},
      {"\u00e9\U0001F600\ufffd", "\"\u00e9\U0001F600\ufffd\""},  // printable runes stay
      {"\u00a0\u00ad", R"("\u00a0\u00ad")"},
      {"\u2028", R"("\u2028")"},
      {"\U000E0001", R"("\U000e0001")"},
      {"\xff", R"("\xff")"},  // a byte of invalid UTF-8
      {"a\xe2\x82", R"("a\xe2\x82")"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(quote(c.text) == c.quoted);
  }
}

}  // namespace chartmirror::charts::go
