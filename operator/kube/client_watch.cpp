// Client::watch — a streamed GET ?watch=1 (Kubernetes API concepts, "Efficient detection of
// changes"): newline-delimited events until the server's timeoutSeconds, the handler's stop,
// or a cancel from another thread.
#include <algorithm>
#include <array>

#include "operator/kube/api_error.h"
#include "operator/kube/client.h"

namespace chartmirror::kube {

namespace {

// Detaches the socket from the WatchCancel before the Response that owns it goes away:
// declared after the Response, so destroyed before it.
class Attachment {
 public:
  explicit Attachment(WatchCancel* cancel) : cancel_(cancel) {}
  Attachment(const Attachment&) = delete;
  Attachment& operator=(const Attachment&) = delete;
  Attachment(Attachment&&) = delete;
  Attachment& operator=(Attachment&&) = delete;
  ~Attachment() {
    if (attached_) cancel_->detach();
  }
  // False when the watch was cancelled before it could attach.
  [[nodiscard]] bool attach(int socket) {
    if (cancel_ == nullptr) return true;
    attached_ = cancel_->attach(socket);
    return attached_;
  }

 private:
  WatchCancel* cancel_;
  bool attached_ = false;
};

Error cancelled(const std::string& source) {
  return Error{
      .code = Error::Code::kCancelled, .message = "the watch was cancelled", .source = source};
}

}  // namespace

Result<std::string, Error> Client::watch(const ResourceType& type, std::string_view ns,
                                         const WatchOptions& options, const WatchHandler& handler,
                                         WatchCancel* cancel) {
  WatchOptions capped = options;
  capped.timeout = std::min(options.timeout, options_.max_watch);
  auto prepared = prepare("GET", resource_path(type, ns) + watch_query(capped));
  if (!prepared.ok()) return prepared.error();
  const std::string source = "GET " + prepared->url.str();
  if (cancel != nullptr && cancel->cancelled()) return cancelled(source);

  auto sent = watch_http_->send(std::move(prepared).value());
  if (!sent.ok()) return error_from_transport(source, sent.error());
  registry::transport::Response response = std::move(sent).value();
  if (response.status() != 200) {
    auto body = response.read_all(size_t{1} << 20U);
    return error_from_response(source, response.status(), body.ok() ? *body : std::string());
  }
  Attachment attachment(cancel);
  if (!attachment.attach(response.native_handle())) return cancelled(source);

  std::string last_version = options.resource_version;
  bool stop = false;
  WatchStreamParser parser;
  const auto on_line = [&](std::string_view line) -> Status<Error> {
    if (stop) return Done{};  // the rest of a chunk after the handler's stop
    auto event = parse_watch_event(line, source);
    if (!event.ok()) return event.error();
    if (event->type == WatchEvent::Type::kError) return error_from_status(source, event->object);
    if (std::string version = event->resource_version(); !version.empty()) {
      last_version = std::move(version);
    }
    if (handler(*event) == WatchNext::kStop) stop = true;
    return Done{};
  };

  std::array<char, size_t{64} * 1024> buffer{};
  while (!stop) {
    auto got = response.read(buffer.data(), buffer.size());
    if (!got.ok()) {
      if (cancel != nullptr && cancel->cancelled()) return cancelled(source);
      return error_from_transport(source, got.error());
    }
    if (*got == 0) break;  // the server ended the watch (timeoutSeconds): watch again
    auto fed = parser.feed(std::string_view(buffer.data(), *got), on_line);
    if (!fed.ok()) {
      Error error = fed.error();
      if (error.source.empty()) error.source = source;
      return error;
    }
  }
  if (cancel != nullptr && cancel->cancelled()) return cancelled(source);
  return last_version;
}

}  // namespace chartmirror::kube
