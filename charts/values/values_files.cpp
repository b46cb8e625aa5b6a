// values.Options.MergeValues: the -f files, then the --set family (declared in set_parser.h).
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

Error invalid(std::string message) {
  return Error{.code = Error::Code::kInvalidInput, .message = std::move(message)};
}

}  // namespace

Result<std::string, Error> read_local_file(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Error{.code = Error::Code::kNotFound,
                 .message = "open " + path + ": " + std::strerror(errno),
                 .source = path};
  }
  std::ostringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

Value merge_maps(const Value& a, const Value& b) {
  Value out = a.is_map() ? a : Value(Value::Map{});
  if (!b.is_map()) return out;
  Value::Map& map = out.as_map();
  for (const auto& [key, value] : b.as_map()) {
    const auto it = map.find(key);
    if (value.is_map() && it != map.end() && it->second.is_map()) {
      it->second = merge_maps(it->second, value);
    } else {
      map.insert_or_assign(key, value);
    }
  }
  return out;
}

Result<Value, Error> merge_values_files(const ValuesOptions& options, const FileReader& read) {
  Value base = Value(Value::Map{});
  for (const auto& path : options.value_files) {
    auto contents = read(path);
    if (!contents.ok()) return contents.error();
    auto current = parse_values_yaml(*contents, path);
    if (!current.ok()) {
      Error error = current.error();
      error.message = "failed to parse " + path + ": " + error.message;
      return error;
    }
    base = merge_maps(base, *current);
  }
  for (const auto& value : options.json_values) {
    if (!parse_set_into(value, base, SetMode::kJson, read).ok()) {
      return invalid("failed parsing --set-json data " + value);
    }
  }
  const struct {
    const std::vector<std::string>& lines;
    SetMode mode;
    const char* flag;
  } kinds[] = {{options.values, SetMode::kTyped, "--set"},
               {options.string_values, SetMode::kString, "--set-string"},
               {options.file_values, SetMode::kFile, "--set-file"},
               {options.literal_values, SetMode::kLiteral, "--set-literal"}};
  for (const auto& kind : kinds) {
    for (const auto& line : kind.lines) {
      auto status = parse_set_into(line, base, kind.mode, read);
      if (!status.ok()) {
        return invalid("failed parsing " + std::string(kind.flag) +
                       " data: " + status.error().message);
      }
    }
  }
  return base;
}

}  // namespace chartmirror::charts::values
