// Sprig's password and cipher functions (crypto.go): bcrypt htpasswd derivePassword
// encryptAES decryptAES.
//
//   - bcrypt: golang.org/x/crypto/bcrypt at its default cost (10), version "$2a$", through
//     libxcrypt's crypt_r; random salt, so only the shape and a bcrypt verification of the
//     output can be compared with helm. Passwords over 72 bytes fail as in x/crypto v0.26.
//     Divergence: a password containing a NUL byte is refused (crypt_r reads C strings).
//   - derivePassword: the Master Password algorithm (scrypt N=32768 r=8 p=2 of the password
//     salted with "com.lyndir.masterpassword" + len(user) + user, then HMAC-SHA256 of the seed
//     + len(site) + site + counter, then a template of the type). Deterministic. Divergence:
//     the counter is Go's uint32, which no ParamType expresses; any Go int from 0 to 2^32-1 is
//     accepted, where Go accepts only an integer constant (not `len ...`).
//   - encryptAES / decryptAES: AES-256-CBC, the key the password's bytes zero-padded or cut to
//     32, a random IV prepended, PKCS#7 padding, base64; decryptAES trusts the padding byte,
//     as Sprig does, and its Go panics on malformed input are reported with Go's texts.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/template/sprig_openssl.h"
#include "support/base64.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// bcrypt.GenerateFromPassword(password, 10).
Result<std::string, GoError> bcrypt(const std::string& password) {
  if (password.size() > 72) return GoError{"bcrypt: password length exceeds 72 bytes"};
  if (password.find('\0') != std::string::npos) {
    return GoError{"bcrypt: passwords containing NUL bytes are not supported"};
  }
  std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> salt{};
  if (crypt_gensalt_rn("$2a$", 10, nullptr, 0, salt.data(), static_cast<int>(salt.size())) ==
      nullptr) {
    return GoError{"bcrypt: generating a salt failed"};
  }
  auto data = std::make_unique<crypt_data>();
  const char* hash = crypt_r(password.c_str(), salt.data(), data.get());
  if (hash == nullptr || hash[0] == '*') return GoError{"bcrypt: hashing failed"};
  return std::string(hash);
}

std::string bcrypt_or_message(const std::string& password) {
  auto hash = bcrypt(password);
  if (!hash.ok()) return "failed to encrypt string with bcrypt: " + hash.error().message;
  return *hash;
}

void append_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += static_cast<char>((v >> static_cast<unsigned>(shift)) & 0xFFU);
  }
}

const std::map<std::string, std::vector<std::string_view>, std::less<>>& password_templates() {
  static const std::map<std::string, std::vector<std::string_view>, std::less<>> kTemplates = {
      {"maximum", {"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"}},
      {"long",
       {"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
        "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
        "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
        "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
        "CvccCvcvCvccno"}},
      {"medium", {"CvcnoCvc", "CvcCvcno"}},
      {"short", {"Cvcn"}},
      {"basic", {"aaanaaan", "aannaaan", "aaannaaa"}},
      {"pin", {"nnnn"}},
  };
  return kTemplates;
}

std::string_view template_characters(char c) {
  switch (c) {
    case 'V':
      return "AEIOU";
    case 'C':
      return "BCDFGHJKLMNPQRSTVWXYZ";
    case 'v':
      return "aeiou";
    case 'c':
      return "bcdfghjklmnpqrstvwxyz";
    case 'A':
      return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
    case 'a':
      return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
    case 'n':
      return "0123456789";
    case 'o':
      return "@&%?,=[]_:-+*$#!'^~;()/.";
    default:  // 'x'
      return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
  }
}

constexpr std::string_view kMasterPasswordSeed = "com.lyndir.masterpassword";

std::string derive_password(std::uint32_t counter, std::string_view type,
                            const std::string& password, const std::string& user,
                            const std::string& site) {
  const auto& templates = password_templates();
  const auto it = templates.find(type);
  if (it == templates.end()) return "cannot find password template " + std::string(type);
  std::string salt(kMasterPasswordSeed);
  append_u32(salt, static_cast<std::uint32_t>(user.size()));
  salt += user;
  std::array<unsigned char, 64> key{};
  if (EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), 32768, 8, 2,
                     std::uint64_t{256} << 20, key.data(), key.size()) != 1) {
    return "failed to derive password: scrypt failed";
  }
  std::string message(kMasterPasswordSeed);
  append_u32(message, static_cast<std::uint32_t>(site.size()));
  message += site;
  append_u32(message, counter);
  std::array<unsigned char, EVP_MAX_MD_SIZE> seed{};
  unsigned int seed_size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), seed.data(),
           &seed_size) == nullptr) {
    return "failed to derive password: HMAC failed";
  }
  const std::string_view chosen = it->second[seed[0] % it->second.size()];
  std::string out;
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const std::string_view chars = template_characters(chosen[i]);
    out += chars[seed[i + 1] % chars.size()];
  }
  return out;
}

