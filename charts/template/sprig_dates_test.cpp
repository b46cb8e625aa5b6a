// Sprig's date functions and Go's time.Time (sprig_time.h) against helm v3.17.3's output (helm ran
// with TZ unset and /etc/localtime UTC, so "Local" is UTC there; the test sets TZ=UTC to match).
#include <cstdlib>
#include <ctime>
#include <regex>
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
    // time.Time: toDate (time.ParseInLocation in Local), its String, dateModify, unixEpoch.
    {R"~({{ date "2006-01-02" (toDate "2006-01-02" "2024-02-29") }}|{{ toDate "2006-01-02" "2024-02-29" }}|{{ toDate "2006-01-02" "x" }}|{{ unixEpoch (toDate "2006-01-02" "2024-02-29") }})~",
     R"~(2024-02-29|2024-02-29 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC|1709164800)~"},
    {R"~({{ toDate "2006-01-02" "2024-02-29" | dateModify "-1.5h" }}|{{ toDate "2006-01-02" "2024-02-29" | dateModify "x" }}|{{ toDate "2006-01-02" "2024-02-29" | date_modify "+10m" }}|{{ toDate "2006-01-02" "2024-02-29" | must_date_modify "1h2m3.5s" }})~",
     R"~(2024-02-28 22:30:00 +0000 UTC|2024-02-29 00:00:00 +0000 UTC|2024-02-29 00:10:00 +0000 UTC|2024-02-29 01:02:03.5 +0000 UTC)~"},
    {R"~({{ toDate "2006-01-02T15:04:05Z07:00" "2024-02-29T10:11:12+02:00" }}|{{ toDate "2006-01-02T15:04:05.999Z07:00" "2024-02-29T10:11:12.25Z" }}|{{ toDate "Jan 2 15:04:05 MST 2006" "Feb 3 04:05:06 PST 2020" }}|{{ toDate "Jan 2 2006 -0700 MST" "Feb 3 2020 +0000 UTC" }})~",
     R"~(2024-02-29 10:11:12 +0200 +0200|2024-02-29 10:11:12.25 +0000 UTC|2020-02-03 04:05:06 +0000 PST|2020-02-03 00:00:00 +0000 UTC)~"},
    // time.Time's methods.
    {R"~({{ (toDate "2006-01-02" "2024-02-29").Unix }}|{{ (toDate "2006-01-02" "2024-02-29").UnixNano }}|{{ (toDate "2006-01-02" "2024-02-29").Format "Jan 2, 2006" }}|{{ (toDate "2006-01-02T15:04:05Z07:00" "2024-02-29T10:11:12+02:00").UTC }}|{{ (toDate "2006-01-02" "2024-03-01").Year }}|{{ (toDate "2006-01-02" "2024-03-01").YearDay }}|{{ (toDate "2006-01-02" "2024-03-01").Day }})~",
     R"~(1709164800|1709164800000000000|Feb 29, 2024|2024-02-29 08:11:12 +0000 UTC|2024|61|1)~"},
    {R"~({{ (toDate "2006-01-02" "2024-02-29").Format "Mon Monday Jan January 3PM .000 -07:00:00 Z07" }}|{{ typeOf now }}|{{ now.Year | kindOf }})~",
     R"~(Thu Thursday Feb February 12AM .000 +00:00:00 Z|time.Time|int)~"},
    // eq compares time.Time as Go's == does (cilium's hasDuration); ago and htmlDate of one.
    {R"~({{ $n := now }}{{ eq $n $n }}|{{ eq $n ($n | dateModify "0s") }}|{{ ne $n ($n | dateModify "1s") }}|{{ eq $n (now) }}|{{ ago (toDate "2006" "2020") | len | lt 3 }}|{{ ago now }}|{{ htmlDate (toDate "2006-01-02" "2024-02-29") }}|{{ dateInZone "15:04 MST" (toDate "15:04 -0700" "10:00 +0300") "UTC" }})~",
     R"~(true|true|true|false|true|0s|2024-02-29|07:00 UTC)~"},
    {R"~({{ toDate "2006-01-02" "" }}|{{ (toDate "2006-01-02" "").IsZero }}|{{ unixEpoch (toDate "02 Jan 06 15:04" "03 Feb 99 11:22") }}|{{ toDate "3:04PM" "1:05AM" }}|{{ toDate "002 2006" "060 2024" }}|{{ toDate "__2 2006" " 61 2023" }}|{{ durationRound (toDate "2006" "2020") }})~",
     R"~(0001-01-01 00:00:00 +0000 UTC|true|918040920|0000-01-01 01:05:00 +0000 UTC|2024-02-29 00:00:00 +0000 UTC|2023-03-02 00:00:00 +0000 UTC|6y)~"},
    // cilium 1.14's hasDuration and validateDuration helpers and argo-cd 5.51's
    // admin.passwordMtime, as they use now, dateModify and dateInZone.
    {R"~({{- define "hasDuration" }}{{- $now := now }}{{- if ne $now ($now | dateModify (toString .)) }}{{- . }}{{- end }}{{- end }}{{- define "validateDuration" }}{{- if . }}{{- $_ := now | mustDateModify (toString .) }}{{- . }}{{- else -}}0s{{- end }}{{- end }}[{{ template "hasDuration" "5m0s" }}|{{ template "hasDuration" "0s" }}|{{ template "hasDuration" "" }}|{{ template "validateDuration" "12h" }}|{{ template "validateDuration" "" }}|{{ default (dateInZone "2006-01-02T15:04:05Z" (now) "UTC") "x" | b64enc }}|{{ dateInZone "2006-01-02T15:04:05Z" (now) "UTC" | len }}])~",
     R"~([5m0s|||12h|0s|eA==|20])~"},
    // Go's Parse and Add on more layouts, zones and durations.
    {R"~({{ toDate "2006-01-02 15:04:05.000" "2024-05-06 07:08:09.123" }}|{{ toDate "2006-01-02 15:04:05" "2024-05-06 07:08:09.123456789123" }}|{{ toDate "2006-01-02 15:04:05,999" "2024-05-06 07:08:09,5" }})~",
     R"~(2024-05-06 07:08:09.123 +0000 UTC|2024-05-06 07:08:09.123456789 +0000 UTC|2024-05-06 07:08:09.5 +0000 UTC)~"},
    {R"~({{ toDate "Mon, 02 Jan 2006 15:04:05 -0700" "Tue, 10 Sep 2024 11:12:13 -0530" }}|{{ toDate "Monday, 02-Jan-06 15:04:05 MST" "Tuesday, 10-Sep-24 11:12:13 GMT+3" }}|{{ toDate "January 2 2006" "SEPTEMBER 9 2024" }})~",
     R"~(2024-09-10 11:12:13 -0530 -0530|2024-09-10 14:12:13 +0300 GMT+3|2024-09-09 00:00:00 +0000 UTC)~"},
    {R"~({{ toDate "2006-01-02T15:04:05Z07:00" "2024-09-10T11:12:13-07:00" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2024-09-10T11:12:13+00:00" }}|{{ toDate "2006-01-02 -07" "2024-09-10 +05" }})~",
     R"~(2024-09-10 11:12:13 -0700 -0700|2024-09-10 11:12:13 +0000 UTC|2024-09-10 00:00:00 +0500 +0500)~"},
    {R"~({{ toDate "2006-01-02 -070000" "2024-09-10 +053015" }}|{{ toDate "2006-01-02 MST" "2024-09-10 CEST" }}|{{ toDate "2006-01-02 MST" "2024-09-10 +03" }})~",
     R"~(2024-09-10 00:00:00 +0530 +0530|2024-09-10 00:00:00 +0000 CEST|2024-09-10 00:00:00 +0000 +03)~"},
    {R"~({{ toDate "2006-01-02   15" "2024-09-10 11" }}|{{ toDate "06-1-2 3:4:5 pm" "99-12-31 11:59:59 pm" }}|{{ toDate "2006-01-02" "2023-02-29" }})~",
     R"~(2024-09-10 11:00:00 +0000 UTC|1999-12-31 23:59:59 +0000 UTC|0001-01-01 00:00:00 +0000 UTC)~"},
    {R"~({{ toDate "2006-002" "2024-366" }}|{{ toDate "2006-002" "2023-366" }}|{{ toDate "2006-01-02 002" "2024-03-02 061" }})~",
     R"~(2024-12-31 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC)~"},
    {R"~({{ toDate "2006-01-02 002" "2024-03-02 062" }}|{{ toDate "15:04:05.9" "10:11:12" }}|{{ toDate "2006" "0000" }})~",
     R"~(2024-03-02 00:00:00 +0000 UTC|0000-01-01 10:11:12 +0000 UTC|0000-01-01 00:00:00 +0000 UTC)~"},
    {R"~({{ toDate "2006 Jan" "2024 jan" }}|{{ toDate "2006 Jan" "2024 Janu" }}|{{ toDate "Jan _2" "Feb  3" }})~",
     R"~(2024-01-01 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC|0000-02-03 00:00:00 +0000 UTC)~"},
    {R"~({{ toDate "Jan _2" "Feb 13" }}|{{ (toDate "2006-01-02T15:04:05.999999999Z07:00" "2024-09-10T11:12:13.123456789-07:00").Format "2006-01-02T15:04:05.000000Z07:00 .999 ,9 __2 002" }}|{{ (toDate "2006-01-02T15:04:05Z07:00" "2024-09-10T11:12:13-07:00").UnixMilli }})~",
     R"~(0000-02-13 00:00:00 +0000 UTC|2024-09-10T11:12:13.123456-07:00 .123 ,1 254 254|1725991933000)~"},
    {R"~({{ (toDate "2006-01-02T15:04:05Z07:00" "2024-09-10T11:12:13-07:00").Hour }}|{{ (toDate "2006-01-02T15:04:05Z07:00" "2024-09-10T11:12:13-07:00").Local }}|{{ (toDate "2006" "1700").UnixNano }})~",
     R"~(11|2024-09-10 18:12:13 +0000 UTC|-8520336000000000000)~"},
    {R"~({{ toDate "2006" "1700" | dateModify "2562047h" }}|{{ toDate "2006" "2024" | dateModify "-.5s" }}|{{ toDate "2006" "2024" | dateModify "1.000000000001s" }})~",
     R"~(1992-04-11 23:00:00 +0000 UTC|2023-12-31 23:59:59.5 +0000 UTC|2024-01-01 00:00:01 +0000 UTC)~"},
    {R"~({{ toDate "2006" "2024" | dateModify "9223372036854775807ns" }}|{{ toDate "2006" "2024" | dateModify "9223372036854775808ns" }}|{{ toDate "2006" "2024" | dateModify "-9223372036854775808ns" }})~",
     R"~(2316-04-11 23:47:16.854775807 +0000 UTC|2024-01-01 00:00:00 +0000 UTC|1731-09-22 00:12:43.145224192 +0000 UTC)~"},
    {R"~({{ toDate "2006" "2024" | dateModify "1h1h" }}|{{ toDate "2006" "2024" | dateModify "1µs" }}|{{ (toDate "2006" "2024").Before (toDate "2006" "2025") }}|{{ (toDate "2006" "2024").After (toDate "2006" "2025") }}|{{ (toDate "2006" "2024").Equal (toDate "2006-07" "2024+00") }})~",
     R"~(2024-01-01 02:00:00 +0000 UTC|2024-01-01 00:00:00.000001 +0000 UTC|true|false|true)~"},
    {R"~({{ ago 1 | len | lt 5 }}|{{ ago "x" }}|{{ durationRound now }}|{{ toDate "2006-01-02 15:04:05 -0700 MST" "2024-09-10 11:12:13 +0000 UTC" }}|{{ toDate "2006-01-02 15:04:05 -0700 MST" "2024-09-10 11:12:13 +0100 CET" }})~",
     R"~(true|0s|0s|2024-09-10 11:12:13 +0000 UTC|2024-09-10 11:12:13 +0100 CET)~"},
    {R"~({{ toDate "2006-01-02 15:04:05 -0700" "2024-09-10 11:12:13 +0000" }}|{{ toDate "" "" }}|{{ toDate "x" "x" }}|{{ toDate "2006" " 2024" }})~",
     R"~(2024-09-10 11:12:13 +0000 UTC|0000-01-01 00:00:00 +0000 UTC|0000-01-01 00:00:00 +0000 UTC|0001-01-01 00:00:00 +0000 UTC)~"},
};

