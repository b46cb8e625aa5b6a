// registry/transport/connection.h — one TCP connection, optionally TLS, with deadlines.
//
// Blocking-style calls on a non-blocking socket: every wait is a poll() bounded by the idle
// timeout, so a silent peer fails the call with a transport error instead of hanging the
// copy. Reads may be served from bytes already buffered by the HTTP layer (`unread`).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <openssl/ssl.h>

#include "registry/error.h"
#include "registry/transport/tls_context.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

class Connection {
 public:
  // Connects to host:port, trying every address the name resolves to, in order.
  // `connect_timeout` bounds the connect; `io_timeout` every later wait for the peer.
  [[nodiscard]] static Result<std::unique_ptr<Connection>, Error> open(
      const std::string& host, uint16_t port, std::chrono::milliseconds connect_timeout,
      std::chrono::milliseconds io_timeout);

  // Starts TLS on this connection (directly, or inside a proxy's CONNECT tunnel).
  [[nodiscard]] Status<Error> start_tls(const TlsContext& context, const std::string& tls_host);

  struct Key {  // only open() makes connections
    explicit Key() = default;
  };
  Connection(Key /*only open()*/, int fd, std::string peer, std::chrono::milliseconds timeout)
      : fd_(fd), peer_(std::move(peer)), timeout_(timeout) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) = delete;
  Connection& operator=(Connection&&) = delete;
  ~Connection();

  // Up to `size` bytes; 0 means the peer closed the connection.
  [[nodiscard]] Result<size_t, Error> read_some(char* data, size_t size);
  [[nodiscard]] Status<Error> write_all(std::string_view data);

  // Puts bytes back in front of the stream (what a header parse read past the head).
  void unread(std::string_view bytes) { pending_.insert(0, bytes); }

  // True when an idle pooled connection can carry another request: nothing to read, no
  // close from the peer. A keep-alive connection the server has closed fails this check.
  [[nodiscard]] bool idle_and_open();

  [[nodiscard]] const std::string& peer() const { return peer_; }
  // The socket, so another thread can ::shutdown() it to end a blocked read (cancelling a
  // long poll such as a Kubernetes watch); never close it.
  [[nodiscard]] int native_handle() const { return fd_; }

 private:
  // Waits until the socket is readable (or writable); false on timeout.
  [[nodiscard]] bool wait(bool for_write);
  Error failure(const std::string& what) const;

  int fd_;
  std::string peer_;  // host:port, for errors
  std::chrono::milliseconds timeout_;
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl_{nullptr, &SSL_free};
  std::string pending_;
};

}  // namespace chartmirror::registry::transport
