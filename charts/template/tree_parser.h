// charts/template/tree_parser.h — the recursive-descent parser of one tree (internal to
// parser.cpp; implemented in tree_parser.cpp and, for what is inside actions,
// tree_parser_pipeline.cpp).
//
// It follows Go's parse.Tree method for method, down to its three-token lookahead: Go's error
// lines are those of the last token read from the lexer, so reading the same tokens in the same
// order is what makes the errors say the same line. A {{define}} or {{block}} body is parsed by
// a TreeParser of its own that shares the lexer, like Go's nested Tree.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/ast.h"
#include "charts/template/error.h"
#include "charts/template/lexer.h"
#include "charts/template/parser.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl {

template <typename T>
using Parsed = Result<T, TemplateError>;

// Counts one level of nesting for as long as it lives.
class DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  DepthGuard(DepthGuard&&) = delete;
  DepthGuard& operator=(DepthGuard&&) = delete;
  ~DepthGuard() { --depth_; }

 private:
  int& depth_;
};

// What all trees of one parse() share.
struct ParseContext {
  std::string parse_name;                   // the top-level template, for errors
  std::shared_ptr<const std::string> text;  // the whole text; the lexer reads it
  Lexer* lexer = nullptr;
  TreeSet* tree_set = nullptr;
  const ParseOptions* options = nullptr;
  int depth = 0;  // current nesting of parentheses and control bodies, all trees together
};

class TreeParser {
 public:
  TreeParser(ParseContext& context, std::string name) : context_(context), name_(std::move(name)) {}

  // The top-level text to its end (Go's Tree.parse + add).
  [[nodiscard]] Status<TemplateError> parse_top();

 private:
  // {{end}} and {{else}} end a list; they are not nodes.
  enum class Terminator { kNone, kEnd, kElse };
  struct Step {  // what text_or_action() found
    std::unique_ptr<Node> node;
    Terminator terminator = Terminator::kNone;
    Pos pos = 0;
  };
  struct ItemList {
    std::unique_ptr<ListNode> list;
    Terminator terminator = Terminator::kNone;
    Pos pos = 0;
  };
  struct Control {
    Pos pos = 0;
    std::unique_ptr<PipeNode> pipe;
    std::unique_ptr<ListNode> list;
    std::unique_ptr<ListNode> else_list;
  };

  // Tokens.
  Item next();
  void backup() { ++peek_count_; }
  void backup2(const Item& t1);
  void backup3(const Item& t2, const Item& t1);
  Item peek();
  Item next_non_space();
  Item peek_non_space();

  // Errors, at the line of the last token read.
  [[nodiscard]] TemplateError error(std::string message) const;
  [[nodiscard]] TemplateError unexpected(const Item& token, std::string_view context) const;
  [[nodiscard]] Parsed<Item> expect(ItemType expected, std::string_view context);
  [[nodiscard]] bool has_function(std::string_view name) const;

  // Grammar.
  [[nodiscard]] Status<TemplateError> parse_definition();
  [[nodiscard]] Status<TemplateError> add(std::unique_ptr<ListNode> root);
  [[nodiscard]] Parsed<ItemList> item_list();
  [[nodiscard]] Parsed<Step> text_or_action();
  [[nodiscard]] Parsed<Step> action();
  [[nodiscard]] Parsed<Step> loop_control(const Item& keyword);
  [[nodiscard]] Parsed<std::unique_ptr<PipeNode>> pipeline(std::string_view context, ItemType end);
  [[nodiscard]] Status<TemplateError> check_pipeline(const PipeNode& pipe,
                                                     std::string_view context) const;
  [[nodiscard]] Parsed<Control> parse_control(std::string_view context);
  [[nodiscard]] Parsed<std::unique_ptr<Node>> branch_control(NodeType type);
  [[nodiscard]] Parsed<Step> else_control();
  [[nodiscard]] Parsed<std::unique_ptr<Node>> block_control();
  [[nodiscard]] Parsed<std::unique_ptr<Node>> template_control();
  [[nodiscard]] Parsed<std::string> parse_template_name(const Item& token,
                                                        std::string_view context) const;
  [[nodiscard]] Parsed<std::unique_ptr<CommandNode>> command();
  [[nodiscard]] Parsed<std::unique_ptr<Node>> operand();
  [[nodiscard]] Parsed<std::unique_ptr<Node>> term();
  [[nodiscard]] Parsed<std::unique_ptr<Node>> use_var(Pos pos, std::string_view name) const;

  ParseContext& context_;
  std::string name_;
  std::array<Item, 3> token_{};  // lookahead, as Go's: token_[0] is the last token read
  int peek_count_ = 0;
  std::vector<std::string> vars_{"$"};  // variables in scope
  int action_line_ = 0;                 // line of the {{ of the action being parsed; 0: none
  int range_depth_ = 0;
};

}  // namespace chartmirror::charts::tmpl
