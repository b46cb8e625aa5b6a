// charts/engine/files_glob.h — the glob of Helm's .Files.Glob: github.com/gobwas/glob compiled
// with '/' as the separator (pkg/engine/files.go).
//
//   *        any run of characters but '/'
//   **       any run of characters, '/' included
//   ?        one character but '/'
//   [abc] [a-z] [!abc] [!a-z]   one character in (or, with '!', not in) the class
//   {a,b}    either alternative (alternatives may hold patterns and nest)
//   \c       c itself
// A pattern that does not compile (an unclosed '[') matches everything: Helm falls back to
// "**". An unclosed '{' is a literal character here (helm's pattern matched no file). Characters
// are bytes here, except that '?' and classes consume a whole UTF-8 sequence.
#pragma once

#include <string_view>

namespace chartmirror::charts::engine {

[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view name);

}  // namespace chartmirror::charts::engine
