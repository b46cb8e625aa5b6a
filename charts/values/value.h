// charts/values/value.h — the dynamic value Helm's Go code sees.
//
// Helm reads values files with sigs.k8s.io/yaml and `--set` with pkg/strvals; what comes out is
// Go's `interface{}` holding one of: nil, bool, int64 (only from --set), float64 (every number
// read from YAML or JSON), string, []interface{} and map[string]interface{}. Value is that, as a
// C++ value type. It is also the value type of the template engine, so it says nothing about
// where a value came from.
//
// Representation, and why:
//   - scalars are held inline in a std::variant; a string is a std::string.
//   - lists and maps are held behind a std::shared_ptr and copied on write. Copying a Value is
//     O(1) (templates pass `.Values` and its sub-trees around constantly), moving is a pointer
//     move, and the type still has value semantics: changing a copy never changes the
//     original. A mutable accessor (`as_list()`, `as_map()`, `operator[]`) first clones the
//     list or map if another Value shares it. Copies may be read from several threads at once;
//     one Value must not be mutated by one thread while another reads that same Value.
//   - Go maps are references, and Helm depends on that in a few places (coalescing globals
//     shares nested maps between charts). Where Helm's result depends on aliasing, the code
//     that emulates it models the sharing explicitly (see coalesce.cpp). Value aliases only
//     through shared_map(), which the template functions that mutate maps use.
//   - maps are std::map, so iteration is in Go's printing order (keys sorted bytewise), the
//     order of `toYaml`, `toJson` and `%v`.
//
// Equality is Go's reflect.DeepEqual on these types: kinds must match (int64 1 != float64 1),
// floats compare with == (so NaN != NaN), lists element-wise, maps key- and value-wise.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace chartmirror::charts::values {

class Value {
 public:
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap };

  using List = std::vector<Value>;
  using Map = std::map<std::string, Value, std::less<>>;

  Value() = default;                                                    // null
  Value(std::nullptr_t) {}                                              // NOLINT: null
  Value(bool b) : data_(b) {}                                           // NOLINT
  Value(std::int64_t i) : data_(i) {}                                   // NOLINT
  Value(int i) : data_(static_cast<std::int64_t>(i)) {}                 // NOLINT
  Value(double f) : data_(f) {}                                         // NOLINT
  Value(std::string s) : data_(std::move(s)) {}                         // NOLINT
  Value(std::string_view s) : data_(std::string(s)) {}                  // NOLINT
  Value(const char* s) : data_(std::string(s)) {}                       // NOLINT
  Value(List list) : data_(std::make_shared<List>(std::move(list))) {}  // NOLINT
  Value(Map map) : data_(std::make_shared<Map>(std::move(map))) {}      // NOLINT

  // Builders that read well in tests and tables:
  //   Value::map({{"a", 1}, {"b", Value::list({"x", nullptr})}})
  [[nodiscard]] static Value list(std::initializer_list<Value> items) { return List(items); }
  [[nodiscard]] static Value map(std::initializer_list<std::pair<const std::string, Value>> items) {
    return Map(items);
  }

  [[nodiscard]] Kind kind() const { return static_cast<Kind>(data_.index()); }
  [[nodiscard]] bool is_null() const { return kind() == Kind::kNull; }
  [[nodiscard]] bool is_bool() const { return kind() == Kind::kBool; }
  [[nodiscard]] bool is_int() const { return kind() == Kind::kInt; }
  [[nodiscard]] bool is_float() const { return kind() == Kind::kFloat; }
  [[nodiscard]] bool is_number() const { return is_int() || is_float(); }
  [[nodiscard]] bool is_string() const { return kind() == Kind::kString; }
  [[nodiscard]] bool is_list() const { return kind() == Kind::kList; }
  [[nodiscard]] bool is_map() const { return kind() == Kind::kMap; }

  // Accessors. Asking for another kind than the value has is a programming error and aborts
  // (check kind() first), the way Result::value() does.
  [[nodiscard]] bool as_bool() const;
  [[nodiscard]] std::int64_t as_int() const;
  [[nodiscard]] double as_float() const;
  // int64 or float64 as a double (int64 beyond 2^53 rounds).
  [[nodiscard]] double as_number() const;
  [[nodiscard]] const std::string& as_string() const;
  [[nodiscard]] const List& as_list() const;
  [[nodiscard]] const Map& as_map() const;
  // Mutable access: clones a shared list or map first (copy on write).
  [[nodiscard]] List& as_list();
  [[nodiscard]] Map& as_map();

  // Go's map reference semantics, for the few template functions whose point is to change a
  // map in place (Sprig's set, unset, merge, mergeOverwrite: `$_ := set $d "k" 1` changes $d):
  // the map this Value holds, changed without copy on write, so every copy of this Value sees
  // the change, as every holder of a Go map does. Code that must not see such changes works
  // on a deep_copy(). A value of another kind aborts.
  [[nodiscard]] Map& shared_map() const;
  // A copy that shares no list or map with this value (copystructure.Copy).
  [[nodiscard]] Value deep_copy() const;

  // The entry `key` of a map, inserting null when absent. Turns a null Value into an empty map
  // first; any other kind aborts.
  Value& operator[](std::string_view key);

  // The entry `key` of a map; nullptr when absent or when this is not a map.
  [[nodiscard]] const Value* find(std::string_view key) const;
  // The value at a '.'-separated path of map keys ("image.tag"), the way Helm splits paths
  // (strings.Split, no escaping); nullptr when a step is missing or not a map. The empty path
  // names this value.
  [[nodiscard]] const Value* find_path(std::string_view dotted) const;
  [[nodiscard]] const Value* find_path(const std::vector<std::string>& path) const;

  // The number of list elements or map entries; 0 for every other kind.
  [[nodiscard]] std::size_t size() const;

  friend bool operator==(const Value& a, const Value& b);

 private:
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                            std::shared_ptr<List>, std::shared_ptr<Map>>;

  Data data_;
};

// Go's type name of the value, as `%T` prints it: "<nil>", "bool", "int64", "float64",
// "string", "[]interface {}", "map[string]interface {}".
[[nodiscard]] std::string go_type_name(const Value& value);

// The value as Go's fmt `%v` prints it: <nil>, true, 42, 1e+06, text, [a b], map[k:v].
// (Floats are strconv.FormatFloat(f, 'g', -1, 64): charts/golang/format_float.h.)
[[nodiscard]] std::string format_go(const Value& value);

// Splits a Helm values path on '.', keeping empty components ("a..b" has three).
[[nodiscard]] std::vector<std::string> split_path(std::string_view dotted);

}  // namespace chartmirror::charts::values
