#include "charts/values/coalesce.h"

#include <utility>

#include "charts/golang/quote.h"
#include "charts/values/coalescer.h"

namespace chartmirror::charts::values {
namespace detail {
namespace {

constexpr std::string_view kGlobalKey = "global";

std::string concat_prefix(const std::string& a, const std::string& b) {
  return a.empty() ? b : a + "." + b;
}

// A value as Go's fmt prints it for the verb %t, which only suits booleans: helm's
// "type mismatch on NAME: %t" shows `%!t(int64=5)`, `%!t(<nil>)`, `map[%!t(string=k):...]`.
std::string format_bad_bool_verb(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "%!t(<nil>)";
    case Value::Kind::kBool:
      return value.as_bool() ? "true" : "false";
    case Value::Kind::kList: {
      std::string out = "[";
      for (const auto& item : value.as_list()) {
        if (out.size() > 1) out += ' ';
        out += format_bad_bool_verb(item);
      }
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "map[";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ' ';
        first = false;
        out += format_bad_bool_verb(Value(key)) + ":" + format_bad_bool_verb(item);
      }
      return out + "]";
    }
    default:
      return "%!t(" + go_type_name(value) + "=" + format_go(value) + ")";
  }
}

}  // namespace

Status<Error> Coalescer::coalesce(const ValuesTree& chart, GoMap& dest, const std::string& prefix,
                                  bool merge) {
  coalesce_own_values(chart, dest, prefix, merge);
  return coalesce_subcharts(chart, dest, prefix, merge);
}

// chartutil.coalesceValues: the chart's defaults under the values in `values`.
void Coalescer::coalesce_own_values(const ValuesTree& chart, GoMap& values,
                                    const std::string& prefix, bool merge) {
  const std::string sub_prefix = concat_prefix(prefix, chart.name);
  const GoMapPtr defaults = to_go_map(chart.defaults);  // a deep copy, as Helm makes one
  for (auto& [key, default_value] : defaults->entries) {
    const auto it = values.entries.find(key);
    if (it == values.entries.end()) {
      values.entries.emplace(key, default_value);
      continue;
    }
    GoValue& given = it->second;
    if (given.is_nil() && !merge) {
      values.entries.erase(it);  // a null removes the default
    } else if (given.is_map()) {
      if (!default_value.is_map()) {
        if (!default_value.is_nil()) {
          std::string line = "warning: skipped value for ";
          line.append(sub_prefix).append(".").append(key).append(": Not a table.");
          warn(std::move(line));
        }
        continue;
      }
      // A subchart's section keeps its nulls here; they act when the subchart is coalesced.
      bool section_merge = merge;
      for (const auto& sub : chart.subcharts) {
        if (sub.name == key) section_merge = true;
      }
      const GoMapPtr target = given.map;
      coalesce_tables(*target, *default_value.map, concat_prefix(sub_prefix, key), section_merge);
    }
  }
}

// chartutil.coalesceDeps.
Status<Error> Coalescer::coalesce_subcharts(const ValuesTree& chart, GoMap& dest,
                                            const std::string& prefix, bool merge) {
  for (const auto& sub : chart.subcharts) {
    auto it = dest.entries.find(sub.name);
    if (it == dest.entries.end()) {
      it = dest.entries.emplace(sub.name, GoValue{.map = std::make_shared<GoMap>()}).first;
    } else if (!it->second.is_map()) {
      return Error{.code = Error::Code::kInvalidInput,
                   .message = "type mismatch on " + sub.name + ": " +
                              format_bad_bool_verb(to_value(it->second))};
    }
    const GoMapPtr section = it->second.map;
    const std::string sub_prefix = concat_prefix(prefix, chart.name);
    coalesce_globals(*section, dest, sub_prefix);
    auto status = coalesce(sub, *section, sub_prefix, merge);
    if (!status.ok()) return status;
  }
  return Done{};
}

