// Mirrors Go's fmt/print.go (doPrintf, printArg, printValue, badVerb) and fmt/format.go (pad,
// fmtInteger, fmtFloat, fmtSbx, fmtQ), Go 1.23-1.26.
#include "charts/template/go_fmt.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

#include "charts/golang/format_float.h"
#include "charts/golang/quote.h"
#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl::go {
namespace {

using values::Value;

constexpr int kTooLarge = 1000000;  // fmt's tooLarge

int rune_count(std::string_view s) {
  int n = 0;
  while (!s.empty()) {
    s.remove_prefix(static_cast<size_t>(decode_rune(s).width));
    ++n;
  }
  return n;
}

struct Flags {
  bool plus = false;
  bool minus = false;
  bool sharp = false;
  bool space = false;
  bool zero = false;
  bool sharp_v = false;  // %#v: Go syntax
  bool wid_present = false;
  bool prec_present = false;
  int wid = 0;
  int prec = 0;
};

class Printer {
 public:
  std::string buf;
  Flags f;

  void print_arg(const ExecValue& arg, char32_t verb) {
    if (verb == 'T') {
      pad(truncate(arg.type_name()));
      return;
    }
    print(arg.unboxed(), verb, 0);
  }

 private:
  void write_padding(int n) {
    if (n <= 0) return;
    buf.append(static_cast<size_t>(n), f.zero && !f.minus ? '0' : ' ');
  }
  void pad(std::string_view s) {
    if (!f.wid_present || f.wid == 0) {
      buf += s;
      return;
    }
    const int width = f.wid - rune_count(s);
    if (!f.minus) {
      write_padding(width);
      buf += s;
    } else {
      buf += s;
      write_padding(width);
    }
  }
  // pad() with zero padding off (fmtInteger, fmtC, Inf and NaN).
  void pad_spaces(std::string_view s) {
    const bool old_zero = f.zero;
    f.zero = false;
    pad(s);
    f.zero = old_zero;
  }
  std::string_view truncate(std::string_view s) const {
    if (!f.prec_present) return s;
    size_t at = 0;
    for (int n = 0; n < f.prec && at < s.size(); ++n) {
      at += static_cast<size_t>(decode_rune(s.substr(at)).width);
    }
    return s.substr(0, at);
  }

  void bad_verb(const ExecValue& v, char32_t verb) {
    buf += "%!";
    append_rune(buf, verb);
    buf += '(';
    if (v.is_nil()) {
      buf += "<nil>";
    } else {
      buf += v.type_name();
      buf += '=';
      print(v, 'v', 0);
    }
    buf += ')';
  }

  void print(const ExecValue& v, char32_t verb, int depth) {
    const Value& value = v.value();
    switch (value.kind()) {
      case Value::Kind::kNull:
        if (depth > 0 && f.sharp_v) {
          buf += "interface {}(nil)";
        } else if (depth > 0 || verb == 'v') {
          pad("<nil>");
        } else {
          bad_verb(v, verb);
        }
        return;
      case Value::Kind::kBool:
        if (verb == 't' || verb == 'v') {
          pad(value.as_bool() ? "true" : "false");
        } else {
          bad_verb(v, verb);
        }
        return;
      case Value::Kind::kInt:
        fmt_int(v, verb);
        return;
      case Value::Kind::kFloat:
        fmt_float(v, verb);
        return;
      case Value::Kind::kString:
        fmt_string(v, verb);
        return;
      case Value::Kind::kList: {
        buf += f.sharp_v ? "[]interface {}{" : "[";
        bool first = true;
        for (const Value& item : value.as_list()) {
          if (!first) buf += f.sharp_v ? ", " : " ";
          first = false;
          print(ExecValue::boxed(item).unboxed(), verb, depth + 1);
        }
        buf += f.sharp_v ? '}' : ']';
        return;
      }
      case Value::Kind::kMap: {
        buf += f.sharp_v ? "map[string]interface {}{" : "map[";
        bool first = true;
        for (const auto& [key, item] : value.as_map()) {
          if (!first) buf += f.sharp_v ? ", " : " ";
          first = false;
          print(ExecValue(Value(key)), verb, depth + 1);
          buf += ':';
          print(ExecValue::boxed(item).unboxed(), verb, depth + 1);
        }
        buf += f.sharp_v ? '}' : ']';
        return;
      }
    }
  }

