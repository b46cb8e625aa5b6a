#include "charts/template/parser.h"

#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::tmpl {
namespace {

// The functions the tables' templates may call.
const FunctionNames& functions() {
  static const FunctionNames kFunctions = {"printf", "len",    "index",   "include", "default",
                                           "quote",  "toYaml", "nindent", "contains"};
  return kFunctions;
}

ParseOptions options() { return ParseOptions{.functions = &functions()}; }

// Every tree of a set as "name=canonical form", one per line, in name order; text quoted as in
// Go's parser tests.
std::string dump(const TreeSet& trees) {
  std::string out;
  for (const auto& [name, tree] : trees) {
    if (!out.empty()) out += '\n';
    out += name + "=" + tree->root->string(TextStyle::kQuoted);
  }
  return out;
}

std::string parse_and_dump(std::string_view text, const ParseOptions& parse_options = options()) {
  auto trees = parse("x", text, parse_options);
  if (!trees) return "error: " + trees.error().describe();
  return dump(*trees);
}

std::string parse_error(std::string_view name, std::string_view text,
                        const ParseOptions& parse_options = options()) {
  auto trees = parse(name, text, parse_options);
  if (trees) return "no error: " + dump(*trees);
  return trees.error().describe();
}

}  // namespace

// Go's parse_test.go valid programs, and more; the expected forms are what Go's String()
// prints (go1.26 text/template/parse, the same as go1.23's for these).
TEST_CASE("templates parse and print back in Go's canonical form") {
  const struct {
    std::string name;
    std::string input;
    std::string want;
  } cases[] = {
      {"empty", R"()", R"(x=)"},
      {"only a comment", "{{/*\n\n\n*/}}", R"(x=)"},
      {"spaces", " \t\n", R"(x=" \t\n")"},
      {"text", R"(some text)", R"(x="some text")"},
      {"field", R"({{.X}})", R"(x={{.X}})"},
      {"field chain", R"({{.Values.image.tag}})", R"(x={{.Values.image.tag}})"},
      {"function", R"({{printf}})", R"(x={{printf}})"},
      {"dollar", R"({{$}})", R"(x={{$}})"},
      {"dollar fields", R"({{$.Values.x}})", R"(x={{$.Values.x}})"},
      {"variable called with arguments", R"({{with $x := 3}}{{$x 23}}{{end}})",
       R"(x={{with $x := 3}}{{$x 23}}{{end}})"},
      {"arguments", R"({{printf `%d` 23}})", R"(x={{printf `%d` 23}})"},
      {"pipeline", R"({{.X|.Y}})", R"(x={{.X | .Y}})"},
      {"pipeline of functions", R"({{.Values.x | default "a" | quote}})",
       R"(x={{.Values.x | default "a" | quote}})"},
      {"declaration", R"({{$x := .X|.Y}})", R"(x={{$x := .X | .Y}})"},
      {"assignment", R"({{$x := 1}}{{$x = 2}})", R"(x={{$x := 1}}{{$x = 2}})"},
      {"nested pipelines", R"({{.X (.Y .Z) (.A | .B .C) (.E)}})",
       R"(x={{.X (.Y .Z) (.A | .B .C) (.E)}})"},
      {"field of parentheses", R"({{(.Y .Z).Field}})", R"(x={{(.Y .Z).Field}})"},
      {"fields of a function result", R"({{(index .M "k").A.B}})", R"(x={{(index .M "k").A.B}})"},
      {"if", R"({{if .X}}hello{{end}})", R"(x={{if .X}}"hello"{{end}})"},
      {"if else", R"({{if .X}}true{{else}}false{{end}})",
       R"(x={{if .X}}"true"{{else}}"false"{{end}})"},
      {"else if", R"({{if .X}}true{{else if .Y}}false{{end}})",
       R"(x={{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}})"},
      {"else if chain", R"(+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+)",
       R"(x="+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+")"},
      {"else if then else", R"({{if .X}}X{{else if .Y}}Y{{else}}Z{{end}})",
       R"(x={{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}"Z"{{end}}{{end}})"},
      {"range", R"({{range .X}}hello{{end}})", R"(x={{range .X}}"hello"{{end}})"},
      {"range of a chain", R"({{range .X.Y.Z}}hello{{end}})",
       R"(x={{range .X.Y.Z}}"hello"{{end}})"},
      {"nested range", R"({{range .X}}hello{{range .Y}}goodbye{{end}}{{end}})",
       R"(x={{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}})"},
      {"range else", R"({{range .X}}true{{else}}false{{end}})",
       R"(x={{range .X}}"true"{{else}}"false"{{end}})"},
      {"range of a pipeline", R"({{range .X|.M}}true{{else}}false{{end}})",
       R"(x={{range .X | .M}}"true"{{else}}"false"{{end}})"},
      {"range one variable", R"({{range $x := .SI}}{{.}}{{end}})",
       R"(x={{range $x := .SI}}{{.}}{{end}})"},
      {"range two variables", R"({{range $x, $y := .SI}}{{$x}}{{$y}}{{end}})",
       R"(x={{range $x, $y := .SI}}{{$x}}{{$y}}{{end}})"},
      {"range assigns", R"({{$i := 0}}{{$e := 0}}{{range $i, $e = .SI}}{{end}})",
       R"(x={{$i := 0}}{{$e := 0}}{{range $i, $e = .SI}}{{end}})"},
      {"range of an integer", R"({{range 5}}{{.}}{{end}})", R"(x={{range 5}}{{.}}{{end}})"},
      {"break", R"({{range .SI}}{{.}}{{break}}{{end}})", R"(x={{range .SI}}{{.}}{{break}}{{end}})"},
      {"continue", R"({{range .SI}}{{.}}{{continue}}{{end}})",
       R"(x={{range .SI}}{{.}}{{continue}}{{end}})"},
      {"break in an if in a range", R"({{range .}}{{if .}}{{break}}{{end}}{{end}})",
       R"(x={{range .}}{{if .}}{{break}}{{end}}{{end}})"},
      {"spaces around break and continue", R"({{range .SI}}{{ break }}{{ continue }}{{end}})",
       R"(x={{range .SI}}{{break}}{{continue}}{{end}})"},
      {"constants", R"({{range .SI 1 -3.2i true false 'a' nil}}{{end}})",
       R"(x={{range .SI 1 -3.2i true false 'a' nil}}{{end}})"},
      {"strings keep their spelling", R"({{printf "\x41\t" `\x41`}})",
       R"(x={{printf "\x41\t" `\x41`}})"},
      {"template", R"({{template `x`}})", R"(x={{template "x"}})"},
      {"template with an argument", R"({{template "x" .Y}})", R"(x={{template "x" .Y}})"},
      {"template name is requoted", R"({{template `a"b`}})", R"(x={{template "a\"b"}})"},
      {"with", R"({{with .X}}hello{{end}})", R"(x={{with .X}}"hello"{{end}})"},
      {"with else", R"({{with .X}}hello{{else}}goodbye{{end}})",
       R"(x={{with .X}}"hello"{{else}}"goodbye"{{end}})"},
      {"else with", R"({{with .X}}hello{{else with .Y}}goodbye{{end}})",
       R"(x={{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}})"},
      {"else with chain", R"({{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}})",
       R"(x={{with .X}}"X"{{else}}{{with .Y}}"Y"{{else}}{{with .Z}}"Z"{{end}}{{end}}{{end}})"},
      {"trim left", "x \r\n\t{{- 3}}", R"(x="x"{{3}})"},
      {"trim right", "{{3 -}}\n\n\ty", R"(x={{3}}"y")"},
      {"trim both", "x \r\n\t{{- 3 -}}\n\n\ty", R"(x="x"{{3}}"y")"},
      {"trim with extra spaces", "x\n{{-  3   -}}\ny", R"(x="x"{{3}}"y")"},
      {"comment trim left", "x \r\n\t{{- /* hi */}}", R"(x="x")"},
      {"comment trim right", "{{/* hi */ -}}\n\n\ty", R"(x="y")"},
      {"comment trim both", "x \r\n\t{{- /* */ -}}\n\n\ty", R"(x="x""y")"},
      {"negative number, not a trim", R"({{-3}})", R"(x={{-3}})"},
      {"block leaves a template call", R"({{block "foo" .}}hello{{end}})",
       "foo=\"hello\"\nx={{template \"foo\" .}}"},
      {"newlines in a declaration", "{{ $x \n := \n 1 \n }}", R"(x={{$x := 1}})"},
      {"newlines in a pipeline", "{{\n\"x\"\n|\nprintf\n}}", R"(x={{"x" | printf}})"},
      {"newline in a comment", "{{/*\nhello\n*/}}", R"(x=)"},
      {"trimmed comment with newlines", "{{-\n/*\nhello\n*/\n-}}", R"(x=)"},
      {"declared variable in use", R"({{$x := 0}}{{$x}})", R"(x={{$x := 0}}{{$x}})"},
      {"argument with a sign after a space", R"({{$x:=.}}{{$x +2}})", R"(x={{$x := .}}{{$x +2}})"},
      {"range declares", R"({{range $x := 0}}{{$x}}{{end}})",
       R"(x={{range $x := 0}}{{$x}}{{end}})"},
      {"range assigns a declared variable", R"({{range $x = 0}}{{$x}}{{end}})",
       R"(x={{range $x = 0}}{{$x}}{{end}})"},
      {"declaration is visible in its own pipeline", R"({{$x := $x}})", R"(x={{$x := $x}})"},
      {"parentheses", R"({{ (( 1 )) }})", R"(x={{((1))}})"},
      {"parentheses in a pipeline", R"({{ ((( 1 ))) | printf }})", R"(x={{(((1))) | printf}})"},
      {"parentheses in if", R"({{ if ((( true ))) }}YES{{ end }})",
       R"(x={{if (((true)))}}"YES"{{end}})"},
      {"helm helper",
       "{{- define \"app.labels\" -}}\napp: {{ include \"app.name\" . }}\n{{- end }}",
       "app.labels=\"app: \"{{include \"app.name\" .}}\nx="},
      {"helm image",
       "image: \"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion "
       "}}\"\n",
       R"(x="image: \""{{.Values.image.repository}}":"{{.Values.image.tag | default .Chart.AppVersion}}"\"\n")"},
      {"helm toYaml",
       "{{- with .Values.nodeSelector }}\nnodeSelector:\n  {{- toYaml . | nindent 8 }}\n{{- end "
       "}}\n",
       R"(x={{with .Values.nodeSelector}}"\nnodeSelector:"{{toYaml . | nindent 8}}{{end}}"\n")"},
      {"unicode names", R"({{.größe}}{{$café := 1}}{{$café}})",
       R"(x={{.größe}}{{$café := 1}}{{$café}})"},
      {"a trailing pipe is accepted", R"({{if .X | }}a{{end}})", R"(x={{if .X}}"a"{{end}})"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.input);
    CHECK(parse_and_dump(c.input) == c.want);
  }
}

// Go's parse errors, word for word (go1.26 printed them; helm v3.17.3, built with go1.23.7,
// printed the same line and message for every one, through Helm's "parse error at (...)").
TEST_CASE("parse errors are Go's, word for word") {
  const struct {
    std::string name;
    std::string template_name;
    std::string input;
    std::string want;
  } cases[] = {
      {"empty action", "x.yaml", R"({{}})", R"(template: x.yaml:1: missing value for command)"},
      {"empty action with a newline", "t", "{{\n}}", R"(template: t:2: missing value for command)"},
      {"unclosed action", "t", R"(hello{{range)", R"(template: t:1: unclosed action)"},
      {"unmatched end", "x.yaml", R"({{end}})", R"(template: x.yaml:1: unexpected {{end}})"},
      {"unmatched else", "t", R"({{else}})", R"(template: t:1: unexpected {{else}})"},
      {"else after end", "t", R"({{if .X}}hello{{end}}{{else}})",
       R"(template: t:1: unexpected {{else}})"},
      {"two elses", "x.yaml", R"({{if .X}}1{{else}}2{{else}}3{{end}})",
       R"(template: x.yaml:1: expected end; found {{else}})"},
      {"missing end", "t", R"(hello{{range .x}})", R"(template: t:1: unexpected EOF)"},
      {"missing end after else", "t", R"(hello{{range .x}}{{else}})",
       R"(template: t:1: unexpected EOF)"},
      {"undefined function", "x.yaml", R"(hello{{undefined}})",
       R"(template: x.yaml:1: function "undefined" not defined)"},
      {"undefined variable", "t", R"({{$x}})", R"(template: t:1: undefined variable "$x")"},
      {"variable out of scope after end", "t", R"({{with $x := 4}}{{end}}{{$x}})",
       R"(template: t:1: undefined variable "$x")"},
      {"template name from a variable", "x.yaml", R"({{template $v}})",
       R"(template: x.yaml:1: unexpected "$v" in template clause)"},
      {"declaration with a field", "t", R"({{with $x.Y := 4}}{{end}})",
       R"(template: t:1: undefined variable "$x")"},
      {"template name from a field", "t", R"({{template .X}})",
       R"(template: t:1: unexpected ".X" in template clause)"},
      {"punctuation", "x.yaml", R"({{printf 3, 4}})",
       R"(template: x.yaml:1: unexpected "," in operand)"},
      {"two declarations outside range", "t", R"({{with $v, $u := 3}}{{end}})",
       R"(template: t:1: too many declarations in with)"},
      {"three declarations in range", "t", R"({{range $u, $v, $w := 3}}{{end}})",
       R"(template: t:1: too many declarations in range)"},
      {"dot after parentheses", "x.yaml", R"({{printf (printf .).}})",
       R"(template: x.yaml:1: unexpected <.> in operand)"},
      {"adjacent arguments", "t", R"({{printf 3`x`}})",
       R"(template: t:1: unexpected "`x`" in operand)"},
      {"adjacent dot", "t", R"({{printf `x`.}})", R"(template: t:1: unexpected <.> in operand)"},
      {"extra end after else if", "x.yaml", R"({{if .X}}a{{else if .Y}}b{{end}}{{end}})",
       R"(template: x.yaml:1: unexpected {{end}})"},
      {"break outside range", "t", R"({{range .}}{{end}} {{break}})",
       R"(template: t:1: {{break}} outside {{range}})"},
      {"continue outside range", "t", R"({{range .}}{{end}} {{continue}})",
       R"(template: t:1: {{continue}} outside {{range}})"},
      {"break in range else", "x.yaml", R"({{range .}}{{else}}{{break}}{{end}})",
       R"(template: x.yaml:1: {{break}} outside {{range}})"},
      {"continue in range else", "t", R"({{range .}}{{else}}{{continue}}{{end}})",
       R"(template: t:1: {{continue}} outside {{range}})"},
      {"break with an argument", "t", R"({{range .}}{{break 1}}{{end}})",
       R"(template: t:1: unexpected "1" in {{break}})"},
      {"plus-assignment", "x.yaml", R"({{$x := 0}}{{$x += 1}}{{$x}})",
       R"(template: x.yaml:1: illegal number syntax: "+")"},
      {"bang", "t", R"({{$x := 0}}{{$x ! 2}})", R"(template: t:1: unexpected "!" in operand)"},
      {"percent", "t", R"({{$x := 0}}{{$x % 3}})", R"(template: t:1: unexpected "%" in operand)"},
      {"two declarations in a row", "x.yaml", R"({{range $x := $y := 3}}{{end}})",
       R"(template: x.yaml:1: undefined variable "$y")"},
      {"bang after a variable", "t", R"({{$x:=.}}{{$x!2}})",
       R"(template: t:1: bad character U+0021 '!')"},
      {"plus after a variable", "t", R"({{$x:=.}}{{$x+2}})",
       R"(template: t:1: bad character U+002B '+')"},
      {"dot after an integer", "x.yaml", R"({{1.E}})",
       R"(template: x.yaml:1: illegal number syntax: "1.E")"},
      {"dot after a float", "t", R"({{0.1.E}})", R"(template: t:1: unexpected . after term "0.1")"},
      {"dot after a bool", "t", R"({{true.E}})",
       R"(template: t:1: unexpected . after term "true")"},
      {"dot after a char", "x.yaml", R"({{'a'.any}})",
       R"(template: x.yaml:1: unexpected . after term "'a'")"},
      {"dot after a string", "t", R"({{"hello".guys}})",
       R"(template: t:1: unexpected . after term "\"hello\"")"},
      {"dot after dot", "t", R"({{..E}})", R"(template: t:1: unexpected . after term ".")"},
      {"dot after nil", "x.yaml", R"({{nil.E}})",
       R"(template: x.yaml:1: unexpected . after term "nil")"},
      {"dot in a pipeline", "t", R"({{12|.}})",
       R"(template: t:1: non executable command in pipeline stage 2)"},
      {"number in a pipeline", "t", R"({{.|12|printf}})",
       R"(template: t:1: non executable command in pipeline stage 2)"},
      {"string in a pipeline", "x.yaml", R"({{.|printf|"error"}})",
       R"(template: x.yaml:1: non executable command in pipeline stage 3)"},
      {"char in a pipeline", "t", R"({{12|printf|'e'}})",
       R"(template: t:1: non executable command in pipeline stage 3)"},
      {"bool in a pipeline", "t", R"({{.|true}})",
       R"(template: t:1: non executable command in pipeline stage 2)"},
      {"nil in a pipeline", "x.yaml", R"({{'c'|nil}})",
       R"(template: x.yaml:1: non executable command in pipeline stage 2)"},
      {"empty parentheses", "t", R"({{printf "%d" ( ) }})",
       R"(template: t:1: missing value for parenthesized pipeline)"},
      {"block without a pipeline", "t", R"({{block "foo"}}hello{{end}})",
       R"(template: t:1: missing value for block clause)"},
      {"unclosed1", "x.yaml", "line1\n{{", R"(template: x.yaml:2: unclosed action)"},
      {"unclosed2", "t", "line1\n{{define `x`}}line2\n{{", R"(template: t:3: unclosed action)"},
      {"unclosed3", "t", "line1\n{{\"x\"\n\"y\"\n",
       R"(template: t:4: unclosed action started at t:2)"},
      {"unclosed4", "x.yaml", "{{\n\n\n\n\n",
       R"(template: x.yaml:6: unclosed action started at x.yaml:1)"},
      {"var1", "t", "line1\n{{\nx\n}}", R"(template: t:3: function "x" not defined)"},
      {"comment1", "t", R"({{/*}})", R"(template: t:1: unclosed comment)"},
      {"comment2", "x.yaml", "{{/*\nhello\n}}", R"(template: x.yaml:1: unclosed comment)"},
      {"lparen", "t", R"({{.X (1 2 3}})", R"(template: t:1: unclosed left paren)"},
      {"rparen", "t", R"({{.X 1 2 3 ) }})", R"(template: t:1: unexpected right paren)"},
      {"rparen2", "x.yaml", R"({{(.X 1 2 3)", R"(template: x.yaml:1: unclosed action)"},
      {"space", "t", R"({{`x`3}})", R"(template: t:1: unexpected "3" in operand)"},
      {"idchar", "t", R"({{a#}})", R"(template: t:1: bad character U+0023 '#')"},
      {"charconst", "x.yaml", R"({{'a}})",
       R"(template: x.yaml:1: unterminated character constant)"},
      {"stringconst", "t", R"({{"a}})", R"(template: t:1: unterminated quoted string)"},
      {"rawstringconst", "t", R"({{`a}})", R"(template: t:1: unterminated raw quoted string)"},
      {"number", "x.yaml", R"({{0xi}})", R"(template: x.yaml:1: illegal number syntax: "0xi")"},
      {"multidefine", "t", R"({{define `a`}}a{{end}}{{define `a`}}b{{end}})",
       R"(template: t:1: template: multiple definition of template "a")"},
      {"eof", "t", R"({{range .X}})", R"(template: t:1: unexpected EOF)"},
      {"variable", "x.yaml", R"({{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}})",
       R"(template: x.yaml:1: unexpected ":=" in operand)"},
      {"multidecl", "t", R"({{$a,$b,$c := 23}})",
       R"(template: t:1: too many declarations in command)"},
      {"wrongdot", "t", R"({{true.any}})", R"(template: t:1: unexpected . after term "true")"},
      {"wrongpipeline", "x.yaml", R"({{12|false}})",
       R"(template: x.yaml:1: non executable command in pipeline stage 2)"},
      {"emptypipeline", "t", R"({{ ( ) }})",
       R"(template: t:1: missing value for parenthesized pipeline)"},
      {"multilinerawstring", "t", "{{ $v := `\n` }} {{", R"(template: t:2: unclosed action)"},
      {"rangeundefvar", "x.yaml", R"({{range $k}}{{end}})",
       R"(template: x.yaml:1: undefined variable "$k")"},
      {"rangeundefvars", "t", R"({{range $k, $v}}{{end}})",
       R"(template: t:1: undefined variable "$v")"},
      {"rangemissingvalue1", "t", R"({{range $k,}}{{end}})",
       R"(template: t:1: missing value for range)"},
      {"rangemissingvalue2", "x.yaml", R"({{range $k, $v := }}{{end}})",
       R"(template: x.yaml:1: missing value for range)"},
      {"rangenotvariable1", "t", R"({{range $k, .}}{{end}})",
       R"(template: t:1: range can only initialize variables)"},
      {"rangenotvariable2", "t", R"({{range $k, 123 := .}}{{end}})",
       R"(template: t:1: range can only initialize variables)"},
      {"if without a value", "x.yaml", R"({{if}}x{{end}})",
       R"(template: x.yaml:1: missing value for if)"},
      {"with without a value", "t", R"({{with}}x{{end}})",
       R"(template: t:1: missing value for with)"},
      {"range without a value", "t", R"({{range}}x{{end}})",
       R"(template: t:1: missing value for range)"},
      {"else with in an if", "x.yaml", R"({{if .X}}a{{else with .Y}}b{{end}})",
       R"(template: x.yaml:1: unexpected <with> in input)"},
      {"else if in a range", "t", R"({{range .X}}a{{else if .Y}}b{{end}})",
       R"(template: t:1: unexpected <if> in input)"},
      {"else in a define", "t", R"({{define "a"}}x{{else}}y{{end}})",
       R"(template: t:1: unexpected {{else}} in define clause)"},
      {"else in a block", "x.yaml", R"({{block "a" .}}x{{else}}y{{end}})",
       R"(template: x.yaml:1: unexpected {{else}} in block clause)"},
      {"define name not a string", "t", R"({{define a}}x{{end}})",
       R"(template: t:1: unexpected "a" in define clause)"},
      {"define name badly quoted", "t", R"({{define "\q"}}x{{end}})",
       R"(template: t:1: invalid syntax)"},
      {"define not at top level", "x.yaml", R"({{if .X}}{{define "a"}}x{{end}}{{end}})",
       R"(template: x.yaml:1: unexpected <define> in command)"},
      {"string with a bad escape", "t", R"({{printf "\q"}})", R"(template: t:1: invalid syntax)"},
      {"char with two characters", "t", R"({{'ab'}})",
       R"(template: t:1: malformed character constant: 'ab')"},
      {"empty char", "x.yaml", R"({{''}})", R"(template: x.yaml:1: invalid syntax)"},
      {"integer overflow", "t", R"({{99999999999999999999}})",
       R"(template: t:1: integer overflow: "99999999999999999999")"},
      {"octal with an 8", "t", R"({{089}})", R"(template: t:1: integer overflow: "089")"},
      {"bad hex", "x.yaml", R"({{0x}})", R"(template: x.yaml:1: illegal number syntax: "0x")"},
      {"bad complex", "t", R"({{1i+2i}})",
       R"(template: t:1: syntax error scanning complex number)"},
      {"colon", "t", R"({{$x : 1}})", R"(template: t:1: undefined variable "$x")"},
      {"bad character", "x.yaml", R"({{.X | @}})",
       R"(template: x.yaml:1: unexpected "@" in command)"},
      {"unicode space in an action", "t", "{{.X\u00a0}}", R"(template: t:1: bad character U+00A0)"},
      {"missing end in a helper", "t", "{{- define \"a\" }}\n{{- if .X }}\nx\n{{- end }}\n",
       R"(template: t:5: unexpected EOF)"},
      {"unknown function in a helper", "x.yaml",
       "{{- define \"a\" }}\n{{ frobnicate . }}\n{{- end }}",
       R"(template: x.yaml:2: function "frobnicate" not defined)"},
      {"unclosed action across lines", "t", "a\n{{ .X\n| printf\n\nb",
       R"(template: t:5: function "b" not defined)"},
      {"comment in an action", "t", R"({{ .X /* c */ }})",
       R"(template: t:1: unexpected "/" in operand)"},
      {"template without a name", "x.yaml", R"({{template}})",
       R"(template: x.yaml:1: unexpected "}}" in template clause)"},
      {"long text token quoted", "t", R"({{range .X}}{{end}}{{end  "a very long string"}})",
       R"(template: t:1: unexpected "\"a very lo"... in end)"},
      {"keyword as an argument", "x.yaml", R"({{printf if}})",
       R"(template: x.yaml:1: unexpected <if> in operand)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CAPTURE(c.input);
    CHECK(parse_error(c.template_name, c.input) == c.want);
  }
}

