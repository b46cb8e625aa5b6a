// Sprig's set unset merge mergeOverwrite mustMerge mustMergeOverwrite: Go map reference
// semantics and mergo's rules, against helm v3.17.3's output.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml, values as sprig_test::kValues), verbatim.
// clang-format off
constexpr Case kCases[] = {
    // set changes the map every holder sees: a variable, .Values, a list element.
    {R"~({{ $d := dict "a" 1 }}{{ $_ := set $d "k" 1 }}{{ $d.k }}|{{ $_ := set .Values.m "x" 2 }}{{ .Values.m.x }}|{{ toJson .Values.m }}|{{ unset $d "a" | toJson }}{{ toJson $d }})~",
     R"~(1|2|{"true":"s","x":2,"z":1}|{"k":1}{"k":1})~"},
    {R"~({{ $_ := set .Values.m "x" 2 }}{{ toJson .Values }})~",
     R"~({"e":"","emap":{},"empty":[],"f":1.5,"html":"\u003ca\u0026b\u003e","list":["a","b","c"],"m":{"true":"s","x":2,"z":1},"nul":null,"s":"str","t":true,"zero":0})~"},
    {R"~({{ set .Values.m "k" nil | toJson }}|{{ $_ := unset .Values.m "z" }}{{ toJson .Values.m }}|{{ $l := list .Values.m }}{{ $_ := set (index $l 0) "w" 1 }}{{ toJson .Values.m }}|{{ $c := deepCopy .Values.m }}{{ $_ := set $c "dc" 1 }}{{ toJson .Values.m }})~",
     R"~({"k":null,"true":"s","z":1}|{"k":null,"true":"s"}|{"k":null,"true":"s","w":1}|{"k":null,"true":"s","w":1})~"},
    // merge: dst wins unless empty; mergeOverwrite: src wins, nil included.
    {R"~({{ merge (dict "a" "" "b" 0 "c" "keep" "n" nil) (dict "a" "x" "b" 2 "c" "no" "n" "filled" "new" 1) | toJson }})~",
     R"~({"a":"x","b":2,"c":"keep","n":"filled","new":1})~"},
    {R"~({{ mergeOverwrite (dict "a" "" "b" 0 "c" "keep" "n" "v" "l" (list 1)) (dict "a" "x" "b" 2 "c" "" "n" nil "l" (list)) | toJson }})~",
     R"~({"a":"x","b":2,"c":"","l":[],"n":null})~"},
    {R"~({{ merge (dict "m" (dict "x" 1 "y" "") "s" "str" "l" (list 1) "el" (list)) (dict "m" (dict "y" 2 "z" 3) "s" (dict "q" 1) "l" (list 2) "el" (list 3)) | toJson }})~",
     R"~({"el":[3],"l":[1],"m":{"x":1,"y":2,"z":3},"s":"str"})~"},
    {R"~({{ mergeOverwrite (dict "m" (dict "x" 1 "y" "") "s" "str" "l" (list 1)) (dict "m" (dict "y" 2 "z" 3) "s" (dict "q" 1) "l" (list 2)) | toJson }})~",
     R"~({"l":[2],"m":{"x":1,"y":2,"z":3},"s":{"q":1}})~"},
    {R"~({{ merge (dict "a" "x" "b" nil "c" (list) "d" 0) (dict "a" (dict "q" 1) "b" (dict "q" 1) "c" (dict "q" 1) "d" (list 1)) | toJson }}|{{ mergeOverwrite (dict "a" "x" "b" nil "c" (list 5) "d" 0 "e" (dict "k" 1)) (dict "a" (list) "b" (list 1) "c" (dict "q" 1) "d" (list 1) "e" (list 2)) | toJson }}|{{ merge (dict "e" (dict "k" 1)) (dict "e" (list 2)) | toJson }}|{{ mergeOverwrite (dict "e" (dict "k" 1)) (dict "e" (dict)) | toJson }}|{{ merge (dict "e" (list 1)) (dict "e" (dict "k" 1)) | toJson }})~",
     R"~({"a":"x","b":{"q":1},"c":{"q":1},"d":[1]}|{"a":[],"b":[1],"c":{"q":1},"d":[1],"e":[2]}|{"e":{"k":1}}|{"e":{"k":1}}|{"e":[1]})~"},
    // merge changes and returns dst; sources are shared, not copied.
    {R"~({{ $d := dict "a" 1 }}{{ $r := merge $d (dict "b" 2) (dict "b" 3 "c" 4) }}{{ toJson $d }}{{ toJson $r }})~",
     R"~({"a":1,"b":2,"c":4}{"a":1,"b":2,"c":4})~"},
    {R"~({{ $e := dict }}{{ $s := dict "m" (dict "k" 1) }}{{ $_ := merge $e $s }}{{ $_ := set $e.m "k2" 2 }}{{ toJson $s }})~",
     R"~({"m":{"k":1,"k2":2}})~"},
    {R"~({{ $_ := merge (dict "emap" (dict)) (dict "emap" .Values.m) }}{{ $_ := merge (dict "m" .Values.emap) (dict "m" (dict "zz" 1)) }}{{ toJson .Values.emap }})~",
     R"~({"zz":1})~"},
    {R"~({{ $s := dict "zz" 1 }}{{ $r := merge (dict "m" .Values.emap) (dict "m" $s) }}{{ $_ := set $s "q" 1 }}{{ toJson .Values.emap }}|{{ toJson $r }})~",
     R"~({"zz":1}|{"m":{"zz":1}})~"},
    {R"~({{ merge nil (dict "a" 1) | toJson }}|{{ mergeOverwrite (dict "a" (dict "b" 1)) (dict "a" "s") | toJson }}|{{ merge (dict "a" (dict)) (dict "a" "s") | toJson }}|{{ merge (dict "a" false "b" 0.0) (dict "a" true "b" 1.5) | toJson }})~",
     R"~({"a":1}|{"a":"s"}|{"a":"s"}|{"a":true,"b":1.5})~"},
    {R"~({{ mustMerge (dict "a" 1) (dict "b" 2) | toJson }}{{ mustMergeOverwrite (dict "a" 1) (dict "a" 2) | toJson }}{{ merge (dict) | toJson }})~",
     R"~({"a":1,"b":2}{"a":2}{})~"},
    // Argument errors are the executor's.
    {R"~({{ set .Values.missing "a" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:14: executing "c/templates/x.yaml" at <.Values.missing>: wrong type for value; expected map[string]interface {}; got interface {})~"},
    {R"~({{ set "s" "a" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:7: executing "c/templates/x.yaml" at <"s">: can't handle "s" for arg of type map[string]interface {})~"},
    {R"~({{ set .Values.s "a" 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:14: executing "c/templates/x.yaml" at <.Values.s>: wrong type for value; expected map[string]interface {}; got string)~"},
};
// clang-format on

