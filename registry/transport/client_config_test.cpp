#include "registry/transport/client_config.h"

#include <doctest/doctest.h>

#include "support/testing/pem_fixture.h"

namespace chartmirror::registry::transport {

using chartmirror::testing::kTestCertificatePem;
using chartmirror::testing::kTestPrivateKeyPem;

TEST_CASE("a client configuration verifies servers unless told not to") {
  auto config = make_client_config(TlsOptions{});
  REQUIRE(config.ok());
  CHECK(config->validate_certificates());

  auto insecure = make_client_config(TlsOptions{.insecure_skip_verify = true});
  REQUIRE(insecure.ok());
  CHECK_FALSE(insecure->validate_certificates());
}

TEST_CASE("a client configuration accepts well-formed CA, certificate and key") {
  const TlsOptions tls{.ca_pem = std::string(kTestCertificatePem),
                       .client_cert_pem = std::string(kTestCertificatePem),
                       .client_key_pem = std::string(kTestPrivateKeyPem)};
  auto config = make_client_config(tls, std::chrono::seconds(5));
  REQUIRE(config.ok());
  CHECK(config->timeout<std::chrono::seconds>() == std::chrono::seconds(5));
}

TEST_CASE("a client configuration names the PEM input that is wrong") {
  struct Case {
    TlsOptions tls;
    std::string_view expected;
  };
  const std::string cert(kTestCertificatePem);
  const std::string key(kTestPrivateKeyPem);
  const Case cases[] = {
      {{.ca_pem = "not pem"}, "CA bundle"},
      {{.ca_pem = key}, "CA bundle"},
      {{.client_cert_pem = cert}, "needs its key"},
      {{.client_key_pem = key}, "needs its key"},
      {{.client_cert_pem = "garbage", .client_key_pem = key}, "client certificate is not"},
      {{.client_cert_pem = cert, .client_key_pem = cert}, "client key is not"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.expected);
    auto config = make_client_config(c.tls);
    REQUIRE_FALSE(config.ok());
    CHECK(config.error().code == Error::Code::kInvalidInput);
    CHECK(config.error().message.find(c.expected) != std::string::npos);
  }
}

}  // namespace chartmirror::registry::transport
