// Sprig's date functions (date.go) that need no time.Time value: date dateInZone date_in_zone
// htmlDate htmlDateInZone (of Go int and int64 Unix seconds; any other value is time.Now(),
// as in Sprig), duration and durationRound. Layouts are Go's time.Format layouts
// ("2006-01-02T15:04:05Z07:00": every std chunk of Go's nextStdChunk is handled).
//
// Absent, because the executor cannot hold a Go time.Time: now, toDate, mustToDate,
// dateModify, mustDateModify (and their snake_case names), ago, unixEpoch.
//
// Divergence: zones are "UTC", "" (UTC) and "Local" (the process's zone, from TZ or
// /etc/localtime, as Go reads it). Go loads any IANA zone ("America/New_York") and falls back
// to UTC for unknown names; here any other name is refused with an error.
#include <algorithm>
#include <array>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "charts/golang/strconv.h"
#include "charts/template/sprig.h"
#include "charts/template/sprig_internal.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

struct Instant {
  std::int64_t seconds = 0;  // Unix time
  std::int64_t nanos = 0;
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

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Howard Hinnant's civil_from_days.
Civil civil(std::int64_t local_seconds) {
  Civil c;
  const std::int64_t days = floor_div(local_seconds, 86400);
  const std::int64_t secs = local_seconds - days * 86400;
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2 ? 1 : 0);
  const bool leap = (c.year % 4 == 0 && c.year % 100 != 0) || c.year % 400 == 0;
  static constexpr int kBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  c.yday = kBefore[c.month - 1] + c.day + (leap && c.month > 2 ? 1 : 0);
  return c;
}

Result<Civil, GoError> in_zone(const Instant& t, std::string_view zone) {
  std::int64_t offset = 0;
  std::string name = "UTC";
  if (zone == "Local") {
    const auto tt = static_cast<std::time_t>(t.seconds);
    std::tm tm{};
    if (localtime_r(&tt, &tm) != nullptr) {
      offset = tm.tm_gmtoff;
      name = tm.tm_zone != nullptr ? tm.tm_zone : "";
    }
  } else if (!zone.empty() && zone != "UTC") {
    return GoError{"time zone " + std::string(zone) + " is not supported (UTC and Local are)"};
  }
  Civil c = civil(t.seconds + offset);
  c.nanos = t.nanos;
  c.offset = offset;
  c.zone = name;
  return c;
}

// appendInt: `v` in decimal, zero-padded to `width` digits after the sign.
void append_int(std::string& out, std::int64_t v, int width) {
  if (v < 0) {
    out += '-';
    v = -v;
  }
  const std::string digits = std::to_string(v);
  for (int i = static_cast<int>(digits.size()); i < width; ++i) out += '0';
  out += digits;
}

constexpr std::array<std::string_view, 12> kMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                   "Thursday", "Friday", "Saturday"};

