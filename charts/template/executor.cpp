// Executor and the walk of a tree: exec.go's Execute, walk, walkIfOrWith, walkRange,
// walkTemplate, printValue, and the variable stack.
#include "charts/template/executor.h"

#include <utility>

#include "charts/golang/quote.h"
#include "charts/template/executor_run.h"
#include "charts/template/go_fmt.h"
#include "charts/template/go_type.h"

namespace chartmirror::charts::tmpl {
namespace {

using values::Value;

std::string percent_v(const ExecValue& value) { return go::sprint({value.unboxed()}); }

}  // namespace

Result<std::string, TemplateError> Executor::Run::execute_template(const TreeSet& set,
                                                                   std::string_view name,
                                                                   const ExecValue& data) {
  if (depth_ >= executor_.options_.max_depth) {
    return error_at_current("exceeded maximum template depth (" +
                            std::to_string(executor_.options_.max_depth) + ")");
  }
  Run nested(executor_, set, depth_ + 1, written_);
  return nested.start(name, data);
}

Result<std::string, TemplateError> Executor::Run::start(std::string_view name,
                                                        const ExecValue& data) {
  const auto found = set_.find(name);
  if (found == set_.end() || !found->second || !found->second->root) {
    TemplateError error;
    error.message = "no template " + charts::go::quote(name) + " associated with template " +
                    charts::go::quote(name);
    return error;
  }
  tree_ = found->second.get();
  vars_ = {{"$", data}};
  try {
    (void)walk(data, *tree_->root);
  } catch (Failure& failure) {
    return std::move(failure.error);
  }
  return std::move(own_out_);
}

TemplateError Executor::Run::error_at_current(const std::string& message) const {
  TemplateError error;
  error.template_name = tree_->parse_name;
  if (at_ == nullptr) {
    error.message = message;
    return error;
  }
  const Location location = tree_->location(at_->pos());
  error.line = location.line;
  error.column = location.column;
  error.message =
      "executing " + charts::go::quote(tree_->name) + " at <" + at_->string() + ">: " + message;
  return error;
}

void Executor::Run::fail(const std::string& message) const {
  throw Failure{error_at_current(message)};
}

void Executor::Run::write(std::string_view text) {
  written_ += text.size();
  if (written_ > executor_.options_.max_output) {
    fail("output exceeds the limit of " + std::to_string(executor_.options_.max_output) + " bytes");
  }
  *out_ += text;
}

void Executor::Run::set_var(const std::string& name, ExecValue value) {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
    if (it->name == name) {
      it->value = std::move(value);
      return;
    }
  }
  fail("undefined variable: " + name);
}

const ExecValue& Executor::Run::var_value(const std::string& name) {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) {
    if (it->name == name) return it->value;
  }
  fail("undefined variable: " + name);
}

Executor::Run::Flow Executor::Run::walk(const ExecValue& dot, const Node& node) {
  at(node);
  switch (node.type()) {
    case NodeType::kAction: {
      const auto& action = node_cast<ActionNode>(node);
      const ExecValue value = eval_pipeline(dot, action.pipe.get());
      if (action.pipe->decl.empty()) print_value(node, value);
      return Flow::kNormal;
    }
    case NodeType::kBreak:
      return Flow::kBreak;
    case NodeType::kContinue:
      return Flow::kContinue;
    case NodeType::kComment:
      return Flow::kNormal;
    case NodeType::kIf:
    case NodeType::kWith:
      return walk_if_or_with(dot, node_cast<BranchNode>(node));
    case NodeType::kList:
      for (const auto& child : node_cast<ListNode>(node).nodes) {
        const Flow flow = walk(dot, *child);
        if (flow != Flow::kNormal) return flow;
      }
      return Flow::kNormal;
    case NodeType::kRange:
      walk_range(dot, node_cast<RangeNode>(node));
      return Flow::kNormal;
    case NodeType::kTemplate:
      walk_template(dot, node_cast<TemplateNode>(node));
      return Flow::kNormal;
    case NodeType::kText:
      write(node_cast<TextNode>(node).text);
      return Flow::kNormal;
    default:
      fail("unknown node: " + node.string());
  }
}

Executor::Run::Flow Executor::Run::walk_if_or_with(const ExecValue& dot, const BranchNode& node) {
  const size_t mark = vars_.size();
  const ExecValue value = eval_pipeline(dot, node.pipe.get());
  Flow flow = Flow::kNormal;
  if (is_true(value)) {
    flow = walk(node.type() == NodeType::kWith ? value : dot, *node.list);
  } else if (node.else_list) {
    flow = walk(dot, *node.else_list);
  }
  vars_.resize(mark);
  return flow;
}

