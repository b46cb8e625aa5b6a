#include "charts/golang/filepath_match.h"

#include "charts/golang/utf8.h"

namespace chartmirror::charts::go {
namespace {

// One code point of a character class, with '\\' escaping the next: filepath's getEsc.
// Fails on an empty class item, a '-' or ']' where a code point belongs, invalid UTF-8, and a
// class that ends after it.
bool class_rune(std::string_view& chunk, char32_t& rune) {
  if (chunk.empty() || chunk[0] == '-' || chunk[0] == ']') return false;
  if (chunk[0] == '\\') {
    chunk.remove_prefix(1);
    if (chunk.empty()) return false;
  }
  const DecodedRune decoded = decode_rune(chunk);
  if (decoded.rune == kRuneError && decoded.width == 1) return false;
  chunk.remove_prefix(decoded.width);
  rune = decoded.rune;
  return !chunk.empty();
}

// Splits off the next chunk: the stars before it, then everything up to the next '*' outside
// a class.
struct Chunk {
  bool star = false;
  std::string_view text;
};
Chunk next_chunk(std::string_view& pattern) {
  Chunk chunk;
  while (pattern.starts_with('*')) {
    pattern.remove_prefix(1);
    chunk.star = true;
  }
  bool in_class = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size()) ++i;
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '*' && !in_class) {
      break;
    }
  }
  chunk.text = pattern.substr(0, i);
  pattern.remove_prefix(i);
  return chunk;
}

// Matches a chunk (no '*') against the start of `name`; on a match, `rest` is what follows.
// The whole chunk is read even after a mismatch, so a malformed one is always reported.
MatchResult match_chunk(std::string_view chunk, std::string_view name, std::string_view& rest) {
  bool failed = false;
  while (!chunk.empty()) {
    failed = failed || name.empty();
    if (chunk[0] == '[') {
      char32_t rune = 0;
      if (!failed) {
        const DecodedRune decoded = decode_rune(name);
        rune = decoded.rune;
        name.remove_prefix(decoded.width);
      }
      chunk.remove_prefix(1);
      const bool negated = chunk.starts_with('^');
      if (negated) chunk.remove_prefix(1);
      bool matched = false;
      for (int ranges = 0;; ++ranges) {
        if (ranges > 0 && chunk.starts_with(']')) {
          chunk.remove_prefix(1);
          break;
        }
        char32_t low = 0;
        if (!class_rune(chunk, low)) return MatchResult::kBadPattern;
        char32_t high = low;
        if (chunk[0] == '-') {
          chunk.remove_prefix(1);
          if (!class_rune(chunk, high)) return MatchResult::kBadPattern;
        }
        matched = matched || (low <= rune && rune <= high);
      }
      failed = failed || matched == negated;
    } else if (chunk[0] == '?') {
      if (!failed) {
        failed = name[0] == '/';
        name.remove_prefix(decode_rune(name).width);
      }
      chunk.remove_prefix(1);
    } else {
      if (chunk[0] == '\\') {
        chunk.remove_prefix(1);
        if (chunk.empty()) return MatchResult::kBadPattern;
      }
      if (!failed) {
        failed = chunk[0] != name[0];
        name.remove_prefix(1);
      }
      chunk.remove_prefix(1);
    }
  }
  if (failed) return MatchResult::kNoMatch;
  rest = name;
  return MatchResult::kMatch;
}

}  // namespace

MatchResult match_glob(std::string_view pattern, std::string_view name) {
  while (!pattern.empty()) {
    const Chunk chunk = next_chunk(pattern);
    if (chunk.star && chunk.text.empty()) {
      // A trailing star matches the rest of the name unless it crosses a '/'.
      return name.find('/') == std::string_view::npos ? MatchResult::kMatch : MatchResult::kNoMatch;
    }
    std::string_view rest;
    const MatchResult here = match_chunk(chunk.text, name, rest);
    // The last chunk must use up the name; an earlier one may leave some for the next.
    if (here == MatchResult::kMatch && (rest.empty() || !pattern.empty())) {
      name = rest;
      continue;
    }
    if (here == MatchResult::kBadPattern) return here;
    bool advanced = false;
    if (chunk.star) {
      // Let the star eat one more byte at a time, never a '/'.
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        const MatchResult later = match_chunk(chunk.text, name.substr(i + 1), rest);
        if (later == MatchResult::kMatch) {
          if (pattern.empty() && !rest.empty()) continue;
          name = rest;
          advanced = true;
          break;
        }
        if (later == MatchResult::kBadPattern) return later;
      }
    }
    if (!advanced) return MatchResult::kNoMatch;
  }
  return name.empty() ? MatchResult::kMatch : MatchResult::kNoMatch;
}

}  // namespace chartmirror::charts::go
