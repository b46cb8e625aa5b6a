// controllers/image_selection.h — the images one ChartMirror mirrors: what its charts render,
// less spec.images.exclude, plus spec.images.extra.
//
// Exclude patterns are globs over fully qualified references as status and `chartmirror
// images` print them ("docker.io/library/nginx:1.25"): '*' is any run of characters, '/' and
// ':' included (so "quay.io/prometheus/*" excludes every image under that path), '?' one
// character, every other character itself. A pattern may also be matched against the name
// without tag or digest, so "docker.io/library/nginx" excludes every nginx tag.
// Extra images are normalized as `docker pull` would ("busybox:1.36" is docker.io/library/
// busybox:1.36); they are never excluded (the user asked for them by name).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "controllers/error.h"
#include "registry/ref/reference.h"
#include "support/result.h"

namespace chartmirror::controllers {

[[nodiscard]] bool image_glob_match(std::string_view pattern, std::string_view text);

// Whether `image` matches any of `patterns`.
[[nodiscard]] bool excluded(const registry::Reference& image,
                            const std::vector<std::string>& patterns);

// spec.images.extra parsed; kInvalidSpec naming "spec.images.extra[i]" for a bad reference.
[[nodiscard]] Result<std::vector<registry::Reference>, Error> extra_images(
    const std::vector<std::string>& extra);

}  // namespace chartmirror::controllers
