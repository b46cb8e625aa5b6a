// The module graph of DESIGN.md, enforced: every project #include in a module's files must
// name a module that module may use. No module reaches upward.
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <doctest/doctest.h>

namespace chartmirror {
namespace {

namespace fs = std::filesystem;

// Module → the modules it may include (itself included). support/ is the foundation.
const std::map<std::string, std::set<std::string>> kMayUse = {
    {"support", {"support"}},
    {"registry", {"registry", "support"}},
    {"charts", {"charts", "registry", "support"}},
    {"controllers", {"controllers", "charts", "registry", "support"}},
    {"operator", {"operator", "controllers", "charts", "registry", "support"}},
    {"e2e", {"e2e", "operator", "controllers", "charts", "registry", "support"}},
};

bool is_source(const fs::path& path) {
  const auto ext = path.extension();
  return ext == ".h" || ext == ".cpp" || ext == ".in";
}

}  // namespace

TEST_CASE("no module includes a module it may not use") {
  const fs::path root = CHARTMIRROR_SOURCE_DIR;
  const std::regex project_include(R"re(^\s*#\s*include\s+"([a-z_]+)/[^"]+")re");
  size_t files = 0;
  for (const auto& [module, allowed] : kMayUse) {
    if (!fs::exists(root / module)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / module)) {
      if (!entry.is_regular_file() || !is_source(entry.path())) continue;
      ++files;
      std::ifstream in(entry.path());
      std::string line;
      int number = 0;
      while (std::getline(in, line)) {
        ++number;
        std::smatch match;
        if (!std::regex_search(line, match, project_include)) continue;
        const std::string target = match[1];
        if (kMayUse.count(target) == 0) continue;  // not a module: a generated or local path
        INFO(fs::relative(entry.path(), root).string() << ":" << number << ": " << line);
        CHECK(allowed.count(target) == 1);
      }
    }
  }
  CHECK(files > 10);  // the scan really read the tree
}

}  // namespace chartmirror
