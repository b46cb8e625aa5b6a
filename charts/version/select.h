// charts/version/select.h — which version of a chart Helm 3.17 would pull.
//
// From a repository index (pkg/repo/index.go: loadIndex, SortEntries, IndexFile.Get):
//   1. Versions that Version::parse rejects are skipped; the rest are ordered newest first
//      (ties, such as 1.0.0 and 1.0.0+build, keep the order of the list).
//   2. No version asked: the newest that satisfies "*", i.e. the newest without a
//      prerelease. With `devel` (helm's --devel) the constraint is ">0.0.0-0" instead, which
//      admits prereleases; devel is ignored when a version is asked for, as in helm.
//   3. A version asked: it must parse as a Constraint; a listed version spelled exactly like
//      it wins ("1.0.0" picks 1.0.0 over 1.0.0+build, "1.3.0-rc.1" is found as is); otherwise
//      the newest version satisfying the constraint, prerelease rule included (constraint.h).
// From OCI tags (pkg/registry: Client.ValidateReference, Client.Tags,
// GetTagMatchingVersionOrConstraint):
//   - a version asked that Version::parse accepts is the tag itself, nothing is looked up
//     ("1.2.3+b" is the tag "1.2.3_b"): found when the list holds that tag.
//   - otherwise the tags that Version::parse_strict accepts once '_' reads '+' are ordered
//     newest first; an asked version equal to one's canonical form wins, else the newest that
//     satisfies the constraint ("*" when none is asked, ">0.0.0-0" with devel).
//   A tag whose canonical form is not the tag ("1.2.3-": Helm would pull "1.2.3") is skipped.
//
// Errors: a malformed version asked is kInvalidInput. No version satisfying the request is
// kNotFound, and its message names the chart and the request and lists the available versions
// nearest to the request (up to five, newest first) and how many there are.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "charts/error.h"
#include "charts/version/semver.h"
#include "support/result.h"

namespace chartmirror::charts {

// Where a list of versions comes from; Helm reads the two differently.
enum class VersionSource {
  kRepositoryIndex,  // the `version` of each entry of a chart in index.yaml
  kOciTags,          // the tags of an OCI repository, where '+' is written '_'
};

struct SelectOptions {
  std::string_view chart;    // the chart's name, for messages
  std::string_view version;  // as the user wrote it: exact, a constraint, or "" for the newest
  bool devel = false;        // helm --devel: with no version asked, prereleases count too
  VersionSource source = VersionSource::kRepositoryIndex;
  std::string_view location;  // the repository's URL, for Error::source; may be empty
};

struct SelectedVersion {
  size_t index;     // of the chosen version in the list given
  Version version;  // as parsed (for an OCI tag taken as asked: the version asked)
};

// The version Helm would pull from `available`, which lists versions as the source gives
// them (any order, unreadable ones included).
[[nodiscard]] Result<SelectedVersion, Error> select_version(std::span<const std::string> available,
                                                            const SelectOptions& options);

}  // namespace chartmirror::charts
