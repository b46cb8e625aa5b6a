// charts/chart/package.h — writing a chart as a .tgz, the same bytes every time.
//
// The layout is `helm package`'s (pkg/chartutil/save.go): every file under one directory
// named after the chart, Chart.yaml first, then Chart.lock, values.yaml, values.schema.json,
// the templates, and the other files; then the subcharts. Unlike Helm, which re-marshals
// Chart.yaml and Chart.lock from its structs, the files are written as the chart holds them,
// so a chart loaded and packaged again keeps its bytes; and the order is by path, not the
// order files were read in. A subchart that came from charts/NAME.tgz is written there as an
// archive of its own (packaged the same way); one from a directory, or built in code, as a
// directory charts/NAME/.
//
// Only regular files are written (no directory entries, like Helm), as pax-restricted tar
// (plain ustar unless a path needs more), mode 0644, owner and group 0 without names, one
// modification time; gzip without a timestamp or file name. Same chart, same options, same
// bytes.
#pragma once

#include <cstdint>
#include <string>

#include "charts/chart/chart.h"
#include "charts/error.h"
#include "support/result.h"

namespace chartmirror::charts {

struct PackageOptions {
  // The modification time of every entry, in seconds since the Unix epoch.
  std::int64_t mtime = 0;
};

// The .tgz of `chart`. Fails (kInvalidInput) on what Helm's Save refuses: invalid metadata, a
// name that is not a single path element, a values.schema.json that is not JSON.
[[nodiscard]] Result<std::string, Error> package_chart(const Chart& chart,
                                                       const PackageOptions& options = {});

// Helm's file name for the package: "NAME-VERSION.tgz".
[[nodiscard]] std::string package_file_name(const Chart& chart);

}  // namespace chartmirror::charts
