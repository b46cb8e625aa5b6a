// operator/kube/watch_cancel.h — stopping a watch from another thread (shutdown).
//
// A watch spends its life blocked reading a socket that may stay silent for minutes. cancel()
// marks the watch cancelled and shuts the socket down (::shutdown, not close: the watching
// thread still owns the descriptor), so the blocked read returns at once and the watch ends
// with kCancelled, releasing its connection. The watching thread attaches the socket while it
// reads and detaches it, under the same mutex, before the socket can close — so cancel()
// never touches a descriptor that was closed and reused. One WatchCancel serves one watch at
// a time; it must outlive the watch call. A cancel() before the watch starts, or while it
// connects, ends it as soon as the response head arrives.
#pragma once

#include <mutex>

namespace chartmirror::kube {

class WatchCancel {
 public:
  // Thread-safe and idempotent.
  void cancel();
  [[nodiscard]] bool cancelled() const;

  // For the watching thread: false (and nothing attached) when already cancelled.
  [[nodiscard]] bool attach(int socket);
  void detach();

 private:
  mutable std::mutex mutex_;
  bool cancelled_ = false;  // guarded by mutex_
  int socket_ = -1;         // guarded by mutex_
};

}  // namespace chartmirror::kube
