#include "operator/cli/flags.h"

#include <optional>

namespace chartmirror::cli {

void FlagSet::add_bool(std::string name, bool* target, char alias) {
  if (alias != 0) aliases_[alias] = name;
  flags_[std::move(name)] = Flag{.boolean = target};
}

void FlagSet::add_string(std::string name, std::string* target, char alias) {
  if (alias != 0) aliases_[alias] = name;
  flags_[std::move(name)] = Flag{.text = target};
}

void FlagSet::add_strings(std::string name, std::vector<std::string>* target, char alias) {
  if (alias != 0) aliases_[alias] = name;
  flags_[std::move(name)] = Flag{.texts = target};
}

Result<std::vector<std::string>, std::string> FlagSet::parse(
    std::span<const std::string_view> args) const {
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") {
      for (++i; i < args.size(); ++i) positional.emplace_back(args[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      positional.emplace_back(arg);
      continue;
    }
    std::string name;
    std::optional<std::string> value;
    if (arg[1] == '-') {
      const auto equals = arg.find('=');
      name = std::string(arg.substr(2, equals == std::string_view::npos ? arg.npos : equals - 2));
      if (equals != std::string_view::npos) value = std::string(arg.substr(equals + 1));
    } else if (arg.size() == 2 && aliases_.count(arg[1]) != 0) {
      name = aliases_.at(arg[1]);
    } else {
      return "unknown flag '" + std::string(arg) + "'";
    }
    const auto flag = flags_.find(name);
    if (flag == flags_.end()) return "unknown flag '" + std::string(arg) + "'";
    if (flag->second.boolean != nullptr) {
      if (value && *value != "true" && *value != "false") {
        return "flag --" + name + " takes no value other than true or false";
      }
      *flag->second.boolean = !value || *value == "true";
      continue;
    }
    if (!value) {
      if (i + 1 >= args.size()) return "flag --" + name + " needs a value";
      value = std::string(args[++i]);
    }
    if (flag->second.text != nullptr) {
      *flag->second.text = *value;
    } else {
      flag->second.texts->push_back(*value);
    }
  }
  return positional;
}

}  // namespace chartmirror::cli
