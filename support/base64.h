// support/base64.h — standard base64 (RFC 4648 §4), as kubeconfig `*-data` fields and docker
// `config.json` `auth` entries use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chartmirror {

std::string base64_encode(std::string_view bytes);

// Accepts padded or unpadded input and ignores line breaks (PEM-style wrapping);
// nullopt for any other character or an impossible length.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace chartmirror
