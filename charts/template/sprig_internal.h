// charts/template/sprig_internal.h — helpers shared by the sprig_*.cpp families.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/template/exec_value.h"
#include "charts/template/executor.h"

namespace chartmirror::charts::tmpl::sprig {

class RsaKeyPool;  // rsa_key.h

using Args = std::vector<ExecValue>;
using Call = std::function<FunctionResult(CallContext&, Args&)>;

[[nodiscard]] inline Function fixed(std::vector<ParamType> params, Call call) {
  return Function{.params = std::move(params), .variadic = false, .call = std::move(call)};
}
[[nodiscard]] inline Function variadic(std::vector<ParamType> params, Call call) {
  return Function{.params = std::move(params), .variadic = true, .call = std::move(call)};
}

// A Go nil interface{} argument: the literal nil, a null, or a missing value.
[[nodiscard]] inline bool is_go_nil(const ExecValue& v) { return v.is_nil(); }

// Sprig's empty(): nil, false, 0, 0.0 and empty strings, lists and maps.
[[nodiscard]] bool empty(const ExecValue& value);

// Sprig's strval(): a string as is, anything else as fmt's %v (nil is "<nil>").
[[nodiscard]] std::string strval(const ExecValue& value);

// Sprig's strslice(): a list's non-nil elements through strval; nil is empty; anything else
// a one-element list of its strval.
[[nodiscard]] std::vector<std::string> strslice(const ExecValue& value);

// The text of a Go error or panic, which the function reports as its error.
struct GoError {
  std::string message;
};

// strings.Repeat, with its panic text for a negative count.
[[nodiscard]] Result<std::string, GoError> repeat(const std::string& s, std::int64_t count);

// spf13/cast v1.7.0 ToInt64 (and ToInt, the same on 64-bit Go) with the error ignored: ints
// as they are, floats truncated toward zero (NaN and out of range as amd64 converts them, to
// the minimum int64), bools 1/0, strings through strconv.ParseInt(s, 0, 64) after dropping an
// all-zero fraction ("1.00"), 0 for nil, other strings, lists and maps.
[[nodiscard]] std::int64_t to_int64(const ExecValue& value);

// cast.ToFloat64 with the error ignored; strings through strconv.ParseFloat, of which only
// the decimal syntax is supported: the other strings Go could parse ("inf", "infinity",
// "nan", hex floats) are an error here instead of a different answer.
[[nodiscard]] Result<double, GoError> to_float64(const ExecValue& value);

// base64.StdEncoding.DecodeString: the bytes, or the input offset of Go's CorruptInputError
// ("illegal base64 data at input byte N").
[[nodiscard]] Result<std::string, std::int64_t> base64_decode_go(std::string_view src);

// reflect.Kind's name of a value: "slice" for lists, "map", "int", "int64", "float64",
// "string", "bool"; "invalid" for nil.
[[nodiscard]] std::string kind_name(const ExecValue& value);

// The panic of reflect.TypeOf(nil).Kind(), which Sprig's list functions hit on nil.
inline constexpr std::string_view kNilDereference =
    "runtime error: invalid memory address or nil pointer dereference";

void add_defaults(FunctionMap& functions);
void add_strings(FunctionMap& functions);
void add_lists(FunctionMap& functions);
void add_math(FunctionMap& functions);
void add_dicts(FunctionMap& functions);
void add_encoding(FunctionMap& functions);
void add_reflect(FunctionMap& functions);
void add_dicts_mutate(FunctionMap& functions);
void add_regex(FunctionMap& functions);
void add_semver(FunctionMap& functions);
void add_case(FunctionMap& functions);
void add_paths(FunctionMap& functions);
void add_random(FunctionMap& functions);
void add_crypto(FunctionMap& functions);
void add_certs(FunctionMap& functions, RsaKeyPool* keys);
void add_float_math(FunctionMap& functions);
void add_network(FunctionMap& functions);
void add_url(FunctionMap& functions);
void add_dates(FunctionMap& functions);

}  // namespace chartmirror::charts::tmpl::sprig
