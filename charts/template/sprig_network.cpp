// Sprig's getHostByName (network.go): one of the addresses net.LookupHost finds for a name,
// chosen at random, through getaddrinfo. A name that does not resolve fails as Sprig does,
// with rand.Intn's panic on an empty list.
//
// Divergence: Go's resolver reads /etc/hosts and DNS itself; getaddrinfo follows
// /etc/nsswitch.conf, which may add other sources. Which address is picked is random in both.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <arpa/inet.h>
#include <netdb.h>
#include <openssl/rand.h>
#include <sys/socket.h>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

// The distinct addresses of `name`, in getaddrinfo's order.
std::vector<std::string> lookup_host(const std::string& name) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  std::vector<std::string> out;
  if (getaddrinfo(name.c_str(), nullptr, &hints, &found) != 0) return out;
  for (const addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* addr = nullptr;
    if (ai->ai_family == AF_INET) {
      addr = &reinterpret_cast<const sockaddr_in*>(ai->ai_addr)->sin_addr;
    } else if (ai->ai_family == AF_INET6) {
      addr = &reinterpret_cast<const sockaddr_in6*>(ai->ai_addr)->sin6_addr;
    }
    if (addr == nullptr || inet_ntop(ai->ai_family, addr, text, sizeof text) == nullptr) continue;
    if (std::find(out.begin(), out.end(), text) == out.end()) out.emplace_back(text);
  }
  freeaddrinfo(found);
  return out;
}

}  // namespace

void add_network(FunctionMap& m) {
  m["getHostByName"] = fixed({ParamType::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::vector<std::string> addresses = lookup_host(a[0].value().as_string());
    if (addresses.empty()) return std::string("invalid argument to Intn");
    std::uint32_t r = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&r), sizeof r) != 1) r = 0;
    return ExecValue(values::Value(addresses[r % addresses.size()]));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
