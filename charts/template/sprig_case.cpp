// Sprig's word functions from github.com/huandu/xstrings v1.5.0 and
// github.com/Masterminds/goutils v1.1.1: camelcase (xstrings.ToPascalCase), snakecase
// (ToSnakeCase), kebabcase (ToKebabCase), shuffle (Shuffle), wrap (goutils.Wrap) and
// wrapWith (goutils.WrapCustom with long words wrapped).
//
// xstrings classifies runes with Go's Unicode tables (letters, upper case, punctuation,
// spaces); this file has the ASCII part of those tables only, so camelcase, snakecase and
// kebabcase refuse non-ASCII text, as upper and lower do (sprig.h). wrap counts bytes, as
// goutils does. shuffle permutes runes at random; Go's math/rand sequence is not reproduced.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "charts/golang/utf8.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_upper(c) || is_lower(c); }
bool is_number(char c) { return c >= '0' && c <= '9'; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
// unicode.IsSpace, '-' and '_'.
bool is_connector(char c) { return c == '-' || c == '_' || c == ' ' || (c >= '\t' && c <= '\r'); }
// unicode.IsPunct on ASCII: the P categories; $ + < = > ^ ` | ~ are symbols (S).
bool is_punct(char c) {
  return std::string_view(R"(!"#%&'()*,-./:;?@[\]_{})").find(c) != std::string_view::npos;
}

Result<std::string, GoError> ascii_only(std::string_view s, std::string_view function) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return GoError{"non-ASCII text is not supported by " + std::string(function)};
    }
  }
  return std::string(s);
}

// xstrings' toCamelCase(s, isBig=true): connectors dropped and the letter after them upper
// case; a run of upper case letters keeps only its first upper case.
std::string pascal_case(std::string_view s) {
  std::string out;
  if (s.empty()) return out;
  std::size_t i = 0;
  char r0 = 0;
  bool first_upper = false;
  for (; i < s.size(); ++i) {
    r0 = s[i];
    if (!is_connector(r0)) {
      first_upper = is_upper(r0);
      r0 = to_upper(r0);
      ++i;
      break;
    }
    out += r0;
  }
  if (i >= s.size()) {
    out += r0;  // also after a string of connectors only, which xstrings writes twice
    return out;
  }
  for (; i < s.size(); ++i) {
    const char r1 = r0;
    r0 = s[i];
    if (is_connector(r0) && is_connector(r1)) {
      out += r1;
      continue;
    }
    if (is_connector(r1)) {
      first_upper = is_upper(r0);
      r0 = to_upper(r0);
    } else {
      if (first_upper) {
        if (is_upper(r0)) {
          r0 = to_lower(r0);
        } else {
          first_upper = false;
        }
      }
      out += r1;
    }
  }
  out += r0;
  return out;
}

// xstrings' word types and nextWord, on ASCII.
enum class Word { kInvalid, kNumber, kUpper, kAlphabet, kConnector, kPunct, kOther };

struct Next {
  Word type = Word::kInvalid;
  std::string_view word;
  std::string_view rest;
};

Next next_word(std::string_view s) {
  if (s.empty()) return {};
  std::size_t n = 1;
  const char c = s[0];
  const auto run = [&](auto&& in_word) {
    while (n < s.size() && in_word(s[n])) ++n;
  };
  Word type = Word::kOther;
  if (is_connector(c)) {
    type = Word::kConnector;
    run(is_connector);
  } else if (is_punct(c)) {
    type = Word::kPunct;
    run(is_punct);
  } else if (is_upper(c)) {
    type = Word::kUpper;
    if (n < s.size() && is_upper(s[n])) {
      run(is_upper);
      // "HTTPStatus" is "HTTP" and "Status".
      if (n < s.size() && is_letter(s[n])) --n;
    } else if (n < s.size() && is_letter(s[n])) {
      run(is_lower);
    }
  } else if (is_letter(c)) {
    type = Word::kAlphabet;
    run(is_lower);
  } else if (is_number(c)) {
    type = Word::kNumber;
    run(is_number);
  } else {
    run([](char x) { return !is_connector(x) && !is_letter(x) && !is_number(x) && !is_punct(x); });
  }
  return {type, s.substr(0, n), s.substr(n)};
}

void write_lower(std::string& out, Word type, std::string_view word, char connector) {
  if (type != Word::kUpper && type != Word::kConnector) {
    out += word;
    return;
  }
  for (const char c : word) out += is_connector(c) ? connector : to_lower(c);
}

