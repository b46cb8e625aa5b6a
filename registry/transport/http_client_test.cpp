#include "registry/transport/http_client.h"

#include <doctest/doctest.h>

#include "registry/transport/testing/loopback_server.h"
#include "registry/transport/testing/tls_fixture.h"

namespace chartmirror::registry::transport {
namespace {

using testing::LoopbackServer;
using testing::ReceivedRequest;
using testing::ServerConnection;

std::unique_ptr<HttpClient> make_client(ClientOptions options = {}) {
  auto client = HttpClient::create(std::move(options));
  REQUIRE_MESSAGE(client.ok(), client.error().describe());
  return std::move(client).value();
}

Request get(const std::string& url) {
  return Request{.method = "GET", .url = Url::parse(url).value()};
}

std::string body_of(Response& response) {
  auto body = response.read_all(1 << 20);
  REQUIRE_MESSAGE(body.ok(), body.error().describe());
  return *body;
}

}  // namespace

TEST_CASE("kept-alive connections carry one request after another") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    connection.write(LoopbackServer::response(200, "you asked for " + request.target));
  });
  auto client = make_client();
  for (const std::string path : {"/a", "/b", "/c"}) {
    auto response = client->send(get(server.url(path)));
    REQUIRE_MESSAGE(response.ok(), response.error().describe());
    CHECK(response->status() == 200);
    CHECK(body_of(*response) == "you asked for " + path);
  }
  CHECK(server.connections_accepted() == 1);
  const auto requests = server.requests();
  REQUIRE(requests.size() == 3);
  CHECK(requests[0].headers.get("Host") == "127.0.0.1:" + std::to_string(server.port()));
  CHECK(requests[0].headers.get("User-Agent") == "chartmirror");
}

TEST_CASE("bodies framed by chunks, by close, and absent after HEAD are read right") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target == "/chunked") {
      connection.write(
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
          "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n");
    } else if (request.target == "/close") {
      connection.write("HTTP/1.0 200 OK\r\n\r\nuntil the end");
      connection.close();
    } else {
      connection.write(LoopbackServer::response(200, "", "X-Size: 10\r\n").substr(0));
    }
  });
  auto client = make_client();
  auto chunked = client->send(get(server.url("/chunked")));
  REQUIRE(chunked.ok());
  CHECK(body_of(*chunked) == "hello, world");

  auto close = client->send(get(server.url("/close")));
  REQUIRE(close.ok());
  CHECK(body_of(*close) == "until the end");

  Request head = get(server.url("/head"));
  head.method = "HEAD";
  auto response = client->send(head);
  REQUIRE(response.ok());
  CHECK(response->header("X-Size") == "10");
  CHECK(body_of(*response).empty());
}

TEST_CASE("a kept-alive connection the server closed is replaced transparently") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    // Says keep-alive, then closes anyway: the next request must not fail for it.
    connection.write(LoopbackServer::response(200, "ok"));
    connection.close();
  });
  auto client = make_client();
  for (int i = 0; i < 3; ++i) {
    auto response = client->send(get(server.url("/")));
    REQUIRE_MESSAGE(response.ok(), response.error().describe());
    CHECK(body_of(*response) == "ok");
  }
  CHECK(server.connections_accepted() == 3);
}

TEST_CASE("a streamed body arrives whole, and a wrong length is the sender's error") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    connection.write(LoopbackServer::response(201, std::to_string(request.body.size())));
  });
  auto client = make_client();
  const std::string payload(3 * 1024 * 1024 + 7, 'z');
  StringSource source(payload);
  Request put{.method = "PUT", .url = Url::parse(server.url("/upload")).value()};
  put.body_source = &source;
  put.content_length = payload.size();
  auto response = client->send(put);
  REQUIRE_MESSAGE(response.ok(), response.error().describe());
  CHECK(response->status() == 201);
  CHECK(body_of(*response) == std::to_string(payload.size()));
  CHECK(server.requests().back().body == payload);

  StringSource short_source(std::string_view(payload).substr(0, 10));
  put.body_source = &short_source;
  put.content_length = 11;
  auto short_body = client->send(put);
  REQUIRE_FALSE(short_body.ok());
  CHECK(short_body.error().message.find("ended after 10 of its 11 bytes") != std::string::npos);
}

TEST_CASE("a body source that fails mid-way fails the request at once with its own error") {
  // The server waits for the whole body; only the source's error may end the request.
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(LoopbackServer::response(201));
  });
  class FailingSource final : public BodySource {
   public:
    Result<size_t, Error> read(char* data, size_t size) override {
      if (sent_) return Error{.code = Error::Code::kTransport, .message = "source broke"};
      sent_ = true;
      const size_t n = std::min<size_t>(size, 10);
      std::fill_n(data, n, 'x');
      return n;
    }

   private:
    bool sent_ = false;
  };
  // With an hour of patience, waiting for the server's answer would hang the test.
  ClientOptions options;
  options.idle_timeout = std::chrono::hours(1);
  auto client = make_client(options);
  FailingSource source;
  Request put{.method = "PUT", .url = Url::parse(server.url("/upload")).value()};
  put.body_source = &source;
  put.content_length = 100;
  auto response = client->send(put);
  REQUIRE_FALSE(response.ok());
  CHECK(response.error().message == "source broke");
}

