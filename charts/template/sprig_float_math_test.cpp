// Sprig's addf add1f subf mulf divf (shopspring/decimal arithmetic) against helm v3.17.3.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml), verbatim.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ addf 1.1 2.2 }}|{{ addf }}|{{ add1f 0.1 }}|{{ subf 0.3 0.1 }}|{{ mulf 0.1 3 }}|{{ divf 1 3 }}|{{ divf 2 3 }}|{{ divf 1e-20 1 }}|{{ divf -1 3 }}|{{ divf -2 3 }}|{{ mulf 1.5 "2" true }}|{{ addf "x" 1 }}|{{ mulf 1e300 1e300 }}|{{ subf 1 }}|{{ divf 10 4 | printf "%T" }})~",
     R"~(3.3|0|1.1|0.2|0.3|0.3333333333333333|0.6666666666666667|0|-0.3333333333333333|-0.6666666666666667|3|1|+Inf|1|float64)~"},
    {R"~({{ addf 0.1 0.2 }}|{{ divf 1 0.00000000000000005 }}|{{ divf 5e-17 1 }}|{{ divf 1 7 | mulf 7 }}|{{ mulf 123456789.123 987654321.987 }}|{{ addf 9007199254740993 0 }})~",
     R"~(0.3|2e+16|1e-16|1.0000000000000002|1.219326313559686e+17|9.007199254740992e+15)~"},
    {R"~({{ divf -5e-17 1 }}|{{ divf 5e-17 -1 }}|{{ divf -0.000000000000000049 1 }}|{{ subf 1e-300 1e300 }}|{{ mulf -0.0 1 }}|{{ divf 1e300 1e-300 }}|{{ add1f .Values.f }}|{{ addf .Values.list }}|{{ divf 22 7 }})~",
     R"~(-1e-16|-1e-16|0|-1e+300|0|+Inf|2.5|0|3.142857142857143)~"},
    {R"~({{ divf 1 0 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:3: executing "c/templates/x.yaml" at <divf 1 0>: error calling divf: decimal division by 0)~"},
    {R"~({{ mulf 1e300 1e300 | addf 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:22: executing "c/templates/x.yaml" at <addf 1>: error calling addf: Cannot create a Decimal from +Inf)~"},
};
// clang-format on

TEST_CASE("sprig float math prints what helm prints") { sprig_test::check_all(kCases); }

}  // namespace
}  // namespace chartmirror::charts::tmpl
