// charts/version/semver.h — chart versions, parsed and ordered the way Helm does.
//
// Helm 3.17 reads versions with github.com/Masterminds/semver/v3 at v3.3.0; Version follows
// that release exactly, quirks included, so that chartmirror picks the chart Helm would pick.
//
// Version::parse is Masterminds' NewVersion (the one Helm uses for chart versions and index
// entries). It is looser than SemVer 2.0:
//   - `v?MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]`; a missing MINOR or PATCH is 0, so "1.2"
//     is 1.2.0 and "v3" is 3.0.0.
//   - MAJOR, MINOR and PATCH are ASCII digits and may have leading zeros ("01.02.03" is
//     1.2.3); each must fit in 64 bits.
//   - PRERELEASE and BUILD are non-empty, '.'-separated identifiers of [0-9A-Za-z-]; a
//     prerelease identifier of digits only has no leading zero ("1.0.0-01" is invalid).
//   - nothing else: no surrounding spaces, no upper-case 'V', no "1.2.3.4".
// Version::parse_strict is Masterminds' StrictNewVersion (the one Helm applies to OCI tags):
// exactly MAJOR.MINOR.PATCH, no 'v', no leading zeros in the three numbers. Like v3.3.0 it lets
// an empty prerelease or build through ("1.2.3-" is 1.2.3, "1.2.3-a..b" keeps "a..b").
//
// Order (SemVer 2.0 §11 as Masterminds implements it): MAJOR, MINOR, PATCH numerically; a
// version with a prerelease is lower than the same version without; prereleases compare
// identifier by identifier: two numbers numerically, a number below a non-number, two
// non-numbers bytewise, and a shorter list of equal identifiers is lower. Build metadata and
// the original spelling are ignored, so "v1.0.0+a" == "1.0.0" (ordering is weak, not strong).
//
// Every parse error has code kInvalidInput and a message that quotes the text and says what
// is wrong with it.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

class Version {
 public:
  // Masterminds' NewVersion: the loose form described above.
  [[nodiscard]] static Result<Version, Error> parse(std::string_view text);
  // Masterminds' StrictNewVersion: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD] exactly.
  [[nodiscard]] static Result<Version, Error> parse_strict(std::string_view text);

  [[nodiscard]] uint64_t major() const { return major_; }
  [[nodiscard]] uint64_t minor() const { return minor_; }
  [[nodiscard]] uint64_t patch() const { return patch_; }
  [[nodiscard]] const std::string& prerelease() const { return prerelease_; }  // "" when none
  [[nodiscard]] const std::string& metadata() const { return metadata_; }      // "" when none
  [[nodiscard]] bool is_prerelease() const { return !prerelease_.empty(); }

  // The text as it was parsed: "v1.2".
  [[nodiscard]] const std::string& original() const { return original_; }
  // Canonical: "1.2.0", "1.2.3-rc.1+build.5" (no 'v', all three numbers).
  [[nodiscard]] std::string str() const;

  // Precedence as described above: <0, 0 or >0.
  [[nodiscard]] static int compare(const Version& a, const Version& b);

  friend std::weak_ordering operator<=>(const Version& a, const Version& b) {
    return compare(a, b) <=> 0;
  }
  // Equal precedence: build metadata and spelling are ignored (Masterminds' Equal).
  friend bool operator==(const Version& a, const Version& b) { return compare(a, b) == 0; }

 private:
  Version() = default;

  uint64_t major_ = 0;
  uint64_t minor_ = 0;
  uint64_t patch_ = 0;
  std::string prerelease_;
  std::string metadata_;
  std::string original_;
};

// Compares two prerelease strings ("rc.1", "beta") identifier by identifier, as Version does
// (an empty string is one empty identifier, lower than any other). For constraints.
[[nodiscard]] int compare_prerelease(std::string_view a, std::string_view b);

}  // namespace chartmirror::charts
