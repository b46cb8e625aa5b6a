#include "charts/engine/functions.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "charts/engine/exec_errors.h"
#include "charts/golang/quote.h"
#include "charts/template/go_type.h"
#include "charts/template/sprig.h"
#include "charts/values/json.h"
#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"

namespace chartmirror::charts::engine {
namespace {

using tmpl::CallContext;
using tmpl::ExecValue;
using tmpl::Function;
using tmpl::FunctionResult;
using tmpl::ParamType;
using values::Value;
using Args = std::vector<ExecValue>;
using Call = std::function<FunctionResult(CallContext&, Args&)>;

constexpr std::string_view kYamlPrefix = "error unmarshaling JSON: while decoding JSON: ";

// Helm's include limit (engine.go recursionMaxNums).
constexpr int kMaxIncludeNesting = 1000;

Function fixed(std::vector<ParamType> params, Call call) {
  return Function{.params = std::move(params), .variadic = false, .call = std::move(call)};
}

std::string helm_error(std::string_view message) {
  std::string out(kHelmErrStart);
  out += message;
  out += kHelmErrEnd;
  return out;
}

// What Helm's encoders see of an argument.
Value value_of(const ExecValue& v) {
  return v.is_nil() ? Value() : tmpl::without_go_types(v.value());
}

// Go's yaml.Unmarshal / json.Unmarshal into a map (fromYaml, fromJson: "Error" holds the
// error) or a list (the Array forms: the error text is the only element); sigs.k8s.io/yaml
// words type errors with `yaml_prefix`.
ExecValue unmarshal(Result<Value, Error> parsed, bool into_list, std::string_view yaml_prefix) {
  const Value::Kind want = into_list ? Value::Kind::kList : Value::Kind::kMap;
  if (parsed.ok() && (parsed->kind() == want || parsed->is_null())) {
    if (!parsed->is_null()) return ExecValue(*std::move(parsed));
    return ExecValue(into_list ? Value(Value::List{}) : Value(Value::Map{}));
  }
  std::string message;
  if (parsed.ok()) {
    message = yaml_prefix;
    message += "json: cannot unmarshal ";
    message += json_type_name(*parsed);
    message += into_list ? " into Go value of type []interface {}"
                         : " into Go value of type map[string]interface {}";
  } else {
    message = parsed.error().message;
  }
  if (into_list) return ExecValue(Value::list({Value(message)}));
  return ExecValue(Value::map({{"Error", Value(message)}}));
}

// BurntSushi/toml's encoder for the common shapes: keys sorted, scalars first, then tables.
bool toml_scalar(const Value& v, std::string& out) {
  switch (v.kind()) {
    case Value::Kind::kBool:
      out += v.as_bool() ? "true" : "false";
      return true;
    case Value::Kind::kInt:
      out += std::to_string(v.as_int());
      return true;
    case Value::Kind::kFloat:
      out += values::format_go(v);
      return true;
    case Value::Kind::kString:
      out += go::quote(v.as_string());
      return true;
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const Value& item : v.as_list()) {
        if (!first) out += ", ";
        first = false;
        if (!toml_scalar(item, out)) return false;
      }
      out += ']';
      return true;
    }
    default:
      return false;
  }
}

// Keys of a table at `depth` are indented two spaces a level, its header one level less.
bool toml_table(const Value& map, const std::string& prefix, std::size_t depth, std::string& out) {
  const std::string indent(2 * depth, ' ');
  for (const auto& [key, item] : map.as_map()) {
    if (item.is_map() || item.is_null()) continue;
    out += indent + key + " = ";
    if (!toml_scalar(item, out)) return false;
    out += '\n';
  }
  for (const auto& [key, item] : map.as_map()) {
    if (!item.is_map()) continue;
    std::string name = prefix;
    if (!name.empty()) name += '.';
    name += key;
    out += '\n';
    out += indent;
    out += '[';
    out += name;
    out += "]\n";
    if (!toml_table(item, name, depth + 1, out)) return false;
  }
  return true;
}

FunctionResult include(CallContext& context, Args& args,
                       const std::shared_ptr<std::map<std::string, int>>& nesting) {
  const std::string& name = args[0].value().as_string();
  if (context.templates().find(name) == context.templates().end()) {
    // Go's ExecuteTemplate on Helm's template set, which is named "gotpl".
    return "template: no template " + go::quote(name) + " associated with template \"gotpl\"";
  }
  int& count = (*nesting)[name];
  if (count > kMaxIncludeNesting) {
    return "rendering template has a nested reference name: " + name +
           ": unable to execute template";
  }
  ++count;
  auto out = context.execute_template(context.templates(), name, args[1]);
  --(*nesting)[name];
  if (!out.ok()) return out.error().describe();
  return ExecValue(Value(*std::move(out)));
}

