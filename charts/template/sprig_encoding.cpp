// Sprig's encodings and checksums (strings.go, crypto.go): b64enc b32enc sha1sum sha256sum
// sha512sum adler32sum b64dec b32dec.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include <openssl/evp.h>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "support/base64.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[bytes[i] >> 4U];
    out += kHex[bytes[i] & 0xFU];
  }
  return out;
}

// The hex digest of `input` with OpenSSL's digest `md`.
FunctionResult digest(const EVP_MD* md, const std::string& input) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(input.data(), input.size(), out, &size, md, nullptr) != 1) {
    return std::string("digest failed");
  }
  return ExecValue(Value(hex(out, size)));
}

// hash/adler32.Checksum.
std::uint32_t adler32(std::string_view data) {
  constexpr std::uint32_t kMod = 65521;
  std::uint32_t a = 1;
  std::uint32_t b = 0;
  for (const char c : data) {
    a = (a + static_cast<unsigned char>(c)) % kMod;
    b = (b + a) % kMod;
  }
  return (b << 16U) | a;
}

// base32.StdEncoding.EncodeToString: RFC 4648 alphabet, '=' padding.
std::string base32(std::string_view data) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 5) {
    std::uint64_t block = 0;
    const std::size_t n = std::min<std::size_t>(5, data.size() - i);
    for (std::size_t j = 0; j < 5; ++j) {
      block = (block << 8U) | (j < n ? static_cast<unsigned char>(data[i + j]) : 0U);
    }
    // 8, 7, 5, 4 or 2 characters carry the 5, 4, 3, 2 or 1 bytes.
    static constexpr std::size_t kChars[] = {0, 2, 4, 5, 7, 8};
    for (std::size_t j = 0; j < 8; ++j) {
      out += j < kChars[n] ? kAlphabet[(block >> (35 - 5 * j)) & 0x1FU] : '=';
    }
  }
  return out;
}

// base32.StdEncoding.DecodeString: the bytes, or Go's CorruptInputError offset (counted
// after '\r' and '\n' are removed, as Go removes them first). Padding is required.
Result<std::string, std::int64_t> base32_decode_go(std::string_view text) {
  std::string src;
  for (const char c : text) {
    if (c != '\r' && c != '\n') src += c;
  }
  const auto olen = static_cast<std::int64_t>(src.size());
  auto decode_char = [](unsigned char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
  };
  std::string out;
  std::size_t pos = 0;
  const auto left = [&] { return static_cast<std::int64_t>(src.size() - pos); };
  bool end = false;
  while (pos < src.size() && !end) {
    std::uint32_t dbuf[8] = {};
    int dlen = 8;
    for (int j = 0; j < 8;) {
      if (pos == src.size()) return olen - left() - j;
      const auto in = static_cast<unsigned char>(src[pos++]);
      if (in == '=' && j >= 2 && left() < 8) {
        if (left() + j < 7) return olen;
        for (std::int64_t k = 0; k < 7 - j; ++k) {
          if (left() > k && src[pos + static_cast<std::size_t>(k)] != '=') {
            return olen - left() + k - 1;
          }
        }
        dlen = j;
        end = true;
        if (dlen == 1 || dlen == 3 || dlen == 6) return olen - left() - 1;
        break;
      }
      const int value = decode_char(in);
      if (value < 0) return olen - left() - 1;
      dbuf[j++] = static_cast<std::uint32_t>(value);
    }
    const std::uint32_t bytes[5] = {
        (dbuf[0] << 3U) | (dbuf[1] >> 2U), (dbuf[1] << 6U) | (dbuf[2] << 1U) | (dbuf[3] >> 4U),
        (dbuf[3] << 4U) | (dbuf[4] >> 1U), (dbuf[4] << 7U) | (dbuf[5] << 2U) | (dbuf[6] >> 3U),
        (dbuf[6] << 5U) | dbuf[7],
    };
    // 2, 4, 5, 7 or 8 characters carry 1, 2, 3, 4 or 5 bytes.
    static constexpr int kBytes[] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
    for (int i = 0; i < kBytes[dlen]; ++i) out += static_cast<char>(bytes[i] & 0xFFU);
  }
  return out;
}

}  // namespace

// base64.StdEncoding.DecodeString: the bytes, or Go's CorruptInputError offset. '\r' and
// '\n' are skipped anywhere; padding is required; bits after the data need not be zero.
Result<std::string, std::int64_t> base64_decode_go(std::string_view src) {
  auto decode_char = [](unsigned char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  auto newline = [](char c) { return c == '\n' || c == '\r'; };
  const auto len = static_cast<std::int64_t>(src.size());
  std::string out;
  std::int64_t si = 0;
  while (true) {
    // decodeQuantum
    std::uint32_t dbuf[4] = {0, 0, 0, 0};
    int dlen = 4;
    std::int64_t trailing = -1;
    for (int j = 0; j < 4; ++j) {
      if (si == len) {
        if (j == 0) return out;
        return static_cast<std::int64_t>(si - j);
      }
      const auto in = static_cast<unsigned char>(src[static_cast<std::size_t>(si)]);
      ++si;
      const int value = decode_char(in);
      if (value >= 0) {
        dbuf[j] = static_cast<std::uint32_t>(value);
        continue;
      }
      if (newline(static_cast<char>(in))) {
        --j;
        continue;
      }
      if (in != '=') return si - 1;
      if (j == 0 || j == 1) return si - 1;
      if (j == 2) {
        while (si < len && newline(src[static_cast<std::size_t>(si)])) ++si;
        if (si == len) return len;
        if (src[static_cast<std::size_t>(si)] != '=') return si - 1;
        ++si;
      }
      while (si < len && newline(src[static_cast<std::size_t>(si)])) ++si;
      if (si < len) trailing = si;
      dlen = j;
      break;
    }
    const std::uint32_t val = (dbuf[0] << 18U) | (dbuf[1] << 12U) | (dbuf[2] << 6U) | dbuf[3];
    const char bytes[3] = {static_cast<char>((val >> 16U) & 0xFFU),
                           static_cast<char>((val >> 8U) & 0xFFU), static_cast<char>(val & 0xFFU)};
    out.append(bytes, static_cast<std::size_t>(dlen - 1));
    if (trailing >= 0) return trailing;
    if (dlen < 4) return out;
  }
}

void add_encoding(FunctionMap& m) {
  using P = ParamType;
  m["b64enc"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(chartmirror::base64_encode(a[0].value().as_string())));
  });
  // Sprig returns the error's text as the result.
  m["b64dec"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = base64_decode_go(a[0].value().as_string());
    if (!r.ok())
      return ExecValue(Value("illegal base64 data at input byte " + std::to_string(r.error())));
    return ExecValue(Value(std::move(*r)));
  });
  m["b32dec"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = base32_decode_go(a[0].value().as_string());
    if (!r.ok())
      return ExecValue(Value("illegal base32 data at input byte " + std::to_string(r.error())));
    return ExecValue(Value(std::move(*r)));
  });
  m["b32enc"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(base32(a[0].value().as_string())));
  });
  m["sha1sum"] = fixed({P::kString}, [](CallContext&, Args& a) {
    return digest(EVP_sha1(), a[0].value().as_string());
  });
  m["sha256sum"] = fixed({P::kString}, [](CallContext&, Args& a) {
    return digest(EVP_sha256(), a[0].value().as_string());
  });
  m["sha512sum"] = fixed({P::kString}, [](CallContext&, Args& a) {
    return digest(EVP_sha512(), a[0].value().as_string());
  });
  m["adler32sum"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(std::to_string(adler32(a[0].value().as_string()))));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
