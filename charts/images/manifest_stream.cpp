#include "charts/images/manifest_stream.h"

#include "charts/golang/unicode.h"

namespace chartmirror::charts::images {
namespace {

constexpr std::string_view kSeparator = "---";
constexpr std::string_view kSourcePrefix = "# Source: ";

// The ASCII part of Go's \s in regexp (RE2): [\t\n\f\r ].
bool is_regexp_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

struct Separator {
  size_t begin = std::string_view::npos;
  size_t end = std::string_view::npos;
};

// The leftmost separator that starts at or after `from`.
Separator next_separator(std::string_view text, size_t from) {
  if (from == 0 && text.starts_with(kSeparator)) return {0, kSeparator.size()};
  for (size_t dashes = text.find(kSeparator, from); dashes != std::string_view::npos;
       dashes = text.find(kSeparator, dashes + 1)) {
    if (dashes == 0 || dashes - 1 < from || text[dashes - 1] != '\n') continue;
    size_t begin = dashes - 1;  // the newline; the whitespace before it belongs too
    while (begin > from && is_regexp_space(text[begin - 1])) --begin;
    return {begin, dashes + kSeparator.size()};
  }
  return {};
}

void add(std::string_view document, std::vector<ManifestDocument>& out) {
  document = go::trim_space(document);
  if (document.empty()) return;
  ManifestDocument doc{.source = {}, .text = std::string(document)};
  if (document.starts_with(kSourcePrefix)) {
    const std::string_view rest = document.substr(kSourcePrefix.size());
    doc.source = std::string(go::trim_space(rest.substr(0, rest.find('\n'))));
  }
  out.push_back(std::move(doc));
}

}  // namespace

std::vector<ManifestDocument> split_manifests(std::string_view stream) {
  const std::string_view text = go::trim_space(stream);
  std::vector<ManifestDocument> out;
  size_t start = 0;
  while (true) {
    const Separator separator = next_separator(text, start);
    if (separator.begin == std::string_view::npos) break;
    add(text.substr(start, separator.begin - start), out);
    size_t end = separator.end;
    while (end < text.size() && is_regexp_space(text[end])) ++end;
    start = end;
  }
  add(text.substr(start), out);
  return out;
}

}  // namespace chartmirror::charts::images
