// charts/template/ast.h — the parse tree of a Go text/template, node for node as Go's
// text/template/parse builds it, ready to be executed.
//
// A template is a ListNode of TextNode, ActionNode ({{pipeline}}), IfNode / RangeNode /
// WithNode (BranchNode: pipeline, list, optional else list), TemplateNode ({{template "n" .}}),
// BreakNode / ContinueNode (inside range only), and CommentNode (only when the parser keeps
// comments). Pipelines are PipeNodes of CommandNodes whose arguments are IdentifierNode
// (a function name), FieldNode (.a.b), VariableNode ($x.a), ChainNode ((pipeline).a or
// a literal's fields), PipeNode (a parenthesized pipeline), DotNode, NilNode, BoolNode,
// NumberNode and StringNode.
//
// Shapes to know when executing (all as in Go):
//   - {{if a}}x{{else if b}}y{{end}} is an IfNode whose else list holds one IfNode; likewise
//     {{with a}}..{{else with b}}..{{end}}.
//   - {{block "n" .}}body{{end}} is a TemplateNode here; the body is the tree "n" in the set.
//   - ".a.b" is one FieldNode {a, b}; "$x.a" one VariableNode {"$x", "a"}; a FieldNode or
//     VariableNode with more than one segment gets the position of its second segment.
//   - A PipeNode's decl holds the variables of "$x := ..." ("$i, $e := " in range only);
//     is_assign tells "=" from ":=". Only the first command of a pipeline may be a literal.
//   - Variables are checked at parse time: every VariableNode names a declared variable.
//
// Nodes are immutable once parsed and owned by their parent (std::unique_ptr); trees are
// shared (std::shared_ptr<const Tree>), like Go's, which shares them between clones.
// string() prints a node back as Go's String() methods do (the canonical form of the source).
#pragma once

#include <complex>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/position.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl {

enum class NodeType {
  kText,
  kAction,
  kBool,
  kChain,
  kCommand,
  kDot,
  kField,
  kIdentifier,
  kIf,
  kList,
  kNil,
  kNumber,
  kPipe,
  kRange,
  kString,
  kTemplate,
  kVariable,
  kWith,
  kComment,
  kBreak,
  kContinue,
};

// How string() prints text: as it is (Go's String()), or quoted with Go's %q, the form of Go's
// own parser tests ("hello" → "\"hello\""), which shows where text nodes begin and end.
enum class TextStyle { kRaw, kQuoted };

class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  Node(Node&&) = delete;
  Node& operator=(Node&&) = delete;
  virtual ~Node() = default;

  [[nodiscard]] NodeType type() const { return type_; }
  // The byte offset of the node in the text its tree was parsed from.
  [[nodiscard]] Pos pos() const { return pos_; }
  // Go's String().
  [[nodiscard]] std::string string(TextStyle style = TextStyle::kRaw) const;
  virtual void write(std::string& out, TextStyle style) const = 0;

 protected:
  Node(NodeType type, Pos pos) : type_(type), pos_(pos) {}

 private:
  NodeType type_;
  Pos pos_;
};

// The node as its class; aborts when the node is of another type (a programming error).
template <typename T>
[[nodiscard]] const T& node_cast(const Node& node) {
  if (!T::accepts(node.type())) std::abort();
  return static_cast<const T&>(node);
}

// A node class for one NodeType.
template <NodeType kNodeType>
class NodeOf : public Node {
 public:
  static constexpr NodeType kType = kNodeType;
  static constexpr bool accepts(NodeType type) { return type == kNodeType; }

 protected:
  explicit NodeOf(Pos pos) : Node(kNodeType, pos) {}
};

struct ListNode final : NodeOf<NodeType::kList> {
  explicit ListNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;

  std::vector<std::unique_ptr<Node>> nodes;
};

struct TextNode final : NodeOf<NodeType::kText> {
  TextNode(Pos pos, std::string value) : NodeOf(pos), text(std::move(value)) {}
  void write(std::string& out, TextStyle style) const override;

  std::string text;  // may span lines
};

