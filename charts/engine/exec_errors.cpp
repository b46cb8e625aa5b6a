#include "charts/engine/exec_errors.h"

#include <utility>
#include <vector>

#include "charts/engine/functions.h"

namespace chartmirror::charts::engine {
namespace {

// strings.SplitN(text, sep, n) (n < 0: no limit).
std::vector<std::string_view> split_n(std::string_view text, std::string_view sep, int n) {
  std::vector<std::string_view> out;
  while (n < 0 || static_cast<int>(out.size()) + 1 < n) {
    const std::size_t at = text.find(sep);
    if (at == std::string_view::npos) break;
    out.push_back(text.substr(0, at));
    text.remove_prefix(at + sep.size());
  }
  out.push_back(text);
  return out;
}

}  // namespace

std::string parse_error_text(std::string_view template_name, const tmpl::TemplateError& error) {
  const std::string text = error.describe();
  const auto tokens = split_n(text, ": ", -1);
  if (tokens.size() == 1) {
    return "parse error in (" + std::string(template_name) + "): " + text;
  }
  return "parse error at (" + std::string(tokens[1]) + "): " + std::string(tokens.back());
}

std::string exec_error_text(std::string_view template_name, const tmpl::TemplateError& error) {
  std::string text = error.describe();
  const auto tokens = split_n(text, ": ", 3);
  if (tokens.size() != 3) {
    return "execution error in (" + std::string(template_name) + "): " + text;
  }
  const std::size_t start = tokens[2].find(kHelmErrStart);
  const std::size_t end = tokens[2].rfind(kHelmErrEnd);
  if (start != std::string_view::npos && end != std::string_view::npos &&
      end >= start + kHelmErrStart.size()) {
    const std::size_t from = start + kHelmErrStart.size();
    return "execution error at (" + std::string(tokens[1]) +
           "): " + std::string(tokens[2].substr(from, end - from));
  }
  return text;
}

std::string json_type_name(const values::Value& value) {
  switch (value.kind()) {
    case values::Value::Kind::kList:
      return "array";
    case values::Value::Kind::kMap:
      return "object";
    case values::Value::Kind::kString:
      return "string";
    case values::Value::Kind::kBool:
      return "bool";
    case values::Value::Kind::kInt:
    case values::Value::Kind::kFloat:
      return "number";
    case values::Value::Kind::kNull:
      break;
  }
  return "null";
}

void remove_no_value(std::string& text) {
  constexpr std::string_view kNoValue = "<no value>";
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find(kNoValue); at != std::string::npos;
       at = text.find(kNoValue, from)) {
    out.append(text, from, at - from);
    from = at + kNoValue.size();
  }
  if (from == 0) return;
  out.append(text, from);
  text = std::move(out);
}

}  // namespace chartmirror::charts::engine