void Executor::Run::walk_range(const ExecValue& dot, const RangeNode& node) {
  at(node);
  const size_t outer_mark = vars_.size();
  const PipeNode& pipe = *node.pipe;
  const ExecValue value = eval_pipeline(dot, &pipe);
  const size_t mark = vars_.size();
  // oneIteration; false to stop (break).
  auto one_iteration = [&](const ExecValue& index, const ExecValue& elem) {
    if (!pipe.decl.empty()) {
      if (pipe.is_assign) {
        set_var(pipe.decl[0]->ident[0], pipe.decl.size() > 1 ? index : elem);
      } else {
        vars_[vars_.size() - 1].value = elem;
      }
    }
    if (pipe.decl.size() > 1) {
      if (pipe.is_assign) {
        set_var(pipe.decl[1]->ident[0], elem);
      } else {
        vars_[vars_.size() - 2].value = index;
      }
    }
    const Flow flow = walk(elem, *node.list);
    vars_.resize(mark);
    return flow != Flow::kBreak;
  };
  bool ran = false;
  const Value& v = value.value();
  switch (value.kind()) {
    case ExecValue::Kind::kInt:
    case ExecValue::Kind::kInt64:
      if (!executor_.options_.range_over_int) {
        fail("range can't iterate over " + percent_v(value));
      }
      if (pipe.decl.size() > 1) {
        fail("can't use " + percent_v(value) + " to iterate over more than one variable");
      }
      for (int64_t i = 0; i < v.as_int(); ++i) {
        ran = true;
        const ExecValue elem = value.kind() == ExecValue::Kind::kInt
                                   ? ExecValue::go_int(i)
                                   : ExecValue(Value(static_cast<std::int64_t>(i)));
        if (!one_iteration(ExecValue::invalid(), elem)) break;
      }
      break;
    case ExecValue::Kind::kList: {
      const Value::List& list = v.as_list();
      for (size_t i = 0; i < list.size(); ++i) {
        ran = true;
        if (!one_iteration(ExecValue::go_int(static_cast<int64_t>(i)), ExecValue::boxed(list[i]))) {
          break;
        }
      }
      break;
    }
    case ExecValue::Kind::kMap: {
      // The body may set or unset this very map (Sprig's set and unset change it in place):
      // iterate over a snapshot of its entries, as Go 1.23's fmtsort.Sort makes one.
      std::vector<std::pair<std::string, Value>> entries;
      entries.reserve(v.size());
      for (const auto& [key, item] : v.as_map()) {
        if (!is_go_type_key(key)) entries.emplace_back(key, item);
      }
      for (const auto& [key, item] : entries) {
        ran = true;
        if (!one_iteration(ExecValue(Value(key)), ExecValue::boxed(item))) break;
      }
      break;
    }
    case ExecValue::Kind::kInvalid:
    case ExecValue::Kind::kNil:
      break;
    default:
      fail("range can't iterate over " + percent_v(value));
  }
  if (!ran && node.else_list) (void)walk(dot, *node.else_list);
  vars_.resize(outer_mark);
}

void Executor::Run::walk_template(const ExecValue& dot, const TemplateNode& node) {
  at(node);
  const auto found = set_.find(node.name);
  if (found == set_.end() || !found->second || !found->second->root) {
    fail("template " + charts::go::quote(node.name) + " not defined");
  }
  if (depth_ >= executor_.options_.max_depth) {
    fail("exceeded maximum template depth (" + std::to_string(executor_.options_.max_depth) + ")");
  }
  const ExecValue new_dot = eval_pipeline(dot, node.pipe.get());
  Run nested(executor_, set_, depth_ + 1, written_);
  nested.tree_ = found->second.get();
  nested.vars_ = {{"$", new_dot}};
  nested.out_ = out_;
  (void)nested.walk(new_dot, *nested.tree_->root);
}

void Executor::Run::print_value(const Node& node, const ExecValue& value) {
  at(node);
  if (!value.is_valid()) {
    write("<no value>");
    return;
  }
  // fmt prints a Stringer through its String method.
  const std::string* type_name = go_type_of(value.value());
  const GoTypes* types = executor_.options_.go_types;
  if (type_name != nullptr && types != nullptr) {
    const auto type = types->find(*type_name);
    const auto method =
        type != types->end() ? type->second.methods.find("String") : FunctionMap::const_iterator();
    if (type != types->end() && method != type->second.methods.end()) {
      std::vector<ExecValue> args{value.unboxed()};
      FunctionResult text = method->second.call(*this, args);
      if (!text.ok()) fail(text.error());
      write(go::sprint({*text}));
      return;
    }
  }
  write(go::sprint({value}));
}

Executor::Executor(const TreeSet& set, const FunctionMap& functions, ExecOptions options)
    : set_(set), functions_(functions), options_(options) {}

Result<std::string, TemplateError> Executor::execute(std::string_view name, const ExecValue& data) {
  std::size_t written = 0;
  Run run(*this, set_, 0, written);
  return run.start(name, data);
}

}  // namespace chartmirror::charts::tmpl