// Go's errors of mustToDate (time.ParseError) and mustDateModify (time.ParseDuration), from
// helm v3.17.3.
struct ErrorCase {
  std::string_view call;
  std::string_view name;
  std::string_view message;
};
constexpr ErrorCase kErrors[] = {
    {R"(mustToDate "2006-01-02" "2024-02-30")", "mustToDate", R"(parsing time "2024-02-30": day out of range)"},
    {R"(mustToDate "2006-01-02" "x")", "mustToDate", R"(parsing time "x" as "2006-01-02": cannot parse "x" as "2006")"},
    {R"(mustToDate "2006-01-02" "2024-02-29x")", "mustToDate", R"(parsing time "2024-02-29x": extra text: "x")"},
    {R"(mustToDate "15:04" "25:00")", "mustToDate", R"(parsing time "25:00": hour out of range)"},
    {"mustToDate \"2006-01-02 MST\" \"2024-01-01 \u00c4BC\"", "mustToDate", R"(parsing time "2024-01-01 \xc3\x84BC" as "2006-01-02 MST": cannot parse "\xc3\x84BC" as "MST")"},
    {R"(mustDateModify "1d" now)", "mustDateModify", R"(time: unknown unit "d" in duration "1d")"},
    {R"(mustDateModify "x" now)", "mustDateModify", R"(time: invalid duration "x")"},
    {R"(mustDateModify "1" now)", "mustDateModify", R"(time: missing unit in duration "1")"},
    {R"~(mustToDate "2006-01-02" "2024-13-01")~", "mustToDate",
     R"~(parsing time "2024-13-01": month out of range)~"},
    {R"~(mustToDate "2006-01-02" "2024-1-01")~", "mustToDate",
     R"~(parsing time "2024-1-01" as "2006-01-02": cannot parse "1-01" as "01")~"},
    {R"~(mustToDate "2006-002" "2023-366")~", "mustToDate",
     R"~(parsing time "2023-366": day-of-year out of range)~"},
    {R"~(mustToDate "2006-002" "2023-000")~", "mustToDate",
     R"~(parsing time "2023-000": day-of-year out of range)~"},
    {R"~(mustToDate "2006-01-02 002" "2024-03-02 061")~", "mustToDate",
     R"~(parsing time "2024-03-02 061": day-of-year does not match day)~"},
    {R"~(mustToDate "2006-01-02 002" "2024-04-02 062")~", "mustToDate",
     R"~(parsing time "2024-04-02 062": day-of-year does not match month)~"},
    {R"~(mustToDate "15:04:05" "10:61:00")~", "mustToDate",
     R"~(parsing time "10:61:00": minute out of range)~"},
    {R"~(mustToDate "15:04:05" "10:11:60")~", "mustToDate",
     R"~(parsing time "10:11:60": second out of range)~"},
    {R"~(mustToDate "2006-01-02 -07:00" "2024-01-01 +25:00")~", "mustToDate",
     R"~(parsing time "2024-01-01 +25:00": time zone offset hour out of range)~"},
    {R"~(mustToDate "2006-01-02 -07:00" "2024-01-01 +05-00")~", "mustToDate",
     R"~(parsing time "2024-01-01 +05-00" as "2006-01-02 -07:00": cannot parse "+05-00" as "-07:00")~"},
    {R"~(mustToDate "2006-01-02 -0700" "2024-01-01 *0500")~", "mustToDate",
     R"~(parsing time "2024-01-01 *0500" as "2006-01-02 -0700": cannot parse "*0500" as "-0700")~"},
    {R"~(mustToDate "2006-01-02 .000" "2024-01-01 .12")~", "mustToDate",
     R"~(parsing time "2024-01-01 .12" as "2006-01-02 .000": cannot parse ".12" as ".000")~"},
    {R"~(mustToDate "3PM" "3XM")~", "mustToDate",
     R"~(parsing time "3XM" as "3PM": cannot parse "XM" as "PM")~"},
    {R"~(mustToDate "2006 Mon" "2024 Xyz")~", "mustToDate",
     R"~(parsing time "2024 Xyz" as "2006 Mon": cannot parse "Xyz" as "Mon")~"},
    {R"~(mustToDate "2006-01-02" "2024/01/02")~", "mustToDate",
     R"~(parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-")~"},
    {R"~(mustToDate "06" "x5")~", "mustToDate",
     R"~(parsing time "x5" as "06": cannot parse "x5" as "06")~"},
    {R"~(mustToDate "2006 MST" "2024 Ab")~", "mustToDate",
     R"~(parsing time "2024 Ab" as "2006 MST": cannot parse "Ab" as "MST")~"},
    {R"~(mustToDate "\"2006\"" "\"20\\24\"")~", "mustToDate",
     R"~(parsing time "\"20\\24\"" as "\"2006\"": cannot parse "20\\24\"" as "2006")~"},
    {R"~(mustDateModify "" now)~", "mustDateModify",
     R"~(time: invalid duration "")~"},
    {R"~(mustDateModify ".s" now)~", "mustDateModify",
     R"~(time: invalid duration ".s")~"},
    {R"~(mustDateModify "99999999999h" now)~", "mustDateModify",
     R"~(time: invalid duration "99999999999h")~"},
    {R"~(mustDateModify "1.5x" now)~", "mustDateModify",
     R"~(time: unknown unit "x" in duration "1.5x")~"},
    {R"~(mustDateModify "-" now)~", "mustDateModify",
     R"~(time: invalid duration "-")~"},
};
// clang-format on

