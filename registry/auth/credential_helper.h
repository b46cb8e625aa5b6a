// registry/auth/credential_helper.h — ask a docker credential helper for a registry's
// credentials (the docker-credential-helpers protocol): `docker-credential-<name> get` reads
// the server on stdin and prints {"ServerURL", "Username", "Secret"} as JSON; a Username of
// "<token>" means Secret is an identity (refresh) token.
#pragma once

#include <optional>
#include <string_view>

#include "registry/auth/credentials.h"
#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::auth {

// nullopt when the helper has no credentials for `server`; an error when it cannot be run or
// fails otherwise. The helper's own error text is passed on; its stdout never is (secrets).
[[nodiscard]] Result<std::optional<Credentials>, Error> credentials_from_helper(
    std::string_view helper, std::string_view server);

}  // namespace chartmirror::registry::auth
