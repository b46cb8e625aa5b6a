// controllers/error.h — the one error type of the controllers module.
//
// A reconcile fails as a value, never by throwing: a bad spec (kInvalidSpec, `field` naming
// the place, "spec.charts[1].version"), what the Cluster port could not read or write
// (kNotFound, kCluster), and anything the charts or registry modules reported, kept as a
// sentence. Messages never hold credentials: Secrets are read into registry settings only.
#pragma once

#include <string>

namespace chartmirror::controllers {

struct Error {
  enum class Code {
    kInvalidSpec,  // the ChartMirror itself is malformed: terminal until the spec changes
    kNotFound,     // a Secret, ConfigMap or key it names does not exist
    kCluster,      // the cluster could not be read or written (retry with backoff)
  };

  Code code = Code::kInvalidSpec;
  std::string field;    // "spec.charts[1].version"; empty when no field is concerned
  std::string message;  // what is wrong and what to do about it

  // "spec.charts[1].version: message", or the message alone.
  [[nodiscard]] std::string describe() const {
    return field.empty() ? message : field + ": " + message;
  }
};

}  // namespace chartmirror::controllers
