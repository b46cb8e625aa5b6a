#include "registry/auth/credential_helper.h"

#include <nlohmann/json.hpp>

#include "support/subprocess.h"

namespace chartmirror::registry::auth {
namespace {

Error helper_error(const std::string& program, std::string_view server, std::string message) {
  return Error{.code = Error::Code::kUnauthorized,
               .message = std::move(message),
               .operation = "read credentials from " + program,
               .reference = std::string(server)};
}

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  return text.substr(0, end == std::string::npos ? text.size() : end);
}

}  // namespace

Result<std::optional<Credentials>, Error> credentials_from_helper(std::string_view helper,
                                                                  std::string_view server) {
  const std::string program = "docker-credential-" + std::string(helper);
  auto run = run_process({program, "get"}, server);
  if (!run.ok()) return helper_error(program, server, run.error().message);
  if (run->exit_code != 0) {
    // The protocol's "no credentials" answer comes on stdout; anything else is a failure.
    const std::string said = first_line(run->out.empty() ? run->err : run->out);
    if (said.find("credentials not found") != std::string::npos) return std::nullopt;
    return helper_error(program, server,
                        "the helper failed (exit " + std::to_string(run->exit_code) +
                            "): " + first_line(run->err.empty() ? said : run->err));
  }
  try {
    const auto answer = nlohmann::json::parse(run->out);
    const std::string username = answer.at("Username").get<std::string>();
    const std::string secret = answer.at("Secret").get<std::string>();
    if (username == "<token>") return Credentials{.identity_token = secret};
    return Credentials{.username = username, .password = secret};
  } catch (const nlohmann::json::exception&) {
    // The output may hold a secret: say only that it was not the expected JSON.
    return helper_error(program, server,
                        "the helper's answer is not JSON with Username and Secret");
  }
}

}  // namespace chartmirror::registry::auth
