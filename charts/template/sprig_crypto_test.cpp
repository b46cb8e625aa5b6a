// Sprig's random, password and cipher functions. Random outputs are checked for shape; the
// deterministic ones (derivePassword, decryptAES of helm's ciphertexts, error texts) against
// helm v3.17.3's output; bcrypt hashes by verifying them, helm's included.
#include <memory>
#include <regex>
#include <string>
#include <string_view>

#include <crypt.h>
#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml), verbatim. The ciphertexts were made by helm's encryptAES.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ htpasswd "u" (repeat 73 "a") }}|{{ htpasswd "a:b" "x" }}|{{ bcrypt "x" | len }}|{{ derivePassword 1 "long" "password" "user" "example.com" }}|{{ derivePassword 2 "maximum" "pw" "u" "s" }}|{{ derivePassword 1 "pin" "pw" "" "" }}|{{ derivePassword 1 "nope" "pw" "u" "s" }}|{{ encryptAES "k" "" }}|{{ decryptAES "k" "" }}|{{ encryptAES "secretkey" "hello" | decryptAES "secretkey" }})~",
     R"~(u:failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes|invalid username: a:b|60|ZedaFaxcZaso9*|S2$TYTKe9bU9YXWCqT@%|6490|cannot find password template nope|||hello)~"},
    {R"~({{ decryptAES "secretkey" "qgHtVwvsN4vH3MebjJ2jvS06RpdX2DnHlimjAs4Z+6A=" }}|{{ decryptAES "0123456789abcdef0123456789abcdefXYZ" "ySseHfO3fxKBWr9IAbj47tOT+R5PTQ7ZShdkLzew/FPTQ/Fxt3hbmBgostLTzIfUSq0SGAd4BQMF6Qj5vGnzPw==" }}|{{ decryptAES "pw" "jWWen5OXQEKCIOPCwp1crntfmGwsw45eOK9rfPCitnVVq/yTGu7TbfnERr/MlLg+" }})~",
     R"~(hello|a longer text, 32 bytes or more!!|round trip: ünïcode)~"},
    {R"~({{ decryptAES "secretkey" "1wiWnc71Ue54j3pC3Vd/N0QXRWFXs9Di2ki+pHkIGM0=" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <decryptAES "secretkey" "1wiWnc71Ue54j3pC3Vd/N0QXRWFXs9Di2ki+pHkIGM0=">: error calling decryptAES: runtime error: slice bounds out of range [:-28])~"},
    {R"~({{ decryptAES "k" "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <decryptAES "k" "abc">: error calling decryptAES: illegal base64 data at input byte 0)~"},
    {R"~({{ decryptAES "k" "YWJj" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <decryptAES "k" "YWJj">: error calling decryptAES: runtime error: slice bounds out of range [:16] with capacity 3)~"},
    {R"~({{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZg==" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZg==">: error calling decryptAES: runtime error: index out of range [-1])~"},
    {R"~({{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZjAx" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZjAx">: error calling decryptAES: crypto/cipher: input not full blocks)~"},
    {R"~({{ randInt 5 5 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <randInt 5 5>: error calling randInt: invalid argument to Intn)~"},
    {R"~({{ randBytes -1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <randBytes -1>: error calling randBytes: runtime error: makeslice: len out of range)~"},
    {R"~({{ randAlphaNum 0 }}|{{ randAlpha -3 }}|{{ randNumeric 5 | len }}|{{ randAscii 7 | len }}|{{ randBytes 10 | b64dec | len }}|{{ uuidv4 | len }}|{{ randInt 3 4 }}|{{ randInt 3 4 | printf "%T" }})~",
     R"~(||5|7|10|36|3|int)~"},
};
// clang-format on

bool bcrypt_verifies(const std::string& hash, const std::string& password) {
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_r(password.c_str(), hash.c_str(), data.get());
  return out != nullptr && hash == out;
}

TEST_CASE("sprig crypto and random functions print what helm prints") {
  sprig_test::check_all(kCases);
}

TEST_CASE("htpasswd and bcrypt write $2a$ cost-10 hashes that verify") {
  const std::string line = run(R"({{ htpasswd "admin" "s3cret" }})");
  REQUIRE(line.starts_with("admin:$2a$10$"));
  const std::string hash = line.substr(6);
  CHECK(hash.size() == 60);
  CHECK(bcrypt_verifies(hash, "s3cret"));
  CHECK_FALSE(bcrypt_verifies(hash, "s3creT"));
  // Made by helm v3.17.3's htpasswd "admin" "s3cret".
  CHECK(bcrypt_verifies("$2a$10$.Pixhtwtlh7S3oDlKACVC.Eawt/5P5WOKv4kMEmd/EZpy8SxH4.YS", "s3cret"));
  const std::string other = run(R"({{ bcrypt "s3cret" }})");
  CHECK(other != hash);  // a new salt each time
  CHECK(bcrypt_verifies(other, "s3cret"));
}

TEST_CASE("random functions have Go's shapes") {
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  const std::string a = run("{{ uuidv4 }}");
  CHECK(std::regex_match(a, uuid));
  CHECK(a != run("{{ uuidv4 }}"));
  CHECK(std::regex_match(run("{{ randAlphaNum 64 }}"), std::regex("[A-Za-z0-9]{64}")));
  CHECK(std::regex_match(run("{{ randAlpha 64 }}"), std::regex("[A-Za-z]{64}")));
  CHECK(std::regex_match(run("{{ randNumeric 64 }}"), std::regex("[0-9]{64}")));
  CHECK(std::regex_match(run("{{ randAscii 64 }}"), std::regex("[ -~]{64}")));
  CHECK(std::regex_match(run("{{ randBytes 5 }}"), std::regex("[A-Za-z0-9+/]{7}=")));
  for (int i = 0; i < 20; ++i) {
    const std::string r = run("{{ randInt -2 2 }}");
    CHECK((r == "-2" || r == "-1" || r == "0" || r == "1"));
  }
}

TEST_CASE("encryptAES output decrypts, also with a password longer than the key") {
  CHECK(run(R"({{ encryptAES "pw" "round trip: ünïcode" | decryptAES "pw" }})") ==
        "round trip: ünïcode");
  const std::string long_key = std::string(40, 'k');
  CHECK(run("{{ encryptAES \"" + long_key + "\" \"0123456789abcdef\" | decryptAES \"" + long_key +
            "\" }}") == "0123456789abcdef");
}

TEST_CASE("derivePassword divergences from helm") {
  // Go's uint32 parameter: helm checks it before the call (`at <.Values.f>: wrong type for
  // value; expected uint32; got float64`, `at <-1>: expected unsigned integer; found -1`).
  CHECK(run(R"({{ derivePassword .Values.f "pin" "a" "b" "c" }})") ==
        sprig_test::call_error(3, R"(derivePassword .Values.f "pin" "a" "b" "c")", "derivePassword",
                               "wrong type for value; expected uint32; got float64"));
  CHECK(run(R"({{ derivePassword -1 "pin" "a" "b" "c" }})")
            .find("error calling derivePassword: wrong type for value; expected uint32") !=
        std::string::npos);
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
