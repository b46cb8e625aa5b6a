#include "charts/template/tree_parser.h"

#include <utility>

#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl {
namespace {

std::string_view terminator_string(bool is_end) { return is_end ? "{{end}}" : "{{else}}"; }

}  // namespace

// ---- tokens

Item TreeParser::next() {
  if (peek_count_ > 0) {
    --peek_count_;
  } else {
    token_[0] = context_.lexer->next_item();
  }
  return token_[static_cast<size_t>(peek_count_)];
}

void TreeParser::backup2(const Item& t1) {
  token_[1] = t1;
  peek_count_ = 2;
}

// Pushes back two tokens before the current one; t2 comes out first.
void TreeParser::backup3(const Item& t2, const Item& t1) {
  token_[1] = t1;
  token_[2] = t2;
  peek_count_ = 3;
}

Item TreeParser::peek() {
  if (peek_count_ > 0) return token_[static_cast<size_t>(peek_count_ - 1)];
  peek_count_ = 1;
  token_[0] = context_.lexer->next_item();
  return token_[0];
}

Item TreeParser::next_non_space() {
  Item token;
  do {
    token = next();
  } while (token.type == ItemType::kSpace);
  return token;
}

Item TreeParser::peek_non_space() {
  Item token = next_non_space();
  backup();
  return token;
}

// ---- errors

TemplateError TreeParser::error(std::string message) const {
  return TemplateError{context_.parse_name, token_[0].line, -1, std::move(message)};
}

TemplateError TreeParser::unexpected(const Item& token, std::string_view context) const {
  if (token.type == ItemType::kError) {
    std::string extra;
    if (action_line_ != 0 && action_line_ != token.line) {
      extra = " in action started at " + context_.parse_name + ":" + std::to_string(action_line_);
      // "unclosed action started at", not "unclosed action in action started at".
      if (token.value.ends_with(" action")) extra.erase(0, std::string_view(" in action").size());
    }
    return error(token.describe() + extra);
  }
  return error("unexpected " + token.describe() + " in " + std::string(context));
}

Parsed<Item> TreeParser::expect(ItemType expected, std::string_view context) {
  Item token = next_non_space();
  if (token.type != expected) return unexpected(token, context);
  return token;
}

bool TreeParser::has_function(std::string_view name) const {
  const FunctionNames* functions = context_.options->functions;
  return functions != nullptr && functions->find(name) != functions->end();
}

// ---- trees

Status<TemplateError> TreeParser::parse_top() {
  auto root = std::make_unique<ListNode>(peek().pos);
  while (peek().type != ItemType::kEof) {
    if (peek().type == ItemType::kLeftDelim) {
      const Item delim = next();
      if (next_non_space().type == ItemType::kDefine) {
        TreeParser definition(context_, "definition");  // named once the name is read
        auto defined = definition.parse_definition();
        if (!defined) return defined.error();
        continue;
      }
      backup2(delim);
    }
    auto step = text_or_action();
    if (!step) return step.error();
    if (step->terminator != Terminator::kNone) {
      return error("unexpected " +
                   std::string(terminator_string(step->terminator == Terminator::kEnd)));
    }
    root->nodes.push_back(std::move(step->node));
  }
  return add(std::move(root));
}

// {{define "name"}} ... {{end}}; the keyword has been read.
Status<TemplateError> TreeParser::parse_definition() {
  constexpr std::string_view kContext = "define clause";
  const Item name = next_non_space();
  if (name.type != ItemType::kString && name.type != ItemType::kRawString) {
    return unexpected(name, kContext);
  }
  auto unquoted = go::unquote(name.value);
  if (!unquoted) return error(unquoted.error().message);
  name_ = std::move(*unquoted);
  auto delim = expect(ItemType::kRightDelim, kContext);
  if (!delim) return delim.error();
  auto body = item_list();
  if (!body) return body.error();
  if (body->terminator != Terminator::kEnd) {
    return error("unexpected {{else}} in " + std::string(kContext));
  }
  return add(std::move(body->list));
}

