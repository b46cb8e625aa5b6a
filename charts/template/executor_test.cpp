#include "charts/template/executor.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "charts/template/go_fmt.h"
#include "charts/template/go_type.h"
#include "charts/template/parser.h"
#include "charts/values/json.h"

namespace chartmirror::charts::tmpl {
namespace {

using values::Value;

// The data of the table: JSON read as Helm reads values (numbers are float64).
constexpr std::string_view kData =
    R"({"a":{"b":"x","n":null,"l":[1,"two",null,{"k":"v"}],"m":{"z":1,"y":"s"}},"s":"str","e":"",)"
    R"("zero":0,"f":1.5,"big":1e6,"t":true,"list":["a","b","c"],"empty":[],"emap":{},"nul":null,)"
    R"("i":3,"neg":-2.5})";

// The template parsed as "x.yaml" and executed on kData: the output, "PARSE: error" or
// "ERROR: error".
std::string run(std::string_view text, const ExecOptions& options = {}) {
  auto set = parse("x.yaml", text, {.functions = &go_builtin_functions()});
  if (!set.ok()) return "PARSE: " + set.error().describe();
  auto data = values::parse_json(kData, "data");
  REQUIRE(data.ok());
  Executor executor(*set, builtin_functions(), options);
  auto out = executor.execute("x.yaml", ExecValue(*data));
  if (!out.ok()) return "ERROR: " + out.error().describe();
  return *out;
}

struct Case {
  std::string_view text;
  std::string_view want;
};

// Produced by Go 1.26's text/template (a throwaway program outside the repository: Parse as
// "x.yaml", Execute on kData unmarshalled with encoding/json), verbatim. Go 1.23 (Helm 3.17)
// differs only in "incompatible types for comparison", which Go 1.26 follows with the two
// types; those rows are in kGo123 below, checked against helm.
constexpr Case kCases[] = {
    {"hello {{\"world\"}}", "hello world"},
    {"{{.s}} {{.f}} {{.big}} {{.zero}} {{.t}} {{.neg}}", "str 1.5 1e+06 0 true -2.5"},
    {"{{.a}}", "map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] n:<nil>]"},
    {"{{.list}} {{.empty}} {{.emap}}", "[a b c] [] map[]"},
    {"{{.missing}}|{{.nul}}|{{.a.n}}|{{.missing.x.y}}",
     "<no value>|<no value>|<no value>|<no value>"},
    {"{{.a.l}}", "[1 two <nil> map[k:v]]"},
    {"{{1}} {{1.0}} {{1e3}} {{0x10}} {{'a'}} {{-7}} {{1_000}} {{0x1p4}}",
     "1 1 1000 16 97 -7 1000 16"},
    {"{{true}} {{false}} {{\"q\\\"s\"}} {{`raw`}}", "true false q\"s raw"},
    {"{{nil}}", "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <nil>: nil is not a command"},
    {"{{.nul.x}}",
     "ERROR: template: x.yaml:1:6: executing \"x.yaml\" at <.nul.x>: nil pointer evaluating "
     "interface {}.x"},
    {"{{.a.n.x}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.n.x>: nil pointer evaluating "
     "interface {}.x"},
    {"{{.s.x}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.s.x>: can't evaluate field x in type "
     "interface {}"},
    {"{{.a.b.c}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.b.c>: can't evaluate field c in "
     "type interface {}"},
    {"{{$x := .s}}{{$x.y}}",
     "ERROR: template: x.yaml:1:16: executing \"x.yaml\" at <$x.y>: can't evaluate field y in type "
     "string"},
    {"{{.a.b 1}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.b>: b is not a method but has "
     "arguments"},
    {"{{\"x\" 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <\"x\">: can't give argument to "
     "non-function \"x\""},
    {"{{. | printf \"%T\"}}", "map[string]interface {}"},
    {"{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}", "12"},
    {"{{$x := \"a\"}}{{if true}}{{$x = \"b\"}}{{$y := \"c\"}}{{$y}}{{end}}{{$x}}", "cb"},
    {"{{$}}",
     "map[a:map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] n:<nil>] big:1e+06 e: emap:map[] "
     "empty:[] f:1.5 i:3 list:[a b c] neg:-2.5 nul:<nil> s:str t:true zero:0]"},
    {"{{with $x := .a.b}}{{$x}}{{.}}{{end}}", "xx"},
    {"{{$.s}}{{range .list}}{{$.s}}{{end}}", "strstrstrstr"},
    {"{{if .t}}T{{else}}F{{end}} {{if .zero}}T{{else}}F{{end}} {{if .e}}T{{else}}F{{end}} {{if "
     ".empty}}T{{else}}F{{end}} {{if .emap}}T{{else}}F{{end}} {{if .nul}}T{{else}}F{{end}} {{if "
     ".missing}}T{{else}}F{{end}} {{if .a}}T{{else}}F{{end}} {{if .f}}T{{else}}F{{end}}",
     "T F F F F F F T T"},
    {"{{if .zero}}a{{else if .e}}b{{else if .s}}c{{else}}d{{end}}", "c"},
    {"{{if 0}}a{{else if 0.0}}b{{end}}.", "."},
    {"{{with .a.b}}[{{.}}]{{else}}none{{end}} {{with .missing}}x{{else}}none{{end}} {{with "
     ".zero}}x{{else with .s}}{{.}}{{end}}",
     "[x] none str"},
    {"{{range .list}}<{{.}}>{{end}}", "<a><b><c>"},
    {"{{range $i, $e := .list}}{{$i}}={{$e}} {{end}}", "0=a 1=b 2=c "},
    {"{{range $k, $v := .a.m}}{{$k}}={{$v}};{{end}}", "y=s;z=1;"},
    {"{{range .a}}{{.}};{{end}}", "x;[1 two <nil> map[k:v]];map[y:s z:1];<no value>;"},
    {"{{range .empty}}x{{else}}empty{{end}} {{range .emap}}x{{else}}emptymap{{end}} {{range "
     ".missing}}x{{else}}missing{{end}} {{range .nul}}x{{else}}nul{{end}}",
     "empty emptymap missing nul"},
    {"{{range 3}}{{.}}{{end}} {{range $i := 3}}{{$i}}{{end}} {{range 0}}x{{else}}none{{end}}",
     "012 012 none"},
    {"{{range $i, $e := 3}}{{end}}",
     "ERROR: template: x.yaml:1:18: executing \"x.yaml\" at <3>: can't use 3 to iterate over more "
     "than one variable"},
    {"{{range .s}}{{end}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.s>: range can't iterate over str"},
    {"{{range .f}}{{end}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.f>: range can't iterate over 1.5"},
    {"{{range .list}}{{if eq . \"b\"}}{{break}}{{end}}{{.}}{{end}}", "a"},
    {"{{range .list}}{{if eq . \"b\"}}{{continue}}{{end}}{{.}}{{end}}", "ac"},
    {"{{range .a.l}}{{.}},{{end}}", "1,two,<no value>,map[k:v],"},
    {"{{range .a.l}}{{.k}},{{end}}",
     "ERROR: template: x.yaml:1:16: executing \"x.yaml\" at <.k>: can't evaluate field k in type "
     "interface {}"},
    {"{{$i := 0}}{{range $i = .list}}{{end}}{{$i}}", "c"},
    {"{{range $i, $e := .list}}{{end}}{{$x := 1}}{{$x}}", "1"},
    {"{{range $e := .list}}{{$e}}{{end}}", "abc"},
    {"{{range (len .list)}}{{.}}{{end}}", "012"},
    {"{{define \"t\"}}[{{.}}]{{end}}{{template \"t\" .s}}{{template \"t\"}}", "[str][<no value>]"},
    {"{{template \"nope\"}}",
     "ERROR: template: x.yaml:1:11: executing \"x.yaml\" at <{{template \"nope\"}}>: template "
     "\"nope\" not defined"},
    {"{{define \"t\"}}{{.x}}{{end}}{{template \"t\" .s}}",
     "ERROR: template: x.yaml:1:16: executing \"t\" at <.x>: can't evaluate field x in type "
     "string"},
    {"{{block \"b\" .list}}{{range .}}-{{.}}{{end}}{{end}}", "-a-b-c"},
    {"{{define \"r\"}}{{if .}}{{len .}}{{template \"r\" (slice . 1)}}{{end}}{{end}}{{template "
     "\"r\" .list}}",
     "321"},
    {"{{define \"v\"}}{{$}}{{end}}{{$x := 1}}{{template \"v\" .i}}", "3"},
    {"{{and 1 0 2}} {{and 1 2}} {{or 0 \"\" \"x\"}} {{or 0 \"\"}} {{not 0}} {{not .s}} {{and "
     ".missing 1}} {{or .nul}}",
     "0 2 x  true false <no value> <no value>"},
    {"{{and 0 (index .list 10)}} {{or 1 (index .list 10)}}", "0 1"},
    {"{{and}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <and>: wrong number of args for and: "
     "want at least 1 got 0"},
    {"{{not}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <not>: wrong number of args for not: "
     "want 1 got 0"},
    {"{{\"x\" | and 1}} {{0 | or \"\"}}", "x 0"},
    {"{{len .s}} {{len .list}} {{len .a}} {{len .empty}} {{len .e}}", "3 3 4 0 0"},
    {"{{len .missing}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <len .missing>: error calling len: "
     "reflect: call of reflect.Value.Type on zero Value"},
    {"{{len .nul}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <len .nul>: error calling len: len of "
     "nil pointer"},
    {"{{len 3}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <len 3>: error calling len: len of type "
     "int"},
    {"{{len .f}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <len .f>: error calling len: len of "
     "type float64"},
    {"{{index .list 1}} {{index .a \"b\"}} {{index .a \"l\" 3 \"k\"}} {{index .a \"nokey\"}} "
     "{{index .s 0}}",
     "b x v <no value> 115"},
    {"{{index .list 3}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list 3>: error calling index: "
     "reflect: slice index out of range"},
    {"{{index .list 5}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list 5>: error calling index: "
     "index out of range: 5"},
    {"{{index .list -1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list -1>: error calling index: "
     "index out of range: -1"},
    {"{{index .list \"x\"}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list \"x\">: error calling "
     "index: cannot index slice/array with type string"},
    {"{{index .list 1.0}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list 1.0>: error calling index: "
     "cannot index slice/array with type float64"},
    {"{{index .list nil}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .list nil>: error calling index: "
     "cannot index slice/array with nil"},
    {"{{index .a 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .a 1>: error calling index: "
     "value has type int; should be string"},
    {"{{index .missing 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .missing 1>: error calling "
     "index: index of untyped nil"},
    {"{{index .nul 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .nul 1>: error calling index: "
     "index of untyped nil"},
    {"{{index 3 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index 3 1>: error calling index: can't "
     "index item of type int"},
    {"{{index .a \"n\" \"x\"}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index .a \"n\" \"x\">: error calling "
     "index: index of nil pointer"},
    {"{{index .list}}", "[a b c]"},
    {"{{slice .list 1}} {{slice .list 1 2}} {{slice .list}} {{slice .s 1 2}} {{slice .list 0 1 2}}",
     "[b c] [b] [a b c] t [a]"},
    {"{{slice .s 0 1 2}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <slice .s 0 1 2>: error calling slice: "
     "cannot 3-index slice a string"},
    {"{{slice .list 2 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <slice .list 2 1>: error calling slice: "
     "invalid slice index: 2 > 1"},
    {"{{slice 3 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <slice 3 1>: error calling slice: can't "
     "slice item of type int"},
    {"{{slice .missing}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <slice .missing>: error calling slice: "
     "slice of untyped nil"},
    {"{{eq 1 1}} {{eq 1 2}} {{eq \"a\" \"a\"}} {{eq 1 2 3 1}} {{eq .s \"str\"}} {{eq .f 1.5}} {{eq "
     ".zero 0.0}} {{eq .t true}}",
     "true false true true true true true true"},
    {"{{eq .missing 1}} {{eq .missing .nul}} {{eq .nul nil}}", "false true true"},
    {"{{eq 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <eq 1>: error calling eq: missing "
     "argument for comparison"},
    {"{{eq .list .list}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <eq .list .list>: error calling eq: "
     "non-comparable type [a b c]: []interface {}"},
    {"{{eq .list .a}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <eq .list .a>: error calling eq: "
     "non-comparable types [a b c]: []interface {}, map[string]interface {}: map[b:x l:[1 two "
     "<nil> map[k:v]] m:map[y:s z:1] n:<nil>]"},
    {"{{ne 1 2}} {{ne \"a\" \"a\"}}", "true false"},
    {"{{lt 1 2}} {{lt \"a\" \"b\"}} {{lt 2.5 .f}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}} {{le \"b\" "
     "\"a\"}}",
     "true true false true true false false"},
    {"{{lt true false}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <lt true false>: error calling lt: "
     "invalid type for comparison"},
    {"{{lt .missing 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <lt .missing 1>: error calling lt: "
     "invalid type for comparison"},
    {"{{lt .list 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <lt .list 1>: error calling lt: invalid "
     "type for comparison"},
    {"{{print 1 2 \"a\" \"b\" 3 .nul .list}}", "1 2ab3 <nil> [a b c]"},
    {"{{println 1 \"a\" .missing}}", "1 a <nil>\n"},
    {"{{print}}|{{println}}|{{printf \"x\"}}", "|\n|x"},
    {"{{printf \"%v %v %v %v %v\" .s .f .list .a .nul}}",
     "str 1.5 [a b c] map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] n:<nil>] <nil>"},
    {"{{printf \"%d|%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%c|%q|%U\" 42 42 42 -42 42 42 255 "
     "255 8 8 5 255 8 65 65 65}}",
     "42|   42|42   |-0042|+42| 42|ff|FF|10|0o10|101|0xff|010|A|'A'|U+0041"},
    {"{{printf \"%.2f|%8.3f|%-8.2f|%08.3f|%+.1f|%e|%E|%.3e|%g|%G|%.3g|%f\" 3.14159 3.14159 3.14159 "
     "-3.14159 2.0 123456.789 0.000123 1.5 1e21 1e-7 3.14159 1e6}}",
     "3.14|   3.142|3.14    "
     "|-003.142|+2.0|1.234568e+05|1.230000E-04|1.500e+00|1e+21|1E-07|3.14|1000000.000000"},
    {"{{printf \"%s|%10s|%-10s|%.2s|%q|%x|% x|%#x|%X|%5.1s|%05s\" \"hi\" \"hi\" \"hi\" \"hello\" "
     "\"a\\\"b\" \"hi\" \"hi\" \"hi\" \"hi\" \"xyz\" \"ab\"}}",
     "hi|        hi|hi        |he|\"a\\\"b\"|6869|68 69|0x6869|6869|    x|000ab"},
    {"{{printf \"%t|%v|%5t\" true false true}}", "true|false| true"},
    {"{{printf \"%d\" \"x\"}}|{{printf \"%s\" 1}}|{{printf \"%t\" 1}}|{{printf \"%d\" "
     "1.5}}|{{printf \"%s\" .f}}|{{printf \"%d\" .nul}}|{{printf \"%d\" true}}",
     "%!d(string=x)|%!s(int=1)|%!t(int=1)|%!d(float64=1.5)|%!s(float64=1.5)|%!d(<nil>)|%!d(bool="
     "true)"},
    {"{{printf \"%d %d\" 1}}|{{printf \"%d\" 1 2 \"x\"}}|{{printf \"%\" 1}}|{{printf \"%!\" "
     "1}}|{{printf \"%z\" 1}}",
     "1 %!d(MISSING)|1%!(EXTRA int=2, string=x)|%!(NOVERB)%!(EXTRA int=1)|%!!(int=1)|%!z(int=1)"},
    {"{{printf \"%d\" .list}}|{{printf \"%s\" .a.m}}|{{printf \"%5v\" .list}}|{{printf \"%v\" "
     ".a.l}}",
     "[%!d(string=a) %!d(string=b) %!d(string=c)]|map[y:s z:%!s(float64=1)]|[    a     b     c]|[1 "
     "two <nil> map[k:v]]"},
    {"{{printf \"%*d|%-*d|%.*f\" 5 1 4 2 2 3.14159}}", "    1|2   |3.14"},
    {"{{printf \"%*d\" \"x\" 1}}", "%!(BADWIDTH)1"},
    {"{{printf \"%%|%5%|%v\" 1}}", "%|%|1"},
    {"{{printf \"%v|%.1f|%5.2f\" .big .big .zero}}", "1e+06|1000000.0| 0.00"},
    {"{{printf \"%x|%X\" -255 \"Hé\"}}", "-ff|48C3A9"},
    {"{{printf \"%#q|%q|%q\" \"a`b\" \"tab\\there\" \"é\"}}", "\"a`b\"|\"tab\\there\"|\"é\""},
    {"{{printf \"%6.2v|%.3v\" 3.14159 \"abcdef\"}}", "   3.1|abc"},
    {"{{printf \"%v %s\" .missing .missing}}", "<nil> %!s(<nil>)"},
    {"{{printf 1}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <1>: expected string; found 1"},
    {"{{printf .f}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <.f>: wrong type for value; expected "
     "string; got float64"},
    {"{{printf .missing}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <.missing>: invalid value; expected "
     "string"},
    {"{{printf \"%g|%g|%g|%v\" 100000.0 1000000.0 0.0001 0.00001}}", "100000|1e+06|0.0001|1e-05"},
    {"{{printf \"%.0f|%.0f|%.0f\" 0.5 1.5 2.5}}", "0|2|2"},
    {"{{printf \"%5c|%-3c|\" 'x' 'y'}}", "    x|y  |"},
    {"{{html \"<a href=\\\"x\\\">'&'</a>\"}} {{html .missing}} {{html 1 2}} {{html \"a\" \"b\"}}",
     "&lt;a href=&#34;x&#34;&gt;&#39;&amp;&#39;&lt;/a&gt; &lt;no value&gt; 1 2 ab"},
    {"{{js \"a'b\\\"c<d>&= é\"}} {{js 1}} {{js \"\\u0001\\u00a0\"}}",
     "a\\'b\\\"c\\u003Cd\\u003E\\u0026\\u003D é 1 \\u0001\\u00A0"},
    {"{{urlquery \"a b&c=d/é~\"}} {{urlquery .missing}}", "a+b%26c%3Dd%2F%C3%A9~ %3Cno+value%3E"},
    {"{{\"<x>\" | html}}", "&lt;x&gt;"},
    {"{{.s | len | printf \"%d\"}} {{.list | len}}", "3 3"},
    {"{{nil | len}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <nil>: nil is not a command"},
    {"{{(.a).b}} {{(.a.m).z}}", "x 1"},
    {"{{(.missing).b}}", "<no value>"},
    {"{{(nil).b}}",
     "ERROR: template: x.yaml:1:3: executing \"x.yaml\" at <nil>: nil is not a command"},
    {"{{$x := .a}}{{$x.m.y}}", "s"},
    {"{{$x := .nul}}{{$x.y}}", "<no value>"},
    {"{{.a.m.z 1}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.m.z>: z is not a method but has "
     "arguments"},
    {"{{1 | .a.m.z}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.a.m.z>: z is not a method but has "
     "arguments"},
    {"{{$ 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <$>: can't give argument to "
     "non-function $"},
    {"{{. 1}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <.>: can't give argument to "
     "non-function ."},
    {"{{if .s}}{{.s.t}}{{end}}",
     "ERROR: template: x.yaml:1:13: executing \"x.yaml\" at <.s.t>: can't evaluate field t in type "
     "interface {}"},
    {"{{range .a.l}}{{.k}}{{end}}",
     "ERROR: template: x.yaml:1:16: executing \"x.yaml\" at <.k>: can't evaluate field k in type "
     "interface {}"},
    {"{{len 1 2}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <len>: wrong number of args for len: "
     "want 1 got 2"},
    {"{{index}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <index>: wrong number of args for "
     "index: want at least 1 got 0"},
    {"{{printf}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <printf>: wrong number of args for "
     "printf: want at least 1 got 0"},
    {"{{printf 1 2}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <1>: expected string; found 1"},
    {"{{not 1 2}}",
     "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <not>: wrong number of args for not: "
     "want 1 got 2"},
    {"{{1 | not 2}}",
     "ERROR: template: x.yaml:1:6: executing \"x.yaml\" at <not>: wrong number of args for not: "
     "want 1 got 2"},
    {"{{3 | printf \"%d-%d\" 2}}", "2-3"},
    {"{{\"a\" | printf}}", "a"},
    {"{{with .a}}{{.m.z}}{{end}} {{with $.a.m}}{{.y}}{{end}}", "1 s"},
    {"{{99999999999999999999}}",
     "PARSE: template: x.yaml:1: integer overflow: \"99999999999999999999\""},
    {"{{template \"t\" 1}}",
     "ERROR: template: x.yaml:1:11: executing \"x.yaml\" at <{{template \"t\" 1}}>: template \"t\" "
     "not defined"},
    {"line1\n{{.s}}\n  {{.s.x}}",
     "ERROR: template: x.yaml:3:6: executing \"x.yaml\" at <.s.x>: can't evaluate field x in type "
     "interface {}"},
    {"{{define \"d\"}}\n\n  {{.s.x}}{{end}}{{template \"d\" .}}",
     "ERROR: template: x.yaml:3:6: executing \"d\" at <.s.x>: can't evaluate field x in type "
     "interface {}"},
    {"{{printf \"%6.2f|%-8.3e|%+.3g|% .2f|%08.2f|%-08d|%+05d\" -1.005 1234.5 0.000012345 2.5 -1.5 "
     "7 3}}",
     " -1.00|1.234e+03|+1.23e-05| 2.50|-0001.50|7       |+0003"},
    {"{{printf \"%3c|%-4q|%U|%.3d|%8.3d|%x\" 233 233 65 7 -7 .list}}",
     "  é|'é' |U+0041|007|    -007|[61 62 63]"},
    {"{{printf \"%s|%10.4v|%-6v|%+v|%.0d|%5.0d|\" .a.m .f .t 5 0 0}}",
     "map[y:s z:%!s(float64=1)]|       1.5|true  |5||     |"},
    {"{{range $i, $e := .list}}{{range $.list}}{{if eq . "
     "\"b\"}}{{break}}{{end}}{{$i}}{{.}}{{end}};{{end}}",
     "0a;1a;2a;"},
    {"{{range .list}}{{with $x := .}}{{if eq $x \"b\"}}{{continue}}{{end}}{{$x}}{{end}}{{end}}",
     "ac"},
    {"{{$x := 0}}{{range $i, $e := .list}}{{$x = $i}}{{end}}{{$x}}", "2"},
    {"{{$x := \"o\"}}{{range .list}}{{$x := .}}{{end}}{{$x}}", "o"},
    {"{{range $i, $e := .emap}}x{{else}}{{$i := 1}}{{$i}}{{end}}", "1"},
    {"{{with .missing}}a{{else with .a.b}}b{{.}}{{else}}c{{end}}", "bx"},
    {"{{- /* comment */ -}}  {{ .s -}}   x   {{- .s }}", "strxstr"},
    {"{{define \"a\"}}{{$}}:{{.}}{{end}}{{range .list}}{{template \"a\" .}}{{end}}", "a:ab:bc:c"},
    {"{{printf \"%q|%v|%d|%s\" .list .a.l .a.l .a.l}}",
     "[\"a\" \"b\" \"c\"]|[1 two <nil> map[k:v]]|[%!d(float64=1) %!d(string=two) <nil> "
     "map[%!d(string=k):%!d(string=v)]]|[%!s(float64=1) two <nil> map[k:v]]"},
    {"{{printf \"%v\" .a}}", "map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] n:<nil>]"},
    {"{{printf \"%x|%X|% x\" .list \"ab\" .a.m.y}}", "[61 62 63]|6162|73"},
    {"{{printf \"%6.2f|%-6.2f|%06.2f\" .f .f .neg}}", "  1.50|1.50  |-02.50"},
    {"{{.a.l | len}} {{(index .a.l 3).k}} {{index .a.l 3 | printf \"%v\"}}", "4 v map[k:v]"},
    {"{{(.a.l)}} {{(.a).m.y}}", "[1 two <nil> map[k:v]] s"},
    {"{{.a.l.x}}",
     "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.l.x>: can't evaluate field x in "
     "type interface {}"},
    {"{{$m := .a.m}}{{$m.y}}{{$m.none}}", "s<no value>"},
    {"{{$.a.m.z}} {{$.a.none.x}}", "1 <no value>"},
    {"{{range .a.m}}{{.}}{{end}}", "s1"},
    {"{{if and .s (not .e) (or .zero .t)}}yes{{end}}", "yes"},
    {"{{if eq .s \"x\" \"y\" \"str\"}}in{{end}}", "in"},
    {"{{print .f 2.0 3 \"x\" 1e21 1e20 0.000001 -0.0}}", "1.5 2 3x1e+21 1e+20 1e-06 -0"},
    {"{{2.5}} {{1e100}} {{0.1}} {{-0.0}} {{1e-7}}", "2.5 1e+100 0.1 -0 1e-07"},
    {"{{len \"héllo\"}} {{slice \"héllo\" 1 3}} {{index \"héllo\" 1}}", "6 é 195"},
    {"{{html .list}} {{js .a.m}} {{urlquery \"x\" 1}}", "[a b c] map[y:s z:1] x1"},
    {"{{printf \"%#v|%#v|%#v|%#v|%#v|%#v|%#v\" .s .f 1 .t .nul .list .a}}",
     "\"str\"|1.5|1|true|<nil>|[]interface {}{\"a\", \"b\", \"c\"}|map[string]interface "
     "{}{\"b\":\"x\", \"l\":[]interface {}{1, \"two\", interface {}(nil), map[string]interface "
     "{}{\"k\":\"v\"}}, \"m\":map[string]interface {}{\"y\":\"s\", \"z\":1}, \"n\":interface "
     "{}(nil)}"},
    {"{{printf \"%#v|%#v|%#v|%#v|%10v|%#5v\" .big 1e21 0.000001 (len .s) .list .list}}",
     "1e+06|1e+21|1e-06|3|[         a          b          c]|[]interface {}{  \"a\",   \"b\",   "
     "\"c\"}"},
    {"{{printf \"%#v|%#v|%#q|%+v\" .emap .empty \"x\" .a.l}}",
     "map[string]interface {}{}|[]interface {}{}|`x`|[1 two <nil> map[k:v]]"},
};

TEST_CASE("executor: Go's text/template, case by case") {
  for (const Case& c : kCases) {
    CAPTURE(c.text);
    CHECK(run(c.text) == c.want);
  }
}

// Produced by the real helm 3.17.3 (Go 1.23): `helm template r hc` of a throwaway chart whose
// values.yaml is kData and whose templates/x.yaml is the text; a failure is helm's "Error: "
// line. Helm runs templates with missingkey=zero, without range over integers, on a dot whose
// "Values" is the values, and erases "<no value>" from the output (engine.go), as run_helm does.
constexpr Case kHelmCases[] = {
    {"a: {{ .Values.missing.x }}",
     "ERROR: template: hc/templates/x.yaml:1:13: executing \"hc/templates/x.yaml\" at "
     "<.Values.missing.x>: nil pointer evaluating interface {}.x"},
    {"a: {{ len .Values.missing }}",
     "ERROR: template: hc/templates/x.yaml:1:6: executing \"hc/templates/x.yaml\" at <len "
     ".Values.missing>: error calling len: len of nil pointer"},
    {"a: {{ range 3 }}{{ . }}{{ end }}",
     "ERROR: template: hc/templates/x.yaml:1:12: executing \"hc/templates/x.yaml\" at <3>: range "
     "can't iterate over 3"},
    {"a: {{ eq 1 1.0 }}",
     "ERROR: template: hc/templates/x.yaml:1:6: executing \"hc/templates/x.yaml\" at <eq 1 1.0>: "
     "error calling eq: incompatible types for comparison"},
    {"a: {{ lt .Values.f 2 }}",
     "ERROR: template: hc/templates/x.yaml:1:6: executing \"hc/templates/x.yaml\" at <lt .Values.f "
     "2>: error calling lt: incompatible types for comparison"},
    {"a: {{ printf \"%05s|%5.1f|%x|%d|%v|%T|%T\" \"ab\" 3.14159 \"hi\" \"x\" .Values.a .Values.i 3 "
     "}}",
     "a: 000ab|  3.1|6869|%!d(string=x)|map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] "
     "n:<nil>]|float64|int"},
    {"a: {{ define \"t\" }}{{ .x }}{{ end }}{{ template \"t\" .Values.s }}",
     "ERROR: template: hc/templates/x.yaml:1:22: executing \"t\" at <.x>: can't evaluate field x "
     "in type string"},
    {"a: {{ and .Values.t .Values.s }} {{ or .Values.zero .Values.e }} {{ and .Values.zero 1 }}",
     "a: str  0"},
    {"a: {{ range $k, $v := .Values.a.m }}{{ $k }}={{ $v }},{{ end }}", "a: y=s,z=1,"},
    {"a: {{ with .Values.missing }}x{{ else }}none{{ end }}", "a: none"},
    {"a: {{ print 1 2 \"a\" .Values.nul }} {{ println .Values.list }}", "a: 1 2a<nil> [a b c]\n"},
    {"a: {{ .Values.s.x }}",
     "ERROR: template: hc/templates/x.yaml:1:13: executing \"hc/templates/x.yaml\" at "
     "<.Values.s.x>: can't evaluate field x in type interface {}"},
    {"a: {{ index .Values.list 3 }}",
     "ERROR: template: hc/templates/x.yaml:1:6: executing \"hc/templates/x.yaml\" at <index "
     ".Values.list 3>: error calling index: reflect: slice index out of range"},
    {"a: {{ eq .Values.list .Values.a }}",
     "ERROR: template: hc/templates/x.yaml:1:6: executing \"hc/templates/x.yaml\" at <eq "
     ".Values.list .Values.a>: error calling eq: non-comparable types [a b c]: []interface {}, "
     "map[string]interface {}: map[b:x l:[1 two <nil> map[k:v]] m:map[y:s z:1] n:<nil>]"},
    {"a: |-\n  {{ .Values.missing }}|{{ .Values.nul }}|{{ index .Values.a \"nokey\" }}",
     "a: |-\n  ||"},
    {"a: |-\n  {{ html \"<a>\" }} {{ js \"a'b\" }} {{ urlquery \"a b\" }}",
     "a: |-\n  &lt;a&gt; a\\'b a+b"},
    {"a: |-\n  {{ .Values.a.l }} {{ .Values.big }} {{ .Values.neg }}",
     "a: |-\n  [1 two <nil> map[k:v]] 1e+06 -2.5"},
    {"a: |-\n  {{ .Values.missing.x }}",
     "ERROR: template: hc/templates/x.yaml:2:12: executing \"hc/templates/x.yaml\" at "
     "<.Values.missing.x>: nil pointer evaluating interface {}.x"},
};

std::string run_helm(std::string_view text) {
  auto set = parse("hc/templates/x.yaml", text, {.functions = &go_builtin_functions()});
  REQUIRE(set.ok());
  auto data = values::parse_json(kData, "data");
  REQUIRE(data.ok());
  Executor executor(*set, builtin_functions(),
                    {.missing_key = MissingKey::kZero, .range_over_int = false});
  auto out = executor.execute("hc/templates/x.yaml", ExecValue(Value::map({{"Values", *data}})));
  if (!out.ok()) return "ERROR: " + out.error().describe();
  std::string text_out = *out;
  for (size_t at = text_out.find("<no value>"); at != std::string::npos;
       at = text_out.find("<no value>", at)) {
    text_out.erase(at, 10);
  }
  return text_out;
}

TEST_CASE("executor: as helm 3.17 renders") {
  for (const Case& c : kHelmCases) {
    CAPTURE(c.text);
    CHECK(run_helm(c.text) == c.want);
  }
}

std::string run_with(std::string_view text, const ExecOptions& options) {
  return run(text, options);
}

// Go's missingkey option; outputs from Go 1.26 (Option("missingkey=error"), "missingkey=zero").
TEST_CASE("executor: missingkey") {
  const ExecOptions error{.missing_key = MissingKey::kError};
  CHECK(run_with("{{.nokey}}", error) ==
        "ERROR: template: x.yaml:1:2: executing \"x.yaml\" at <.nokey>: map has no entry for key "
        "\"nokey\"");
  CHECK(run_with("{{.a.nokey}}", error) ==
        "ERROR: template: x.yaml:1:4: executing \"x.yaml\" at <.a.nokey>: map has no entry for "
        "key \"nokey\"");
  CHECK(run_with("{{index .a \"nokey\"}}", error) == "<no value>");
  const ExecOptions zero{.missing_key = MissingKey::kZero};
  CHECK(run_with("{{.nokey}}|{{.a.nokey}}", zero) == "<no value>|<no value>");
  CHECK(run_with("{{.nokey.x}}", zero) ==
        "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.nokey.x>: nil pointer evaluating "
        "interface {}.x");
  CHECK(run_with("{{$x := .nokey}}{{$x.y}}", zero) == "<no value>");
}

TEST_CASE("executor: limits") {
  // Go's text, with Go's limit of 100000 replaced by ours.
  CHECK(run_with(R"({{define "r"}}{{template "r"}}{{end}}{{template "r"}})", {.max_depth = 50}) ==
        "ERROR: template: x.yaml:1:25: executing \"r\" at <{{template \"r\"}}>: exceeded maximum "
        "template depth (50)");
  CHECK(run(R"({{define "r"}}{{template "r"}}{{end}}{{template "r"}})").starts_with("ERROR: "));
  CHECK(run_with("{{range 20}}0123456789{{end}}", {.max_output = 100}) ==
        "ERROR: template: x.yaml:1:12: executing \"x.yaml\" at <0123456789>: output exceeds the "
        "limit of 100 bytes");
  CHECK(run_with("{{range 10}}0123456789{{end}}", {.max_output = 100}).size() == 100);
}

TEST_CASE("executor: templates and values") {
  auto set =
      parse("x.yaml", R"({{define "t"}}<{{.}}>{{end}})", {.functions = &go_builtin_functions()});
  REQUIRE(set.ok());
  Executor executor(*set, builtin_functions());
  CHECK(executor.execute("t", ExecValue(Value(1.5))).value() == "<1.5>");
  // Go's ExecuteTemplate of an unknown name.
  CHECK(executor.execute("nope", ExecValue()).error().describe() ==
        "template: no template \"nope\" associated with template \"nope\"");
  // int64 (from --set) and Go's int (literals, len) print alike but are different types.
  auto types = parse("x.yaml", R"({{printf "%T %T %T %v" .n 1 (len "ab") .n}})",
                     {.functions = &go_builtin_functions()});
  REQUIRE(types.ok());
  Executor typed(*types, builtin_functions());
  CHECK(typed.execute("x.yaml", ExecValue(Value::map({{"n", std::int64_t{7}}}))).value() ==
        "int64 int int 7");
}

// A function that runs a template of the set, as Helm's include does, and one that renders a
// text of its own, as tpl does: both go through CallContext and share its depth limit.
TEST_CASE("executor: functions with a CallContext") {
  FunctionMap functions = builtin_functions();
  functions["include"] =
      Function{.params = {ParamType::kString, ParamType::kAny},
               .call = [](CallContext& context, std::vector<ExecValue>& args) -> FunctionResult {
                 auto out = context.execute_template(context.templates(),
                                                     args[0].value().as_string(), args[1]);
                 if (!out.ok()) return out.error().describe();
                 return ExecValue(Value(*out));
               }};
  functions["tpl"] = Function{
      .params = {ParamType::kString, ParamType::kAny},
      .call = [](CallContext& context, std::vector<ExecValue>& args) -> FunctionResult {
        TreeSet set = context.templates();
        FunctionNames names = go_builtin_functions();
        names.insert({"include", "tpl"});
        auto parsed = parse_into(set, "tpl", args[0].value().as_string(), {.functions = &names});
        if (!parsed.ok()) return parsed.error().describe();
        auto out = context.execute_template(set, "tpl", args[1]);
        if (!out.ok()) return out.error().describe();
        return ExecValue(Value(*out));
      }};
  FunctionNames names = go_builtin_functions();
  names.insert({"include", "tpl"});
  const std::string_view text =
      R"({{define "n"}}name-{{.}}{{end}}{{define "loop"}}{{include "loop" .}}{{end}})"
      R"({{include "n" "a" | printf "%q"}} {{tpl "{{include \"n\" .}}!" "b"}})";
  auto set = parse("x.yaml", text, {.functions = &names});
  REQUIRE(set.ok());
  Executor executor(*set, functions, {.max_depth = 5});
  CHECK(executor.execute("x.yaml", ExecValue()).value() == "\"name-a\" name-b!");
  const auto error = executor.execute("loop", ExecValue()).error().describe();
  CHECK(
      error.starts_with("template: x.yaml:1:50: executing \"loop\" at <include \"loop\" .>: "
                        "error calling include: template: x.yaml:1:50: executing \"loop\""));
  CHECK(error.ends_with("exceeded maximum template depth (5)"));
}

// Functions with typed parameters, as Go's evalArg treats them. Produced by Go 1.26 with
// FuncMap{"fint": func(i int) string {return fmt.Sprintf("%T=%v", i, i)}, ...} for int,
// float64, bool, []interface{}, map[string]interface{} and string (a throwaway program).
constexpr Case kTypedCases[] = {
    {"{{fint 3}} {{fint .i | printf \"%s\"}} {{3 | fint}} {{len .s | fint}}",
     "ERROR: template: x.yaml:1:18: executing \"x.yaml\" at <.i>: wrong type for value; expected "
     "int; got float64"},
    {"{{fint 1.5}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <1.5>: expected integer; found 1.5"},
    {"{{fint \"x\"}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <\"x\">: expected integer; found \"x\""},
    {"{{fint .i}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.i>: wrong type for value; expected "
     "int; got float64"},
    {"{{fint .missing}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.missing>: invalid value; expected "
     "int"},
    {"{{fint .nul}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.nul>: wrong type for value; expected "
     "int; got interface {}"},
    {"{{fint nil}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <nil>: cannot assign nil to int"},
    {"{{fint (len .s)}}", "int=3"},
    {"{{ffloat 3}} {{ffloat 1.5}} {{ffloat .f}} {{ffloat 'a'}}",
     "float64=3 float64=1.5 float64=1.5 float64=97"},
    {"{{ffloat \"x\"}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <\"x\">: expected float; found \"x\""},
    {"{{ffloat .s}}",
     "ERROR: template: x.yaml:1:9: executing \"x.yaml\" at <.s>: wrong type for value; expected "
     "float64; got string"},
    {"{{ffloat (len .s)}}",
     "ERROR: template: x.yaml:1:14: executing \"x.yaml\" at <.s>: wrong type for value; expected "
     "float64; got int"},
    {"{{fbool true}} {{fbool .t}} {{.t | fbool}}", "bool=true bool=true bool=true"},
    {"{{fbool 1}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <1>: expected bool; found 1"},
    {"{{fbool .s}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.s>: wrong type for value; expected "
     "bool; got string"},
    {"{{flist .list}} {{flist .missing}} {{flist nil}} {{fmap .a.m}} {{fmap nil}} {{fmap "
     ".missing}}",
     "[]interface {}=[a b c] []interface {}=[] []interface {}=[] map[string]interface {}=map[y:s "
     "z:1] map[string]interface {}=map[] map[string]interface {}=map[]"},
    {"{{fmap .nul}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.nul>: wrong type for value; expected "
     "map[string]interface {}; got interface {}"},
    {"{{flist .a}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <.a>: wrong type for value; expected "
     "[]interface {}; got map[string]interface {}"},
    {"{{flist \"x\"}}",
     "ERROR: template: x.yaml:1:8: executing \"x.yaml\" at <\"x\">: can't handle \"x\" for arg of "
     "type []interface {}"},
    {"{{fmap 1}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <1>: can't handle 1 for arg of type "
     "map[string]interface {}"},
    {"{{fstr .s}} {{fstr \"q\"}} {{.s | fstr}}", "string=str string=q string=str"},
    {"{{fstr .nul}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.nul>: wrong type for value; expected "
     "string; got interface {}"},
    {"{{fstr nil}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <nil>: cannot assign nil to string"},
    {"{{fstr .list}}",
     "ERROR: template: x.yaml:1:7: executing \"x.yaml\" at <.list>: wrong type for value; expected "
     "string; got []interface {}"},
    {"{{1 | fstr}}",
     "ERROR: template: x.yaml:1:6: executing \"x.yaml\" at <fstr>: wrong type for value; expected "
     "string; got int"},
};

TEST_CASE("executor: typed parameters") {
  FunctionMap functions = builtin_functions();
  const std::pair<const char*, ParamType> typed[] = {
      {"fint", ParamType::kInt},   {"ffloat", ParamType::kFloat64}, {"fbool", ParamType::kBool},
      {"flist", ParamType::kList}, {"fmap", ParamType::kMap},       {"fstr", ParamType::kString}};
  FunctionNames names = go_builtin_functions();
  for (const auto& [name, type] : typed) {
    names.insert(name);
    functions[name] = Function{
        .params = {type}, .call = [](CallContext&, std::vector<ExecValue>& args) -> FunctionResult {
          return ExecValue(Value(go::sprintf("%T=%v", {args[0], args[0]})));
        }};
  }
  auto data = values::parse_json(kData, "data");
  REQUIRE(data.ok());
  for (const Case& c : kTypedCases) {
    CAPTURE(c.text);
    auto set = parse("x.yaml", c.text, {.functions = &names});
    REQUIRE(set.ok());
    Executor executor(*set, functions);
    auto out = executor.execute("x.yaml", ExecValue(*data));
    CHECK((out.ok() ? *out : "ERROR: " + out.error().describe()) == c.want);
  }
}

}  // namespace
}  // namespace chartmirror::charts::tmpl

