// Sprig's key and certificate functions: error texts against helm v3.17.3's output, and the
// generated keys and certificates checked with OpenSSL (helm's outputs are random too; their
// structure was compared with `openssl x509 -text` and `openssl asn1parse`).
#include <memory>
#include <string>
#include <string_view>

#include <doctest/doctest.h>
#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "charts/template/sprig_openssl.h"
#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml), verbatim.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ $k := genPrivateKey "ecdsa" }}{{ $c := genCAWithKey "ca" 3 $k }}{{ eq $c.Key $k }})~",
     R"~(true)~"},
    {R"~({{ $k := genPrivateKey "ed25519" }}{{ $c := genSelfSignedCertWithKey "x" nil nil 3 $k }}{{ eq $c.Key $k }}|{{ $ca := genCA "ca" 3 }}{{ $s := genSignedCertWithKey "x" nil nil 3 $ca $k }}{{ eq $s.Key $k }})~",
     R"~(true|true)~"},
    {R"~({{ genCAWithKey "ca" 3 "junk" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genCAWithKey "ca" 3 "junk">: error calling genCAWithKey: parsing private key: no PEM data in input)~"},
    {R"~({{ genCAWithKey "ca" 3 "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genCAWithKey "ca" 3 "-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n">: error calling genCAWithKey: parsing private key: no private key data in PEM block of type CERTIFICATE)~"},
    {R"~({{ genCAWithKey "ca" 3 "-----BEGIN FOO PRIVATE KEY-----\nMA==\n-----END FOO PRIVATE KEY-----\n" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genCAWithKey "ca" 3 "-----BEGIN FOO PRIVATE KEY-----\nMA==\n-----END FOO PRIVATE KEY-----\n">: error calling genCAWithKey: parsing private key: invalid private key type FOO PRIVATE KEY)~"},
    {R"~({{ genSelfSignedCert "x" (list 1) nil 3 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genSelfSignedCert "x" (list 1) nil 3>: error calling genSelfSignedCert: error parsing ip: 1 is not a string)~"},
    {R"~({{ genSelfSignedCert "x" (list "1.2.3") nil 3 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genSelfSignedCert "x" (list "1.2.3") nil 3>: error calling genSelfSignedCert: error parsing ip: 1.2.3)~"},
    {R"~({{ genSelfSignedCert "x" nil (list 2) 3 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <genSelfSignedCert "x" nil (list 2) 3>: error calling genSelfSignedCert: error processing alternate dns name: 2 is not a string)~"},
    {R"~({{ $ca := genCA "ca" 3 }}{{ $b := buildCustomCert ($ca.Cert | b64enc) ($ca.Key | b64enc) }}{{ eq $b.Cert $ca.Cert }}{{ eq $b.Key $ca.Key }})~",
     R"~(truetrue)~"},
    {R"~({{ buildCustomCert "%" "" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <buildCustomCert "%" "">: error calling buildCustomCert: unable to decode base64 certificate)~"},
    {R"~({{ buildCustomCert "" "%" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <buildCustomCert "" "%">: error calling buildCustomCert: unable to decode base64 private key)~"},
    {R"~({{ buildCustomCert "" "" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <buildCustomCert "" "">: error calling buildCustomCert: unable to decode certificate)~"},
    {R"~({{ $k := genPrivateKey "dsa" }}{{ genSelfSignedCertWithKey "x" nil nil 3 $k }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:34: executing "c/templates/x.yaml" at <genSelfSignedCertWithKey "x" nil nil 3 $k>: error calling genSelfSignedCertWithKey: error creating certificate: x509: certificate private key does not implement crypto.Signer)~"},
    {R"~({{ genPrivateKey "x" }})~",
     R"~(Unknown type x)~"},
};
// clang-format on

using sprig::ossl::Bio;
using sprig::ossl::Cert;
using sprig::ossl::Key;
using sprig::ossl::Store;
using sprig::ossl::StoreContext;

Cert read_cert(const std::string& pem) {
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

Key read_key(const std::string& pem) {
  const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return Key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
}

// `cert` chains to `ca` for TLS server use.
bool verifies(X509* cert, X509* ca) {
  const Store store(X509_STORE_new());
  const StoreContext ctx(X509_STORE_CTX_new());
  X509_STORE_add_cert(store.get(), ca);
  X509_STORE_CTX_init(ctx.get(), store.get(), cert, nullptr);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SSL_SERVER);
  return X509_verify_cert(ctx.get()) == 1;
}

