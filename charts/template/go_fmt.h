// charts/template/go_fmt.h — Go's fmt.Sprint, Sprintln and Sprintf over template values, as the
// builtins print, println and printf (and every {{action}}, which is fmt.Fprint) use them.
//
// An argument that is invalid or a nil interface is Go's nil `any` ("<nil>" with %v).
// Sprintf supports the verbs v s d q t x X o O b c U e E f F g G T and %%, %#v (Go syntax), the
// flags '+' '-' '#' ' ' '0', width and precision (also '*'), and Go's error texts:
// %!d(string=x) for a wrong type, %!d(MISSING), %!(EXTRA string=x), %!(NOVERB), %!(BADWIDTH),
// %!(BADPREC). Not supported, and printed differently from Go: argument indexes (%[1]d),
// %x %X %b of floats (printed as %!x(float64=1.5)), '#' with %e %f %g %U (ignored), and %+q
// (printed as %q, non-ASCII kept).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/template/exec_value.h"

namespace chartmirror::charts::tmpl::go {

// fmt.Sprint: operands printed with %v, a space between two operands when neither is a string.
[[nodiscard]] std::string sprint(const std::vector<ExecValue>& args);
// fmt.Sprintln: operands printed with %v, always separated by spaces, then a newline.
[[nodiscard]] std::string sprintln(const std::vector<ExecValue>& args);
// fmt.Sprintf.
[[nodiscard]] std::string sprintf(std::string_view format, const std::vector<ExecValue>& args);

}  // namespace chartmirror::charts::tmpl::go
