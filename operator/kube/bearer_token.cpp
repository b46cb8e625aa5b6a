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

BearerToken::BearerToken(BearerToken&& other) noexcept {
  const std::lock_guard lock(other.mutex_);
  file_ = std::move(other.file_);
  token_ = std::move(other.token_);
  stamp_ = other.stamp_;
  loaded_ = other.loaded_;
}

BearerToken& BearerToken::operator=(BearerToken&& other) noexcept {
  if (this == &other) return *this;
  const std::scoped_lock lock(mutex_, other.mutex_);
  file_ = std::move(other.file_);
  token_ = std::move(other.token_);
  stamp_ = other.stamp_;
  loaded_ = other.loaded_;
  return *this;
}

Result<std::string, Error> BearerToken::current() {
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
