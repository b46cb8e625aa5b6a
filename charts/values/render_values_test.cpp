#include "charts/values/render_values.h"

#include <doctest/doctest.h>

#include "charts/values/json.h"
#include "charts/values/set_parser.h"
#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

Value yaml(std::string_view text) { return *parse_values_yaml(text, "values.yaml"); }

ValuesTree chart(std::string name, std::string_view values) {
  return ValuesTree{.name = std::move(name), .version = "0.1.0", .defaults = yaml(values)};
}

// The chart helm 3.17.3 rendered for the expectations below (each chart's template was
// `{{ toJson .Values }}`):
//   p: dependencies sub; sub as sub2 (condition "sub2.enabled,global.sub2", tags [t1]);
//      other (import-values: "data" and {child: exp.inner, parent: imported.here})
//   p/charts/sub: dependency deep (condition deep.enabled); p/charts/sub/charts/deep;
//   p/charts/other. charts/ lists other before sub, as helm loads them.
ValuesTree parent_chart() {
  ValuesTree deep = chart("deep", "d: 1\nglobal: {gd: deep}\n");
  ValuesTree sub = chart("sub",
                         "global:\n  g1: sub\n  g3: subonly\n  gm: {b: 2, deep: {x: 9, z: 2}}\n"
                         "own: 1\nfromparent: 0\ndeep:\n  enabled: true\n");
  sub.dependencies = {{.name = "deep", .version = "0.1.0", .condition = "deep.enabled"}};
  sub.subcharts = {deep};
  // `n:` is the YAML 1.1 boolean false, as a key "false".
  ValuesTree other = chart("other",
                           "exports:\n  data: {ex1: 1, nested: {n: 1}}\n"
                           "exp:\n  inner: {k: child, k2: child2}\n");
  ValuesTree p = chart("p",
                       "global:\n  g1: parent\n  gm: {a: 1, deep: {x: 1}}\n  gl: [1]\n"
                       "pkey: {a: 1, b: 2, l: [1, 2]}\nnullme: 5\n"
                       "sub:\n  fromparent: 1\n  global: {g2: pset}\n"
                       "imported:\n  here: {k: parentwins}\n");
  p.dependencies = {
      {.name = "sub", .version = "0.1.0"},
      {.name = "sub",
       .version = "0.1.0",
       .alias = "sub2",
       .condition = "sub2.enabled,global.sub2",
       .tags = {"t1"}},
      {.name = "other",
       .version = "0.1.0",
       .import_values = Value::list(
           {"data", Value::map({{"child", "exp.inner"}, {"parent", "imported.here"}})})},
  };
  p.subcharts = {other, sub};
  return p;
}

// `.Values` as `helm template` computes them, as JSON, or "error: MESSAGE".
std::string helm_template_values(const ValuesTree& tree, const std::string& set) {
  Value user;
  if (!set.empty()) REQUIRE(parse_set_into(set, user, SetMode::kTyped).ok());
  auto rendered = render_values(tree, user);
  if (!rendered.ok()) return "error: " + rendered.error().message;
  return *to_json(rendered->values);
}

}  // namespace

