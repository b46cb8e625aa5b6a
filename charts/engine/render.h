// charts/engine/render.h — Helm's engine.Render (pkg/engine/engine.go, Helm 3.17.3): every
// template of a chart and of its subcharts that render, executed as helm does.
//
// The charts that render and their values come from charts/values (RenderValues: disabled
// subcharts gone, aliases applied, values coalesced). Each chart gets its scope, Helm's
// recAllTpls: .Values (the top chart's values, or the section of its parent's .Values under
// its name, an empty map when that is not a map), .Chart (its metadata, named by its alias,
// with IsRoot), .Files, .Release, .Capabilities and .Subcharts (each subchart's scope by
// name). Scopes are maps shared as Go shares them: a template that `set`s a key of `$` is
// seen by the chart's later templates, and .Subcharts.x is subchart x's own scope. The
// values are deep-copied first, so nothing a template changes reaches the caller.
//
// Templates are named by their chart's path: "top/templates/a.yaml",
// "top/charts/sub/templates/b.yaml". All are parsed into one set, deepest paths first and,
// at one depth, in reverse name order (Helm's sortTemplates), so that a {{define}} of a
// parent replaces a subchart's of the same name. A library chart contributes only its
// partials. Partials (base name starting with '_') are not executed. Each template runs with
// missingkey=zero (missingkey=error when strict), .Template = {Name, BasePath}, and
// "<no value>" is removed from its output. NOTES.txt files are rendered like any template
// (their errors count); the caller drops them.
//
// Errors read as helm prints them (without its "Error: " prefix), with the top chart as
// Error::source:
//   parse error at (top/templates/a.yaml:3): function "x" not defined
//   template: top/templates/a.yaml:3:7: executing "top/templates/a.yaml" at <.x.y>: ...
//   execution error at (top/templates/a.yaml:3:7): MESSAGE    (required, fail)
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "charts/chart/chart.h"
#include "charts/engine/helm_objects.h"
#include "charts/error.h"
#include "charts/values/render_values.h"
#include "support/result.h"

namespace chartmirror::charts::engine {

struct RenderOptions {
  std::string release_name = "release";
  std::string release_namespace = "default";
  int revision = 1;
  bool is_upgrade = false;  // false: .Release.IsInstall
  Capabilities capabilities;
  bool strict = false;  // missingkey=error (helm lint --strict)
};

// A file of a chart's crds/ directory, as Chart.CRDObjects lists them.
struct CrdFile {
  std::string path;  // "top/charts/sub/crds/x.yaml"
  std::string content;
};

struct Rendered {
  std::map<std::string, std::string> files;  // template name → output; partials absent
  std::vector<CrdFile> crds;                 // of the charts that render, top chart first
};

// `values` must come from rendering `chart`'s values (images/chart_values.h
// render_chart_values, or values::render_values over the same tree).
[[nodiscard]] Result<Rendered, Error> render(const Chart& chart, const values::RenderValues& values,
                                             const RenderOptions& options = {});

}  // namespace chartmirror::charts::engine
