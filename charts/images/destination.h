// charts/images/destination.h — where a mirrored image or chart goes (DESIGN.md, "Destination
// refs"). The one mapping: the copy (controllers) and the values rewrite both call these, so a
// rewritten chart points exactly where its images were copied.
//
// The destination is a registry host and an optional path: "registry.corp:5000/mirror", or
// "oci://registry.corp:5000/mirror" as spec.destination.url writes it. The host is required
// (a name with '.' or ':', "localhost", or a bracketed IPv6 address), so that the result never
// silently lands on docker.io.
//
// Images: REGISTRY/PATH:TAG goes to <destination>/PATH:TAG. When two source registries hold
// the same PATH (docker.io/bitnami/kubectl and public.ecr.aws/bitnami/kubectl), every image
// of that PATH, from each of those registries, goes to <destination>/REGISTRY/PATH:TAG
// instead; no registry is preferred, so the result depends only on the set, not on its order
// or on which image came first. Images of other PATHs keep the short form, even from the same
// registries. A PATH starting with "charts/" always takes the long form: <destination>/charts/
// is where charts go. In the long form REGISTRY is written lowercase with its port's ':' as
// '_' ("localhost_5000"), since ':' cannot appear in a repository path and '_' cannot appear
// in a host name.
// Tags and digests are kept as they are: a reference by digest stays by digest, with its tag
// when it has both, so the copy is digest-exact and the tag still names it.
// The mapping is a function of the whole set: callers pass every image of one mirror (all of
// its charts), and get the same answer for the same set in any order. Two different sources
// that would still land on one destination name (hosts differing only in case) are an error.
//
// Charts: <destination>/charts/<name>:<version>, the version's '+' written '_' (Helm's rule for
// OCI tags); the same ref `helm push` to oci://<destination>/charts produces.
// A chart whose values were rewritten to point at the mirror (charts/rewrite) goes to
// <destination>/charts/rewritten/<name>:<version>: beside the unchanged chart, never over it,
// and under charts/, which no image path reaches (see above). Name and version are kept:
// helm requires the repository's basename to be the chart's name and the tag its version
// (`helm push` builds the ref so; `helm pull` and `helm install` of it then just work).
//
// Errors (kInvalidInput, `source` the destination as given): a malformed destination, a name
// or version that makes no valid reference, the collision above.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "charts/error.h"
#include "registry/ref/reference.h"
#include "support/result.h"

namespace chartmirror::charts::images {

struct ImageDestination {
  registry::Reference source;
  registry::Reference destination;
  bool registry_prefixed = false;  // the long form <destination>/REGISTRY/PATH
};

// One entry per distinct source (duplicates merged), sorted by source.str().
[[nodiscard]] Result<std::vector<ImageDestination>, Error> image_destinations(
    const std::vector<registry::Reference>& sources, std::string_view destination);

[[nodiscard]] Result<registry::Reference, Error> chart_destination(std::string_view destination,
                                                                   std::string_view name,
                                                                   std::string_view version);

// <destination>/charts/rewritten/<name>:<version>, '+' written '_'.
[[nodiscard]] Result<registry::Reference, Error> rewritten_chart_destination(
    std::string_view destination, std::string_view name, std::string_view version);

}  // namespace chartmirror::charts::images
