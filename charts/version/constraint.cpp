#include "charts/version/constraint.h"

#include <algorithm>
#include <array>

namespace chartmirror::charts {
namespace {

using version_detail::Comparison;
using version_detail::Operator;
using version_detail::Wildcard;

// Constraints are short; the bound keeps the range search below (quadratic) cheap.
constexpr size_t kMaxLength = 1024;

constexpr std::string_view kSyntaxHint =
    "write comparisons such as \">=1.2.3 <2.0.0\", \"^1.2\", \"~1.2.x\" or \"1.2 - 1.4.5\", "
    "alternatives separated by \"||\"";

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

Error invalid(std::string_view text, std::string_view why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "invalid version constraint " + quoted(text) + ": " + std::string(why)};
}

// Go's regexp \s: [\t\n\f\r ].
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_identifier_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}
// A character of a version number in a constraint. Masterminds writes the class
// [0-9|x|X|\*], so '|' is one too: "1 - 2||3" reads "2||3" as a version before the "||" split.
bool is_number_char(char c) { return is_digit(c) || c == 'x' || c == 'X' || c == '*' || c == '|'; }
bool is_operator_char(char c) {
  return std::string_view("=!<>~^").find(c) != std::string_view::npos;
}
bool is_wildcard(std::string_view number) {
  return number == "x" || number == "X" || number == "*";
}

template <typename Pred>
size_t run_end(std::string_view text, size_t pos, Pred pred) {
  while (pos < text.size() && pred(text[pos])) ++pos;
  return pos;
}
size_t skip_spaces(std::string_view text, size_t pos) { return run_end(text, pos, is_space); }

struct OperatorSpelling {
  std::string_view text;
  Operator op;
};
constexpr std::array<OperatorSpelling, 12> kOperators = {{
    {"", Operator::kEqual},
    {"=", Operator::kEqual},
    {"!=", Operator::kNotEqual},
    {">", Operator::kGreater},
    {"<", Operator::kLess},
    {">=", Operator::kGreaterOrEqual},
    {"=>", Operator::kGreaterOrEqual},
    {"<=", Operator::kLessOrEqual},
    {"=<", Operator::kLessOrEqual},
    {"~", Operator::kTilde},
    {"~>", Operator::kTilde},
    {"^", Operator::kCaret},
}};

// A version as a constraint writes it (Masterminds' cvRegex), split into its parts.
struct VersionText {
  size_t end = 0;               // where it ends in the text it was read from
  std::string_view all;         // "v1.2.x-rc.1+b"
  std::string_view major;       // "1"
  std::string_view minor;       // ".2", with its dot; "" when absent
  std::string_view patch;       // ".x"
  std::string_view prerelease;  // "-rc.1", with its dash
};

// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` from `pos`: where it ends (`pos` when there is none).
size_t identifiers_end(std::string_view text, size_t pos) {
  size_t end = run_end(text, pos, is_identifier_char);
  if (end == pos) return pos;
  while (end + 1 < text.size() && text[end] == '.' && is_identifier_char(text[end + 1])) {
    end = run_end(text, end + 1, is_identifier_char);
  }
  return end;
}

// cvRegex matched at `pos`. Every part is optional after MAJOR and nothing follows inside the
// pattern, so the regexp's greedy choice is the only one: read each part while it is there.
std::optional<VersionText> read_version(std::string_view text, size_t pos) {
  const size_t start = pos;
  if (pos + 1 < text.size() && text[pos] == 'v' && is_number_char(text[pos + 1])) ++pos;
  const size_t major_end = run_end(text, pos, is_number_char);
  if (major_end == pos) return std::nullopt;
  VersionText version{.major = text.substr(pos, major_end - pos)};
  pos = major_end;
  for (std::string_view* number : {&version.minor, &version.patch}) {
    if (pos + 1 < text.size() && text[pos] == '.' && is_number_char(text[pos + 1])) {
      const size_t end = run_end(text, pos + 1, is_number_char);
      *number = text.substr(pos, end - pos);
      pos = end;
    }
  }
  for (const char mark : {'-', '+'}) {
    if (pos == text.size() || text[pos] != mark) continue;
    const size_t end = identifiers_end(text, pos + 1);
    if (end == pos + 1) continue;  // a lone mark is not part of the version
    if (mark == '-') version.prerelease = text.substr(pos, end - pos);
    pos = end;
  }
  version.end = pos;
  version.all = text.substr(start, pos - start);
  return version;
}