FunctionResult tpl(CallContext& context, Args& args, const tmpl::FunctionNames& names) {
  const std::string& text = args[0].value().as_string();
  const tmpl::ParseOptions options{.functions = &names};
  auto parsed = tmpl::parse("gotpl", text, options);
  if (!parsed.ok()) {
    return "cannot parse template " + go::quote(text) + ": " + parsed.error().describe();
  }
  tmpl::TreeSet set = context.templates();
  for (auto& [name, tree] : *parsed) tmpl::add_tree(set, tree);
  // Go executes the template object Parse returned, whose tree is the text's own even when
  // that is empty and the set keeps an older "gotpl" (an enclosing tpl's): tpl "" is "".
  const auto own = parsed->find("gotpl");
  if (own != parsed->end()) set.insert_or_assign("gotpl", own->second);
  auto out = context.execute_template(set, "gotpl", args[1]);
  if (!out.ok()) {
    return "error during tpl function execution for " + go::quote(text) + ": " +
           out.error().describe();
  }
  std::string result = *std::move(out);
  remove_no_value(result);
  return ExecValue(Value(std::move(result)));
}

}  // namespace

tmpl::FunctionMap helm_functions(tmpl::FunctionNames& names,
                                 tmpl::sprig::RsaKeyPool* rsa_2048_keys) {
  tmpl::FunctionMap m = tmpl::builtin_functions();
  tmpl::add_sprig_functions(m, rsa_2048_keys);
  m.erase("env");
  m.erase("expandenv");
  using P = ParamType;
  m["toYaml"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(values::to_yaml(value_of(a[0]))));
  });
  m["mustToYaml"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto out = values::marshal_yaml(value_of(a[0]));
    if (!out.ok()) return out.error().message;
    std::string text = *std::move(out);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return ExecValue(Value(std::move(text)));
  });
  m["fromYaml"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return unmarshal(values::parse_yaml(a[0].value().as_string(), "fromYaml"), false, kYamlPrefix);
  });
  m["fromYamlArray"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return unmarshal(values::parse_yaml(a[0].value().as_string(), "fromYamlArray"), true,
                     kYamlPrefix);
  });
  m["fromJson"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return unmarshal(values::parse_json(a[0].value().as_string(), "fromJson"), false, "");
  });
  m["fromJsonArray"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return unmarshal(values::parse_json(a[0].value().as_string(), "fromJsonArray"), true, "");
  });
  m["toJson"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto out = values::to_json(value_of(a[0]));
    return ExecValue(Value(out.ok() ? *std::move(out) : std::string()));
  });
  m["mustToJson"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto out = values::to_json(value_of(a[0]));
    if (!out.ok()) return out.error().message;
    return ExecValue(Value(*std::move(out)));
  });
  m["toToml"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::string out;
    const Value v = value_of(a[0]);
    if (!v.is_map() || !toml_table(v, "", 0, out)) out.clear();
    return ExecValue(Value(std::move(out)));
  });
  auto nesting = std::make_shared<std::map<std::string, int>>();
  m["include"] = fixed({P::kString, P::kAny}, [nesting](CallContext& context, Args& a) {
    return include(context, a, nesting);
  });
  m["tpl"] = fixed({P::kString, P::kAny},
                   [&names](CallContext& context, Args& a) { return tpl(context, a, names); });
  m["required"] = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const ExecValue& v = a[1];
    if (v.is_nil() || (v.value().is_string() && v.value().as_string().empty())) {
      return helm_error(a[0].value().as_string());
    }
    return v;
  });
  m["fail"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return helm_error(a[0].value().as_string());
  });
  m["lookup"] =
      fixed({P::kString, P::kString, P::kString, P::kString},
            [](CallContext&, Args&) -> FunctionResult { return ExecValue(Value(Value::Map{})); });
  m["getHostByName"] = fixed(
      {P::kString}, [](CallContext&, Args&) -> FunctionResult { return ExecValue(Value("")); });
  names.clear();
  for (const auto& entry : m) names.insert(entry.first);
  return m;
}

}  // namespace chartmirror::charts::engine
