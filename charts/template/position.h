// charts/template/position.h — where a token or node is in the text of its template.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace chartmirror::charts::tmpl {

// A byte offset into the whole text that was parsed (for a {{define}}, the text of the file it
// is in), as Go's parse.Pos.
using Pos = std::size_t;

// A position as Go's Tree.ErrorContext reports it: the 1-based line and the 0-based byte
// column, "x.yaml:12:34". Helm's execution errors show exactly these numbers.
struct Location {
  int line = 1;
  int column = 0;
};

// The line and column of `pos` in `text` (pos is clamped to the text).
[[nodiscard]] inline Location locate(std::string_view text, Pos pos) {
  const std::string_view before = text.substr(0, std::min(pos, text.size()));
  Location location;
  location.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const size_t newline = before.rfind('\n');
  location.column = static_cast<int>(
      newline == std::string_view::npos ? before.size() : before.size() - newline - 1);
  return location;
}

}  // namespace chartmirror::charts::tmpl
