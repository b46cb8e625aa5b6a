// charts/template/error.h — the error of the template engine, worded like Go's text/template.
//
// Go's parse errors name the template and the line only:
//   template: NAME:LINE: MESSAGE              (parse.Tree.errorf)
// its execution errors add the byte column (0-based, from Tree.ErrorContext):
//   template: NAME:LINE:COL: MESSAGE          (exec.go state.errorf puts "executing ..." in
//                                               MESSAGE)
// NAME is the name of the top-level template being parsed (the file, for Helm), also for errors
// inside a {{define}} of that file.
#pragma once

#include <string>

namespace chartmirror::charts::tmpl {

struct TemplateError {
  std::string template_name;
  int line = 0;     // 1-based; 0: no position ("template: NAME: MESSAGE")
  int column = -1;  // 0-based byte column; -1 when Go reports the line only (parse errors)
  std::string message;

  // "template: NAME:LINE: MESSAGE", or "template: NAME:LINE:COL: MESSAGE" with a column.
  [[nodiscard]] std::string describe() const;
};

}  // namespace chartmirror::charts::tmpl
