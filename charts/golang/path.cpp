#include "charts/golang/path.h"

namespace chartmirror::charts::go {

std::string_view base_name(std::string_view path) {
  if (path.empty()) return ".";
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path == "/") return path;
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string clean_path(std::string_view path) {
  if (path.empty()) return ".";
  const bool rooted = path[0] == '/';
  std::string out;
  std::size_t read = 0;
  std::size_t dotdot = 0;  // where out may no longer be backtracked
  if (rooted) {
    out = "/";
    read = 1;
    dotdot = 1;
  }
  const std::size_t n = path.size();
  while (read < n) {
    const bool empty = path[read] == '/';
    const bool dot = path[read] == '.' && (read + 1 == n || path[read + 1] == '/');
    const bool parent = path[read] == '.' && read + 1 < n && path[read + 1] == '.' &&
                        (read + 2 == n || path[read + 2] == '/');
    if (empty || dot) {
      ++read;  // an empty element or ".": nothing to add
    } else if (parent) {
      read += 2;
      if (out.size() > dotdot) {
        // Remove the last element.
        out.pop_back();
        while (out.size() > dotdot && out.back() != '/') out.pop_back();
        if (out.size() > dotdot && out.back() == '/') out.pop_back();
      } else if (!rooted) {
        if (!out.empty()) out += '/';
        out += "..";
        dotdot = out.size();
      }
    } else {
      if ((rooted && out.size() != 1) || (!rooted && !out.empty())) out += '/';
      for (; read < n && path[read] != '/'; ++read) out += path[read];
    }
  }
  return out.empty() ? "." : out;
}

}  // namespace chartmirror::charts::go
