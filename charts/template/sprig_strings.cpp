// Sprig's string functions (functions.go and strings.go) that are implemented so far.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "charts/golang/quote.h"
#include "charts/golang/strconv.h"
#include "charts/golang/unicode.h"
#include "charts/golang/utf8.h"
#include "charts/template/go_fmt.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

const std::string& str(const ExecValue& v) { return v.value().as_string(); }

ExecValue string_value(std::string s) { return ExecValue(Value(std::move(s))); }

// The runes of `text` (each byte of invalid UTF-8 one U+FFFD), with their bytes.
std::vector<std::string_view> runes(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const charts::go::DecodedRune r = charts::go::decode_rune(text);
    out.push_back(text.substr(0, r.width));
    text.remove_prefix(r.width);
  }
  return out;
}

// strings.Trim(s, cutset): without the leading and trailing runes that are in cutset.
std::string trim(std::string_view s, std::string_view cutset) {
  std::vector<char32_t> cut;
  for (std::string_view rest = cutset; !rest.empty();) {
    const charts::go::DecodedRune r = charts::go::decode_rune(rest);
    cut.push_back(r.rune);
    rest.remove_prefix(r.width);
  }
  auto in_cut = [&cut](char32_t rune) {
    for (const char32_t c : cut) {
      if (c == rune) return true;
    }
    return false;
  };
  while (!s.empty()) {
    const charts::go::DecodedRune r = charts::go::decode_rune(s);
    if (!in_cut(r.rune)) break;
    s.remove_prefix(r.width);
  }
  while (!s.empty()) {
    const charts::go::DecodedRune r = charts::go::decode_last_rune(s);
    if (!in_cut(r.rune)) break;
    s.remove_suffix(r.width);
  }
  return std::string(s);
}

// strings.Split(s, sep); an empty sep splits after each UTF-8 sequence.
std::vector<std::string> split(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  if (sep.empty()) {
    for (const std::string_view r : runes(s)) out.emplace_back(r);
    return out;
  }
  std::size_t start = 0;
  for (std::size_t pos = s.find(sep); pos != std::string_view::npos; pos = s.find(sep, start)) {
    out.emplace_back(s.substr(start, pos - start));
    start = pos + sep.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

// strings.SplitN(s, sep, n) for n > 0 (sep not empty, or runes as Split does).
std::vector<std::string> split_n(std::string_view s, std::string_view sep, std::size_t n) {
  std::vector<std::string> out;
  if (sep.empty()) {
    const std::vector<std::string_view> all = runes(s);
    n = std::min(n, all.size());
    std::size_t used = 0;
    for (std::size_t i = 0; i + 1 < n; ++i) {
      out.emplace_back(all[i]);
      used += all[i].size();
    }
    if (n > 0) out.emplace_back(s.substr(used));
    return out;
  }
  std::size_t start = 0;
  while (out.size() + 1 < n) {
    const std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) break;
    out.emplace_back(s.substr(start, pos - start));
    start = pos + sep.size();
  }
  out.emplace_back(s.substr(start));
  return out;
}

// strings.Replace(s, old, new, -1); an empty old matches before each rune and at the end.
std::string replace_all(std::string_view s, std::string_view old, std::string_view with) {
  std::string out;
  if (old.empty()) {
    for (const std::string_view r : runes(s)) {
      out.append(with);
      out.append(r);
    }
    out.append(with);
    return out;
  }
  std::size_t start = 0;
  for (std::size_t pos = s.find(old); pos != std::string_view::npos; pos = s.find(old, start)) {
    out.append(s.substr(start, pos - start));
    out.append(with);
    start = pos + old.size();
  }
  out.append(s.substr(start));
  return out;
}

// strings.ToUpper / ToLower for ASCII text; other text is refused (no case tables here).
FunctionResult change_case(const std::string& s, bool upper) {
  std::string out = s;
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::string("non-ASCII text is not supported by upper/lower");
    if (upper && c >= 'a' && c <= 'z') ch = static_cast<char>(c - 'a' + 'A');
    if (!upper && c >= 'A' && c <= 'Z') ch = static_cast<char>(c - 'A' + 'a');
  }
  return string_value(std::move(out));
}

