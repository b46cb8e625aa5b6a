// operator/kube/bearer_token.h — the bearer token a request carries, fixed or from a file that
// is read again whenever it changes.
//
// The kubelet rotates projected service-account tokens by swapping the file (an atomic
// symlink flip inside the mounted directory), about every hour; a client that read the token
// once at start-up is refused an hour or so later. So a file token is stat()ed on every
// request — one syscall, far cheaper than the request — and re-read when its modification
// time, size or inode differs from the last read. The token is a secret: it appears in no
// Error and no log line; errors name only the file.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

#include "operator/kube/error.h"
#include "support/result.h"

namespace chartmirror::kube {

class BearerToken {
 public:
  BearerToken() = default;  // no token: anonymous requests
  static BearerToken fixed(std::string token);
  static BearerToken from_file(std::filesystem::path path);

  BearerToken(BearerToken&& other) noexcept;
  BearerToken& operator=(BearerToken&& other) noexcept;
  BearerToken(const BearerToken&) = delete;
  BearerToken& operator=(const BearerToken&) = delete;
  ~BearerToken() = default;

  // The current token ("" for none). Thread-safe. A file that cannot be read, or holds only
  // whitespace, is kInvalidConfig naming the file.
  [[nodiscard]] Result<std::string, Error> current();

 private:
  struct FileStamp {
    std::filesystem::file_time_type modified;
    uintmax_t size = 0;
    uintmax_t inode = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
  };

  std::mutex mutex_;
  std::filesystem::path file_;  // empty: a fixed token
  std::string token_;           // guarded by mutex_
  FileStamp stamp_;             // guarded by mutex_; of the file when token_ was read
  bool loaded_ = false;         // guarded by mutex_
};

}  // namespace chartmirror::kube