// xstrings' camelCaseToLowerCase.
std::string lower_case_words(std::string_view s, char connector) {
  std::string out;
  if (s.empty()) return out;
  Next n = next_word(s);
  const auto advance = [&] { n = next_word(n.rest); };
  while (!n.rest.empty()) {
    if (n.type != Word::kConnector) write_lower(out, n.type, n.word, connector);
    const Word prev = n.type;
    const std::string_view last = n.word;
    advance();
    switch (prev) {
      case Word::kNumber:
        while (n.type == Word::kAlphabet || n.type == Word::kNumber) {
          write_lower(out, n.type, n.word, connector);
          advance();
        }
        if (n.type != Word::kInvalid && n.type != Word::kPunct && n.type != Word::kConnector) {
          out += connector;
        }
        break;
      case Word::kConnector:
        write_lower(out, prev, last, connector);
        break;
      case Word::kPunct:
        break;
      default: {
        if (n.type != Word::kNumber) {
          if (n.type != Word::kConnector && n.type != Word::kPunct) out += connector;
          break;
        }
        if (n.rest.empty()) break;
        const std::string_view number = n.word;
        advance();
        // A number is part of the word before it ("Bld4Floor" is "bld4_floor")...
        if (n.type != Word::kAlphabet) {
          write_lower(out, Word::kNumber, number, connector);
          if (n.type != Word::kConnector && n.type != Word::kPunct) out += connector;
          break;
        }
        // ...unless lower case letters follow it ("HTTP2xx" is "http_2xx").
        out += connector;
        write_lower(out, Word::kNumber, number, connector);
        while (n.type == Word::kAlphabet || n.type == Word::kNumber) {
          write_lower(out, n.type, n.word, connector);
          advance();
        }
        if (n.type != Word::kInvalid && n.type != Word::kConnector && n.type != Word::kPunct) {
          out += connector;
        }
      }
    }
  }
  write_lower(out, n.type, n.word, connector);
  return out;
}

// goutils.WrapCustom: breaks at the last space within `width` bytes; a longer word is cut
// (wrap_long) or kept whole up to the next space. Spaces at the start of a line go.
std::string wrap_custom(std::string_view s, std::int64_t width_arg, std::string_view newline,
                        bool wrap_long) {
  if (s.empty()) return "";
  if (newline.empty()) newline = "\n";
  const std::size_t width = width_arg < 1 ? 1 : static_cast<std::size_t>(width_arg);
  std::string out;
  std::size_t offset = 0;
  while (s.size() - offset > width) {
    if (s[offset] == ' ') {
      ++offset;
      continue;
    }
    const std::size_t space = s.substr(offset, width + 1).rfind(' ');
    if (space != std::string_view::npos) {
      out += s.substr(offset, space);
      out += newline;
      offset += space + 1;
    } else if (wrap_long) {
      out += s.substr(offset, width);
      out += newline;
      offset += width;
    } else {
      const std::size_t next = s.find(' ', offset + width);
      if (next == std::string_view::npos) {
        out += s.substr(offset);
        offset = s.size();
      } else {
        out += s.substr(offset, next - offset);
        out += newline;
        offset = next + 1;
      }
    }
  }
  out += s.substr(offset);
  return out;
}

std::string shuffle(std::string_view s) {
  std::vector<std::string_view> runes;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t width = go::decode_rune(s.substr(i)).width;
    runes.push_back(s.substr(i, width));
    i += width;
  }
  std::random_device seed;
  std::mt19937_64 engine(seed());
  std::shuffle(runes.begin(), runes.end(), engine);
  std::string out;
  for (const std::string_view r : runes) out += r;
  return out;
}

Function case_function(std::string_view name, std::string (*convert)(std::string_view)) {
  return fixed({ParamType::kString}, [name, convert](CallContext&, Args& a) -> FunctionResult {
    auto s = ascii_only(a[0].value().as_string(), name);
    if (!s.ok()) return s.error().message;
    return ExecValue(Value(convert(*s)));
  });
}

}  // namespace

void add_case(FunctionMap& m) {
  using P = ParamType;
  m["camelcase"] = case_function("camelcase", pascal_case);
  m["snakecase"] =
      case_function("snakecase", [](std::string_view s) { return lower_case_words(s, '_'); });
  m["kebabcase"] =
      case_function("kebabcase", [](std::string_view s) { return lower_case_words(s, '-'); });
  m["shuffle"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(Value(shuffle(a[0].value().as_string())));
  });
  m["wrap"] = fixed({P::kInt, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    return ExecValue(
        Value(wrap_custom(a[1].value().as_string(), a[0].value().as_int(), "", false)));
  });
  m["wrapWith"] =
      fixed({P::kInt, P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
        return ExecValue(Value(wrap_custom(a[2].value().as_string(), a[0].value().as_int(),
                                           a[1].value().as_string(), true)));
      });
}

}  // namespace chartmirror::charts::tmpl::sprig