struct CommentNode final : NodeOf<NodeType::kComment> {
  CommentNode(Pos pos, std::string value) : NodeOf(pos), text(std::move(value)) {}
  void write(std::string& out, TextStyle style) const override;

  std::string text;  // "/* ... */"
};

struct IdentifierNode final : NodeOf<NodeType::kIdentifier> {
  IdentifierNode(Pos pos, std::string name) : NodeOf(pos), ident(std::move(name)) {}
  void write(std::string& out, TextStyle style) const override;

  std::string ident;  // a function name, known to the parser
};

struct VariableNode final : NodeOf<NodeType::kVariable> {
  VariableNode(Pos pos, std::vector<std::string> names) : NodeOf(pos), ident(std::move(names)) {}
  void write(std::string& out, TextStyle style) const override;

  std::vector<std::string> ident;  // "$x" (or "$"), then field names: $x.a.b
};

struct DotNode final : NodeOf<NodeType::kDot> {
  explicit DotNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;
};

struct NilNode final : NodeOf<NodeType::kNil> {
  explicit NilNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;
};

struct FieldNode final : NodeOf<NodeType::kField> {
  FieldNode(Pos pos, std::vector<std::string> names) : NodeOf(pos), ident(std::move(names)) {}
  void write(std::string& out, TextStyle style) const override;

  std::vector<std::string> ident;  // .a.b is {"a", "b"}
};

// A term followed by field accesses: (pipeline).a.b. Literals cannot be the term (a parse
// error); a FieldNode or VariableNode term is folded into that node instead.
struct ChainNode final : NodeOf<NodeType::kChain> {
  ChainNode(Pos pos, std::unique_ptr<Node> term) : NodeOf(pos), node(std::move(term)) {}
  void write(std::string& out, TextStyle style) const override;

  std::unique_ptr<Node> node;
  std::vector<std::string> field;
};

struct BoolNode final : NodeOf<NodeType::kBool> {
  BoolNode(Pos pos, bool truth) : NodeOf(pos), value(truth) {}
  void write(std::string& out, TextStyle style) const override;

  bool value;
};

// How a number was written, which decides how it is read.
enum class NumberSyntax {
  kNumber,     // 12, -0x1F, 1_000, 0o17, 0b101, 1.5e3, 0x1p-2, 4i
  kCharacter,  // 'a', '\n', '\u00e9'
  kComplex,    // 1+2i
};

// A numeric constant, held under every type that represents it exactly, as Go's NumberNode
// does to mimic Go's untyped constants: 3 is int, uint and float; -1 int and float; 1.5 float;
// 1e19 uint and float; 'a' is int, uint and float 97; 2i complex; 0i complex, int, uint and
// float.
struct NumberNode final : NodeOf<NodeType::kNumber> {
  NumberNode(Pos pos, std::string written) : NodeOf(pos), text(std::move(written)) {}
  void write(std::string& out, TextStyle style) const override;

  // Go's newNumber: the error is Go's ("illegal number syntax: \"0x\"", "integer overflow:
  // \"99999999999999999999\"", "invalid syntax" for a bad character constant, ...).
  [[nodiscard]] static Result<std::unique_ptr<NumberNode>, std::string> make(Pos pos,
                                                                             std::string text,
                                                                             NumberSyntax syntax);

  bool is_int = false;
  bool is_uint = false;
  bool is_float = false;
  bool is_complex = false;
  int64_t int64 = 0;
  uint64_t uint64 = 0;
  double float64 = 0;
  std::complex<double> complex128;
  std::string text;  // as written
};

struct StringNode final : NodeOf<NodeType::kString> {
  StringNode(Pos pos, std::string written, std::string value)
      : NodeOf(pos), quoted(std::move(written)), text(std::move(value)) {}
  void write(std::string& out, TextStyle style) const override;

  std::string quoted;  // as written, quotes included
  std::string text;    // the value
};

struct CommandNode final : NodeOf<NodeType::kCommand> {
  explicit CommandNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;

  // At least one. When the first is an IdentifierNode the command calls that function with
  // the others; a FieldNode, ChainNode or VariableNode may be a method call with arguments.
  std::vector<std::unique_ptr<Node>> args;
};

