// charts/chart/ignore.h — .helmignore rules, as Helm's pkg/ignore reads and applies them.
//
// A rules file is read line by line: blank lines and lines starting with '#' are skipped,
// leading and trailing spaces removed. A rule is a filepath.Match glob
// (charts/golang/filepath_match.h); "**" is an error, as is a glob Go cannot compile.
//   - "!rule" negates; "rule/" matches directories only; "/rule" matches the path from the
//     chart's root; a rule with a '/' inside matches the whole path; one without matches the
//     base name.
//   - Rules are tried in order and the first that decides wins. A plain rule decides "ignore"
//     when it matches. A negated rule is not gitignore's: it decides "ignore" when it does NOT
//     match (or is for directories and the path is a file), and lets the next rule decide when
//     it matches.
//   - Helm adds "templates/.?*" after the file's rules: dot files directly in templates/.
// A directory that is ignored is skipped whole.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace chartmirror::charts {

class IgnoreRules {
 public:
  // The rules of a .helmignore file; the error names the line and what is wrong with it.
  [[nodiscard]] static Result<IgnoreRules, std::string> parse(std::string_view text);

  // Helm's default rule, which Helm adds to every chart directory's rules, last.
  void add_defaults();

  // Whether `path` (relative to the chart's root, '/'-separated) is left out of the chart.
  [[nodiscard]] bool ignored(std::string_view path, bool is_directory) const;

 private:
  struct Rule {
    std::string glob;  // without the leading '!' and '/', and the trailing '/'
    bool negate = false;
    bool directories_only = false;
    bool whole_path = false;  // a '/' in the rule: match the path, not the base name
  };

  [[nodiscard]] Status<std::string> add(std::string_view line);

  std::vector<Rule> rules_;
};

}  // namespace chartmirror::charts
