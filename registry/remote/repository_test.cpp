#include "registry/remote/repository.h"

#include <doctest/doctest.h>

#include "registry/transport/testing/loopback_server.h"

namespace chartmirror::registry::remote {
namespace {

using transport::testing::LoopbackServer;
using transport::testing::ReceivedRequest;
using transport::testing::ServerConnection;

std::shared_ptr<RegistryClient> client_for(const LoopbackServer& server) {
  auto http = transport::HttpClient::create({});
  REQUIRE(http.ok());
  return std::make_shared<RegistryClient>("127.0.0.1:" + std::to_string(server.port()),
                                          std::move(http).value(), nullptr,
                                          RegistryOptions{.plain_http = true});
}

}  // namespace

TEST_CASE("tag lists follow Link headers page by page") {
  LoopbackServer server([](const ReceivedRequest& request, ServerConnection& connection) {
    if (request.target == "/v2/app/tags/list?n=2") {
      connection.write(
          LoopbackServer::response(200, R"({"name": "app", "tags": ["a", "b"]})",
                                   "Link: </v2/app/tags/list?last=b&n=2>; rel=\"next\"\r\n"));
    } else if (request.target == "/v2/app/tags/list?last=b&n=2") {
      connection.write(LoopbackServer::response(200, R"({"name": "app", "tags": ["c"]})", ""));
    } else {
      connection.write(LoopbackServer::response(404));
    }
  });
  RemoteRepository repository(client_for(server), "app");
  auto tags = repository.list_tags(2);
  REQUIRE_MESSAGE(tags.ok(), tags.error().describe());
  CHECK(*tags == std::vector<std::string>{"a", "b", "c"});
  CHECK(server.requests().size() == 2);
}

TEST_CASE("a manifest whose bytes do not match its digest is refused") {
  LoopbackServer server([](const ReceivedRequest&, ServerConnection& connection) {
    connection.write(
        LoopbackServer::response(200, R"({"schemaVersion": 2, "tampered": true})",
                                 "Content-Type: application/vnd.oci.image.manifest.v1+json\r\n"));
  });
  RemoteRepository repository(client_for(server), "app");
  const std::string original = R"({"schemaVersion": 2})";
  const oci::Descriptor descriptor{.media_type = "application/vnd.oci.image.manifest.v1+json",
                                   .digest = oci::Digest::of(original),
                                   .size = static_cast<int64_t>(original.size())};
  auto fetched = repository.fetch_manifest(descriptor);
  REQUIRE_FALSE(fetched.ok());
  CHECK(fetched.error().code == Error::Code::kDigestMismatch);
}

}  // namespace chartmirror::registry::remote