// chartutil.coalesceGlobals: the parent's globals (`src`) into a subchart's values (`dest`);
// the parent's win. Each map directly under `global` is copied one level deep only.
void Coalescer::coalesce_globals(GoMap& dest, const GoMap& src, const std::string& prefix) {
  GoMapPtr dest_globals = std::make_shared<GoMap>();
  if (const auto it = dest.entries.find(kGlobalKey); it != dest.entries.end()) {
    if (!it->second.is_map()) {
      warn("warning: skipping globals because destination global is not a table.");
      return;
    }
    dest_globals = it->second.map;
  }
  GoMapPtr src_globals = std::make_shared<GoMap>();
  if (const auto it = src.entries.find(kGlobalKey); it != src.entries.end()) {
    if (!it->second.is_map()) {
      warn("warning: skipping globals because source global is not a table.");
      return;
    }
    src_globals = it->second.map;
  }
  // A snapshot: with shared maps, the loop may reach the map it reads.
  const auto parent_entries = src_globals->entries;
  for (const auto& [key, value] : parent_entries) {
    const auto existing = dest_globals->entries.find(key);
    if (value.is_map()) {
      auto shallow = std::make_shared<GoMap>(*value.map);
      if (existing == dest_globals->entries.end()) {
        dest_globals->entries.emplace(key, GoValue{.map = shallow});
      } else if (!existing->second.is_map()) {
        warn("Conflict: cannot merge map onto non-map for " + go::quote(key) + ". Skipping.");
      } else {
        coalesce_tables(*shallow, *existing->second.map, concat_prefix(prefix, key), true);
        existing->second = GoValue{.map = shallow};
      }
    } else if (existing != dest_globals->entries.end() && existing->second.is_map()) {
      warn("key " + key + " is table. Skipping");
    } else {
      dest_globals->entries.insert_or_assign(key, value);
    }
  }
  dest.entries.insert_or_assign(std::string(kGlobalKey), GoValue{.map = dest_globals});
}

void Coalescer::coalesce_tables(GoMap& dst, const GoMap& src, const std::string& prefix,
                                bool merge) {
  if (&dst == &src) return;
  const auto entries = src.entries;  // a snapshot, for the same reason as above
  for (const auto& [key, value] : entries) {
    const std::string full_key = concat_prefix(prefix, key);
    const auto it = dst.entries.find(key);
    if (it == dst.entries.end()) {
      dst.entries.emplace(key, value);  // shared, as Go shares the map
    } else if (!merge && it->second.is_nil()) {
      dst.entries.erase(it);
    } else if (value.is_map()) {
      if (it->second.is_map()) {
        const GoMapPtr target = it->second.map;
        coalesce_tables(*target, *value.map, full_key, merge);
      } else {
        warn("warning: cannot overwrite table with non table for " + full_key + " (" +
             format_go(to_value(value)) + ")");
      }
    } else if (it->second.is_map() && !value.is_nil()) {
      warn("warning: destination for " + full_key + " is a table. Ignoring non-table value (" +
           format_go(to_value(value)) + ")");
    }
  }
}

Result<GoMapPtr, Error> coalesce_go(const ValuesTree& chart, const Value& values, bool merge,
                                    std::vector<std::string>* warnings) {
  GoMapPtr dest = to_go_map(values);
  Coalescer coalescer(warnings);
  auto status = coalescer.coalesce(chart, *dest, "", merge);
  if (!status.ok()) return status.error();
  return dest;
}

}  // namespace detail

namespace {

Result<Value, Error> run(const ValuesTree& chart, const Value& user_values, bool merge,
                         std::vector<std::string>* warnings) {
  auto dest = detail::coalesce_go(chart, user_values, merge, warnings);
  if (!dest.ok()) return dest.error();
  return detail::to_value(**dest);
}

Value tables(const Value& dst, const Value& src, bool merge, std::vector<std::string>* warnings) {
  const detail::GoMapPtr out = detail::to_go_map(dst);
  const detail::GoMapPtr from = detail::to_go_map(src);
  detail::Coalescer(warnings).coalesce_tables(*out, *from, "", merge);
  return detail::to_value(*out);
}

}  // namespace

Result<Value, Error> coalesce_values(const ValuesTree& chart, const Value& user_values,
                                     std::vector<std::string>* warnings) {
  return run(chart, user_values, false, warnings);
}

Result<Value, Error> merge_chart_values(const ValuesTree& chart, const Value& user_values,
                                        std::vector<std::string>* warnings) {
  return run(chart, user_values, true, warnings);
}

Value coalesce_tables(const Value& dst, const Value& src, std::vector<std::string>* warnings) {
  return tables(dst, src, false, warnings);
}

Value merge_tables(const Value& dst, const Value& src, std::vector<std::string>* warnings) {
  return tables(dst, src, true, warnings);
}

}  // namespace chartmirror::charts::values
