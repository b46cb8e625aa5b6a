// charts/template/executor.h — executes parsed templates with Go's text/template semantics
// (text/template/exec.go and funcs.go): output, truth, variables, field chains on maps,
// if/with/range/template/block, break/continue, the builtins, and Go's errors:
//   template: FILE:LINE:COL: executing "NAME" at <NODE>: MESSAGE
// with the position of the node being evaluated (Tree::error_location) and NODE its string().
// Where Go versions differ, the default is Go 1.24+ and ExecOptions selects Go 1.23 (Helm
// 3.17): Helm runs templates with {.missing_key = MissingKey::kZero, .range_over_int = false}.
// Error texts of the builtins are Go 1.23's ("incompatible types for comparison", which Go
// 1.26 follows with the two types).
//
// Functions. A FunctionMap names what templates may call: builtin_functions() (text/template's
// own) plus whatever Sprig and Helm add. A function declares the Go types of its parameters
// (ParamType), gets its evaluated arguments and a CallContext through which it can execute
// templates of the set (Helm's include) or of another set (Helm's tpl) under the same depth
// and output limits; it returns a value or an error message, which the executor reports as Go
// does ("error calling NAME: MESSAGE").
//
// Arguments of kAny parameters: ExecValue::invalid() for a missing value (`.nokey`), a boxed
// null for the literal nil or a null read from a map or list, otherwise the value (boxed when
// read straight from a container). Go int literals arrive as ExecValue::go_int.
//
// Limits (Go has neither; its stack grows): max_depth bounds nested {{template}} calls and
// executions started by functions, counted together ("exceeded maximum template depth (N)",
// Go's text, whose N is 100000); Helm's include keeps its own per-name limit on top.
// max_output bounds the bytes one execute() writes, includes counted again when their result
// is printed.
//
// Go objects with methods (Helm's .Files, .Capabilities, .Chart) are maps tagged with their
// type (go_type.h); ExecOptions::go_types gives their methods. {{range}} over a map iterates
// over a snapshot of its entries (Go 1.23's fmtsort.Sort), so the body may `set` or `unset`
// the map it ranges over and still sees every entry as it was.
//
// Not modelled: pointers, complex numbers ({{1i}} is an error), uint values, the capacity of lists
// (`slice` may reach past the length of a Go slice up to its capacity; here the capacity is the
// length), and `call`.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/ast.h"
#include "charts/template/error.h"
#include "charts/template/exec_value.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl {

// Go's Option("missingkey=..."): what a field or index of a map yields for a missing key.
enum class MissingKey {
  kInvalid,  // "default"/"invalid": no value, printed "<no value>"; `.a.b` on it is no value too
  kZero,     // "zero": the map's zero value, a nil interface{} — what Helm sets when not strict,
             // so `.Values.nokey.x` fails with "nil pointer evaluating interface {}.x"
  kError,    // "error": `map has no entry for key "k"` (Helm's --strict)
};

struct GoType;
// Type name → type (go_type.h).
using GoTypes = std::map<std::string, GoType, std::less<>>;

struct ExecOptions {
  MissingKey missing_key = MissingKey::kInvalid;
  // {{range 5}} (Go 1.24+). Go 1.23, the Go of Helm 3.17, has no range over integers and fails
  // with "range can't iterate over 5": false reproduces that.
  bool range_over_int = true;
  int max_depth = 1000;                // nested template executions
  std::size_t max_output = 64U << 20;  // bytes one execute() may write
  const GoTypes* go_types = nullptr;   // methods of Go-typed values; not owned
};

// What a function can do with the execution that calls it.
class CallContext {
 public:
  CallContext() = default;
  CallContext(const CallContext&) = delete;
  CallContext& operator=(const CallContext&) = delete;
  CallContext(CallContext&&) = delete;
  CallContext& operator=(CallContext&&) = delete;
  virtual ~CallContext() = default;

  // The templates of the running execution.
  [[nodiscard]] virtual const TreeSet& templates() const = 0;
  // How many template executions enclose the call (0 in the top-level template).
  [[nodiscard]] virtual int depth() const = 0;
  // Executes template `name` of `set` with `data` as dot, one level deeper than the caller, and
  // returns what it wrote; the error is that execution's own (Go's ExecuteTemplate).
  [[nodiscard]] virtual Result<std::string, TemplateError> execute_template(
      const TreeSet& set, std::string_view name, const ExecValue& data) = 0;
};

// The Go type of a fixed parameter, which decides how the executor evaluates its argument, as
// Go's evalArg does: literals must fit ("expected integer; found 1.5"), other values must have
// exactly that type ("wrong type for value; expected int; got float64" — values from YAML are
// float64, and int64 is not int), a missing value is an error ("invalid value; expected int")
// except for lists and maps, which get an empty one (Go's nil slice or map).
enum class ParamType {
  kAny,      // interface{} or reflect.Value: anything, as evaluated
  kString,   // string
  kInt,      // int: ExecValue::go_int
  kFloat64,  // float64
  kBool,     // bool
  kList,     // []interface{}
  kMap,      // map[string]interface{}
};

using FunctionResult = Result<ExecValue, std::string>;

struct Function {
  // The fixed parameters; a variadic function takes any number of kAny after them.
  std::vector<ParamType> params;
  bool variadic = false;
  std::function<FunctionResult(CallContext& context, std::vector<ExecValue>& args)> call;
  // and/or: arguments are evaluated one by one and the first deciding one is returned.
  enum class Special { kNone, kAnd, kOr } special = Special::kNone;
};

using FunctionMap = std::map<std::string, Function, std::less<>>;

// text/template's builtins: and or not len index slice print printf println eq ne lt le gt ge
// html js urlquery (call fails: "call is not supported").
[[nodiscard]] const FunctionMap& builtin_functions();

// Executes templates of one set. Not thread-safe; create one per rendering thread.
class Executor {
 public:
  // `set` and `functions` are not owned and must outlive the executor.
  Executor(const TreeSet& set, const FunctionMap& functions, ExecOptions options = {});

  // Go's ExecuteTemplate(out, name, data): the output of template `name` run on `data`.
  [[nodiscard]] Result<std::string, TemplateError> execute(std::string_view name,
                                                           const ExecValue& data);

 private:
  class Run;
  friend class Run;

  const TreeSet& set_;
  const FunctionMap& functions_;
  ExecOptions options_;
};

}  // namespace chartmirror::charts::tmpl
