#include "e2e/support/environment.h"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace chartmirror::e2e {
namespace {

Environment load() {
  const char* path = std::getenv("CM_E2E_ENV");
  if (path == nullptr || *path == '\0') {
    throw std::runtime_error(
        "CM_E2E_ENV is not set: run e2e tests through ctest, or `e2e/env/env.sh up DIR` and "
        "CM_E2E_ENV=DIR/env");
  }
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot read the e2e environment file ") + path);
  return Environment::from_stream(in);
}

}  // namespace

const Environment& Environment::get() {
  static const Environment kEnvironment = load();
  return kEnvironment;
}

Environment Environment::from_stream(std::istream& in) {
  Environment environment;
  std::string line;
  while (std::getline(in, line)) {
    const auto equals = line.find('=');
    if (line.empty() || line[0] == '#' || equals == std::string::npos) continue;
    environment.values_[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return environment;
}

const std::string& Environment::at(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) {
    throw std::runtime_error("the e2e environment file does not define " + std::string(key));
  }
  return it->second;
}

}  // namespace chartmirror::e2e
