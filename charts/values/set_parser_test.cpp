#include "charts/values/set_parser.h"

#include <map>

#include <doctest/doctest.h>

#include "charts/values/json.h"

namespace chartmirror::charts::values {
namespace {

struct Flag {
  SetMode mode;
  std::string line;
};

// Applies the flags in order and returns toJson of the result, or "error: MESSAGE".
std::string apply(const std::vector<Flag>& flags) {
  Value values;
  for (const auto& flag : flags) {
    auto status = parse_set_into(flag.line, values, flag.mode);
    if (!status.ok()) return "error: " + status.error().message;
  }
  auto json = to_json(values);
  return json.ok() ? *json : "error: " + json.error().message;
}

Flag set(std::string line) { return {SetMode::kTyped, std::move(line)}; }

// A FileReader over an in-memory set of files.
FileReader files(std::map<std::string, std::string> contents) {
  return [contents = std::move(contents)](const std::string& path) -> Result<std::string, Error> {
    const auto it = contents.find(path);
    if (it == contents.end()) {
      return Error{.code = Error::Code::kNotFound,
                   .message = "open " + path + ": no such file or directory"};
    }
    return it->second;
  };
}

}  // namespace

TEST_CASE("--set and its siblings build values the way helm does") {
  // Every expectation is the `{{ toJson .Values }}` helm 3.17.3 printed for the same flags on a
  // chart with empty values, or the text after "failed parsing --set data: ".
  struct Case {
    std::vector<Flag> flags;
    std::string json;
  };
  const Case cases[] = {
      {{set("a=1,b=true,c=TRUE,d=null,e=0,f=007,g=-5,h=+5,i=1.5,j=9223372036854775808,k=,l=-0")},
       R"({"a":1,"b":true,"c":true,"d":null,"e":0,"f":"007","g":-5,"h":5,"i":"1.5",)"
       R"("j":"9223372036854775808","k":"","l":0})"},
      {{set("x=1,y=TrUe,z=NULL,w=-12,v=+0")}, R"({"v":0,"w":-12,"x":1,"y":true,"z":null})"},
      {{set("a=9223372036854775807,b=-9223372036854775808,c=1e3,d=0x10")},
       R"({"a":9223372036854775807,"b":-9223372036854775808,"c":"1e3","d":"0x10"})"},
      {{set("a.b=c"), set("a\\.b=d")}, R"({"a":{"b":"c"},"a.b":"d"})"},
      {{set("a[0]=x,a[2]=z")}, R"({"a":["x",null,"z"]})"},
      {{set("a={x,y,1},b={}")}, R"({"a":["x","y",1],"b":[""]})"},
      {{set("a=x\\,y")}, R"({"a":"x,y"})"},
      {{set("a={a\\,b,c}")}, R"({"a":["a,b","c"]})"},
      {{set("a[0].b=1,a[0].c=2")}, R"({"a":[{"b":1,"c":2}]})"},
      {{set("a=1,")}, R"({"a":1})"},
      {{set("a[1][0]=x")}, R"({"a":[null,["x"]]})"},
      {{set("a[0][0]=x,a[0][1]=y")}, R"({"a":[["x","y"]]})"},
      {{set("a=b=c")}, R"({"a":"b=c"})"},
      {{set("=x")}, "{}"},
      {{set("a= b ")}, R"({"a":" b "})"},
      {{set("a.")}, "{}"},
      {{set("a[0]")}, R"({"a":[]})"},
      {{set("a[0]=1,a[0].b=2")}, R"({"a":[{"b":2}]})"},
      {{set("a[1]=x"), set("a[0].b=1")}, R"({"a":[{"b":1},"x"]})"},
      {{set("a={}"), set("a[1]=2")}, R"({"a":["",2]})"},
      {{set("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a1.b1.c1.d1.e1=1")},
       R"({"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{"m":{"n":{"o":{"p":)"
       R"({"q":{"r":{"s":{"t":{"u":{"v":{"w":{"x":{"y":{"z":{"a1":{"b1":{"c1":{"d1":{"e1":1)"
       R"(}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}})"},
      {{set("a=1"), {SetMode::kString, "b=2"}, set("c={1,2}"), {SetMode::kString, "d={1,2}"}},
       R"({"a":1,"b":"2","c":[1,2],"d":["1","2"]})"},
      {{{SetMode::kString, "a=1,b=true,c=null"}}, R"({"a":"1","b":"true","c":"null"})"},
      {{{SetMode::kLiteral, "a.b=x,y=z\\,{}"}}, R"({"a":{"b":"x,y=z\\,{}"}})"},
      {{{SetMode::kJson, R"(a={"b":[1,2]},c=null,d=,e="s")"}},
       R"({"a":{"b":[1,2]},"c":null,"d":null,"e":"s"})"},
      {{{SetMode::kJson, "a[1]=2, b=[true]"}}, R"({" b":[true],"a":[null,2]})"},
      // Errors.
      {{set("a=1"), set("a.b=2")},
       "error: unable to parse key: interface conversion: interface {} is int64, not "
       "map[string]interface {}"},
      {{set("a.b=1"), set("a[0]=2")},
       "error: unable to parse key: interface conversion: interface {} is "
       "map[string]interface {}, not []interface {}"},
      {{set("a[0]=1"), set("a[0][1]=2")},
       "error: unable to parse key: interface conversion: interface {} is int64, not "
       "[]interface {}"},
      {{set("a=null"), set("a.b=1")},
       "error: unable to parse key: interface conversion: interface {} is nil, not "
       "map[string]interface {}"},
      {{set("a=null"), set("a[0]=1")},
       "error: unable to parse key: interface conversion: interface {} is nil, not []interface "
       "{}"},
      {{set("a")}, "error: key \"a\" has no value"},
      {{set("a.b")}, "error: key \"b\" has no value"},
      {{set("a,b=1")}, "error: key \"a\" has no value (cannot end with ,)"},
      {{set("a={x,y}z")}, "error: key \"z\" has no value"},
      {{set("a=[1,2]")}, "error: key \"2]\" has no value"},
      {{set("a..b=1")}, "error: key map \"a\" has no value"},
      {{set("a[x]=1")}, "error: error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"},
      {{set("a[ 1]=1")},
       "error: error parsing index: strconv.Atoi: parsing \" 1\": invalid syntax"},
      {{set("a[-1]=1")}, "error: negative -1 index not allowed"},
      {{set("a[70000]=1")},
       "error: index of 70000 is greater than maximum supported index of 65536"},
      {{set("a[0]b=1")}, "error: unexpected data at end of array index: ['b']"},
      {{set("name={a,b")}, "error: list must terminate with '}'"},
      {{set("a[1")}, "error: error parsing index: EOF"},
      {{set("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.a1.b1.c1.d1.e1.f1=1")},
       "error: value name nested level is greater than maximum supported nested level of 30"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.flags.front().line);
    CHECK(apply(c.flags) == c.json);
  }
}

TEST_CASE("list indexes nest a thousand deep at most (a limit Helm does not have)") {
  std::string deep = "a";
  for (int i = 0; i < 1002; ++i) deep += "[0]";
  Value values;
  auto status = parse_set_into(deep + "=1", values, SetMode::kTyped);
  REQUIRE_FALSE(status.ok());
  CHECK(status.error().message == "list indexes nested deeper than 1000");
}

TEST_CASE("--set-file reads each value as a file name") {
  const FileReader read = files({{"cert.pem", "PEM\n"}, {"b.txt", "b"}});
  Value values;
  REQUIRE(
      parse_set_into("tls.cert=cert.pem,list={b.txt,cert.pem}", values, SetMode::kFile, read).ok());
  CHECK(values == Value::map({{"list", Value::list({"b", "PEM\n"})},
                              {"tls", Value::map({{"cert", "PEM\n"}})}}));
  auto missing = parse_set_into("a=nope", values, SetMode::kFile, read);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message == "open nope: no such file or directory");
}

TEST_CASE("-f files merge in order, then the --set family applies") {
  // helm 3.17.3: -f m1.yaml -f m2.yaml printed {"a":{"b":null,"c":2,"d":3},"l":[2]} (with the
  // chart's own values beside them), and -f m3.yaml -f m4.yaml --set a.y=2 {"a":{"x":1,"y":2}}.
  const FileReader read = files({{"m1.yaml", "a: {b: 1, c: 2}\nl: [1]\n"},
                                 {"m2.yaml", "a: {b: null, d: 3}\nl: [2]\n"},
                                 {"m3.yaml", "a: 1\n"},
                                 {"m4.yaml", "a: {x: 1}\n"},
                                 {"empty.yaml", ""},
                                 {"bad.yaml", "- 1\n"},
                                 {"data.txt", "file text"}});
  auto merged = merge_values_files({.value_files = {"m1.yaml", "m2.yaml", "empty.yaml"}}, read);
  REQUIRE(merged.ok());
  CHECK(*to_json(*merged) == R"({"a":{"b":null,"c":2,"d":3},"l":[2]})");

  merged = merge_values_files({.value_files = {"m3.yaml", "m4.yaml"}, .values = {"a.y=2"}}, read);
  REQUIRE(merged.ok());
  CHECK(*to_json(*merged) == R"({"a":{"x":1,"y":2}})");

  // The order of the kinds is fixed: json, set, set-string, set-file, set-literal.
  merged = merge_values_files({.json_values = {"k=1"},
                               .values = {"k=2"},
                               .string_values = {"k=3"},
                               .file_values = {"f=data.txt"},
                               .literal_values = {"k=4,5"}},
                              read);
  REQUIRE(merged.ok());
  CHECK(*to_json(*merged) == R"({"f":"file text","k":"4,5"})");

  auto bad = merge_values_files({.value_files = {"bad.yaml"}}, read);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("failed to parse bad.yaml: error unmarshaling JSON") == 0);
  bad = merge_values_files({.value_files = {"missing.yaml"}}, read);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "open missing.yaml: no such file or directory");
  bad = merge_values_files({.values = {"a"}}, read);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "failed parsing --set data: key \"a\" has no value");
  bad = merge_values_files({.json_values = {"a=[1"}}, read);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == "failed parsing --set-json data a=[1");
}

TEST_CASE("merge_maps merges maps and replaces everything else") {
  const Value a = Value::map({{"m", Value::map({{"x", 1}, {"y", 1}})}, {"s", 1}, {"l", 1}});
  const Value b =
      Value::map({{"m", Value::map({{"y", 2}})}, {"s", Value::map({{"z", 1}})}, {"l", nullptr}});
  CHECK(merge_maps(a, b) == Value::map({{"l", nullptr},
                                        {"m", Value::map({{"x", 1}, {"y", 2}})},
                                        {"s", Value::map({{"z", 1}})}}));
  CHECK(a.find_path("m.y")->as_int() == 1);  // the inputs are unchanged
}

}  // namespace chartmirror::charts::values
