#include "charts/version/select.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "charts/version/constraint.h"

namespace chartmirror::charts {
namespace {

// helm pull --devel: "use development versions, too. Equivalent to version '>0.0.0-0'".
constexpr std::string_view kDevelConstraint = ">0.0.0-0";
// helm's constraint when no version is asked (IndexFile.Get, GetTagMatchingVersionOrConstraint).
constexpr std::string_view kAnyRelease = "*";
constexpr size_t kNearestCount = 5;

struct Candidate {
  size_t index;
  Version version;
};

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string tag_to_version(std::string_view tag) {
  std::string text(tag);
  std::replace(text.begin(), text.end(), '_', '+');
  return text;
}

// Newest first; ties keep the order of the list (Go's sort.Sort is not stable, but sorts
// short lists, as long as 12 entries, by insertion, which is).
std::vector<Candidate> readable(std::span<const std::string> available, VersionSource source) {
  std::vector<Candidate> candidates;
  for (size_t i = 0; i < available.size(); ++i) {
    if (source == VersionSource::kRepositoryIndex) {
      if (auto version = Version::parse(available[i])) {
        candidates.push_back({i, std::move(version).value()});
      }
    } else {
      const std::string text = tag_to_version(available[i]);
      auto version = Version::parse_strict(text);
      if (version && version->str() == text) candidates.push_back({i, std::move(version).value()});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.version > b.version; });
  return candidates;
}

// Up to kNearestCount listed versions around `anchor` (the newest ones without an anchor),
// newest first, then how many there are: "2.1.0, 2.0.0, 1.3.0-alpha (3 available)".
std::string nearest(std::span<const std::string> available,
                    const std::vector<Candidate>& candidates,
                    const std::optional<Version>& anchor) {
  size_t start = 0;
  if (anchor) {
    const auto at = std::find_if(candidates.begin(), candidates.end(),
                                 [&](const Candidate& c) { return c.version <= *anchor; });
    start = static_cast<size_t>(at - candidates.begin());
    start = std::min(start - std::min<size_t>(start, 2),
                     candidates.size() - std::min(candidates.size(), kNearestCount));
  }
  std::string list;
  for (size_t i = start; i < std::min(candidates.size(), start + kNearestCount); ++i) {
    list += (list.empty() ? "" : ", ") + available[candidates[i].index];
  }
  return list + " (" + std::to_string(candidates.size()) + " available)";
}

Error not_found(std::span<const std::string> available, const std::vector<Candidate>& candidates,
                const SelectOptions& options, const std::optional<Version>& anchor) {
  std::string message = "chart " + quoted(options.chart);
  if (candidates.empty()) {
    message += " has no versions";
    if (!available.empty()) {
      message += " that Helm can read (" + std::to_string(available.size()) + " listed, e.g. " +
                 quoted(available.front()) + ")";
    }
  } else if (options.version.empty()) {
    message += options.devel ? " has no version above 0.0.0-0; newest: "
                             : " has no stable version, only prereleases; newest: ";
    message += nearest(available, candidates, std::nullopt);
    if (!options.devel) message += "; ask for one of them or allow development versions";
  } else {
    message += " version " + quoted(options.version) +
               " not found; nearest available: " + nearest(available, candidates, anchor);
  }
  return Error{.code = Error::Code::kNotFound,
               .message = std::move(message),
               .source = std::string(options.location)};
}

// A version asked from an OCI repository that reads as a version is the tag itself.
Result<SelectedVersion, Error> select_tag(std::span<const std::string> available,
                                          const SelectOptions& options, Version asked) {
  std::string tag = asked.original();
  std::replace(tag.begin(), tag.end(), '+', '_');
  const auto found = std::find(available.begin(), available.end(), tag);
  if (found != available.end()) {
    return SelectedVersion{.index = static_cast<size_t>(found - available.begin()),
                           .version = std::move(asked)};
  }
  return not_found(available, readable(available, options.source), options, asked);
}

}  // namespace

Result<SelectedVersion, Error> select_version(std::span<const std::string> available,
                                              const SelectOptions& options) {
  const std::string_view asked = options.version;
  const bool oci = options.source == VersionSource::kOciTags;
  if (oci && !asked.empty()) {
    if (auto version = Version::parse(asked)) {
      return select_tag(available, options, std::move(version).value());
    }
  }
  const std::string_view request = asked.empty() && options.devel ? kDevelConstraint : asked;
  auto constraint = Constraint::parse(request.empty() ? kAnyRelease : request);
  const std::vector<Candidate> candidates = readable(available, options.source);
  if (!request.empty()) {
    // An exact spelling wins over the constraint; OCI compares the canonical form.
    const auto exact = std::find_if(candidates.begin(), candidates.end(), [&](const auto& c) {
      return oci ? c.version.str() == request : available[c.index] == request;
    });
    // The index reads the constraint first and fails on a malformed one; tags do not.
    if (exact != candidates.end() && (oci || constraint)) {
      return SelectedVersion{.index = exact->index, .version = exact->version};
    }
  }
  if (!constraint) {
    Error error = constraint.error();
    error.message = "chart " + quoted(options.chart) + ": " + error.message;
    error.source = std::string(options.location);
    return error;
  }
  for (const Candidate& candidate : candidates) {
    if (constraint->check(candidate.version)) {
      return SelectedVersion{.index = candidate.index, .version = candidate.version};
    }
  }
  return not_found(available, candidates, options,
                   asked.empty() ? std::nullopt : constraint->anchor());
}

}  // namespace chartmirror::charts
