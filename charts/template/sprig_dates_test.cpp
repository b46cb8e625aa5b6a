// Sprig's date, dateInZone, htmlDate, htmlDateInZone (of Unix seconds), duration and
// durationRound against helm v3.17.3's output (helm ran with TZ unset and /etc/localtime UTC,
// so "Local" is UTC there; the test sets TZ=UTC to match).
#include <cstdlib>
#include <ctime>
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
    {R"~({{ date "2006-01-02T15:04:05Z07:00" 1700000000 }}|{{ dateInZone "Mon Jan _2 15:04:05 MST 2006" (int64 1700000000) "UTC" }}|{{ htmlDate 0 }}|{{ htmlDateInZone -86400 "UTC" }}|{{ dateInZone "15:04 MST" 1700000000 "Local" }}|{{ dateInZone "2006" 1700000000 "" }}|{{ date_in_zone "06" 1 "UTC" }})~",
     R"~(2023-11-14T22:13:20Z|Tue Nov 14 22:13:20 UTC 2023|1970-01-01|1969-12-31|22:13 UTC|2023|70)~"},
    {R"~({{ dateInZone "January Monday 1 01 2 02 _2 002 __2 15 3 03 4 04 5 05 06 2006 PM pm .000 .999 ,00 -0700 -07:00 -07 Z0700 Z07 -070000 Z07:00:00 MST Janx Monx 05.0009" 1700000000 "UTC" }})~",
     R"~(November Tuesday 11 11 14 14 14 318 318 22 10 10 13 13 20 20 23 2023 PM pm .000  ,00 +0000 +00:00 +00 Z Z +000000 Z UTC Janx Monx 20.0009)~"},
    {R"~({{ dateInZone "3:04PM Jan 2" 1699999999 "UTC" }}|{{ dateInZone "2006-01-02 __2 _2" -62135596800 "UTC" }}|{{ dateInZone "Z07 06" 253402300800 "UTC" }}|{{ date "2006" .Values.f | len }})~",
     R"~(10:13PM Nov 14|0001-01-01   1  1|Z 00|4)~"},
    {R"~({{ duration 95 }}|{{ duration (int64 95) }}|{{ duration "3725" }}|{{ duration "-61" }}|{{ duration "x" }}|{{ duration .Values.f }}|{{ duration "9223372036" }}|{{ duration "10000000000" }}|{{ duration "99999999999999999999" }})~",
     R"~(0s|1m35s|1h2m5s|-1m1s|0s|0s|2562047h47m16s|-2346317h47m53.709551616s|-1s)~"},
    {R"~({{ durationRound "2h10m" }}|{{ durationRound (int64 3600000000001) }}|{{ durationRound "-48h1s" }}|{{ durationRound "400d" }}|{{ durationRound "8761h" }}|{{ durationRound "721h" }}|{{ durationRound "1.5m" }}|{{ durationRound "61s" }}|{{ durationRound "1s" }}|{{ durationRound 5 }}|{{ durationRound "1us" }}|{{ durationRound "2h45m30.5s" }}|{{ durationRound "1µs" }})~",
     R"~(2h|1h|2d|0s|1y|1mo|1m|1m|0s|0s|0s|2h|0s)~"},
};
// clang-format on

TEST_CASE("sprig date functions print what helm prints") {
  setenv("TZ", "UTC", 1);
  tzset();
  sprig_test::check_all(kCases);
}

TEST_CASE("date divergences from helm") {
  // unixEpoch takes a Go time.Time, which the executor cannot hold: the function is absent
  // (helm: `at <5>: can't handle 5 for arg of type time.Time`).
  CHECK(run("{{ unixEpoch 5 }}").starts_with("PARSE: "));
  // Named zones other than UTC and Local are refused (helm: "1970" in Europe/Paris).
  CHECK(run(R"({{ dateInZone "2006" 1 "Europe/Paris" }})") ==
        sprig_test::call_error(3, R"(dateInZone "2006" 1 "Europe/Paris")", "dateInZone",
                               "time zone Europe/Paris is not supported (UTC and Local are)"));
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