TEST_CASE("sprig date functions print what helm prints") {
  setenv("TZ", "UTC", 1);
  tzset();
  sprig_test::check_all(kCases);
}

TEST_CASE("mustToDate and mustDateModify fail as helm does") {
  setenv("TZ", "UTC", 1);
  tzset();
  for (const ErrorCase& e : kErrors) {
    CAPTURE(e.call);
    CHECK(run("{{ " + std::string(e.call) + " }}") ==
          sprig_test::call_error(3, e.call, e.name, e.message));
  }
}

TEST_CASE("now is the clock, in Local, with Go's monotonic reading") {
  setenv("TZ", "UTC", 1);
  tzset();
  const std::string out = run("{{ now }}|{{ now.Unix }}|{{ now.UTC }}");
  CAPTURE(out);
  // 2026-11-22 00:18:28.40466671 +0000 UTC m=+0.033678787 (helm's shape)
  const std::regex shape(
      R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC m=\+\d+\.\d{9}\|(\d+)\|)"
      R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC m=\+\d+\.\d{9})");
  std::smatch match;
  REQUIRE(std::regex_match(out, match, shape));
  const long long unix = std::stoll(match[2].str());
  CHECK(std::llabs(unix - static_cast<long long>(std::time(nullptr))) <= 2);
  CHECK(run(R"({{ now | date "2006-01-02 15" }})") ==
        sprig_test::run(R"({{ now.Format "2006-01-02 15" }})"));
}

TEST_CASE("date divergences from helm") {
  // A time.Time parameter is checked by the function (helm: `at <5>: can't handle 5 for arg
  // of type time.Time`).
  CHECK(run("{{ unixEpoch 5 }}") ==
        sprig_test::call_error(3, "unixEpoch 5", "unixEpoch",
                               "wrong type for value; expected time.Time; got int"));
  // Printing through String happens in the executor only (helm's toString prints
  // "2020-01-01 00:00:00 +0000 UTC").
  CHECK(run(R"({{ toString (toDate "2006" "2020") }})") != "2020-01-01 00:00:00 +0000 UTC");
  // Named zones other than UTC and Local are refused (helm: "1970" in Europe/Paris).
  CHECK(run(R"({{ dateInZone "2006" 1 "Europe/Paris" }})") ==
        sprig_test::call_error(3, R"(dateInZone "2006" 1 "Europe/Paris")", "dateInZone",
                               "time zone Europe/Paris is not supported (UTC and Local are)"));
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