TEST_CASE("subcharts, aliases, conditions, tags, import-values and globals as helm renders them") {
  // Expectations: the parent's `{{ toJson .Values }}` from helm 3.17.3 `helm template r p
  // --set ARGS` (the subcharts' .Values are the sections under their names). Note the global
  // gm.deep.z: sub's default reaches the parent and `other` through the shared map.
  struct Case {
    std::string set;
    std::string json;
  };
  const Case cases[] = {
      {"", R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
           R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
           R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
           R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
           R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"d":1,"enabled":true)"
           R"(,"global":{"g1":"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{")"
           R"(a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":")"
           R"(pset","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},)"
           R"("sub2":{"deep":{"d":1,"enabled":true,"global":{"g1":"parent","g3":"subonly","gd")"
           R"(:"deep","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":0,"globa)"
           R"(l":{"g1":"parent","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2})"
           R"(}},"own":1}})"},
      {"sub2.enabled=false",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
       R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
       R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
       R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
       R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"d":1,"enabled":true)"
       R"(,"global":{"g1":"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{")"
       R"(a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":")"
       R"(pset","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},)"
       R"("sub2":{"enabled":false}})"},
      {"tags.t1=false",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
       R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
       R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
       R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
       R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"d":1,"enabled":true)"
       R"(,"global":{"g1":"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{")"
       R"(a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":")"
       R"(pset","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},)"
       R"("tags":{"t1":false}})"},
      {"nullme=null,pkey.a=null,absent=null,pkey.l=null",
       R"({"absent":null,"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":)"
       R"(1,"z":2}}},"imported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false)"
       R"(":1},"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex)"
       R"(1":1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":)"
       R"({"x":1,"z":2}}}},"pkey":{"b":2},"sub":{"deep":{"d":1,"enabled":true,"global":{"g)"
       R"(1":"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{"a":1,"b":2,"d)"
       R"(eep":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":"pset","g3":"s)"
       R"(ubonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},"sub2":{"deep)"
       R"(":{"d":1,"enabled":true,"global":{"g1":"parent","g3":"subonly","gd":"deep","gl":)"
       R"([1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":0,"global":{"g1":"par)"
       R"(ent","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1}})"},
      {"sub.deep=null",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
       R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
       R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
       R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
       R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"d":1,"global":{"g1")"
       R"(:"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{"a":1,"b":2,"dee)"
       R"(p":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":"pset","g3":"sub)"
       R"(only","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},"sub2":{"deep":)"
       R"({"d":1,"enabled":true,"global":{"g1":"parent","g3":"subonly","gd":"deep","gl":[1)"
       R"(],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":0,"global":{"g1":"paren)"
       R"(t","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1}})"},
      {"global.sub2=false,sub2.enabled=true",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}},"sub)"
       R"(2":false},"imported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false")"
       R"(:1},"nullme":5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{")"
       R"(data":{"ex1":1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a")"
       R"(:1,"deep":{"x":1,"z":2}},"sub2":false}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"d)"
       R"(eep":{"d":1,"enabled":true,"global":{"g1":"parent","g2":"pset","g3":"subonly","g)"
       R"(d":"deep","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}},"sub2":false}},"fromp)"
       R"(arent":1,"global":{"g1":"parent","g2":"pset","g3":"subonly","gl":[1],"gm":{"a":1)"
       R"(,"b":2,"deep":{"x":1,"z":2}},"sub2":false},"own":1},"sub2":{"deep":{"d":1,"enabl)"
       R"(ed":true,"global":{"g1":"parent","g3":"subonly","gd":"deep","gl":[1],"gm":{"a":1)"
       R"(,"b":2,"deep":{"x":1,"z":2}},"sub2":false}},"enabled":true,"fromparent":0,"globa)"
       R"(l":{"g1":"parent","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2})"
       R"(},"sub2":false},"own":1}})"},
      {"sub.deep.enabled=false",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
       R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
       R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
       R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
       R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"enabled":false},"fr)"
       R"(omparent":1,"global":{"g1":"parent","g2":"pset","g3":"subonly","gl":[1],"gm":{"a)"
       R"(":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},"sub2":{"deep":{"d":1,"enabled":true,")"
       R"(global":{"g1":"parent","g3":"subonly","gd":"deep","gl":[1],"gm":{"a":1,"b":2,"de)"
       R"(ep":{"x":1,"z":2}}}},"fromparent":0,"global":{"g1":"parent","g3":"subonly","gl":)"
       R"([1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1}})"},
      {"sub2.enabled=1,global.sub2=false",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}},"sub)"
       R"(2":false},"imported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false")"
       R"(:1},"nullme":5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{")"
       R"(data":{"ex1":1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a")"
       R"(:1,"deep":{"x":1,"z":2}},"sub2":false}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"d)"
       R"(eep":{"d":1,"enabled":true,"global":{"g1":"parent","g2":"pset","g3":"subonly","g)"
       R"(d":"deep","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}},"sub2":false}},"fromp)"
       R"(arent":1,"global":{"g1":"parent","g2":"pset","g3":"subonly","gl":[1],"gm":{"a":1)"
       R"(,"b":2,"deep":{"x":1,"z":2}},"sub2":false},"own":1},"sub2":{"enabled":1}})"},
      {"sub=5", R"(error: type mismatch on sub: %!t(int64=5))"},
      {"other=null", R"(error: type mismatch on other: %!t(<nil>))"},
      {"tags.t1=false,sub2.enabled=true",
       R"({"ex1":1,"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x":1,"z":2}}},"im)"
       R"(ported":{"here":{"k":"parentwins","k2":"child2"}},"nested":{"false":1},"nullme":)"
       R"(5,"other":{"exp":{"inner":{"k":"child","k2":"child2"}},"exports":{"data":{"ex1":)"
       R"(1,"nested":{"false":1}}},"global":{"g1":"parent","gl":[1],"gm":{"a":1,"deep":{"x)"
       R"(":1,"z":2}}}},"pkey":{"a":1,"b":2,"l":[1,2]},"sub":{"deep":{"d":1,"enabled":true)"
       R"(,"global":{"g1":"parent","g2":"pset","g3":"subonly","gd":"deep","gl":[1],"gm":{")"
       R"(a":1,"b":2,"deep":{"x":1,"z":2}}}},"fromparent":1,"global":{"g1":"parent","g2":")"
       R"(pset","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}},"own":1},)"
       R"("sub2":{"deep":{"d":1,"enabled":true,"global":{"g1":"parent","g3":"subonly","gd")"
       R"(:"deep","gl":[1],"gm":{"a":1,"b":2,"deep":{"x":1,"z":2}}}},"enabled":true,"fromp)"
       R"(arent":0,"global":{"g1":"parent","g3":"subonly","gl":[1],"gm":{"a":1,"b":2,"deep)"
       R"(":{"x":1,"z":2}}},"own":1},"tags":{"t1":false}})"},
  };
  const ValuesTree tree = parent_chart();
  for (const auto& c : cases) {
    CAPTURE(c.set);
    CHECK(helm_template_values(tree, c.set) == c.json);
  }
}

