// text/template's builtin functions (text/template/funcs.go), on ExecValues. Error texts are
// Go 1.23's (Helm 3.17), which the tests check against helm itself.
#include <cstdint>
#include <string>

#include "charts/template/executor.h"
#include "charts/template/go_fmt.h"
#include "charts/template/go_strconv.h"
#include "charts/template/go_type.h"

namespace chartmirror::charts::tmpl {
namespace {

using values::Value;
using Args = std::vector<ExecValue>;

// Go's basicKind classes.
enum class Basic { kInvalid, kBool, kInt, kFloat, kString };

Basic basic_kind(const ExecValue& v) {
  switch (v.value().kind()) {
    case Value::Kind::kBool:
      return Basic::kBool;
    case Value::Kind::kInt:
      return Basic::kInt;
    case Value::Kind::kFloat:
      return Basic::kFloat;
    case Value::Kind::kString:
      return Basic::kString;
    default:
      return Basic::kInvalid;
  }
}

const std::string kBadComparisonType = "invalid type for comparison";
const std::string kBadComparison = "incompatible types for comparison";

// eq: arg1 == arg2 || arg1 == arg3 || ...
FunctionResult eq(const Args& args) {
  const ExecValue a = args[0].unboxed();
  if (args.size() == 1) return std::string("missing argument for comparison");
  const Basic k1 = basic_kind(a);
  for (size_t i = 1; i < args.size(); ++i) {
    const ExecValue b = args[i].unboxed();
    const Basic k2 = basic_kind(b);
    bool truth = false;
    if (k1 != k2) {
      if (a.is_valid() && b.is_valid()) return kBadComparison;
    } else {
      const Value& x = a.value();
      const Value& y = b.value();
      switch (k1) {
        case Basic::kBool:
          truth = x.as_bool() == y.as_bool();
          break;
        case Basic::kInt:
          truth = x.as_int() == y.as_int();
          break;
        case Basic::kFloat:
          truth = x.as_float() == y.as_float();
          break;
        case Basic::kString:
          truth = x.as_string() == y.as_string();
          break;
        case Basic::kInvalid:
          // Go-typed structs (Sprig's time.Time) compare field by field, as Go's == does.
          if (const std::string* type = go_type_of(x)) {
            const std::string* other = go_type_of(y);
            if (other != nullptr && *other == *type) {
              truth = x == y;
              break;
            }
          }
          if (a.is_valid() && b.is_valid() && x.kind() != y.kind()) {
            return go::sprintf("non-comparable types %s: %v, %s: %v",
                               {a, Value(a.type_name()), Value(b.type_name()), b});
          }
          if (!a.is_valid() || !b.is_valid()) {
            truth = a.is_valid() == b.is_valid();
          } else {
            return go::sprintf("non-comparable type %s: %v", {b, Value(b.type_name())});
          }
      }
    }
    if (truth) return ExecValue(Value(true));
  }
  return ExecValue(Value(false));
}

Result<bool, std::string> lt(const ExecValue& arg1, const ExecValue& arg2) {
  const ExecValue a = arg1.unboxed();
  const ExecValue b = arg2.unboxed();
  const Basic k1 = basic_kind(a);
  if (k1 == Basic::kInvalid) return kBadComparisonType;
  const Basic k2 = basic_kind(b);
  if (k2 == Basic::kInvalid) return kBadComparisonType;
  if (k1 != k2) return kBadComparison;
  switch (k1) {
    case Basic::kFloat:
      return a.value().as_float() < b.value().as_float();
    case Basic::kInt:
      return a.value().as_int() < b.value().as_int();
    case Basic::kString:
      return a.value().as_string() < b.value().as_string();
    default:
      return kBadComparisonType;
  }
}

Result<bool, std::string> eq_bool(const ExecValue& a, const ExecValue& b) {
  FunctionResult r = eq({a, b});
  if (!r.ok()) return r.error();
  return r->value().as_bool();
}

FunctionResult to_value(const Result<bool, std::string>& r) {
  if (!r.ok()) return r.error();
  return ExecValue(Value(*r));
}

FunctionResult length(const ExecValue& item) {
  // A null read from a map or list is still a nil interface{} here (arguments are not
  // unwrapped as pipeline results are): Go's indirect() finds it nil.
  if (item.is_boxed() && item.is_nil()) return std::string("len of nil pointer");
  const ExecValue v = item.unboxed();
  switch (v.kind()) {
    case ExecValue::Kind::kInvalid:
      // Go 1.23 reaches item.Type() on the zero Value; safeCall turns the panic into this.
      return std::string("reflect: call of reflect.Value.Type on zero Value");
    case ExecValue::Kind::kString:
      return ExecValue::go_int(static_cast<int64_t>(v.value().as_string().size()));
    case ExecValue::Kind::kList:
      return ExecValue::go_int(static_cast<int64_t>(v.value().size()));
    case ExecValue::Kind::kMap: {
      // A Go-typed value's type marker is not an element (go_type.h).
      const bool typed = go_type_of(v.value()) != nullptr;
      return ExecValue::go_int(static_cast<int64_t>(v.value().size() - (typed ? 1 : 0)));
    }
    default:
      return "len of type " + v.type_name();
  }
}

// indexArg.
Result<int64_t, std::string> index_arg(const ExecValue& index, size_t cap) {
  const ExecValue v = index.unboxed();
  if (!v.is_valid()) return std::string("cannot index slice/array with nil");
  if (!v.value().is_int()) return "cannot index slice/array with type " + v.type_name();
  const int64_t x = v.value().as_int();
  if (x < 0 || static_cast<uint64_t>(x) > cap) return "index out of range: " + std::to_string(x);
  return x;
}

FunctionResult index(const Args& args) {
  ExecValue item = args[0].unboxed();
  if (!item.is_valid()) return std::string("index of untyped nil");
  for (size_t i = 1; i < args.size(); ++i) {
    if (item.is_nil()) return std::string("index of nil pointer");
    const Value& v = item.value();
    if (v.is_list() || v.is_string()) {
      const size_t size = v.is_list() ? v.size() : v.as_string().size();
      auto x = index_arg(args[i], size);
      if (!x.ok()) return x.error();
      const auto at = static_cast<size_t>(*x);
      if (at == size) {
        // reflect's Index panics; safeCall reports the panic.
        return std::string(v.is_list() ? "reflect: slice index out of range"
                                       : "reflect: string index out of range");
      }
      item = v.is_list() ? ExecValue::boxed(v.as_list()[at])
                         : ExecValue::go_int(static_cast<unsigned char>(v.as_string()[at]));
    } else if (v.is_map()) {
      const ExecValue key = args[i].unboxed();
      if (!key.is_valid()) return std::string("value is nil; should be of type string");
      if (!key.value().is_string()) {
        return "value has type " + key.type_name() + "; should be string";
      }
      const Value* found = v.find(key.value().as_string());
      item = ExecValue::boxed(found == nullptr ? Value() : *found);
    } else {
      return "can't index item of type " + item.type_name();
    }
  }
  return item;
}

FunctionResult slice(const Args& args) {
  const ExecValue item = args[0].unboxed();
  if (!item.is_valid()) return std::string("slice of untyped nil");
  const size_t count = args.size() - 1;
  if (count > 3) return "too many slice indexes: " + std::to_string(count);
  const Value& v = item.value();
  size_t cap = 0;
  if (v.is_string()) {
    if (count == 3) return std::string("cannot 3-index slice a string");
    cap = v.as_string().size();
  } else if (v.is_list()) {
    cap = v.size();  // a []interface{} of Helm's has no spare capacity we could know of
  } else {
    return "can't slice item of type " + item.type_name();
  }
  int64_t idx[3] = {0, static_cast<int64_t>(cap), 0};
  for (size_t i = 0; i < count; ++i) {
    auto x = index_arg(args[i + 1], cap);
    if (!x.ok()) return x.error();
    idx[i] = *x;
  }
  if (idx[0] > idx[1]) {
    return "invalid slice index: " + std::to_string(idx[0]) + " > " + std::to_string(idx[1]);
  }
  if (count == 3 && idx[1] > idx[2]) {
    return "invalid slice index: " + std::to_string(idx[1]) + " > " + std::to_string(idx[2]);
  }
  const auto from = static_cast<size_t>(idx[0]);
  const auto to = static_cast<size_t>(idx[1]);
  if (v.is_string()) return ExecValue(Value(v.as_string().substr(from, to - from)));
  const Value::List& list = v.as_list();
  return ExecValue(Value(Value::List(list.begin() + static_cast<std::ptrdiff_t>(from),
                                     list.begin() + static_cast<std::ptrdiff_t>(to))));
}

// evalArgs: the one string argument, or the arguments printed with fmt.Sprint (a missing value
// as "<no value>").
std::string eval_args(const Args& args) {
  if (args.size() == 1 && args[0].value().is_string()) return args[0].value().as_string();
  Args printable = args;
  for (ExecValue& arg : printable) {
    if (arg.is_nil()) arg = ExecValue(Value("<no value>"));
  }
  return go::sprint(printable);
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '\0':
        out += "\xEF\xBF\xBD";
        break;
      case '"':
        out += "&#34;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string js_escape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  while (!s.empty()) {
    const auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\'':
          out += "\\'";
          break;
        case '"':
          out += "\\\"";
          break;
        case '<':
          out += "\\u003C";
          break;
        case '>':
          out += "\\u003E";
          break;
        case '&':
          out += "\\u0026";
          break;
        case '=':
          out += "\\u003D";
          break;
        default:
          if (c < ' ') {
            out += "\\u00";
            out += kHex[c >> 4U];
            out += kHex[c & 0xFU];
          } else {
            out += static_cast<char>(c);
          }
      }
      s.remove_prefix(1);
      continue;
    }
    const go::DecodedRune r = go::decode_rune(s);
    if (go::is_print(r.rune)) {
      out += s.substr(0, static_cast<size_t>(r.width));
    } else {
      char buf[16];
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(r.rune));
      out += buf;
    }
    s.remove_prefix(static_cast<size_t>(r.width));
  }
  return out;
}

