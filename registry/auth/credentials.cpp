#include "registry/auth/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/base64.h"

namespace chartmirror::registry::auth {
namespace {

using nlohmann::json;

Error invalid(std::string_view source, std::string message) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = std::move(message),
               .operation = "read credentials",
               .url = std::string(source)};
}

std::string string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// One `auths` entry. Errors name the key but never the value: it may be a secret.
Result<Credentials, Error> parse_entry(const std::string& key, const json& entry,
                                       std::string_view source) {
  if (!entry.is_object()) return invalid(source, "auths[\"" + key + "\"] is not an object");
  Credentials credentials{.username = string_field(entry, "username"),
                          .password = string_field(entry, "password"),
                          .identity_token = string_field(entry, "identitytoken"),
                          .registry_token = string_field(entry, "registrytoken")};
  const std::string auth = string_field(entry, "auth");
  if (!auth.empty()) {
    const auto decoded = base64_decode(auth);
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) {
      return invalid(source, "auths[\"" + key + "\"].auth is not base64 of \"user:password\"");
    }
    credentials.username = decoded->substr(0, colon);
    credentials.password = decoded->substr(colon + 1);
  }
  return credentials;
}

Result<json, Error> parse_json(std::string_view text, std::string_view source) {
  try {
    json document = json::parse(text);
    if (!document.is_object()) return invalid(source, "a docker config must be a JSON object");
    return document;
  } catch (const json::exception& e) {
    return invalid(source, std::string("not valid JSON: ") + e.what());
  }
}

Result<std::string, Error> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return invalid(path.string(), "cannot read the docker config file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string credential_host(std::string_view key) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (key.substr(0, scheme.size()) == scheme) key.remove_prefix(scheme.size());
  }
  key = key.substr(0, key.find('/'));
  if (key == "index.docker.io" || key == "registry-1.docker.io" ||
      key == "registry.hub.docker.com") {
    return "docker.io";
  }
  return std::string(key);
}

Result<DockerConfig, Error> DockerConfig::parse(std::string_view text, std::string_view source) {
  auto document = parse_json(text, source);
  if (!document.ok()) return document.error();
  DockerConfig config;
  if (const auto auths = document->find("auths"); auths != document->end()) {
    if (!auths->is_object()) return invalid(source, "\"auths\" must be an object");
    for (const auto& [key, entry] : auths->items()) {
      auto credentials = parse_entry(key, entry, source);
      if (!credentials.ok()) return credentials.error();
      // An exact key beats a key that only normalises to the same host (docker's order).
      const std::string host = credential_host(key);
      if (key == host || config.auths_.count(host) == 0) {
        config.auths_[host] = std::move(credentials).value();
      }
    }
  }
  if (const auto helpers = document->find("credHelpers"); helpers != document->end()) {
    if (!helpers->is_object()) return invalid(source, "\"credHelpers\" must be an object");
    for (const auto& [key, helper] : helpers->items()) {
      if (!helper.is_string())
        return invalid(source, "credHelpers[\"" + key + "\"] is not a string");
      config.helpers_[credential_host(key)] = helper.get<std::string>();
    }
  }
  config.default_helper_ = string_field(*document, "credsStore");
  return config;
}

Result<DockerConfig, Error> DockerConfig::parse_legacy(std::string_view text,
                                                       std::string_view source) {
  auto document = parse_json(text, source);
  if (!document.ok()) return document.error();
  return parse(json{{"auths", *document}}.dump(), source);
}

Result<DockerConfig, Error> DockerConfig::load(const std::filesystem::path& path) {
  auto text = read_file(path);
  if (!text.ok()) return text.error();
  return parse(*text, path.string());
}

Result<DockerConfig, Error> DockerConfig::load_default() {
  std::filesystem::path path;
  if (const char* dir = std::getenv("DOCKER_CONFIG"); dir != nullptr && *dir != '\0') {
    path = std::filesystem::path(dir) / "config.json";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    path = std::filesystem::path(home) / ".docker" / "config.json";
  } else {
    return DockerConfig{};
  }
  std::error_code ignored;
  if (!std::filesystem::exists(path, ignored)) return DockerConfig{};
  return load(path);
}

DockerConfig::Lookup DockerConfig::lookup(std::string_view registry) const {
  const std::string host = credential_host(registry);
  if (const auto helper = helpers_.find(host); helper != helpers_.end()) {
    return {.helper = helper->second};
  }
  if (const auto entry = auths_.find(host); entry != auths_.end()) {
    return {.credentials = entry->second};
  }
  return {.helper = default_helper_};
}

}  // namespace chartmirror::registry::auth
