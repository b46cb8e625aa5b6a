// operator/cli/flags.h — GNU-style flags for the subcommands: `--name value`, `--name=value`,
// booleans as `--name`, repeatable flags, one-letter aliases (`-f`), and `--` ending flags.
// Anything else starting with `-` is a usage error naming it.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "support/result.h"

namespace chartmirror::cli {

class FlagSet {
 public:
  void add_bool(std::string name, bool* target, char alias = 0);
  void add_string(std::string name, std::string* target, char alias = 0);
  void add_strings(std::string name, std::vector<std::string>* target, char alias = 0);

  // The positional arguments, or a sentence saying what is wrong with the flags.
  [[nodiscard]] Result<std::vector<std::string>, std::string> parse(
      std::span<const std::string_view> args) const;

 private:
  struct Flag {
    bool* boolean = nullptr;
    std::string* text = nullptr;
    std::vector<std::string>* texts = nullptr;
  };
  std::map<std::string, Flag, std::less<>> flags_;
  std::map<char, std::string> aliases_;
};

}  // namespace chartmirror::cli
