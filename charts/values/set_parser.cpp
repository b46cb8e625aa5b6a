#include "charts/values/set_parser.h"

#include <algorithm>
#include <cctype>
#include <limits>

#include "charts/golang/quote.h"
#include "charts/golang/strconv.h"
#include "charts/values/json.h"

namespace chartmirror::charts::values {
namespace {

// strvals.MaxIndex and strvals.MaxNestedNameLevel.
constexpr int kMaxIndex = 65536;
constexpr int kMaxNestedNameLevel = 30;
// Not in Helm: list indexes nest without limit there (a[0][0]...). Ours recurse on the
// native stack, so nesting is bounded.
constexpr int kMaxIndexNesting = 1000;

Error invalid(std::string message) {
  return Error{.code = Error::Code::kInvalidInput, .message = std::move(message)};
}

// Go's name for the dynamic type in a failed interface conversion ("nil" for nil).
std::string conversion_type(const Value& value) {
  return value.is_null() ? "nil" : go_type_name(value);
}

// Go's %q of a []rune: ['a' 'b'].
std::string quote_runes(std::string_view text) {
  std::string out = "[";
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 1;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0xf0) {
      length = 4;
    } else if (c >= 0xe0) {
      length = 3;
    } else if (c >= 0xc0) {
      length = 2;
    }
    length = std::min(length, text.size() - i);
    if (i != 0) out += ' ';
    const std::string_view rune = text.substr(i, length);
    std::string quoted = go::quote(rune);  // "x" → 'x', with ' escaped instead of "
    quoted = quoted.substr(1, quoted.size() - 2);
    if (quoted == "\\\"") quoted = "\"";
    if (quoted == "'") quoted = "\\'";
    out += "'" + quoted + "'";
    i += length;
  }
  return out + "]";
}

// strvals.typedVal.
Value typed_value(std::string text, bool as_string) {
  if (as_string) return Value(std::move(text));
  const auto equal_fold = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
    }
    return true;
  };
  if (equal_fold("true")) return Value(true);
  if (equal_fold("false")) return Value(false);
  if (equal_fold("null")) return Value();
  if (text.size() == 1 && text[0] == '0') return Value(0);  // GCC 12 -O2 misreads == "0" here
  if (!text.empty() && text[0] != '0') {
    if (auto i = go::parse_int(text, 10); i.ok()) return Value(*i);
  }
  return Value(std::move(text));
}

class SetParser {
 public:
  SetParser(std::string_view input, SetMode mode, const FileReader& read)
      : in_(input), mode_(mode), read_(read) {}

  Status<Error> parse(Value::Map& data) {
    while (true) {
      switch (key(data, 0)) {
        case Flow::kOk:
          continue;
        case Flow::kEof:
          return Done{};
        case Flow::kFail:
          return invalid(error_);
      }
    }
  }

 private:
  // Go's (nil | io.EOF | error) results.
  enum class Flow { kOk, kEof, kFail };

  struct Runes {
    std::string text;
    char last = 0;
    bool eof = false;
  };

  Flow fail(std::string message) {
    error_ = std::move(message);
    return Flow::kFail;
  }

  bool literal() const { return mode_ == SetMode::kLiteral; }

  // strvals.runesUntil (with backslash escapes) or runesUntilLiteral (without).
  Runes runes_until(std::string_view stop) {
    Runes out;
    while (pos_ < in_.size()) {
      const char c = in_[pos_++];
      if (stop.find(c) != std::string_view::npos) {
        out.last = c;
        return out;
      }
      if (c == '\\' && !literal()) {
        if (pos_ == in_.size()) break;
        out.text += in_[pos_++];
        continue;
      }
      out.text += c;
    }
    out.eof = true;
    return out;
  }

  // The text and the rest of the value; the rest of the input for kLiteral.
  std::string value_text() {
    if (literal()) {
      std::string rest(in_.substr(pos_));
      pos_ = in_.size();
      return rest;
    }
    return runes_until(",").text;
  }

  // The reader of the mode: typed, string or file contents.
  Flow read_value(std::string text, Value& out) {
    if (mode_ == SetMode::kFile) {
      auto contents = read_(text);
      if (!contents.ok()) {
        out = Value();
        return fail(contents.error().message);
      }
      out = Value(std::move(contents).value());
      return Flow::kOk;
    }
    out = typed_value(std::move(text), mode_ != SetMode::kTyped);
    return Flow::kOk;
  }

  static void set(Value::Map& data, const std::string& key, Value value) {
    if (key.empty()) return;
    data.insert_or_assign(key, std::move(value));
  }

