#include "registry/transport/http_client.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace chartmirror::registry::transport {

// Idle connections by origin ("https://host:port", or with a proxy "…|via proxy").
class ConnectionPool {
 public:
  explicit ConnectionPool(size_t max_per_origin) : max_per_origin_(max_per_origin) {}

  std::unique_ptr<Connection> take(const std::string& key) {
    const std::lock_guard lock(mutex_);
    auto& idle = idle_[key];
    while (!idle.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle.back());
      idle.pop_back();
      if (connection->idle_and_open()) return connection;
    }
    return nullptr;
  }

  void give(const std::string& key, std::unique_ptr<Connection> connection) {
    const std::lock_guard lock(mutex_);
    auto& idle = idle_[key];
    if (idle.size() < max_per_origin_) idle.push_back(std::move(connection));
  }

 private:
  size_t max_per_origin_;
  std::mutex mutex_;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle_;  // guarded by mutex_
};

namespace {

constexpr size_t kMaxHeadBytes = size_t{64} * 1024;
constexpr size_t kStreamBuffer = size_t{256} * 1024;
constexpr int kMaxRedirects = 10;

Error broken(const Url& url, const std::string& method, std::string message) {
  return Error{.code = Error::Code::kTransport,
               .message = std::move(message),
               .method = method,
               .url = url.redacted(),
               .retryable = true};
}

// Adds the request's context to a connection-level error.
Error in_request(Error error, const Request& request) {
  error.method = request.method;
  error.url = request.url.redacted();
  return error;
}

bool has_token(const std::optional<std::string>& value, std::string_view token) {
  if (!value) return false;
  std::string_view list = *value;
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (iequals(item, token)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

// --- Response ------------------------------------------------------------------------------

Response::Response(ResponseHead head, Url url, std::unique_ptr<Connection> connection,
                   std::shared_ptr<ConnectionPool> pool, std::string pool_key, bool head_request)
    : head_(std::move(head)),
      url_(std::move(url)),
      connection_(std::move(connection)),
      pool_(std::move(pool)),
      pool_key_(std::move(pool_key)) {
  const auto connection_header = head_.headers.get("Connection");
  keep_alive_ = head_.version_minor >= 1 ? !has_token(connection_header, "close")
                                         : has_token(connection_header, "keep-alive");
  const int status = head_.status;
  if (head_request || status == 204 || status == 304 || (status >= 100 && status < 200)) {
    framing_ = Framing::kNone;
  } else if (has_token(head_.headers.get("Transfer-Encoding"), "chunked")) {
    framing_ = Framing::kChunked;
  } else if (const auto length = content_length()) {
    framing_ = Framing::kLength;
    remaining_ = *length;
  } else {
    framing_ = Framing::kUntilClose;
    keep_alive_ = false;
  }
  if (framing_ == Framing::kNone || (framing_ == Framing::kLength && remaining_ == 0)) release();
}

Response::Response(Response&& other) noexcept = default;
Response& Response::operator=(Response&& other) noexcept = default;
Response::~Response() = default;  // an unfinished body's connection closes with it

std::optional<uint64_t> Response::content_length() const {
  const auto value = head_.headers.get("Content-Length");
  if (!value) return std::nullopt;
  uint64_t length = 0;
  const auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), length);
  if (ec != std::errc() || end != value->data() + value->size()) return std::nullopt;
  return length;
}

void Response::release() {
  finished_ = true;
  if (connection_ != nullptr && keep_alive_ && pool_ != nullptr) {
    pool_->give(pool_key_, std::move(connection_));
  }
  connection_.reset();
}

Result<size_t, Error> Response::read(char* data, size_t size) {
  if (finished_ || size == 0) return size_t{0};
  if (framing_ == Framing::kChunked) return read_chunked(data, size);
  const size_t want = framing_ == Framing::kLength
                          ? static_cast<size_t>(std::min<uint64_t>(size, remaining_))
                          : size;
  auto got = connection_->read_some(data, want);
  if (!got.ok()) return got.error();
  if (*got == 0) {
    if (framing_ == Framing::kUntilClose) {
      release();
      return size_t{0};
    }
    return broken(url_, "",
                  "the connection closed " + std::to_string(remaining_) +
                      " bytes before the end of the body");
  }
  if (framing_ == Framing::kLength) {
    remaining_ -= *got;
    if (remaining_ == 0) release();
  }
  return got;
}

Result<std::string, Error> Response::read_line() {
  std::string line;
  char c = 0;
  while (true) {
    auto got = connection_->read_some(&c, 1);
    if (!got.ok()) return got.error();
    if (*got == 0) return broken(url_, "", "the connection closed inside a chunked body");
    if (c == '\n') break;
    line += c;
    if (line.size() > 4096) return broken(url_, "", "a chunk header line is too long");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<size_t, Error> Response::read_chunked(char* data, size_t size) {
  while (true) {
    switch (chunk_state_) {
      case ChunkState::kSize: {
        auto line = read_line();
        if (!line.ok()) return line.error();
        const auto end = line->find(';');  // chunk extensions are ignored
        const std::string hex = line->substr(0, end);
        const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), remaining_, 16);
        if (ec != std::errc() || hex.empty()) {
          return broken(url_, "", "malformed chunk size \"" + hex.substr(0, 20) + "\"");
        }
        chunk_state_ = remaining_ == 0 ? ChunkState::kDone : ChunkState::kData;
        if (chunk_state_ == ChunkState::kDone) {
          while (true) {  // trailer fields, up to the empty line
            auto trailer = read_line();
            if (!trailer.ok()) return trailer.error();
            if (trailer->empty()) break;
          }
          release();
          return size_t{0};
        }
        break;
      }
      case ChunkState::kData: {
        auto got =
            connection_->read_some(data, static_cast<size_t>(std::min<uint64_t>(size, remaining_)));
        if (!got.ok()) return got.error();
        if (*got == 0) return broken(url_, "", "the connection closed inside a chunk");
        remaining_ -= *got;
        if (remaining_ == 0) chunk_state_ = ChunkState::kDataEnd;
        return got;
      }
      case ChunkState::kDataEnd: {
        auto line = read_line();
        if (!line.ok()) return line.error();
        if (!line->empty()) return broken(url_, "", "a chunk does not end with CRLF");
        chunk_state_ = ChunkState::kSize;
        break;
      }
      case ChunkState::kDone:
        return size_t{0};
    }
  }
}

Result<std::string, Error> Response::read_all(size_t limit) {
  std::string body;
  if (const auto length = content_length(); length && *length > limit) {
    return Error{.code = Error::Code::kTooLarge,
                 .message = "the response body is " + std::to_string(*length) +
                            " bytes, more than the " + std::to_string(limit) + " allowed",
                 .url = url_.redacted()};
  }
  char buffer[16384];
  while (true) {
    auto got = read(buffer, sizeof buffer);
    if (!got.ok()) return got.error();
    if (*got == 0) return body;
    if (body.size() + *got > limit) {
      return Error{
          .code = Error::Code::kTooLarge,
          .message = "the response body exceeds the " + std::to_string(limit) + " bytes allowed",
          .url = url_.redacted()};
    }
    body.append(buffer, *got);
  }
}

void Response::discard() {
  char buffer[16384];
  for (size_t total = 0; !finished_ && total < size_t{1} << 20U;) {
    auto got = read(buffer, sizeof buffer);
    if (!got.ok() || *got == 0) break;
    total += *got;
  }
}

// --- HttpClient ----------------------------------------------------------------------------

Result<std::unique_ptr<HttpClient>, Error> HttpClient::create(ClientOptions options) {
  auto tls = TlsContext::create(options.tls);
  if (!tls.ok()) return tls.error();
  return std::make_unique<HttpClient>(std::move(options), std::move(tls).value());
}

HttpClient::HttpClient(ClientOptions options, std::shared_ptr<TlsContext> tls)
    : options_(std::move(options)),
      tls_(std::move(tls)),
      pool_(std::make_shared<ConnectionPool>(options_.max_idle_per_origin)) {}

Result<Response, Error> HttpClient::send(Request request) {
  for (int redirects = 0;; ++redirects) {
    auto response = send_once(request);
    if (!response.ok() || !request.follow_redirects || !is_redirect(response->status()) ||
        (request.method != "GET" && request.method != "HEAD")) {
      return response;
    }
    const auto location = response->header("Location");
    if (!location) return response;
    if (redirects == kMaxRedirects) {
      return broken(request.url, request.method, "more than 10 redirects");
    }
    response->discard();
    auto next = request.url.resolve(*location);
    if (!next.ok()) return in_request(next.error(), request);
    if (next->authority() != request.url.authority() || next->scheme() != request.url.scheme()) {
      request.headers.remove("Authorization");  // never to another host
    }
    request.url = std::move(next).value();
  }
}

Result<std::unique_ptr<Connection>, Error> HttpClient::connect(const Url& url) {
  const auto proxy = options_.proxy.for_url(url);
  const Url& first_hop = proxy ? proxy->url : url;
  auto connection = Connection::open(first_hop.host(), first_hop.port(), options_.connect_timeout,
                                     options_.idle_timeout);
  if (!connection.ok()) return connection.error();
  if (proxy && url.https()) {
    // A tunnel through the proxy, then TLS with the origin inside it.
    std::string connect = "CONNECT " + url.host() + ":" + std::to_string(url.port()) +
                          " HTTP/1.1\r\nHost: " + url.authority() + "\r\n";
    if (!proxy->authorization.empty()) {
      connect += "Proxy-Authorization: " + proxy->authorization + "\r\n";
    }
    connect += "\r\n";
    if (auto sent = (*connection)->write_all(connect); !sent.ok()) return sent.error();
    auto head = read_head(**connection, proxy->url);
    if (!head.ok()) return head.error();
    if (head->status / 100 != 2) {
      return Error{.code = Error::Code::kTransport,
                   .message = "the proxy " + proxy->url.authority() + " refused to connect to " +
                              url.authority() + ": " + std::to_string(head->status) + " " +
                              head->reason,
                   .method = "CONNECT",
                   .http_status = head->status};
    }
  }
  if (url.https()) {
    if (auto tls = (*connection)->start_tls(*tls_, url.host()); !tls.ok()) return tls.error();
  }
  return connection;
}

Status<Error> HttpClient::write_request(Connection& connection, const Request& request,
                                        bool via_proxy, const std::optional<Proxy>& proxy,
                                        bool& connection_failed) {
  connection_failed = true;  // until the body source is being read
  // Through a proxy, plain HTTP requests name the whole URL (RFC 9112 §3.2.2).
  std::string head = request.method + " " + (via_proxy ? request.url.str() : request.url.target()) +
                     " HTTP/1.1\r\n";
  head += "Host: " + request.url.authority() + "\r\n";
  if (!request.headers.has("User-Agent")) head += "User-Agent: " + options_.user_agent + "\r\n";
  if (via_proxy && proxy && !proxy->authorization.empty()) {
    head += "Proxy-Authorization: " + proxy->authorization + "\r\n";
  }
  const uint64_t length =
      request.body_source != nullptr ? request.content_length : request.body.size();
  if (length > 0 || request.method == "PUT" || request.method == "POST" ||
      request.method == "PATCH") {
    head += "Content-Length: " + std::to_string(length) + "\r\n";
  }
  for (const auto& [name, value] : request.headers.fields()) {
    head.append(name).append(": ").append(value).append("\r\n");
  }
  head += "\r\n";

  if (request.body_source == nullptr) {
    // One write for head and small body: fewer packets for manifest and token requests.
    if (request.body.size() <= size_t{64} * 1024) return connection.write_all(head + request.body);
    if (auto sent = connection.write_all(head); !sent.ok()) return sent;
    return connection.write_all(request.body);
  }
  if (auto sent = connection.write_all(head); !sent.ok()) return sent;
  std::vector<char> buffer(kStreamBuffer);
  uint64_t written = 0;
  while (true) {
    connection_failed = false;
    auto got = request.body_source->read(buffer.data(), buffer.size());
    if (!got.ok()) return got.error();
    if (*got == 0) break;
    if (written + *got > length) {
      return Error{
          .code = Error::Code::kInvalidInput,
          .message = "the body is longer than its declared " + std::to_string(length) + " bytes"};
    }
    connection_failed = true;
    if (auto sent = connection.write_all(std::string_view(buffer.data(), *got)); !sent.ok()) {
      return sent;
    }
    written += *got;
  }
  connection_failed = false;
  if (written != length) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "the body ended after " + std::to_string(written) + " of its " +
                            std::to_string(length) + " bytes"};
  }
  return Done{};
}