// A hyphen range, `\s*(VERSION)\s+-\s+(VERSION)\s*`, matched at `begin`.
struct RangeText {
  size_t end = 0;
  std::string_view low;
  std::string_view high;
};
std::optional<RangeText> read_range(std::string_view text, size_t begin) {
  const auto low = read_version(text, skip_spaces(text, begin));
  if (!low) return std::nullopt;
  const size_t dash = skip_spaces(text, low->end);
  if (dash == low->end || dash == text.size() || text[dash] != '-') return std::nullopt;
  const size_t high_begin = skip_spaces(text, dash + 1);
  if (high_begin == dash + 1) return std::nullopt;
  const auto high = read_version(text, high_begin);
  if (!high) return std::nullopt;
  return RangeText{.end = skip_spaces(text, high->end), .low = low->all, .high = high->all};
}

// Masterminds' rewriteRange: every hyphen range found in the text (leftmost first, without
// overlap) becomes ">= LOW, <= HIGH ", replacing the first occurrence of the matched text.
// It runs before the split at "||".
std::string rewrite_ranges(std::string_view text) {
  std::string rewritten(text);
  for (size_t pos = 0; pos < text.size();) {
    std::optional<RangeText> range;
    size_t begin = pos;
    for (; begin < text.size(); ++begin) {
      range = read_range(text, begin);
      if (range) break;
    }
    if (!range) break;
    const std::string_view matched = text.substr(begin, range->end - begin);
    const std::string replacement =
        ">= " + std::string(range->low) + ", <= " + std::string(range->high) + " ";
    if (const size_t at = rewritten.find(matched); at != std::string::npos) {
      rewritten.replace(at, matched.size(), replacement);
    }
    pos = range->end;
  }
  return rewritten;
}

// Go's strings.Split(text, "||").
std::vector<std::string_view> split_alternatives(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = text.find("||"); at != std::string_view::npos; at = text.find("||", start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 2;
  }
  parts.push_back(text.substr(start));
  return parts;
}

struct Term {
  Operator op;
  VersionText version;
};

// One alternative: OPERATOR VERSION, then more of them each after spaces or a comma
// (Masterminds' validConstraintRegex, whose matches findConstraintRegex then splits the same
// way). An operator is followed by spaces or a version, so it is the whole run of operator
// characters. Nothing when the text is not of that form.
std::optional<std::vector<Term>> read_terms(std::string_view text) {
  std::vector<Term> terms;
  size_t pos = skip_spaces(text, 0);
  while (true) {
    const size_t operator_end = run_end(text, pos, is_operator_char);
    const std::string_view spelling = text.substr(pos, operator_end - pos);
    const auto* op = std::find_if(kOperators.begin(), kOperators.end(),
                                  [&](const OperatorSpelling& o) { return o.text == spelling; });
    if (op == kOperators.end()) return std::nullopt;
    const auto version = read_version(text, skip_spaces(text, operator_end));
    if (!version) return std::nullopt;
    terms.push_back(Term{.op = op->op, .version = *version});
    const size_t next = skip_spaces(text, version->end);
    if (next == text.size()) return terms;
    if (text[next] == ',') {
      pos = skip_spaces(text, next + 1);
    } else if (next > version->end) {
      pos = next;
    } else {
      return std::nullopt;
    }
  }
}

// Masterminds' parseConstraint: the first wildcard (or omitted number) decides the kind of
// range; it and what follows read as 0, the prerelease is kept and the build dropped.
Result<Comparison, Error> to_comparison(std::string_view constraint, const Term& term) {
  const VersionText& text = term.version;
  const std::string prerelease(text.prerelease);
  std::string version_text;
  Wildcard wildcard = Wildcard::kNone;
  if (is_wildcard(text.major)) {
    wildcard = Wildcard::kMajor;
    version_text = "0.0.0" + prerelease;
  } else if (text.minor.empty() || is_wildcard(text.minor.substr(1))) {
    wildcard = Wildcard::kMinor;
    version_text = std::string(text.major) + ".0.0" + prerelease;
  } else if (text.patch.empty() || is_wildcard(text.patch.substr(1))) {
    wildcard = Wildcard::kPatch;
    version_text = std::string(text.major) + std::string(text.minor) + ".0" + prerelease;
  } else {
    version_text = std::string(text.all);
  }
  auto version = Version::parse(version_text);
  if (!version) {
    return invalid(constraint, quoted(text.all) + " is not a version: " + version.error().message);
  }
  return Comparison{.op = term.op, .version = std::move(version).value(), .wildcard = wildcard};
}

// The comparisons, one function per operator as Masterminds has them. `c` is the comparison's
// version, `v` the candidate. Each first applies the prerelease rule, in the caller.

bool tilde(const Version& v, const Version& c, Wildcard wildcard) {
  if (v < c) return false;
  // ~0.0.0 (and "~*", "~x") admits everything.
  if (c.major() == 0 && c.minor() == 0 && c.patch() == 0 && wildcard != Wildcard::kMinor &&
      wildcard != Wildcard::kPatch) {
    return true;
  }
  if (v.major() != c.major()) return false;
  return v.minor() == c.minor() || wildcard == Wildcard::kMinor;
}