  void fmt_int(const ExecValue& v, char32_t verb) {
    const int64_t i = v.value().as_int();
    switch (verb) {
      case 'v':
      case 'd':
        fmt_integer(i, 10, verb, "0123456789abcdefx");
        return;
      case 'b':
        fmt_integer(i, 2, verb, "0123456789abcdefx");
        return;
      case 'o':
      case 'O':
        fmt_integer(i, 8, verb, "0123456789abcdefx");
        return;
      case 'x':
        fmt_integer(i, 16, verb, "0123456789abcdefx");
        return;
      case 'X':
        fmt_integer(i, 16, verb, "0123456789ABCDEFX");
        return;
      case 'c': {
        std::string out;
        append_rune(out, i < 0 || i > kMaxRune ? kRuneError : static_cast<char32_t>(i));
        pad_spaces(out);
        return;
      }
      case 'q': {
        const char32_t r = i < 0 || i > kMaxRune ? kRuneError : static_cast<char32_t>(i);
        std::string ch;
        append_rune(ch, r);
        std::string quoted;
        if (r == '\'') {
          quoted = "'\\''";
        } else if (r == '"') {
          quoted = "'\"'";
        } else {
          quoted = charts::go::quote(ch);
          quoted.front() = '\'';
          quoted.back() = '\'';
        }
        pad_spaces(quoted);
        return;
      }
      case 'U': {
        char hex[32];
        std::snprintf(hex, sizeof hex, "U+%0*llX", f.prec_present && f.prec > 4 ? f.prec : 4,
                      static_cast<unsigned long long>(i));
        pad_spaces(hex);
        return;
      }
      default:
        bad_verb(v, verb);
    }
  }

  // fmt.fmtInteger.
  void fmt_integer(int64_t value, unsigned base, char32_t verb, std::string_view digits) {
    const bool negative = value < 0;
    uint64_t u = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
    int prec = 0;
    if (f.prec_present) {
      prec = f.prec;
      if (prec == 0 && u == 0) {
        const bool old_zero = f.zero;
        f.zero = false;
        write_padding(f.wid);
        f.zero = old_zero;
        return;
      }
    } else if (f.zero && !f.minus && f.wid_present) {
      prec = f.wid;
      if (negative || f.plus || f.space) --prec;
    }
    std::string rev;  // digits, least significant first
    do {
      rev += digits[u % base];
      u /= base;
    } while (u != 0);
    while (static_cast<int>(rev.size()) < prec) rev += '0';
    if (f.sharp) {
      if (base == 2) {
        rev += "b0";
      } else if (base == 8 && rev.back() != '0') {
        rev += '0';
      } else if (base == 16) {
        rev += digits[16];
        rev += '0';
      }
    }
    if (verb == 'O') rev += "o0";
    if (negative) {
      rev += '-';
    } else if (f.plus) {
      rev += '+';
    } else if (f.space) {
      rev += ' ';
    }
    pad_spaces(std::string(rev.rbegin(), rev.rend()));
  }

  void fmt_float(const ExecValue& v, char32_t verb) {
    const double x = v.value().as_float();
    switch (verb) {
      case 'v':
        fmt_float_as(x, 'g', -1);
        return;
      case 'g':
      case 'G':
        fmt_float_as(x, static_cast<char>(verb), -1);
        return;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
        fmt_float_as(x, static_cast<char>(verb), 6);
        return;
      default:
        bad_verb(v, verb);
    }
  }

