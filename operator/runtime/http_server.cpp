// operator/runtime/http_server.cpp — listen, accept, answer one request, close; see
// http_server.h.
#include "operator/runtime/http_server.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace chartmirror::runtime {

namespace {

constexpr size_t kMaxHead = 8192;
constexpr timeval kIoTimeout{.tv_sec = 5, .tv_usec = 0};

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 400:
      return "Bad Request";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "";
  }
}

void send_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return;  // the client went away: nothing to tell it
    data.remove_prefix(static_cast<size_t>(sent));
  }
}

// The request head, or "" when the client sent none in time or too much.
std::string read_head(int fd) {
  std::string head;
  char buffer[1024];
  while (head.find("\r\n\r\n") == std::string::npos) {
    if (head.size() > kMaxHead) return {};
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return {};
    head.append(buffer, static_cast<size_t>(got));
  }
  return head;
}

std::string system_error(std::string_view what, std::string_view address) {
  return std::string(what) + " " + std::string(address) + ": " + std::strerror(errno);
}

}  // namespace

Result<ListenAddress, HttpServerError> parse_listen_address(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return HttpServerError{"listen address \"" + std::string(text) +
                           "\" is not host:port (\":8080\", \"127.0.0.1:8080\")"};
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  unsigned value = 0;
  const auto parsed = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || parsed.ec != std::errc{} || parsed.ptr != port.data() + port.size() ||
      value > 65535) {
    return HttpServerError{"listen address \"" + std::string(text) + "\" has no valid port"};
  }
  return ListenAddress{.host = std::string(host), .port = static_cast<uint16_t>(value)};
}

Result<std::unique_ptr<HttpServer>, HttpServerError> HttpServer::listen(std::string_view address) {
  auto parsed = parse_listen_address(address);
  if (!parsed.ok()) return parsed.error();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(parsed->port);
  const int resolved = ::getaddrinfo(parsed->host.empty() ? nullptr : parsed->host.c_str(),
                                     port.c_str(), &hints, &found);
  if (resolved != 0) {
    return HttpServerError{"cannot resolve " + std::string(address) + ": " +
                           ::gai_strerror(resolved)};
  }
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, &::freeaddrinfo);
  std::string failure = "no address for " + std::string(address);
  for (const addrinfo* at = addresses.get(); at != nullptr; at = at->ai_next) {
    const int fd = ::socket(at->ai_family, at->ai_socktype | SOCK_CLOEXEC, at->ai_protocol);
    if (fd < 0) {
      failure = system_error("cannot open a socket for", address);
      continue;
    }
    const int on = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd, at->ai_addr, at->ai_addrlen) != 0 || ::listen(fd, 16) != 0) {
      failure = system_error("cannot listen on", address);
      ::close(fd);
      continue;
    }
    sockaddr_storage bound{};
    socklen_t length = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
    const uint16_t bound_port =
        ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    int wake[2];
    if (::pipe2(wake, O_CLOEXEC) != 0) {
      failure = system_error("cannot create a pipe for", address);
      ::close(fd);
      break;
    }
    return std::make_unique<HttpServer>(fd, bound_port, wake[0], wake[1]);
  }
  return HttpServerError{failure};
}

HttpServer::HttpServer(int listen_fd, uint16_t port, int wake_read, int wake_write)
    : listen_fd_(listen_fd), port_(port), wake_read_(wake_read), wake_write_(wake_write) {}

HttpServer::~HttpServer() {
  stop();
  ::close(listen_fd_);
  ::close(wake_read_);
  ::close(wake_write_);
}

void HttpServer::route(std::string path, HttpRoute handler) {
  routes_.insert_or_assign(std::move(path), std::move(handler));
}

void HttpServer::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { serve(); });
}

void HttpServer::stop() {
  if (!thread_.joinable()) return;
  const char byte = 0;
  while (::write(wake_write_, &byte, 1) < 0 && errno == EINTR) {
  }
  thread_.join();
}

void HttpServer::serve() {
  while (true) {
    pollfd fds[2] = {{.fd = listen_fd_, .events = POLLIN, .revents = 0},
                     {.fd = wake_read_, .events = POLLIN, .revents = 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    if ((fds[0].revents & POLLIN) == 0) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;  // the client gave up, or descriptors ran out: try the next one
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &kIoTimeout, sizeof kIoTimeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &kIoTimeout, sizeof kIoTimeout);
    answer(fd);
    ::close(fd);
  }
}

void HttpServer::answer(int fd) {
  const std::string head = read_head(fd);
  if (head.empty()) return;
  const size_t line_end = head.find("\r\n");
  const std::string_view line = std::string_view(head).substr(0, line_end);
  const size_t first = line.find(' ');
  const size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
  HttpReply reply;
  bool head_only = false;
  if (second == std::string_view::npos) {
    reply = {.status = 400, .body = "malformed request line\n"};
  } else {
    const std::string_view method = line.substr(0, first);
    std::string_view target = line.substr(first + 1, second - first - 1);
    target = target.substr(0, target.find('?'));
    head_only = method == "HEAD";
    const auto route = routes_.find(target);
    if (method != "GET" && !head_only) {
      reply = {.status = 405, .body = "only GET and HEAD\n"};
    } else if (route == routes_.end()) {
      reply = {.status = 404, .body = "not found\n"};
    } else {
      reply = route->second();
    }
  }
  std::string response = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                         "\r\nContent-Type: " + reply.content_type +
                         "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                         "\r\nConnection: close\r\n";
  if (reply.status == 405) response += "Allow: GET, HEAD\r\n";
  response += "\r\n";
  if (!head_only) response += reply.body;
  send_all(fd, response);
}

}  // namespace chartmirror::runtime
