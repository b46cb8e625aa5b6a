// support/testing/pem_fixture.h — a throwaway self-signed P-256 certificate and its key for
// unit tests that need well-formed PEM. Test-only: it protects nothing.
#pragma once

#include <string_view>

namespace chartmirror::testing {

inline constexpr std::string_view kTestCertificatePem = R"(-----BEGIN CERTIFICATE-----
MIIBjTCCATOgAwIBAgIUZKAAQ+QVfsm8ka41DsrzGhIzJFcwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQY2hhcnRtaXJyb3ItdGVzdDAgFw0yNjExMjExNjMzMTBaGA8y
MTI2MTAyODE2MzMxMFowGzEZMBcGA1UEAwwQY2hhcnRtaXJyb3ItdGVzdDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABElMWMq+lBT8CMWMgp0jbVGaVQbUaeRG5Q8N
WxbgkKDhTt/a8N5TAAMMV/3D1nNv3/pb0taL6fr8rFBRqZpVMp+jUzBRMB0GA1Ud
DgQWBBSogHpiE/Vsf1q+IO8+go3o0AtJ4zAfBgNVHSMEGDAWgBSogHpiE/Vsf1q+
IO8+go3o0AtJ4zAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIHuQ
HaoLJmt/2hzvQlrTYw3cMBz8aM73/8RMJA02/5+xAiEA7mmfLRMfpjmmdvc1ke4h
KyxEx5WM8/SmMyFwiavjtIk=
-----END CERTIFICATE-----
)";

inline constexpr std::string_view kTestPrivateKeyPem = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgQX9O3+ANpS8tkeFy
AHv0MedNbJUI3fv7xfwsvRNPR1KhRANCAARJTFjKvpQU/AjFjIKdI21RmlUG1Gnk
RuUPDVsW4JCg4U7f2vDeUwADDFf9w9Zzb9/6W9LWi+n6/KxQUamaVTKf
-----END PRIVATE KEY-----
)";

}  // namespace chartmirror::testing