namespace {

// Helm's cleanupParseError: "parse error at (NAME:LINE): " and the last ": "-separated part
// of Go's message.
std::string helm_form(const TemplateError& error) {
  const std::string text = error.describe();
  const size_t last = text.rfind(": ");
  return "Error: parse error at (" + error.template_name + ":" + std::to_string(error.line) +
         "): " + text.substr(last + 2);
}

}  // namespace

TEST_CASE("parse errors read as helm v3.17.3 printed them") {
  // Each `want` is the first line helm v3.17.3 printed for `helm template r c` with the input
  // as c/templates/x.yaml (helm knows toYaml, include, nindent...; not toYam or frobnicate).
  const struct {
    std::string input;
    std::string want;
  } cases[] = {
      {"{{ .Values.image.tag", "Error: parse error at (c/templates/x.yaml:1): unclosed action"},
      {"a: {{ .Values.x | quote }\n",
       R"(Error: parse error at (c/templates/x.yaml:1): unexpected "}" in operand)"},
      {"{{- if .Values.enabled }}\nkind: Service\n",
       "Error: parse error at (c/templates/x.yaml:3): unexpected EOF"},
      {"{{ include \"x\" . | nindent 4 -}}\n{{ end }}",
       "Error: parse error at (c/templates/x.yaml:2): unexpected {{end}}"},
      {"{{ $x := 1 }}{{ $y }}",
       R"(Error: parse error at (c/templates/x.yaml:1): undefined variable "$y")"},
      {"image: {{ .Values.image | toYam }}",
       R"(Error: parse error at (c/templates/x.yaml:1): function "toYam" not defined)"},
      // Go 1.23 does not count the comment's three newlines: the action is on line 5.
      {"{{- /*\nmulti-line\ncomment\n*/ -}}\n{{ .Values.x | frobnicate }}",
       R"(Error: parse error at (c/templates/x.yaml:2): function "frobnicate" not defined)"},
      {"{{ range $i, $v, $w := .Values.list }}{{ end }}",
       "Error: parse error at (c/templates/x.yaml:1): too many declarations in range"},
      {R"({{ define "a" }}A{{ end }}{{ define "a" }}B{{ end }})",
       R"(Error: parse error at (c/templates/x.yaml:1): multiple definition of template "a")"},
      {R"({{ printf "%d" 3k }})", R"(Error: parse error at (c/templates/x.yaml:1): "3k")"},
      {R"({{ "unterminated }})",
       "Error: parse error at (c/templates/x.yaml:1): unterminated quoted string"},
      {"{{ .Values.x.1 }}",
       R"(Error: parse error at (c/templates/x.yaml:1): unexpected ".1" in operand)"},
      {"{{ if }}{{ end }}", "Error: parse error at (c/templates/x.yaml:1): missing value for if"},
      {"{{ template .Values.name . }}",
       R"(Error: parse error at (c/templates/x.yaml:1): unexpected ".Values" in template clause)"},
      {"{{- else }}", "Error: parse error at (c/templates/x.yaml:1): unexpected {{else}}"},
  };
  FunctionNames helm_functions = go_builtin_functions();
  helm_functions.insert({"include", "nindent", "quote", "toYaml"});
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto trees = parse("c/templates/x.yaml", c.input, {.functions = &helm_functions});
    REQUIRE_FALSE(trees.ok());
    CHECK(helm_form(trees.error()) == c.want);
  }
}

