// operator/kube/bearer_token.h — the bearer token a request carries: fixed, from a file that
// is read again whenever it changes, or from an exec credential plugin (exec_credential.h).
//
// The kubelet rotates projected service-account tokens by swapping the file (an atomic
// symlink flip inside the mounted directory), about every hour; a client that read the token
// once at start-up is refused an hour or so later. So a file token is stat()ed on every
// request — one syscall, far cheaper than the request — and re-read when its modification
// time, size or inode differs from the last read. A plugin's token is cached until its expiry
// or until the API server refuses it (expire()). The token is a secret: it appears in no
// Error and no log line; errors name only the file or the plugin.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "operator/kube/error.h"
#include "operator/kube/exec_credential.h"
#include "operator/kube/kubeconfig.h"
#include "support/result.h"

namespace chartmirror::kube {

class BearerToken {
 public:
  BearerToken() = default;  // no token: anonymous requests
  static BearerToken fixed(std::string token);
  static BearerToken from_file(std::filesystem::path path);
  static BearerToken from_exec(std::unique_ptr<ExecPlugin> plugin);
  // The source `access` names: its token or token file, else its exec plugin, which is run
  // now. The HTTP client fixes its TLS identity when it is made, so a client certificate the
  // plugin prints goes into access.tls here (unless the kubeconfig has one): later
  // certificates from the plugin are not used, only its tokens.
  [[nodiscard]] static Result<BearerToken, Error> for_access(ClusterAccess& access);

  BearerToken(BearerToken&& other) noexcept;
  BearerToken& operator=(BearerToken&& other) noexcept;
  BearerToken(const BearerToken&) = delete;
  BearerToken& operator=(const BearerToken&) = delete;
  ~BearerToken() = default;

  // The current token ("" for none). Thread-safe. A file that cannot be read, or holds only
  // whitespace, is kInvalidConfig naming the file.
  [[nodiscard]] Result<std::string, Error> current();

  // The API server refused `token` (401). True when asking again may give another one (an
  // exec plugin's token: the plugin then runs again); false for fixed and file tokens, and
  // for "" (a plugin's client certificate, which the client cannot replace).
  [[nodiscard]] bool expire(std::string_view token);

 private:
  struct FileStamp {
    std::filesystem::file_time_type modified;
    uintmax_t size = 0;
    uintmax_t inode = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
  };

  std::mutex mutex_;
  std::unique_ptr<ExecPlugin> exec_;  // set: the plugin's token; file_ and token_ unused
  std::filesystem::path file_;        // empty: a fixed token
  std::string token_;                 // guarded by mutex_
  FileStamp stamp_;                   // guarded by mutex_; of the file when token_ was read
  bool loaded_ = false;               // guarded by mutex_
};

}  // namespace chartmirror::kube
