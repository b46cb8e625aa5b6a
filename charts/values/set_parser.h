// charts/values/set_parser.h — `--set` and friends, and the merge of `-f` files (Helm 3.17).
//
// The syntax is pkg/strvals's: `name=value` assignments separated by commas; a name is a
// '.'-separated path of map keys with list indexes (`a.b[0].c=x`, `a[1][0]=y`); a value may be
// a list in braces (`a={x,y}`). A backslash escapes the next character anywhere
// (`a\.b=c` is the key "a.b", `a=x\,y` the value "x,y"). The modes differ in the values:
//   kTyped   (--set)          `true`/`false`/`null` in any letter case become bool and null, a
//                             base-10 int64 not starting with '0' becomes int64 ("0" is 0,
//                             "007" stays a string, floats stay strings), anything else a
//                             string. `a=null` stores null; coalescing later deletes the key.
//   kString  (--set-string)   every value is a string.
//   kJson    (--set-json)     each value is one JSON value (numbers float64); empty is null.
//   kFile    (--set-file)     each value is a path; the file's text becomes a string.
//   kLiteral (--set-literal)  the text after the first '=' is the value, commas included; no
//                             escapes, no lists.
// Setting a path through an existing value of another kind fails as Helm does (`a=1` then
// `a.b=2`: "unable to parse key: interface conversion: interface {} is int64, not
// map[string]interface {}"). Indexes above 65536, negative indexes and names nested deeper
// than 30 levels are refused; a list grown by an index is padded with nulls.
// Error messages are strvals's, which Helm prints after "failed parsing --set data: ".
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::values {

enum class SetMode { kTyped, kString, kJson, kFile, kLiteral };

// Reads a file named on the command line (`-f`, `--set-file`) and returns its bytes.
using FileReader = std::function<Result<std::string, Error>(const std::string& path)>;

// Reads a local file; "-" is standard input. The error reads like Go's ("open PATH: no such
// file or directory"). Helm also fetches http(s) and oci URLs given to -f and --set-file;
// a caller that wants that passes its own FileReader.
[[nodiscard]] Result<std::string, Error> read_local_file(const std::string& path);

// strvals.ParseInto and its siblings: applies the assignments of `line` to `dest` (a map; a
// null `dest` becomes one). On error `dest` may hold the assignments made before it, as in
// Helm, where the whole command then fails. `read` is used by kFile only.
[[nodiscard]] Status<Error> parse_set_into(std::string_view line, Value& dest, SetMode mode,
                                           const FileReader& read = read_local_file);

// The value flags of `helm install/template`, each in command-line order.
struct ValuesOptions {
  std::vector<std::string> value_files;     // -f/--values
  std::vector<std::string> json_values;     // --set-json
  std::vector<std::string> values;          // --set
  std::vector<std::string> string_values;   // --set-string
  std::vector<std::string> file_values;     // --set-file
  std::vector<std::string> literal_values;  // --set-literal
};

// values.Options.MergeValues: the -f files merged in order (maps merged deeply, anything else
// replaced by the later file, null included), then --set-json, --set, --set-string,
// --set-file and --set-literal applied in that order, whatever their order on the command
// line. The result is the user-supplied values that coalescing then lays over the chart's.
[[nodiscard]] Result<Value, Error> merge_values_files(const ValuesOptions& options,
                                                      const FileReader& read = read_local_file);

// values.mergeMaps: `b` over `a`; where both hold a map the maps are merged, otherwise `b`'s
// value wins.
[[nodiscard]] Value merge_maps(const Value& a, const Value& b);

}  // namespace chartmirror::charts::values
