// charts/template/sprig_time.h — Go's time.Time and time.Duration for Sprig's date functions
// (sprig_dates.cpp): the value, its encoding as a Go-typed values::Value (go_type.h), Go's
// layout-driven Format and Parse, ParseDuration and Duration.String.
//
// A time.Time is an instant (Unix seconds and nanoseconds), a location — UTC, Local (the
// process's zone, from TZ or /etc/localtime through libc, as Go reads the same sources) or a
// fixed zone made by Parse ("-0700" or a zone name that is not Local's) — and, for `now`
// only, a monotonic clock reading: nanoseconds since the process started, which Go's String
// prints as " m=+0.001234567" and which Add carries along. Two times are equal (eq) when all
// of these are, as Go's == compares them.
//
// As a value it is a map tagged "time.Time" with the entries sec, nsec, loc ("UTC", "Local",
// "Fixed"), zone and offset (fixed zones) and mono (when present): it survives dict, set and
// include as Go's value does. Its methods (add_sprig_go_types, sprig.h) are the ones templates
// call: String Format Unix UnixMilli UnixMicro UnixNano UTC Local Year YearDay Day Hour Minute
// Second Nanosecond IsZero Equal Before After.
//
// Divergences: Parse finds a zone name ("CEST") in Local only if libc reports it at the
// instant parsed (Go searches every zone the location has ever had); two fixed zones of the
// same name and offset are equal here, distinct pointers in Go; Go's Month and Weekday
// methods (typed time.Month and time.Weekday) are not provided.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "charts/template/executor.h"
#include "charts/template/sprig_internal.h"
#include "charts/values/value.h"
#include "support/result.h"

namespace chartmirror::charts::tmpl::sprig {

inline constexpr std::string_view kTimeType = "time.Time";

struct GoLocation {
  enum class Kind { kUtc, kLocal, kFixed };
  Kind kind = Kind::kUtc;
  std::string name;         // kFixed: the zone's name ("" for a bare offset)
  std::int64_t offset = 0;  // kFixed: seconds east of UTC

  friend bool operator==(const GoLocation&, const GoLocation&) = default;
};

struct GoTime {
  std::int64_t sec = -62135596800;  // Unix seconds; the default is Go's zero Time
  std::int64_t nsec = 0;            // 0..999999999
  GoLocation loc;
  std::optional<std::int64_t> mono;  // nanoseconds since the process started

  friend bool operator==(const GoTime&, const GoTime&) = default;
};

// A civil time in a zone.
struct Civil {
  std::int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;
  int yday = 1;     // 1..366
  int weekday = 4;  // 0 Sunday
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t nanos = 0;
  std::int64_t offset = 0;  // seconds east of UTC
  std::string zone = "UTC";
};

// time.Now(): Local, with a monotonic reading.
[[nodiscard]] GoTime time_now();
// time.Unix(sec, 0): Local.
[[nodiscard]] GoTime time_unix(std::int64_t sec);

// t.In(loc) as a civil time.
[[nodiscard]] Civil civil_of(const GoTime& t);
// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, day may overflow).
[[nodiscard]] std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day);
// The zone name and offset of Local at Unix second `sec`.
[[nodiscard]] std::pair<std::string, std::int64_t> local_zone(std::int64_t sec);

// Go's layout elements (nextStdChunk's std values).
enum class Std {
  kNone,
  kLongMonth,
  kMonth,
  kNumMonth,
  kZeroMonth,
  kLongWeekDay,
  kWeekDay,
  kDay,
  kUnderDay,
  kZeroDay,
  kUnderYearDay,
  kZeroYearDay,
  kHour,
  kHour12,
  kZeroHour12,
  kMinute,
  kZeroMinute,
  kSecond,
  kZeroSecond,
  kLongYear,
  kYear,
  kPM,
  kPmLower,
  kTZ,
  kISO8601TZ,
  kISO8601SecondsTZ,
  kISO8601ShortTZ,
  kISO8601ColonTZ,
  kISO8601ColonSecondsTZ,
  kNumTZ,
  kNumSecondsTz,
  kNumShortTZ,
  kNumColonTZ,
  kNumColonSecondsTZ,
  kFracSecond0,
  kFracSecond9
};
struct StdChunk {
  std::string_view prefix;  // literal text before the element
  Std std = Std::kNone;     // kNone: the layout is all literal
  std::string_view suffix;  // what follows
  int digits = 0;           // kFracSecond*: how many
  char separator = '.';     // kFracSecond*: '.' or ','
};
[[nodiscard]] StdChunk next_std_chunk(std::string_view layout);

// t.Format(layout); t.String().
[[nodiscard]] std::string format_time(std::string_view layout, const GoTime& t);
[[nodiscard]] std::string time_string(const GoTime& t);

// time.ParseInLocation(layout, value, time.Local), with Go's ParseError text.
[[nodiscard]] Result<GoTime, GoError> parse_time(std::string_view layout, std::string_view value);

// t.Add(d) (Go's monotonic rules); t.Sub(u), saturating.
[[nodiscard]] GoTime time_add(GoTime t, std::int64_t d);
[[nodiscard]] std::int64_t time_sub(const GoTime& t, const GoTime& u);

// time.ParseDuration, with Go's error text; Duration.String; Duration.Round.
[[nodiscard]] Result<std::int64_t, GoError> parse_duration(std::string_view s);
[[nodiscard]] std::string duration_string(std::int64_t d);
[[nodiscard]] std::int64_t duration_round(std::int64_t d, std::int64_t m);

// Whether s[i] is an ASCII digit (time's isDigit).
[[nodiscard]] inline bool digit_at(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

// time's quote(): double quotes, `"` and `\` escaped, other bytes outside ' '..'~' as \xNN.
[[nodiscard]] std::string time_quote(std::string_view s);

// The value of a time, and the time of a value (nullopt when it is not a time.Time).
[[nodiscard]] values::Value time_value(const GoTime& t);
[[nodiscard]] std::optional<GoTime> time_of(const ExecValue& v);
// A time.Time parameter: the value, or text/template's complaint about the argument
// ("wrong type for value; expected time.Time; got string").
[[nodiscard]] Result<GoTime, std::string> time_param(const ExecValue& v);

}  // namespace chartmirror::charts::tmpl::sprig
