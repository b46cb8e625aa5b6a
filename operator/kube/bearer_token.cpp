#include "operator/kube/bearer_token.h"

#include <fstream>
#include <sstream>

#include <sys/stat.h>

namespace chartmirror::kube {

BearerToken BearerToken::fixed(std::string token) {
  BearerToken result;
  result.token_ = std::move(token);
  result.loaded_ = true;
  return result;
}

BearerToken BearerToken::from_file(std::filesystem::path path) {
  BearerToken result;
  result.file_ = std::move(path);
  return result;
}

BearerToken BearerToken::from_exec(std::unique_ptr<ExecPlugin> plugin) {
  BearerToken result;
  result.exec_ = std::move(plugin);
  return result;
}

Result<BearerToken, Error> BearerToken::for_access(ClusterAccess& access) {
  if (!access.token_file.empty()) return from_file(access.token_file);
  if (!access.bearer_token.empty() || !access.exec) return fixed(access.bearer_token);
  auto plugin = std::make_unique<ExecPlugin>(*access.exec);
  auto first = plugin->credential();
  if (!first.ok()) return first.error();
  if (access.tls.client_cert_pem.empty() && !first->client_cert_pem.empty()) {
    access.tls.client_cert_pem = first->client_cert_pem;
    access.tls.client_key_pem = first->client_key_pem;
  }
  return from_exec(std::move(plugin));
}

BearerToken::BearerToken(BearerToken&& other) noexcept {
  const std::lock_guard lock(other.mutex_);
  exec_ = std::move(other.exec_);
  file_ = std::move(other.file_);
  token_ = std::move(other.token_);
  stamp_ = other.stamp_;
  loaded_ = other.loaded_;
}

BearerToken& BearerToken::operator=(BearerToken&& other) noexcept {
  if (this == &other) return *this;
  const std::scoped_lock lock(mutex_, other.mutex_);
  exec_ = std::move(other.exec_);
  file_ = std::move(other.file_);
  token_ = std::move(other.token_);
  stamp_ = other.stamp_;
  loaded_ = other.loaded_;
  return *this;
}

bool BearerToken::expire(std::string_view token) {
  // Without a token the plugin's client certificate was refused; a new one could not be used.
  if (!exec_ || token.empty()) return false;
  exec_->expire(token);
  return true;
}

Result<std::string, Error> BearerToken::current() {
  if (exec_) {
    auto credential = exec_->credential();  // the plugin serializes its own runs
    if (!credential.ok()) return credential.error();
    return std::move(credential->token);
  }
  const std::lock_guard lock(mutex_);
  if (file_.empty()) return token_;
  const auto invalid = [this](const std::string& message) {
    return Error{.code = Error::Code::kInvalidConfig, .message = message, .source = file_.string()};
  };
  struct stat info {};
  if (::stat(file_.c_str(), &info) != 0) {
    return invalid("cannot read the bearer token file");
  }
  std::error_code error;
  const FileStamp stamp{.modified = std::filesystem::last_write_time(file_, error),
                        .size = static_cast<uintmax_t>(info.st_size),
                        .inode = static_cast<uintmax_t>(info.st_ino)};
  if (loaded_ && stamp == stamp_) return token_;

  std::ifstream in(file_, std::ios::binary);
  if (!in) return invalid("cannot read the bearer token file");
  std::ostringstream text;
  text << in.rdbuf();
  std::string token = text.str();
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) {
    token.pop_back();
  }
  if (token.empty()) return invalid("the bearer token file is empty");
  token_ = std::move(token);
  stamp_ = stamp;
  loaded_ = true;
  return token_;
}

}  // namespace chartmirror::kube