TEST_CASE("sprig certificate functions print what helm prints") { sprig_test::check_all(kCases); }

TEST_CASE("genPrivateKey writes Sprig's PEM types") {
  const struct {
    std::string_view type;
    std::string_view header;
    int id;
  } keys[] = {{"ecdsa", "-----BEGIN EC PRIVATE KEY-----\n", EVP_PKEY_EC},
              {"ed25519", "-----BEGIN PRIVATE KEY-----\n", EVP_PKEY_ED25519},
              {"rsa", "-----BEGIN RSA PRIVATE KEY-----\n", EVP_PKEY_RSA}};
  for (const auto& k : keys) {
    CAPTURE(k.type);
    const std::string pem = run("{{ genPrivateKey \"" + std::string(k.type) + "\" }}");
    CHECK(pem.starts_with(k.header));
    const Key key = read_key(pem);
    REQUIRE(key != nullptr);
    CHECK(EVP_PKEY_get_base_id(key.get()) == k.id);
    if (k.id == EVP_PKEY_RSA) CHECK(EVP_PKEY_get_bits(key.get()) == 4096);
  }
}

TEST_CASE("genCA signs what genSignedCert makes, with Sprig's names and extensions") {
  const std::string out =
      run(R"({{ $ca := genCA "my-ca" 365 }}{{ $c := genSignedCert "svc" (list "10.0.0.1") )"
          R"((list "a.example") 30 $ca }}{{ $ca.Cert }}@@{{ $c.Cert }}@@{{ $c.Key }})");
  const std::size_t first = out.find("@@");
  const std::size_t second = out.find("@@", first + 2);
  REQUIRE(second != std::string::npos);
  const Cert ca = read_cert(out.substr(0, first));
  const Cert cert = read_cert(out.substr(first + 2, second - first - 2));
  const Key key = read_key(out.substr(second + 2));
  REQUIRE(ca != nullptr);
  REQUIRE(cert != nullptr);
  REQUIRE(key != nullptr);
  CHECK(verifies(cert.get(), ca.get()));
  CHECK(X509_check_private_key(cert.get(), key.get()) == 1);
  CHECK(EVP_PKEY_get_bits(key.get()) == 2048);
  CHECK(X509_check_ca(ca.get()) == 1);
  CHECK(X509_check_ca(cert.get()) == 0);
  CHECK(X509_check_host(cert.get(), "a.example", 0, 0, nullptr) == 1);
  CHECK(X509_check_ip_asc(cert.get(), "10.0.0.1", 0) == 1);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, cn, sizeof cn);
  CHECK(std::string_view(cn) == "svc");
  X509_NAME_get_text_by_NID(X509_get_issuer_name(cert.get()), NID_commonName, cn, sizeof cn);
  CHECK(std::string_view(cn) == "my-ca");
  CHECK((X509_get_key_usage(cert.get()) & (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT)) ==
        (KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT));
  CHECK((X509_get_key_usage(ca.get()) & KU_KEY_CERT_SIGN) != 0);
  CHECK((X509_get_extended_key_usage(cert.get()) & (XKU_SSL_SERVER | XKU_SSL_CLIENT)) ==
        (XKU_SSL_SERVER | XKU_SSL_CLIENT));
  CHECK(X509_get0_subject_key_id(ca.get()) != nullptr);
  CHECK(X509_get0_authority_key_id(cert.get()) != nullptr);
  // 30 days after notBefore.
  int days = 0;
  int seconds = 0;
  REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()),
                         X509_get0_notAfter(cert.get())) == 1);
  CHECK(days == 30);
  CHECK(seconds == 0);
}

TEST_CASE("certificate divergences from helm") {
  // Go's genSignedCert takes the struct genCA returns (helm: `at <dict>: wrong type for value;
  // expected sprig.certificate; got map[string]interface {}`); here any map, read by key.
  CHECK(run(R"({{ genSignedCert "x" nil nil 3 (dict) }})") ==
        sprig_test::call_error(3, R"(genSignedCert "x" nil nil 3 (dict))", "genSignedCert",
                               "unable to decode certificate"));
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
