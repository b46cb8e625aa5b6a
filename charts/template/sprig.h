// charts/template/sprig.h — the Sprig functions (github.com/Masterminds/sprig/v3 v3.3.0, the
// version Helm 3.17.3 vendors) that are implemented so far, with Sprig's Go semantics: the
// Go parameter types (so that text/template's argument errors match: `repeat 1.5 "x"` is
// "expected integer; found 1.5"), Sprig's nil handling, and Go panics reported as the
// "error calling NAME: MESSAGE" that text/template makes of them.
//
// Implemented, one file per family (sprig_NAME.cpp; tests in sprig_test.cpp and
// sprig_NAME_test.cpp):
//   defaults: default empty coalesce all any ternary fromJson mustFromJson toJson mustToJson
//             toPrettyJson mustToPrettyJson toRawJson mustToRawJson fail hello
//   strings:  trim trimAll trimall trimPrefix trimSuffix upper lower title untitle swapcase
//             contains hasPrefix hasSuffix repeat substr nospace trunc abbrev abbrevboth
//             initials plural quote squote cat indent nindent replace toString toStrings
//             split splitList splitn join sortAlpha atoi int int64 float64 toDecimal seq until
//             untilStep
//   case:     camelcase snakecase kebabcase shuffle wrap wrapWith
//   lists:    list tuple append push prepend chunk first last rest initial reverse compact
//             uniq without has slice (replacing text/template's) concat, and their must* forms
//   dicts:    dict get hasKey pluck keys values pick omit dig deepCopy mustDeepCopy
//   dicts_mutate: set unset merge mergeOverwrite mustMerge mustMergeOverwrite, with Go's map
//             reference semantics (values::Value::shared_map)
//   math:     add1 add sub div mod mul max biggest min maxf minf floor ceil round
//   float_math: addf add1f subf mulf divf (shopspring/decimal arithmetic)
//   encoding: b64enc b64dec b32enc b32dec sha1sum sha256sum sha512sum adler32sum
//   reflect:  typeOf typeIs typeIsLike kindOf kindIs deepEqual
//   regex:    regexMatch regexFindAll regexFind regexReplaceAll regexReplaceAllLiteral
//             regexSplit regexQuoteMeta and the must* forms (Google RE2)
//   semver:   semver semverCompare (charts/version)
//   paths:    base dir ext clean isAbs osBase osDir osExt osClean osIsAbs
//   url:      urlParse urlJoin
//   random:   uuidv4 randAlphaNum randAlpha randNumeric randAscii randBytes randInt
//   crypto:   bcrypt htpasswd derivePassword encryptAES decryptAES
//   certs:    genPrivateKey genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey
//             genSignedCert genSignedCertWithKey buildCustomCert (objects are maps with the
//             keys Cert and Key)
//   dates:    now toDate mustToDate dateModify mustDateModify date_modify must_date_modify
//             ago unixEpoch date dateInZone date_in_zone htmlDate htmlDateInZone duration
//             durationRound; a Go time.Time is a Go-typed value (sprig_time.h) whose methods
//             (String Format Unix UTC Year ...) the executor finds through the GoTypes that
//             add_sprig_go_types fills
//   network:  getHostByName
// Absent: env and expandenv, which Helm removes. Helm replaces some of these with its own: toJson
// (the same), fromJson (a map with an "Error" key on bad input), fail ("execution error at ..."),
// and getHostByName (returns "" unless --enable-dns); the Helm layer must override the Sprig
// entries registered here.
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
//     from YAML may have spare capacity, and helm then prints <nil> elements);
//   - Go's nil []string results (regexFindAll with no match, regexSplit with n 0) are empty
//     lists: toJson writes "[]" where Go writes "null";
//   - camelcase snakecase kebabcase refuse non-ASCII text, like upper and lower;
//   - set on Go's nil map (`set nil "k" 1`) returns a new map where Go panics, and a change
//     that would make a map contain itself is refused (Go builds the cycle and overflows its
//     stack printing it);
//   - semver's object is a map: Major Minor Patch are int64 (Go: uint64 methods), and it
//     prints as a map where Go prints the version; genSignedCert takes any map with Cert and
//     Key where Go requires the struct genCA returns; derivePassword's uint32 counter is
//     any Go int in range;
//   - regexes are RE2's: a repeated capture name and (?<name>) are refused (Go 1.23 accepts
//     both);
//   - dateInZone knows the zones UTC, "" and Local only and refuses the others (Go loads any
//     IANA zone and falls back to UTC for unknown names);
//   - parameters typed time.Time (dateModify unixEpoch ...) are checked by the function: Go
//     reports `at <ARG>: wrong type for value; expected time.Time; got string` where this
//     reports "error calling NAME: wrong type for value; ...";
//   - a time.Time prints through String only where the executor prints a value ({{ now }});
//     Sprig's strval (toString, quote, cat ...) and printf print the map of its fields;
//   - random values (uuidv4 rand* shuffle randInt, bcrypt salts, keys, serials, AES IVs) come
//     from OpenSSL's generator: only their shape can match helm's.
#pragma once

#include <cstddef>
#include <string_view>

#include "charts/template/executor.h"

namespace chartmirror::charts::tmpl {

namespace sprig {
class RsaKeyPool;  // rsa_key.h
}

// Adds the implemented Sprig functions to `functions`, replacing entries of the same name:
// Sprig's slice replaces text/template's, as a FuncMap entry does in Go. genCA,
// genSelfSignedCert and genSignedCert take their new RSA 2048 keys from `rsa_2048_keys` when
// given (a render's pool, which finds them ahead on other cores; it must outlive the map),
// else generate them at the call.
void add_sprig_functions(FunctionMap& functions, sprig::RsaKeyPool* rsa_2048_keys = nullptr);

// How many calls of genCA, genSelfSignedCert and genSignedCert (the functions that make a new
// RSA 2048 key) the template source `text` holds: the most keys a render of it can use once
// per call site, for sizing its RsaKeyPool.
[[nodiscard]] std::size_t count_rsa_2048_calls(std::string_view text);

// Adds the Go types Sprig's functions return (time.Time, with its methods) to `types`, for
// ExecOptions::go_types.
void add_sprig_go_types(GoTypes& types);

}  // namespace chartmirror::charts::tmpl