  Flow set_index(Value::List& list, int index, Value value) {
    if (index < 0) return fail("negative " + std::to_string(index) + " index not allowed");
    if (index > kMaxIndex) {
      return fail("index of " + std::to_string(index) +
                  " is greater than maximum supported index of " + std::to_string(kMaxIndex));
    }
    const auto at = static_cast<std::size_t>(index);
    if (list.size() <= at) list.resize(at + 1);
    list[at] = std::move(value);
    return Flow::kOk;
  }

  Flow key_index(int& index) {
    const Runes r = runes_until("]");
    if (r.eof) return fail("error parsing index: EOF");
    auto parsed = go::parse_int(r.text, 10);
    constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();
    constexpr std::int64_t kIntMin = std::numeric_limits<int>::min();
    if (!parsed.ok()) return fail("error parsing index: " + go::atoi_error(r.text, parsed.error()));
    // Go's int is 64 bits; beyond our int the index is above kMaxIndex anyway.
    index = static_cast<int>(std::clamp(*parsed, kIntMin, kIntMax));
    return Flow::kOk;
  }

  // One `{a,b}` list; kNotList when the value does not start with '{'.
  enum class ListFlow { kOk, kEof, kNotList, kFail };
  ListFlow value_list(Value::List& list) {
    if (pos_ == in_.size()) return ListFlow::kEof;
    if (in_[pos_] != '{') return ListFlow::kNotList;
    ++pos_;
    while (true) {
      const Runes r = runes_until(",}");
      if (r.eof) {
        fail("list must terminate with '}'");
        return ListFlow::kFail;
      }
      if (r.last == '}' && pos_ < in_.size() && in_[pos_] == ',') ++pos_;
      Value item;
      if (read_value(r.text, item) == Flow::kFail) {
        return ListFlow::kFail;
      }
      list.push_back(std::move(item));
      if (r.last == '}') return ListFlow::kOk;
    }
  }

  // strvals.parser.emptyVal: skips blanks; true at the end or at a comma (consumed).
  bool empty_value() {
    while (pos_ < in_.size()) {
      const char c = in_[pos_];
      if (c == ',') {
        ++pos_;
        return true;
      }
      if (!std::isspace(static_cast<unsigned char>(c))) return false;
      ++pos_;
    }
    return true;
  }

  // A --set-json value: one JSON document, then blanks and an optional comma.
  Flow json_value(Value& out) {
    if (empty_value()) {
      out = Value();
      return Flow::kOk;
    }
    const std::string_view rest = in_.substr(pos_);
    const std::size_t extent = json_value_extent(rest);
    if (extent == 0) return fail("invalid JSON value: " + std::string(rest));
    auto parsed = parse_json(rest.substr(0, extent), "--set-json");
    if (!parsed.ok()) return fail(parsed.error().message);
    out = std::move(parsed).value();
    pos_ += extent;
    empty_value();
    return Flow::kOk;
  }

  // The value after '=' in key(), stored at data[name].
  Flow assign(Value::Map& data, const std::string& name) {
    if (mode_ == SetMode::kJson) {
      Value value;
      const Flow flow = json_value(value);
      if (flow == Flow::kOk) set(data, name, std::move(value));
      return flow;
    }
    if (literal()) {
      set(data, name, Value(value_text()));
      return Flow::kOk;
    }
    Value::List list;
    switch (value_list(list)) {
      case ListFlow::kOk:
        set(data, name, Value(std::move(list)));
        return Flow::kOk;
      case ListFlow::kEof:
        set(data, name, Value(""));
        return Flow::kEof;
      case ListFlow::kFail:
        return Flow::kFail;
      case ListFlow::kNotList:
        break;
    }
    Value value;
    const Flow flow = read_value(value_text(), value);
    set(data, name, std::move(value));
    return flow;
  }

  // The value after "[i]=" in list_item().
  Flow assign_index(Value::List& list, int index) {
    if (mode_ == SetMode::kJson) {
      Value value;
      const Flow flow = json_value(value);
      return flow == Flow::kOk ? set_index(list, index, std::move(value)) : flow;
    }
    if (literal()) return set_index(list, index, Value(value_text()));
    Value::List items;
    switch (value_list(items)) {
      case ListFlow::kOk:
        return set_index(list, index, Value(std::move(items)));
      case ListFlow::kEof:
        return set_index(list, index, Value(""));
      case ListFlow::kFail:
        return Flow::kFail;
      case ListFlow::kNotList:
        break;
    }
    Value value;
    if (read_value(value_text(), value) == Flow::kFail) return Flow::kFail;
    return set_index(list, index, std::move(value));
  }

