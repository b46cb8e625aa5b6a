#include "operator/kube/error.h"

namespace chartmirror::kube {

std::string Error::describe() const {
  std::string line;
  if (!source.empty()) line += source + ": ";
  if (http_status != 0) line += "HTTP " + std::to_string(http_status) + ": ";
  line += message;
  return line;
}

}  // namespace chartmirror::kube
