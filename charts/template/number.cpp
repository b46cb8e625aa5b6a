// NumberNode::make — Go's parse.newNumber: which Go types can hold a numeric constant.
#include <cmath>

#include "charts/template/ast.h"
#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl {
namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

// float64(int64(f)) == f in Go: f is integral and within int64 (amd64 turns anything else into
// a different value).
bool fits_int64(double f) { return std::trunc(f) == f && f >= -kTwoTo63 && f < kTwoTo63; }
// float64(uint64(f)) == f: integral, within uint64; -0 counts as 0.
bool fits_uint64(double f) { return std::trunc(f) == f && f >= 0 && f < kTwoTo64; }

// Go's simplifyComplex: a complex number with no imaginary part is also a float, and maybe an
// integer.
void simplify_complex(NumberNode& n) {
  n.is_float = n.complex128.imag() == 0;
  if (!n.is_float) return;
  n.float64 = n.complex128.real();
  n.is_int = fits_int64(n.float64);
  if (n.is_int) n.int64 = static_cast<int64_t>(n.float64);
  n.is_uint = fits_uint64(n.float64);
  if (n.is_uint) n.uint64 = static_cast<uint64_t>(n.float64);
}

}  // namespace

Result<std::unique_ptr<NumberNode>, std::string> NumberNode::make(Pos pos, std::string text,
                                                                  NumberSyntax syntax) {
  auto n = std::make_unique<NumberNode>(pos, std::move(text));
  const std::string_view t = n->text;
  if (syntax == NumberSyntax::kCharacter) {
    const auto c = t.size() >= 2 ? go::unquote_char(t.substr(1), t[0]) : std::nullopt;
    if (!c) return std::string(go::kInvalidSyntax);
    if (c->tail != "'") return "malformed character constant: " + n->text;
    n->int64 = c->value;
    n->uint64 = c->value;
    n->float64 = c->value;  // odd, but Go's rules
    n->is_int = n->is_uint = n->is_float = true;
    return n;
  }
  if (syntax == NumberSyntax::kComplex) {
    auto value = go::scan_complex(t);
    if (!value) return value.error().message;
    n->complex128 = *value;
    n->is_complex = true;
    simplify_complex(*n);
    return n;
  }
  // An imaginary constant ("2i") is complex, and also a float or integer when it is zero.
  if (!t.empty() && t.back() == 'i') {
    if (const auto f = go::parse_float(t.substr(0, t.size() - 1))) {
      n->complex128 = {0, *f};
      n->is_complex = true;
      simplify_complex(*n);
      return n;
    }
  }
  // Integers first, so that 0x123 is read as hexadecimal.
  const auto u = go::parse_uint(t);
  if (u) {
    n->is_uint = true;
    n->uint64 = *u;
  }
  if (const auto i = go::parse_int(t)) {
    n->is_int = true;
    n->int64 = *i;
    if (*i == 0) {
      n->is_uint = true;  // -0
      n->uint64 = u.value_or(0);
    }
  }
  if (n->is_int) {
    n->is_float = true;
    n->float64 = static_cast<double>(n->int64);
  } else if (n->is_uint) {
    n->is_float = true;
    n->float64 = static_cast<double>(n->uint64);
  } else if (const auto f = go::parse_float(t)) {
    // A float that is written like an integer is an integer too large for 64 bits.
    if (t.find_first_of(".eEpP") == std::string_view::npos) {
      return "integer overflow: " + go::quote(t);
    }
    n->is_float = true;
    n->float64 = *f;
    if (fits_int64(*f)) {
      n->is_int = true;
      n->int64 = static_cast<int64_t>(*f);
    }
    if (fits_uint64(*f)) {
      n->is_uint = true;
      n->uint64 = static_cast<uint64_t>(*f);
    }
  }
  if (!n->is_int && !n->is_uint && !n->is_float) return "illegal number syntax: " + go::quote(t);
  return n;
}

}  // namespace chartmirror::charts::tmpl
