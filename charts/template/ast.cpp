#include "charts/template/ast.h"

#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl {
namespace {

void write_joined(std::string& out, const std::vector<std::string>& parts, std::string_view sep) {
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
}

// A pipeline used as an operand is printed in parentheses.
void write_operand(std::string& out, const Node& node, TextStyle style) {
  if (node.type() == NodeType::kPipe) {
    out += '(';
    node.write(out, style);
    out += ')';
    return;
  }
  node.write(out, style);
}

// bytes.TrimSpace(text) is empty: only unicode.IsSpace runes (invalid UTF-8 is not space).
bool only_space(std::string_view text) {
  while (!text.empty()) {
    const go::DecodedRune decoded = go::decode_rune(text);
    if (decoded.width == 1 && decoded.rune == go::kRuneError) return false;
    if (!go::is_space(decoded.rune)) return false;
    text.remove_prefix(static_cast<size_t>(decoded.width));
  }
  return true;
}

}  // namespace

std::string Node::string(TextStyle style) const {
  std::string out;
  write(out, style);
  return out;
}

void ListNode::write(std::string& out, TextStyle style) const {
  for (const auto& node : nodes) node->write(out, style);
}

void TextNode::write(std::string& out, TextStyle style) const {
  out += style == TextStyle::kQuoted ? go::quote(text) : text;
}

void CommentNode::write(std::string& out, TextStyle /*style*/) const {
  out += "{{";
  out += text;
  out += "}}";
}

void IdentifierNode::write(std::string& out, TextStyle /*style*/) const { out += ident; }

void VariableNode::write(std::string& out, TextStyle /*style*/) const {
  write_joined(out, ident, ".");
}

void DotNode::write(std::string& out, TextStyle /*style*/) const { out += '.'; }

void NilNode::write(std::string& out, TextStyle /*style*/) const { out += "nil"; }

void FieldNode::write(std::string& out, TextStyle /*style*/) const {
  for (const auto& id : ident) {
    out += '.';
    out += id;
  }
}

void ChainNode::write(std::string& out, TextStyle style) const {
  write_operand(out, *node, style);
  for (const auto& id : field) {
    out += '.';
    out += id;
  }
}

void BoolNode::write(std::string& out, TextStyle /*style*/) const {
  out += value ? "true" : "false";
}

void NumberNode::write(std::string& out, TextStyle /*style*/) const { out += text; }

void StringNode::write(std::string& out, TextStyle /*style*/) const { out += quoted; }

void CommandNode::write(std::string& out, TextStyle style) const {
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) out += ' ';
    write_operand(out, *args[i], style);
  }
}

void PipeNode::write(std::string& out, TextStyle style) const {
  if (!decl.empty()) {
    for (size_t i = 0; i < decl.size(); ++i) {
      if (i > 0) out += ", ";
      decl[i]->write(out, style);
    }
    out += is_assign ? " = " : " := ";
  }
  for (size_t i = 0; i < cmds.size(); ++i) {
    if (i > 0) out += " | ";
    cmds[i]->write(out, style);
  }
}

void ActionNode::write(std::string& out, TextStyle style) const {
  out += "{{";
  pipe->write(out, style);
  out += "}}";
}

void BranchNode::write(std::string& out, TextStyle style) const {
  out += "{{";
  switch (type()) {
    case NodeType::kIf:
      out += "if ";
      break;
    case NodeType::kRange:
      out += "range ";
      break;
    default:
      out += "with ";
      break;
  }
  pipe->write(out, style);
  out += "}}";
  list->write(out, style);
  if (else_list) {
    out += "{{else}}";
    else_list->write(out, style);
  }
  out += "{{end}}";
}

void BreakNode::write(std::string& out, TextStyle /*style*/) const { out += "{{break}}"; }

void ContinueNode::write(std::string& out, TextStyle /*style*/) const { out += "{{continue}}"; }

void TemplateNode::write(std::string& out, TextStyle style) const {
  out += "{{template ";
  out += go::quote(name);
  if (pipe) {
    out += ' ';
    pipe->write(out, style);
  }
  out += "}}";
}

std::string Tree::error_location(const Node& node) const {
  const Location at = location(node.pos());
  return parse_name + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

bool is_empty_tree(const Node* node) {
  if (node == nullptr) return true;
  switch (node->type()) {
    case NodeType::kComment:
      return true;
    case NodeType::kText:
      return only_space(node_cast<TextNode>(*node).text);
    case NodeType::kList:
      for (const auto& child : node_cast<ListNode>(*node).nodes) {
        if (!is_empty_tree(child.get())) return false;
      }
      return true;
    default:
      // Actions, if, range, with, template (and, never at the top of a tree, everything else).
      return false;
  }
}

}  // namespace chartmirror::charts::tmpl
