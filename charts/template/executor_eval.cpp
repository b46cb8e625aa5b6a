// Evaluation: exec.go's evalPipeline, evalCommand, evalField, evalFunction and evalCall,
// evalArg and validateType.
#include <optional>
#include <utility>

#include "charts/golang/quote.h"
#include "charts/template/executor_run.h"
#include "charts/template/go_type.h"

namespace chartmirror::charts::tmpl {

using values::Value;

ExecValue Executor::Run::eval_pipeline(const ExecValue& dot, const PipeNode* pipe) {
  if (pipe == nullptr) return ExecValue::invalid();
  at(*pipe);
  std::optional<ExecValue> value;  // empty: Go's missingVal
  for (const auto& cmd : pipe->cmds) {
    value = eval_command(dot, *cmd, value).unboxed();
  }
  for (const auto& variable : pipe->decl) {
    if (pipe->is_assign) {
      set_var(variable->ident[0], *value);
    } else {
      push(variable->ident[0], *value);
    }
  }
  return *value;
}

void Executor::Run::not_a_function(const CommandNode& cmd, const std::optional<ExecValue>& final) {
  if (cmd.args.size() > 1 || final) {
    fail("can't give argument to non-function " + cmd.args[0]->string());
  }
}

ExecValue Executor::Run::eval_command(const ExecValue& dot, const CommandNode& cmd,
                                      const std::optional<ExecValue>& final) {
  const Node& first = *cmd.args[0];
  const Args rest = Args(cmd.args).subspan(1);
  switch (first.type()) {
    case NodeType::kField: {
      const auto& field = node_cast<FieldNode>(first);
      at(field);
      return eval_field_chain(dot, dot, field, field.ident, rest, final);
    }
    case NodeType::kChain:
      return eval_chain(dot, node_cast<ChainNode>(first), rest, final);
    case NodeType::kIdentifier:
      return eval_function(dot, node_cast<IdentifierNode>(first), cmd, rest, final);
    case NodeType::kPipe:
      not_a_function(cmd, final);
      return eval_pipeline(dot, &node_cast<PipeNode>(first));
    case NodeType::kVariable:
      return eval_variable(dot, node_cast<VariableNode>(first), rest, final);
    default:
      break;
  }
  at(first);
  not_a_function(cmd, final);
  switch (first.type()) {
    case NodeType::kBool:
      return Value(node_cast<BoolNode>(first).value);
    case NodeType::kDot:
      return dot;
    case NodeType::kNil:
      fail("nil is not a command");
    case NodeType::kNumber:
      return ideal_constant(node_cast<NumberNode>(first));
    case NodeType::kString:
      return Value(node_cast<StringNode>(first).text);
    default:
      fail("can't evaluate command " + charts::go::quote(first.string()));
  }
}

ExecValue Executor::Run::ideal_constant(const NumberNode& number) {
  at(number);
  const std::string& text = number.text;
  const bool hex_int = text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') &&
                       text.find_first_of("pP") == std::string::npos;
  const bool rune_int = !text.empty() && text[0] == '\'';
  if (number.is_complex) fail("complex constants are not supported: " + text);
  if (number.is_float && !hex_int && !rune_int &&
      text.find_first_of(".eEpP") != std::string::npos) {
    return Value(number.float64);
  }
  if (number.is_int) return ExecValue::go_int(number.int64);
  if (number.is_uint) fail(text + " overflows int");
  return ExecValue::invalid();
}

ExecValue Executor::Run::eval_chain(const ExecValue& dot, const ChainNode& chain, Args args,
                                    const std::optional<ExecValue>& final) {
  at(chain);
  if (chain.field.empty()) fail("internal error: no fields in evalChainNode");
  if (chain.node->type() == NodeType::kNil) {
    fail("indirection through explicit nil in " + chain.string());
  }
  const ExecValue pipe = eval_arg(dot, *chain.node);
  return eval_field_chain(dot, pipe, chain, chain.field, args, final);
}

ExecValue Executor::Run::eval_variable(const ExecValue& dot, const VariableNode& variable,
                                       Args args, const std::optional<ExecValue>& final) {
  at(variable);
  ExecValue value = var_value(variable.ident[0]);
  if (variable.ident.size() == 1) {
    if (!args.empty() || final) {
      fail("can't give argument to non-function " + variable.string());
    }
    return value;
  }
  return eval_field_chain(dot, value, variable,
                          std::span<const std::string>(variable.ident).subspan(1), args, final);
}

ExecValue Executor::Run::eval_field_chain(const ExecValue& dot, ExecValue receiver,
                                          const Node& node, std::span<const std::string> ident,
                                          Args args, const std::optional<ExecValue>& final) {
  for (size_t i = 0; i + 1 < ident.size(); ++i) {
    receiver = eval_field(dot, ident[i], node, {}, std::nullopt, receiver);
  }
  return eval_field(dot, ident.back(), node, args, final, receiver);
}

ExecValue Executor::Run::eval_field(const ExecValue& dot, const std::string& name, const Node& node,
                                    Args args, const std::optional<ExecValue>& final,
                                    const ExecValue& receiver) {
  const MissingKey missing_key = executor_.options_.missing_key;
  if (!receiver.is_valid()) {
    if (missing_key == MissingKey::kError) {
      fail("nil data; no entry for key " + charts::go::quote(name));
    }
    return ExecValue::invalid();
  }
  const std::string type = receiver.type_name(/*static_type=*/true);
  if (receiver.is_nil()) fail("nil pointer evaluating " + type + "." + name);
  if (auto typed = eval_typed_field(dot, name, node, args, final, receiver)) {
    return *std::move(typed);
  }
  if (receiver.value().is_map()) {
    if (!args.empty() || final) fail(name + " is not a method but has arguments");
    const Value* found = receiver.value().find(name);
    if (found != nullptr) return ExecValue::boxed(*found);
    switch (missing_key) {
      case MissingKey::kInvalid:
        return ExecValue::invalid();
      case MissingKey::kZero:
        return ExecValue::boxed(Value());
      case MissingKey::kError:
        fail("map has no entry for key " + charts::go::quote(name));
    }
    return ExecValue::invalid();
  }
  fail("can't evaluate field " + name + " in type " + type);
}

std::optional<ExecValue> Executor::Run::eval_typed_field(const ExecValue& dot,
                                                         const std::string& name, const Node& node,
                                                         Args args,
                                                         const std::optional<ExecValue>& final,
                                                         const ExecValue& receiver) {
  const std::string* type_name = go_type_of(receiver.value());
  if (type_name == nullptr) return std::nullopt;
  const GoTypes* types = executor_.options_.go_types;
  const auto type = types != nullptr ? types->find(*type_name) : GoTypes::const_iterator();
  if (types == nullptr || type == types->end()) return std::nullopt;  // an unknown type: a map
  const auto method = type->second.methods.find(name);
  const ExecValue self = receiver.unboxed();
  if (method != type->second.methods.end()) {
    return eval_call(dot, name, method->second, node, args, final, &self);
  }
  const bool has_args = !args.empty() || final;
  const Value* found = is_go_type_key(name) ? nullptr : receiver.value().find(name);
  // Errors name the static type: "interface {}" for a value read from a map.
  const std::string static_type = receiver.type_name(/*static_type=*/true);
  switch (type->second.kind) {
    case GoType::Kind::kStruct:
      if (found == nullptr) fail("can't evaluate field " + name + " in type " + static_type);
      if (has_args) fail(name + " has arguments but cannot be invoked as function");
      return ExecValue(*found);
    case GoType::Kind::kMap:
      if (has_args) fail(name + " is not a method but has arguments");
      if (found != nullptr) return ExecValue(*found);
      if (executor_.options_.missing_key == MissingKey::kError) {
        fail("map has no entry for key " + charts::go::quote(name));
      }
      if (executor_.options_.missing_key == MissingKey::kInvalid) return ExecValue::invalid();
      return ExecValue(type->second.zero);
    case GoType::Kind::kOpaque:
      break;
  }
  fail("can't evaluate field " + name + " in type " + static_type);
}

ExecValue Executor::Run::eval_function(const ExecValue& dot, const IdentifierNode& ident,
                                       const Node& cmd, Args args,
                                       const std::optional<ExecValue>& final) {
  at(ident);
  const auto found = executor_.functions_.find(ident.ident);
  if (found == executor_.functions_.end()) {
    fail(charts::go::quote(ident.ident) + " is not a defined function");
  }
  return eval_call(dot, ident.ident, found->second, cmd, args, final, nullptr);
}

ExecValue Executor::Run::eval_call(const ExecValue& dot, const std::string& name,
                                   const Function& function, const Node& cmd, Args args,
                                   const std::optional<ExecValue>& final,
                                   const ExecValue* receiver) {
  const size_t num_in = args.size() + (final ? 1 : 0);
  const size_t num_fixed = function.params.size();
  if (function.variadic) {
    if (num_in < num_fixed) {
      fail("wrong number of args for " + name + ": want at least " + std::to_string(num_fixed) +
           " got " + std::to_string(args.size()));
    }
  } else if (num_in != num_fixed) {
    fail("wrong number of args for " + name + ": want " + std::to_string(num_fixed) + " got " +
         std::to_string(num_in));
  }
  if (function.special != Function::Special::kNone) {
    const bool is_or = function.special == Function::Special::kOr;
    ExecValue value;
    for (const auto& arg : args) {
      value = eval_arg(dot, *arg);
      if (is_true(value) == is_or) return value;
    }
    if (final) value = *final;
    return value;
  }
  std::vector<ExecValue> argv;
  argv.reserve(num_in + 1);
  if (receiver != nullptr) argv.push_back(*receiver);
  for (size_t i = 0; i < args.size(); ++i) {
    const ParamType type = i < num_fixed ? function.params[i] : ParamType::kAny;
    argv.push_back(eval_typed_arg(dot, *args[i], type));
  }
  if (final) {
    const size_t i = args.size();
    argv.push_back(validate_type(*final, i < num_fixed ? function.params[i] : ParamType::kAny));
  }
  FunctionResult result = function.call(*this, argv);
  if (!result.ok()) {
    at(cmd);
    fail("error calling " + name + ": " + result.error());
  }
  return std::move(result).value();
}

ExecValue Executor::Run::eval_arg(const ExecValue& dot, const Node& node) {
  at(node);
  switch (node.type()) {
    case NodeType::kDot:
      return dot;
    case NodeType::kNil:
      return ExecValue::boxed(Value());
    case NodeType::kField: {
      const auto& field = node_cast<FieldNode>(node);
      return eval_field_chain(dot, dot, field, field.ident, {}, std::nullopt);
    }
    case NodeType::kVariable:
      return eval_variable(dot, node_cast<VariableNode>(node), {}, std::nullopt);
    case NodeType::kPipe:
      return eval_pipeline(dot, &node_cast<PipeNode>(node));
    case NodeType::kIdentifier: {
      const auto& ident = node_cast<IdentifierNode>(node);
      return eval_function(dot, ident, ident, {}, std::nullopt);
    }
    case NodeType::kChain:
      return eval_chain(dot, node_cast<ChainNode>(node), {}, std::nullopt);
    case NodeType::kBool:
      return Value(node_cast<BoolNode>(node).value);
    case NodeType::kNumber:
      return ideal_constant(node_cast<NumberNode>(node));
    case NodeType::kString:
      return Value(node_cast<StringNode>(node).text);
    default:
      fail("can't handle assignment of " + node.string() + " to empty interface argument");
  }
}

ExecValue Executor::Run::eval_typed_arg(const ExecValue& dot, const Node& node, ParamType type) {
  switch (node.type()) {
    case NodeType::kDot:
    case NodeType::kField:
    case NodeType::kVariable:
    case NodeType::kPipe:
    case NodeType::kIdentifier:
    case NodeType::kChain:
      return validate_type(eval_arg(dot, node), type);
    default:
      break;
  }
  at(node);
  const auto* number = node.type() == NodeType::kNumber ? &node_cast<NumberNode>(node) : nullptr;
  switch (type) {
    case ParamType::kAny:
      return eval_arg(dot, node);
    case ParamType::kList:
    case ParamType::kMap:
      if (node.type() == NodeType::kNil) return zero_value(type);
      fail("can't handle " + node.string() + " for arg of type " + type_name(type));
    default:
      break;
  }
  if (node.type() == NodeType::kNil) fail("cannot assign nil to " + type_name(type));
  switch (type) {
    case ParamType::kString:
      if (node.type() == NodeType::kString) return Value(node_cast<StringNode>(node).text);
      fail("expected string; found " + node.string());
    case ParamType::kInt:
      if (number != nullptr && number->is_int) return ExecValue::go_int(number->int64);
      fail("expected integer; found " + node.string());
    case ParamType::kFloat64:
      if (number != nullptr && number->is_float) return Value(number->float64);
      fail("expected float; found " + node.string());
    default:  // kBool
      if (node.type() == NodeType::kBool) return Value(node_cast<BoolNode>(node).value);
      fail("expected bool; found " + node.string());
  }
}

ExecValue Executor::Run::validate_type(const ExecValue& value, ParamType type) {
  if (type == ParamType::kAny) return value;
  if (!value.is_valid()) {
    if (type == ParamType::kList || type == ParamType::kMap) return zero_value(type);
    fail("invalid value; expected " + type_name(type));
  }
  const Value& v = value.value();
  bool fits = false;
  switch (type) {
    case ParamType::kString:
      fits = v.is_string();
      break;
    case ParamType::kInt:
      fits = value.kind() == ExecValue::Kind::kInt;
      break;
    case ParamType::kFloat64:
      fits = v.is_float();
      break;
    case ParamType::kBool:
      fits = v.is_bool();
      break;
    case ParamType::kList:
      fits = v.is_list();
      break;
    case ParamType::kMap:
      fits = v.is_map();
      break;
    case ParamType::kAny:
      fits = true;
      break;
  }
  if (fits) return value.unboxed();
  // A nil interface{} keeps its static type; any other is compared by its content's type.
  fail("wrong type for value; expected " + type_name(type) + "; got " +
       value.type_name(/*static_type=*/value.is_nil()));
}

ExecValue Executor::Run::zero_value(ParamType type) {
  return type == ParamType::kList ? ExecValue(Value(Value::List{}))
                                  : ExecValue(Value(Value::Map{}));
}

std::string Executor::Run::type_name(ParamType type) {
  switch (type) {
    case ParamType::kString:
      return "string";
    case ParamType::kInt:
      return "int";
    case ParamType::kFloat64:
      return "float64";
    case ParamType::kBool:
      return "bool";
    case ParamType::kList:
      return "[]interface {}";
    case ParamType::kMap:
      return "map[string]interface {}";
    case ParamType::kAny:
      break;
  }
  return "interface {}";
}

}  // namespace chartmirror::charts::tmpl
