#include "charts/chart/ignore.h"

#include "charts/golang/filepath_match.h"
#include "charts/golang/path.h"
#include "charts/golang/unicode.h"

namespace chartmirror::charts {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// bufio.Scanner's default limit on a line.
constexpr size_t kMaxLine = size_t{64} * 1024;

bool matches(std::string_view glob, std::string_view name) {
  // A glob that compiled against "abc" when it was read can still fail on another name;
  // Helm logs that and counts it as no match.
  return go::match_glob(glob, name) == go::MatchResult::kMatch;
}

}  // namespace

Result<IgnoreRules, std::string> IgnoreRules::parse(std::string_view text) {
  IgnoreRules rules;
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  size_t number = 0;
  while (!text.empty()) {
    ++number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.size() >= kMaxLine) return "line " + std::to_string(number) + ": line too long";
    if (auto added = rules.add(line); !added.ok()) {
      return "line " + std::to_string(number) + ": " + added.error();
    }
  }
  return rules;
}

void IgnoreRules::add_defaults() {
  // Dot files directly inside templates/.
  rules_.push_back(Rule{.glob = "templates/.?*", .whole_path = true});
}

Status<std::string> IgnoreRules::add(std::string_view line) {
  std::string_view rule = go::trim_space(line);
  if (rule.empty() || rule.starts_with('#')) return Done{};
  if (rule.find("**") != std::string_view::npos) {
    return std::string("double-star (**) syntax is not supported");
  }
  // Helm compiles the rule as written, '!' and '/' included, against a sample name.
  if (go::match_glob(rule, "abc") == go::MatchResult::kBadPattern) {
    return "syntax error in pattern \"" + std::string(rule) + "\"";
  }
  Rule parsed;
  if (rule.starts_with('!')) {
    parsed.negate = true;
    rule.remove_prefix(1);
  }
  if (rule.ends_with('/')) {
    parsed.directories_only = true;
    rule.remove_suffix(1);
  }
  if (rule.starts_with('/')) {
    parsed.whole_path = true;
    rule.remove_prefix(1);
  } else {
    parsed.whole_path = rule.find('/') != std::string_view::npos;
  }
  parsed.glob = std::string(rule);
  rules_.push_back(std::move(parsed));
  return Done{};
}

bool IgnoreRules::ignored(std::string_view path, bool is_directory) const {
  // The chart's root is never ignored.
  if (path.empty() || path == "." || path == "./") return false;
  for (const Rule& rule : rules_) {
    const std::string_view name = rule.whole_path ? path : go::base_name(path);
    if (rule.negate) {
      if (rule.directories_only && !is_directory) return true;
      if (!matches(rule.glob, name)) return true;
      continue;
    }
    if (rule.directories_only && !is_directory) continue;
    if (matches(rule.glob, name)) return true;
  }
  return false;
}

}  // namespace chartmirror::charts