TEST_CASE("redirects are followed for downloads, without credentials to another host") {
  LoopbackServer storage([](const ReceivedRequest& request, ServerConnection& connection) {
    connection.write(LoopbackServer::response(
        200, request.headers.has("Authorization") ? "leaked" : "blob bytes"));
  });
  LoopbackServer registry([&](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target == "/same") {
      connection.write(LoopbackServer::response(307, "", "Location: /final\r\n"));
    } else if (request.target == "/final") {
      connection.write(
          LoopbackServer::response(200, request.headers.has("Authorization") ? "kept" : "dropped"));
    } else {
      connection.write(LoopbackServer::response(
          302, "", "Location: http://localhost:" + std::to_string(storage.port()) + "/b\r\n"));
    }
  });
  auto client = make_client();
  Request request = get(registry.url("/v2/a/blobs/sha256:x"));
  request.headers.add("Authorization", "Bearer secret");
  request.follow_redirects = true;
  auto response = client->send(request);
  REQUIRE_MESSAGE(response.ok(), response.error().describe());
  CHECK(body_of(*response) == "blob bytes");
  CHECK(response->url().port() == storage.port());

  request.url = Url::parse(registry.url("/same")).value();
  auto same = client->send(request);
  REQUIRE(same.ok());
  CHECK(body_of(*same) == "kept");

  request.follow_redirects = false;
  request.url = Url::parse(registry.url("/v2/a/blobs/sha256:x")).value();
  auto unfollowed = client->send(request);
  REQUIRE(unfollowed.ok());
  CHECK(unfollowed->status() == 302);
}

TEST_CASE("transport failures are retryable errors naming the request") {
  LoopbackServer silent([](const ReceivedRequest&, ServerConnection&) {});
  LoopbackServer truncating([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    connection.close();
  });
  ClientOptions options;
  options.idle_timeout = std::chrono::milliseconds(300);
  auto client = make_client(options);

  auto timed_out = client->send(get(silent.url("/slow?token=secret")));
  REQUIRE_FALSE(timed_out.ok());
  CHECK(timed_out.error().code == Error::Code::kTransport);
  CHECK(timed_out.error().retryable);
  CHECK(timed_out.error().message.find("read timed out") != std::string::npos);
  CHECK(timed_out.error().url == silent.url("/slow"));  // the query may hold a token

  auto truncated = client->send(get(truncating.url("/")));
  REQUIRE(truncated.ok());
  auto body = truncated->read_all(1000);
  REQUIRE_FALSE(body.ok());
  CHECK(body.error().message.find("91 bytes before the end of the body") != std::string::npos);

  auto refused = client->send(get("http://127.0.0.1:1/v2/"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("127.0.0.1:1: cannot connect") != std::string::npos);
}

TEST_CASE("a response larger than allowed is refused before it is read") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(LoopbackServer::response(200, std::string(5000, 'x')));
  });
  auto client = make_client();
  auto response = client->send(get(server.url("/")));
  REQUIRE(response.ok());
  auto body = response->read_all(4096);
  REQUIRE_FALSE(body.ok());
  CHECK(body.error().code == Error::Code::kTooLarge);
}

TEST_CASE("TLS verifies the server against the given CA, or not at all when told") {
  LoopbackServer server(
      [](const ReceivedRequest&, ServerConnection& connection) {
        connection.write(LoopbackServer::response(200, "secure"));
      },
      /*tls=*/true);

  auto untrusting = make_client();
  auto refused = untrusting->send(get(server.url("/")));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("certificate not trusted") != std::string::npos);
  CHECK_FALSE(refused.error().retryable);

  ClientOptions trusting;
  trusting.tls.ca_pem = std::string(testing::kCaCertificatePem);
  auto client = make_client(trusting);
  auto response = client->send(get(server.url("/")));
  REQUIRE_MESSAGE(response.ok(), response.error().describe());
  CHECK(body_of(*response) == "secure");
  auto again = client->send(get(server.url("/")));
  REQUIRE(again.ok());
  CHECK(body_of(*again) == "secure");
  CHECK(server.connections_accepted() == 2);  // the refused one, then one kept alive

  // The certificate names 127.0.0.1 and localhost; any other name must fail verification.
  auto wrong_name = client->send(get("https://127.0.0.2:" + std::to_string(server.port()) + "/"));
  CHECK_FALSE(wrong_name.ok());

  ClientOptions insecure;
  insecure.tls.insecure_skip_verify = true;
  auto skipped = make_client(insecure)->send(get(server.url("/")));
  REQUIRE(skipped.ok());
  CHECK(body_of(*skipped) == "secure");
}

}  // namespace chartmirror::registry::transport