TEST_CASE("set, unset and merge change maps as helm does") { sprig_test::check_all(kCases); }

TEST_CASE("set and merge divergences from helm") {
  // Go's nil map: helm fails with "assignment to entry in nil map" and writes null.
  CHECK(run(R"({{ set nil "a" 1 | toJson }}|{{ unset nil "a" | toJson }})") == R"({"a":1}|{})");
  // Typed variadic maps are checked by the function (helm: `at <"s">: can't handle "s" ...`).
  CHECK(run(R"({{ merge (dict) .Values.s }})") ==
        sprig_test::call_error(3, "merge (dict) .Values.s", "merge",
                               "wrong type for value; expected map[string]interface {}; got "
                               "string"));
  // A map that would contain itself is refused; Go overflows its stack printing it.
  CHECK(run(R"({{ $d := dict }}{{ $_ := set $d "self" $d }})")
            .find("error calling set: set would make a map contain itself") != std::string::npos);
  CHECK(run(R"({{ $d := dict }}{{ $_ := mergeOverwrite $d (dict "x" (list $d)) }})")
            .find("mergeOverwrite would make a map contain itself") != std::string::npos);
  // Merging a map into itself terminates and changes nothing.
  CHECK(run(R"({{ $d := dict "a" (dict "b" 1) }}{{ merge $d $d | toJson }})") ==
        R"({"a":{"b":1}})");
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
