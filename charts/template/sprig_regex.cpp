// Sprig's regex functions (regex.go): regexMatch regexFindAll regexFind regexReplaceAll
// regexReplaceAllLiteral regexSplit regexQuoteMeta and the must* forms, with Go's regexp.
//
// Matching is Google RE2, whose syntax and leftmost-first semantics Go's regexp shares. What
// Go adds around the matcher is reproduced here rather than taken from RE2: FindAll's and
// ReplaceAll's rules for empty matches (an empty match right after a match is skipped, and
// the search steps one UTF-8 rune), Split, and ReplaceAllString's $1 / ${name} expansion.
// Compile errors carry Go's texts ("error parsing regexp: missing closing ): `(`"); the
// non-must forms panic with MustCompile's text, except regexMatch, which Sprig lets answer
// false.
//
// Divergences: RE2 rejects a capture name used twice and the (?<name>) form, which Go 1.23
// accepts, and its Unicode tables may differ from Go's in version. Where RE2 names the
// offending part of an expression differently from Go, the error's quoted part differs.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <re2/re2.h>

#include "charts/golang/quote.h"
#include "charts/golang/unicode.h"
#include "charts/golang/utf8.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// regexp/syntax's ErrorCode texts, by RE2's code.
std::string_view go_error_code(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape:
      return "invalid escape sequence";
    case RE2::ErrorBadCharClass:
      return "invalid character class";
    case RE2::ErrorBadCharRange:
      return "invalid character class range";
    case RE2::ErrorMissingBracket:
      return "missing closing ]";
    case RE2::ErrorMissingParen:
      return "missing closing )";
    case RE2::ErrorUnexpectedParen:
      return "unexpected )";
    case RE2::ErrorTrailingBackslash:
      return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument:
      return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize:
      return "invalid repeat count";
    case RE2::ErrorRepeatOp:
      return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp:
      return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8:
      return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture:
      return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large";
    default:
      return "regexp/syntax: internal error";
  }
}

// The part of the expression Go's error quotes. Go quotes the whole expression for an
// unbalanced parenthesis and nothing for a trailing backslash; RE2 names the same fragment
// as Go otherwise.
std::string go_error_arg(const RE2& re) {
  switch (re.error_code()) {
    case RE2::ErrorMissingParen:
    case RE2::ErrorUnexpectedParen:
      return re.pattern();
    case RE2::ErrorTrailingBackslash:
      return "";
    default:
      return re.error_arg();
  }
}

// regexp's quote(): backquoted when strconv.CanBackquote, else strconv.Quote.
std::string go_regexp_quote(std::string_view s) {
  bool backquote = go::valid_utf8(s);
  for (std::size_t i = 0; backquote && i < s.size();) {
    const go::DecodedRune r = go::decode_rune(s.substr(i));
    if (r.rune == U'`' || r.rune == 0xFEFF || r.rune == 0x7F || (r.rune < U' ' && r.rune != U'\t'))
      backquote = false;
    i += r.width;
  }
  return backquote ? "`" + std::string(s) + "`" : go::quote(s);
}

struct Compiled {
  std::unique_ptr<RE2> re;
  std::string error;  // Go's error text when re failed to compile
};

Compiled compile(const std::string& expr) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_encoding(RE2::Options::EncodingUTF8);
  auto re = std::make_unique<RE2>(expr, options);
  if (re->ok()) return {std::move(re), ""};
  const std::string error =
      "error parsing regexp: " + std::string(go_error_code(re->error_code())) + ": `" +
      go_error_arg(*re) + "`";
  return {nullptr, error};
}

// A match: byte offsets of the whole match and of each group, -1 for a group that did not
// take part (Go's []int of FindStringSubmatchIndex).
using Match = std::vector<std::ptrdiff_t>;

bool match_at(const RE2& re, std::string_view s, std::size_t pos, Match& out) {
  const int groups = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(groups));
  if (!re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), RE2::UNANCHORED, sub.data(),
                groups)) {
    return false;
  }
  out.assign(static_cast<std::size_t>(groups) * 2, -1);
  for (std::size_t i = 0; i < sub.size(); ++i) {
    if (sub[i].data() == nullptr) continue;
    out[2 * i] = sub[i].data() - s.data();
    out[2 * i + 1] = out[2 * i] + static_cast<std::ptrdiff_t>(sub[i].size());
  }
  return true;
}

std::size_t rune_width(std::string_view s, std::size_t pos) {
  return pos < s.size() ? go::decode_rune(s.substr(pos)).width : 0;
}

