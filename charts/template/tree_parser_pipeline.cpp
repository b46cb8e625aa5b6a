// TreeParser: pipelines, commands and operands (the grammar inside an action).
#include <cstdlib>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "charts/template/go_strconv.h"
#include "charts/template/tree_parser.h"

namespace chartmirror::charts::tmpl {
namespace {

// "a.b.c" → {"a", "b", "c"} (Go's strings.Split: "" → {""}).
std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> parts;
  for (;;) {
    const size_t dot = text.find('.');
    parts.emplace_back(text.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    text.remove_prefix(dot + 1);
  }
}

// A .Field or $variable term followed by fields is one node with all the names, at the first
// field's position (as Go folds them). The term is consumed: its names are moved, not copied
// (.Values.a.b lexes as three fields, so this is every value lookup of a chart).
template <typename T>
std::unique_ptr<Node> fold_fields(std::unique_ptr<Node> term, Pos pos,
                                  std::vector<std::string> fields) {
  if (!T::accepts(term->type())) std::abort();
  std::vector<std::string> ident = std::move(static_cast<T&>(*term).ident);
  ident.insert(ident.end(), std::make_move_iterator(fields.begin()),
               std::make_move_iterator(fields.end()));
  return std::make_unique<T>(pos, std::move(ident));
}

}  // namespace

// ---- pipelines

// declarations? command ('|' command)*, up to `end` (the right delimiter or parenthesis).
Parsed<std::unique_ptr<PipeNode>> TreeParser::pipeline(std::string_view context, ItemType end) {
  auto pipe = std::make_unique<PipeNode>(peek_non_space().pos);
  for (bool declarations = true; declarations;) {
    declarations = false;
    const Item variable = peek_non_space();
    if (variable.type != ItemType::kVariable) break;
    next();
    // Spaces are tokens, so "$x foo" needs three tokens of lookahead to tell an argument
    // from a declaration: remember the token right after the variable to push it back.
    const Item after_variable = peek();
    const Item following = peek_non_space();
    const bool is_comma = following.type == ItemType::kChar && following.value == ",";
    if (following.type == ItemType::kAssign || following.type == ItemType::kDeclare || is_comma) {
      if (!is_comma) pipe->is_assign = following.type == ItemType::kAssign;
      next_non_space();
      pipe->decl.push_back(
          std::make_unique<VariableNode>(variable.pos, split_dots(variable.value)));
      vars_.emplace_back(variable.value);
      if (!is_comma) break;
      if (context == "range" && pipe->decl.size() < 2) {
        const ItemType second = peek_non_space().type;
        if (second == ItemType::kVariable || second == ItemType::kRightDelim ||
            second == ItemType::kRightParen) {
          declarations = true;  // the second variable of "range $i, $e :="
          continue;
        }
        return error("range can only initialize variables");
      }
      return error("too many declarations in " + std::string(context));
    }
    if (after_variable.type == ItemType::kSpace) {
      backup3(variable, after_variable);
    } else {
      backup2(variable);
    }
  }
  for (;;) {
    const Item token = next_non_space();
    if (token.type == end) {
      auto checked = check_pipeline(*pipe, context);
      if (!checked) return checked.error();
      return pipe;
    }
    switch (token.type) {
      case ItemType::kBool:
      case ItemType::kCharConstant:
      case ItemType::kComplex:
      case ItemType::kDot:
      case ItemType::kField:
      case ItemType::kIdentifier:
      case ItemType::kNumber:
      case ItemType::kNil:
      case ItemType::kRawString:
      case ItemType::kString:
      case ItemType::kVariable:
      case ItemType::kLeftParen: {
        backup();
        auto cmd = command();
        if (!cmd) return cmd.error();
        pipe->cmds.push_back(std::move(*cmd));
        break;
      }
      default:
        return unexpected(token, context);
    }
  }
}

Status<TemplateError> TreeParser::check_pipeline(const PipeNode& pipe,
                                                 std::string_view context) const {
  if (pipe.cmds.empty()) return error("missing value for " + std::string(context));
  // Only the first command of a pipeline may start with a literal or dot.
  for (size_t i = 1; i < pipe.cmds.size(); ++i) {
    switch (pipe.cmds[i]->args.front()->type()) {
      case NodeType::kBool:
      case NodeType::kDot:
      case NodeType::kNil:
      case NodeType::kNumber:
      case NodeType::kString:
        return error("non executable command in pipeline stage " + std::to_string(i + 1));
      default:
        break;
    }
  }
  return Done{};
}

// ---- commands and operands

// operand (space operand)*, up to '|' (consumed) or a right delimiter or parenthesis (not).
Parsed<std::unique_ptr<CommandNode>> TreeParser::command() {
  auto cmd = std::make_unique<CommandNode>(peek_non_space().pos);
  for (;;) {
    peek_non_space();  // skips leading spaces
    auto arg = operand();
    if (!arg) return arg.error();
    if (*arg) cmd->args.push_back(std::move(*arg));
    const Item token = next();
    if (token.type == ItemType::kSpace) continue;
    if (token.type == ItemType::kRightDelim || token.type == ItemType::kRightParen) {
      backup();
    } else if (token.type != ItemType::kPipe) {
      return unexpected(token, "operand");
    }
    break;
  }
  if (cmd->args.empty()) return error("empty command");
  return cmd;
}

// term .Field*: the fields of a field or variable extend it; those of anything else chain.
Parsed<std::unique_ptr<Node>> TreeParser::operand() {
  auto term_node = term();
  if (!term_node || !*term_node || peek().type != ItemType::kField) return term_node;
  std::unique_ptr<Node> node = std::move(*term_node);
  const Pos chain_pos = peek().pos;
  std::vector<std::string> fields;
  while (peek().type == ItemType::kField) fields.emplace_back(next().value.substr(1));
  switch (node->type()) {
    case NodeType::kField:
      return fold_fields<FieldNode>(std::move(node), chain_pos, std::move(fields));
    case NodeType::kVariable:
      return fold_fields<VariableNode>(std::move(node), chain_pos, std::move(fields));
    case NodeType::kBool:
    case NodeType::kString:
    case NodeType::kNumber:
    case NodeType::kNil:
    case NodeType::kDot:
      return error("unexpected . after term " + go::quote(node->string()));
    default: {
      auto chain = std::make_unique<ChainNode>(chain_pos, std::move(node));
      chain->field = std::move(fields);
      return std::unique_ptr<Node>(std::move(chain));
    }
  }
}

// A literal, function name, '.', .Field, $variable or '(' pipeline ')'; null for anything else
// (the token is left unread).
Parsed<std::unique_ptr<Node>> TreeParser::term() {
  const Item token = next_non_space();
  switch (token.type) {
    case ItemType::kIdentifier:
      if (!context_.options->skip_func_check && !has_function(token.value)) {
        return error("function " + go::quote(token.value) + " not defined");
      }
      return std::unique_ptr<Node>(
          std::make_unique<IdentifierNode>(token.pos, std::string(token.value)));
    case ItemType::kDot:
      return std::unique_ptr<Node>(std::make_unique<DotNode>(token.pos));
    case ItemType::kNil:
      return std::unique_ptr<Node>(std::make_unique<NilNode>(token.pos));
    case ItemType::kVariable:
      return use_var(token.pos, token.value);
    case ItemType::kField:
      return std::unique_ptr<Node>(
          std::make_unique<FieldNode>(token.pos, split_dots(token.value.substr(1))));
    case ItemType::kBool:
      return std::unique_ptr<Node>(std::make_unique<BoolNode>(token.pos, token.value == "true"));
    case ItemType::kCharConstant:
    case ItemType::kComplex:
    case ItemType::kNumber: {
      const NumberSyntax syntax = token.type == ItemType::kCharConstant ? NumberSyntax::kCharacter
                                  : token.type == ItemType::kComplex    ? NumberSyntax::kComplex
                                                                        : NumberSyntax::kNumber;
      auto number = NumberNode::make(token.pos, std::string(token.value), syntax);
      if (!number) return error(number.error());
      return std::unique_ptr<Node>(std::move(*number));
    }
    case ItemType::kLeftParen: {
      if (context_.depth >= context_.options->max_depth) {
        return error("max expression depth exceeded");
      }
      const DepthGuard guard(context_.depth);
      auto pipe = pipeline("parenthesized pipeline", ItemType::kRightParen);
      if (!pipe) return pipe.error();
      return std::unique_ptr<Node>(std::move(*pipe));
    }
    case ItemType::kString:
    case ItemType::kRawString: {
      auto text = go::unquote(token.value);
      if (!text) return error(text.error().message);
      return std::unique_ptr<Node>(
          std::make_unique<StringNode>(token.pos, std::string(token.value), std::move(*text)));
    }
    default:
      backup();
      return std::unique_ptr<Node>();
  }
}

Parsed<std::unique_ptr<Node>> TreeParser::use_var(Pos pos, std::string_view name) const {
  auto variable = std::make_unique<VariableNode>(pos, split_dots(name));
  for (const auto& known : vars_) {
    if (known == variable->ident.front()) return std::unique_ptr<Node>(std::move(variable));
  }
  return error("undefined variable " + go::quote(variable->ident.front()));
}

}  // namespace chartmirror::charts::tmpl
