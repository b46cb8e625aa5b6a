// Sprig's date functions (date.go, functions.go): now toDate mustToDate dateModify
// mustDateModify date_modify must_date_modify ago unixEpoch date dateInZone date_in_zone
// htmlDate htmlDateInZone duration durationRound, on the Go time.Time of sprig_time.h.
// date and friends take a time.Time, Go int or int64 Unix seconds, and format time.Now() for
// anything else, as Sprig does; the layouts are Go's ("2006-01-02T15:04:05Z07:00").
//
// Divergence: zones are "UTC", "" (UTC) and "Local" (the process's zone, from TZ or
// /etc/localtime, as Go reads it). Go loads any IANA zone ("America/New_York") and falls back
// to UTC for unknown names; here any other name is refused with an error.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "charts/golang/strconv.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"
#include "charts/template/sprig_time.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

// The time Sprig's dateInZone, dateAgo and durationRound make of a value: a time.Time as it
// is, Go int and int64 Unix seconds, time.Now() for anything else.
GoTime time_arg(const ExecValue& v) {
  if (auto t = time_of(v)) return *std::move(t);
  if (v.kind() == ExecValue::Kind::kInt || v.kind() == ExecValue::Kind::kInt64) {
    return time_unix(v.value().as_int());
  }
  return time_now();
}

FunctionResult date_in_zone(std::string_view layout, const ExecValue& v, std::string_view zone) {
  GoTime t = time_arg(v);
  if (zone == "Local") {
    t.loc = GoLocation{.kind = GoLocation::Kind::kLocal};
  } else if (zone.empty() || zone == "UTC") {
    t.loc = GoLocation{};
  } else {
    return "time zone " + std::string(zone) + " is not supported (UTC and Local are)";
  }
  return ExecValue(Value(format_time(layout, t)));
}

// dateModify (must: mustDateModify): date.Add(ParseDuration(fmt)); Sprig's dateModify
// returns the date unchanged when the duration does not parse.
Function date_modify(bool must) {
  return fixed({ParamType::kString, ParamType::kAny},
               [must](CallContext&, Args& a) -> FunctionResult {
                 auto t = time_param(a[1]);
                 if (!t.ok()) return t.error();
                 auto d = parse_duration(a[0].value().as_string());
                 if (!d.ok()) {
                   if (must) return d.error().message;
                   return ExecValue(time_value(*t));
                 }
                 return ExecValue(time_value(time_add(*t, *d)));
               });
}

// toDate (must: mustToDate): time.ParseInLocation(fmt, str, time.Local); Sprig's toDate
// returns Go's zero time when the string does not parse.
Function to_date(bool must) {
  return fixed({ParamType::kString, ParamType::kString},
               [must](CallContext&, Args& a) -> FunctionResult {
                 auto t = parse_time(a[0].value().as_string(), a[1].value().as_string());
                 if (!t.ok()) {
                   if (must) return t.error().message;
                   return ExecValue(time_value(GoTime{}));
                 }
                 return ExecValue(time_value(*t));
               });
}

// durationRound: the largest unit the duration exceeds, rounded down.
std::string rough_duration(std::int64_t d) {
  std::uint64_t u = static_cast<std::uint64_t>(d);
  if (d < 0) u = -u;
  static constexpr std::uint64_t kSecond = 1000000000ULL;
  static constexpr std::pair<std::uint64_t, std::string_view> kSteps[] = {
      {kSecond * 3600 * 24 * 365, "y"},
      {kSecond * 3600 * 24 * 30, "mo"},
      {kSecond * 3600 * 24, "d"},
      {kSecond * 3600, "h"},
      {kSecond * 60, "m"},
      {kSecond, "s"}};
  for (const auto& [size, unit] : kSteps) {
    if (u > size) return std::to_string(u / size) + std::string(unit);
  }
  return "0s";
}

}  // namespace

void add_dates(FunctionMap& m) {
  using P = ParamType;
  const Function date = fixed({P::kString, P::kAny}, [](CallContext&, Args& a) {
    return date_in_zone(a[0].value().as_string(), a[1], "Local");
  });
  m["date"] = date;
  const Function in_zone_f = fixed({P::kString, P::kAny, P::kString}, [](CallContext&, Args& a) {
    return date_in_zone(a[0].value().as_string(), a[1], a[2].value().as_string());
  });
  m["dateInZone"] = in_zone_f;
  m["date_in_zone"] = in_zone_f;
  m["htmlDate"] = fixed(
      {P::kAny}, [](CallContext&, Args& a) { return date_in_zone("2006-01-02", a[0], "Local"); });
  m["htmlDateInZone"] = fixed({P::kAny, P::kString}, [](CallContext&, Args& a) {
    return date_in_zone("2006-01-02", a[0], a[1].value().as_string());
  });
  // duration: a string through strconv.ParseInt, an int64 as is, anything else (a Go int
  // included) as 0; seconds, wrapping as Go's multiplication does.
  m["duration"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::int64_t n = 0;
    if (a[0].kind() == ExecValue::Kind::kString) {
      const std::string& text = a[0].value().as_string();
      auto parsed = charts::go::parse_int(text, 10);
      if (parsed.ok()) {
        n = *parsed;
      } else if (parsed.error() == charts::go::NumError::kRange) {
        // ParseInt's value on overflow is the limit of the sign, which Sprig keeps.
        n = text.starts_with('-') ? INT64_MIN : INT64_MAX;
      }
    } else if (a[0].kind() == ExecValue::Kind::kInt64) {
      n = a[0].value().as_int();
    }
    const auto ns = static_cast<std::int64_t>(static_cast<std::uint64_t>(n) * 1000000000ULL);
    return ExecValue(Value(duration_string(ns)));
  });
  m["durationRound"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    std::int64_t d = 0;
    if (a[0].kind() == ExecValue::Kind::kString) {
      auto parsed = parse_duration(a[0].value().as_string());
      d = parsed.ok() ? *parsed : 0;
    } else if (a[0].kind() == ExecValue::Kind::kInt64) {
      d = a[0].value().as_int();
    } else if (auto t = time_of(a[0])) {
      d = time_sub(time_now(), *t);  // time.Since
    }
    return ExecValue(Value(rough_duration(d)));
  });
  m["now"] = fixed(
      {}, [](CallContext&, Args&) -> FunctionResult { return ExecValue(time_value(time_now())); });
  m["toDate"] = to_date(false);
  m["mustToDate"] = to_date(true);
  m["dateModify"] = date_modify(false);
  m["date_modify"] = m["dateModify"];
  m["mustDateModify"] = date_modify(true);
  m["must_date_modify"] = m["mustDateModify"];
  // ago: time.Since(t).Round(time.Second).String().
  m["ago"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    const std::int64_t since = time_sub(time_now(), time_arg(a[0]));
    return ExecValue(Value(duration_string(duration_round(since, 1000000000))));
  });
  m["unixEpoch"] = fixed({P::kAny}, [](CallContext&, Args& a) -> FunctionResult {
    auto t = time_param(a[0]);
    if (!t.ok()) return t.error();
    return ExecValue(Value(std::to_string(t->sec)));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