// The 32-byte AES key Sprig makes of a password.
std::array<unsigned char, 32> aes_key(const std::string& password) {
  std::array<unsigned char, 32> key{};
  for (std::size_t i = 0; i < key.size() && i < password.size(); ++i) {
    key[i] = static_cast<unsigned char>(password[i]);
  }
  return key;
}

// AES-256-CBC over whole blocks, without padding.
Result<std::string, GoError> aes_cbc(const std::array<unsigned char, 32>& key,
                                     const unsigned char* iv, std::string_view input,
                                     bool encrypt) {
  const ossl::CipherContext ctx(EVP_CIPHER_CTX_new());
  std::string out(input.size() + 16, '\0');
  int written = 0;
  int final_written = 0;
  auto* out_bytes = reinterpret_cast<unsigned char*>(out.data());
  if (ctx == nullptr ||
      EVP_CipherInit_ex(ctx.get(), EVP_aes_256_cbc(), nullptr, key.data(), iv, encrypt ? 1 : 0) !=
          1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_CipherUpdate(ctx.get(), out_bytes, &written,
                       reinterpret_cast<const unsigned char*>(input.data()),
                       static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out_bytes + written, &final_written) != 1) {
    return GoError{"crypto/aes: cipher failed"};
  }
  out.resize(static_cast<std::size_t>(written) + static_cast<std::size_t>(final_written));
  return out;
}

FunctionResult encrypt_aes(const std::string& password, const std::string& plaintext) {
  if (plaintext.empty()) return ExecValue(Value(""));
  const std::size_t padding = 16 - plaintext.size() % 16;
  const std::string content = plaintext + std::string(padding, static_cast<char>(padding));
  std::array<unsigned char, 16> iv{};
  if (RAND_bytes(iv.data(), static_cast<int>(iv.size())) != 1) {
    return std::string("crypto/rand: reading random bytes failed");
  }
  auto sealed = aes_cbc(aes_key(password), iv.data(), content, true);
  if (!sealed.ok()) return sealed.error().message;
  const std::string raw = std::string(iv.begin(), iv.end()) + *sealed;
  return ExecValue(Value(chartmirror::base64_encode(raw)));
}

FunctionResult decrypt_aes(const std::string& password, const std::string& crypt64) {
  if (crypt64.empty()) return ExecValue(Value(""));
  auto crypt = base64_decode_go(crypt64);
  if (!crypt.ok()) return "illegal base64 data at input byte " + std::to_string(crypt.error());
  if (crypt->size() < 16) {
    return "runtime error: slice bounds out of range [:16] with capacity " +
           std::to_string(crypt->size());
  }
  const std::string_view body = std::string_view(*crypt).substr(16);
  if (body.size() % 16 != 0) return std::string("crypto/cipher: input not full blocks");
  if (body.empty()) return std::string("runtime error: index out of range [-1]");
  auto opened = aes_cbc(aes_key(password), reinterpret_cast<const unsigned char*>(crypt->data()),
                        body, false);
  if (!opened.ok()) return opened.error().message;
  const auto pad = static_cast<unsigned char>(opened->back());
  const auto end = static_cast<std::int64_t>(opened->size()) - pad;
  if (end < 0) return "runtime error: slice bounds out of range [:" + std::to_string(end) + "]";
  opened->resize(static_cast<std::size_t>(end));
  return ExecValue(Value(std::move(*opened)));
}

}  // namespace

void add_crypto(FunctionMap& m) {
  using P = ParamType;
  m["bcrypt"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(bcrypt_or_message(a[0].value().as_string())));
  });
  m["htpasswd"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& user = a[0].value().as_string();
    if (user.find(':') != std::string::npos) return ExecValue(Value("invalid username: " + user));
    return ExecValue(Value(user + ":" + bcrypt_or_message(a[1].value().as_string())));
  });
  m["derivePassword"] = fixed(
      {P::kAny, P::kString, P::kString, P::kString, P::kString},
      [](CallContext&, Args& a) -> FunctionResult {
        const ExecValue& counter = a[0];
        if (counter.kind() != ExecValue::Kind::kInt || counter.value().as_int() < 0 ||
            counter.value().as_int() > 0xFFFFFFFFLL) {
          return "wrong type for value; expected uint32; got " + counter.unboxed().type_name();
        }
        return ExecValue(Value(derive_password(
            static_cast<std::uint32_t>(counter.value().as_int()), a[1].value().as_string(),
            a[2].value().as_string(), a[3].value().as_string(), a[4].value().as_string())));
      });
  m["encryptAES"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) {
    return encrypt_aes(a[0].value().as_string(), a[1].value().as_string());
  });
  m["decryptAES"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) {
    return decrypt_aes(a[0].value().as_string(), a[1].value().as_string());
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
