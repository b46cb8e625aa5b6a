#include "charts/values/value.h"

#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace chartmirror::charts::values {
namespace {

[[noreturn]] void wrong_kind(const char* wanted, const Value& value) {
  std::fprintf(stderr, "chartmirror: Value::%s() of a %s\n", wanted, go_type_name(value).c_str());
  std::abort();
}

// Copy on write: a list or map shared with another Value is cloned before it is changed.
template <typename T>
T& unshare(std::shared_ptr<T>& ptr) {
  if (ptr.use_count() != 1) {
    ptr = std::make_shared<T>(*ptr);
  } else {
    // Pairs with the release in the last other owner's decrement, so that its reads of the
    // shared container happen before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return *ptr;
}

// The shortest decimal digits of a finite, non-zero |f| and the position of the decimal
// point relative to them: f = 0.DIGITS × 10^point (Go's decimalSlice nd/dp).
struct Decimal {
  std::string digits;
  int point = 0;
};

Decimal shortest_decimal(double f, int bit_size) {
  char buf[64];
  constexpr int kFloat32Bits = 32;
  const auto result =
      bit_size == kFloat32Bits
          ? std::to_chars(buf, buf + sizeof buf, std::fabs(static_cast<float>(f)),
                          std::chars_format::scientific)
          : std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  const std::string_view text(buf, static_cast<std::size_t>(result.ptr - buf));
  const std::size_t e = text.find('e');
  Decimal d;
  for (const char c : text.substr(0, e)) {
    if (c != '.') d.digits += c;
  }
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  d.point = std::atoi(std::string(text.substr(e + 1)).c_str()) + 1;
  return d;
}

std::string format_e(const Decimal& d) {
  std::string out(1, d.digits[0]);
  if (d.digits.size() > 1) out += "." + d.digits.substr(1);
  const int exp = d.point - 1;
  out += exp < 0 ? "e-" : "e+";
  const int magnitude = std::abs(exp);
  if (magnitude < 10) out += '0';
  out += std::to_string(magnitude);
  return out;
}

std::string format_f(const Decimal& d) {
  const int nd = static_cast<int>(d.digits.size());
  std::string out;
  if (d.point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-d.point), '0') + d.digits;
  } else if (d.point >= nd) {
    out = d.digits + std::string(static_cast<std::size_t>(d.point - nd), '0');
  } else {
    out = d.digits.substr(0, static_cast<std::size_t>(d.point)) + "." +
          d.digits.substr(static_cast<std::size_t>(d.point));
  }
  return out;
}

void append_go(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "<nil>";
      return;
    case Value::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      return;
    case Value::Kind::kInt:
      out += std::to_string(value.as_int());
      return;
    case Value::Kind::kFloat:
      out += format_go_float(value.as_float(), 'g');
      return;
    case Value::Kind::kString:
      out += value.as_string();
      return;
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ' ';
        first = false;
        append_go(out, item);
      }
      out += ']';
      return;
    }
    case Value::Kind::kMap: {
      out += "map[";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ' ';
        first = false;
        out += key;
        out += ':';
        append_go(out, item);
      }
      out += ']';
      return;
    }
  }
}

}  // namespace

bool Value::as_bool() const {
  if (!is_bool()) wrong_kind("as_bool", *this);
  return std::get<bool>(data_);
}

std::int64_t Value::as_int() const {
  if (!is_int()) wrong_kind("as_int", *this);
  return std::get<std::int64_t>(data_);
}

double Value::as_float() const {
  if (!is_float()) wrong_kind("as_float", *this);
  return std::get<double>(data_);
}

double Value::as_number() const {
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(data_));
  if (!is_float()) wrong_kind("as_number", *this);
  return std::get<double>(data_);
}

const std::string& Value::as_string() const {
  if (!is_string()) wrong_kind("as_string", *this);
  return std::get<std::string>(data_);
}

const Value::List& Value::as_list() const {
  if (!is_list()) wrong_kind("as_list", *this);
  return *std::get<std::shared_ptr<List>>(data_);
}

