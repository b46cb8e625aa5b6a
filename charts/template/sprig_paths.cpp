// Sprig's path functions (functions.go): base dir ext clean isAbs, Go's path package, and
// osBase osDir osExt osClean osIsAbs, Go's path/filepath, which on Linux (where Helm runs
// here) is the same '/'-separated algorithm.
#include <string>
#include <string_view>

#include "charts/golang/path.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// path.Dir: everything before the last '/', cleaned.
std::string dir(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return go::clean_path(slash == std::string_view::npos ? "" : path.substr(0, slash + 1));
}

// path.Ext: from the last '.' of the last element; "" when it has none.
std::string ext(std::string_view path) {
  for (std::size_t i = path.size(); i > 0 && path[i - 1] != '/'; --i) {
    if (path[i - 1] == '.') return std::string(path.substr(i - 1));
  }
  return "";
}

Function string_function(std::string (*f)(std::string_view)) {
  return fixed({ParamType::kString}, [f](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(f(a[0].value().as_string())));
  });
}

}  // namespace

void add_paths(FunctionMap& m) {
  const Function base =
      string_function([](std::string_view p) { return std::string(go::base_name(p)); });
  const Function clean = string_function([](std::string_view p) { return go::clean_path(p); });
  const Function directory = string_function(dir);
  const Function extension = string_function(ext);
  const Function is_abs = fixed({ParamType::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(a[0].value().as_string().starts_with('/')));
  });
  for (const std::string prefix : {"", "os"}) {
    const auto name = [&](std::string_view lower, std::string_view upper) {
      return prefix.empty() ? std::string(lower) : prefix + std::string(upper);
    };
    m[name("base", "Base")] = base;
    m[name("dir", "Dir")] = directory;
    m[name("ext", "Ext")] = extension;
    m[name("clean", "Clean")] = clean;
    m[name("isAbs", "IsAbs")] = is_abs;
  }
}

}  // namespace chartmirror::charts::tmpl::sprig
