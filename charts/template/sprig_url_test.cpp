// Sprig's urlParse urlJoin getHostByName tuple hello, against helm v3.17.3's output.
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
    {R"~({{ urlParse "https://user:p%40ss@Example.com:8080/a%20b/c?x=1&y=2#frag%21" | toJson }}|{{ urlParse "mailto:joe@x.org" | toJson }}|{{ urlParse "/rel/path?q" | toJson }}|{{ urlParse "" | toJson }})~",
     R"~({"fragment":"frag!","host":"Example.com:8080","hostname":"Example.com","opaque":"","path":"/a b/c","query":"x=1\u0026y=2","scheme":"https","userinfo":"user:p%40ss"}|{"fragment":"","host":"","hostname":"","opaque":"joe@x.org","path":"","query":"","scheme":"mailto","userinfo":""}|{"fragment":"","host":"","hostname":"","opaque":"","path":"/rel/path","query":"q","scheme":"","userinfo":""}|{"fragment":"","host":"","hostname":"","opaque":"","path":"","query":"","scheme":"","userinfo":""})~"},
    {R"~({{ urlParse "http://[::1]:80/" | toJson }}|{{ urlParse "HTTP://h?" | toJson }}|{{ urlParse "//h/p" | toJson }}|{{ urlParse "a b" | toJson }}|{{ urlParse "a:b" }})~",
     R"~({"fragment":"","host":"[::1]:80","hostname":"::1","opaque":"","path":"/","query":"","scheme":"http","userinfo":""}|{"fragment":"","host":"h","hostname":"h","opaque":"","path":"","query":"","scheme":"http","userinfo":""}|{"fragment":"","host":"h","hostname":"h","opaque":"","path":"/p","query":"","scheme":"","userinfo":""}|{"fragment":"","host":"","hostname":"","opaque":"","path":"a b","query":"","scheme":"","userinfo":""}|map[fragment: host: hostname: opaque:b path: query: scheme:a userinfo:])~"},
    {R"~({{ urlJoin (dict "scheme" "https" "host" "h:1" "path" "/a b?" "query" "x=1 2" "fragment" "f g!" "userinfo" "u:p@x") }}|{{ urlJoin (dict "scheme" "mailto" "opaque" "joe@x") }}|{{ urlJoin (dict "path" "a:b/c") }}|{{ urlJoin (dict "host" "h" "path" "p") }}|{{ urlJoin (dict) }}|{{ urlJoin (dict "scheme" "file" "path" "/x") }}|{{ urlJoin (dict "userinfo" "u") }})~",
     R"~(https://u:p%40x@h:1/a%20b%3F?x=1 2#f%20g!|mailto:joe@x|./a:b/c|//h/p||file:///x|//u@)~"},
    {R"~({{ urlParse "::" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "::">: error calling urlParse: unable to parse url: parse "::": missing protocol scheme)~"},
    {R"~({{ urlParse "http://h:x/" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://h:x/">: error calling urlParse: unable to parse url: parse "http://h:x/": invalid port ":x" after host)~"},
    {R"~({{ urlParse "http://a b.com/" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://a b.com/">: error calling urlParse: unable to parse url: parse "http://a b.com/": invalid character " " in host name)~"},
    {R"~({{ urlParse "%zz" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "%zz">: error calling urlParse: unable to parse url: parse "%zz": invalid URL escape "%zz")~"},
    {R"~({{ urlParse "http://h/%zz" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://h/%zz">: error calling urlParse: unable to parse url: parse "http://h/%zz": invalid URL escape "%zz")~"},
    {R"~({{ urlParse "http://[::1" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://[::1">: error calling urlParse: unable to parse url: parse "http://[::1": missing ']' in host)~"},
    {R"~({{ urlParse "1http://x" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "1http://x">: error calling urlParse: unable to parse url: parse "1http://x": first path segment in URL cannot contain colon)~"},
    {R"~({{ urlParse "http://u%zz@h" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://u%zz@h">: error calling urlParse: unable to parse url: parse "http://u%zz@h": invalid URL escape "%zz")~"},
    {R"~({{ urlParse "http://u{@h" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://u{@h">: error calling urlParse: unable to parse url: parse "http://u{@h": net/url: invalid userinfo)~"},
    {R"~({{ urlParse "http://h/#%4" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlParse "http://h/#%4">: error calling urlParse: unable to parse url: parse "http://h/#%4": invalid URL escape "%4")~"},
    {R"~({{ urlJoin (dict "host" .Values.f) }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlJoin (dict "host" .Values.f)>: error calling urlJoin: unable to parse host key, must be of type string, but float64 found)~"},
    {R"~({{ urlJoin (dict "userinfo" "%zz") }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <urlJoin (dict "userinfo" "%zz")>: error calling urlJoin: unable to parse userinfo in dict: parse "proto://%zz@host": invalid URL escape "%zz")~"},
    {R"~({{ tuple 1 "a" | toJson }}|{{ hello }})~",
     R"~([1,"a"]|Hello!)~"},
};
// clang-format on

TEST_CASE("sprig URL functions print what helm prints") { sprig_test::check_all(kCases); }

// Helm replaces getHostByName (by one returning "" unless --enable-dns) and fail (by one
// reporting "execution error at ..."); these are Sprig's own.
TEST_CASE("getHostByName and fail are Sprig's") {
  const std::string localhost = run(R"({{ getHostByName "localhost" }})");
  CHECK((localhost == "127.0.0.1" || localhost == "::1"));
  CHECK(run(R"({{ getHostByName "no-such-host.invalid" }})") ==
        sprig_test::call_error(3, R"(getHostByName "no-such-host.invalid")", "getHostByName",
                               "invalid argument to Intn"));
  CHECK(run(R"({{ fail "boom" }})") == sprig_test::call_error(3, R"(fail "boom")", "fail", "boom"));
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
