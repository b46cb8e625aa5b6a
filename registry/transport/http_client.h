// registry/transport/http_client.h — HTTP/1.1 requests with kept-alive connections.
//
// What registries need and nothing more: requests with bodies in memory or streamed from a
// BodySource with a known length, responses whose bodies are read a buffer at a time and
// straight from the socket, connections reused per origin, HTTPS with the options' trust,
// HTTP(S) proxies, and redirects for downloads. Credentials are the caller's business — with
// one rule enforced here: a redirect to another host never carries the Authorization header
// (blob downloads are redirected to storage back-ends, RFC 9110 §15.4).
//
// A Response holds its connection until its body has been read to the end; then the
// connection goes back to the pool. A Response dropped early closes it.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "registry/content/body_source.h"
#include "registry/error.h"
#include "registry/transport/connection.h"
#include "registry/transport/http_message.h"
#include "registry/transport/proxy.h"
#include "registry/transport/tls_context.h"
#include "registry/transport/tls_options.h"
#include "registry/transport/url.h"
#include "support/result.h"

namespace chartmirror::registry::transport {

using content::BodySource;
using content::StringSource;

struct ClientOptions {
  TlsOptions tls;
  ProxySettings proxy;  // default: none; see ProxySettings::from_environment()
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(30);
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(120);  // no byte moved
  size_t max_idle_per_origin = 16;
  std::string user_agent = "chartmirror";
};

struct Request {
  std::string method = "GET";
  Url url;
  Headers headers;
  std::string body;                   // in memory; ignored when body_source is set
  BodySource* body_source = nullptr;  // streamed; must yield exactly content_length bytes
  uint64_t content_length = 0;        // for body_source
  bool follow_redirects = false;      // GET and HEAD only
};

class ConnectionPool;

class Response final : public BodySource {
 public:
  Response(Response&&) noexcept;
  Response& operator=(Response&&) noexcept;
  Response(const Response&) = delete;
  Response& operator=(const Response&) = delete;
  ~Response() override;

  [[nodiscard]] int status() const { return head_.status; }
  [[nodiscard]] const Headers& headers() const { return head_.headers; }
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const {
    return head_.headers.get(name);
  }
  // The URL that answered (after redirects).
  [[nodiscard]] const Url& url() const { return url_; }
  // Content-Length when the body is length-delimited.
  [[nodiscard]] std::optional<uint64_t> content_length() const;

  // The body, a buffer at a time; 0 at its end.
  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override;
  // The whole body; kTooLarge past `limit` bytes (sizes from the wire are not trusted).
  [[nodiscard]] Result<std::string, Error> read_all(size_t limit);
  // Reads and drops the rest of a small body so the connection can be reused.
  void discard();
  // The socket the body is read from, -1 once it is read to the end. For long polls:
  // ::shutdown(fd, SHUT_RDWR) from another thread makes a blocked read() fail at once; the
  // caller must keep the Response alive meanwhile (see operator/kube's WatchCancel).
  [[nodiscard]] int native_handle() const {
    return connection_ != nullptr ? connection_->native_handle() : -1;
  }

 private:
  friend class HttpClient;
  enum class Framing { kNone, kLength, kChunked, kUntilClose };
  enum class ChunkState { kSize, kData, kDataEnd, kDone };

  Response(ResponseHead head, Url url, std::unique_ptr<Connection> connection,
           std::shared_ptr<ConnectionPool> pool, std::string pool_key, bool head_request);
  Result<size_t, Error> read_chunked(char* data, size_t size);
  Result<std::string, Error> read_line();
  void release();

  ResponseHead head_;
  Url url_;
  std::unique_ptr<Connection> connection_;
  std::shared_ptr<ConnectionPool> pool_;
  std::string pool_key_;
  Framing framing_ = Framing::kNone;
  uint64_t remaining_ = 0;  // of the body (kLength) or of the current chunk (kChunked)
  ChunkState chunk_state_ = ChunkState::kSize;
  bool keep_alive_ = false;
  bool finished_ = false;
};

class HttpClient {
 public:
  [[nodiscard]] static Result<std::unique_ptr<HttpClient>, Error> create(ClientOptions options);

  HttpClient(ClientOptions options, std::shared_ptr<TlsContext> tls);

  // Sends the request and reads the response head. Any status is a Response; only a failure
  // to exchange messages is an Error (kTransport, retryable).
  [[nodiscard]] Result<Response, Error> send(Request request);

 private:
  Result<Response, Error> send_once(const Request& request);
  Result<std::unique_ptr<Connection>, Error> connect(const Url& url);
  // `connection_failed` tells a failed socket write from a failed body source: only after the
  // former may the server have answered early.
  Status<Error> write_request(Connection& connection, const Request& request, bool via_proxy,
                              const std::optional<Proxy>& proxy, bool& connection_failed);
  Result<ResponseHead, Error> read_head(Connection& connection, const Url& url);

  ClientOptions options_;
  std::shared_ptr<TlsContext> tls_;
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace chartmirror::registry::transport
