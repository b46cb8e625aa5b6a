#include "operator/kube/api_error.h"

#include "operator/kube/json_fields.h"

namespace chartmirror::kube {
namespace {

constexpr size_t kQuotedBody = 200;

Error::Code code_for(int http_status) {
  switch (http_status) {
    case 404:
      return Error::Code::kNotFound;
    case 409:
      return Error::Code::kConflict;
    case 410:
      return Error::Code::kGone;
    default:
      return Error::Code::kHttpStatus;
  }
}

bool retryable_status(int http_status) { return http_status == 429 || http_status >= 500; }

}  // namespace

Error error_from_status(std::string request, const nlohmann::json& status) {
  const int code = int_at(status, "code");
  Error error{.code = code_for(code),
              .message = string_at(status, "message"),
              .source = std::move(request),
              .http_status = code,
              .reason = string_at(status, "reason"),
              .retryable = retryable_status(code)};
  // A 410 may also arrive as reason "Expired"/"Gone" with code 0 in old servers' watch events.
  if (error.reason == "Expired" || error.reason == "Gone") error.code = Error::Code::kGone;
  if (error.message.empty()) {
    error.message = error.reason.empty() ? "the API server refused the request" : error.reason;
  }
  return error;
}

Error error_from_response(std::string request, int http_status, std::string_view body) {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object() && string_at(parsed, "kind") == "Status") {
    if (!parsed.contains("code")) parsed["code"] = http_status;
    Error error = error_from_status(std::move(request), parsed);
    error.http_status = http_status;
    error.code = error.code == Error::Code::kGone ? error.code : code_for(http_status);
    error.retryable = retryable_status(http_status);
    return error;
  }
  std::string quoted(body.substr(0, kQuotedBody));
  for (char& c : quoted) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return Error{.code = code_for(http_status),
               .message = quoted.empty() ? "the API server answered without a body"
                                         : "the API server answered: " + quoted,
               .source = std::move(request),
               .http_status = http_status,
               .retryable = retryable_status(http_status)};
}

Error error_from_transport(std::string request, const registry::Error& error) {
  return Error{.code = Error::Code::kTransport,
               .message = error.message,
               .source = std::move(request),
               .http_status = error.http_status,
               .retryable = error.retryable};
}

}  // namespace chartmirror::kube
