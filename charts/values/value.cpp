#include "charts/values/value.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "charts/golang/format_float.h"

namespace chartmirror::charts::values {
namespace {

[[noreturn]] void wrong_kind(const char* wanted, const Value& value) {
  std::fprintf(stderr, "chartmirror: Value::%s() of a %s\n", wanted, go_type_name(value).c_str());
  std::abort();
}

// Copy on write: a list or map shared with another Value is cloned before it is changed.
template <typename T>
T& unshare(std::shared_ptr<T>& ptr) {
  if (ptr.use_count() != 1) {
    ptr = std::make_shared<T>(*ptr);
  } else {
    // Pairs with the release in the last other owner's decrement, so that its reads of the
    // shared container happen before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return *ptr;
}

void append_go(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      out += "<nil>";
      return;
    case Value::Kind::kBool:
      out += value.as_bool() ? "true" : "false";
      return;
    case Value::Kind::kInt:
      out += std::to_string(value.as_int());
      return;
    case Value::Kind::kFloat:
      out += go::format_float(value.as_float(), 'g');
      return;
    case Value::Kind::kString:
      out += value.as_string();
      return;
    case Value::Kind::kList: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_list()) {
        if (!first) out += ' ';
        first = false;
        append_go(out, item);
      }
      out += ']';
      return;
    }
    case Value::Kind::kMap: {
      out += "map[";
      bool first = true;
      for (const auto& [key, item] : value.as_map()) {
        if (!first) out += ' ';
        first = false;
        out += key;
        out += ':';
        append_go(out, item);
      }
      out += ']';
      return;
    }
  }
}

}  // namespace

bool Value::as_bool() const {
  if (!is_bool()) wrong_kind("as_bool", *this);
  return std::get<bool>(data_);
}

std::int64_t Value::as_int() const {
  if (!is_int()) wrong_kind("as_int", *this);
  return std::get<std::int64_t>(data_);
}

double Value::as_float() const {
  if (!is_float()) wrong_kind("as_float", *this);
  return std::get<double>(data_);
}

double Value::as_number() const {
  if (is_int()) return static_cast<double>(std::get<std::int64_t>(data_));
  if (!is_float()) wrong_kind("as_number", *this);
  return std::get<double>(data_);
}

const std::string& Value::as_string() const {
  if (!is_string()) wrong_kind("as_string", *this);
  return std::get<std::string>(data_);
}

const Value::List& Value::as_list() const {
  if (!is_list()) wrong_kind("as_list", *this);
  return *std::get<std::shared_ptr<List>>(data_);
}

const Value::Map& Value::as_map() const {
  if (!is_map()) wrong_kind("as_map", *this);
  return *std::get<std::shared_ptr<Map>>(data_);
}

Value::List& Value::as_list() {
  if (!is_list()) wrong_kind("as_list", *this);
  return unshare(std::get<std::shared_ptr<List>>(data_));
}

Value::Map& Value::as_map() {
  if (!is_map()) wrong_kind("as_map", *this);
  return unshare(std::get<std::shared_ptr<Map>>(data_));
}

Value::Map& Value::shared_map() const {
  if (!is_map()) wrong_kind("shared_map", *this);
  return *std::get<std::shared_ptr<Map>>(data_);
}

Value Value::deep_copy() const {
  if (is_list()) {
    List list;
    list.reserve(as_list().size());
    for (const Value& item : as_list()) list.push_back(item.deep_copy());
    return list;
  }
  if (is_map()) {
    Map map;
    for (const auto& [key, item] : as_map()) map.emplace_hint(map.end(), key, item.deep_copy());
    return map;
  }
  return *this;
}

Value& Value::operator[](std::string_view key) {
  if (is_null()) data_ = std::make_shared<Map>();
  Map& map = as_map();
  const auto it = map.find(key);
  if (it != map.end()) return it->second;
  return map.emplace(std::string(key), Value()).first->second;
}

const Value* Value::find(std::string_view key) const {
  if (!is_map()) return nullptr;
  const Map& map = as_map();
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

const Value* Value::find_path(std::string_view dotted) const {
  if (dotted.empty()) return this;
  return find_path(split_path(dotted));
}

const Value* Value::find_path(const std::vector<std::string>& path) const {
  const Value* current = this;
  for (const auto& key : path) {
    current = current->find(key);
    if (current == nullptr) return nullptr;
  }
  return current;
}

std::size_t Value::size() const {
  if (is_list()) return as_list().size();
  if (is_map()) return as_map().size();
  return 0;
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
      return a.as_bool() == b.as_bool();
    case Value::Kind::kInt:
      return a.as_int() == b.as_int();
    case Value::Kind::kFloat:
      return a.as_float() == b.as_float();
    case Value::Kind::kString:
      return a.as_string() == b.as_string();
    case Value::Kind::kList: {
      const auto& pa = std::get<std::shared_ptr<Value::List>>(a.data_);
      const auto& pb = std::get<std::shared_ptr<Value::List>>(b.data_);
      return pa == pb || *pa == *pb;
    }
    case Value::Kind::kMap: {
      const auto& pa = std::get<std::shared_ptr<Value::Map>>(a.data_);
      const auto& pb = std::get<std::shared_ptr<Value::Map>>(b.data_);
      return pa == pb || *pa == *pb;
    }
  }
  return false;
}

std::string go_type_name(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "<nil>";
    case Value::Kind::kBool:
      return "bool";
    case Value::Kind::kInt:
      return "int64";
    case Value::Kind::kFloat:
      return "float64";
    case Value::Kind::kString:
      return "string";
    case Value::Kind::kList:
      return "[]interface {}";
    case Value::Kind::kMap:
      return "map[string]interface {}";
  }
  return "";
}

std::string format_go(const Value& value) {
  std::string out;
  append_go(out, value);
  return out;
}

std::vector<std::string> split_path(std::string_view dotted) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) {
      parts.emplace_back(dotted.substr(start));
      return parts;
    }
    parts.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
}

}  // namespace chartmirror::charts::values
