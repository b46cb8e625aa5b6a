#include "charts/rewrite/values_file.h"

#include <set>

#include "charts/values/yaml.h"
#include "charts/values/yaml_emit.h"

namespace chartmirror::charts::rewrite {
namespace {

using values::Value;

// Sets overrides into a values file, remembering which lists it has copied already.
class Writer {
 public:
  Writer(Value file, const Value& values) : file_(std::move(file)), values_(values) {
    if (!file_.is_map()) file_ = Value(Value::Map{});
  }

  void set(const ValueOverride& entry) {
    Value* current = &file_;
    images::ValuesPath prefix;
    for (const images::PathStep& step : entry.path) {
      if (const auto* index = std::get_if<std::size_t>(&step)) {
        const std::string text = images::format_path(prefix);
        if (copied_lists_.insert(text).second || !current->is_list() ||
            *index >= current->as_list().size()) {
          current = &take_from_values(*current, prefix);
        }
        if (!current->is_list() || *index >= current->as_list().size()) return;  // not there
        current = &current->as_list()[*index];
      } else {
        if (!current->is_map() && !current->is_null())
          current = &take_from_values(*current, prefix);
        if (!current->is_map() && !current->is_null()) return;  // not a map in `.Values` either
        current = &(*current)[std::get<std::string>(step)];
      }
      prefix.push_back(step);
    }
    *current = Value(entry.value);
  }

  Value take() && { return std::move(file_); }

 private:
  // `node` := the `.Values` node at `prefix`, when there is one.
  Value& take_from_values(Value& node, const images::ValuesPath& prefix) {
    if (const Value* from = value_at(values_, prefix)) node = from->deep_copy();
    return node;
  }

  Value file_;
  const Value& values_;
  std::set<std::string> copied_lists_;
};

// Keeps a header comment one line per entry whatever a path or value holds.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

std::string header(const std::vector<ValueOverride>& overrides, std::string_view source_digest) {
  std::string out =
      "# Rewritten by chartmirror so that the images below are pulled from the mirror.\n"
      "# These are the values of the chart\n#   " +
      std::string(source_digest) +
      "\n# re-emitted as Helm reads them (that chart, mirrored unchanged, has the original\n"
      "# file with its comments), with these values set:\n";
  for (const ValueOverride& entry : overrides) {
    out += "#   " + one_line(images::format_path(entry.path)) + ": " + one_line(entry.value) + "\n";
  }
  return out;
}

}  // namespace

Value apply_overrides(Value file, const std::vector<ValueOverride>& overrides,
                      const Value& values) {
  Writer writer(std::move(file), values);
  for (const ValueOverride& entry : overrides) writer.set(entry);
  return std::move(writer).take();
}

Result<std::string, Error> rewrite_values_file(std::string_view original,
                                               const std::vector<ValueOverride>& overrides,
                                               const Value& values,
                                               std::string_view source_digest) {
  auto file = values::parse_values_yaml(original, "values.yaml");
  if (!file.ok()) return file.error();
  auto text = values::marshal_yaml(apply_overrides(std::move(file).value(), overrides, values));
  if (!text.ok()) return text.error();
  return header(overrides, source_digest) + *text;
}

}  // namespace chartmirror::charts::rewrite