// Go's Tree.add: installs the finished tree unless the set holds a non-empty one of that name.
Status<TemplateError> TreeParser::add(std::unique_ptr<ListNode> root) {
  TreeSet& set = *context_.tree_set;
  const auto existing = set.find(name_);
  if (existing == set.end() || is_empty_tree(existing->second->root.get())) {
    auto tree = std::make_shared<Tree>();
    tree->name = name_;
    tree->parse_name = context_.parse_name;
    tree->root = std::move(root);
    tree->text = context_.text;
    set.insert_or_assign(name_, std::move(tree));
    return Done{};
  }
  if (!is_empty_tree(root.get())) {
    return error("template: multiple definition of template " + go::quote(name_));
  }
  return Done{};
}

// textOrAction* up to {{end}} or {{else}}, which is returned with the list.
Parsed<TreeParser::ItemList> TreeParser::item_list() {
  ItemList result;
  result.list = std::make_unique<ListNode>(peek_non_space().pos);
  while (peek_non_space().type != ItemType::kEof) {
    auto step = text_or_action();
    if (!step) return step.error();
    if (step->terminator != Terminator::kNone) {
      result.terminator = step->terminator;
      result.pos = step->pos;
      return result;
    }
    result.list->nodes.push_back(std::move(step->node));
  }
  return error("unexpected EOF");
}

Parsed<TreeParser::Step> TreeParser::text_or_action() {
  const Item token = next_non_space();
  switch (token.type) {
    case ItemType::kText:
      return Step{std::make_unique<TextNode>(token.pos, std::string(token.value))};
    case ItemType::kLeftDelim: {
      action_line_ = token.line;
      auto step = action();
      action_line_ = 0;
      return step;
    }
    case ItemType::kComment:
      return Step{std::make_unique<CommentNode>(token.pos, std::string(token.value))};
    default:
      return unexpected(token, "input");
  }
}

// The inside of an action: a control keyword, or a pipeline.
Parsed<TreeParser::Step> TreeParser::action() {
  const Item token = next_non_space();
  Parsed<std::unique_ptr<Node>> node = std::unique_ptr<Node>();
  switch (token.type) {
    case ItemType::kBlock:
      node = block_control();
      break;
    case ItemType::kBreak:
    case ItemType::kContinue:
      return loop_control(token);
    case ItemType::kElse:
      return else_control();
    case ItemType::kEnd: {
      auto delim = expect(ItemType::kRightDelim, "end");
      if (!delim) return delim.error();
      return Step{nullptr, Terminator::kEnd, delim->pos};
    }
    case ItemType::kIf:
      node = branch_control(NodeType::kIf);
      break;
    case ItemType::kRange:
      node = branch_control(NodeType::kRange);
      break;
    case ItemType::kTemplate:
      node = template_control();
      break;
    case ItemType::kWith:
      node = branch_control(NodeType::kWith);
      break;
    default: {
      backup();
      const Pos pos = peek().pos;
      auto pipe = pipeline("command", ItemType::kRightDelim);
      if (!pipe) return pipe.error();
      return Step{std::make_unique<ActionNode>(pos, std::move(*pipe))};
    }
  }
  if (!node) return node.error();
  return Step{std::move(*node)};
}

// {{break}} and {{continue}}; the keyword has been read.
Parsed<TreeParser::Step> TreeParser::loop_control(const Item& keyword) {
  const bool is_break = keyword.type == ItemType::kBreak;
  const std::string action = is_break ? "{{break}}" : "{{continue}}";
  const Item token = next_non_space();
  if (token.type != ItemType::kRightDelim) return unexpected(token, action);
  if (range_depth_ == 0) return error(action + " outside {{range}}");
  if (is_break) return Step{std::make_unique<BreakNode>(keyword.pos)};
  return Step{std::make_unique<ContinueNode>(keyword.pos)};
}

// {{else}}, or the "else" of {{else if ...}} / {{else with ...}}, whose keyword is left for
// parse_control to read.
Parsed<TreeParser::Step> TreeParser::else_control() {
  const Item peeked = peek_non_space();
  if (peeked.type == ItemType::kIf || peeked.type == ItemType::kWith) {
    return Step{nullptr, Terminator::kElse, peeked.pos};
  }
  auto delim = expect(ItemType::kRightDelim, "else");
  if (!delim) return delim.error();
  return Step{nullptr, Terminator::kElse, delim->pos};
}

// ---- control structures

