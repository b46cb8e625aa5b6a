// operator/runtime/http_server.h — the operator's own small HTTP/1.1 server, for /metrics,
// /healthz and /readyz.
//
// Scrapes and probes are few, small and sequential, so one thread serves one connection at a
// time: it reads the request head (at most 8 KiB, within 5 s: a stalled client cannot hold
// the probes up for long), answers, and closes the connection ("Connection: close"; kubelet
// and Prometheus open one per request anyway). GET and HEAD only; other methods get 405,
// unknown paths 404. The query string is not part of the route.
//
// Addresses are written as Go's net.Listen takes them and the flags show them: ":8080" (every
// interface), "127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one (port() tells which).
// stop() (any thread) wakes the accept loop through a pipe and joins it; the destructor stops.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "support/result.h"

namespace chartmirror::runtime {

struct HttpReply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

using HttpRoute = std::function<HttpReply()>;

struct HttpServerError {
  std::string message;  // names the address and the system error
};

class HttpServer {
 public:
  // Binds and listens on `address`; serving starts with start().
  [[nodiscard]] static Result<std::unique_ptr<HttpServer>, HttpServerError> listen(
      std::string_view address);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  HttpServer(HttpServer&&) = delete;
  HttpServer& operator=(HttpServer&&) = delete;

  // Routes are set before start().
  void route(std::string path, HttpRoute handler);
  void start();
  void stop();
  [[nodiscard]] uint16_t port() const { return port_; }

  HttpServer(int listen_fd, uint16_t port, int wake_read, int wake_write);

 private:
  void serve();
  void answer(int fd);

  int listen_fd_;
  uint16_t port_;
  int wake_read_;  // readable once stop() was called
  int wake_write_;
  std::map<std::string, HttpRoute, std::less<>> routes_;  // read-only once started
  std::thread thread_;
};

// Splits "host:port" ("" host: any address); an error for anything else.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
[[nodiscard]] Result<ListenAddress, HttpServerError> parse_listen_address(std::string_view text);

}  // namespace chartmirror::runtime
