#include "registry/error.h"

#include <doctest/doctest.h>

namespace chartmirror::registry {

TEST_CASE("an error describes itself in one line, omitting what it does not know") {
  const Error full{.code = Error::Code::kUnauthorized,
                   .message = "check the credentials for 127.0.0.1:5000",
                   .operation = "copy",
                   .reference = "127.0.0.1:5000/app:1",
                   .side = "destination",
                   .method = "PUT",
                   .url = "http://127.0.0.1:5000/v2/app/manifests/1",
                   .http_status = 401,
                   .detail = "UNAUTHORIZED: authentication required"};
  CHECK(full.describe() ==
        "copy 127.0.0.1:5000/app:1 (destination): PUT http://127.0.0.1:5000/v2/app/manifests/1: "
        "HTTP 401: UNAUTHORIZED: authentication required: check the credentials for "
        "127.0.0.1:5000");

  const Error bare{.code = Error::Code::kInvalidInput, .message = "empty reference"};
  CHECK(bare.describe() == "empty reference");
  CHECK(std::string(to_string(bare.code)) == "invalid input");
}

}  // namespace chartmirror::registry
