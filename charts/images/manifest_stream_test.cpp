#include "charts/images/manifest_stream.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::images {
namespace {

// "SOURCE|TEXT" per document.
std::vector<std::string> split(const std::string& stream) {
  std::vector<std::string> out;
  for (const ManifestDocument& document : split_manifests(stream)) {
    out.push_back(document.source + "|" + document.text);
  }
  return out;
}

TEST_CASE("split_manifests splits as releaseutil.SplitManifests does") {
  struct Case {
    std::string stream;
    std::vector<std::string> want;
  };
  const std::vector<Case> cases = {
      // What `helm template` prints.
      {"---\n# Source: c/templates/a.yaml\nkind: A\n---\n# Source: c/templates/b.yaml\nkind: B\n",
       {"c/templates/a.yaml|# Source: c/templates/a.yaml\nkind: A",
        "c/templates/b.yaml|# Source: c/templates/b.yaml\nkind: B"}},
      {"", {}},
      {"---\n---\n", {"|---"}},
      {"  \n---  \n\n", {}},
      // Without a Source line; whitespace around separators goes with them.
      {"kind: A  \n\n---   \nkind: B", {"|kind: A", "|kind: B"}},
      // "---" is a separator wherever a line starts with it...
      {"kind: A\n--- # comment\nkind: B", {"|kind: A", "|# comment\nkind: B"}},
      {"kind: A\n----\nkind: B", {"|kind: A", "|-\nkind: B"}},
      // ...but not inside a line, nor indented.
      {"a: b---c\nd: |\n  ---\n", {"|a: b---c\nd: |\n  ---"}},
      // A comment-only document is still a document; the scan skips it.
      {"---\n# Source: c/templates/empty.yaml\n---\nkind: A",
       {"c/templates/empty.yaml|# Source: c/templates/empty.yaml", "|kind: A"}},
      // A newline consumed by one separator does not start the next: helm keeps "---".
      {"---\n---\nkind: A", {"|---\nkind: A"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.stream);
    CHECK(split(c.stream) == c.want);
  }
}

}  // namespace
}  // namespace chartmirror::charts::images
