// charts/golang/path.h — Go's path.Base and path.Clean, on '/'-separated paths.
//
// Helm names archive entries with them: a chart archive's entries are cleaned with path.Clean
// before they are placed (so "a/./b" and "a//b" are one file, and a path is refused when
// cleaning changes it), .helmignore rules without a '/' match the path.Base of a file, and
// Chart.yaml's name must equal its own base name.
#pragma once

#include <string>
#include <string_view>

namespace chartmirror::charts::go {

// path.Base: the last element, trailing slashes removed; "" is ".", "///" is "/".
[[nodiscard]] std::string_view base_name(std::string_view path);

// path.Clean: the shortest equivalent path, lexically: repeated slashes and "." elements go,
// "x/.." pairs go, ".." at the root of a rooted path goes; "" is ".".
[[nodiscard]] std::string clean_path(std::string_view path);

}  // namespace chartmirror::charts::go
