// RSA key generation and the key pool: every key passes OpenSSL's own full check (p and q
// prime by its 64-round test, n = p·q, d·e ≡ 1, the CRT values), and has the size and public
// exponent Go's rsa.GenerateKey gives.
#include "charts/template/rsa_key.h"

#include <atomic>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>

#include "charts/template/sprig.h"
#include "charts/template/sprig_openssl.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

bool passes_openssl_check(EVP_PKEY* key) {
  const ossl::KeyContext ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
  return ctx != nullptr && EVP_PKEY_check(ctx.get()) == 1;
}

std::string bignum_param(EVP_PKEY* key, const char* name) {
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &value) != 1) return "";
  const ossl::Bignum owned(value);
  char* hex = BN_bn2hex(owned.get());
  std::string text = hex;
  OPENSSL_free(hex);
  return text;
}

TEST_CASE("rsa keys: valid by OpenSSL's check, of the asked size, e = 65537") {
  for (const int bits : {2048, 2048, 2048, 1024}) {
    CAPTURE(bits);
    const ossl::Key key = generate_rsa_key(bits);
    REQUIRE(key != nullptr);
    CHECK(EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_RSA);
    CHECK(EVP_PKEY_get_bits(key.get()) == bits);
    CHECK(bignum_param(key.get(), OSSL_PKEY_PARAM_RSA_E) == "010001");
    CHECK(passes_openssl_check(key.get()));
  }
}

TEST_CASE("rsa keys: sizes it cannot make, and a stop, give no key") {
  CHECK(generate_rsa_key(512) == nullptr);
  CHECK(generate_rsa_key(2047) == nullptr);
  const std::atomic<bool> stopped{true};
  CHECK(generate_rsa_key(2048, &stopped) == nullptr);
}

TEST_CASE("rsa key pool: distinct valid keys, beyond its count too; it stops when dropped") {
  std::set<std::string> moduli;
  {
    RsaKeyPool pool(2048, 2, 1);
    CHECK(pool.bits() == 2048);
    for (int i = 0; i < 3; ++i) {  // one more than the pool was sized for
      const ossl::Key key = pool.take();
      REQUIRE(key != nullptr);
      CHECK(EVP_PKEY_get_bits(key.get()) == 2048);
      CHECK(passes_openssl_check(key.get()));
      moduli.insert(bignum_param(key.get(), OSSL_PKEY_PARAM_RSA_N));
    }
  }
  CHECK(moduli.size() == 3);
  // Dropped at once with many keys unclaimed: the workers abandon their searches and join
  // (a pool that ran on would hang this test).
  const RsaKeyPool abandoned(2048, 1000, 2);
  RsaKeyPool without_workers(1024, 5, 0);
  const ossl::Key key = without_workers.take();
  REQUIRE(key != nullptr);
  CHECK(EVP_PKEY_get_bits(key.get()) == 1024);
}

TEST_CASE("count_rsa_2048_calls counts the calls that make a new RSA 2048 key") {
  CHECK(count_rsa_2048_calls("") == 0);
  CHECK(count_rsa_2048_calls(R"({{ $ca := genCA "ca" 365 }})") == 1);
  CHECK(count_rsa_2048_calls(R"({{ $c := genSignedCert "x" nil nil 3 $ca }}{{ genCA "a" 1 }})") ==
        2);
  CHECK(count_rsa_2048_calls(R"({{- genSelfSignedCert "x" nil nil 3 -}})") == 1);
  // ...WithKey takes its key, genPrivateKey makes RSA 4096; neither draws from the pool.
  CHECK(count_rsa_2048_calls(R"({{ genCAWithKey "ca" 3 $k }}{{ genPrivateKey "rsa" }})") == 0);
  CHECK(count_rsa_2048_calls("mygenCA genCA_x genCA") == 1);
}

}  // namespace
}  // namespace chartmirror::charts::tmpl::sprig
