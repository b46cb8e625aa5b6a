// support/testing/temp_dir.h — a scratch directory for tests: made fresh under the system's
// temporary directory (mkdtemp, so concurrent tests never share one), removed with everything
// in it when the test is done, also when it fails.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include <doctest/doctest.h>
#include <stdlib.h>  // mkdtemp

namespace chartmirror::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "chartmirror-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  TempDir(TempDir&&) = delete;
  TempDir& operator=(TempDir&&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace chartmirror::testing
