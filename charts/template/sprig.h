// charts/template/sprig.h — the Sprig functions (github.com/Masterminds/sprig/v3 v3.3.0, the
// version Helm 3.17.3 vendors) that are implemented so far, with Sprig's Go semantics: the
// Go parameter types (so that text/template's argument errors match: `repeat 1.5 "x"` is
// "expected integer; found 1.5"), Sprig's nil handling, and Go panics reported as the
// "error calling NAME: MESSAGE" that text/template makes of them.
//
// Implemented, one file per family (sprig_defaults.cpp, sprig_strings.cpp, sprig_lists.cpp,
// sprig_dicts.cpp, sprig_math.cpp, sprig_encoding.cpp, sprig_reflect.cpp):
//   defaults: default empty coalesce all any ternary fromJson mustFromJson toJson mustToJson
//             toPrettyJson mustToPrettyJson toRawJson mustToRawJson
//   strings:  trim trimAll trimall trimPrefix trimSuffix upper lower title untitle swapcase
//             contains hasPrefix hasSuffix repeat substr nospace trunc abbrev abbrevboth
//             initials plural quote squote cat indent nindent replace toString toStrings
//             split splitList splitn join sortAlpha atoi int int64 float64 toDecimal seq until
//             untilStep
//   lists:    list append push prepend chunk first last rest initial reverse compact uniq
//             without has slice (replacing text/template's) concat, and their must* forms
//   dicts:    dict get hasKey pluck keys values pick omit dig deepCopy mustDeepCopy
//   math:     add1 add sub div mod mul max biggest min maxf minf floor ceil round
//   encoding: b64enc b64dec b32enc sha1sum sha256sum sha512sum adler32sum
//   reflect:  typeOf typeIs typeIsLike kindOf kindIs deepEqual
// Every other name of Sprig's map is absent, among them set unset merge mergeOverwrite (they
// mutate their map argument; values are copy-on-write here, see sprig_dicts.cpp), addf add1f
// subf mulf divf (shopspring/decimal arithmetic), b32dec, the regex, date, semver, random,
// uuid, crypto-key, network, URL and path functions, camelcase snakecase kebabcase shuffle
// wrap wrapWith, env expandenv (which Helm removes anyway). Helm replaces Sprig's toJson and
// fromJson with its own: toJson is the same; Helm's fromJson returns a map (with an "Error"
// key on bad input), so the Helm layer must override the Sprig fromJson registered here.
//
// Go types that ExecValue cannot tell apart: results typed []string (splitList toStrings
// sortAlpha keys), []int (until untilStep), [][]interface{} (chunk) or map[string]string
// (split splitn) are []interface{} and map[string]interface{} here, so %T and typeOf print
// "[]interface {}" where Go prints "[]string". They are otherwise identical in printing, JSON
// and indexing.
//
// Divergences, all refusals or error texts rather than other results where feasible:
//   - upper lower title untitle swapcase refuse non-ASCII text (no Unicode case tables here);
//   - mustFromJson's error text is Go's for truncated input ("unexpected end of JSON input")
//     and the JSON reader's own otherwise;
//   - typed variadic parameters (seq's ...int, pluck's ...map, pick's ...string, round's
//     ...float64) are checked by the function: Go reports `at <ARG>: expected ...` where this
//     reports "error calling NAME: wrong type for value; ...";
//   - a Go int stored in a list or map reads back as int64 (exec_value.h): `first (list 1)` is
//     an int64, and has/uniq/without/deepEqual inside lists do not tell int from int64;
//   - Go's nil slice (rest/initial of an empty list, concat of no lists) is an empty list:
//     toJson writes "[]" where Go writes "null";
//   - keys and values come in key order (Go: random order);
//   - float64 and the float math refuse "inf", "nan" and hex-float strings (Go parses them);
//     round refuses |places| > 22; repeat, until and untilStep refuse results beyond 64 MiB
//     or 2^24 elements;
//   - `slice` cannot reach past a list's length into its capacity (Go can: a list decoded
//     from YAML may have spare capacity, and helm then prints <nil> elements).
#pragma once

#include "charts/template/executor.h"

namespace chartmirror::charts::tmpl {

// Adds the implemented Sprig functions to `functions`, replacing entries of the same name:
// Sprig's slice replaces text/template's, as a FuncMap entry does in Go.
void add_sprig_functions(FunctionMap& functions);

}  // namespace chartmirror::charts::tmpl
