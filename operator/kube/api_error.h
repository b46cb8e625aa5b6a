// operator/kube/api_error.h — an API server's refusal, or a broken exchange, as a kube::Error.
//
// A refusal's body is usually a meta/v1 Status ({"kind":"Status","reason":"NotFound",
// "message":"chartmirrors.chartmirror.io \"x\" not found","code":404}); its message is what a
// user needs, so it becomes the Error's message, and its reason is kept for callers. A body
// that is not a Status (a proxy's HTML page) is quoted, shortened. The statuses callers
// branch on get their own codes: 404 kNotFound, 409 kConflict, 410 kGone. 429 and 5xx are
// retryable, as client-go retries them.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "operator/kube/error.h"
#include "registry/error.h"

namespace chartmirror::kube {

// `request` is "METHOD URL" (no credentials in either).
[[nodiscard]] Error error_from_response(std::string request, int http_status,
                                        std::string_view body);

// The same from a parsed Status object (a watch's ERROR event carries one).
[[nodiscard]] Error error_from_status(std::string request, const nlohmann::json& status);

// A failure to exchange messages with the API server.
[[nodiscard]] Error error_from_transport(std::string request, const registry::Error& error);

}  // namespace chartmirror::kube
