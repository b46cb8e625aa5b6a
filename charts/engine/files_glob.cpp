#include "charts/engine/files_glob.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace chartmirror::charts::engine {
namespace {

// The length of the UTF-8 sequence starting with byte `c` (1 for a stray byte).
std::size_t sequence_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// The pattern's brace alternatives expanded into plain patterns; nullopt when a '{' or '['
// is not closed.
std::optional<std::vector<std::string>> expand(std::string_view pattern) {
  std::size_t open = std::string_view::npos;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '[') {
      const std::size_t close = pattern.find(']', i + 1);
      if (close == std::string_view::npos) return std::nullopt;
      i = close;
    } else if (pattern[i] == '{') {
      open = i;
      break;
    }
  }
  if (open == std::string_view::npos) return std::vector<std::string>{std::string(pattern)};
  // The alternatives of this brace, split at top-level commas.
  std::vector<std::string_view> alternatives;
  int depth = 0;
  std::size_t start = open + 1;
  std::size_t close = std::string_view::npos;
  for (std::size_t i = open + 1; i < pattern.size() && close == std::string_view::npos; ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && depth > 0) {
      --depth;
    } else if (c == '}') {
      alternatives.push_back(pattern.substr(start, i - start));
      close = i;
    } else if (c == ',' && depth == 0) {
      alternatives.push_back(pattern.substr(start, i - start));
      start = i + 1;
    }
  }
  // An unclosed '{' compiles; helm matches nothing with it. Here it is a literal character.
  if (close == std::string_view::npos) return std::vector<std::string>{std::string(pattern)};
  std::vector<std::string> out;
  for (std::string_view alternative : alternatives) {
    std::string joined(pattern.substr(0, open));
    joined += alternative;
    joined += pattern.substr(close + 1);
    auto expanded = expand(joined);
    if (!expanded) return std::nullopt;
    out.insert(out.end(), expanded->begin(), expanded->end());
  }
  return out;
}

// Whether the class starting at pattern[p] == '[' matches `c`; `end` is set past the ']'.
bool class_matches(std::string_view pattern, std::size_t p, std::string_view c, std::size_t& end) {
  std::size_t i = p + 1;
  const bool negated = i < pattern.size() && pattern[i] == '!';
  if (negated) ++i;
  bool matched = false;
  while (i < pattern.size() && pattern[i] != ']') {
    const std::size_t lo_len = sequence_length(static_cast<unsigned char>(pattern[i]));
    const std::string_view lo = pattern.substr(i, lo_len);
    i += lo_len;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      const std::size_t hi_len = sequence_length(static_cast<unsigned char>(pattern[i + 1]));
      const std::string_view hi = pattern.substr(i + 1, hi_len);
      i += 1 + hi_len;
      if (lo <= c && c <= hi) matched = true;
    } else if (lo == c) {
      matched = true;
    }
  }
  end = i + 1;
  return matched != negated;
}

bool match_plain(std::string_view pattern, std::string_view name) {
  if (pattern.empty()) return name.empty();
  const char p = pattern[0];
  if (p == '*') {
    const bool any = pattern.size() > 1 && pattern[1] == '*';
    const std::string_view rest = pattern.substr(any ? 2 : 1);
    for (std::size_t i = 0; i <= name.size(); ++i) {
      if (match_plain(rest, name.substr(i))) return true;
      if (i < name.size() && !any && name[i] == '/') return false;
    }
    return false;
  }
  if (name.empty()) return false;
  const std::size_t length = sequence_length(static_cast<unsigned char>(name[0]));
  if (p == '?') return name[0] != '/' && match_plain(pattern.substr(1), name.substr(length));
  if (p == '[') {
    std::size_t end = 0;
    if (!class_matches(pattern, 0, name.substr(0, length), end)) return false;
    return match_plain(pattern.substr(end), name.substr(length));
  }
  const std::size_t skip = p == '\\' && pattern.size() > 1 ? 1 : 0;
  if (pattern[skip] != name[0]) return false;
  return match_plain(pattern.substr(skip + 1), name.substr(1));
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  const auto patterns = expand(pattern);
  if (!patterns) return true;  // Helm compiles "**" instead
  for (const std::string& plain : *patterns) {
    if (match_plain(plain, name)) return true;
  }
  return false;
}

}  // namespace chartmirror::charts::engine