TEST_CASE("Go 1.24+ counts the newlines of comments") {
  const std::string text = "{{- /*\nmulti-line\ncomment\n*/ -}}\n{{ frobnicate }}";
  auto go123 = parse("x", text, options());
  REQUIRE_FALSE(go123.ok());
  CHECK(go123.error().line == 2);
  ParseOptions go124 = options();
  go124.count_comment_newlines = true;
  auto counted = parse("x", text, go124);
  REQUIRE_FALSE(counted.ok());
  CHECK(counted.error().describe() == R"(template: x:5: function "frobnicate" not defined)");
}

TEST_CASE("comments are kept in ParseComments mode") {
  ParseOptions with_comments = options();
  with_comments.parse_comments = true;
  const struct {
    std::string input;
    std::string want;
  } cases[] = {
      {"{{/*\n\n\n*/}}", "x={{/*\n\n\n*/}}"},
      {"x \r\n\t{{- /* hi */}}", R"(x="x"{{/* hi */}})"},
      {"{{/* hi */ -}}\n\n\ty", R"(x={{/* hi */}}"y")"},
      {"x \r\n\t{{- /* */ -}}\n\n\ty", R"(x="x"{{/* */}}"y")"},
      {"{{if .X}}{{/* in a list */}}{{end}}", "x={{if .X}}{{/* in a list */}}{{end}}"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    CHECK(parse_and_dump(c.input, with_comments) == c.want);
  }
}

TEST_CASE("break and continue are functions when the caller defines them") {
  const std::string text = "{{range .X}}{{break 20}}{{continue 1}}{{end}}";
  CHECK(parse_error("x", text) == R"(template: x:1: unexpected "20" in {{break}})");
  FunctionNames with_keywords = functions();
  with_keywords.insert({"break", "continue"});
  ParseOptions keyword_functions = options();
  keyword_functions.functions = &with_keywords;
  CHECK(parse_and_dump(text, keyword_functions) ==
        "x={{range .X}}{{break 20}}{{continue 1}}{{end}}");
  // Now outside range too, as plain functions.
  CHECK(parse_and_dump("{{break}}", keyword_functions) == "x={{break}}");
}

TEST_CASE("function names are checked unless skip_func_check") {
  CHECK(parse_error("x", "{{fn 1 2}}") == R"(template: x:1: function "fn" not defined)");
  CHECK(parse_error("x", "{{printf 1}}", {}) == R"(template: x:1: function "printf" not defined)");
  CHECK(parse_and_dump("{{fn 1 2}}", {.skip_func_check = true}) == "x={{fn 1 2}}");
  CHECK(parse_and_dump("{{and 1 (eq 1 2) | not}}", {.functions = &go_builtin_functions()}) ==
        "x={{and 1 (eq 1 2) | not}}");
}

TEST_CASE("a tree is empty when it has only space and comments") {
  const struct {
    std::string input;
    bool empty;
  } cases[] = {
      {"", true},
      {"hello", false},
      {" \t\n \t\n", true},
      {"\u00a0\u3000\n", true},  // unicode.IsSpace
      {"{{/* comment */}}", true},
      {R"({{define "x"}}something{{end}})", true},
      {"{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n", true},
      {"{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n", false},
      {"{{define `x`}}something{{end}}{{if 3}}foo{{end}}", false},
      {"{{.X}}", false},
      {"{{template `x`}}", false},
  };
  CHECK(is_empty_tree(nullptr));
  for (const auto& c : cases) {
    CAPTURE(c.input);
    auto trees = parse("root", c.input, options());
    REQUIRE(trees.ok());
    CHECK(is_empty_tree(trees->at("root")->root.get()) == c.empty);
  }
}

TEST_CASE("define and block add named trees; redefinition follows Go's rules") {
  const struct {
    std::string name;
    std::string input;
    std::string want;
  } cases[] = {
      {"block", R"(a{{block "inner" .}}bar{{.}}baz{{end}}b)",
       R"(inner="bar"{{.}}"baz")"
       "\n"
       R"(x="a"{{template "inner" .}}"b")"},
      {"definitions leave an empty file tree", R"({{define "a"}}A{{end}}{{define "b"}}B{{end}})",
       "a=\"A\"\nb=\"B\"\nx="},
      {"a later empty definition is dropped", R"({{define "a"}}A{{end}}{{define "a"}} {{end}})",
       "a=\"A\"\nx="},
      {"a later definition replaces an empty one",
       R"({{define "a"}} {{end}}{{define "a"}}A{{end}})", "a=\"A\"\nx="},
      {"a define of the file's name is kept over the empty file tree", R"({{define "x"}}X{{end}})",
       R"(x="X")"},
      {"the file tree replaces an empty define of its name", R"({{define "x"}}{{end}}text)",
       R"(x="text")"},
      {"a block inside a define", R"({{define "a"}}<{{block "b" .}}B{{end}}>{{end}})",
       "a=\"<\"{{template \"b\" .}}\">\"\nb=\"B\"\nx="},
      {"a block's body starts a new scope",
       R"({{$v := 1}}{{block "b" $v}}{{$w := 2}}{{$w}}{{end}}{{$v}})",
       "b={{$w := 2}}{{$w}}\nx={{$v := 1}}{{template \"b\" $v}}{{$v}}"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    CHECK(parse_and_dump(c.input) == c.want);
  }
  CHECK(parse_error("x", R"({{define "x"}}X{{end}}text)") ==
        R"(template: x:1: template: multiple definition of template "x")");
  CHECK(parse_error("x", R"({{$v := 1}}{{block "b" .}}{{$v}}{{end}})") ==
        R"(template: x:1: undefined variable "$v")");
  CHECK(parse_error("x", R"({{range .}}{{block "b" .}}{{break}}{{end}}{{end}})") ==
        "template: x:1: {{break}} outside {{range}}");
  // A define's body does not see the file's variables either.
  CHECK(parse_error("x", "{{$v := 1}}\n{{define \"d\"}}{{$v}}{{end}}") ==
        R"(template: x:2: undefined variable "$v")");
}

TEST_CASE("parse_into adds a text's trees to a set as text/template does") {
  TreeSet set;
  // As Helm loads a chart: every file into one set.
  REQUIRE(parse_into(set, "c/templates/_helpers.tpl",
                     R"({{define "c.name"}}old{{end}}{{define "c.empty"}}E{{end}})", options())
              .ok());
  REQUIRE(parse_into(set, "c/templates/a.yaml", "name: {{include \"c.name\" .}}", options()).ok());
  CHECK(dump(set) ==
        "c.empty=\"E\"\nc.name=\"old\"\nc/templates/_helpers.tpl=\n"
        "c/templates/a.yaml=\"name: \"{{include \"c.name\" .}}");
  // A later text redefines a name (no "multiple definition" across texts)...
  REQUIRE(
      parse_into(set, "c/charts/sub/_h.tpl", R"({{define "c.name"}}new{{end}})", options()).ok());
  CHECK(set.at("c.name")->root->string() == "new");
  CHECK(set.at("c.name")->parse_name == "c/charts/sub/_h.tpl");
  // ...but an empty definition does not replace a template.
  REQUIRE(parse_into(set, "c/templates/b.yaml", R"({{define "c.empty"}} {{end}})", options()).ok());
  CHECK(set.at("c.empty")->root->string() == "E");
  // An empty file is not added over an existing tree of its name either.
  REQUIRE(parse_into(set, "c/templates/a.yaml", "{{/* nothing */}}", options()).ok());
  CHECK(set.at("c/templates/a.yaml")->root->string() == "name: {{include \"c.name\" .}}");
  // A failed parse leaves the set as it was.
  const TreeSet before = set;
  REQUIRE_FALSE(
      parse_into(set, "c/templates/bad.yaml", R"({{define "new"}}x{{end}}{{)", options()).ok());
  CHECK(set == before);
}

TEST_CASE("numbers are held as every Go type that represents them") {
  struct Want {
    std::string text;
    bool is_int, is_uint, is_float, is_complex;
    int64_t int64;
    uint64_t uint64;
    double float64;
    std::complex<double> complex128;
  };
  // Go's parse_test.go numberTests, and more.
  const Want cases[] = {
      {"0", true, true, true, false, 0, 0, 0, 0},
      {"-0", true, true, true, false, 0, 0, 0, 0},
      {"73", true, true, true, false, 73, 73, 73, 0},
      {"7_3", true, true, true, false, 73, 73, 73, 0},
      {"0b10_010_01", true, true, true, false, 73, 73, 73, 0},
      {"0B10_010_01", true, true, true, false, 73, 73, 73, 0},
      {"073", true, true, true, false, 073, 073, 073, 0},
      {"0o73", true, true, true, false, 073, 073, 073, 0},
      {"0O73", true, true, true, false, 073, 073, 073, 0},
      {"0x73", true, true, true, false, 0x73, 0x73, 0x73, 0},
      {"0X73", true, true, true, false, 0x73, 0x73, 0x73, 0},
      {"0x7_3", true, true, true, false, 0x73, 0x73, 0x73, 0},
      {"-73", true, false, true, false, -73, 0, -73, 0},
      {"+73", true, false, true, false, 73, 0, 73, 0},
      {"100", true, true, true, false, 100, 100, 100, 0},
      {"1e9", true, true, true, false, 1000000000, 1000000000, 1e9, 0},
      {"-1e9", true, false, true, false, -1000000000, 0, -1e9, 0},
      {"-1.2", false, false, true, false, 0, 0, -1.2, 0},
      {"1e19", false, true, true, false, 0, 10000000000000000000ULL, 1e19, 0},
      {"1e1_9", false, true, true, false, 0, 10000000000000000000ULL, 1e19, 0},
      {"1E19", false, true, true, false, 0, 10000000000000000000ULL, 1e19, 0},
      {"-1e19", false, false, true, false, 0, 0, -1e19, 0},
      {"0x_1p4", true, true, true, false, 16, 16, 16, 0},
      {"0X_1P4", true, true, true, false, 16, 16, 16, 0},
      {"0x_1p-4", false, false, true, false, 0, 0, 1 / 16., 0},
      {"4i", false, false, false, true, 0, 0, 0, {0, 4}},
      {"-1.2+4.2i", false, false, false, true, 0, 0, 0, {-1.2, 4.2}},
      {"073i", false, false, false, true, 0, 0, 0, {0, 73}},  // not octal
      {"0i", true, true, true, true, 0, 0, 0, 0},
      {"-1.2+0i", false, false, true, true, 0, 0, -1.2, -1.2},
      {"-12+0i", true, false, true, true, -12, 0, -12, -12},
      {"13+0i", true, true, true, true, 13, 13, 13, 13},
      {"0123", true, true, true, false, 0123, 0123, 0123, 0},
      {"-0x0", true, true, true, false, 0, 0, 0, 0},
      {"0xdeadbeef", true, true, true, false, 0xdeadbeef, 0xdeadbeef, 0xdeadbeef, 0},
      {"0xef", true, true, true, false, 0xef, 0xef, 0xef, 0},
      {"'a'", true, true, true, false, 'a', 'a', 'a', 0},
      {R"('\n')", true, true, true, false, '\n', '\n', '\n', 0},
      {R"('\\')", true, true, true, false, '\\', '\\', '\\', 0},
      {R"('\'')", true, true, true, false, '\'', '\'', '\'', 0},
      {R"('\xFF')", true, true, true, false, 0xFF, 0xFF, 0xFF, 0},
      {"'パ'", true, true, true, false, 0x30d1, 0x30d1, 0x30d1, 0},
      {R"('\u30d1')", true, true, true, false, 0x30d1, 0x30d1, 0x30d1, 0},
      {R"('\U000030d1')", true, true, true, false, 0x30d1, 0x30d1, 0x30d1, 0},
      {"1.0", true, true, true, false, 1, 1, 1, 0},
      {"0x1p-2", false, false, true, false, 0, 0, 0.25, 0},
      {"-0x8000000000000000", true, false, true, false, INT64_MIN, 0, -9223372036854775808.0, 0},
      {"0x8000000000000000", false, true, true, false, 0, 9223372036854775808ULL,
       9223372036854775808.0, 0},
      {"2.5e0i", false, false, false, true, 0, 0, 0, {0, 2.5}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    const NumberSyntax syntax =
        c.text[0] == '\'' ? NumberSyntax::kCharacter
        : c.text.find_first_of("+-", 1) != std::string::npos && c.text.back() == 'i'
            ? NumberSyntax::kComplex
            : NumberSyntax::kNumber;
    auto n = NumberNode::make(0, c.text, syntax);
    REQUIRE(n.ok());
    CHECK((*n)->is_int == c.is_int);
    CHECK((*n)->is_uint == c.is_uint);
    CHECK((*n)->is_float == c.is_float);
    CHECK((*n)->is_complex == c.is_complex);
    if (c.is_int) CHECK((*n)->int64 == c.int64);
    if (c.is_uint) CHECK((*n)->uint64 == c.uint64);
    if (c.is_float) CHECK((*n)->float64 == c.float64);
    if (c.is_complex) CHECK((*n)->complex128 == c.complex128);
    CHECK((*n)->string() == c.text);
  }
  // The broken ones of Go's table, through the parser (the lexer decides the syntax).
  const struct {
    std::string input;
    std::string error;
  } bad[] = {
      {"{{+-2}}", R"(template: x:1: bad number syntax: "+-2")"},
      {"{{0x123.}}", R"(template: x:1: illegal number syntax: "0x123.")"},
      {"{{1e.}}", R"(template: x:1: illegal number syntax: "1e")"},
      {"{{0xi.}}", R"(template: x:1: illegal number syntax: "0xi")"},
      {"{{1+2.}}", R"(template: x:1: bad number syntax: "1+2.")"},
      {"{{'x}}", "template: x:1: unterminated character constant"},
      {"{{'xx'}}", "template: x:1: malformed character constant: 'xx'"},
      {"{{'433937734937734969526500969526500'}}",
       "template: x:1: malformed character constant: '433937734937734969526500969526500'"},
      {"{{+i}}", R"(template: x:1: illegal number syntax: "+i")"},
      {"{{.5.}}", "template: x:1: unexpected <.> in operand"},
  };
  for (const auto& c : bad) {
    CAPTURE(c.input);
    CHECK(parse_error("x", c.input, {.skip_func_check = true}) == c.error);
  }
}

TEST_CASE("nodes carry Go's positions; locations are Go's line and byte column") {
  const std::string text = "a: 1\n  {{ index .Values.aa.bb 3 }}\n{{- if .X }}\n  x{{else}}y{{end}}";
  auto trees = parse("c/templates/x.yaml", text, options());
  REQUIRE(trees.ok());
  const Tree& tree = *trees->at("c/templates/x.yaml");
  CHECK(tree.name == "c/templates/x.yaml");
  CHECK(tree.parse_name == "c/templates/x.yaml");
  CHECK(*tree.text == text);
  const auto& nodes = tree.root->nodes;
  REQUIRE(nodes.size() == 3);  // text, action, if (the "\n" before {{- is trimmed)
  const auto& action = node_cast<ActionNode>(*nodes[1]);
  CHECK(action.pos() == 10);  // the first token of the pipeline, "index"
  CHECK(tree.error_location(action) == "c/templates/x.yaml:2:5");
  const auto& command = *action.pipe->cmds.at(0);
  const auto& field = node_cast<FieldNode>(*command.args.at(1));
  CHECK(field.ident == std::vector<std::string>{"Values", "aa", "bb"});
  // Go gives a multi-segment field the position of its second segment: helm's errors say
  // "x.yaml:2:18" for a failure evaluating .Values.aa.bb here.
  CHECK(tree.error_location(field) == "c/templates/x.yaml:2:18");
  const auto& branch = node_cast<IfNode>(*nodes[2]);
  CHECK(tree.location(branch.pos()).line == 3);  // the if's position is its pipeline's
  CHECK(tree.location(branch.pos()).column == 7);
  REQUIRE(branch.else_list);
  CHECK(branch.else_list->string() == "y");
  CHECK(tree.location(branch.else_list->pos()).line == 4);
  CHECK(locate("ab\ncd", 0).line == 1);
  CHECK(locate("ab\ncd", 3).line == 2);
  CHECK(locate("ab\ncd", 3).column == 0);
  CHECK(locate("ab\ncd", 99).column == 2);  // clamped to the end
}

TEST_CASE("trees have the shapes an executor needs") {
  auto trees = parse("x",
                     "{{range $i, $e := .Items}}{{$i}}{{else}}none{{end}}"
                     "{{$x := 1}}{{$x = 2}}{{template \"t\"}}{{(index . 1).Name}}"
                     "{{with .A}}{{else with .B}}{{end}}",
                     options());
  REQUIRE(trees.ok());
  const auto& nodes = trees->at("x")->root->nodes;
  REQUIRE(nodes.size() == 6);
  const auto& range = node_cast<RangeNode>(*nodes[0]);
  CHECK(node_cast<BranchNode>(*nodes[0]).pipe.get() == range.pipe.get());
  REQUIRE(range.pipe->decl.size() == 2);
  CHECK(range.pipe->decl[0]->ident == std::vector<std::string>{"$i"});
  CHECK_FALSE(range.pipe->is_assign);
  CHECK(range.else_list->string() == "none");
  const auto& declare = node_cast<ActionNode>(*nodes[1]);
  CHECK_FALSE(declare.pipe->is_assign);
  const auto& assign = node_cast<ActionNode>(*nodes[2]);
  CHECK(assign.pipe->is_assign);
  const auto& call = node_cast<TemplateNode>(*nodes[3]);
  CHECK(call.name == "t");
  CHECK(call.pipe == nullptr);
  const auto& chain =
      node_cast<ChainNode>(*node_cast<ActionNode>(*nodes[4]).pipe->cmds[0]->args[0]);
  CHECK(chain.node->type() == NodeType::kPipe);
  CHECK(chain.field == std::vector<std::string>{"Name"});
  const auto& with = node_cast<WithNode>(*nodes[5]);
  REQUIRE(with.else_list->nodes.size() == 1);
  CHECK(with.else_list->nodes[0]->type() == NodeType::kWith);
  CHECK(WithNode::accepts(NodeType::kWith));
  CHECK_FALSE(IfNode::accepts(NodeType::kWith));
  CHECK(BranchNode::accepts(NodeType::kRange));
}

TEST_CASE("custom delimiters") {
  ParseOptions brackets = options();
  brackets.left_delim = "[[";
  brackets.right_delim = "]]";
  CHECK(parse_and_dump("{{.X}} [[- .Y -]] [[if .Z]]z[[end]]", brackets) ==
        R"(x="{{.X}}"{{.Y}}{{if .Z}}"z"{{end}})");
  CHECK(parse_error("x", "[[ .X", brackets) == "template: x:1: unclosed action");
  CHECK(parse_error("x", "[[ .X ]", brackets) == R"(template: x:1: unexpected "]" in operand)");
}

TEST_CASE("nesting is limited instead of exhausting the stack") {
  const auto nested = [](int depth, std::string_view open, std::string_view middle,
                         std::string_view close) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += open;
    text += middle;
    for (int i = 0; i < depth; ++i) text += close;
    return text;
  };
  ParseOptions shallow = options();
  shallow.max_depth = 3;
  CHECK(parse_and_dump("{{ ((( 1 ))) }}", shallow) == "x={{(((1)))}}");
  CHECK(parse_error("x", "{{ (((( 1 )))) }}", shallow) ==
        "template: x:1: max expression depth exceeded");
  CHECK(parse_error("x", "{{ (((( 1 )))) | printf }}", shallow) ==
        "template: x:1: max expression depth exceeded");
  CHECK(parse_error("x", nested(4, "{{if 1}}", "", "{{end}}"), shallow) ==
        "template: x:1: max nesting depth exceeded");
  // The default allows 200 levels, far beyond real templates, and fails cleanly past them.
  const ParseOptions any_function{.skip_func_check = true};
  CHECK(parse("x", "{{" + nested(200, "(", "1", ")") + "}}", any_function).ok());
  CHECK(parse("x", nested(200, "{{range .}}", "", "{{end}}"), any_function).ok());
  CHECK(parse("x", nested(100, "{{if 1}}", "{{" + nested(100, "(", "1", ")") + "}}", "{{end}}"),
              any_function)
            .ok());
  CHECK(parse_error("x", "{{" + nested(201, "(", "1", ")") + "}}", any_function) ==
        "template: x:1: max expression depth exceeded");
  CHECK(parse_error("x", nested(201, "{{with .}}", "", "{{end}}"), any_function) ==
        "template: x:1: max nesting depth exceeded");
  CHECK(parse_error("x", nested(200, "{{if 1}}", "{{(1)}}", "{{end}}"), any_function) ==
        "template: x:1: max expression depth exceeded");
  CHECK(parse_error("x", nested(201, "{{block \"b\" .}}", "", "{{end}}"), any_function) ==
        "template: x:1: max nesting depth exceeded");
  // Without a limit Go parses 100000 nested parentheses; this parser refuses, it never crashes.
  CHECK(parse_error("x", "{{" + nested(100000, "(", "1", ")") + "}}", any_function) ==
        "template: x:1: max expression depth exceeded");
}

TEST_CASE("TemplateError describes itself as Go does") {
  CHECK(TemplateError{"x.yaml", 3, -1, "unexpected EOF"}.describe() ==
        "template: x.yaml:3: unexpected EOF");
  CHECK(TemplateError{"c/templates/x.yaml", 2, 18, "executing \"c/templates/x.yaml\" at <.X>: boom"}
            .describe() ==
        "template: c/templates/x.yaml:2:18: executing \"c/templates/x.yaml\" at <.X>: boom");
}

}  // namespace chartmirror::charts::tmpl
