#include "charts/values/dependency_conditions.h"

#include <set>

#include "charts/golang/quote.h"
#include "charts/values/coalesce.h"
#include "charts/values/coalescer.h"

namespace chartmirror::charts::values {
namespace {

using detail::GoMap;
using detail::GoMapPtr;
using detail::GoValue;

class DependencyProcessor {
 public:
  explicit DependencyProcessor(const DependencyOptions& options) : options_(options) {}

  // chartutil.processDependencyEnabled.
  Status<Error> enable(ValuesTree& chart, const Value& values, const std::string& path) {
    if (chart.dependencies.empty()) return Done{};
    select_subcharts(chart);

    auto coalesced = coalesce_values(chart, values, options_.warnings);
    if (!coalesced.ok()) return coalesced.error();
    std::vector<bool> enabled(chart.dependencies.size(), true);
    apply_tags(chart.dependencies, *coalesced, enabled);
    apply_conditions(chart.dependencies, *coalesced, path, enabled);

    std::set<std::string> removed;
    for (std::size_t i = 0; i < enabled.size(); ++i) {
      if (!enabled[i]) removed.insert(chart.dependencies[i].name);
    }
    std::vector<ValuesTree> kept;
    for (auto& sub : chart.subcharts) {
      if (removed.count(sub.name) == 0) kept.push_back(std::move(sub));
    }
    std::vector<Dependency> kept_dependencies;
    for (auto& dependency : chart.dependencies) {
      if (removed.count(dependency.name) == 0) kept_dependencies.push_back(std::move(dependency));
    }
    for (auto& sub : kept) {
      auto status = enable(sub, *coalesced, path + sub.name + ".");
      if (!status.ok()) return status;
    }
    chart.dependencies = std::move(kept_dependencies);
    chart.subcharts = std::move(kept);
    return Done{};
  }

  // chartutil.processDependencyImportValues: children first.
  Status<Error> import_values(ValuesTree& chart) {
    for (auto& sub : chart.subcharts) {
      auto status = import_values(sub);
      if (!status.ok()) return status;
    }
    if (chart.dependencies.empty()) return Done{};
    auto merged = detail::coalesce_go(chart, Value(), options_.merge, options_.warnings);
    if (!merged.ok()) return merged.error();
    const GoMapPtr values = *merged;
    auto imported = std::make_shared<GoMap>();
    detail::Coalescer coalescer(options_.warnings);
    for (auto& dependency : chart.dependencies) {
      Value::List rewritten;
      if (dependency.import_values.is_list()) {
        for (const auto& item : dependency.import_values.as_list()) {
          auto status = import_one(dependency.name, item, values, *imported, rewritten, coalescer);
          if (!status.ok()) return status;
        }
      }
      dependency.import_values = rewritten.empty() ? Value() : Value(std::move(rewritten));
    }
    // The parent's own values win over what it imports. The copy is taken now, after the
    // imports may have changed the tables they share with `values`, as Helm takes it.
    Value base = detail::to_value(*values);
    if (!options_.merge) base = without_nulls(base);
    const GoMapPtr result = detail::to_go_map(base);
    coalescer.coalesce_tables(*result, *imported, "", options_.merge);
    chart.defaults = detail::to_value(*result);
    return Done{};
  }

 private:
  bool compatible(const std::string& constraint, const std::string& version) const {
    return !options_.version_matches || options_.version_matches(constraint, version);
  }

  // The subcharts a chart renders before conditions: the unclaimed ones, then one per
  // dependency that finds its chart, under its alias. Dependencies take their alias as name.
  void select_subcharts(ValuesTree& chart) const {
    std::vector<ValuesTree> selected;
    for (std::size_t i = 0; i < chart.subcharts.size(); ++i) {
      const ValuesTree& existing = chart.subcharts[i];
      bool claimed = false;
      for (const auto& dependency : chart.dependencies) {
        if (existing.name == dependency.name && compatible(dependency.version, existing.version)) {
          claimed = true;
        }
      }
      if (!claimed) {
        selected.push_back(existing);
        selected.back().origin = static_cast<int>(i);
      }
    }
    for (auto& dependency : chart.dependencies) {
      for (std::size_t i = 0; i < chart.subcharts.size(); ++i) {
        const ValuesTree& candidate = chart.subcharts[i];
        if (candidate.name != dependency.name ||
            !compatible(dependency.version, candidate.version)) {
          continue;
        }
        selected.push_back(candidate);
        selected.back().origin = static_cast<int>(i);
        if (!dependency.alias.empty()) selected.back().name = dependency.alias;
        break;
      }
      if (!dependency.alias.empty()) dependency.name = dependency.alias;
    }
    chart.subcharts = std::move(selected);
  }

  // chartutil.processDependencyTags.
  void apply_tags(const std::vector<Dependency>& dependencies, const Value& values,
                  std::vector<bool>& enabled) const {
    const Value* tags = values.find("tags");
    if (tags == nullptr || !tags->is_map()) return;
    for (std::size_t i = 0; i < dependencies.size(); ++i) {
      bool has_true = false;
      bool has_false = false;
      for (const auto& tag : dependencies[i].tags) {
        const Value* value = tags->find(tag);
        if (value == nullptr) continue;
        if (!value->is_bool()) {
          warn("Warning: Tag '" + tag + "' for chart " + dependencies[i].name +
               " returned non-bool value");
          continue;
        }
        (value->as_bool() ? has_true : has_false) = true;
      }
      if (!has_true && has_false) {
        enabled[i] = false;
      } else {
        enabled[i] = true;
      }
    }
  }

