#include "support/base64.h"

#include <doctest/doctest.h>

namespace chartmirror {

TEST_CASE("base64 round-trips the RFC 4648 test vectors") {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {"", ""},
      {"f", "Zg=="},
      {"fo", "Zm8="},
      {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="},
      {"fooba", "Zm9vYmE="},
      {"foobar", "Zm9vYmFy"},
  };
  for (const auto& vector : vectors) {
    const std::string_view plain = vector.first;
    CAPTURE(plain);
    CHECK(base64_encode(plain) == vector.second);
    CHECK(base64_decode(vector.second) == std::string(plain));
  }
}

TEST_CASE("base64 decoding accepts unpadded and wrapped input") {
  CHECK(base64_decode("Zm9vYg") == std::string("foob"));
  CHECK(base64_decode("Zm9v\nYmFy\n") == std::string("foobar"));
  CHECK(base64_decode(base64_encode(std::string("\x00\xff\x10", 3))) ==
        std::string("\x00\xff\x10", 3));
}

TEST_CASE("base64 decoding rejects what is not base64") {
  for (const std::string_view bad : {"Zm9v!", "Z", "Zm9vY===", "Zg==Zg==", "Zm 9v", "Zg="}) {
    CAPTURE(bad);
    CHECK_FALSE(base64_decode(bad).has_value());
  }
}

}  // namespace chartmirror