const Value::Map& Value::as_map() const {
  if (!is_map()) wrong_kind("as_map", *this);
  return *std::get<std::shared_ptr<Map>>(data_);
}

Value::List& Value::as_list() {
  if (!is_list()) wrong_kind("as_list", *this);
  return unshare(std::get<std::shared_ptr<List>>(data_));
}

Value::Map& Value::as_map() {
  if (!is_map()) wrong_kind("as_map", *this);
  return unshare(std::get<std::shared_ptr<Map>>(data_));
}

Value& Value::operator[](std::string_view key) {
  if (is_null()) data_ = std::make_shared<Map>();
  Map& map = as_map();
  const auto it = map.find(key);
  if (it != map.end()) return it->second;
  return map.emplace(std::string(key), Value()).first->second;
}

const Value* Value::find(std::string_view key) const {
  if (!is_map()) return nullptr;
  const Map& map = as_map();
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

const Value* Value::find_path(std::string_view dotted) const {
  if (dotted.empty()) return this;
  return find_path(split_path(dotted));
}

const Value* Value::find_path(const std::vector<std::string>& path) const {
  const Value* current = this;
  for (const auto& key : path) {
    current = current->find(key);
    if (current == nullptr) return nullptr;
  }
  return current;
}

std::size_t Value::size() const {
  if (is_list()) return as_list().size();
  if (is_map()) return as_map().size();
  return 0;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
      return a.as_bool() == b.as_bool();
    case Value::Kind::kInt:
      return a.as_int() == b.as_int();
    case Value::Kind::kFloat:
      return a.as_float() == b.as_float();
    case Value::Kind::kString:
      return a.as_string() == b.as_string();
    case Value::Kind::kList: {
      const auto& pa = std::get<std::shared_ptr<Value::List>>(a.data_);
      const auto& pb = std::get<std::shared_ptr<Value::List>>(b.data_);
      return pa == pb || *pa == *pb;
    }
    case Value::Kind::kMap: {
      const auto& pa = std::get<std::shared_ptr<Value::Map>>(a.data_);
      const auto& pb = std::get<std::shared_ptr<Value::Map>>(b.data_);
      return pa == pb || *pa == *pb;
    }
  }
  return false;
}

std::string go_type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "<nil>";
    case Value::Kind::kBool:
      return "bool";
    case Value::Kind::kInt:
      return "int64";
    case Value::Kind::kFloat:
      return "float64";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kList:
      return "[]interface {}";
    case Value::Kind::kMap:
      return "map[string]interface {}";
  }
  return "";
}

std::string format_go(const Value& value) {
  std::string out;
  append_go(out, value);
  return out;
}

std::string format_go_float(double f, char fmt, int bit_size) {
  if (std::isnan(f)) return "NaN";
  if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
  const std::string sign = std::signbit(f) ? "-" : "";
  if (f == 0) return sign + (fmt == 'e' ? "0e+00" : "0");
  const Decimal d = shortest_decimal(f, bit_size);
  if (fmt == 'e') return sign + format_e(d);
  if (fmt == 'f') return sign + format_f(d);
  // 'g' with the shortest precision: %e when the exponent is < -4 or >= 6 (strconv's eprec).
  const int exp = d.point - 1;
  constexpr int kShortestExponentLimit = 6;
  if (exp < -4 || exp >= kShortestExponentLimit) return sign + format_e(d);
  return sign + format_f(d);
}

std::string quote_go(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\a':
        out += "\\a";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\v':
        out += "\\v";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          out += "\\x";
          out += kHex[c >> 4];
          out += kHex[c & 0xf];
        } else {
          out += ch;  // printable ASCII, and UTF-8 sequences kept as written
        }
    }
  }
  out += '"';
  return out;
}

std::vector<std::string> split_path(std::string_view dotted) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) {
      parts.emplace_back(dotted.substr(start));
      return parts;
    }
    parts.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
}

}  // namespace chartmirror::charts::values
