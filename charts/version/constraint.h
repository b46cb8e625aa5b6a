// charts/version/constraint.h — version constraints ("^1.2", ">=55.0.0 <56.0.0"), read and
// checked the way Helm 3.17 does (github.com/Masterminds/semver/v3 v3.3.0, NewConstraint).
//
// Syntax:
//   - alternatives are separated by "||"; within one, comparisons are separated by spaces or
//     a comma and must all hold: ">=1.2 <2, !=1.5.0 || 3.x".
//   - a comparison is an operator and a version: "=" or none (equal), "!=", ">", "<", ">=" or
//     "=>", "<=" or "=<", "~" or "~>" (same minor), "^" (same major; for 0.y the same minor,
//     for 0.0.z the same patch). Spaces may separate the operator from the version.
//   - the version may start with 'v' and omit MINOR or PATCH; "x", "X" or "*" in place of a
//     number, or an omitted number, is a wildcard: "1.2.x" and "1.2" are 1.2.0 to <1.3.0 with
//     "=", and "*" is anything.
//   - "A - B" (spaces around '-') is ">= A, <= B".
// Checking follows v3.3.0 to the letter, including its rule for prereleases: a comparison
// whose version has no prerelease rejects every prerelease version ("<2.0.0" rejects
// 1.0.0-rc.1; "!=" without a wildcard is the exception). So ">=1.0.0-0 <2.0.0" admits no
// prerelease, while ">=1.0.0-0" admits 1.5.0-rc.1. (v3.4 decides per alternative instead;
// Helm 3.17 does not use it.) Wildcards behave as v3.3.0 computes them, e.g. ">1.1" is
// ">=1.2.0" and "<=1" is "<2.0.0".
//
// A malformed constraint, the empty one included, is an Error with code kInvalidInput whose
// message quotes the constraint.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "charts/version/semver.h"
#include "support/result.h"

namespace chartmirror::charts {

namespace version_detail {

enum class Operator {
  kEqual,  // "", "=": equal, or the range of a version with wildcards
  kNotEqual,
  kGreater,
  kLess,
  kGreaterOrEqual,
  kLessOrEqual,
  kTilde,
  kCaret,
};

// Which number of a comparison's version is the first wildcard (Masterminds' "dirty").
enum class Wildcard {
  kNone,   // 1.2.3
  kMajor,  // *, x.1, X
  kMinor,  // 1, 1.x, 1.*.3
  kPatch,  // 1.2, 1.2.x
};

struct Comparison {
  Operator op = Operator::kEqual;
  Version version;  // wildcards read as 0 and build metadata dropped: "1.x-rc" is 1.0.0-rc
  Wildcard wildcard = Wildcard::kNone;

  [[nodiscard]] bool admits(const Version& candidate) const;
};

}  // namespace version_detail

class Constraint {
 public:
  [[nodiscard]] static Result<Constraint, Error> parse(std::string_view text);

  // Whether `version` satisfies one of the alternatives.
  [[nodiscard]] bool check(const Version& version) const;

  // The text the constraint was parsed from.
  [[nodiscard]] const std::string& text() const { return text_; }

  // The version the constraint is written around: that of its first comparison, wildcards
  // read as 0 ("^1.2" → 1.2.0, "1.2 - 1.4" → 1.2.0); none when its major is a wildcard ("*").
  // Messages about versions that do not match name the versions nearest to it.
  [[nodiscard]] std::optional<Version> anchor() const;

 private:
  Constraint() = default;

  std::string text_;
  std::vector<std::vector<version_detail::Comparison>> alternatives_;
};

}  // namespace chartmirror::charts