bool caret(const Version& v, const Version& c, Wildcard wildcard) {
  if (v < c) return false;
  if (c.major() > 0 || wildcard == Wildcard::kMinor) return v.major() == c.major();
  if (v.major() > 0) return false;
  if (c.minor() > 0 || wildcard == Wildcard::kPatch) return v.minor() == c.minor();
  if (v.minor() > 0) return false;
  return v.patch() == c.patch();
}

bool greater(const Version& v, const Version& c, Wildcard wildcard) {
  if (wildcard == Wildcard::kNone) return v > c;
  if (v.major() != c.major()) return v.major() > c.major();
  if (wildcard == Wildcard::kMinor) return false;                  // ">1" needs 2 or more
  if (wildcard == Wildcard::kPatch) return v.minor() > c.minor();  // ">1.1" needs 1.2 or more
  return v > c;
}

bool less_or_equal(const Version& v, const Version& c, Wildcard wildcard) {
  if (wildcard == Wildcard::kNone) return v <= c;
  if (v.major() > c.major()) return false;
  return !(v.major() == c.major() && v.minor() > c.minor() && wildcard != Wildcard::kMinor);
}

bool not_equal(const Version& v, const Version& c, Wildcard wildcard) {
  if (wildcard != Wildcard::kNone) {
    if (c.major() != v.major()) return true;
    if (c.minor() != v.minor() && wildcard != Wildcard::kMinor) return true;
    if (wildcard == Wildcard::kMinor) return false;
    if (c.patch() != v.patch() && wildcard != Wildcard::kPatch) return true;
    if (wildcard == Wildcard::kPatch) {
      return (v.is_prerelease() || c.is_prerelease()) &&
             compare_prerelease(v.prerelease(), c.prerelease()) != 0;
    }
  }
  return v != c;
}

}  // namespace

namespace version_detail {

bool Comparison::admits(const Version& candidate) const {
  // Masterminds issue 21: a comparison whose version has no prerelease is not looking for
  // prereleases, so none satisfies it. "!=" applies the rule only to a wildcard version.
  const bool prerelease_excluded = candidate.is_prerelease() && !version.is_prerelease();
  if (prerelease_excluded && (op != Operator::kNotEqual || wildcard != Wildcard::kNone)) {
    return false;
  }
  switch (op) {
    case Operator::kEqual:
      return wildcard == Wildcard::kNone ? candidate == version
                                         : tilde(candidate, version, wildcard);
    case Operator::kNotEqual:
      return not_equal(candidate, version, wildcard);
    case Operator::kGreater:
      return greater(candidate, version, wildcard);
    case Operator::kLess:
      return candidate < version;
    case Operator::kGreaterOrEqual:
      return candidate >= version;
    case Operator::kLessOrEqual:
      return less_or_equal(candidate, version, wildcard);
    case Operator::kTilde:
      return tilde(candidate, version, wildcard);
    case Operator::kCaret:
      return caret(candidate, version, wildcard);
  }
  return false;
}

}  // namespace version_detail

Result<Constraint, Error> Constraint::parse(std::string_view text) {
  if (text.size() > kMaxLength) {
    return invalid(text.substr(0, 40), "longer than " + std::to_string(kMaxLength) + " characters");
  }
  Constraint constraint;
  constraint.text_ = std::string(text);
  const std::string rewritten = rewrite_ranges(text);
  for (const std::string_view alternative : split_alternatives(rewritten)) {
    auto terms = read_terms(alternative);
    if (!terms) {
      const std::string where =
          alternative == text ? "" : "cannot read " + quoted(alternative) + "; ";
      return invalid(text, where + std::string(kSyntaxHint));
    }
    std::vector<Comparison> comparisons;
    for (const Term& term : *terms) {
      auto comparison = to_comparison(text, term);
      if (!comparison) return comparison.error();
      comparisons.push_back(std::move(comparison).value());
    }
    constraint.alternatives_.push_back(std::move(comparisons));
  }
  return constraint;
}

bool Constraint::check(const Version& version) const {
  return std::any_of(alternatives_.begin(), alternatives_.end(), [&](const auto& comparisons) {
    return std::all_of(comparisons.begin(), comparisons.end(),
                       [&](const Comparison& c) { return c.admits(version); });
  });
}

std::optional<Version> Constraint::anchor() const {
  const Comparison& first = alternatives_.front().front();
  if (first.wildcard == Wildcard::kMajor) return std::nullopt;
  return first.version;
}

}  // namespace chartmirror::charts