bool lower_at(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= 'a' && s[i] <= 'z';
}
bool digit_at(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

// The zone offset chunks: "-0700" ("Z0700" writes Z for UTC) and their variants.
void append_offset(std::string& out, std::int64_t offset, bool iso, bool colon, bool minutes,
                   bool seconds) {
  if (iso && offset == 0) {
    out += 'Z';
    return;
  }
  std::int64_t zone = offset / 60;
  std::int64_t abs_offset = offset;
  if (zone < 0) {
    out += '-';
    zone = -zone;
    abs_offset = -abs_offset;
  } else {
    out += '+';
  }
  append_int(out, zone / 60, 2);
  if (colon) out += ':';
  if (minutes) append_int(out, zone % 60, 2);
  if (seconds) {
    if (colon) out += ':';
    append_int(out, abs_offset % 60, 2);
  }
}

// time.Time.Format.
std::string format(std::string_view layout, const Civil& t) {
  std::string out;
  std::size_t i = 0;
  const auto starts = [&](std::string_view chunk) { return layout.substr(i).starts_with(chunk); };
  while (i < layout.size()) {
    const char c = layout[i];
    if (starts("January")) {
      out += kMonths[t.month - 1];
      i += 7;
    } else if (starts("Jan") && !lower_at(layout, i + 3)) {
      out += kMonths[t.month - 1].substr(0, 3);
      i += 3;
    } else if (starts("Monday")) {
      out += kDays[t.weekday];
      i += 6;
    } else if (starts("Mon") && !lower_at(layout, i + 3)) {
      out += kDays[t.weekday].substr(0, 3);
      i += 3;
    } else if (starts("MST")) {
      if (!t.zone.empty()) {
        out += t.zone;
      } else {
        append_offset(out, t.offset, false, false, true, false);
      }
      i += 3;
    } else if (c == '0' && i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
      const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
      const std::int64_t values[] = {t.month, t.day, hour12, t.minute, t.second, t.year % 100};
      append_int(out, values[layout[i + 1] - '1'], 2);
      i += 2;
    } else if (starts("002")) {
      append_int(out, t.yday, 3);
      i += 3;
    } else if (starts("15")) {
      append_int(out, t.hour, 2);
      i += 2;
    } else if (c == '1') {
      append_int(out, t.month, 0);
      ++i;
    } else if (starts("2006")) {
      append_int(out, t.year, 4);
      i += 4;
    } else if (c == '2') {
      append_int(out, t.day, 0);
      ++i;
    } else if (starts("_2006")) {
      out += '_';
      append_int(out, t.year, 4);
      i += 5;
    } else if (starts("_2")) {
      if (t.day < 10) out += ' ';
      append_int(out, t.day, 0);
      i += 2;
    } else if (starts("__2")) {
      if (t.yday < 100) out += ' ';
      if (t.yday < 10) out += ' ';
      append_int(out, t.yday, 0);
      i += 3;
    } else if (c == '3') {
      append_int(out, t.hour % 12 == 0 ? 12 : t.hour % 12, 0);
      ++i;
    } else if (c == '4') {
      append_int(out, t.minute, 0);
      ++i;
    } else if (c == '5') {
      append_int(out, t.second, 0);
      ++i;
    } else if (starts("PM")) {
      out += t.hour >= 12 ? "PM" : "AM";
      i += 2;
    } else if (starts("pm")) {
      out += t.hour >= 12 ? "pm" : "am";
      i += 2;
    } else if ((c == '-' || c == 'Z') && layout.size() > i + 2 && layout.substr(i + 1, 2) == "07") {
      const bool iso = c == 'Z';
      if (starts(iso ? "Z070000" : "-070000")) {
        append_offset(out, t.offset, iso, false, true, true);
        i += 7;
      } else if (starts(iso ? "Z07:00:00" : "-07:00:00")) {
        append_offset(out, t.offset, iso, true, true, true);
        i += 9;
      } else if (starts(iso ? "Z0700" : "-0700")) {
        append_offset(out, t.offset, iso, false, true, false);
        i += 5;
      } else if (starts(iso ? "Z07:00" : "-07:00")) {
        append_offset(out, t.offset, iso, true, true, false);
        i += 6;
      } else {
        append_offset(out, t.offset, iso, false, false, false);
        i += 3;
      }
    } else if ((c == '.' || c == ',') && i + 1 < layout.size() &&
               (layout[i + 1] == '0' || layout[i + 1] == '9')) {
      std::size_t j = i + 1;
      while (j < layout.size() && layout[j] == layout[i + 1]) ++j;
      if (digit_at(layout, j)) {
        out += c;
        ++i;
        continue;
      }
      const std::size_t digits = std::min<std::size_t>(j - i - 1, 9);
      std::string frac = std::to_string(t.nanos + 1000000000).substr(1, digits);
      if (layout[i + 1] == '9') {
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (!frac.empty()) out += c + frac;
      } else {
        out += c + frac;
      }
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

// The instant Sprig's dateInZone makes of a value: Unix seconds for Go ints, now otherwise.
Instant instant(const ExecValue& v) {
  if (v.kind() == ExecValue::Kind::kInt || v.kind() == ExecValue::Kind::kInt64) {
    return {v.value().as_int(), 0};
  }
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return {now.tv_sec, now.tv_nsec};
}

FunctionResult date_in_zone(std::string_view layout, const ExecValue& v, std::string_view zone) {
  auto c = in_zone(instant(v), zone);
  if (!c.ok()) return c.error().message;
  return ExecValue(Value(format(layout, *c)));
}

// fmtFrac + fmtInt of time.Duration.String: `v` with `prec` fraction digits, trailing zeros
// and a bare point dropped.
std::string duration_string(std::int64_t d) {
  std::uint64_t u = static_cast<std::uint64_t>(d);
  const bool negative = d < 0;
  if (negative) u = -u;
  std::string out;
  const auto frac = [&](int prec) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < prec; ++i) {
      const auto digit = static_cast<char>('0' + u % 10);
      print = print || digit != '0';
      if (print) digits.insert(digits.begin(), digit);
      u /= 10;
    }
    if (print) out.insert(0, "." + digits);
  };
  if (u < 1000000000ULL) {
    if (u == 0) return "0s";
    std::string unit = "ns";
    int prec = 0;
    if (u >= 1000000ULL) {
      unit = "ms";
      prec = 6;
    } else if (u >= 1000ULL) {
      unit = "µs";
      prec = 3;
    }
    out = unit;
    frac(prec);
    out.insert(0, std::to_string(u));
  } else {
    out = "s";
    frac(9);
    out.insert(0, std::to_string(u % 60));
    u /= 60;
    if (u > 0) {
      out.insert(0, std::to_string(u % 60) + "m");
      u /= 60;
      if (u > 0) out.insert(0, std::to_string(u) + "h");
    }
  }
  if (negative) out.insert(0, "-");
  return out;
}

// time.ParseDuration; nullopt where Go returns an error.
std::optional<std::int64_t> parse_duration(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  static const std::vector<std::pair<std::string_view, std::uint64_t>> kUnits = {
      {"ns", 1},       {"us", 1000},         {"µs", 1000},          {"μs", 1000},
      {"ms", 1000000}, {"s", 1000000000ULL}, {"m", 60000000000ULL}, {"h", 3600000000000ULL}};
  std::uint64_t total = 0;
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63U;
  while (!s.empty()) {
    if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9'))) return std::nullopt;
    std::uint64_t whole = 0;
    std::size_t i = 0;
    bool overflow = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      if (whole > (kLimit - 1) / 10) overflow = true;
      whole = whole * 10 + static_cast<std::uint64_t>(s[i] - '0');
      if (whole > kLimit) overflow = true;
    }
    if (overflow) return std::nullopt;
    const bool had_whole = i > 0;
    std::uint64_t frac = 0;
    double scale = 1;
    bool had_frac = false;
    if (i < s.size() && s[i] == '.') {
      ++i;
      for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        had_frac = true;
        if (frac < (std::uint64_t{1} << 62U) / 10) {
          frac = frac * 10 + static_cast<std::uint64_t>(s[i] - '0');
          scale *= 10;
        }
      }
    }
    if (!had_whole && !had_frac) return std::nullopt;
    std::size_t j = i;
    while (j < s.size() && s[j] != '.' && !(s[j] >= '0' && s[j] <= '9')) ++j;
    const std::string_view unit = s.substr(i, j - i);
    std::uint64_t multiplier = 0;
    for (const auto& [name, ns] : kUnits) {
      if (unit == name) multiplier = ns;
    }
    if (multiplier == 0) return std::nullopt;
    if (whole > kLimit / multiplier) return std::nullopt;
    std::uint64_t v = whole * multiplier;
    if (frac > 0) {
      v += static_cast<std::uint64_t>(static_cast<double>(frac) *
                                      (static_cast<double>(multiplier) / scale));
      if (v > kLimit) return std::nullopt;
    }
    total += v;
    if (total > kLimit) return std::nullopt;
    s.remove_prefix(j);
  }
  if (total > kLimit - 1 && !negative) return std::nullopt;
  return negative ? -static_cast<std::int64_t>(total - 1) - 1 : static_cast<std::int64_t>(total);
}

std::string duration_round(std::int64_t d) {
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
      d = parse_duration(a[0].value().as_string()).value_or(0);
    } else if (a[0].kind() == ExecValue::Kind::kInt64) {
      d = a[0].value().as_int();
    }
    return ExecValue(Value(duration_round(d)));
  });
}

}  // namespace chartmirror::charts::tmpl::sprig