// regexp's allMatches: at most n matches (all when n < 0), skipping an empty match that
// abuts the previous match.
std::vector<Match> find_all(const RE2& re, std::string_view s, std::int64_t n) {
  std::vector<Match> out;
  if (n < 0) n = static_cast<std::int64_t>(s.size()) + 1;
  std::ptrdiff_t prev_end = -1;
  Match m;
  for (std::size_t pos = 0; static_cast<std::int64_t>(out.size()) < n && pos <= s.size();) {
    if (!match_at(re, s, pos, m)) break;
    bool accept = true;
    if (m[1] == static_cast<std::ptrdiff_t>(pos)) {
      if (m[0] == prev_end) accept = false;
      const std::size_t width = rune_width(s, pos);
      pos += width > 0 ? width : 1;
    } else {
      pos = static_cast<std::size_t>(m[1]);
    }
    prev_end = m[1];
    if (accept) out.push_back(m);
  }
  return out;
}

std::string_view group(std::string_view s, const Match& m, std::size_t i) {
  if (2 * i + 1 >= m.size() || m[2 * i] < 0) return {};
  return s.substr(static_cast<std::size_t>(m[2 * i]),
                  static_cast<std::size_t>(m[2 * i + 1] - m[2 * i]));
}

// regexp's extract: the name after '$' ("1", "name", "{name}"), the group number it names
// (-1 when not a number) and the length it spans; length 0 when malformed.
struct Reference {
  std::string name;
  int number = -1;
  std::size_t length = 0;
};

Reference extract(std::string_view t) {
  Reference ref;
  const bool brace = !t.empty() && t[0] == '{';
  std::size_t i = brace ? 1 : 0;
  const std::size_t start = i;
  while (i < t.size()) {
    const go::DecodedRune r = go::decode_rune(t.substr(i));
    if (!go::is_letter(r.rune) && !go::is_digit(r.rune) && r.rune != U'_') break;
    i += r.width;
  }
  if (i == start) return ref;
  ref.name = std::string(t.substr(start, i - start));
  if (brace) {
    if (i >= t.size() || t[i] != '}') return ref;
    ++i;
  }
  ref.number = 0;
  for (const char c : ref.name) {
    if (c < '0' || c > '9' || ref.number >= 100000000) {
      ref.number = -1;
      break;
    }
    ref.number = ref.number * 10 + (c - '0');
  }
  if (ref.name.size() > 1 && ref.name[0] == '0') ref.number = -1;
  ref.length = i;
  return ref;
}

// regexp's expand: `repl` with $1, ${1}, $name and ${name} replaced by the groups of `m`.
void expand(std::string& out, std::string_view repl, const RE2& re, std::string_view s,
            const Match& m) {
  while (!repl.empty()) {
    const std::size_t dollar = repl.find('$');
    if (dollar == std::string_view::npos) break;
    out += repl.substr(0, dollar);
    repl.remove_prefix(dollar + 1);
    if (!repl.empty() && repl[0] == '$') {
      out += '$';
      repl.remove_prefix(1);
      continue;
    }
    const Reference ref = extract(repl);
    if (ref.length == 0) {
      out += '$';
      continue;
    }
    repl.remove_prefix(ref.length);
    if (ref.number >= 0) {
      out += group(s, m, static_cast<std::size_t>(ref.number));
    } else {
      const auto& names = re.NamedCapturingGroups();
      const auto it = names.find(ref.name);
      if (it != names.end()) out += group(s, m, static_cast<std::size_t>(it->second));
    }
  }
  out += repl;
}

// regexp's replaceAll, with `repl` expanded or taken literally.
std::string replace_all(const RE2& re, std::string_view s, std::string_view repl, bool literal) {
  std::string out;
  std::size_t last_end = 0;
  Match m;
  for (std::size_t pos = 0; pos <= s.size();) {
    if (!match_at(re, s, pos, m)) break;
    const auto begin = static_cast<std::size_t>(m[0]);
    const auto end = static_cast<std::size_t>(m[1]);
    out += s.substr(last_end, begin - last_end);
    if (end > last_end || begin == 0) {
      if (literal) {
        out += repl;
      } else {
        expand(out, repl, re, s, m);
      }
    }
    last_end = end;
    const std::size_t width = rune_width(s, pos);
    if (pos + width > end) {
      pos += width;
    } else if (pos + 1 > end) {
      ++pos;
    } else {
      pos = end;
    }
  }
  out += s.substr(last_end);
  return out;
}

