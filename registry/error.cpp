#include "registry/error.h"

namespace chartmirror::registry {

std::string Error::describe() const {
  std::string line;
  if (!url.empty()) line += url + ": ";
  if (http_status != 0) line += "HTTP " + std::to_string(http_status) + ": ";
  line += message;
  return line;
}

}  // namespace chartmirror::registry
