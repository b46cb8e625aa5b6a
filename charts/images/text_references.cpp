#include "charts/images/text_references.h"

#include <algorithm>
#include <string>

#include "charts/golang/unicode.h"

namespace chartmirror::charts::images {
namespace {

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `text` without one pair of matching surrounding quotes.
std::string_view unquote(std::string_view text) {
  if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
      text.back() == text.front()) {
    return text.substr(1, text.size() - 2);
  }
  return text;
}

// A YAML or JSON key as written before ": ": plain, or quoted, and without spaces.
bool is_key(std::string_view key) {
  key = unquote(key);
  return !key.empty() && std::none_of(key.begin(), key.end(), is_ascii_space);
}

class Collector {
 public:
  explicit Collector(std::vector<TextReference>& out) : out_(out) {}

  void add(std::string_view candidate, TemplateMatch match) {
    auto reference = parse_full_reference(candidate);
    if (!reference) return;
    const std::string text = reference->str();
    const bool seen = std::any_of(out_.begin(), out_.end(), [&](const TextReference& found) {
      return found.reference.str() == text;
    });
    if (!seen) out_.push_back(TextReference{.reference = std::move(*reference), .match = match});
  }

  // The whole text, else what follows its first '='.
  void add_with_flag(std::string_view text, TemplateMatch whole, TemplateMatch flag) {
    const size_t before = out_.size();
    add(text, whole);
    if (out_.size() != before) return;
    const size_t equals = text.find('=');
    if (equals != std::string_view::npos) add(unquote(text.substr(equals + 1)), flag);
  }

  void add_line(std::string_view line) {
    line = go::trim_space(line);
    if (line.starts_with("- ")) line = go::trim_space(line.substr(2));
    const size_t before = out_.size();
    add_with_flag(unquote(line), TemplateMatch::kTextLine, TemplateMatch::kTextLine);
    if (out_.size() != before) return;
    const size_t colon = line.find(": ");
    if (colon == std::string_view::npos || !is_key(line.substr(0, colon))) return;
    std::string_view value = go::trim_space(line.substr(colon + 2));
    if (value.ends_with(',')) value.remove_suffix(1);
    add(unquote(value), TemplateMatch::kTextLine);
  }

 private:
  std::vector<TextReference>& out_;
};

}  // namespace

std::optional<registry::Reference> parse_full_reference(std::string_view text) {
  if (text.empty() || std::any_of(text.begin(), text.end(), is_ascii_space)) return std::nullopt;
  const size_t at = text.find('@');
  const std::string_view name_and_tag = text.substr(0, at);
  const size_t slash = name_and_tag.rfind('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const bool has_tag = name_and_tag.find(':', slash) != std::string_view::npos;
  if (!has_tag && at == std::string_view::npos) return std::nullopt;
  auto parsed = registry::Reference::parse(text);
  if (!parsed.ok()) return std::nullopt;
  return std::move(parsed).value();
}

std::vector<TextReference> references_in_text(std::string_view text) {
  std::vector<TextReference> out;
  Collector collect(out);
  if (text.find('\n') == std::string_view::npos) {
    collect.add_with_flag(go::trim_space(text), TemplateMatch::kString, TemplateMatch::kFlagValue);
    return out;
  }
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find('\n', start), text.size());
    collect.add_line(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace chartmirror::charts::images