// regexp's Split; n == 0 is Go's nil slice, an empty list here.
Value::List split(const RE2& re, std::string_view s, std::int64_t n) {
  Value::List out;
  if (n == 0) return out;
  if (!re.pattern().empty() && s.empty()) return {Value("")};
  std::size_t begin = 0;
  std::size_t end = 0;
  for (const Match& m : find_all(re, s, n)) {
    if (n > 0 && static_cast<std::int64_t>(out.size()) == n - 1) break;
    end = static_cast<std::size_t>(m[0]);
    if (m[1] != 0) out.emplace_back(s.substr(begin, end - begin));
    begin = static_cast<std::size_t>(m[1]);
  }
  if (end != s.size()) out.emplace_back(s.substr(begin));
  return out;
}

// A []string result. Go's FindAllString returns a nil slice when nothing matches, which
// toJson writes as null; here it is an empty list (see sprig.h).
ExecValue strings_of(const std::vector<Match>& matches, std::string_view s) {
  Value::List out;
  for (const Match& m : matches) out.emplace_back(group(s, m, 0));
  return ExecValue(Value(std::move(out)));
}

std::string quote_meta(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (std::string_view(R"(\.+*?()|[]{}^$)").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// What a function does with an expression that does not compile.
enum class OnError { kPanic, kError, kFalse };

using RegexCall = std::function<FunctionResult(const RE2&, Args&)>;

Function regex_function(std::vector<ParamType> params, RegexCall call, OnError on_error) {
  return fixed(std::move(params), [call = std::move(call), on_error](CallContext&, Args& a) {
    const std::string& expr = a[0].value().as_string();
    const Compiled c = compile(expr);
    if (c.re != nullptr) return call(*c.re, a);
    switch (on_error) {
      case OnError::kPanic:
        return FunctionResult("regexp: Compile(" + go_regexp_quote(expr) + "): " + c.error);
      case OnError::kError:
        return FunctionResult(c.error);
      case OnError::kFalse:
        break;
    }
    return FunctionResult(ExecValue(Value(false)));
  });
}

// NAME panics with MustCompile's text, mustNAME returns the compile error.
void register_pair(FunctionMap& m, const std::string& name, const std::vector<ParamType>& params,
                   const RegexCall& call) {
  std::string must = "must" + name;
  must[4] = 'R';
  m[name] = regex_function(params, call, OnError::kPanic);
  m[must] = regex_function(params, call, OnError::kError);
}

}  // namespace

void add_regex(FunctionMap& m) {
  using P = ParamType;
  const auto matches = [](const RE2& re, Args& a) -> FunctionResult {
    Match unused;
    return ExecValue(Value(match_at(re, a[1].value().as_string(), 0, unused)));
  };
  // Sprig's regexMatch ignores the compile error: a bad expression matches nothing.
  m["regexMatch"] = regex_function({P::kString, P::kString}, matches, OnError::kFalse);
  m["mustRegexMatch"] = regex_function({P::kString, P::kString}, matches, OnError::kError);
  register_pair(m, "regexFindAll", {P::kString, P::kString, P::kInt},
                [](const RE2& re, Args& a) -> FunctionResult {
                  const std::string& s = a[1].value().as_string();
                  return strings_of(find_all(re, s, a[2].value().as_int()), s);
                });
  register_pair(m, "regexFind", {P::kString, P::kString},
                [](const RE2& re, Args& a) -> FunctionResult {
                  const std::string& s = a[1].value().as_string();
                  Match found;
                  if (!match_at(re, s, 0, found)) return ExecValue(Value(""));
                  return ExecValue(Value(group(s, found, 0)));
                });
  register_pair(m, "regexReplaceAll", {P::kString, P::kString, P::kString},
                [](const RE2& re, Args& a) -> FunctionResult {
                  return ExecValue(Value(
                      replace_all(re, a[1].value().as_string(), a[2].value().as_string(), false)));
                });
  register_pair(m, "regexReplaceAllLiteral", {P::kString, P::kString, P::kString},
                [](const RE2& re, Args& a) -> FunctionResult {
                  return ExecValue(Value(
                      replace_all(re, a[1].value().as_string(), a[2].value().as_string(), true)));
                });
  register_pair(
      m, "regexSplit", {P::kString, P::kString, P::kInt},
      [](const RE2& re, Args& a) -> FunctionResult {
        return ExecValue(Value(split(re, a[1].value().as_string(), a[2].value().as_int())));
      });
  m["regexQuoteMeta"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(quote_meta(a[0].value().as_string())));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
