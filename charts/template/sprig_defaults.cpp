// Sprig's defaults.go: default empty coalesce all any ternary and the JSON functions.
#include <string>
#include <string_view>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/values/json.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// What a function declared to return interface{} gives back: the value itself (the executor
// unwraps it), and Go's nil interface for nil.
ExecValue interface_result(const ExecValue& v) {
  if (v.is_nil()) return ExecValue::boxed(Value());
  return v;
}

// json.Marshal of an argument; a missing value or nil is "null".
Result<std::string, GoError> marshal(const ExecValue& v) {
  auto out = values::to_json(v.is_nil() ? Value() : v.value());
  if (!out.ok()) return GoError{out.error().message};
  return *out;
}

// json.Indent(dst, compact, "", "  "), which is what MarshalIndent does after Marshal: empty
// objects and arrays stay "{}" and "[]".
std::string indent_json(std::string_view compact) {
  std::string out;
  int depth = 0;
  auto newline = [&out](int d) {
    out += '\n';
    out.append(static_cast<std::size_t>(d) * 2, ' ');
  };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        const std::size_t start = i;
        for (++i; i < compact.size() && compact[i] != '"'; ++i) {
          if (compact[i] == '\\') ++i;
        }
        out.append(compact.substr(start, i - start + 1));
        break;
      }
      case '{':
      case '[':
        out += c;
        if (i + 1 < compact.size() && (compact[i + 1] == '}' || compact[i + 1] == ']')) {
          out += compact[++i];
        } else {
          newline(++depth);
        }
        break;
      case '}':
      case ']':
        newline(--depth);
        out += c;
        break;
      case ',':
        out += c;
        newline(depth);
        break;
      case ':':
        out += ": ";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// An Encoder with SetEscapeHTML(false): Marshal's output with its \u003c \u003e \u0026
// escapes of '<', '>' and '&' inside strings written back as the characters.
std::string unescape_html(std::string_view json) {
  std::string out;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != '\\' || i + 1 >= json.size()) {
      out += json[i];
      continue;
    }
    const std::string_view escape = json.substr(i, 6);
    if (escape == "\\u003c") {
      out += '<';
    } else if (escape == "\\u003e") {
      out += '>';
    } else if (escape == "\\u0026") {
      out += '&';
    } else {
      out.append(json.substr(i, 2));
      ++i;
      continue;
    }
    i += 5;
  }
  return out;
}

FunctionResult from_json(const std::string& text) {
  auto parsed = values::parse_json(text, "fromJson");
  if (!parsed.ok()) {
    const std::string& message = parsed.error().message;
    if (message.find("unexpected end of input") != std::string::npos) {
      return std::string("unexpected end of JSON input");
    }
    return message;
  }
  return interface_result(ExecValue::boxed(*parsed));
}

FunctionResult string_result(Result<std::string, GoError> r) {
  if (!r.ok()) return r.error().message;
  return ExecValue(Value(std::move(*r)));
}

}  // namespace

void add_defaults(FunctionMap& m) {
  using P = ParamType;
  m["default"] = variadic({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    if (a.size() < 2 || empty(a[1])) return interface_result(a[0]);
    return interface_result(a[1]);
  });
  m["empty"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(empty(a[0])));
  });
  m["coalesce"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    for (const ExecValue& v : a) {
      if (!empty(v)) return interface_result(v);
    }
    return ExecValue::boxed(Value());
  });
  m["all"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    for (const ExecValue& v : a) {
      if (empty(v)) return ExecValue(Value(false));
    }
    return ExecValue(Value(true));
  });
  m["any"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    for (const ExecValue& v : a) {
      if (!empty(v)) return ExecValue(Value(true));
    }
    return ExecValue(Value(false));
  });
  m["ternary"] = fixed({P::kAny, P::kAny, P::kBool}, [](CallContext&, Args& a) {
    return interface_result(a[2].value().as_bool() ? a[0] : a[1]);
  });
  // fromJson swallows the error and returns nil; Helm replaces it with its own.
  m["fromJson"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = from_json(a[0].value().as_string());
    if (!r.ok()) return ExecValue::boxed(Value());
    return r;
  });
  m["mustFromJson"] = fixed(
      {P::kString}, [](CallContext&, Args& a) { return from_json(a[0].value().as_string()); });
  m["toJson"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = marshal(a[0]);
    return ExecValue(Value(r.ok() ? *r : std::string()));
  });
  m["mustToJson"] =
      fixed({P::kAny}, [](CallContext&, Args& a) { return string_result(marshal(a[0])); });
  m["toPrettyJson"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = marshal(a[0]);
    return ExecValue(Value(r.ok() ? indent_json(*r) : std::string()));
  });
  m["mustToPrettyJson"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = marshal(a[0]);
    if (!r.ok()) return r.error().message;
    return ExecValue(Value(indent_json(*r)));
  });
  // toRawJson panics on an error, which text/template reports like a returned error.
  auto raw = [](CallContext&, Args& a) -> FunctionResult {
    auto r = marshal(a[0]);
    if (!r.ok()) return r.error().message;
    return ExecValue(Value(unescape_html(*r)));
  };
  m["toRawJson"] = fixed({P::kAny}, raw);
  m["mustToRawJson"] = fixed({P::kAny}, raw);
  // fail returns its message as the call's error; hello is Sprig's smoke test.
  m["fail"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return a[0].value().as_string();
  });
  m["hello"] = fixed(
      {}, [](CallContext&, Args&) -> FunctionResult { return ExecValue(values::Value("Hello!")); });
}

}  // namespace chartmirror::charts::tmpl::sprig
