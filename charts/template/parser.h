// charts/template/parser.h — Go's text/template parser (text/template/parse, Go 1.22+): text
// in, named parse trees out, with Go's errors.
//
// parse() is Go's parse.Parse: the text becomes the tree named `name`, and every
// {{define "n"}}...{{end}} and {{block "n" pipeline}}...{{end}} in it becomes the tree "n".
// Within one text a name may be defined twice only if one of the two definitions is empty
// (space and comments): a later empty definition is dropped, a later definition replaces an
// earlier empty one, and two non-empty ones fail with Go's
//   template: NAME:LINE: template: multiple definition of template "n"
// (the doubled "template:" is Go's). The file's own tree counts too: a file holding only
// definitions has an empty tree, which does not replace a {{define}} of the file's name.
//
// parse_into() is text/template's Template.New(name).Parse(text) on a set of templates, which
// is how Helm loads a chart (every template file of the chart and its subcharts into one set,
// in Helm's order): across texts a later definition replaces an earlier one, except that an
// empty tree never replaces an existing one.
//
// What the parser checks, as Go does: identifiers must be known functions (`function "x" not
// defined`; the caller lists the names, builtins included), variables must be declared before
// use (`undefined variable "$x"`; "$" always is, and a declaration lasts to the {{end}} of the
// enclosing control), break/continue only inside range, at most one declared variable outside
// range and two in it, literals only as the first command of a pipeline, no fields on
// literals. Errors give the name of the text being parsed and the line (not the column) of the
// token at which the parser stopped, as Go's do.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "charts/template/ast.h"
#include "charts/template/error.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl {

// Names of the functions templates may call (std::less<> finds string_views).
using FunctionNames = std::set<std::string, std::less<>>;

// The functions text/template itself defines (and, call, html, index, slice, js, len, not, or,
// print, printf, println, urlquery, eq, ge, gt, le, lt, ne), which text/template always adds to
// the caller's: a FunctionNames for a Go-like engine starts from these.
[[nodiscard]] const FunctionNames& go_builtin_functions();

struct ParseOptions {
  std::string_view left_delim;   // "" means "{{"
  std::string_view right_delim;  // "" means "}}"
  // The functions identifiers may name; not owned, must outlive the call. Null: none (every
  // identifier is an error unless skip_func_check). A function named "break" or "continue"
  // turns that keyword into a plain identifier, as in Go.
  const FunctionNames* functions = nullptr;
  bool skip_func_check = false;  // Go's SkipFuncCheck mode: any identifier is accepted
  bool parse_comments = false;   // Go's ParseComments mode: keep {{/* */}} as CommentNodes
  // The lines of parse errors after a multi-line {{/* */}} comment: Go 1.23, the Go of Helm
  // 3.17, does not count the comment's newlines (golang/go#69526, fixed in Go 1.24); true
  // counts them, as Go 1.24+ does.
  bool count_comment_newlines = false;
  // How deep parenthesized pipelines and if/range/with/block bodies may nest, counted
  // together, before the parse fails ("max expression depth exceeded" at a parenthesis, as Go
  // 1.25+ says, "max nesting depth exceeded" at a control) instead of exhausting the stack: the
  // parser recurses once per level, ~1-2 KiB a level optimized and ~10 KiB under
  // AddressSanitizer. Real templates nest a few levels. Go 1.23 (Helm 3.17) has no limit; Go
  // 1.25+ stops parentheses at 10000 (golang/go#71201) and leaves controls unlimited.
  int max_depth = 200;
};

// Go's parse.Parse: the trees of one text, by name; the text's own tree is named `name`. The
// text is copied once; all its trees share the copy (Tree::text).
[[nodiscard]] Result<TreeSet, TemplateError> parse(std::string_view name, std::string_view text,
                                                   const ParseOptions& options = {});

// text/template's AddParseTree: puts `tree` in `set` under its name, unless the tree is empty
// and the set already holds that name.
void add_tree(TreeSet& set, std::shared_ptr<const Tree> tree);

// text/template's t.New(name).Parse(text): parse(), then add_tree() for each tree. On error
// the set is unchanged.
[[nodiscard]] Status<TemplateError> parse_into(TreeSet& set, std::string_view name,
                                               std::string_view text,
                                               const ParseOptions& options = {});

}  // namespace chartmirror::charts::tmpl
