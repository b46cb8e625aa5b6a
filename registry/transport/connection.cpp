#include "registry/transport/connection.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/sigpipe_guard.h"

namespace chartmirror::registry::transport {
namespace {

Error transport_error(const std::string& peer, std::string message) {
  return Error{.code = Error::Code::kTransport,
               .message = peer + ": " + std::move(message),
               .retryable = true};
}

bool wait_fd(int fd, short events, std::chrono::milliseconds timeout) {
  pollfd p{fd, events, 0};
  while (true) {
    const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return true;  // let the following call report the error
  }
}

// A non-blocking connect to one address, bounded by the timeout.
int connect_one(const addrinfo& address, std::chrono::milliseconds timeout, std::string& why) {
  const int fd = ::socket(address.ai_family, address.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          address.ai_protocol);
  if (fd < 0) {
    why = std::strerror(errno);
    return -1;
  }
  if (::connect(fd, address.ai_addr, address.ai_addrlen) != 0 && errno != EINPROGRESS) {
    why = std::strerror(errno);
    ::close(fd);
    return -1;
  }
  if (!wait_fd(fd, POLLOUT, timeout)) {
    why = "connect timed out";
    ::close(fd);
    return -1;
  }
  int error = 0;
  socklen_t length = sizeof error;
  ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0) {
    why = std::strerror(error);
    ::close(fd);
    return -1;
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // requests are head + body
  return fd;
}

}  // namespace

Result<std::unique_ptr<Connection>, Error> Connection::open(
    const std::string& host, uint16_t port, std::chrono::milliseconds connect_timeout,
    std::chrono::milliseconds io_timeout) {
  const std::string peer =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return transport_error(peer, std::string("cannot resolve host: ") + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> addresses(found, &freeaddrinfo);
  std::string why = "no address";
  for (const addrinfo* a = addresses.get(); a != nullptr; a = a->ai_next) {
    const int fd = connect_one(*a, connect_timeout, why);
    if (fd >= 0) return std::make_unique<Connection>(Key{}, fd, peer, io_timeout);
  }
  return transport_error(peer, "cannot connect: " + why);
}

Connection::~Connection() {
  if (ssl_ != nullptr) {
    const SigpipeGuard guard;
    SSL_shutdown(ssl_.get());  // best effort close_notify; the socket closes regardless
  }
  ::close(fd_);
}

Error Connection::failure(const std::string& what) const { return transport_error(peer_, what); }

bool Connection::wait(bool for_write) {
  return wait_fd(fd_, for_write ? POLLOUT : POLLIN, timeout_);
}

Status<Error> Connection::start_tls(const TlsContext& context, const std::string& tls_host) {
  auto session = context.new_session(tls_host);
  if (!session.ok()) return session.error();
  ssl_ = std::move(session).value();
  SSL_set_fd(ssl_.get(), fd_);
  while (true) {
    ERR_clear_error();
    const SigpipeGuard guard;
    const int rc = SSL_connect(ssl_.get());
    if (rc == 1) return Done{};
    const int error = SSL_get_error(ssl_.get(), rc);
    if ((error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) &&
        wait(error == SSL_ERROR_WANT_WRITE)) {
      continue;
    }
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      return failure("TLS handshake timed out");
    }
    const long verify = SSL_get_verify_result(ssl_.get());
    std::string message = "TLS handshake failed: ";
    if (verify != X509_V_OK) {
      message += std::string("certificate not trusted (") + X509_verify_cert_error_string(verify) +
                 "); give the registry's CA, or skip verification only if you must";
      Error e = failure(message);
      e.retryable = false;
      return e;
    }
    return failure(message + openssl_error_text());
  }
}

Result<size_t, Error> Connection::read_some(char* data, size_t size) {
  if (!pending_.empty()) {
    const size_t n = std::min(size, pending_.size());
    std::memcpy(data, pending_.data(), n);
    pending_.erase(0, n);
    return n;
  }
  while (true) {
    if (ssl_ != nullptr) {
      ERR_clear_error();
      size_t got = 0;
      // SSL_read may write too (a key update, an alert), to a socket the peer reset or a
      // watch's cancel shut down.
      const SigpipeGuard guard;
      const int rc = SSL_read_ex(ssl_.get(), data, size, &got);
      if (rc == 1) return got;
      const int error = SSL_get_error(ssl_.get(), rc);
      if (error == SSL_ERROR_ZERO_RETURN) return size_t{0};
      if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        if (!wait(error == SSL_ERROR_WANT_WRITE)) return failure("read timed out");
        continue;
      }
      // A peer that closes without close_notify: treat as end of stream, as browsers do;
      // the HTTP layer knows from the framing whether the body was complete.
      if (error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) return size_t{0};
      return failure("TLS read failed: " + openssl_error_text());
    }
    const ssize_t n = ::recv(fd_, data, size, 0);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return failure(std::string("read failed: ") + std::strerror(errno));
    }
    if (!wait(false)) return failure("read timed out");
  }
}

Status<Error> Connection::write_all(std::string_view data) {
  while (!data.empty()) {
    if (ssl_ != nullptr) {
      ERR_clear_error();
      size_t sent = 0;
      const SigpipeGuard guard;
      const int rc = SSL_write_ex(ssl_.get(), data.data(), data.size(), &sent);
      if (rc == 1) {
        data.remove_prefix(sent);
        continue;
      }
      const int error = SSL_get_error(ssl_.get(), rc);
      if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        if (!wait(error == SSL_ERROR_WANT_WRITE)) return failure("write timed out");
        continue;
      }
      return failure("TLS write failed: " + openssl_error_text());
    }
    const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n >= 0) {
      data.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      return failure(std::string("write failed: ") + std::strerror(errno));
    }
    if (!wait(true)) return failure("write timed out");
  }
  return Done{};
}

bool Connection::idle_and_open() {
  if (!pending_.empty()) return false;
  if (ssl_ != nullptr && SSL_pending(ssl_.get()) > 0) return false;
  pollfd p{fd_, POLLIN, 0};
  // Readable while idle means the peer closed (EOF) or sent something unexpected.
  return ::poll(&p, 1, 0) == 0;
}

}  // namespace chartmirror::registry::transport