// url.QueryEscape.
std::string query_escape(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
    }
  }
  return out;
}

Function fixed(std::vector<ParamType> params,
               std::function<FunctionResult(CallContext&, Args&)> call) {
  return Function{.params = std::move(params), .variadic = false, .call = std::move(call)};
}
Function variadic(std::vector<ParamType> params,
                  std::function<FunctionResult(CallContext&, Args&)> call) {
  return Function{.params = std::move(params), .variadic = true, .call = std::move(call)};
}

FunctionMap make_builtins() {
  using P = ParamType;
  FunctionMap m;
  Function and_fn = variadic({P::kAny}, nullptr);
  and_fn.special = Function::Special::kAnd;
  m["and"] = and_fn;
  Function or_fn = variadic({P::kAny}, nullptr);
  or_fn.special = Function::Special::kOr;
  m["or"] = or_fn;
  m["call"] = variadic({P::kAny}, [](CallContext&, Args&) -> FunctionResult {
    return std::string("call is not supported");
  });
  m["not"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(!is_true(a[0])));
  });
  m["len"] = fixed({P::kAny}, [](CallContext&, Args& a) { return length(a[0]); });
  m["index"] = variadic({P::kAny}, [](CallContext&, Args& a) { return index(a); });
  m["slice"] = variadic({P::kAny}, [](CallContext&, Args& a) { return slice(a); });
  m["print"] = variadic(
      {}, [](CallContext&, Args& a) -> FunctionResult { return ExecValue(Value(go::sprint(a))); });
  m["println"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(go::sprintln(a)));
  });
  m["printf"] = variadic({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string format = a[0].value().as_string();
    return ExecValue(Value(go::sprintf(format, Args(a.begin() + 1, a.end()))));
  });
  m["eq"] = variadic({P::kAny}, [](CallContext&, Args& a) { return eq(a); });
  m["ne"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = eq_bool(a[0], a[1]);
    if (!r.ok()) return r.error();
    return ExecValue(Value(!*r));
  });
  m["lt"] =
      fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) { return to_value(lt(a[0], a[1])); });
  m["le"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = lt(a[0], a[1]);
    if (!r.ok() || *r) return to_value(r);
    return to_value(eq_bool(a[0], a[1]));
  });
  m["gt"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = lt(a[0], a[1]);
    if (!r.ok()) return r.error();
    if (*r) return ExecValue(Value(false));
    auto e = eq_bool(a[0], a[1]);
    if (!e.ok()) return e.error();
    return ExecValue(Value(!*e));
  });
  m["ge"] = fixed({P::kAny, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = lt(a[0], a[1]);
    if (!r.ok()) return r.error();
    return ExecValue(Value(!*r));
  });
  m["html"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(html_escape(eval_args(a))));
  });
  m["js"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(js_escape(eval_args(a))));
  });
  m["urlquery"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(query_escape(eval_args(a))));
  });
  return m;
}

}  // namespace

const FunctionMap& builtin_functions() {
  static const FunctionMap kBuiltins = make_builtins();
  return kBuiltins;
}

}  // namespace chartmirror::charts::tmpl
