#include "charts/values/yaml_emit.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charts/golang/format_float.h"
#include "charts/golang/json_text.h"
#include "charts/golang/unicode.h"
#include "charts/golang/utf8.h"
#include "charts/golang/yaml_scalar.h"

namespace chartmirror::charts::values {
namespace {

// ---------------------------------------------------------------------------------------------
// The value as go-yaml v2 decodes it from encoding/json's text (sigs.k8s.io/yaml JSONToYAML).

// The scalar styles of go-yaml's emitter (folded is never asked for).
enum class Style { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral };

struct Scalar {
  std::string text;
  Style style = Style::kPlain;  // what encode.go asks for; the emitter may still change it
};

struct Entry;

struct Node {
  enum class Kind { kScalar, kList, kMap };
  Kind kind = Kind::kScalar;
  Scalar scalar;
  std::vector<Node> items;
  std::vector<Entry> entries;  // in go-yaml's key order
};

struct Entry {
  Scalar key;
  std::u32string runes;  // the key, for keyList.Less
  Node value;
};

constexpr char32_t kNel = 0x85;

Error marshal_error(std::string message) {
  return Error{.code = Error::Code::kInvalidInput, .message = std::move(message)};
}

std::u32string runes_of(std::string_view text) {
  std::u32string out;
  while (!text.empty()) {
    const go::DecodedRune decoded = go::decode_rune(text);
    out += decoded.rune;
    text.remove_prefix(decoded.width);
  }
  return out;
}

std::string utf8_of(std::u32string_view runes) {
  std::string out;
  for (const char32_t r : runes) go::append_rune(out, r);
  return out;
}

// Whether go-yaml's reader accepts `rune` as it stands in the JSON text (readerc.go). JSON
// escapes the C0 controls, so only DEL, the C1 controls but NEL, U+FFFE and U+FFFF fail.
bool reader_accepts(char32_t rune) {
  constexpr char32_t kDel = 0x7F;
  constexpr char32_t kC1End = 0x9F;
  if (rune >= kDel && rune <= kC1End) return rune == kNel;
  return rune != 0xFFFE && rune != 0xFFFF;
}

// A Go string after json.Marshal and go-yaml's double-quoted scalar scanner: invalid UTF-8 is
// U+FFFD; NEL, the one raw line break JSON leaves, is folded as YAML folds a line break in a
// quoted scalar (spaces before it dropped, spaces after it skipped, one break a space, n
// breaks n-1 "\n"), and a line it starts must not begin with a document marker.
Result<std::string, Error> read_back_string(std::string_view text) {
  const std::u32string runes = runes_of(text);
  for (const char32_t r : runes) {
    if (!reader_accepts(r)) {
      return marshal_error(
          "error converting JSON to YAML: yaml: control characters are not "
          "allowed");
    }
  }
  if (runes.find(kNel) == std::u32string::npos) return utf8_of(runes);
  std::u32string out;
  const std::size_t n = runes.size();
  std::size_t i = 0;
  while (true) {
    while (i < n && runes[i] != U' ' && runes[i] != kNel) out += runes[i++];
    if (i == n) break;
    bool leading_blanks = false;
    bool last_was_break = false;
    std::u32string whitespaces;
    std::u32string trailing_breaks;
    while (i < n && (runes[i] == U' ' || runes[i] == kNel)) {
      if (runes[i] == U' ') {
        if (!leading_blanks) whitespaces += U' ';
        last_was_break = false;
      } else {
        if (!leading_blanks) {
          whitespaces.clear();
          leading_blanks = true;
        } else {
          trailing_breaks += U'\n';
        }
        last_was_break = true;
      }
      ++i;
    }
    if (leading_blanks) {
      out += trailing_breaks.empty() ? std::u32string(U" ") : trailing_breaks;
    } else {
      out += whitespaces;
    }
    if (last_was_break && i + 3 < n) {
      const std::u32string_view next(runes.data() + i, 3);
      if ((next == U"---" || next == U"...") && (runes[i + 3] == U' ' || runes[i + 3] == kNel)) {
        return marshal_error(
            "error converting JSON to YAML: yaml: while scanning a quoted "
            "scalar: found unexpected document indicator");
      }
    }
  }
  return utf8_of(out);
}

// isBase60Float (encode.go): ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool is_base60_float(std::string_view s) {
  const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  if (!digit(i)) return false;
  ++i;
  while (digit(i) || (i < s.size() && s[i] == '_')) ++i;
  int groups = 0;
  while (i < s.size() && s[i] == ':') {
    ++i;
    if (!digit(i)) return false;
    if (digit(i + 1)) {
      if (s[i] > '5') return false;
      i += 2;
    } else {
      i += 1;
    }
    ++groups;
  }
  if (groups == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (digit(i) || (i < s.size() && s[i] == '_')) ++i;
  }
  return i == s.size();
}

// encode.go stringv: the style asked for a string.
Style string_style(std::string_view s) {
  if (s.find('\n') != std::string_view::npos) return Style::kLiteral;
  const auto resolved = go::resolve_yaml_scalar("?", s);
  const bool is_string = resolved.ok() && resolved->kind == go::YamlScalar::Kind::kString;
  // A timestamp decodes into interface{} as a string, but resolve() types it !!timestamp,
  // which the !!timestamp tag accepts.
  const bool is_timestamp =
      is_string && go::resolve_yaml_scalar("tag:yaml.org,2002:timestamp", s).ok();
  return is_string && !is_timestamp && !is_base60_float(s) ? Style::kPlain : Style::kDoubleQuoted;
}

// A float64 as json.Marshal writes it and go-yaml reads and writes that text back.
Result<std::string, Error> float_text(double f) {
  if (std::isnan(f) || std::isinf(f)) {
    return marshal_error("error marshaling into JSON: json: unsupported value: " +
                         go::format_float(f, 'g'));
  }
  std::string json;
  go::append_json_number(json, f);
  const auto resolved = go::resolve_yaml_scalar("?", json);
  if (resolved.ok()) {
    switch (resolved->kind) {
      case go::YamlScalar::Kind::kInt:
        return std::to_string(resolved->integer);
      case go::YamlScalar::Kind::kUint:
        return std::to_string(resolved->unsigned_integer);
      case go::YamlScalar::Kind::kFloat:
        return go::format_float(resolved->floating, 'g');
      default:
        break;
    }
  }
  return json;  // not reached: JSON numbers are YAML numbers
}

// go-yaml's keyList.Less (sorter.go) for two string keys: letters after other characters,
// runs of digits compared by value. Go's int64 arithmetic wraps; so does this.
bool key_less(const std::u32string& a, const std::u32string& b) {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    const bool al = go::is_letter(a[i]);
    const bool bl = go::is_letter(b[i]);
    if (al && bl) return a[i] < b[i];
    if (al || bl) return bl;
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (a[i] == U'0' || b[i] == U'0') {
      for (std::size_t j = i; j-- > 0 && go::is_digit(a[j]);) {
        if (a[j] != U'0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    const auto digit_value = [](char32_t r) {
      return static_cast<std::uint64_t>(
          static_cast<std::int64_t>(static_cast<std::int32_t>(r) - static_cast<std::int32_t>('0')));
    };
    constexpr std::uint64_t kTen = 10;
    std::size_t ai = i;
    for (; ai < a.size() && go::is_digit(a[ai]); ++ai) an = an * kTen + digit_value(a[ai]);
    std::size_t bi = i;
    for (; bi < b.size() && go::is_digit(b[bi]); ++bi) bn = bn * kTen + digit_value(b[bi]);
    if (an != bn) return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// A merge sort: correct for any comparator (keyList.Less is not always transitive; Go's own
// order is then that of its random map iteration, so no order is more right than another).
void sort_entries(std::vector<Entry>& entries) {
  if (entries.size() < 2) return;
  const auto middle = static_cast<std::ptrdiff_t>(entries.size() / 2);
  std::vector<Entry> left(std::make_move_iterator(entries.begin()),
                          std::make_move_iterator(entries.begin() + middle));
  std::vector<Entry> right(std::make_move_iterator(entries.begin() + middle),
                           std::make_move_iterator(entries.end()));
  sort_entries(left);
  sort_entries(right);
  std::size_t l = 0;
  std::size_t r = 0;
  std::size_t out = 0;
  while (l < left.size() && r < right.size()) {
    if (key_less(right[r].runes, left[l].runes)) {
      entries[out++] = std::move(right[r++]);
    } else {
      entries[out++] = std::move(left[l++]);
    }
  }
  while (l < left.size()) entries[out++] = std::move(left[l++]);
  while (r < right.size()) entries[out++] = std::move(right[r++]);
}

// The length in characters of a key as JSON writes it, quotes included: go-yaml takes a key
// for a simple key only when its ':' comes at most 1024 characters after its start.
std::size_t json_key_length(std::string_view key) {
  std::string json;
  go::append_json_string(json, key);
  return runes_of(json).size();
}

Result<Node, Error> build(const Value& value) {
  Node node;
  switch (value.kind()) {
    case Value::Kind::kNull:
      node.scalar.text = "null";
      return node;
    case Value::Kind::kBool:
      node.scalar.text = value.as_bool() ? "true" : "false";
      return node;
    case Value::Kind::kInt:
      node.scalar.text = std::to_string(value.as_int());
      return node;
    case Value::Kind::kFloat: {
      auto text = float_text(value.as_float());
      if (!text.ok()) return text.error();
      node.scalar.text = std::move(text).value();
      return node;
    }
    case Value::Kind::kString: {
      auto text = read_back_string(value.as_string());
      if (!text.ok()) return text.error();
      node.scalar.style = string_style(text.value());
      node.scalar.text = std::move(text).value();
      return node;
    }
    case Value::Kind::kList:
      node.kind = Node::Kind::kList;
      for (const Value& item : value.as_list()) {
        auto built = build(item);
        if (!built.ok()) return built.error();
        node.items.push_back(std::move(built).value());
      }
      return node;
    case Value::Kind::kMap:
      break;
  }
  node.kind = Node::Kind::kMap;
  constexpr std::size_t kSimpleKeyLimit = 1024;
  std::map<std::u32string, std::size_t> index;
  for (const auto& [key, item] : value.as_map()) {
    auto text = read_back_string(key);
    if (!text.ok()) return text.error();
    if (key.find("\xC2\x85") != std::string::npos || json_key_length(key) > kSimpleKeyLimit) {
      return marshal_error(
          "error converting JSON to YAML: yaml: did not find expected ',' or "
          "'}'");
    }
    auto built = build(item);
    if (!built.ok()) return built.error();
    // Keys equal once read back (invalid UTF-8, NEL): the later one in JSON's (bytewise) order
    // wins, as go-yaml sets map entries in document order.
    std::u32string runes = runes_of(text.value());
    if (auto [at, inserted] = index.try_emplace(runes, node.entries.size()); !inserted) {
      node.entries[at->second].value = std::move(built).value();
      continue;
    }
    Entry entry;
    entry.key.style = string_style(text.value());
    entry.key.text = std::move(text).value();
    entry.runes = std::move(runes);
    entry.value = std::move(built).value();
    node.entries.push_back(std::move(entry));
  }
  sort_entries(node.entries);
  return node;
}

// ---------------------------------------------------------------------------------------------
// go-yaml v2's emitter (emitterc.go), for the events encode.go sends: block collections, flow
// only for empty ones, no tags or anchors, best_indent 2, best_width 80, unicode output.

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;

unsigned char byte_at(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

std::size_t width(unsigned char b) {
  if ((b & 0x80U) == 0) return 1;
  if ((b & 0xE0U) == 0xC0U) return 2;
  if ((b & 0xF0U) == 0xE0U) return 3;
  if ((b & 0xF8U) == 0xF0U) return 4;
  return 0;
}
bool is_printable(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  const unsigned char b1 = byte_at(s, i + 1);
  const unsigned char b2 = byte_at(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && b1 < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)));
}

// go-yaml's is_bom looks at the first bytes of the value, whatever `i` is.
bool is_bom(std::string_view s) {
  return byte_at(s, 0) == 0xEF && byte_at(s, 1) == 0xBB && byte_at(s, 2) == 0xBF;
}

bool is_space(std::string_view s, std::size_t i) { return byte_at(s, i) == ' '; }
bool is_blank(std::string_view s, std::size_t i) {
  return byte_at(s, i) == ' ' || byte_at(s, i) == '\t';
}
bool is_break(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  const unsigned char b1 = byte_at(s, i + 1);
  const unsigned char b2 = byte_at(s, i + 2);
  return b == '\r' || b == '\n' || (b == 0xC2 && b1 == 0x85) ||
         (b == 0xE2 && b1 == 0x80 && (b2 == 0xA8 || b2 == 0xA9));
}
bool is_blankz(std::string_view s, std::size_t i) {
  return is_blank(s, i) || is_break(s, i) || byte_at(s, i) == 0;
}

struct Analysis {
  bool multiline = false;
  bool flow_plain_allowed = false;
  bool block_plain_allowed = false;
  bool single_quoted_allowed = false;
  bool block_allowed = false;
};

// yaml_emitter_analyze_scalar.
Analysis analyze(std::string_view value) {
  Analysis a;
  if (value.empty()) {
    a.block_plain_allowed = true;
    a.single_quoted_allowed = true;
    return a;
  }
  bool block_indicators = false;
  bool flow_indicators = false;
  bool line_breaks = false;
  bool special_characters = false;
  bool leading_space = false;
  bool leading_break = false;
  bool trailing_space = false;
  bool trailing_break = false;
  bool break_space = false;
  bool space_break = false;
  bool previous_space = false;
  bool previous_break = false;
  if (value.starts_with("---") || value.starts_with("...")) {
    block_indicators = true;
    flow_indicators = true;
  }
  bool preceded_by_whitespace = true;
  for (std::size_t i = 0, w = 0; i < value.size(); i += w) {
    w = width(byte_at(value, i));
    if (w == 0) w = 1;
    const bool followed_by_whitespace = i + w >= value.size() || is_blank(value, i + w);
    const char c = value[i];
    if (i == 0) {
      switch (c) {
        case '#':
        case ',':
        case '[':
        case ']':
        case '{':
        case '}':
        case '&':
        case '*':
        case '!':
        case '|':
        case '>':
        case '\'':
        case '"':
        case '%':
        case '@':
        case '`':
          flow_indicators = true;
          block_indicators = true;
          break;
        case '?':
        case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '-':
          if (followed_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default:
          break;
      }
    } else {
      switch (c) {
        case ',':
        case '?':
        case '[':
        case ']':
        case '{':
        case '}':
          flow_indicators = true;
          break;
        case ':':
          flow_indicators = true;
          if (followed_by_whitespace) block_indicators = true;
          break;
        case '#':
          if (preceded_by_whitespace) {
            flow_indicators = true;
            block_indicators = true;
          }
          break;
        default:
          break;
      }
    }
    if (!is_printable(value, i)) special_characters = true;
    if (is_space(value, i)) {
      if (i == 0) leading_space = true;
      if (i + w == value.size()) trailing_space = true;
      if (previous_break) break_space = true;
      previous_space = true;
      previous_break = false;
    } else if (is_break(value, i)) {
      line_breaks = true;
      if (i == 0) leading_break = true;
      if (i + w == value.size()) trailing_break = true;
      if (previous_space) space_break = true;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = false;
      previous_break = false;
    }
    preceded_by_whitespace = is_blankz(value, i);
  }
  a.multiline = line_breaks;
  a.flow_plain_allowed = true;
  a.block_plain_allowed = true;
  a.single_quoted_allowed = true;
  a.block_allowed = true;
  if (leading_space || leading_break || trailing_space || trailing_break) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
  }
  if (trailing_space) a.block_allowed = false;
  if (break_space) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
  }
  if (space_break || special_characters) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
    a.single_quoted_allowed = false;
    a.block_allowed = false;
  }
  if (line_breaks) {
    a.flow_plain_allowed = false;
    a.block_plain_allowed = false;
  }
  if (flow_indicators) a.flow_plain_allowed = false;
  if (block_indicators) a.block_plain_allowed = false;
  return a;
}

class Emitter {
 public:
  std::string take() && { return std::move(out_); }