  Flow key(Value::Map& data, int nested) {
    const Runes r = runes_until(literal() ? "=[." : "=[,.");
    const std::string& name = r.text;
    if (r.eof) {
      if (name.empty()) return Flow::kEof;
      return fail("key " + go::quote(name) + " has no value");
    }
    switch (r.last) {
      case '[': {
        int index = 0;
        if (key_index(index) == Flow::kFail) return Flow::kFail;
        Value::List list;
        if (const auto it = data.find(name); it != data.end()) {
          if (!it->second.is_list()) {
            return fail("unable to parse key: interface conversion: interface {} is " +
                        conversion_type(it->second) + ", not []interface {}");
          }
          list = std::as_const(it->second).as_list();
        }
        const Flow flow = list_item(list, index, nested);
        set(data, name, Value(std::move(list)));
        return flow;
      }
      case '=':
        return assign(data, name);
      case ',':
        set(data, name, Value(""));
        return fail("key " + go::quote(name) + " has no value (cannot end with ,)");
      default:  // '.'
        return nested_key(data, name, nested + 1);
    }
  }

  Flow nested_key(Value::Map& data, const std::string& name, int nested) {
    if (nested > kMaxNestedNameLevel) {
      return fail("value name nested level is greater than maximum supported nested level of " +
                  std::to_string(kMaxNestedNameLevel));
    }
    // Go mutates an existing map in place; here it is moved out and always put back.
    Value inner = Value(Value::Map{});
    const auto it = data.find(name);
    const bool existed = it != data.end();
    if (existed) {
      if (!it->second.is_map()) {
        return fail("unable to parse key: interface conversion: interface {} is " +
                    conversion_type(it->second) + ", not map[string]interface {}");
      }
      inner = std::move(it->second);
    }
    const Flow flow = key(inner.as_map(), nested);
    const bool empty = inner.as_map().empty();
    if (existed) {
      data.find(name)->second = std::move(inner);
    } else if (!empty) {
      set(data, name, std::move(inner));
    }
    if (flow == Flow::kOk && empty) return fail("key map " + go::quote(name) + " has no value");
    return flow;
  }

  Flow list_item(Value::List& list, int index, int nested, int depth = 0) {
    if (index < 0) return fail("negative " + std::to_string(index) + " index not allowed");
    if (depth > kMaxIndexNesting) {
      return fail("list indexes nested deeper than " + std::to_string(kMaxIndexNesting));
    }
    const Runes r = runes_until("[.=");
    if (!r.text.empty()) {
      return fail("unexpected data at end of array index: " + quote_runes(r.text));
    }
    if (r.eof) return Flow::kEof;
    const auto at = static_cast<std::size_t>(index);
    switch (r.last) {
      case '=':
        return assign_index(list, index);
      case '[': {
        int next = 0;
        if (key_index(next) == Flow::kFail) return Flow::kFail;
        Value::List inner;
        if (at < list.size() && !list[at].is_null()) {
          if (!list[at].is_list()) {
            return fail("unable to parse key: interface conversion: interface {} is " +
                        conversion_type(list[at]) + ", not []interface {}");
          }
          inner = list[at].as_list();
        }
        const Flow flow = list_item(inner, next, nested, depth + 1);
        if (flow != Flow::kOk) return flow;
        return set_index(list, index, Value(std::move(inner)));
      }
      default: {  // '.': a map in the list; a non-map element is replaced by one
        if (at < list.size() && !list[at].is_map()) list[at] = Value(Value::Map{});
        Value inner = at < list.size() ? std::move(list[at]) : Value(Value::Map{});
        const Flow flow = key(inner.as_map(), nested);
        if (flow != Flow::kOk) {
          if (at < list.size()) list[at] = std::move(inner);  // Go changed it in place
          return flow;
        }
        return set_index(list, index, std::move(inner));
      }
    }
  }

  std::string_view in_;
  std::size_t pos_ = 0;
  SetMode mode_;
  const FileReader& read_;
  std::string error_;
};

}  // namespace

Status<Error> parse_set_into(std::string_view line, Value& dest, SetMode mode,
                             const FileReader& read) {
  if (dest.is_null()) dest = Value(Value::Map{});
  SetParser parser(line, mode, read);
  return parser.parse(dest.as_map());
}

}  // namespace chartmirror::charts::values