FunctionResult indent(std::int64_t spaces, const std::string& v, bool newline) {
  auto pad = repeat(" ", spaces);
  if (!pad.ok()) return pad.error().message;
  std::string out = newline ? "\n" : "";
  out += *pad;
  out += replace_all(v, "\n", "\n" + *pad);
  return string_value(std::move(out));
}

Value string_list(const std::vector<std::string>& items) {
  Value::List list;
  list.reserve(items.size());
  for (const std::string& s : items) list.emplace_back(s);
  return list;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out.append(sep);
    out.append(items[i]);
  }
  return out;
}

// Sprig's substring panics, with Go's runtime texts for string slicing out of range.
FunctionResult substring(std::int64_t start, std::int64_t end, const std::string& s) {
  const auto size = static_cast<std::int64_t>(s.size());
  auto bounds = [](const std::string& text) {
    return "runtime error: slice bounds out of range " + text;
  };
  if (start < 0) {
    if (end < 0) return bounds("[:" + std::to_string(end) + "]");
    if (end > size) {
      return bounds("[:" + std::to_string(end) + "] with length " + std::to_string(size));
    }
    return string_value(s.substr(0, static_cast<std::size_t>(end)));
  }
  if (end < 0 || end > size) {
    if (start > size) return bounds("[" + std::to_string(start) + ":" + std::to_string(size) + "]");
    return string_value(s.substr(static_cast<std::size_t>(start)));
  }
  if (start > end) return bounds("[" + std::to_string(start) + ":" + std::to_string(end) + "]");
  return string_value(
      s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

// goutils AbbreviateFull(str, offset, maxWidth), byte-based; "" where it returns an error.
std::string abbreviate(const std::string& str, std::int64_t offset, std::int64_t max_width) {
  if (str.empty() || max_width < 4) return "";
  const auto size = static_cast<std::int64_t>(str.size());
  if (size <= max_width) return str;
  offset = std::min(offset, size);
  if (size - offset < max_width - 3) offset = size - (max_width - 3);
  if (offset <= 4) return str.substr(0, static_cast<std::size_t>(max_width - 3)) + "...";
  if (max_width < 7) return "";
  if (offset + max_width - 3 < size) {
    return "..." + abbreviate(str.substr(static_cast<std::size_t>(offset)), 0, max_width - 3);
  }
  return "..." + str.substr(static_cast<std::size_t>(size - (max_width - 3)));
}

// utf8.AppendRune of a byte taken as a rune (Latin-1), as goutils' byte loops write them.
void append_latin1(std::string& out, unsigned char c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else {
    out += static_cast<char>(0xC0U | (c >> 6U));
    out += static_cast<char>(0x80U | (c & 0x3FU));
  }
}

// goutils' byte loops test unicode.IsSpace(rune(byte)).
bool latin1_space(unsigned char c) { return charts::go::is_space(c); }

// strings.Title (the Go 1.23 implementation) for ASCII text: a letter after a separator
// (anything but an ASCII letter, digit or '_') is upper-cased.
FunctionResult title(const std::string& s) {
  std::string out = s;
  bool after_separator = true;
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::string("non-ASCII text is not supported by title");
    if (after_separator && c >= 'a' && c <= 'z') ch = static_cast<char>(c - 'a' + 'A');
    after_separator = !(std::isalnum(c) != 0 || c == '_');
  }
  return string_value(std::move(out));
}

// goutils Uncapitalize (untitle) for ASCII text: the first letter after each space lowered.
FunctionResult untitle(const std::string& s) {
  std::string out = s;
  bool next = true;
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::string("non-ASCII text is not supported by untitle");
    if (charts::go::is_space(c)) {
      next = true;
    } else if (next) {
      if (c >= 'A' && c <= 'Z') ch = static_cast<char>(c - 'A' + 'a');
      next = false;
    }
  }
  return string_value(std::move(out));
}