Result<ResponseHead, Error> HttpClient::read_head(Connection& connection, const Url& url) {
  std::string buffer;
  char chunk[8192];
  while (true) {
    size_t length = head_length(buffer);
    if (length == 0) {
      if (buffer.size() > kMaxHeadBytes) return broken(url, "", "the response head is too long");
      auto got = connection.read_some(chunk, sizeof chunk);
      if (!got.ok()) return got.error();
      if (*got == 0) {
        return broken(url, "",
                      buffer.empty() ? "the server closed the connection without answering"
                                     : "the connection closed inside the response head");
      }
      buffer.append(chunk, *got);
      continue;
    }
    auto head = parse_response_head(std::string_view(buffer).substr(0, length));
    connection.unread(std::string_view(buffer).substr(length));
    if (!head.ok()) return head.error();
    if (head->status >= 100 && head->status < 200) {  // 100 Continue and friends: skip
      buffer.clear();
      continue;
    }
    return head;
  }
}

Result<Response, Error> HttpClient::send_once(const Request& request) {
  const auto proxy = options_.proxy.for_url(request.url);
  const bool via_proxy = proxy.has_value() && !request.url.https();
  const std::string key = request.url.scheme() + "://" + request.url.authority() +
                          (proxy ? "|" + proxy->url.authority() : "");
  // A body we can send again allows one retry on a fresh connection when a kept-alive one
  // turns out to be closed by the server (a race no idle check can fully exclude).
  const bool replayable = request.body_source == nullptr;
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<Connection> connection = pool_->take(key);
    const bool reused = connection != nullptr;
    if (!reused) {
      auto opened = connect(request.url);
      if (!opened.ok()) return in_request(opened.error(), request);
      connection = std::move(opened).value();
    }
    bool connection_failed = false;
    auto sent = write_request(*connection, request, via_proxy, proxy, connection_failed);
    if (!sent.ok()) {
      if (reused && replayable && attempt == 0) continue;
      // A failed body source leaves the server waiting for the rest: no answer will come.
      if (!connection_failed) return in_request(sent.error(), request);
      // The server may have answered early (401, 413) and closed: prefer its answer.
      auto early = read_head(*connection, request.url);
      if (!early.ok()) return in_request(sent.error(), request);
      // No pool: a connection whose request failed half-way is not reused.
      return Response(std::move(early).value(), request.url, std::move(connection), nullptr, key,
                      request.method == "HEAD");
    }
    auto head = read_head(*connection, request.url);
    if (!head.ok()) {
      if (reused && replayable && attempt == 0) continue;
      return in_request(head.error(), request);
    }
    return Response(std::move(head).value(), request.url, std::move(connection), pool_, key,
                    request.method == "HEAD");
  }
}

}  // namespace chartmirror::registry::transport