  // strconv.AppendFloat(x, verb, prec, 64) with its sign always written (fmt.fmtFloat's form).
  static std::string format_float(double x, char verb, int prec) {
    const bool upper = verb == 'E' || verb == 'G';
    const char lower = verb == 'F' ? 'f' : static_cast<char>(std::tolower(verb));
    std::string num;
    if (prec < 0) {
      num = charts::go::format_float(x, lower);
    } else {
      // C's %e/%f/%g round exactly and write two-digit exponents, as strconv does with an
      // explicit precision (strconv's %g also drops trailing zeros, like C's).
      const char spec[] = {'%', '.', '*', lower, '\0'};
      char out[512];
      const int n = std::snprintf(out, sizeof out, spec, prec == 0 && lower == 'g' ? 1 : prec, x);
      num = n > 0 && n < static_cast<int>(sizeof out) ? std::string(out, static_cast<size_t>(n))
                                                      : charts::go::format_float(x, lower);
      if (num == "inf" || num == "-inf" || num == "nan" || num == "-nan") {
        num = charts::go::format_float(x, lower);
      }
    }
    if (upper) {
      for (char& c : num) {
        if (c == 'e') c = 'E';
      }
    }
    if (num[0] != '-' && num[0] != '+') num.insert(num.begin(), '+');
    return num;
  }

  void fmt_float_as(double x, char verb, int prec) {
    std::string num = format_float(x, verb, f.prec_present ? f.prec : prec);
    if (f.space && num[0] == '+' && !f.plus) num[0] = ' ';
    if (num[1] == 'I' || num[1] == 'N') {
      if (num[1] == 'N' && !f.space && !f.plus) num.erase(0, 1);
      pad_spaces(num);
      return;
    }
    if (f.plus || num[0] != '+') {
      if (f.zero && !f.minus && f.wid_present && f.wid > static_cast<int>(num.size())) {
        buf += num[0];
        write_padding(f.wid - static_cast<int>(num.size()));
        buf.append(num, 1);
        return;
      }
      pad(num);
      return;
    }
    pad(std::string_view(num).substr(1));
  }

  void fmt_string(const ExecValue& v, char32_t verb) {
    const std::string& s = v.value().as_string();
    switch (verb) {
      case 'v':
        if (f.sharp_v) {
          fmt_q(s);
        } else {
          pad(truncate(s));
        }
        return;
      case 's':
        pad(truncate(s));
        return;
      case 'x':
        fmt_sx(s, "0123456789abcdefx");
        return;
      case 'X':
        fmt_sx(s, "0123456789ABCDEFX");
        return;
      case 'q':
        fmt_q(s);
        return;
      default:
        bad_verb(v, verb);
    }
  }

  // fmt.fmtQ.
  void fmt_q(std::string_view s) {
    const std::string_view t = truncate(s);
    if (f.sharp && can_backquote(t)) {
      pad("`" + std::string(t) + "`");
    } else {
      pad(charts::go::quote(t));
    }
  }

  static bool can_backquote(std::string_view s) {
    while (!s.empty()) {
      const DecodedRune r = decode_rune(s);
      if (r.rune == kRuneError && r.width == 1) return false;
      if (r.rune == '`' || r.rune == 0xFEFF || (r.rune < ' ' && r.rune != '\t') || r.rune == 0x7F) {
        return false;
      }
      s.remove_prefix(static_cast<size_t>(r.width));
    }
    return true;
  }

  // fmt.fmtSbx for a string.
  void fmt_sx(std::string_view s, std::string_view digits) {
    int length = static_cast<int>(s.size());
    if (f.prec_present && f.prec < length) length = f.prec;
    int width = 2 * length;
    if (width > 0) {
      if (f.space) {
        if (f.sharp) width *= 2;
        width += length - 1;
      } else if (f.sharp) {
        width += 2;
      }
    } else {
      if (f.wid_present) write_padding(f.wid);
      return;
    }
    if (f.wid_present && f.wid > width && !f.minus) write_padding(f.wid - width);
    if (f.sharp) {
      buf += '0';
      buf += digits[16];
    }
    for (int i = 0; i < length; ++i) {
      if (f.space && i > 0) {
        buf += ' ';
        if (f.sharp) {
          buf += '0';
          buf += digits[16];
        }
      }
      const auto c = static_cast<unsigned char>(s[static_cast<size_t>(i)]);
      buf += digits[c >> 4U];
      buf += digits[c & 0xFU];
    }
    if (f.wid_present && f.wid > width && f.minus) write_padding(f.wid - width);
  }
};

// fmt.intFromArg.
bool int_from_arg(const std::vector<ExecValue>& args, size_t& arg_num, int& num) {
  if (arg_num >= args.size()) return false;
  const ExecValue& arg = args[arg_num++];
  if (!arg.value().is_int()) {
    num = 0;
    return false;
  }
  const int64_t n = arg.value().as_int();
  if (n > kTooLarge || n < -kTooLarge) {
    num = 0;
    return false;
  }
  num = static_cast<int>(n);
  return true;
}

// fmt.parsenum.
bool parse_num(std::string_view format, size_t& i, int& num) {
  bool is_num = false;
  num = 0;
  for (; i < format.size() && format[i] >= '0' && format[i] <= '9'; ++i) {
    if (num > kTooLarge) {
      i = format.size();
      num = 0;
      return false;
    }
    num = num * 10 + (format[i] - '0');
    is_num = true;
  }
  return is_num;
}

std::string print_operands(const std::vector<ExecValue>& args, bool line) {
  Printer p;
  bool prev_string = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const bool is_string = args[i].value().is_string();
    if (i > 0 && (line || (!is_string && !prev_string))) p.buf += ' ';
    p.print_arg(args[i], 'v');
    prev_string = is_string;
  }
  if (line) p.buf += '\n';
  return std::move(p.buf);
}

}  // namespace