// goutils SwapCase for ASCII text: upper → lower, lower → upper (title-cased after spaces,
// which is upper-casing in ASCII).
FunctionResult swapcase(const std::string& s) {
  std::string out = s;
  for (char& ch : out) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::string("non-ASCII text is not supported by swapcase");
    if (c >= 'A' && c <= 'Z') ch = static_cast<char>(c - 'A' + 'a');
    if (c >= 'a' && c <= 'z') ch = static_cast<char>(c - 'a' + 'A');
  }
  return string_value(std::move(out));
}

// Sprig's untilStep(start, stop, step) []int; results beyond 1<<24 elements are refused.
FunctionResult until_step(std::int64_t start, std::int64_t stop, std::int64_t step) {
  Value::List out;
  constexpr std::size_t kMax = std::size_t{1} << 24U;
  auto add = [&out](std::int64_t i) -> bool {
    if (out.size() >= kMax) return false;
    out.emplace_back(i);
    return true;
  };
  if (stop < start) {
    if (step >= 0) return ExecValue(Value(std::move(out)));
    for (std::int64_t i = start; i > stop;
         i = static_cast<std::int64_t>(static_cast<std::uint64_t>(i) +
                                       static_cast<std::uint64_t>(step))) {
      if (!add(i)) return std::string("untilStep: more than 16777216 elements");
      if (i < std::numeric_limits<std::int64_t>::min() - step) break;
    }
    return ExecValue(Value(std::move(out)));
  }
  if (step <= 0) return ExecValue(Value(std::move(out)));
  for (std::int64_t i = start; i < stop; i += step) {
    if (!add(i)) return std::string("untilStep: more than 16777216 elements");
    if (i > std::numeric_limits<std::int64_t>::max() - step) break;
  }
  return ExecValue(Value(std::move(out)));
}

// Go's wrapping int64 addition.
std::int64_t wrap_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

// Sprig's seq: "1 2 3" from (end), (start, end) or (start, step, end); all arguments must be
// Go ints (Go's ...int parameter; the executor passes variadic arguments untyped).
FunctionResult seq(const Args& a) {
  std::vector<std::int64_t> p;
  for (const ExecValue& v : a) {
    if (v.kind() != ExecValue::Kind::kInt) {
      return "seq: wrong type for value; expected int; got " + v.type_name();
    }
    p.push_back(v.value().as_int());
  }
  std::int64_t start = 1;
  std::int64_t end = 0;
  std::int64_t step = 1;
  switch (p.size()) {
    case 1:
      end = p[0];
      if (end < start) step = -1;
      break;
    case 2:
      start = p[0];
      end = p[1];
      if (end < start) step = -1;
      break;
    case 3: {
      start = p[0];
      end = p[2];
      step = p[1];
      if (end < start) {
        if (step > 0) return string_value("");
        auto r = until_step(start, wrap_add(end, -1), step);
        if (!r.ok()) return r;
        std::vector<std::string> parts;
        for (const Value& v : r->value().as_list()) parts.push_back(std::to_string(v.as_int()));
        return string_value(join(parts, " "));
      }
      auto r = until_step(start, wrap_add(end, 1), step);
      if (!r.ok()) return r;
      std::vector<std::string> parts;
      for (const Value& v : r->value().as_list()) parts.push_back(std::to_string(v.as_int()));
      return string_value(join(parts, " "));
    }
    default:
      return string_value("");
  }
  auto r = until_step(start, wrap_add(end, step), step);
  if (!r.ok()) return r;
  std::vector<std::string> parts;
  for (const Value& v : r->value().as_list()) parts.push_back(std::to_string(v.as_int()));
  return string_value(join(parts, " "));
}

}  // namespace

