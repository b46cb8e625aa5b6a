// Sprig's random functions (crypto.go, functions.go): uuidv4 randAlphaNum randAlpha
// randNumeric randAscii (goutils' CryptoRandom*), randBytes and randInt.
//
// Every value comes from OpenSSL's RAND_bytes (Go's crypto/rand; randInt uses math/rand in
// Go, whose sequence is not reproduced). Outputs are random, so helm and chartmirror agree on
// their shape only: length, alphabet, UUID version and variant.
//
// Limits (Go has none): strings and byte counts beyond 64 MiB are refused.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <openssl/rand.h>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "support/base64.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

constexpr std::int64_t kMaxLength = std::int64_t{64} << 20;

Result<std::vector<unsigned char>, GoError> random_bytes(std::size_t n) {
  std::vector<unsigned char> out(n);
  if (n > 0 && RAND_bytes(out.data(), static_cast<int>(n)) != 1) {
    return GoError{"crypto/rand: reading random bytes failed"};
  }
  return out;
}

// A uniform random number below `bound` (> 0), without modulo bias.
Result<std::uint64_t, GoError> below(std::uint64_t bound) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  while (true) {
    auto bytes = random_bytes(8);
    if (!bytes.ok()) return bytes.error();
    std::uint64_t v = 0;
    for (const unsigned char b : *bytes) v = (v << 8U) | b;
    if (v < limit) return v % bound;
  }
}

// goutils' CryptoRandom over `alphabet`: `count` characters; nothing for count <= 0 (goutils
// fails for a negative count, and Sprig drops the error).
FunctionResult random_string(std::int64_t count, std::string_view alphabet) {
  if (count <= 0) return ExecValue(Value(""));
  if (count > kMaxLength) return std::string("random string length beyond 64 MiB");
  std::string out;
  out.reserve(static_cast<std::size_t>(count));
  for (std::int64_t i = 0; i < count; ++i) {
    auto index = below(alphabet.size());
    if (!index.ok()) return index.error().message;
    out += alphabet[*index];
  }
  return ExecValue(Value(std::move(out)));
}

std::string ascii_range(char first, char last) {
  std::string out;
  for (char c = first; c <= last; ++c) out += c;
  return out;
}

// google/uuid's New().String(): 16 random bytes with version 4 and the RFC 4122 variant.
FunctionResult uuid_v4() {
  auto bytes = random_bytes(16);
  if (!bytes.ok()) return bytes.error().message;
  std::vector<unsigned char>& b = *bytes;
  b[6] = static_cast<unsigned char>((b[6] & 0x0FU) | 0x40U);
  b[8] = static_cast<unsigned char>((b[8] & 0x3FU) | 0x80U);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4U];
    out += kHex[b[i] & 0x0FU];
  }
  return ExecValue(Value(std::move(out)));
}

}  // namespace

void add_random(FunctionMap& m) {
  using P = ParamType;
  m["uuidv4"] = fixed({}, [](CallContext&, Args&) { return uuid_v4(); });
  const std::string upper = ascii_range('A', 'Z');
  const std::string lower = ascii_range('a', 'z');
  const std::string digits = ascii_range('0', '9');
  const auto string_function = [](std::string alphabet) {
    return fixed({P::kInt}, [alphabet = std::move(alphabet)](CallContext&, Args& a) {
      return random_string(a[0].value().as_int(), alphabet);
    });
  };
  m["randAlphaNum"] = string_function(upper + lower + digits);
  m["randAlpha"] = string_function(upper + lower);
  m["randNumeric"] = string_function(digits);
  m["randAscii"] = string_function(ascii_range(' ', '~'));
  m["randBytes"] = fixed({P::kInt}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t count = a[0].value().as_int();
    if (count < 0) return std::string("runtime error: makeslice: len out of range");
    if (count > kMaxLength) return std::string("randBytes count beyond 64 MiB");
    auto bytes = random_bytes(static_cast<std::size_t>(count));
    if (!bytes.ok()) return bytes.error().message;
    const std::string raw(bytes->begin(), bytes->end());
    return ExecValue(Value(chartmirror::base64_encode(raw)));
  });
  // rand.Intn(max-min) + min, which panics unless max > min.
  m["randInt"] = fixed({P::kInt, P::kInt}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t min = a[0].value().as_int();
    const std::int64_t max = a[1].value().as_int();
    // max - min wraps in Go; a non-positive difference panics.
    const auto span = static_cast<std::int64_t>(static_cast<std::uint64_t>(max) -
                                                static_cast<std::uint64_t>(min));
    if (span <= 0) return std::string("invalid argument to Intn");
    auto r = below(static_cast<std::uint64_t>(span));
    if (!r.ok()) return r.error().message;
    const auto value = static_cast<std::int64_t>(*r + static_cast<std::uint64_t>(min));
    return ExecValue::go_int(value);
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