namespace chartmirror::charts::tmpl {
namespace {

// Go values with types and methods (go_type.h), shaped like Helm's: "T" a struct with a
// String method and a method taking a string, "M" a map type. The texts are those Go's
// evalField produces for such types (see charts/engine's tests, checked against helm).
TEST_CASE("executor: Go-typed values") {
  GoTypes types;
  GoType t;
  t.methods["String"] =
      Function{.params = {}, .call = [](CallContext&, std::vector<ExecValue>& args) {
                 return FunctionResult(ExecValue(*args[0].value().find("F")));
               }};
  t.methods["Has"] = Function{
      .params = {ParamType::kString}, .call = [](CallContext&, std::vector<ExecValue>& args) {
        return FunctionResult(ExecValue(Value(args[1].value().as_string() == "yes")));
      }};
  types.emplace("T", std::move(t));
  types.emplace("M",
                GoType{.kind = GoType::Kind::kMap, .zero = Value(Value::List{}), .methods = {}});
  const Value data = Value::map({{"t", make_go_value("T", {{"F", Value("f")}})},
                                 {"m", make_go_value("M", {{"k", Value("v")}})},
                                 {"d", Value::map({{"a", 1}, {"b", 2}, {"c", 3}})}});
  FunctionMap functions = builtin_functions();
  functions["unset"] = Function{.params = {ParamType::kMap, ParamType::kString},
                                .call = [](CallContext&, std::vector<ExecValue>& args) {
                                  args[0].value().shared_map().erase(args[1].value().as_string());
                                  return FunctionResult(args[0]);
                                }};
  FunctionNames names = go_builtin_functions();
  names.insert("unset");
  const ExecOptions options{.missing_key = MissingKey::kZero, .go_types = &types};
  auto run_typed = [&](std::string_view text) -> std::string {
    auto set = parse("x", text, {.functions = &names});
    REQUIRE(set.ok());
    Executor executor(*set, functions, options);
    auto out = executor.execute("x", ExecValue(data));
    return out.ok() ? *out : "ERROR: " + out.error().describe();
  };
  const Case cases[] = {
      {"{{.t.F}} {{.t}} {{.t.Has \"yes\"}} {{.t.Has \"no\"}}", "f f true false"},
      {"{{.m.k}} {{.m.nokey}} {{len .m}} {{range $k, $v := .m}}{{$k}}={{$v}}{{end}}", "v [] 1 k=v"},
      {"{{.t.G}}",
       "ERROR: template: x:1:4: executing \"x\" at <.t.G>: can't evaluate field G in type "
       "interface {}"},
      {"{{$t := .t}}{{$t.Has}}",
       "ERROR: template: x:1:16: executing \"x\" at <$t.Has>: wrong number of args for Has: "
       "want 1 got 0"},
      {"{{.t.F 1}}",
       "ERROR: template: x:1:4: executing \"x\" at <.t.F>: F has arguments but cannot be "
       "invoked as function"},
      // range sees the entries as they were when it started.
      {"{{range $k, $v := .d}}{{unset $.d \"b\" | len}}{{$k}}={{$v}};{{end}}{{len .d}}",
       "2a=1;2b=2;2c=3;2"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(run_typed(c.text) == c.want);
  }
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
