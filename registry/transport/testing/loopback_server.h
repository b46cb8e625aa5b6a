// registry/transport/testing/loopback_server.h — a scriptable HTTP/1.1 server on 127.0.0.1
// for the transport's tests: each request goes to a handler that writes raw response bytes
// (or nothing, or half a response) so tests can play a well-behaved or a broken server.
// Optionally TLS, with the certificate of tls_fixture.h. Stopped and joined on destruction.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <openssl/ssl.h>

#include "registry/transport/http_message.h"

namespace chartmirror::registry::transport::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;
  Headers headers;
  std::string body;  // read by Content-Length
};

class ServerConnection {
 public:
  virtual ~ServerConnection() = default;
  virtual void write(std::string_view bytes) = 0;
  virtual void close() = 0;  // ends the connection after this request
};

class LoopbackServer {
 public:
  using Handler = std::function<void(const ReceivedRequest&, ServerConnection&)>;

  explicit LoopbackServer(Handler handler, bool tls = false);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;
  LoopbackServer(LoopbackServer&&) = delete;
  LoopbackServer& operator=(LoopbackServer&&) = delete;

  [[nodiscard]] uint16_t port() const { return port_; }
  [[nodiscard]] std::string url(std::string_view path = "/") const;
  [[nodiscard]] int connections_accepted() const { return accepted_.load(); }
  [[nodiscard]] std::vector<ReceivedRequest> requests() const;

  // A plain response with a body and Content-Length.
  static std::string response(int status, std::string_view body = {},
                              std::string_view extra_headers = {});

 private:
  void accept_loop();
  void serve(int fd);

  Handler handler_;
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> tls_{nullptr, &SSL_CTX_free};
  int listen_fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  mutable std::mutex mutex_;
  std::vector<ReceivedRequest> requests_;  // guarded by mutex_
  std::vector<std::thread> workers_;       // guarded by mutex_
  std::vector<int> open_fds_;              // guarded by mutex_
  std::thread acceptor_;
};

}  // namespace chartmirror::registry::transport::testing