// The pipeline, list and else list of if, range and with; "{{else if}}" and "{{else with}}"
// become an else list holding one nested if or with, whose {{end}} closes both.
Parsed<TreeParser::Control> TreeParser::parse_control(std::string_view context) {
  const size_t scope = vars_.size();  // declarations last until {{end}}
  if (context_.depth >= context_.options->max_depth) return error("max nesting depth exceeded");
  const DepthGuard guard(context_.depth);
  Control control;
  auto pipe = pipeline(context, ItemType::kRightDelim);
  if (!pipe) return pipe.error();
  control.pos = (*pipe)->pos();
  control.pipe = std::move(*pipe);
  const bool is_range = context == "range";
  if (is_range) ++range_depth_;
  auto body = item_list();
  if (!body) return body.error();
  if (is_range) --range_depth_;
  control.list = std::move(body->list);
  if (body->terminator == Terminator::kElse) {
    const ItemType chained = peek().type;
    if ((context == "if" && chained == ItemType::kIf) ||
        (context == "with" && chained == ItemType::kWith)) {
      next();
      auto nested = branch_control(context == "if" ? NodeType::kIf : NodeType::kWith);
      if (!nested) return nested.error();
      control.else_list = std::make_unique<ListNode>(body->pos);
      control.else_list->nodes.push_back(std::move(*nested));
    } else {
      auto else_body = item_list();
      if (!else_body) return else_body.error();
      if (else_body->terminator != Terminator::kEnd) return error("expected end; found {{else}}");
      control.else_list = std::move(else_body->list);
    }
  }
  vars_.resize(scope);
  return control;
}

Parsed<std::unique_ptr<Node>> TreeParser::branch_control(NodeType type) {
  const std::string_view context = type == NodeType::kIf      ? "if"
                                   : type == NodeType::kRange ? "range"
                                                              : "with";
  auto control = parse_control(context);
  if (!control) return control.error();
  Control& c = *control;
  std::unique_ptr<Node> node;
  if (type == NodeType::kIf) {
    node = std::make_unique<IfNode>(c.pos, std::move(c.pipe), std::move(c.list),
                                    std::move(c.else_list));
  } else if (type == NodeType::kRange) {
    node = std::make_unique<RangeNode>(c.pos, std::move(c.pipe), std::move(c.list),
                                       std::move(c.else_list));
  } else {
    node = std::make_unique<WithNode>(c.pos, std::move(c.pipe), std::move(c.list),
                                      std::move(c.else_list));
  }
  return node;
}

// {{block "name" pipeline}} body {{end}}: defines "name" as the body and runs it here.
Parsed<std::unique_ptr<Node>> TreeParser::block_control() {
  constexpr std::string_view kContext = "block clause";
  const Item token = next_non_space();
  auto name = parse_template_name(token, kContext);
  if (!name) return name.error();
  auto pipe = pipeline(kContext, ItemType::kRightDelim);
  if (!pipe) return pipe.error();
  if (context_.depth >= context_.options->max_depth) return error("max nesting depth exceeded");
  const DepthGuard guard(context_.depth);
  TreeParser block(context_, *name);
  auto body = block.item_list();
  if (!body) return body.error();
  if (body->terminator != Terminator::kEnd) {
    return error("unexpected {{else}} in " + std::string(kContext));
  }
  auto added = block.add(std::move(body->list));
  if (!added) return added.error();
  return std::unique_ptr<Node>(
      std::make_unique<TemplateNode>(token.pos, std::move(*name), std::move(*pipe)));
}

// {{template "name"}} or {{template "name" pipeline}}.
Parsed<std::unique_ptr<Node>> TreeParser::template_control() {
  constexpr std::string_view kContext = "template clause";
  const Item token = next_non_space();
  auto name = parse_template_name(token, kContext);
  if (!name) return name.error();
  std::unique_ptr<PipeNode> pipe;
  if (next_non_space().type != ItemType::kRightDelim) {
    backup();
    auto parsed = pipeline(kContext, ItemType::kRightDelim);
    if (!parsed) return parsed.error();
    pipe = std::move(*parsed);
  }
  return std::unique_ptr<Node>(
      std::make_unique<TemplateNode>(token.pos, std::move(*name), std::move(pipe)));
}

Parsed<std::string> TreeParser::parse_template_name(const Item& token,
                                                    std::string_view context) const {
  if (token.type != ItemType::kString && token.type != ItemType::kRawString) {
    return unexpected(token, context);
  }
  auto name = go::unquote(token.value);
  if (!name) return error(name.error().message);
  return std::move(*name);
}

}  // namespace chartmirror::charts::tmpl
