// charts/template/executor_run.h — private to the executor: one execution of a template, Go's
// exec.go `state`. executor.cpp walks the tree (text, actions, if/with/range/template);
// executor_eval.cpp evaluates pipelines, fields, function calls and their arguments.
//
// As in Go, which panics and recovers, an execution error unwinds to start() as a Failure
// exception thrown by fail(); it never leaves start(). Every method names the Go function it
// mirrors; at() records the node errors are reported at, where Go's state.at() does.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/executor.h"

namespace chartmirror::charts::tmpl {

class Executor::Run final : public CallContext {
 public:
  using Args = std::span<const std::unique_ptr<Node>>;
  // An execution error on its way to start(), as Go's panic(ExecError).
  struct Failure {
    TemplateError error;
  };
  // How a list ended: normally, or at {{break}} / {{continue}}.
  enum class Flow { kNormal, kBreak, kContinue };
  struct Variable {
    std::string name;
    ExecValue value;
  };

  Run(const Executor& executor, const TreeSet& set, int depth, std::size_t& written)
      : executor_(executor), set_(set), depth_(depth), written_(written) {}

  const TreeSet& templates() const override { return set_; }
  int depth() const override { return depth_; }

  Result<std::string, TemplateError> execute_template(const TreeSet& set, std::string_view name,
                                                      const ExecValue& data) override;

  // Go's Template.execute.
  Result<std::string, TemplateError> start(std::string_view name, const ExecValue& data);

 private:
  // An error at the current node, in Go's words (state.errorf).
  [[nodiscard]] TemplateError error_at_current(const std::string& message) const;
  [[noreturn]] void fail(const std::string& message) const;
  void at(const Node& node) { at_ = &node; }

  void write(std::string_view text);

  // Variables (state.push, mark, pop, setVar, setTopVar, varValue).
  void push(const std::string& name, ExecValue value) { vars_.push_back({name, std::move(value)}); }
  void set_var(const std::string& name, ExecValue value);
  const ExecValue& var_value(const std::string& name);

  // walk.
  Flow walk(const ExecValue& dot, const Node& node);

  Flow walk_if_or_with(const ExecValue& dot, const BranchNode& node);

  void walk_range(const ExecValue& dot, const RangeNode& node);

  void walk_template(const ExecValue& dot, const TemplateNode& node);

  // evalPipeline.
  ExecValue eval_pipeline(const ExecValue& dot, const PipeNode* pipe);

  void not_a_function(const CommandNode& cmd, const std::optional<ExecValue>& final);

  // evalCommand.
  ExecValue eval_command(const ExecValue& dot, const CommandNode& cmd,
                         const std::optional<ExecValue>& final);

  // idealConstant.
  ExecValue ideal_constant(const NumberNode& number);

  ExecValue eval_chain(const ExecValue& dot, const ChainNode& chain, Args args,
                       const std::optional<ExecValue>& final);

  ExecValue eval_variable(const ExecValue& dot, const VariableNode& variable, Args args,
                          const std::optional<ExecValue>& final);

  ExecValue eval_field_chain(const ExecValue& dot, ExecValue receiver, const Node& node,
                             std::span<const std::string> ident, Args args,
                             const std::optional<ExecValue>& final);

  // evalField, for maps and Go-typed values (go_type.h).
  ExecValue eval_field(const ExecValue& dot, const std::string& name, const Node& node, Args args,
                       const std::optional<ExecValue>& final, const ExecValue& receiver);

  // evalField for a Go-typed receiver: a method, else a field (nullopt: not a Go type).
  std::optional<ExecValue> eval_typed_field(const ExecValue& dot, const std::string& name,
                                            const Node& node, Args args,
                                            const std::optional<ExecValue>& final,
                                            const ExecValue& receiver);

  // evalCall: checks the arguments against `function`, evaluates them and calls it; a method's
  // `receiver` goes first.
  ExecValue eval_call(const ExecValue& dot, const std::string& name, const Function& function,
                      const Node& node, Args args, const std::optional<ExecValue>& final,
                      const ExecValue* receiver);

  // evalFunction and evalCall.
  ExecValue eval_function(const ExecValue& dot, const IdentifierNode& ident, const Node& cmd,
                          Args args, const std::optional<ExecValue>& final);

  // evalArg for an interface{} or reflect.Value parameter.
  ExecValue eval_arg(const ExecValue& dot, const Node& node);

  // evalArg for a parameter of a Go type: evalInteger, evalFloat, ... for literals,
  // validateType otherwise.
  ExecValue eval_typed_arg(const ExecValue& dot, const Node& node, ParamType type);

  // validateType.
  ExecValue validate_type(const ExecValue& value, ParamType type);

  static ExecValue zero_value(ParamType type);

  static std::string type_name(ParamType type);

  // printValue.
  void print_value(const Node& node, const ExecValue& value);

  const Executor& executor_;
  const TreeSet& set_;
  const Tree* tree_ = nullptr;
  int depth_;
  std::size_t& written_;
  std::string own_out_;
  std::string* out_ = &own_out_;  // own_out_, or the output of the template that called this one
  std::vector<Variable> vars_;
  const Node* at_ = nullptr;
};

}  // namespace chartmirror::charts::tmpl
