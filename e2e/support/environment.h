// e2e/support/environment.h — the endpoints of the running e2e environment (e2e/env/env.sh),
// read from the KEY=VALUE file named by $CM_E2E_ENV.
#pragma once

#include <istream>
#include <map>
#include <string>
#include <string_view>

namespace chartmirror::e2e {

class Environment {
 public:
  // Reads $CM_E2E_ENV; throws std::runtime_error naming what is missing, so a test run
  // outside ctest's fixture fails with a sentence rather than a crash.
  static const Environment& get();

  // Parses KEY=VALUE lines; values are taken verbatim up to the end of the line.
  static Environment from_stream(std::istream& in);

  // The value of KEY; throws std::runtime_error when the file does not define it.
  [[nodiscard]] const std::string& at(std::string_view key) const;

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace chartmirror::e2e