std::string sprint(const std::vector<ExecValue>& args) { return print_operands(args, false); }

std::string sprintln(const std::vector<ExecValue>& args) { return print_operands(args, true); }

std::string sprintf(std::string_view format, const std::vector<ExecValue>& args) {
  Printer p;
  size_t arg_num = 0;
  const size_t end = format.size();
  size_t i = 0;
  while (i < end) {
    const size_t last = i;
    while (i < end && format[i] != '%') ++i;
    p.buf.append(format.substr(last, i - last));
    if (i >= end) break;
    ++i;  // '%'
    p.f = Flags{};
    for (bool flags = true; flags && i < end; ++i) {
      switch (format[i]) {
        case '#':
          p.f.sharp = true;
          break;
        case '0':
          p.f.zero = true;
          break;
        case '+':
          p.f.plus = true;
          break;
        case '-':
          p.f.minus = true;
          break;
        case ' ':
          p.f.space = true;
          break;
        default:
          flags = false;
          --i;  // undone by the loop's ++i
      }
    }
    if (i < end && format[i] == '*') {
      ++i;
      p.f.wid_present = int_from_arg(args, arg_num, p.f.wid);
      if (!p.f.wid_present) p.buf += "%!(BADWIDTH)";
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
    } else {
      p.f.wid_present = parse_num(format, i, p.f.wid);
    }
    if (i + 1 < end && format[i] == '.') {
      ++i;
      if (i < end && format[i] == '*') {
        ++i;
        p.f.prec_present = int_from_arg(args, arg_num, p.f.prec);
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.prec_present = false;
        }
        if (!p.f.prec_present) p.buf += "%!(BADPREC)";
      } else {
        p.f.prec_present = parse_num(format, i, p.f.prec);
        if (!p.f.prec_present) {
          p.f.prec = 0;
          p.f.prec_present = true;
        }
      }
    }
    if (i >= end) {
      p.buf += "%!(NOVERB)";
      break;
    }
    const DecodedRune decoded = decode_rune(format.substr(i));
    const char32_t verb = decoded.rune;
    i += static_cast<size_t>(decoded.width);
    if (verb == '%') {
      p.buf += '%';
    } else if (arg_num >= args.size()) {
      p.buf += "%!";
      append_rune(p.buf, verb);
      p.buf += "(MISSING)";
    } else {
      if (verb == 'v') {
        // Go moves '#' to sharpV (Go syntax) and '+' to plusV (struct field names, which no
        // value here has).
        p.f.sharp_v = p.f.sharp;
        p.f.sharp = false;
        p.f.plus = false;
      }
      p.print_arg(args[arg_num++], verb);
    }
  }
  if (arg_num < args.size()) {
    p.f = Flags{};
    p.buf += "%!(EXTRA ";
    for (size_t k = arg_num; k < args.size(); ++k) {
      if (k > arg_num) p.buf += ", ";
      if (args[k].is_nil()) {
        p.buf += "<nil>";
      } else {
        p.buf += args[k].type_name();
        p.buf += '=';
        p.print_arg(args[k], 'v');
      }
    }
    p.buf += ')';
  }
  return std::move(p.buf);
}

}  // namespace chartmirror::charts::tmpl::go
