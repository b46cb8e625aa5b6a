// Sprig's semver functions (semver.go): semver and semverCompare, on charts/version, which
// follows github.com/Masterminds/semver/v3 v3.3.0 (the version Helm 3.17.3 vendors).
//
// semver returns Go's *semver.Version, whose methods templates call as fields
// (`(semver "1.2.3").Major`); here it is a map with the keys Major Minor Patch Prerelease
// Metadata Original, so those fields read the same. Divergences: Major, Minor and Patch are
// int64 where Go's are uint64 (%T, and numbers past 2^63), the object prints as a map where
// Go prints the version ("1.2.3"), and its other methods (Compare, IncMajor...) are absent.
// The error of a constraint with "||" quotes the whole constraint; Go quotes the failing part.
#include <cstdint>
#include <string>

#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/version/constraint.h"
#include "charts/version/semver.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// Masterminds' ErrInvalidSemVer.
constexpr std::string_view kInvalidSemVer = "Invalid Semantic Version";

Value version_object(const Version& v) {
  return Value::map({{"Major", Value(static_cast<std::int64_t>(v.major()))},
                     {"Minor", Value(static_cast<std::int64_t>(v.minor()))},
                     {"Patch", Value(static_cast<std::int64_t>(v.patch()))},
                     {"Prerelease", Value(v.prerelease())},
                     {"Metadata", Value(v.metadata())},
                     {"Original", Value(v.original())}});
}

}  // namespace

void add_semver(FunctionMap& m) {
  using P = ParamType;
  m["semver"] = fixed({P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    auto v = Version::parse(a[0].value().as_string());
    if (!v.ok()) return std::string(kInvalidSemVer);
    return ExecValue(version_object(*v));
  });
  m["semverCompare"] = fixed({P::kString, P::kString}, [](CallContext&, Args& a) -> FunctionResult {
    const std::string& text = a[0].value().as_string();
    auto c = Constraint::parse(text);
    if (!c.ok()) return "improper constraint: " + text;
    auto v = Version::parse(a[1].value().as_string());
    if (!v.ok()) return std::string(kInvalidSemVer);
    return ExecValue(Value(c->check(*v)));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
