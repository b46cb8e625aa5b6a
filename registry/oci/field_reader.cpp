#include "registry/oci/field_reader.h"

#include <limits>

namespace chartmirror::registry::oci {
namespace {

using nlohmann::json;

std::string element_path(std::string_view array_path, std::size_t index) {
  return std::string(array_path) + "[" + std::to_string(index) + "]";
}

const char* type_name(const json& value) { return value.type_name(); }

}  // namespace

std::string field_path(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  std::string path(parent);
  path += '.';
  path += key;
  return path;
}

void FieldReader::fail(std::string_view path, std::string_view why, Error::Code code) {
  if (error_) return;
  error_ = Error{.code = code,
                 .message = "manifest field " + std::string(path) + " " + std::string(why),
                 .operation = "parse manifest"};
}

const json* FieldReader::find(const json& object, std::string_view path, const char* key,
                              Need need) {
  if (error_) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (need == Need::kRequired) fail(field_path(path, key), "is missing");
    return nullptr;
  }
  return &*it;
}

std::string FieldReader::string(const json& object, std::string_view path, const char* key,
                                Need need) {
  const json* value = find(object, path, key, need);
  if (value == nullptr) return {};
  if (!value->is_string()) {
    fail(field_path(path, key), std::string("must be a string, not ") + type_name(*value));
    return {};
  }
  auto text = value->get<std::string>();
  if (text.empty() && need == Need::kRequired) fail(field_path(path, key), "is empty");
  return text;
}

std::optional<std::int64_t> FieldReader::integer(const json& object, std::string_view path,
                                                 const char* key, Need need) {
  const json* value = find(object, path, key, need);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto number = value->get<std::uint64_t>();
    if (number <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return static_cast<std::int64_t>(number);
    }
  } else if (value->is_number_integer()) {
    return value->get<std::int64_t>();
  }
  fail(field_path(path, key), "must be an integer of at most 63 bits, not " + value->dump());
  return std::nullopt;
}

std::vector<std::string> FieldReader::strings(const json& object, std::string_view path,
                                              const char* key) {
  const json* value = find(object, path, key, Need::kOptional);
  if (value == nullptr) return {};
  const std::string here = field_path(path, key);
  if (!value->is_array()) {
    fail(here, std::string("must be an array of strings, not ") + type_name(*value));
    return {};
  }
  std::vector<std::string> result;
  result.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (!item.is_string()) {
      fail(element_path(here, i), std::string("must be a string, not ") + type_name(item));
      return {};
    }
    result.push_back(item.get<std::string>());
  }
  return result;
}

std::map<std::string, std::string> FieldReader::string_map(const json& object,
                                                           std::string_view path, const char* key) {
  const json* value = find(object, path, key, Need::kOptional);
  if (value == nullptr) return {};
  const std::string here = field_path(path, key);
  if (!value->is_object()) {
    fail(here, std::string("must be an object of strings, not ") + type_name(*value));
    return {};
  }
  std::map<std::string, std::string> result;
  for (const auto& [name, item] : value->items()) {
    if (!item.is_string()) {
      fail(field_path(here, name), std::string("must be a string, not ") + type_name(item));
      return {};
    }
    result.emplace(name, item.get<std::string>());
  }
  return result;
}

std::optional<Platform> FieldReader::platform(const json& object, std::string_view path,
                                              const char* key) {
  const json* value = find(object, path, key, Need::kOptional);
  if (value == nullptr) return std::nullopt;
  const std::string here = field_path(path, key);
  if (!value->is_object()) {
    fail(here, std::string("must be an object, not ") + type_name(*value));
    return std::nullopt;
  }
  Platform result{.os = string(*value, here, "os", Need::kRequired),
                  .architecture = string(*value, here, "architecture", Need::kRequired),
                  .variant = string(*value, here, "variant", Need::kOptional),
                  .os_version = string(*value, here, "os.version", Need::kOptional),
                  .os_features = strings(*value, here, "os.features")};
  if (error_) return std::nullopt;
  return result;
}

Descriptor FieldReader::read_descriptor(const json& node, const std::string& path) {
  if (!node.is_object()) {
    fail(path, std::string("must be a descriptor object, not ") + type_name(node));
    return {};
  }
  Descriptor result;
  result.media_type = string(node, path, "mediaType", Need::kRequired);
  const std::string digest = string(node, path, "digest", Need::kRequired);
  if (!error_) {
    auto parsed = Digest::parse(digest);
    if (parsed.ok()) {
      result.digest = std::move(parsed).value();
    } else {
      fail(field_path(path, "digest"), "is not valid: " + parsed.error().message,
           parsed.error().code);
    }
  }
  const std::optional<std::int64_t> size = integer(node, path, "size", Need::kRequired);
  if (size && *size < 0) {
    fail(field_path(path, "size"), "must not be negative, not " + std::to_string(*size));
  }
  result.size = size.value_or(0);
  result.platform = platform(node, path, "platform");
  result.annotations = string_map(node, path, "annotations");
  result.artifact_type = string(node, path, "artifactType", Need::kOptional);
  result.urls = strings(node, path, "urls");
  return result;
}

std::optional<Descriptor> FieldReader::descriptor(const json& object, std::string_view path,
                                                  const char* key, Need need) {
  const json* value = find(object, path, key, need);
  if (value == nullptr) return std::nullopt;
  Descriptor result = read_descriptor(*value, field_path(path, key));
  if (error_) return std::nullopt;
  return result;
}

std::vector<Descriptor> FieldReader::descriptors(const json& object, std::string_view path,
                                                 const char* key) {
  const json* value = find(object, path, key, Need::kOptional);
  if (value == nullptr) return {};
  const std::string here = field_path(path, key);
  if (!value->is_array()) {
    fail(here, std::string("must be an array of descriptors, not ") + type_name(*value));
    return {};
  }
  std::vector<Descriptor> result;
  result.reserve(value->size());
  for (std::size_t i = 0; i < value->size(); ++i) {
    result.push_back(read_descriptor((*value)[i], element_path(here, i)));
    if (error_) return {};
  }
  return result;
}

}  // namespace chartmirror::registry::oci
