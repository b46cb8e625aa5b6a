// Sprig's semver and semverCompare against helm v3.17.3's output.
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
    {R"~({{ $v := semver "v1.2.3-rc.1+b5" }}{{ $v.Major }}|{{ $v.Minor }}|{{ $v.Patch }}|{{ $v.Prerelease }}|{{ $v.Metadata }}|{{ $v.Original }}|{{ semverCompare "^1.2" "1.5.0" }}|{{ semverCompare ">=2" "1.5.0" }}|{{ semverCompare ">1.0.0-0" "1.5.0-rc1" }})~",
     R"~(1|2|3|rc.1|b5|v1.2.3-rc.1+b5|true|false|true)~"},
    {R"~({{ semver "x1" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <semver "x1">: error calling semver: Invalid Semantic Version)~"},
    {R"~({{ semverCompare "~>>1" "1.0.0" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <semverCompare "~>>1" "1.0.0">: error calling semverCompare: improper constraint: ~>>1)~"},
    {R"~({{ semverCompare "1" "bad" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <semverCompare "1" "bad">: error calling semverCompare: Invalid Semantic Version)~"},
};
// clang-format on

TEST_CASE("sprig semver functions print what helm prints") { sprig_test::check_all(kCases); }

TEST_CASE("semver divergences from helm") {
  // Go's Major is a uint64 method; here an int64 map entry (helm: "uint64").
  CHECK(run(R"({{ (semver "1.2.3").Major | printf "%T" }})") == "int64");
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