void add_strings(FunctionMap& m) {
  using P = ParamType;
  m["trim"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return string_value(std::string(charts::go::trim_space(str(a[0]))));
  });
  auto trim_all = [](CallContext&, Args& a) -> FunctionResult {
    return string_value(trim(str(a[1]), str(a[0])));
  };
  m["trimAll"] = fixed({P::kString, P::kString}, trim_all);
  m["trimall"] = fixed({P::kString, P::kString}, trim_all);
  m["trimPrefix"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& s = str(a[1]);
    if (s.starts_with(str(a[0]))) return string_value(s.substr(str(a[0]).size()));
    return string_value(s);
  });
  m["trimSuffix"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& s = str(a[1]);
    if (s.ends_with(str(a[0]))) return string_value(s.substr(0, s.size() - str(a[0]).size()));
    return string_value(s);
  });
  m["upper"] =
      fixed({P::kString}, [](CallContext&, Args& a) { return change_case(str(a[0]), true); });
  m["lower"] =
      fixed({P::kString}, [](CallContext&, Args& a) { return change_case(str(a[0]), false); });
  m["contains"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(str(a[1]).find(str(a[0])) != std::string::npos));
  });
  m["hasPrefix"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(str(a[1]).starts_with(str(a[0]))));
  });
  m["hasSuffix"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(str(a[1]).ends_with(str(a[0]))));
  });
  m["repeat"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = repeat(str(a[1]), a[0].value().as_int());
    if (!r.ok()) return r.error().message;
    return string_value(std::move(*r));
  });
  m["quote"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    std::vector<std::string> out;
    for (const ExecValue& v : a) {
      if (!is_go_nil(v)) out.push_back(charts::go::quote(strval(v)));
    }
    return string_value(join(out, " "));
  });
  m["squote"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    std::vector<std::string> out;
    for (const ExecValue& v : a) {
      if (!is_go_nil(v)) out.push_back("'" + strval(v) + "'");
    }
    return string_value(join(out, " "));
  });
  m["cat"] = variadic({}, [](CallContext&, Args& a) -> FunctionResult {
    std::vector<std::string> out;
    for (const ExecValue& v : a) {
      if (!is_go_nil(v)) out.push_back(strval(v));
    }
    return string_value(join(out, " "));
  });
  m["indent"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) {
    return indent(a[0].value().as_int(), str(a[1]), false);
  });
  m["nindent"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) {
    return indent(a[0].value().as_int(), str(a[1]), true);
  });
  m["replace"] =
      fixed({P::kString, P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
        return string_value(replace_all(str(a[2]), str(a[0]), str(a[1])));
      });
  m["toString"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return string_value(strval(a[0]));
  });
  // splitList returns a []string and split a map[string]string: see sprig.h.
  m["splitList"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(string_list(split(str(a[1]), str(a[0]))));
  });
  m["split"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    Value::Map out;
    const std::vector<std::string> parts = split(str(a[1]), str(a[0]));
    for (std::size_t i = 0; i < parts.size(); ++i) out["_" + std::to_string(i)] = parts[i];
    return ExecValue(Value(std::move(out)));
  });
  m["join"] = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return string_value(join(strslice(a[1]), str(a[0])));
  });
  m["title"] = fixed({P::kString}, [](CallContext&, Args& a) { return title(str(a[0])); });
  m["untitle"] = fixed({P::kString}, [](CallContext&, Args& a) { return untitle(str(a[0])); });
  m["swapcase"] = fixed({P::kString}, [](CallContext&, Args& a) { return swapcase(str(a[0])); });
  m["substr"] = fixed({P::kInt, P::kInt, P::kString}, [](CallContext&, Args& a) {
    return substring(a[0].value().as_int(), a[1].value().as_int(), str(a[2]));
  });
  // goutils DeleteWhiteSpace: byte by byte; when a space was removed, the bytes kept are
  // written as Latin-1 runes (so "é" becomes "Ã©") and bytes 0x85 and 0xA0 count as spaces.
  m["nospace"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& s = str(a[0]);
    std::string out;
    bool removed = false;
    for (const char ch : s) {
      const auto c = static_cast<unsigned char>(ch);
      if (latin1_space(c)) {
        removed = true;
      } else {
        append_latin1(out, c);
      }
    }
    return string_value(removed ? out : s);
  });
  m["trunc"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t c = a[0].value().as_int();
    const std::string& s = str(a[1]);
    const auto size = static_cast<std::int64_t>(s.size());
    if (c < 0 && size + c > 0) return string_value(s.substr(static_cast<std::size_t>(size + c)));
    if (c >= 0 && size > c) return string_value(s.substr(0, static_cast<std::size_t>(c)));
    return string_value(s);
  });
  m["abbrev"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t width = a[0].value().as_int();
    if (width < 4) return string_value(str(a[1]));
    return string_value(abbreviate(str(a[1]), 0, width));
  });
  m["abbrevboth"] =
      fixed({P::kInt, P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
        const std::int64_t left = a[0].value().as_int();
        const std::int64_t right = a[1].value().as_int();
        if (right < 4 || (left > 0 && right < 7)) return string_value(str(a[2]));
        return string_value(abbreviate(str(a[2]), left, right));
      });
  // goutils Initials: byte by byte, the first byte after each space, written as a Latin-1
  // rune.
  m["initials"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    std::string out;
    bool gap = true;
    for (const char ch : str(a[0])) {
      const auto c = static_cast<unsigned char>(ch);
      if (latin1_space(c)) {
        gap = true;
      } else if (gap) {
        append_latin1(out, c);
        gap = false;
      }
    }
    return string_value(std::move(out));
  });
  m["plural"] = fixed({P::kString, P::kString, P::kInt}, [](CallContext&, Args& a) {
    return string_value(a[2].value().as_int() == 1 ? str(a[0]) : str(a[1]));
  });
  m["splitn"] =
      fixed({P::kString, P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
        const std::int64_t n = a[1].value().as_int();
        std::vector<std::string> parts;
        if (n != 0) {
          parts = split(str(a[2]), str(a[0]));
          if (n > 0 && parts.size() > static_cast<std::size_t>(n)) {
            // strings.SplitN: the last part is the unsplit rest.
            parts = split_n(str(a[2]), str(a[0]), static_cast<std::size_t>(n));
          }
        }
        Value::Map out;
        for (std::size_t i = 0; i < parts.size(); ++i) out["_" + std::to_string(i)] = parts[i];
        return ExecValue(Value(std::move(out)));
      });
  // toStrings and sortAlpha return []string: see sprig.h.
  m["toStrings"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(string_list(strslice(a[0])));
  });
  m["sortAlpha"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    if (!a[0].value().is_list()) return ExecValue(string_list({strval(a[0])}));
    std::vector<std::string> items = strslice(a[0]);
    std::sort(items.begin(), items.end());
    return ExecValue(string_list(items));
  });
  // until and untilStep return []int, whose elements read back as int64 (exec_value.h).
  m["until"] = fixed({P::kInt}, [](CallContext&, Args& a) {
    const std::int64_t count = a[0].value().as_int();
    return until_step(0, count, count < 0 ? -1 : 1);
  });
  m["untilStep"] = fixed({P::kInt, P::kInt, P::kInt}, [](CallContext&, Args& a) {
    return until_step(a[0].value().as_int(), a[1].value().as_int(), a[2].value().as_int());
  });
  m["seq"] = variadic({}, [](CallContext&, Args& a) { return seq(a); });
  m["int"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue::go_int(to_int64(a[0]));
  });
  m["int64"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(to_int64(a[0])));
  });
  m["float64"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto f = to_float64(a[0]);
    if (!f.ok()) return f.error().message;
    return ExecValue(Value(*f));
  });
  // strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on any error.
  m["toDecimal"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = charts::go::parse_int(strval(a[0]), 8);
    return ExecValue(Value(r.ok() ? *r : std::int64_t{0}));
  });
  // strconv.Atoi with the error ignored: 0 for anything that is not a decimal int, the
  // int64 limit in the number's direction when it is out of range.
  m["atoi"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto r = charts::go::parse_int(str(a[0]), 10);
    if (r.ok()) return ExecValue::go_int(*r);
    if (r.error() == charts::go::NumError::kSyntax) return ExecValue::go_int(0);
    return ExecValue::go_int(str(a[0]).starts_with('-') ? std::numeric_limits<std::int64_t>::min()
                                                        : std::numeric_limits<std::int64_t>::max());
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
