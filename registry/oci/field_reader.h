// registry/oci/field_reader.h — typed reads of manifest JSON fields (internal to registry/oci).
//
// The manifest parser reads many fields, each of which may be missing or of the wrong type.
// A FieldReader keeps the first failure and turns every later read into a no-op that returns
// an empty value, so parsing code reads top to bottom and checks failed() once per step.
// Failures name the field's path in the document ("manifests[1].platform.architecture"); they
// are kInvalidInput, or kUnsupported for a well-formed digest of an algorithm we lack, with
// operation "parse manifest".
//
// JSON null counts as absent: optional fields may be null, required fields may not.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/error.h"
#include "registry/oci/descriptor.h"

namespace chartmirror::registry::oci {

class FieldReader {
 public:
  enum class Need { kOptional, kRequired };

  // Each read takes the JSON object and its path ("" for the document root) and a key in it.
  // The object must be a JSON object (the caller checked).

  // A string; with kRequired, present and non-empty. "" when absent.
  [[nodiscard]] std::string string(const nlohmann::json& object, std::string_view path,
                                   const char* key, Need need);
  // An integer (JSON number without fraction). std::nullopt when absent and optional.
  [[nodiscard]] std::optional<std::int64_t> integer(const nlohmann::json& object,
                                                    std::string_view path, const char* key,
                                                    Need need);
  // An array of strings; empty when absent.
  [[nodiscard]] std::vector<std::string> strings(const nlohmann::json& object,
                                                 std::string_view path, const char* key);
  // An object whose values are strings (annotations); empty when absent.
  [[nodiscard]] std::map<std::string, std::string> string_map(const nlohmann::json& object,
                                                              std::string_view path,
                                                              const char* key);
  // A platform object: os and architecture required.
  [[nodiscard]] std::optional<Platform> platform(const nlohmann::json& object,
                                                 std::string_view path, const char* key);
  // A descriptor object: mediaType, digest and size required; size ≥ 0.
  [[nodiscard]] std::optional<Descriptor> descriptor(const nlohmann::json& object,
                                                     std::string_view path, const char* key,
                                                     Need need);
  // An array of descriptors; empty when absent.
  [[nodiscard]] std::vector<Descriptor> descriptors(const nlohmann::json& object,
                                                    std::string_view path, const char* key);

  [[nodiscard]] bool failed() const { return error_.has_value(); }
  // The first failure; only after failed() returned true.
  [[nodiscard]] const Error& error() const { return *error_; }

  // Records a failure at `path` (if none was recorded yet).
  void fail(std::string_view path, std::string_view why,
            Error::Code code = Error::Code::kInvalidInput);

 private:
  // The value at object[key], or nullptr when absent or null (or after a failure).
  const nlohmann::json* find(const nlohmann::json& object, std::string_view path, const char* key,
                             Need need);
  Descriptor read_descriptor(const nlohmann::json& node, const std::string& path);

  std::optional<Error> error_;
};

// "parent.key", or "key" at the root.
[[nodiscard]] std::string field_path(std::string_view parent, std::string_view key);

}  // namespace chartmirror::registry::oci
