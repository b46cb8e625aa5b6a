#include "charts/template/sprig.h"

#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug` on a throwaway chart with the values
// of sprig_test::kValues, each template alone in templates/x.yaml or several joined by
// "\n@@@@\n"), verbatim.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ default "d" .Values.s }}|{{ default "d" .Values.e }}|{{ default "d" .Values.missing }}|{{ default "d" .Values.nul }})~",
     R"~(str|d|d|d)~"},
    {R"~({{ default "d" .Values.zero }}|{{ default "d" .Values.f }}|{{ default "d" .Values.empty }}|{{ default "d" .Values.emap }}|{{ default "d" .Values.list }})~",
     R"~(d|1.5|d|d|[a b c])~"},
    {R"~({{ default "d" false }}|{{ default "d" true }}|{{ default "d" 0 }}|{{ default "d" 3 }}|{{ default "d" nil }}|{{ default "d" }})~",
     R"~(d|true|d|3|d|d)~"},
    {R"~({{ .Values.missing | default 5 | printf "%T %v" }}|{{ default 1 2 | printf "%T" }}|{{ default 1.5 .Values.f | printf "%T" }})~",
     R"~(int %!v(MISSING)|int|float64)~"},
    {R"~({{ empty .Values.s }}|{{ empty .Values.e }}|{{ empty .Values.missing }}|{{ empty .Values.nul }}|{{ empty 0 }}|{{ empty 0.0 }}|{{ empty .Values.empty }}|{{ empty .Values.m }}|{{ empty false }}|{{ empty nil }})~",
     R"~(false|true|true|true|true|true|true|false|true|true)~"},
    {R"~({{ coalesce .Values.missing .Values.e .Values.zero "x" "y" }}|{{ coalesce .Values.nul }}|{{ coalesce }}|{{ coalesce 0 false .Values.list }})~",
     R"~(x|||[a b c])~"},
    {R"~({{ all 1 "a" true }}|{{ all 1 "" true }}|{{ all }}|{{ any 0 "" .Values.t }}|{{ any 0 "" }}|{{ any }})~",
     R"~(true|false|true|true|false|false)~"},
    {R"~({{ ternary "yes" "no" true }}|{{ ternary "yes" "no" false }}|{{ ternary 1 2 .Values.t | printf "%T" }})~",
     R"~(yes|no|int)~"},
    {R"~({{ ternary "yes" "no" "true" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:22: executing "c/templates/x.yaml" at <"true">: expected bool; found "true")~"},
    {R"~({{ toJson .Values.m }}|{{ toJson .Values.list }}|{{ toJson .Values.html }}|{{ toJson .Values.missing }}|{{ toJson nil }}|{{ toJson 3 }}|{{ toJson .Values.f }}|{{ toJson .Values }})~",
     R"~({"true":"s","z":1}|["a","b","c"]|"\u003ca\u0026b\u003e"|null|null|3|1.5|{"e":"","emap":{},"empty":[],"f":1.5,"html":"\u003ca\u0026b\u003e","list":["a","b","c"],"m":{"true":"s","z":1},"nul":null,"s":"str","t":true,"zero":0})~"},
    {R"~({{ mustToJson .Values.m }}|{{ mustToJson "a\u2028b<" }})~",
     R"~({"true":"s","z":1}|"a\u2028b\u003c")~"},
    {R"~({{ toPrettyJson .Values }})~",
     R"~({
  "e": "",
  "emap": {},
  "empty": [],
  "f": 1.5,
  "html": "\u003ca\u0026b\u003e",
  "list": [
    "a",
    "b",
    "c"
  ],
  "m": {
    "true": "s",
    "z": 1
  },
  "nul": null,
  "s": "str",
  "t": true,
  "zero": 0
})~"},
    {R"~({{ toPrettyJson .Values.empty }}|{{ toPrettyJson .Values.emap }}|{{ toPrettyJson "s" }}|{{ toPrettyJson (list) }})~",
     R"~([]|{}|"s"|[])~"},
    {R"~({{ mustToPrettyJson .Values.m }})~",
     R"~({
  "true": "s",
  "z": 1
})~"},
    {R"~({{ toRawJson .Values }}|{{ toRawJson "<a&b>\\u003c" }}|{{ mustToRawJson .Values.html }})~",
     R"~({"e":"","emap":{},"empty":[],"f":1.5,"html":"<a&b>","list":["a","b","c"],"m":{"true":"s","z":1},"nul":null,"s":"str","t":true,"zero":0}|"<a&b>\\u003c"|"<a&b>")~"},
    {R"~({{ mustFromJson `{"a":[1,2,{"b":null}],"c":"d"}` | toJson }}|{{ mustFromJson `[1,"x"]` | printf "%T %v" }}|{{ mustFromJson `3` | printf "%T %v" }})~",
     R"~({"a":[1,2,{"b":null}],"c":"d"}|[]interface {} %!v(MISSING)|float64 %!v(MISSING))~"},
    {R"~({{ mustFromJson `{"a":1` }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mustFromJson `{"a":1`>: error calling mustFromJson: unexpected end of JSON input)~"},
    {R"~({{ mustFromJson `` }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mustFromJson ``>: error calling mustFromJson: unexpected end of JSON input)~"},
    {R"~({{ (mustFromJson `{"a":{"b":7}}`).a.b }}|{{ mustFromJson `null` }})~",
     R"~(7|)~"},
    {R"~({{ trim "  a b \t\n" }}|{{ trimAll "$-" "$-a-b$$" }}|{{ trimall "é" "éaé" }}|{{ trimPrefix "ab" "abab" }}|{{ trimSuffix "ab" "abab" }}|{{ trimPrefix "x" "abab" }})~",
     R"~(a b|a-b|a|ab|ab|abab)~"},
    {R"~({{ upper "aBc-1" }}|{{ lower "AbC-1" }})~",
     R"~(ABC-1|abc-1)~"},
    {R"~({{ contains "b" "abc" }}|{{ contains "" "abc" }}|{{ contains "x" "abc" }}|{{ hasPrefix "ab" "abc" }}|{{ hasSuffix "bc" "abc" }}|{{ hasSuffix "x" "abc" }})~",
     R"~(true|true|false|true|true|false)~"},
    {R"~({{ repeat 3 "ab" }}|{{ repeat 0 "ab" }})~",
     R"~(ababab|)~"},
    {R"~({{ repeat -1 "ab" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <repeat -1 "ab">: error calling repeat: strings: negative Repeat count)~"},
    {R"~({{ repeat 1.5 "ab" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:10: executing "c/templates/x.yaml" at <1.5>: expected integer; found 1.5)~"},
    {R"~({{ quote "a\"b" 1 nil .Values.missing .Values.nul .Values.list .Values.f true }}|{{ quote }}|{{ quote "é\n\x01" }})~",
     R"~("a\"b" "1" "[a b c]" "1.5" "true"||"é\n\x01")~"},
    {R"~({{ squote "a'b" 1 nil .Values.missing .Values.list .Values.m .Values.f }}|{{ squote }})~",
     R"~('a'b' '1' '[a b c]' 'map[true:s z:1]' '1.5'|)~"},
    {R"~({{ cat "a" 1 nil "b" .Values.missing .Values.list .Values.nul 2.5 }}|{{ cat }}|{{ cat nil }})~",
     R"~(a 1 b [a b c] 2.5||)~"},
    {R"~({{ indent 2 "a\nb\n" }}|{{ nindent 4 "x\ny" }}|{{ indent 0 "z" }})~",
     R"~(  a
  b
  |
    x
    y|z)~"},
    {R"~({{ indent -1 "z" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <indent -1 "z">: error calling indent: strings: negative Repeat count)~"},
    {R"~({{ replace "a" "b" "banana" }}|{{ replace "" "-" "abc" }}|{{ "aaa" | replace "a" "" }})~",
     R"~(bbnbnb|-a-b-c-|)~"},
    {R"~({{ toString 1 }}|{{ toString .Values.f }}|{{ toString nil }}|{{ toString .Values.list }}|{{ toString .Values.m }}|{{ toString true }}|{{ toString .Values.missing }}|{{ toString "s" | printf "%T" }})~",
     R"~(1|1.5|<nil>|[a b c]|map[true:s z:1]|true|<nil>|string)~"},
    {R"~({{ splitList "," "a,b,,c" }}|{{ splitList "" "héy" }}|{{ splitList "," "" }})~",
     R"~([a b  c]|[h é y]|[])~"},
    {R"~({{ split "," "a,b,,c" }}|{{ (split "." "x.y")._1 }}|{{ split "" "ab" }})~",
     R"~(map[_0:a _1:b _2: _3:c]|y|map[_0:a _1:b])~"},
    {R"~({{ join "," .Values.list }}|{{ join "-" (list 1 nil "a" 2.5) }}|{{ join "," "abc" }}|{{ join "," nil }}|{{ join "," .Values.missing }}|{{ join "," 7 }}|{{ join "," (splitList "/" "a/b") }})~",
     R"~(a,b,c|1-a-2.5|abc|||7|a,b)~"},
    {R"~({{ atoi "42" }}|{{ atoi "-7" }}|{{ atoi "x" }}|{{ atoi "+3" }}|{{ atoi " 1" }}|{{ atoi "1.5" }}|{{ atoi "42" | printf "%T" }})~",
     R"~(42|-7|0|3|0|0|int)~"},
    {R"~({{ atoi "99999999999999999999" }}|{{ atoi "-99999999999999999999" }}|{{ atoi "1_0" }})~",
     R"~(9223372036854775807|-9223372036854775808|0)~"},
    {R"~({{ list }}|{{ list 1 "a" nil .Values.missing .Values.list 2.5 }}|{{ list 1 | printf "%T" }}|{{ list 1 nil | toJson }}|{{ len (list 1 2) }})~",
     R"~([]|[1 a <nil> <nil> [a b c] 2.5]|[]interface {}|[1,null]|2)~"},
    {R"~({{ append .Values.list "d" }}|{{ push (list) nil }}|{{ mustAppend (list 1) (list 2) }}|{{ prepend .Values.list 0 }}|{{ mustPrepend (list) "x" }})~",
     R"~([a b c d]|[<nil>]|[1 [2]]|[0 a b c]|[x])~"},
    {R"~({{ append "s" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <append "s" 1>: error calling append: Cannot push on type string)~"},
    {R"~({{ append nil 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <append nil 1>: error calling append: runtime error: invalid memory address or nil pointer dereference)~"},
    {R"~({{ mustPush .Values.m 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mustPush .Values.m 1>: error calling mustPush: Cannot push on type map)~"},
    {R"~({{ prepend 1.5 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <prepend 1.5 1>: error calling prepend: Cannot prepend on type float64)~"},
    {R"~({{ chunk 2 (list 1 2 3 4 5) }}|{{ chunk 5 (list 1 2) }}|{{ chunk 1 (list) }}|{{ mustChunk 2 (list 1 2 3 4) }})~",
     R"~([[1 2] [3 4] [5]]|[[1 2]]|[]|[[1 2] [3 4]])~"},
    {R"~({{ chunk 0 (list 1 2) }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <chunk 0 (list 1 2)>: error calling chunk: runtime error: makeslice: len out of range)~"},
    {R"~({{ chunk -1 (list) }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <chunk -1 (list)>: error calling chunk: runtime error: makeslice: len out of range)~"},
    {R"~({{ chunk 2 "s" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <chunk 2 "s">: error calling chunk: Cannot chunk type string)~"},
    {R"~({{ first .Values.list }}|{{ first (list) }}|{{ first (list nil) }}|{{ last .Values.list }}|{{ last (list) }}|{{ mustFirst (list 1) }}|{{ mustLast (list 2) }}|{{ first .Values.empty }})~",
     R"~(a|||c||1|2|)~"},
    {R"~({{ first .Values.list | printf "%T" }})~",
     R"~(string)~"},
    {R"~({{ first "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <first "abc">: error calling first: Cannot find first on type string)~"},
    {R"~({{ last true }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <last true>: error calling last: Cannot find last on type bool)~"},
    {R"~({{ first nil }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <first nil>: error calling first: runtime error: invalid memory address or nil pointer dereference)~"},
    {R"~({{ mustLast .Values.missing }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mustLast .Values.missing>: error calling mustLast: runtime error: invalid memory address or nil pointer dereference)~"},
    {R"~({{ rest .Values.list }}|{{ rest (list) }}|{{ initial .Values.list }}|{{ initial (list) }}|{{ mustRest (list 1) }}|{{ mustInitial (list 1 2) }})~",
     R"~([b c]|[]|[a b]|[]|[]|[1])~"},
    {R"~({{ rest 3 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <rest 3>: error calling rest: Cannot find rest on type int)~"},
    {R"~({{ initial .Values.m }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <initial .Values.m>: error calling initial: Cannot find initial on type map)~"},
    {R"~({{ reverse .Values.list }}|{{ reverse (list) }}|{{ mustReverse (list 1 nil) }})~",
     R"~([c b a]|[]|[<nil> 1])~"},
    {R"~({{ reverse "s" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <reverse "s">: error calling reverse: Cannot find reverse on type string)~"},
    {R"~({{ compact (list 1 0 "" nil false "a" .Values.empty .Values.list (list) .Values.m) }}|{{ mustCompact (list) }})~",
     R"~([1 a [a b c] map[true:s z:1]]|[])~"},
    {R"~({{ compact 0 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <compact 0>: error calling compact: Cannot compact on type int)~"},
    {R"~({{ uniq (list 1 1 "a" "a" nil nil 2.5 2.5 .Values.f (list 1) (list 1)) }}|{{ mustUniq (list) }}|{{ uniq (list .Values.zero 0) }})~",
     R"~([1 a <nil> 2.5 1.5 [1]]|[]|[0 0])~"},
    {R"~({{ uniq .Values.s }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <uniq .Values.s>: error calling uniq: Cannot find uniq on type string)~"},
    {R"~({{ without .Values.list "b" "z" }}|{{ without (list 1 2 nil 1) 1 nil }}|{{ mustWithout (list "a") }}|{{ without (list .Values.f 1) 1.5 }})~",
     R"~([a c]|[2]|[a]|[1])~"},
    {R"~({{ without "x" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <without "x">: error calling without: Cannot find without on type string)~"},
    {R"~({{ has "b" .Values.list }}|{{ has "z" .Values.list }}|{{ has 1 nil }}|{{ has nil (list nil) }}|{{ mustHas 1 (list 1) }}|{{ has 1 .Values.missing }}|{{ has .Values.zero (list 0) }})~",
     R"~(true|false|false|true|true|false|false)~"},
    {R"~({{ has 1 "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <has 1 "abc">: error calling has: Cannot find has on type string)~"},
    {R"~({{ slice .Values.list 1 }}|{{ slice .Values.list 1 2 }}|{{ slice .Values.list }}|{{ slice (list) 0 }}|{{ slice .Values.list "1" 2.9 }}|{{ mustSlice .Values.list 0 0 }}|{{ slice .Values.list nil }})~",
     R"~([b c]|[b]|[a b c]||[b]|[]|[a b c])~"},
    {R"~({{ slice .Values.list 2 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <slice .Values.list 2 1>: error calling slice: reflect.Value.Slice: slice index out of bounds)~"},
    {R"~({{ slice .Values.list -1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <slice .Values.list -1>: error calling slice: reflect.Value.Slice: slice index out of bounds)~"},
    {R"~({{ slice "abc" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <slice "abc" 1>: error calling slice: list should be type of slice or array but string)~"},
    {R"~({{ slice nil 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <slice nil 1>: error calling slice: runtime error: invalid memory address or nil pointer dereference)~"},
    {R"~({{ concat .Values.list (list 1 2) (list) }}|{{ concat }}|{{ concat (list 1) | printf "%T" }})~",
     R"~([a b c 1 2]|[]|[]interface {})~"},
    {R"~({{ concat (list 1) "a" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <concat (list 1) "a">: error calling concat: Cannot concat type string as list)~"},
    {R"~({{ concat (list 1) nil }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <concat (list 1) nil>: error calling concat: runtime error: invalid memory address or nil pointer dereference)~"},
    {R"~({{ title "hello wORLD foo_bar a-b 1a" }}|{{ untitle "Hello World  ABC" }}|{{ swapcase "Hello World aBc" }}|{{ title "" }})~",
     R"~(Hello WORLD Foo_bar A-B 1a|hello world  aBC|hELLO wORLD AbC|)~"},
    {R"~({{ substr 1 3 "abcdef" }}|{{ substr -1 2 "abcdef" }}|{{ substr 2 -1 "abcdef" }}|{{ substr 2 99 "abcdef" }}|{{ substr 0 0 "abc" }}|{{ substr 3 3 "abc" }})~",
     R"~(bc|ab|cdef|cdef||)~"},
    {R"~({{ substr -1 5 "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <substr -1 5 "abc">: error calling substr: runtime error: slice bounds out of range [:5] with length 3)~"},
    {R"~({{ substr -1 -2 "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <substr -1 -2 "abc">: error calling substr: runtime error: slice bounds out of range [:-2])~"},
    {R"~({{ substr 5 -1 "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <substr 5 -1 "abc">: error calling substr: runtime error: slice bounds out of range [5:3])~"},
    {R"~({{ substr 2 1 "abc" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <substr 2 1 "abc">: error calling substr: runtime error: slice bounds out of range [2:1])~"},
    {R"~({{ nospace " a b\tc\n" }}|{{ nospace "é a" }}|{{ nospace "é" }}|{{ nospace "" }})~",
     R"~(abc|Ã©a|é|)~"},
    {R"~({{ trunc 3 "abcdef" }}|{{ trunc -2 "abcdef" }}|{{ trunc 10 "abc" }}|{{ trunc -10 "abc" }}|{{ trunc 0 "abc" }}|{{ trunc -3 "abc" }})~",
     R"~(abc|ef|abc|abc||abc)~"},
    {R"~({{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello world" }}|{{ abbrev 20 "hello" }}|{{ abbrev 4 "abcdef" }}|{{ abbrev 4 "" }})~",
     R"~(he...|hello world|hello|a...|)~"},
    {R"~({{ abbrevboth 5 10 "1234 5678 9123 4567" }}|{{ abbrevboth 0 4 "abcdefgh" }}|{{ abbrevboth 1 6 "abcdefgh" }}|{{ abbrevboth 10 8 "abcdefghijklmnopqrstuvwxyz" }}|{{ abbrevboth 30 8 "abcdefghijklmnopqrstuvwxyz" }}|{{ abbrevboth 6 8 "abcdefghijklmnopqrstuvwxyz" }}|{{ abbrevboth -3 7 "abcdefghij" }})~",
     R"~(...5678...|a...|abcdefgh|...kl...|...vwxyz|...gh...|abcd...)~"},
    {R"~({{ initials "hello big  world" }}|{{ initials "  éa b" }}|{{ initials "" }})~",
     R"~(hbw|Ãb|)~"},
    {R"~({{ plural "one" "many" 1 }}|{{ plural "one" "many" 2 }}|{{ plural "one" "many" 0 }})~",
     R"~(one|many|many)~"},
    {R"~({{ splitn "," 2 "a,b,c" }}|{{ splitn "," -1 "a,b,c" }}|{{ splitn "," 0 "a,b" }}|{{ splitn "," 5 "a,b" }}|{{ splitn "" 2 "abc" }}|{{ splitn "" 9 "ab" }}|{{ splitn "" 1 "" }}|{{ (splitn "=" 2 "k=v=w")._1 }})~",
     R"~(map[_0:a _1:b,c]|map[_0:a _1:b _2:c]|map[]|map[_0:a _1:b]|map[_0:a _1:bc]|map[_0:a _1:b]|map[]|v=w)~"},
    {R"~({{ toStrings (list 1 nil "a" 2.5) }}|{{ toStrings "x" }}|{{ toStrings nil }}|{{ toStrings .Values.m }})~",
     R"~([1 a 2.5]|[x]|[]|[map[true:s z:1]])~"},
    {R"~({{ sortAlpha (list "b" "a" "C" 1 nil) }}|{{ sortAlpha "x" }}|{{ sortAlpha nil }}|{{ sortAlpha .Values.m }}|{{ sortAlpha 3 }})~",
     R"~([1 C a b]|[x]|[<nil>]|[map[true:s z:1]]|[3])~"},
    {R"~({{ until 3 }}|{{ until -3 }}|{{ until 0 }}|{{ untilStep 0 10 3 }}|{{ untilStep 10 0 -4 }}|{{ untilStep 0 10 0 }}|{{ untilStep 10 0 1 }}|{{ untilStep 0 10 -1 }})~",
     R"~([0 1 2]|[0 -1 -2]|[]|[0 3 6 9]|[10 6 2]|[]|[]|[])~"},
    {R"~({{ seq 3 }}|{{ seq -2 }}|{{ seq 2 5 }}|{{ seq 5 2 }}|{{ seq 0 2 10 }}|{{ seq 10 -3 1 }}|{{ seq 10 3 1 }}|{{ seq }}|{{ seq 1 2 3 4 }}|{{ seq 1 }}|{{ seq 0 }}|{{ seq 1 0 3 }})~",
     R"~(1 2 3|1 0 -1 -2|2 3 4 5|5 4 3 2|0 2 4 6 8 10|10 7 4 1||||1|1 0|)~"},
    {R"~({{ int "42" }}|{{ int "0x1F" }}|{{ int "1.00" }}|{{ int "1.5" }}|{{ int 2.9 }}|{{ int -2.9 }}|{{ int true }}|{{ int nil }}|{{ int .Values.list }}|{{ int "1_000" }}|{{ int "010" }}|{{ int "abc" }}|{{ int .Values.f | printf "%T" }})~",
     R"~(42|31|1|0|2|-2|1|0|0|1000|8|0|int)~"},
    {R"~({{ int64 "7" | printf "%T %d" 1 }}|{{ int64 .Values.f }}|{{ int64 "-0b11" }})~",
     R"~(int 7|1|-3)~"},
    {R"~({{ float64 "1.5" }}|{{ float64 3 }}|{{ float64 "x" }}|{{ float64 nil }}|{{ float64 true }}|{{ float64 "1e3" | printf "%T %v" 1 }})~",
     R"~(1.5|3|0|0|1|int 1000)~"},
    {R"~({{ toDecimal "777" }}|{{ toDecimal 777 }}|{{ toDecimal "8" }}|{{ toDecimal "-10" }}|{{ toDecimal 7.0 }}|{{ toDecimal nil }})~",
     R"~(511|511|0|-8|7|0)~"},
    {R"~({{ add1 1 }}|{{ add1 "2" }}|{{ add1 1.9 }}|{{ add 1 2 "3" 4.5 nil true }}|{{ add }}|{{ add 1 | printf "%T" }}|{{ add 9223372036854775807 1 }})~",
     R"~(2|3|2|11|0|int64|-9223372036854775808)~"},
    {R"~({{ sub 5 "2" }}|{{ sub .Values.f 3 }}|{{ div 7 2 }}|{{ div -7 2 }}|{{ div "9" 3.9 }}|{{ mod 7 3 }}|{{ mod -7 3 }}|{{ mul 2 3 "4" }}|{{ mul 5 }}|{{ div -9223372036854775808 -1 }}|{{ mod -9223372036854775808 -1 }})~",
     R"~(3|-2|3|-3|3|1|-1|24|5|-9223372036854775808|0)~"},
    {R"~({{ div 1 0 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <div 1 0>: error calling div: runtime error: integer divide by zero)~"},
    {R"~({{ mod 1 "0" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <mod 1 "0">: error calling mod: runtime error: integer divide by zero)~"},
    {R"~({{ max 1 5 "3" }}|{{ max -1 }}|{{ biggest 2 9 }}|{{ min 4 "-2" 7 }}|{{ min 3 | printf "%T" }})~",
     R"~(5|-1|9|-2|int64)~"},
    {R"~({{ maxf 1 2.5 "3.5" }}|{{ minf 1 -2.5 "x" }}|{{ maxf 1 | printf "%T" }}|{{ maxf 0 }})~",
     R"~(3.5|-2.5|float64|0)~"},
    {R"~({{ floor 1.7 }}|{{ floor "-1.2" }}|{{ ceil 1.2 }}|{{ ceil "x" }}|{{ floor 3 | printf "%T" }})~",
     R"~(1|-2|2|0|float64)~"},
    {R"~({{ round 3.14159 2 }}|{{ round 2.5 0 }}|{{ round -2.5 0 }}|{{ round 2.4 0 }}|{{ round 1234.5678 -2 }}|{{ round 2.4 0 0.3 }}|{{ round "1.255" 2 }}|{{ round 0.5 0 1 }})~",
     R"~(3.14|3|-3|2|1200|3|1.25|0)~"},
    {R"~({{ round 1 1.5 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:11: executing "c/templates/x.yaml" at <1.5>: expected integer; found 1.5)~"},
    {R"~({{ dict "a" 1 "b" nil 3 "x" "odd" }}|{{ dict }}|{{ dict nil 1 }}|{{ dict "a" 1 | printf "%T" }}|{{ (dict "k" .Values.list).k }})~",
     R"~(map[3:x a:1 b:<nil> odd:]|map[]|map[<nil>:1]|map[string]interface {}|[a b c])~"},
    {R"~({{ get .Values.m "z" }}|{{ get .Values.m "nope" }}|{{ get .Values.missing "x" }}|{{ get (dict "n" nil) "n" }}|{{ get .Values.m "z" | printf "%T" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:65: executing "c/templates/x.yaml" at <.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {})~"},
    {R"~({{ get "s" "x" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:7: executing "c/templates/x.yaml" at <"s">: can't handle "s" for arg of type map[string]interface {})~"},
    {R"~({{ hasKey .Values.m "z" }}|{{ hasKey .Values.m "q" }}|{{ hasKey .Values.missing "q" }}|{{ hasKey (dict "n" nil) "n" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:71: executing "c/templates/x.yaml" at <.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {})~"},
    {R"~({{ pluck "z" .Values.m (dict "z" 2) (dict) nil }}|{{ pluck "q" }})~",
     R"~([1 2]|[])~"},
    {R"~({{ keys .Values.m | sortAlpha }}|{{ keys (dict "b" 1) (dict "a" 2 "b" 3) | sortAlpha }}|{{ keys }}|{{ keys nil }})~",
     R"~([true z]|[a b b]|[]|[])~"},
    {R"~({{ values (dict "a" 1) }}|{{ values nil }}|{{ values (dict) }})~",
     R"~([1]|[]|[])~"},
    {R"~({{ pick .Values.m "z" "q" }}|{{ pick .Values.m }}|{{ pick nil "a" }}|{{ omit .Values.m "z" "q" }}|{{ omit (dict) }})~",
     R"~(map[z:1]|map[]|map[]|map[true:s]|map[])~"},
    {R"~({{ dig "m" "z" "d" (dict "m" .Values.m) }}|{{ dig "m" "q" "d" (dict "m" .Values.m) }}|{{ dig "a" "b" "c" "def" (dict "a" (dict "b" (dict "c" 5))) }}|{{ dig "q" nil .Values.m }}|{{ dig "z" "d" .Values.m }}|{{ dig "z" "d" .Values.m | printf "%T" }}|{{ dig "q" 7 .Values.m | printf "%T" }})~",
     R"~(1|d|5||1|float64|int)~"},
    {R"~({{ dig "a" .Values.m }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <dig "a" .Values.m>: error calling dig: dig needs at least three arguments)~"},
    {R"~({{ dig "a" "d" "s" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <dig "a" "d" "s">: error calling dig: interface conversion: interface {} is string, not map[string]interface {})~"},
    {R"~({{ dig 1 "d" .Values.m }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <dig 1 "d" .Values.m>: error calling dig: interface conversion: interface {} is int, not string)~"},
    {R"~({{ dig "m" "true" "d" (dict "m" .Values.m) }}|{{ dig "m" "true" "x" "d" (dict "m" .Values.m) }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:49: executing "c/templates/x.yaml" at <dig "m" "true" "x" "d" (dict "m" .Values.m)>: error calling dig: interface conversion: interface {} is string, not map[string]interface {})~"},
    {R"~({{ dig "n" "x" "d" (dict "n" nil) }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <dig "n" "x" "d" (dict "n" nil)>: error calling dig: interface conversion: interface {} is nil, not map[string]interface {})~"},
    {R"~({{ deepCopy .Values.m }}|{{ deepCopy .Values.list }}|{{ mustDeepCopy 3 }}|{{ deepCopy "s" }})~",
     R"~(map[true:s z:1]|[a b c]|3|s)~"},
    {R"~({{ deepCopy nil }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <deepCopy nil>: error calling deepCopy: reflect: call of reflect.Value.Type on zero Value)~"},
    {R"~({{ b64enc "" }}|{{ b64enc "a" }}|{{ b64enc "ab" }}|{{ b64enc "abc" }}|{{ b64enc "héllo\x00\xff" }})~",
     R"~(|YQ==|YWI=|YWJj|aMOpbGxvAP8=)~"},
    {R"~({{ b32enc "" }}|{{ b32enc "f" }}|{{ b32enc "fo" }}|{{ b32enc "foo" }}|{{ b32enc "foob" }}|{{ b32enc "fooba" }}|{{ b32enc "foobar" }}|{{ b32enc "\xff\x00" }})~",
     R"~(|MY======|MZXQ====|MZXW6===|MZXW6YQ=|MZXW6YTB|MZXW6YTBOI======|74AA====)~"},
    {R"~({{ sha1sum "" }}|{{ sha1sum "abc" }}|{{ sha256sum "abc" }}|{{ sha512sum "abc" }})~",
     R"~(da39a3ee5e6b4b0d3255bfef95601890afd80709|a9993e364706816aba3e25717850c26c9cd0d89d|ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad|ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f)~"},
    {R"~({{ adler32sum "" }}|{{ adler32sum "abc" }}|{{ adler32sum "Wikipedia" }}|{{ adler32sum (repeat 6000 "\xff") }})~",
     R"~(1|38600999|300286872|2761382378)~"},
    {R"~({{ typeOf 1 }}|{{ typeOf 1.5 }}|{{ typeOf "s" }}|{{ typeOf nil }}|{{ typeOf .Values.missing }}|{{ typeOf .Values.list }}|{{ typeOf .Values.m }}|{{ typeOf .Values.f }}|{{ typeOf true }}|{{ typeOf (add 1 1) }}|{{ typeOf .Values.nul }})~",
     R"~(int|float64|string|<nil>|<nil>|[]interface {}|map[string]interface {}|float64|bool|int64|<nil>)~"},
    {R"~({{ typeIs "int" 1 }}|{{ typeIs "float64" 1 }}|{{ typeIsLike "string" "s" }}|{{ typeIsLike "int" 1.5 }}|{{ typeIs "<nil>" nil }})~",
     R"~(true|false|true|false|true)~"},
    {R"~({{ kindOf 1 }}|{{ kindOf .Values.list }}|{{ kindOf .Values.m }}|{{ kindOf nil }}|{{ kindOf "s" }}|{{ kindOf (int64 1) }}|{{ kindOf .Values.f }}|{{ kindOf false }}|{{ kindOf .Values.missing }})~",
     R"~(int|slice|map|invalid|string|int64|float64|bool|invalid)~"},
    {R"~({{ kindIs "slice" .Values.list }}|{{ kindIs "map" .Values.m }}|{{ kindIs "int" 1.0 }}|{{ kindIs "invalid" nil }})~",
     R"~(true|true|false|true)~"},
    {R"~({{ deepEqual 1 1 }}|{{ deepEqual 1 (int64 1) }}|{{ deepEqual 1 1.0 }}|{{ deepEqual .Values.list (list "a" "b" "c") }}|{{ deepEqual nil nil }}|{{ deepEqual nil .Values.missing }}|{{ deepEqual .Values.m .Values.m }}|{{ deepEqual "a" "b" }}|{{ deepEqual .Values.nul nil }}|{{ deepEqual (dict) .Values.emap }})~",
     R"~(true|false|false|true|true|true|true|false|true|true)~"},
    {R"~({{ b64dec "YWJj" }}|{{ b64dec "YWI=" }}|{{ b64dec "YQ==" }}|{{ b64dec "" }}|{{ b64dec "YW\nJj\r\n" }}|{{ b64dec "aMOpbGxvAP8=" | b64enc }}|{{ b64dec "YR==" }}|{{ b64dec "YQ=\n=" }})~",
     R"~(abc|ab|a||abc|aMOpbGxvAP8=|a|a)~"},
    {R"~({{ b64dec "YWJ" }}|{{ b64dec "Y" }}|{{ b64dec "YQ=" }}|{{ b64dec "YQ==YQ==" }}|{{ b64dec "Y===" }}|{{ b64dec "YW!j" }}|{{ b64dec "YWJjYQ" }}|{{ b64dec "=" }}|{{ b64dec "YWJjZGVmZ2hp*" }}|{{ b64dec "YQ=x" }}|{{ b64dec "YWI=\n\nx" }}|{{ b64dec "YWJjZA==" }})~",
     R"~(illegal base64 data at input byte 0|illegal base64 data at input byte 0|illegal base64 data at input byte 3|illegal base64 data at input byte 4|illegal base64 data at input byte 1|illegal base64 data at input byte 2|illegal base64 data at input byte 4|illegal base64 data at input byte 0|illegal base64 data at input byte 12|illegal base64 data at input byte 2|illegal base64 data at input byte 6|abcd)~"},
    {R"~({{ toJson (chunk 1 (list)) }}|{{ toJson (slice (list)) }}|{{ toJson (rest (list 1)) }})~",
     R"~([]|null|[])~"},
};
// clang-format on

