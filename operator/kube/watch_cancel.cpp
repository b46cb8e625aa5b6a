#include "operator/kube/watch_cancel.h"

#include <sys/socket.h>

namespace chartmirror::kube {

void WatchCancel::cancel() {
  const std::lock_guard lock(mutex_);
  cancelled_ = true;
  if (socket_ >= 0) ::shutdown(socket_, SHUT_RDWR);
}

bool WatchCancel::cancelled() const {
  const std::lock_guard lock(mutex_);
  return cancelled_;
}

bool WatchCancel::attach(int socket) {
  const std::lock_guard lock(mutex_);
  if (cancelled_) return false;
  socket_ = socket;
  return true;
}

void WatchCancel::detach() {
  const std::lock_guard lock(mutex_);
  socket_ = -1;
}

}  // namespace chartmirror::kube
