#include "controllers/image_selection.h"

namespace chartmirror::controllers {

bool image_glob_match(std::string_view pattern, std::string_view text) {
  // Iterative wildcard matching with one backtrack point: linear in practice.
  size_t p = 0;
  size_t t = 0;
  size_t star = std::string_view::npos;
  size_t resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool excluded(const registry::Reference& image, const std::vector<std::string>& patterns) {
  const std::string full = image.str();
  const std::string name = image.name();
  for (const std::string& pattern : patterns) {
    if (image_glob_match(pattern, full) || image_glob_match(pattern, name)) return true;
  }
  return false;
}

Result<std::vector<registry::Reference>, Error> extra_images(
    const std::vector<std::string>& extra) {
  std::vector<registry::Reference> out;
  for (size_t i = 0; i < extra.size(); ++i) {
    auto reference = registry::Reference::parse(extra[i]);
    if (!reference.ok()) {
      return Error{Error::Code::kInvalidSpec, "spec.images.extra[" + std::to_string(i) + "]",
                   "\"" + extra[i] + "\": " + reference.error().message};
    }
    out.push_back(std::move(reference).value());
  }
  return out;
}

}  // namespace chartmirror::controllers
