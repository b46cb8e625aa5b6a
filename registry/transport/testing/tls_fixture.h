// registry/transport/testing/tls_fixture.h — a throwaway CA and a server certificate for
// 127.0.0.1 and localhost that it signed, for tests of verified TLS. Test-only: it protects
// nothing (the CA key was discarded).
#pragma once

#include <string_view>

namespace chartmirror::registry::transport::testing {

inline constexpr std::string_view kCaCertificatePem = R"(
-----BEGIN CERTIFICATE-----
MIIBlDCCATmgAwIBAgIUcf+WsbO0eO8Cpym2Texzcs9mxScwCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTY2hhcnRtaXJyb3ItdGVzdC1jYTAgFw0yNjExMjExNzEzMzZa
GA8yMTI2MTAyODE3MTMzNlowHjEcMBoGA1UEAwwTY2hhcnRtaXJyb3ItdGVzdC1j
YTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABD4hkxfdouhTxlxPTGB6SYirk6Tq
dHIsfDPwnNQ3cl2ebqx+VxPKPjcwxLDedi30n7wolCKIObL7CRR77XRMD2ujUzBR
MB0GA1UdDgQWBBRhb5fK4urT+sUsxRAOr21q/JkK0zAfBgNVHSMEGDAWgBRhb5fK
4urT+sUsxRAOr21q/JkK0zAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0kA
MEYCIQCs7K866fII71+8h+O3L5Pn726hYJllfUzAuPI6V5raDgIhAL2cY9hCS/Bd
h61jxxqbbHWUbN+kauDGKYOTDEtouH5O
-----END CERTIFICATE-----
)";

inline constexpr std::string_view kServerCertificatePem = R"(
-----BEGIN CERTIFICATE-----
MIIBlDCCATqgAwIBAgIUOSJSGrwGjP1EbIM1Ejnj/YGwuXYwCgYIKoZIzj0EAwIw
HjEcMBoGA1UEAwwTY2hhcnRtaXJyb3ItdGVzdC1jYTAgFw0yNjExMjExNzEzMzZa
GA8yMTI2MTAyODE3MTMzNlowFDESMBAGA1UEAwwJbG9jYWxob3N0MFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEVuUva8ljiGrFxXqG4yyxc43pzYdcym63tUhnHL1E
c24BmFsmyeoD92gzgfX7d/vsco/5Tnvxl+MsQGlrEwRXo6NeMFwwGgYDVR0RBBMw
EYcEfwAAAYIJbG9jYWxob3N0MB0GA1UdDgQWBBQMtwreYIKDsF3ppaZx0Y5RjOl3
SDAfBgNVHSMEGDAWgBRhb5fK4urT+sUsxRAOr21q/JkK0zAKBggqhkjOPQQDAgNI
ADBFAiEA0N+gZyQnV0GSq32rd06SDPJ5LJs+ynDNXhUktYhXW7sCIB5YJ+ee3lHl
8J9wa28K53ZeotcVtG/JK4rtkLykkxrT
-----END CERTIFICATE-----
)";

inline constexpr std::string_view kServerKeyPem = R"(
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgtGpgffn9UuTb2Xff
7sda0u44WoExJ5UTDQmyj3qC1ZOhRANCAARW5S9ryWOIasXFeobjLLFzjenNh1zK
bre1SGccvURzbgGYWybJ6gP3aDOB9ft3++xyj/lOe/GX4yxAaWsTBFej
-----END PRIVATE KEY-----
)";

}  // namespace chartmirror::registry::transport::testing
