#include "charts/template/parser.h"

#include <utility>

#include "charts/template/lexer.h"
#include "charts/template/tree_parser.h"

namespace chartmirror::charts::tmpl {

const FunctionNames& go_builtin_functions() {
  static const FunctionNames kBuiltins = {
      "and",    "call",    "html",     "index", "slice", "js", "len", "not", "or", "print",
      "printf", "println", "urlquery", "eq",    "ge",    "gt", "le",  "lt",  "ne",
  };
  return kBuiltins;
}

Result<TreeSet, TemplateError> parse(std::string_view name, std::string_view text,
                                     const ParseOptions& options) {
  auto owned_text = std::make_shared<const std::string>(text);
  const auto has = [&](std::string_view function) {
    return options.functions != nullptr &&
           options.functions->find(function) != options.functions->end();
  };
  const LexOptions lex_options{
      .emit_comment = options.parse_comments,
      .break_ok = !has("break"),
      .continue_ok = !has("continue"),
      .count_comment_newlines = options.count_comment_newlines,
  };
  Lexer lexer(*owned_text, options.left_delim, options.right_delim, lex_options);
  TreeSet trees;
  ParseContext context{
      .parse_name = std::string(name),
      .text = owned_text,
      .lexer = &lexer,
      .tree_set = &trees,
      .options = &options,
  };
  TreeParser top(context, std::string(name));
  auto parsed = top.parse_top();
  if (!parsed) return parsed.error();
  return trees;
}

void add_tree(TreeSet& set, std::shared_ptr<const Tree> tree) {
  const auto existing = set.find(tree->name);
  if (existing != set.end() && is_empty_tree(tree->root.get())) return;
  set.insert_or_assign(tree->name, std::move(tree));
}

Status<TemplateError> parse_into(TreeSet& set, std::string_view name, std::string_view text,
                                 const ParseOptions& options) {
  auto trees = parse(name, text, options);
  if (!trees) return trees.error();
  for (auto& [tree_name, tree] : *trees) add_tree(set, std::move(tree));
  return Done{};
}

}  // namespace chartmirror::charts::tmpl
