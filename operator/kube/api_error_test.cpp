#include "operator/kube/api_error.h"

#include <doctest/doctest.h>

namespace chartmirror::kube {
namespace {

constexpr std::string_view kRequest = "GET https://127.0.0.1:6443/apis/x";

TEST_CASE("the API server's Status becomes the error's message, reason and code") {
  struct Case {  // NOLINT(clang-analyzer-optin.performance.Padding): a test table, read in order
    int status;
    std::string_view body;
    Error::Code code;
    std::string_view message;
    std::string_view reason;
    bool retryable;
  };
  const Case cases[] = {
      {404,
       R"({"kind":"Status","apiVersion":"v1","status":"Failure","message":"chartmirrors.chartmirror.io \"x\" not found","reason":"NotFound","code":404})",
       Error::Code::kNotFound, R"(chartmirrors.chartmirror.io "x" not found)", "NotFound", false},
      {409,
       R"({"kind":"Status","message":"Operation cannot be fulfilled on leases.coordination.k8s.io \"l\": the object has been modified","reason":"Conflict","code":409})",
       Error::Code::kConflict,
       R"(Operation cannot be fulfilled on leases.coordination.k8s.io "l": the object has been modified)",
       "Conflict", false},
      {409, R"({"kind":"Status","message":"leases \"l\" already exists","reason":"AlreadyExists"})",
       Error::Code::kConflict, R"(leases "l" already exists)", "AlreadyExists", false},
      {410,
       R"j({"kind":"Status","message":"too old resource version: 1 (5)","reason":"Expired","code":410})j",
       Error::Code::kGone, "too old resource version: 1 (5)", "Expired", false},
      {422,
       R"({"kind":"Status","message":"ChartMirror \"x\" is invalid","reason":"Invalid","code":422})",
       Error::Code::kHttpStatus, R"(ChartMirror "x" is invalid)", "Invalid", false},
      {429, R"({"kind":"Status","reason":"TooManyRequests","code":429})", Error::Code::kHttpStatus,
       "TooManyRequests", "TooManyRequests", true},
      {503, "<html>\nbad gateway</html>", Error::Code::kHttpStatus,
       "the API server answered: <html> bad gateway</html>", "", true},
      {500, "", Error::Code::kHttpStatus, "the API server answered without a body", "", true},
      {403,
       R"({"kind":"Status","message":"forbidden: User \"system:anonymous\" cannot list","reason":"Forbidden","code":403})",
       Error::Code::kHttpStatus, R"(forbidden: User "system:anonymous" cannot list)", "Forbidden",
       false},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    const Error error = error_from_response(std::string(kRequest), c.status, c.body);
    CHECK(error.code == c.code);
    CHECK(error.http_status == c.status);
    CHECK(error.message == c.message);
    CHECK(error.reason == c.reason);
    CHECK(error.retryable == c.retryable);
    CHECK(error.source == kRequest);
  }
}

TEST_CASE("describe() names the request, the status and the server's message") {
  const Error error = error_from_response(
      std::string(kRequest), 404,
      R"({"kind":"Status","message":"chartmirrors.chartmirror.io \"x\" not found","code":404})");
  CHECK(error.describe() ==
        std::string(kRequest) + R"(: HTTP 404: chartmirrors.chartmirror.io "x" not found)");
}

TEST_CASE("a watch ERROR event's Status: 410 is kGone even as reason alone") {
  CHECK(error_from_status("w", {{"kind", "Status"}, {"code", 410}, {"message", "gone"}}).code ==
        Error::Code::kGone);
  CHECK(error_from_status("w", {{"kind", "Status"}, {"reason", "Expired"}}).code ==
        Error::Code::kGone);
  const Error other = error_from_status("w", {{"kind", "Status"}, {"code", 500}});
  CHECK(other.code == Error::Code::kHttpStatus);
  CHECK(other.retryable);
}

TEST_CASE("a transport failure keeps the request and whether a retry may help") {
  const Error error = error_from_transport(
      std::string(kRequest),
      registry::Error{.code = registry::Error::Code::kTransport,
                      .message = "127.0.0.1:6443: cannot connect: Connection refused",
                      .retryable = true});
  CHECK(error.code == Error::Code::kTransport);
  CHECK(error.retryable);
  CHECK(error.describe() ==
        std::string(kRequest) + ": 127.0.0.1:6443: cannot connect: Connection refused");
}

}  // namespace
}  // namespace chartmirror::kube