struct PipeNode final : NodeOf<NodeType::kPipe> {
  explicit PipeNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;

  bool is_assign = false;                           // "$x = ..." rather than "$x := ..."
  std::vector<std::unique_ptr<VariableNode>> decl;  // declared or assigned, in order
  std::vector<std::unique_ptr<CommandNode>> cmds;   // at least one; each feeds the next
};

struct ActionNode final : NodeOf<NodeType::kAction> {
  ActionNode(Pos pos, std::unique_ptr<PipeNode> pipeline)
      : NodeOf(pos), pipe(std::move(pipeline)) {}
  void write(std::string& out, TextStyle style) const override;

  std::unique_ptr<PipeNode> pipe;
};

// if, range and with: the same three parts.
class BranchNode : public Node {
 public:
  static constexpr bool accepts(NodeType type) {
    return type == NodeType::kIf || type == NodeType::kRange || type == NodeType::kWith;
  }
  void write(std::string& out, TextStyle style) const override;

  std::unique_ptr<PipeNode> pipe;
  std::unique_ptr<ListNode> list;
  std::unique_ptr<ListNode> else_list;  // null without {{else}}

 protected:
  BranchNode(NodeType type, Pos pos, std::unique_ptr<PipeNode> pipeline,
             std::unique_ptr<ListNode> body, std::unique_ptr<ListNode> else_body)
      : Node(type, pos),
        pipe(std::move(pipeline)),
        list(std::move(body)),
        else_list(std::move(else_body)) {}
};

template <NodeType kNodeType>
class BranchOf final : public BranchNode {
 public:
  static constexpr NodeType kType = kNodeType;
  static constexpr bool accepts(NodeType type) { return type == kNodeType; }
  BranchOf(Pos pos, std::unique_ptr<PipeNode> pipeline, std::unique_ptr<ListNode> body,
           std::unique_ptr<ListNode> else_body)
      : BranchNode(kNodeType, pos, std::move(pipeline), std::move(body), std::move(else_body)) {}
};

using IfNode = BranchOf<NodeType::kIf>;
using RangeNode = BranchOf<NodeType::kRange>;
using WithNode = BranchOf<NodeType::kWith>;

struct BreakNode final : NodeOf<NodeType::kBreak> {
  explicit BreakNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;
};

struct ContinueNode final : NodeOf<NodeType::kContinue> {
  explicit ContinueNode(Pos pos) : NodeOf(pos) {}
  void write(std::string& out, TextStyle style) const override;
};

// {{template "name"}} and {{template "name" pipeline}}; also what {{block}} leaves in place.
struct TemplateNode final : NodeOf<NodeType::kTemplate> {
  TemplateNode(Pos pos, std::string template_name, std::unique_ptr<PipeNode> pipeline)
      : NodeOf(pos), name(std::move(template_name)), pipe(std::move(pipeline)) {}
  void write(std::string& out, TextStyle style) const override;

  std::string name;
  std::unique_ptr<PipeNode> pipe;  // null: the template runs with nil data
};

// One parsed template: a file, or a {{define}} / {{block}} in it.
struct Tree {
  std::string name;        // the template's name
  std::string parse_name;  // the top-level template (the file) it was parsed from
  std::unique_ptr<ListNode> root;
  std::shared_ptr<const std::string> text;  // all of parse_name's text

  // The line and byte column of a position in `text` (Go's ErrorContext numbers).
  [[nodiscard]] Location location(Pos pos) const { return locate(*text, pos); }
  // Go's Tree.ErrorContext location: "PARSE_NAME:LINE:COL". The context half of Go's pair is
  // node.string().
  [[nodiscard]] std::string error_location(const Node& node) const;
};

// Templates by name, as Go's treeSet and a text/template's set of associated templates.
using TreeSet = std::map<std::string, std::shared_ptr<const Tree>, std::less<>>;

// Go's parse.IsEmptyTree: nothing but space (unicode.IsSpace) and comments, also inside
// lists. A {{define}} leaves nothing in its file's tree, so a file of definitions is empty.
[[nodiscard]] bool is_empty_tree(const Node* node);

}  // namespace chartmirror::charts::tmpl
