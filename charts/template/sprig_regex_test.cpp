// Sprig's regex functions against helm v3.17.3's output: Go's empty-match rules, $-expansion,
// Split, and Go's compile error texts.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml), verbatim.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ regexMatch "^[a-z]+\\d$" "abc1" }}|{{ regexMatch "x(" "a" }}|{{ regexFindAll "a*" "baaab" -1 | toJson }}|{{ regexFindAll "[0-9]+" "a1b22c333" 2 | toJson }}|{{ regexFind "b+" "abbbc" }}|{{ regexFind "z" "abc" | toJson }}|{{ regexFindAll "" "héllo" -1 | toJson }}|{{ regexFindAll "\\b" "ab cd" -1 | len }}|{{ regexFindAll "x" "abc" -1 }}|{{ regexFindAll "." "abc" 0 }})~",
     R"~(true|false|["","aaa",""]|["1","22"]|bbb|""|["","","","","",""]|4|[]|[])~"},
    {R"~({{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<n>x+)" "axxb" "<$n>$$ $2 ${9} $ ${n" }}|{{ regexReplaceAll "a*" "baaac" "-" }}|{{ regexReplaceAll "" "abc" "-" }}|{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ regexReplaceAll "(a)(b)?" "ac" "[$2$1$01$10]" }}|{{ regexReplaceAll "é*" "héé" "-" }})~",
     R"~(-W-xxW-|---|a<xx>$   $ ${nb|-b-c-|-a-b-c-|-${1}-${1}-|[a]c|-h-)~"},
    {R"~({{ regexSplit "z+" "pizza" -1 | toJson }}|{{ regexSplit "z+" "pizza" 1 | toJson }}|{{ regexSplit "" "abc" -1 | toJson }}|{{ regexSplit "a" "" -1 | toJson }}|{{ regexSplit "" "" -1 | toJson }}|{{ regexSplit "a*" "baaac" -1 | toJson }}|{{ regexSplit "," "a,b,c,d" 2 | toJson }}|{{ regexSplit "z+" "pizza" 0 }}|{{ regexQuoteMeta "1.2+[x]{y}^$|\\" }})~",
     R"~(["pi","a"]|["pizza"]|["a","b","c"]|[""]|[]|["b","c"]|["a","b,c,d"]|[]|1\.2\+\[x\]\{y\}\^\$\|\\)~"},
    {R"~({{ regexReplaceAll "(" "a" "b" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <regexReplaceAll "(" "a" "b">: error calling regexReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`)~"},
    {R"~({{ regexFind "(" "a" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <regexFind "(" "a">: error calling regexFind: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`)~"},
    {R"~({{ mustRegexFindAll "(" "a" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mustRegexFindAll "(" "a" 1>: error calling mustRegexFindAll: error parsing regexp: missing closing ): `(`)~"},
    {R"~({{ regexFindAll "a" "a" 1.5 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:24: executing "c/templates/x.yaml" at <1.5>: expected integer; found 1.5)~"},
    {R"~({{ regexSplit "(\t" "a" 1 }})~",
     "ERROR: template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <regexSplit \"(\\t\" \"a\" 1>: error calling regexSplit: regexp: Compile(`(\t`): error parsing regexp: missing closing ): `(\t`"},
    {R"~({{ regexSplit "(\n" "a" 1 }})~",
     "ERROR: template: c/templates/x.yaml:1:3: executing \"c/templates/x.yaml\" at <regexSplit \"(\\n\" \"a\" 1>: error calling regexSplit: regexp: Compile(\"(\\n\"): error parsing regexp: missing closing ): `(\n`"},
};

// The error of mustRegexMatch EXPR "a", from helm v3.17.3.
struct CompileError {
  std::string_view expr;  // as written in the template
  std::string_view error;
};
constexpr CompileError kCompileErrors[] = {
    {"(", "missing closing ): `(`"},
    {"x(", "missing closing ): `x(`"},
    {"a)", "unexpected ): `a)`"},
    {"a[", "missing closing ]: `[`"},
    {"[a", "missing closing ]: `[a`"},
    {"a**", "invalid nested repetition operator: `**`"},
    {R"(a\\8)", R"(invalid escape sequence: `\8`)"},
    {"x{2000}", "invalid repeat count: `{2000}`"},
    {"(?P<n", "invalid named capture: `(?P<n`"},
    {"(?P<>a)", "invalid named capture: `(?P<>`"},
    {"+", "missing argument to repetition operator: `+`"},
    {"[z-a]", "invalid character class range: `z-a`"},
    {R"(\\pX)", R"(invalid character class range: `\pX`)"},
    {"(?z)", "invalid or unsupported Perl syntax: `(?z`"},
    {R"(a\\)", "trailing backslash at end of expression: ``"},
    {"[[:foo:]]", "invalid character class range: `[:foo:]`"},
    {"a{2,1}", "invalid repeat count: `{2,1}`"},
    {"(?i", "invalid or unsupported Perl syntax: `(?i`"},
};
// clang-format on

TEST_CASE("sprig regex functions print what helm prints") {
  sprig_test::check_all(kCases);
  CHECK(run(R"({{ mustRegexMatch "\\Q" "a" }})") == "true");
}

TEST_CASE("regex compile errors are Go's") {
  for (const CompileError& c : kCompileErrors) {
    const std::string call = "mustRegexMatch \"" + std::string(c.expr) + "\" \"a\"";
    CAPTURE(call);
    CHECK(run("{{ " + call + " }}") ==
          sprig_test::call_error(3, call, "mustRegexMatch",
                                 "error parsing regexp: " + std::string(c.error)));
  }
}

TEST_CASE("regex divergences from helm") {
  // Go's nil []string (no match; n == 0) is an empty list: helm's toJson writes null.
  CHECK(
      run(R"({{ regexFindAll "x" "abc" -1 | toJson }}|{{ regexSplit "z+" "pizza" 0 | toJson }})") ==
      "[]|[]");
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
