// Small charts built in memory, rendered, and printed as `helm template` prints them. Each
// expected text is what helm v3.17.3 printed for the same chart written to disk
// (`helm template rel DIR`, flags as noted).
#include "charts/engine/render.h"

#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "charts/engine/manifests.h"
#include "charts/images/chart_values.h"

namespace chartmirror::charts::engine {
namespace {

Chart make_chart(FileMap files, std::vector<Chart> subcharts = {}) {
  auto chart = Chart::from_files(std::move(files), "test");
  REQUIRE_MESSAGE(chart.ok(), chart.error().describe());
  for (Chart& sub : subcharts) chart->add_dependency(std::move(sub));
  return *std::move(chart);
}

struct Options {
  std::string release = "rel";
  std::string ns = "default";
  std::string kube_version;  // --kube-version
  TemplateOutputOptions output;
};

// helm template's stdout, or "Error: MESSAGE" as helm prints errors.
std::string helm_template(const Chart& chart, const Options& options = {}) {
  auto values = images::render_chart_values(chart, values::Value(values::Value::Map{}));
  REQUIRE_MESSAGE(values.ok(), values.error().describe());
  RenderOptions render_options{.release_name = options.release, .release_namespace = options.ns};
  if (!options.kube_version.empty()) {
    render_options.capabilities.kube_version = *parse_kube_version(options.kube_version);
  }
  auto rendered = render(chart, *values, render_options);
  if (!rendered.ok()) return "Error: " + rendered.error().message;
  auto out = template_output(*rendered, chart.metadata(), render_options.capabilities.kube_version,
                             options.output);
  if (!out.ok()) return "Error: " + out.error().message;
  return *out;
}

TEST_CASE("Helm's objects: .Files, .Capabilities, .Chart, .Release, .Template") {
  const Chart chart = make_chart({
      {"Chart.yaml",
       "apiVersion: v2\nname: t1\nversion: 0.1.0\nappVersion: \"1.2.3\"\ndescription: objects\n"},
      {"files/a.yaml", "a: 1\n"},
      {"files/b.txt", "line1\nline2\n"},
      {"files/sub/c.txt", "deep"},
      {"templates/_helpers.tpl", R"({{- define "t1.files" -}}
{{ .ctx.Files.Get "files/sub/c.txt" }}-{{ .ctx.Capabilities.KubeVersion.Major }}
{{- end -}}
)"},
      {"templates/cm.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Name }}
  namespace: {{ .Release.Namespace }}
data:
  get: {{ .Files.Get "files/a.yaml" | quote }}
  missing: {{ .Files.Get "nope" | quote }}
  lines: {{ .Files.Lines "files/b.txt" | toJson | quote }}
  kubeMinor: {{ .Capabilities.KubeVersion.Minor | quote }}
  hasApps: {{ .Capabilities.APIVersions.Has "apps/v1" | quote }}
  hasFoo: {{ .Capabilities.APIVersions.Has "foo/v1" | quote }}
  chart: {{ printf "%s %s %s %v" .Chart.Name .Chart.Version .Chart.AppVersion .Chart.IsRoot | quote }}
  release: {{ printf "%s %v %v %v" .Release.Service .Release.IsInstall .Release.IsUpgrade .Release.Revision | quote }}
  template: {{ printf "%s %s" .Template.Name .Template.BasePath | quote }}
  viaDict: {{ include "t1.files" (dict "ctx" $) | quote }}
  {{- range $path, $_ := .Files.Glob "files/*" }}
  glob-{{ base $path }}: {{ $path | quote }}
  {{- end }}
  len: {{ len (.Files.Glob "files/**") | quote }}
{{ (.Files.Glob "files/*.{yaml,txt}").AsConfig | indent 2 }}
---
apiVersion: v1
kind: Secret
metadata:
  name: s
data:
{{ (.Files.Glob "files/sub/*").AsSecrets | indent 2 }}
)"},
      {"templates/version.yaml", "kube: {{ .Capabilities.KubeVersion }}\n"},
  });
  CHECK(helm_template(chart, {.ns = "ns1", .kube_version = "1.31.0"}) == R"(---
# Source: t1/templates/cm.yaml
apiVersion: v1
kind: Secret
metadata:
  name: s
data:
  c.txt: ZGVlcA==
---
# Source: t1/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel-t1
  namespace: ns1
data:
  get: "a: 1\n"
  missing: ""
  lines: "[\"line1\",\"line2\"]"
  kubeMinor: "31"
  hasApps: "true"
  hasFoo: "false"
  chart: "t1 0.1.0 1.2.3 true"
  release: "Helm true false 1"
  template: "t1/templates/cm.yaml t1/templates"
  viaDict: "deep-1"
  glob-a.yaml: "files/a.yaml"
  glob-b.txt: "files/b.txt"
  len: "3"
  a.yaml: |
    a: 1
  b.txt: |
    line1
    line2
---
# Source: t1/templates/version.yaml
kube: v1.31.0
)");
  // Without --kube-version: helm 3.17.3's default.
  CHECK(helm_template(chart).ends_with("kube: v1.32.0\n"));
}

TEST_CASE("subcharts: scopes, aliases, definitions across charts, .Subcharts, shared $") {
  const Chart sub = make_chart({
      {"Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n"},
      {"values.yaml", "color: green\nsize: 3\n"},
      {"templates/_names.tpl", R"({{- define "shared.name" -}}sub-{{ .Chart.Name }}{{- end -}}
{{- define "sub.only" -}}from-sub{{- end -}}
)"},
      {"templates/cm.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "shared.name" . }}
data:
  color: {{ .Values.color }}
  size: {{ .Values.size | quote }}
  isRoot: {{ .Chart.IsRoot | quote }}
  template: {{ .Template.Name }}
  parentGreeting: {{ .Values.greeting | quote }}
)"},
  });
  const Chart top = make_chart(
      {
          {"Chart.yaml", R"(apiVersion: v2
name: t2
version: 1.0.0
dependencies:
- name: sub
  version: 0.1.0
  alias: other
- name: sub
  version: 0.1.0
)"},
          {"values.yaml", "greeting: hi\nsub:\n  color: red\nother:\n  color: blue\n"},
          {"templates/_names.tpl",
           R"({{- define "shared.name" -}}top-{{ .Chart.Name }}{{- end -}}
)"},
          {"templates/cm.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "shared.name" . }}
data:
  fromSub: {{ include "sub.only" . }}
  subColor: {{ .Subcharts.sub.Values.color }}
  otherColor: {{ .Subcharts.other.Values.color }}
  otherChart: {{ .Subcharts.other.Chart.Name }}
  {{- $_ := set .Values "added" "yes" }}
)"},
          {"templates/dm.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: second
data:
  added: {{ .Values.added | quote }}
)"},
      },
      {sub});
  CHECK(helm_template(top) == R"(---
# Source: t2/charts/other/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: top-other
data:
  color: blue
  size: "3"
  isRoot: "false"
  template: t2/charts/other/templates/cm.yaml
  parentGreeting:
---
# Source: t2/charts/sub/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: top-sub
data:
  color: red
  size: "3"
  isRoot: "false"
  template: t2/charts/sub/templates/cm.yaml
  parentGreeting:
---
# Source: t2/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: top-t2
data:
  fromSub: from-sub
  subColor: red
  otherColor: blue
  otherChart: other
---
# Source: t2/templates/dm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: second
data:
  added:
)");
}

TEST_CASE("Helm's functions") {
  const Chart chart = make_chart({
      {"Chart.yaml", "apiVersion: v2\nname: t3\nversion: 0.1.0\n"},
      {"values.yaml", R"(name: world
tplText: "hello {{ .Values.name }}"
nested:
  list: [1, "two", {three: 3}]
  empty: {}
)"},
      {"templates/cm.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: funcs
data:
  tpl: {{ tpl .Values.tplText . | quote }}
  tplDefine: {{ tpl "{{ define \"x\" }}X{{ end }}{{ include \"x\" . }}" . | quote }}
  required: {{ required "need name" .Values.name | quote }}
  toYaml: |
{{ toYaml .Values.nested | indent 4 }}
  toJson: {{ toJson .Values.nested | quote }}
  fromYaml: {{ fromYaml "a: [1, 2]\nb: x" | toJson | quote }}
  fromYamlBad: {{ (fromYaml "- a\n- b").Error | quote }}
  fromYamlArray: {{ fromYamlArray "- a\n- b" | toJson | quote }}
  fromJson: {{ fromJson "{\"a\": 1}" | toJson | quote }}
  fromJsonArray: {{ fromJsonArray "[1, \"x\"]" | toJson | quote }}
  toToml: {{ toToml (dict "a" 1 "b" "x" "t" (dict "c" true)) | quote }}
  lookup: {{ lookup "v1" "Secret" "ns" "name" | toJson | quote }}
  include: {{ include "t3.upper" "abc" | quote }}
  noValue: "{{ .Values.nested.missing }}"
{{- define "t3.upper" -}}{{ upper . }}{{- end -}}
)"},
  });
  CHECK(helm_template(chart) == R"(---
# Source: t3/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: funcs
data:
  tpl: "hello world"
  tplDefine: "X"
  required: "world"
  toYaml: |
    empty: {}
    list:
    - 1
    - two
    - three: 3
  toJson: "{\"empty\":{},\"list\":[1,\"two\",{\"three\":3}]}"
  fromYaml: "{\"a\":[1,2],\"b\":\"x\"}"
  fromYamlBad: "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"
  fromYamlArray: "[\"a\",\"b\"]"
  fromJson: "{\"a\":1}"
  fromJsonArray: "[1,\"x\"]"
  toToml: "a = 1\nb = \"x\"\n\n[t]\n  c = true\n"
  lookup: "{}"
  include: "ABC"
  noValue: ""
)");
}

TEST_CASE("errors as helm prints them") {
  struct Case {
    std::string text;
    std::string error;
  };
  const std::vector<Case> cases = {
      {R"({{ required "need x" .Values.x }})",
       "execution error at (e1/templates/a.yaml:2:5): need x"},
      {R"({{ .Values.a.b }})",
       R"(template: e1/templates/a.yaml:2:12: executing "e1/templates/a.yaml" at <.Values.a.b>: nil pointer evaluating interface {}.b)"},
      {R"({{ fail "boom" }})", "execution error at (e1/templates/a.yaml:2:5): boom"},
      {R"({{ foo }})", R"(parse error at (e1/templates/a.yaml:2): function "foo" not defined)"},
      {R"({{ include "nope" . }})",
       R"(template: e1/templates/a.yaml:2:5: executing "e1/templates/a.yaml" at <include "nope" .>: error calling include: template: no template "nope" associated with template "gotpl")"},
      {R"({{ .Chart.Foo }})",
       R"(template: e1/templates/a.yaml:2:11: executing "e1/templates/a.yaml" at <.Chart.Foo>: can't evaluate field Foo in type interface {})"},
      {R"({{ .Files.Get }})",
       R"(template: e1/templates/a.yaml:2:11: executing "e1/templates/a.yaml" at <.Files.Get>: wrong number of args for Get: want 1 got 0)"},
      {R"({{ .Capabilities.APIVersions.Foo }})",
       R"(template: e1/templates/a.yaml:2:18: executing "e1/templates/a.yaml" at <.Capabilities.APIVersions.Foo>: can't evaluate field Foo in type chartutil.VersionSet)"},
      {R"({{ tpl "{{ .x.y }}" . }})",
       R"(template: e1/templates/a.yaml:2:5: executing "e1/templates/a.yaml" at <tpl "{{ .x.y }}" .>: error calling tpl: error during tpl function execution for "{{ .x.y }}": template: gotpl:1:5: executing "gotpl" at <.x.y>: nil pointer evaluating interface {}.y)"},
      {R"({{ tpl "{{ bad" . }})",
       R"(template: e1/templates/a.yaml:2:5: executing "e1/templates/a.yaml" at <tpl "{{ bad" .>: error calling tpl: cannot parse template "{{ bad": template: gotpl:1: function "bad" not defined)"},
      {R"({{ include "i" . }}{{ define "i" }}{{ required "deep" nil }}{{ end }})",
       "execution error at (e1/templates/a.yaml:2:5): deep"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Chart chart = make_chart({
        {"Chart.yaml", "apiVersion: v2\nname: e1\nversion: 0.1.0\n"},
        {"templates/a.yaml", "a: |\n  " + c.text + "\n"},
    });
    CHECK(helm_template(chart) == "Error: " + c.error);
  }
}

TEST_CASE("include nested past Helm's limit") {
  const Chart chart = make_chart({
      {"Chart.yaml", "apiVersion: v2\nname: e1\nversion: 0.1.0\n"},
      {"templates/a.yaml",
       "a: |\n  {{ include \"r\" . }}{{ define \"r\" }}{{ include \"r\" . }}{{ end }}\n"},
  });
  const std::string out = helm_template(chart);
  // helm's message is 93288 bytes: the outer frame, then 1001 nested ones.
  CHECK(out.starts_with(
      R"(Error: template: e1/templates/a.yaml:2:5: executing "e1/templates/a.yaml" at <include "r" .>: error calling include: template: e1/templates/a.yaml:2:40: executing "r" at <include "r" .>: )"));
  CHECK(out.ends_with(
      "error calling include: rendering template has a nested reference name: r: unable to "
      "execute template"));
  CHECK(out.size() == 93288 - 1);  // helm printed "Error: " + the message + "\n"
}

}  // namespace
}  // namespace chartmirror::charts::engine