  // chartutil.processDependencyConditions.
  void apply_conditions(const std::vector<Dependency>& dependencies, const Value& values,
                        const std::string& path, std::vector<bool>& enabled) const {
    for (std::size_t i = 0; i < dependencies.size(); ++i) {
      for (const auto& condition : split_condition(dependencies[i].condition)) {
        if (condition.empty()) continue;
        const Value* value = path_value(values, path + condition);
        if (value == nullptr) continue;
        if (value->is_bool()) {
          enabled[i] = value->as_bool();
          break;
        }
        warn("Warning: Condition path '" + condition + "' for chart " + dependencies[i].name +
             " returned non-bool value");
      }
    }
  }

  // strings.Split(strings.TrimSpace(condition), ",").
  static std::vector<std::string> split_condition(const std::string& condition) {
    constexpr std::string_view kSpace = " \t\n\r\v\f";
    const std::size_t first = condition.find_first_not_of(kSpace);
    if (first == std::string::npos) return {""};
    const std::size_t last = condition.find_last_not_of(kSpace);
    std::vector<std::string> parts;
    std::string_view rest = std::string_view(condition).substr(first, last - first + 1);
    while (true) {
      const std::size_t comma = rest.find(',');
      parts.emplace_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) return parts;
      rest.remove_prefix(comma + 1);
    }
  }

  // The first step of `name` that is missing or not a map, as Values.Table reports it.
  static std::string missing_table(const GoMapPtr& root, const std::string& name) {
    GoMapPtr current = root;
    for (const auto& key : split_path(name)) {
      const auto it = current->entries.find(key);
      if (it == current->entries.end() || !it->second.is_map()) return go::quote(key);
      current = it->second.map;
    }
    return "";
  }

  // One import-values item: its tables merged into `imported`, the item rewritten as
  // {child, parent}.
  Status<Error> import_one(const std::string& dependency, const Value& item, const GoMapPtr& values,
                           GoMap& imported, Value::List& rewritten,
                           detail::Coalescer& coalescer) const {
    std::string child;
    std::string parent;
    if (item.is_map()) {
      const Value* child_value = item.find("child");
      const Value* parent_value = item.find("parent");
      if (child_value == nullptr || !child_value->is_string() || parent_value == nullptr ||
          !parent_value->is_string()) {
        // Helm panics on this (an unchecked type assertion).
        return Error{.code = Error::Code::kInvalidInput,
                     .message = "import-values of dependency " + dependency +
                                ": child and parent must be strings"};
      }
      child = child_value->as_string();
      parent = parent_value->as_string();
    } else if (item.is_string()) {
      child = "exports." + item.as_string();
      parent = ".";
    } else {
      return Done{};  // Helm ignores other kinds
    }
    rewritten.push_back(Value::map({{"child", child}, {"parent", parent}}));

    const std::string name = dependency + "." + child;
    const GoMapPtr table = detail::table(values, name);
    if (table == nullptr) {
      warn(item.is_map() ? "Warning: ImportValues missing table from chart " + dependency + ": " +
                               missing_table(values, name) + " is not a table"
                         : "Warning: ImportValues missing table: " + missing_table(values, name) +
                               " is not a table");
      return Done{};
    }
    // chartutil.pathToMap: the table wrapped in maps along `parent`, shared, not copied.
    GoMapPtr wrapped = table;
    if (parent != ".") {
      const auto keys = split_path(parent);
      for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
        auto outer = std::make_shared<GoMap>();
        outer->entries.emplace(*it, GoValue{.map = wrapped});
        wrapped = outer;
      }
    }
    coalescer.coalesce_tables(imported, *wrapped, "", options_.merge);
    return Done{};
  }

  // chartutil.trimNilValues.
  static Value without_nulls(const Value& values) {
    Value::Map out;
    for (const auto& [key, value] : values.as_map()) {
      if (value.is_null()) continue;
      out.emplace(key, value.is_map() ? without_nulls(value) : value);
    }
    return Value(std::move(out));
  }

  void warn(std::string line) const {
    if (options_.warnings != nullptr) options_.warnings->push_back(std::move(line));
  }

  const DependencyOptions& options_;
};

}  // namespace

Result<ValuesTree, Error> process_dependencies(ValuesTree chart, const Value& user_values,
                                               const DependencyOptions& options) {
  DependencyProcessor processor(options);
  auto status = processor.enable(chart, user_values, "");
  if (!status.ok()) return status.error();
  status = processor.import_values(chart);
  if (!status.ok()) return status.error();
  return chart;
}

const Value* path_value(const Value& values, const std::string& path) {
  if (path.empty()) return nullptr;
  std::vector<std::string> keys = split_path(path);
  const std::string last = keys.back();
  keys.pop_back();
  const Value* table = values.find_path(keys);
  if (table == nullptr || !table->is_map()) return nullptr;
  const Value* value = table->find(last);
  if (value == nullptr || value->is_map()) return nullptr;
  return value;
}

}  // namespace chartmirror::charts::values
