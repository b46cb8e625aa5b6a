#include "registry/transport/testing/loopback_server.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <netinet/in.h>
#include <openssl/pem.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "registry/transport/testing/tls_fixture.h"
#include "support/sigpipe_guard.h"

namespace chartmirror::registry::transport::testing {
namespace {

class Socket final : public ServerConnection {
 public:
  Socket(int fd, SSL* ssl) : fd_(fd), ssl_(ssl) {}
  void write(std::string_view bytes) override {
    const SigpipeGuard guard;
    while (!bytes.empty() && !closed_) {
      const int n = ssl_ != nullptr
                        ? SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()))
                        : static_cast<int>(::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL));
      if (n <= 0) return;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
  }
  void close() override { closed_ = true; }
  [[nodiscard]] bool closed() const { return closed_; }
  int read(char* data, size_t size) {
    if (ssl_ != nullptr) return SSL_read(ssl_, data, static_cast<int>(size));
    return static_cast<int>(::recv(fd_, data, size, 0));
  }

 private:
  int fd_;
  SSL* ssl_;
  bool closed_ = false;
};

// Reads one request (head and Content-Length body); false at end of stream.
bool read_request(Socket& socket, std::string& buffer, ReceivedRequest& request) {
  char chunk[65536];
  while (head_length(buffer) == 0) {
    const int n = socket.read(chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  const size_t length = head_length(buffer);
  const std::string head = buffer.substr(0, length);
  buffer.erase(0, length);
  const auto line_end = head.find("\r\n");
  const std::string line = head.substr(0, line_end);
  const auto first = line.find(' ');
  const auto second = line.rfind(' ');
  request.method = line.substr(0, first);
  request.target = line.substr(first + 1, second - first - 1);
  // Reuse the response parser for the fields: give it a status line it accepts.
  auto parsed = parse_response_head("HTTP/1.1 200 OK" + head.substr(line_end));
  if (parsed.ok()) request.headers = parsed->headers;
  const size_t body_length = std::stoul(request.headers.get("Content-Length").value_or("0"));
  while (buffer.size() < body_length) {
    const int n = socket.read(chunk, sizeof chunk);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  request.body = buffer.substr(0, body_length);
  buffer.erase(0, body_length);
  return true;
}

}  // namespace

LoopbackServer::LoopbackServer(Handler handler, bool tls) : handler_(std::move(handler)) {
  if (tls) {
    tls_.reset(SSL_CTX_new(TLS_server_method()));
    std::unique_ptr<BIO, decltype(&BIO_free)> cert_bio(
        BIO_new_mem_buf(kServerCertificatePem.data(),
                        static_cast<int>(kServerCertificatePem.size())),
        &BIO_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr), &X509_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> key_bio(
        BIO_new_mem_buf(kServerKeyPem.data(), static_cast<int>(kServerKeyPem.size())), &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
    SSL_CTX_use_certificate(tls_.get(), cert.get());
    SSL_CTX_use_PrivateKey(tls_.get(), key.get());
  }
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listen_fd_, 16) != 0) {
    throw std::runtime_error(std::string("loopback server: cannot listen: ") +
                             std::strerror(errno));
  }
  socklen_t length = sizeof address;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

LoopbackServer::~LoopbackServer() {
  stopping_ = true;
  ::shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  ::close(listen_fd_);
  std::vector<std::thread> workers;
  {
    const std::lock_guard lock(mutex_);
    for (const int fd : open_fds_) ::shutdown(fd, SHUT_RDWR);  // wake blocked reads
    workers.swap(workers_);
  }
  for (auto& worker : workers) worker.join();
}

std::string LoopbackServer::url(std::string_view path) const {
  return std::string(tls_ != nullptr ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) +
         std::string(path);
}

std::vector<ReceivedRequest> LoopbackServer::requests() const {
  const std::lock_guard lock(mutex_);
  return requests_;
}

std::string LoopbackServer::response(int status, std::string_view body,
                                     std::string_view extra_headers) {
  return "HTTP/1.1 " + std::to_string(status) +
         " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" +
         std::string(extra_headers) + "\r\n" + std::string(body);
}

void LoopbackServer::accept_loop() {
  while (!stopping_) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    if (stopping_) {
      ::close(fd);
      break;
    }
    ++accepted_;
    const std::lock_guard lock(mutex_);
    open_fds_.push_back(fd);
    workers_.emplace_back([this, fd] { serve(fd); });
  }
}

void LoopbackServer::serve(int fd) {
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(nullptr, &SSL_free);
  if (tls_ != nullptr) {
    ssl.reset(SSL_new(tls_.get()));
    SSL_set_fd(ssl.get(), fd);
    if (SSL_accept(ssl.get()) != 1) ssl.reset();
  }
  if (tls_ == nullptr || ssl != nullptr) {
    Socket socket(fd, ssl.get());
    std::string buffer;
    ReceivedRequest request;
    while (!socket.closed() && read_request(socket, buffer, request)) {
      {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      handler_(request, socket);
      request = ReceivedRequest{};
    }
  }
  ssl.reset();
  const std::lock_guard lock(mutex_);
  std::erase(open_fds_, fd);
  ::close(fd);
}

}  // namespace chartmirror::registry::transport::testing
