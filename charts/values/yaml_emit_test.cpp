// yaml_emit.cpp: toYaml, compared with what helm v3.17.3 writes.
#include "charts/values/yaml_emit.h"

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/values/yaml.h"

namespace chartmirror::charts::values {
namespace {

struct HelmCase {
  std::string_view values;    // a values.yaml
  std::string_view key;       // "" for `toYaml .Values`, else `.Values.<key> | toYaml`
  std::string_view expected;  // what helm wrote
};

// Every `expected` here was produced by helm v3.17.3: a throwaway chart whose values.yaml is
// `values` and whose one template is `# {{ toYaml .Values | b64enc }}` (or
// `# {{ .Values.x | toYaml | b64enc }}`), rendered with `helm template` and decoded.
// An expected "" is toYaml failing (go-yaml refused to read the JSON back).
constexpr HelmCase kHelmCases[] = {
    {"x: null\n", "x", "null"},
    {"x: ~\n", "x", "null"},
    {"x: true\n", "x", "true"},
    {"x: false\n", "x", "false"},
    {"x: yes\n", "x", "true"},
    {"x: no\n", "x", "false"},
    {"x: on\n", "x", "true"},
    {"x: off\n", "x", "false"},
    {"x: \"true\"\n", "x", "\"true\""},
    {"x: \"false\"\n", "x", "\"false\""},
    {"x: \"yes\"\n", "x", "\"yes\""},
    {"x: \"no\"\n", "x", "\"no\""},
    {"x: \"on\"\n", "x", "\"on\""},
    {"x: \"off\"\n", "x", "\"off\""},
    {"x: \"y\"\n", "x", "\"y\""},
    {"x: \"n\"\n", "x", "\"n\""},
    {"x: \"Y\"\n", "x", "\"Y\""},
    {"x: \"N\"\n", "x", "\"N\""},
    {"x: \"null\"\n", "x", "\"null\""},
    {"x: \"Null\"\n", "x", "\"Null\""},
    {"x: \"~\"\n", "x", "\"~\""},
    {"x: \"\"\n", "x", "\"\""},
    {"x: \" \"\n", "x", "' '"},
    {"x: \"  \"\n", "x", "'  '"},
    {"x: 1\n", "x", "1"},
    {"x: 0\n", "x", "0"},
    {"x: -1\n", "x", "-1"},
    {"x: 1.5\n", "x", "1.5"},
    {"x: 0.1\n", "x", "0.1"},
    {"x: -0.0\n", "x", "0"},
    {"x: 1e6\n", "x", "1000000"},
    {"x: 1e21\n", "x", "1e+21"},
    {"x: 1e20\n", "x", "1e+20"},
    {"x: 1.0e+6\n", "x", "1000000"},
    {"x: 123456789012345678\n", "x", "123456789012345680"},
    {"x: 9007199254740993\n", "x", "9007199254740992"},
    {"x: 1.5e-7\n", "x", "1.5e-07"},
    {"x: 0.000001\n", "x", "1e-06"},
    {"x: 3.14159265358979\n", "x", "3.14159265358979"},
    {"x: 1e-320\n", "x", "1e-320"},
    {"x: 1.7976931348623157e308\n", "x", "1.7976931348623157e+308"},
    {"x: 0x1F\n", "x", "31"},
    {"x: 0o17\n", "x", "15"},
    {"x: 010\n", "x", "8"},
    {"x: \"010\"\n", "x", "\"010\""},
    {"x: \"0x1F\"\n", "x", "\"0x1F\""},
    {"x: \"1e3\"\n", "x", "\"1e3\""},
    {"x: \"1_000\"\n", "x", "\"1_000\""},
    {"x: \"+1\"\n", "x", "\"+1\""},
    {"x: \"-1\"\n", "x", "\"-1\""},
    {"x: \".5\"\n", "x", "\".5\""},
    {"x: \"1.\"\n", "x", "\"1.\""},
    {"x: \"1.5\"\n", "x", "\"1.5\""},
    {"x: \".inf\"\n", "x", "\".inf\""},
    {"x: \"-.inf\"\n", "x", "\"-.inf\""},
    {"x: \".nan\"\n", "x", "\".nan\""},
    {"x: \".NaN\"\n", "x", "\".NaN\""},
    {"x: \"inf\"\n", "x", "inf"},
    {"x: \"nan\"\n", "x", "nan"},
    {"x: \"1:20\"\n", "x", "\"1:20\""},
    {"x: \"1:20:30.5\"\n", "x", "\"1:20:30.5\""},
    {"x: \"190:20:30\"\n", "x", "\"190:20:30\""},
    {"x: \"1:60\"\n", "x", "1:60"},
    {"x: \"2024-01-02\"\n", "x", "\"2024-01-02\""},
    {"x: \"2024-1-2\"\n", "x", "\"2024-1-2\""},
    {"x: \"2024-13-02\"\n", "x", "2024-13-02"},
    {"x: \"2024-01-02T10:20:30Z\"\n", "x", "\"2024-01-02T10:20:30Z\""},
    {"x: \"2024-01-02 10:20:30\"\n", "x", "\"2024-01-02 10:20:30\""},
    {"x: \"2024-01-02t10:20:30.5+01:00\"\n", "x", "\"2024-01-02t10:20:30.5+01:00\""},
    {"x: \"12:30\"\n", "x", "\"12:30\""},
    {"x: hello\n", "x", "hello"},
    {"x: \"hello world\"\n", "x", "hello world"},
    {"x: \"a: b\"\n", "x", "'a: b'"},
    {"x: \"a:b\"\n", "x", "a:b"},
    {"x: \"a #b\"\n", "x", "'a #b'"},
    {"x: \"a#b\"\n", "x", "a#b"},
    {"x: \"#a\"\n", "x", "'#a'"},
    {"x: \"- a\"\n", "x", "'- a'"},
    {"x: \"-a\"\n", "x", "-a"},
    {"x: \"-\"\n", "x", "'-'"},
    {"x: \"--- a\"\n", "x", "'--- a'"},
    {"x: \"---\"\n", "x", "'---'"},
    {"x: \"...\"\n", "x", "'...'"},
    {"x: \"?a\"\n", "x", "?a"},
    {"x: \"? a\"\n", "x", "'? a'"},
    {"x: \": a\"\n", "x", "': a'"},
    {"x: \":a\"\n", "x", ":a"},
    {"x: \"a:\"\n", "x", "'a:'"},
    {"x: \"[a]\"\n", "x", "'[a]'"},
    {"x: \"{a}\"\n", "x", "'{a}'"},
    {"x: \"a,b\"\n", "x", "a,b"},
    {"x: \"a[b]\"\n", "x", "a[b]"},
    {"x: \"&a\"\n", "x", "'&a'"},
    {"x: \"*a\"\n", "x", "'*a'"},
    {"x: \"!a\"\n", "x", "'!a'"},
    {"x: \"|a\"\n", "x", "'|a'"},
    {"x: \">a\"\n", "x", "'>a'"},
    {"x: \"'a'\"\n", "x", "'''a'''"},
    {"x: \"it's\"\n", "x", "it's"},
    {"x: \"\\\"q\\\"\"\n", "x", "'\"q\"'"},
    {"x: \"%a\"\n", "x", "'%a'"},
    {"x: \"@a\"\n", "x", "'@a'"},
    {"x: \"`a\"\n", "x", "'`a'"},
    {"x: \" lead\"\n", "x", "' lead'"},
    {"x: \"trail \"\n", "x", "'trail '"},
    {"x: \"a\\tb\"\n", "x", "\"a\\tb\""},
    {"x: \"\\ttab\"\n", "x", "\"\\ttab\""},
    {"x: \"back\\\\slash\"\n", "x", "back\\slash"},
    {"x: \"<<\"\n", "x", "<<"},
    {"x: \"=\" \n", "x", "="},
    {"x: \"\303\251\"\n", "x", "\303\251"},
    {"x: \"\346\227\245\346\234\254\350\252\236\"\n", "x", "\346\227\245\346\234\254\350\252\236"},
    {"x: \"\360\237\230\200\"\n", "x", "\"\\U0001F600\""},
    {"x: \"a\360\237\230\200b\"\n", "x", "\"a\\U0001F600b\""},
    {"x: \"\\u00a0\"\n", "x", "\302\240"},
    {"x: \"\\u0085\"\n", "x", "' '"},
    {"x: \"x\\u0085y\"\n", "x", "x y"},
    {"x: \"\\ufeffbom\"\n", "x", "\"\\uFEFF\\x62\\x6F\\x6D\""},
    {"x: \"a\\ufeffb\"\n", "x", "\"a\\uFEFFb\""},
    {"x: \"\\u2028\"\n", "x", "'\342\200\250'"},
    {"x: \"a\\u2028b\"\n", "x", "'a\342\200\250  b'"},
    {"x: \"\\x01\"\n", "x", "\"\\x01\""},
    {"x: \"\\x7f\"\n", "x", ""},
    {"x: \"\\u0080\"\n", "x", ""},
    {"x: \"\\r\"\n", "x", "\"\\r\""},
    {"x: \"a\\rb\"\n", "x", "\"a\\rb\""},
    {"x: \"\\e\"\n", "x", "\"\\e\""},
    {"x: \"\\0\"\n", "x", "\"\\0\""},
    {"x: \"a\\nb\"\n", "x", "|-\n  a\n  b"},
    {"x: \"a\\n\"\n", "x", "|\n  a"},
    {"x: \"a\\n\\n\"\n", "x", "|+\n  a\n"},
    {"x: \"\\na\"\n", "x", "|2-\n\n  a"},
    {"x: \"\\n\"\n", "x", "|2+\n"},
    {"x: \"\\n\\n\"\n", "x", "|2+\n\n"},
    {"x: \" a\\nb\"\n", "x", "|2-\n   a\n  b"},
    {"x: \"a \\nb\"\n", "x", "\"a \\nb\""},
    {"x: \"a\\n b\"\n", "x", "|-\n  a\n   b"},
    {"x: \"a\\nb \"\n", "x", "\"a\\nb \""},
    {"x: \"a\\tb\\nc\"\n", "x", "\"a\\tb\\nc\""},
    {"x: \"a\\n\\nb\\n\"\n", "x", "|\n  a\n\n  b"},
    {"x: \"a\\u0085\\u0085b\"\n", "x", "|-\n  a\n  b"},
    {"x: \"a \\u0085 b\"\n", "x", "a b"},
    {"x: \"a\\u0085--- b\"\n", "x", ""},
    {"x: \"a\\u0085---b\"\n", "x", "a ---b"},
    {"x: \"Yes please\"\n", "x", "Yes please"},
    {"x: \"n/a\"\n", "x", "n/a"},
    {"x: \"0.0.1\"\n", "x", "0.0.1"},
    {"x: \"1.2.3\"\n", "x", "1.2.3"},
    {"x: \"v1.2\"\n", "x", "v1.2"},
    {"x: \"1e400\"\n", "x", "1e400"},
    {"x: \"0b101\"\n", "x", "\"0b101\""},
    {"x: \"-0b101\"\n", "x", "\"-0b101\""},
    {"x: \"0b\"\n", "x", "0b"},
    {"x: \"+.inf\"\n", "x", "\"+.inf\""},
    {"x: \"._\"\n", "x", "._"},
    {"x: \"1__0\"\n", "x", "\"1__0\""},
    {"x: \"_1\"\n", "x", "_1"},
    {"x: \"12e\"\n", "x", "12e"},
    {"x: \"1_000.5\"\n", "x", "\"1_000.5\""},
    {"x: \"word word word word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word\"\n",
     "x",
     "word word word word word word word word word word word word word word word word word\n  word "
     "word word word word word word word word word word word word"},
    {"x: "
     "\"abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghija"
     "bcdefghij\"\n",
     "x",
     "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabc"
     "defghij"},
    {"x: \"abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij "
     "abcdefghij abcdefghij \"\n",
     "x",
     "'abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij abcdefghij\n  "
     "abcdefghij abcdefghij '"},
    {"x: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b c "
     "d\"\n",
     "x",
     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  b\n  c d"},
    {"x: \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx "
     "y\"\n",
     "x",
     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n  y"},
    {"x: \"ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab "
     "ab ab ab ab ab ab ab ab ab ab ab: c\"\n",
     "x",
     "'ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab\n  ab ab "
     "ab ab ab ab ab ab ab ab ab ab ab: c'"},
    {"x: \"ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab "
     "ab ab ab ab ab ab ab ab ab ab ab\\t\"\n",
     "x",
     "\"ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab ab\n  ab ab "
     "ab ab ab ab ab ab ab ab ab ab ab\\t\""},
    {"x: \"true true true true true true true true true true true true true true true true true "
     "true true true true true true true true true true true true true x\"\n",
     "x",
     "true true true true true true true true true true true true true true true true true\n  true "
     "true true true true true true true true true true true true x"},
    {"x: \"a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  "
     "a  a  a  a  a  a  a  a  a  a  a  x\"\n",
     "x",
     "a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  a  "
     "a  a  a  a  a  a  a  a  a  x"},
    {"x: \"a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a   x\"\n",
     "x", "a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a   x"},
    {"x: []\n", "x", "[]"},
    {"x: {}\n", "x", "{}"},
    {"x: [1, 2, 3]\n", "x", "- 1\n- 2\n- 3"},
    {"x: [[1, 2], [3, [4, []]], {}]\n", "x", "- - 1\n  - 2\n- - 3\n  - - 4\n    - []\n- {}"},
    {"x: [{a: 1, b: 2}, {c: [1, 2]}]\n", "x", "- a: 1\n  b: 2\n- c:\n  - 1\n  - 2"},
    {"x: {a: [1, 2], b: {c: {d: []}}}\n", "x", "a:\n- 1\n- 2\nb:\n  c:\n    d: []"},
    {"x: [null, \"\", \" \", true, \"true\"]\n", "x", "- null\n- \"\"\n- ' '\n- true\n- \"true\""},
    {"a2: 1\na10: 2\na1: 3\nb: 4\nB: 5\n_a: 6\n-a: 7\n'1': 8\n'10': 9\n'2': 10\na: 11\nA: 12\naa: "
     "13\n'a b': 14\na_b: 15\na.b: 16\na-b: 17\n",
     "",
     "-a: 7\n_a: 6\n\"1\": 8\n\"2\": 10\n\"10\": 9\nA: 12\nB: 5\na: 11\na b: 14\na-b: 17\na.b: "
     "16\na_b: 15\na1: 3\na2: 1\na10: 2\naa: 13\nb: 4"},
    {"x01: 1\nx1: 2\nx001: 3\nx10: 4\nx0: 5\nx00: 6\nx2: 7\nx02: 8\n'0': 9\n'00': 10\n'01': 11\n",
     "",
     "\"0\": 9\n\"00\": 10\n\"01\": 11\nx0: 5\nx00: 6\nx1: 2\nx01: 1\nx001: 3\nx2: 7\nx02: 8\nx10: "
     "4"},
    {"\303\251: 1\ne: 2\nz: 3\n'1a': 4\n'a1b2': 5\n'a1b10': 6\n'a01b': 7\n'~': 8\n':': 9\n'!': "
     "10\n'.': 11\n",
     "",
     "'!': 10\n.: 11\n':': 9\n\"~\": 8\n1a: 4\na1b2: 5\na1b10: 6\na01b: 7\ne: 2\nz: 3\n\303\251: "
     "1"},
    {"'on': 1\n'yes': 2\n'1': 3\n'a: b': 4\n'': 5\n'null': 6\n'1.5': 7\n' k': 8\n'#k': 9\n'- k': "
     "10\n'k ': 11\n",
     "",
     "\"\": 5\n' k': 8\n'#k': 9\n'- k': 10\n\"1\": 3\n\"1.5\": 7\n'a: b': 4\n'k ': 11\n\"null\": "
     "6\n\"on\": 1\n\"yes\": 2"},
    {"'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk': "
     "1\n'"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk': 2\n",
     "",
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: 2\n? "
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n: 1"},
    {"\"multi\\nline\": 1\n\"tab\\tkey\": 2\n", "", "? |-\n  multi\n  line\n: 1\n\"tab\\tkey\": 2"},
    {"a:\n  b:\n    c:\n    - 1\n    - x: 1\n      y:\n      - - a\n        - b\n      - []\n    "
     "d: {}\n  e: |\n    text\n    more\n",
     "",
     "a:\n  b:\n    c:\n    - 1\n    - \"true\":\n      - - a\n        - b\n      - []\n      x: "
     "1\n    d: {}\n  e: |\n    text\n    more"},
    {"list:\n- |\n  one\n  two\n- |-\n  three\n- key: |\n    v\n  k2: x\n", "",
     "list:\n- |\n  one\n  two\n- three\n- k2: x\n  key: |\n    v"},
    {"top: word word word word word word word word word word word word word word word word word "
     "word word word word word word word word\nn:\n  deeper:\n    s: word word word word word word "
     "word word word word word word word word word word word word word word word word word word "
     "word\n",
     "",
     "\"false\":\n  deeper:\n    s: word word word word word word word word word word word word "
     "word word word\n      word word word word word word word word word word\ntop: word word word "
     "word word word word word word word word word word word word word\n  word word word word word "
     "word word word word"},
    {"l:\n- word word word word word word word word word word word word word word word word word "
     "word word word word word word word word\n- - word word word word word word word word word "
     "word word word word word word word word word word word word word word word word\n",
     "",
     "l:\n- word word word word word word word word word word word word word word word word\n  "
     "word word word word word word word word word\n- - word word word word word word word word "
     "word word word word word word word word\n    word word word word word word word word word"},
    {"m:\n  k: \"it's it's it's it's it's it's it's it's it's it's it's it's it's it's it's it's "
     "it's it's it's it's \"\n",
     "",
     "m:\n  k: 'it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s\n    "
     "it''s it''s it''s it''s it''s it''s it''s '"},
    {"m:\n  k: \"x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty "
     "x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty\"\n",
     "",
     "m:\n  k: \"x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty x\\ty "
     "x\\ty x\\ty x\\ty\n    x\\ty x\\ty x\\ty x\\ty\""},
    {"{}\n", "", "{}"},
    {"a: 1\n", "", "a: 1"},
    {"s: \"a\\n\"\nt: \"a\\n\\n\"\nu: \"\\n\\n\"\nv: \" x\\ny\"\n", "",
     "s: |\n  a\nt: |+\n  a\n\nu: |2+\n\n\nv: |2-\n   x\n  y"},
    {"lit:\n- \"\\nlead\"\n- - \"a\\nb\"\n", "", "lit:\n- |2-\n\n  lead\n- - |-\n    a\n    b"},
    {"big: 1e21\nf: 1.5\ni: 1000000\nneg: -1e-7\nz: 0\n", "",
     "big: 1e+21\nf: 1.5\ni: 1000000\nneg: -1e-07\nz: 0"},
    {"l:\n- a: word word word word word word word word word word word word word word word word "
     "word word word word word word word word word\n  b:\n  - c: |\n      x\n      y\n    d: "
     "\"\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251\"\n",
     "",
     "l:\n- a: word word word word word word word word word word word word word word word word\n   "
     " word word word word word word word word word\n  b:\n  - c: |\n      x\n      y\n    d: "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251\n      \303\251 "
     "\303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 \303\251 "
     "\303\251"},
    {"m:\n  n:\n    "
     "'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk': v\n    "
     "'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
     "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq': {}\n    \"multi\\nkey\": []\n    '': ''\n",
     "",
     "m:\n  \"false\":\n    \"\": \"\"\n    ? "
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk"
     "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\n    : v\n    ? |-\n      multi\n      key\n    : []\n  "
     "  "
     "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
     "qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq: {}"},
    {"x: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  "
     "bbbbbbbbbb  c\"\n",
     "",
     "x: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  "
     "bbbbbbbbbb  c"},
    {"x: \"\\tab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  "
     "ab  ab  ab  ab  ab  ab  ab  ab  ab  \"\n",
     "",
     "x: \"\\tab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  ab\n  \\ "
     "ab  ab  ab  ab  ab  ab  ab  ab  ab  ab  \""},
    {"x: \"it's it's it's it's it's it's it's it's it's it's it's it's it's it's it's it's it's "
     "it's it's it's it's it's it's it's it's it's it's it's it's it's: x\"\n",
     "",
     "x: 'it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s\n  it''s "
     "it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s it''s\n  it''s it''s "
     "it''s: x'"},
    {"x:\n  - - - word word word word word word word word word word word word word word word word "
     "word word word word word word word word word\n",
     "",
     "x:\n- - - word word word word word word word word word word word word word word word word\n  "
     "    word word word word word word word word word"},
    {"x:\n  y:\n    z: \"- word word word word word word word word word word word word word word "
     "word word word word word word word word word word word\"\n",
     "",
     "x:\n  \"true\":\n    z: '- word word word word word word word word word word word word word "
     "word word\n      word word word word word word word word word word'"},
    {"x: \"\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236\"\n",
     "",
     "x: \346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236\n  "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236 "
     "\346\227\245\346\234\254\350\252\236 \346\227\245\346\234\254\350\252\236"},
    {"x: \"a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b "
     "a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b "
     "a\\u2028 b a\\u2028 b a\\u2028 b a\\u2028 b\"\n",
     "",
     "x: \"a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b "
     "a\\L b\n  a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b a\\L b\""},
    {"x: \"line1\\nword word word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word word word\\n\"\n",
     "",
     "x: |\n  line1\n  word word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word word word word word "
     "word word word word word word word word word word word word word word word word word"},
    {"k:\n  - \"\"\n  - \"\\n\"\n  - [\"\"]\n  - {\"\": null}\n", "",
     "k:\n- \"\"\n- |2+\n\n- - \"\"\n- \"\": null"},
    {"'true': 1\n'false': 2\n'~': 3\n'=': 4\n'<<': 5\n'1e3': 6\n'0x10': 7\n'2001-01-01': 8\n'1:2': "
     "9\n",
     "",
     "<<: 5\n=: 4\n\"~\": 3\n\"0x10\": 7\n\"1:2\": 9\n\"1e3\": 6\n\"2001-01-01\": 8\n\"false\": "
     "2\n\"true\": 1"},
    {"a: {b: {c: {d: {e: {f: [[[[]]]]}}}}}\n", "",
     "a:\n  b:\n    c:\n      d:\n        e:\n          f:\n          - - - []"},
    {"x: -.5\ny: +1\nz: 0.5e3\nw: 1_000\nv: 0b11\nu: 1e-5\nt: 123.456e-10\ns: "
     "100000000000000000000000\n",
     "", "s: 1e+23\nt: 1.23456e-08\n\"true\": 1\nu: 1e-05\nv: 3\nw: 1000\nx: -0.5\nz: 500"},
    {"x: 12345678901234567890\ny: -9223372036854775808\nz: 18446744073709551616\n", "",
     "\"true\": -9.223372036854776e+18\nx: 12345678901234567000\nz: 1.8446744073709552e+19"},
};

TEST_CASE("to_yaml writes what helm's toYaml writes") {
  for (const HelmCase& c : kHelmCases) {
    CAPTURE(c.values);
    auto values = parse_values_yaml(c.values, "values.yaml");
    REQUIRE_MESSAGE(values.ok(), values.error().describe());
    const Value* value = c.key.empty() ? &values.value() : values.value().find(c.key);
    REQUIRE(value != nullptr);
    CHECK(to_yaml(*value) == c.expected);
  }
}

// Values a values file cannot hold, built in code; helm v3.17.3 wrote each `expected` for the
// same value made in a template (`--set i=42 --set big=9223372036854775807` for int64s,
// `float64 "NaN"`, `"/w==" | b64dec` for the byte 0xFF, `dict ... | toYaml`).
TEST_CASE("to_yaml of values only templates and --set make") {
  CHECK(to_yaml(Value::list({std::int64_t{42}, std::numeric_limits<std::int64_t>::max(),
                             std::int64_t{-5}})) == "- 42\n- 9223372036854775807\n- -5");
  CHECK(to_yaml(Value::list({std::numeric_limits<double>::quiet_NaN()})).empty());
  CHECK(to_yaml(Value::map({{"a", std::numeric_limits<double>::infinity()}})).empty());
  CHECK(to_yaml(Value("\xFF")) == "\xEF\xBF\xBD");
  // Both keys read back as U+FFFD; the later in JSON's order ("\xFF") wins.
  CHECK(to_yaml(Value::map({{"\xFF", 1}, {"\xEF\xBF\xBD", 2}})) == "\xEF\xBF\xBD: 1");
  // A key is a simple key of the JSON only when its ':' is at most 1024 characters on.
  CHECK(to_yaml(Value::map({{std::string(1022, 'k'), 1}})) ==
        "? " + std::string(1022, 'k') + "\n: 1");
  CHECK(to_yaml(Value::map({{std::string(1023, 'k'), 1}})).empty());
  CHECK(to_yaml(Value::map({{std::string(1017, 'k') + "<", 1}})).empty());  // "<" is \u003c
  CHECK(to_yaml(Value::map({{"a\xC2\x85"
                             "b",
                             1}}))
            .empty());  // NEL in a key
  CHECK(to_yaml(Value::map({{"a\x7F"
                             "b",
                             1}}))
            .empty());  // DEL
  CHECK(to_yaml(Value("a\xEF\xBF\xBF"
                      "b"))
            .empty());  // U+FFFF
  CHECK(to_yaml(Value("a\xEF\xBF\xBD"
                      "b")) ==
        "a\xEF\xBF\xBD"
        "b");
  // Digits of other scripts count as digits, with Go's arithmetic (U+0661 is 0x661 - '0').
  CHECK(to_yaml(Value::map({{"a\xD9\xA1", 1}, {"a2", 2}, {"a\xD9\xA2x", 3}, {"a10", 4}})) ==
        "a2: 2\na10: 4\na\xD9\xA1: 1\na\xD9\xA2x: 3");
}

TEST_CASE("marshal_yaml keeps the final newline and reports Marshal's error") {
  auto text = marshal_yaml(Value::map({{"a", 1}}));
  REQUIRE(text.ok());
  CHECK(text.value() == "a: 1\n");
  CHECK(marshal_yaml(Value()).value() == "null\n");
  CHECK(marshal_yaml(Value("a\n\n")).value() == "|+\n  a\n\n");
  auto failed = marshal_yaml(Value(std::numeric_limits<double>::quiet_NaN()));
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().message == "error marshaling into JSON: json: unsupported value: NaN");
}

}  // namespace
}  // namespace chartmirror::charts::values