TEST_CASE("sprig functions print what helm prints") { sprig_test::check_all(kCases); }

TEST_CASE("sprig divergences from helm are refusals") {
  // Go's strings.ToUpper maps every Unicode letter ("É"); without case tables this refuses.
  CHECK(
      run(R"({{ upper "é" }})") ==
      R"(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <upper "é">: )"
      R"(error calling upper: non-ASCII text is not supported by upper/lower)");
  CHECK(run(R"({{ title "é" }}|{{ swapcase "é" }}|{{ untitle "É" }})")
            .find("non-ASCII text is not supported by title") != std::string::npos);
  CHECK(run(R"({{ swapcase "aé" }})").find("non-ASCII text is not supported by swapcase") !=
        std::string::npos);
  // Go's strconv.ParseFloat reads "inf", "nan" and hex floats; this refuses them.
  CHECK(run(R"({{ float64 "-Inf" }})").find(R"(the float syntax of "-Inf" is not supported)") !=
        std::string::npos);
  CHECK(run(R"({{ maxf 1 "0x1p3" }})").find("is not supported") != std::string::npos);
  // []string prints like []interface{} but is typed as such (see sprig.h).
  CHECK(run(R"({{ splitList "," "a,b" | printf "%T" }})") == "[]interface {}");
  // A Go int stored in a list reads back as int64 (helm: "int").
  CHECK(run(R"({{ first (list 1) | printf "%T" }})") == "int64");
  // Go's nil slices (rest and initial of an empty list, concat of no lists) are empty lists
  // here (helm: "null|null|null").
  CHECK(run(R"({{ toJson (rest (list)) }}|{{ toJson (initial (list)) }}|{{ toJson (concat) }})") ==
        "[]|[]|[]");
  // Typed variadic parameters (pluck's ...map, pick's ...string) are checked by the function,
  // not by the executor: helm says `at <"s">: can't handle "s" for arg of type
  // map[string]interface {}` and `at <1>: expected string; found 1`.
  CHECK(
      run(R"({{ pluck "z" "s" }})") ==
      R"(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <pluck "z" "s">: )"
      R"(error calling pluck: wrong type for value; expected map[string]interface {}; got string)");
  CHECK(
      run(R"({{ pick .Values.m 1 }})") ==
      R"(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <pick .Values.m 1>: )"
      R"(error calling pick: wrong type for value; expected string; got int)");
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