TEST_CASE("two imports into one parent path change the child's first table, as in helm") {
  // helm 3.17.3 printed exactly this for the parent q (o's own .Values is the "o" section):
  // the first import shares o's table exp.a with the parent, the second merges into it.
  ValuesTree o = chart("o", "exp:\n  a: {k1: 1}\n  b: {k2: 2}\n");
  ValuesTree q = chart("q", "");
  q.dependencies = {
      {.name = "o",
       .version = "0.1.0",
       .import_values = Value::list({Value::map({{"child", "exp.a"}, {"parent", "x"}}),
                                     Value::map({{"child", "exp.b"}, {"parent", "x"}})})}};
  q.subcharts = {o};
  CHECK(helm_template_values(q, "") ==
        R"({"o":{"exp":{"a":{"k1":1,"k2":2},"b":{"k2":2}},"global":{}},"x":{"k1":1,"k2":2}})");
}

TEST_CASE("the schemas of the rendered charts are checked, unless skipped") {
  ValuesTree sub = chart("sub", "port: 80");
  sub.schema = R"({"properties": {"port": {"type": "integer", "maximum": 1000}}})";
  ValuesTree top = chart("top", "");
  top.dependencies = {{.name = "sub", .alias = "web", .condition = "web.enabled"}};
  top.subcharts = {sub};

  // helm 3.17.3 printed these three for the same chart (`helm template` with --set).
  CHECK(helm_template_values(top, "") == R"({"web":{"global":{},"port":80}})");
  // The alias names the chart in the report, as Helm's renamed copy does.
  CHECK(helm_template_values(top, "web.port=8080") ==
        "error: values don't meet the specifications of the schema(s) in the following "
        "chart(s):\nweb:\n- port: Must be less than or equal to 1000\n");
  // A disabled subchart is not validated.
  CHECK(helm_template_values(top, "web.port=8080,web.enabled=false") ==
        R"({"web":{"enabled":false,"port":8080}})");

  Value user;
  REQUIRE(parse_set_into("web.port=8080", user, SetMode::kTyped).ok());
  auto skipped = render_values(top, user, {.skip_schema_validation = true});
  REQUIRE(skipped.ok());
  CHECK(skipped->values.find_path("web.port")->as_int() == 8080);
  CHECK(skipped->chart.subcharts.at(0).name == "web");
}

}  // namespace chartmirror::charts::values