  // A document holding `node` (marshalDoc): implicit start, the node, implicit end.
  void document(const Node& node) {
    emit_node(node, /*mapping=*/false, /*simple_key=*/false);
    write_indent();
  }

 private:
  void put(char c) {
    out_ += c;
    ++column_;
  }
  void put_break() {
    out_ += '\n';
    column_ = 0;
  }
  // Copies one character of `s` at `i`.
  void write(std::string_view s, std::size_t& i) {
    std::size_t w = width(byte_at(s, i));
    if (w == 0) w = 1;
    out_.append(s.substr(i, w));
    ++column_;
    i += w;
  }
  void write_break(std::string_view s, std::size_t& i) {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      write(s, i);
      column_ = 0;
    }
  }
  void write_indent() {
    const int indent = indent_ < 0 ? 0 : indent_;
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
    while (column_ < indent) put(' ');
    whitespace_ = true;
    indention_ = true;
  }
  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                       bool is_indention) {
    if (need_whitespace && !whitespace_) put(' ');
    for (std::size_t i = 0; i < indicator.size();) write(indicator, i);
    whitespace_ = is_whitespace;
    indention_ = indention_ && is_indention;
  }
  void increase_indent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }
  void pop_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void emit_node(const Node& node, bool mapping, bool simple_key) {
    mapping_context_ = mapping;
    simple_key_context_ = simple_key;
    switch (node.kind) {
      case Node::Kind::kScalar:
        emit_scalar(node.scalar);
        return;
      case Node::Kind::kList:
        if (node.items.empty()) {
          emit_empty("[", "]");
        } else {
          emit_block_sequence(node);
        }
        return;
      case Node::Kind::kMap:
        if (node.entries.empty()) {
          emit_empty("{", "}");
        } else {
          emit_block_mapping(node);
        }
        return;
    }
  }

  // An empty collection, in flow style.
  void emit_empty(std::string_view open, std::string_view close) {
    write_indicator(open, true, true, false);
    increase_indent(true, false);
    pop_indent();
    write_indicator(close, false, false, false);
  }

  void emit_block_sequence(const Node& node) {
    increase_indent(false, mapping_context_ && !indention_);
    for (const Node& item : node.items) {
      write_indent();
      write_indicator("-", true, false, true);
      emit_node(item, false, false);
    }
    pop_indent();
  }

  void emit_block_mapping(const Node& node) {
    increase_indent(false, false);
    for (const Entry& entry : node.entries) {
      write_indent();
      const Analysis key = analyze(entry.key.text);
      constexpr std::size_t kSimpleKeyLength = 128;
      if (!key.multiline && entry.key.text.size() <= kSimpleKeyLength) {
        emit_node(Node{.scalar = entry.key}, true, true);
        write_indicator(":", false, false, false);
      } else {
        write_indicator("?", true, false, true);
        emit_node(Node{.scalar = entry.key}, true, false);
        write_indent();
        write_indicator(":", true, false, true);
      }
      emit_node(entry.value, true, false);
    }
    pop_indent();
  }

  // yaml_emitter_select_scalar_style.
  Style select_style(const Scalar& scalar, const Analysis& a) const {
    Style style = scalar.style;
    if (simple_key_context_ && a.multiline) style = Style::kDoubleQuoted;
    if (style == Style::kPlain) {
      if (!a.block_plain_allowed) style = Style::kSingleQuoted;
      if (scalar.text.empty() && simple_key_context_) style = Style::kSingleQuoted;
    }
    if (style == Style::kSingleQuoted && !a.single_quoted_allowed) style = Style::kDoubleQuoted;
    if (style == Style::kLiteral && (!a.block_allowed || simple_key_context_)) {
      style = Style::kDoubleQuoted;
    }
    return style;
  }

  void emit_scalar(const Scalar& scalar) {
    const Analysis analysis = analyze(scalar.text);
    const Style style = select_style(scalar, analysis);
    increase_indent(true, false);
    const bool allow_breaks = !simple_key_context_;
    switch (style) {
      case Style::kPlain:
        write_plain(scalar.text, allow_breaks);
        break;
      case Style::kSingleQuoted:
        write_single_quoted(scalar.text, allow_breaks);
        break;
      case Style::kDoubleQuoted:
        write_double_quoted(scalar.text, allow_breaks);
        break;
      case Style::kLiteral:
        write_literal(scalar.text);
        break;
    }
    pop_indent();
  }

  void write_plain(std::string_view value, bool allow_breaks) {
    if (!whitespace_) put(' ');
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < value.size();) {
      if (is_space(value, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && !is_space(value, i + 1)) {
          write_indent();
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (is_break(value, i)) {
        if (!breaks && value[i] == '\n') put_break();
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(value, i);
        indention_ = false;
        spaces = false;
        breaks = false;
      }
    }
    whitespace_ = false;
    indention_ = false;
  }

  void write_single_quoted(std::string_view value, bool allow_breaks) {
    write_indicator("'", true, false, false);
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < value.size();) {
      if (is_space(value, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1 &&
            !is_space(value, i + 1)) {
          write_indent();
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else if (is_break(value, i)) {
        if (!breaks && value[i] == '\n') put_break();
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        if (value[i] == '\'') put('\'');
        write(value, i);
        indention_ = false;
        spaces = false;
        breaks = false;
      }
    }
    write_indicator("'", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }
  void write_double_quoted(std::string_view value, bool allow_breaks) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    bool spaces = false;
    write_indicator("\"", true, false, false);
    for (std::size_t i = 0; i < value.size();) {
      const auto octet = static_cast<unsigned char>(value[i]);
      if (!is_printable(value, i) || is_bom(value) || is_break(value, i) || octet == '"' ||
          octet == '\\') {
        std::size_t w = 1;
        char32_t v = octet & 0x7FU;
        if ((octet & 0xE0U) == 0xC0U) {
          w = 2;
          v = octet & 0x1FU;
        } else if ((octet & 0xF0U) == 0xE0U) {
          w = 3;
          v = octet & 0x0FU;
        } else if ((octet & 0xF8U) == 0xF0U) {
          w = 4;
          v = octet & 0x07U;
        }
        for (std::size_t k = 1; k < w; ++k) v = (v << 6U) + (byte_at(value, i + k) & 0x3FU);
        i += w;
        put('\\');
        switch (v) {
          case 0x00:
            put('0');
            break;
          case 0x07:
            put('a');
            break;
          case 0x08:
            put('b');
            break;
          case 0x09:
            put('t');
            break;
          case 0x0A:
            put('n');
            break;
          case 0x0B:
            put('v');
            break;
          case 0x0C:
            put('f');
            break;
          case 0x0D:
            put('r');
            break;
          case 0x1B:
            put('e');
            break;
          case 0x22:
            put('"');
            break;
          case 0x5C:
            put('\\');
            break;
          case 0x85:
            put('N');
            break;
          case 0xA0:
            put('_');
            break;
          case 0x2028:
            put('L');
            break;
          case 0x2029:
            put('P');
            break;
          default: {
            int digits = 8;
            if (v <= 0xFF) {
              put('x');
              digits = 2;
            } else if (v <= 0xFFFF) {
              put('u');
              digits = 4;
            } else {
              put('U');
            }
            for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
              put(kHex[(v >> static_cast<unsigned>(k)) & 0x0FU]);
            }
            break;
          }
        }
        spaces = false;
      } else if (is_space(value, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1) {
          write_indent();
          if (is_space(value, i + 1)) put('\\');
          i += 1;
        } else {
          write(value, i);
        }
        spaces = true;
      } else {
        write(value, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace_ = false;
    indention_ = false;
  }

  // yaml_emitter_write_block_scalar_hints.
  void write_block_scalar_hints(std::string_view value) {
    if (is_space(value, 0) || is_break(value, 0)) {
      write_indicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
    }
    char chomp = 0;
    if (value.empty()) {
      chomp = '-';
    } else {
      std::size_t i = value.size() - 1;
      while ((byte_at(value, i) & 0xC0U) == 0x80U) --i;
      if (!is_break(value, i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while ((byte_at(value, i) & 0xC0U) == 0x80U) --i;
        if (is_break(value, i)) chomp = '+';
      }
    }
    if (chomp != 0) write_indicator(std::string(1, chomp), false, false, false);
  }

  void write_literal(std::string_view value) {
    write_indicator("|", true, false, false);
    write_block_scalar_hints(value);
    put_break();
    indention_ = true;
    whitespace_ = true;
    bool breaks = true;
    for (std::size_t i = 0; i < value.size();) {
      if (is_break(value, i)) {
        write_break(value, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(value, i);
        indention_ = false;
        breaks = false;
      }
    }
  }

  std::string out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  int indent_ = -1;
  std::vector<int> indents_;
  bool mapping_context_ = false;
  bool simple_key_context_ = false;
};

}  // namespace

Result<std::string, Error> marshal_yaml(const Value& value) {
  auto node = build(value);
  if (!node.ok()) return node.error();
  Emitter emitter;
  emitter.document(node.value());
  return std::move(emitter).take();
}

std::string to_yaml(const Value& value) {
  auto text = marshal_yaml(value);
  if (!text.ok()) return "";
  std::string out = std::move(text).value();
  if (out.ends_with('\n')) out.pop_back();
  return out;
}

}  // namespace chartmirror::charts::values
