// Go's time layouts (time/format.go): nextStdChunk, Time.Format and Time.String, and the
// civil calendar they print (sprig_time.h).
#include <array>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>

#include "charts/template/sprig_time.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool lower_at(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] >= 'a' && s[i] <= 'z';
}

// Howard Hinnant's civil_from_days, on local seconds.
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
  static constexpr std::array<int, 12> kBefore = {0,   31,  59,  90,  120, 151,
                                                  181, 212, 243, 273, 304, 334};
  c.yday = kBefore[c.month - 1] + c.day + (leap && c.month > 2 ? 1 : 0);
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

// The zone offset elements: "-0700" ("Z0700" writes Z for UTC) and their variants.
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

// The numeric zone elements of nextStdChunk, after '-' (or 'Z' for the ISO 8601 forms).
constexpr std::array<std::pair<std::string_view, Std>, 5> kNumZones = {{
    {"070000", Std::kNumSecondsTz},
    {"07:00:00", Std::kNumColonSecondsTZ},
    {"0700", Std::kNumTZ},
    {"07:00", Std::kNumColonTZ},
    {"07", Std::kNumShortTZ},
}};
constexpr std::array<Std, 5> kIsoZones = {Std::kISO8601SecondsTZ, Std::kISO8601ColonSecondsTZ,
                                          Std::kISO8601TZ, Std::kISO8601ColonTZ,
                                          Std::kISO8601ShortTZ};

void append_std(std::string& out, const StdChunk& chunk, const Civil& t) {
  const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  switch (chunk.std) {
    case Std::kNone:
      break;
    case Std::kLongMonth:
      out += kMonths[t.month - 1];
      break;
    case Std::kMonth:
      out += kMonths[t.month - 1].substr(0, 3);
      break;
    case Std::kNumMonth:
      append_int(out, t.month, 0);
      break;
    case Std::kZeroMonth:
      append_int(out, t.month, 2);
      break;
    case Std::kLongWeekDay:
      out += kDays[t.weekday];
      break;
    case Std::kWeekDay:
      out += kDays[t.weekday].substr(0, 3);
      break;
    case Std::kDay:
      append_int(out, t.day, 0);
      break;
    case Std::kUnderDay:
      if (t.day < 10) out += ' ';
      append_int(out, t.day, 0);
      break;
    case Std::kZeroDay:
      append_int(out, t.day, 2);
      break;
    case Std::kUnderYearDay:
      if (t.yday < 100) out += ' ';
      if (t.yday < 10) out += ' ';
      append_int(out, t.yday, 0);
      break;
    case Std::kZeroYearDay:
      append_int(out, t.yday, 3);
      break;
    case Std::kHour:
      append_int(out, t.hour, 2);
      break;
    case Std::kHour12:
      append_int(out, hour12, 0);
      break;
    case Std::kZeroHour12:
      append_int(out, hour12, 2);
      break;
    case Std::kMinute:
      append_int(out, t.minute, 0);
      break;
    case Std::kZeroMinute:
      append_int(out, t.minute, 2);
      break;
    case Std::kSecond:
      append_int(out, t.second, 0);
      break;
    case Std::kZeroSecond:
      append_int(out, t.second, 2);
      break;
    case Std::kLongYear:
      append_int(out, t.year, 4);
      break;
    case Std::kYear:
      append_int(out, t.year % 100, 2);
      break;
    case Std::kPM:
      out += t.hour >= 12 ? "PM" : "AM";
      break;
    case Std::kPmLower:
      out += t.hour >= 12 ? "pm" : "am";
      break;
    case Std::kTZ:
      if (!t.zone.empty()) {
        out += t.zone;
      } else {
        append_offset(out, t.offset, false, false, true, false);
      }
      break;
    case Std::kISO8601TZ:
    case Std::kNumTZ:
      append_offset(out, t.offset, chunk.std == Std::kISO8601TZ, false, true, false);
      break;
    case Std::kISO8601SecondsTZ:
    case Std::kNumSecondsTz:
      append_offset(out, t.offset, chunk.std == Std::kISO8601SecondsTZ, false, true, true);
      break;
    case Std::kISO8601ShortTZ:
    case Std::kNumShortTZ:
      append_offset(out, t.offset, chunk.std == Std::kISO8601ShortTZ, false, false, false);
      break;
    case Std::kISO8601ColonTZ:
    case Std::kNumColonTZ:
      append_offset(out, t.offset, chunk.std == Std::kISO8601ColonTZ, true, true, false);
      break;
    case Std::kISO8601ColonSecondsTZ:
    case Std::kNumColonSecondsTZ:
      append_offset(out, t.offset, chunk.std == Std::kISO8601ColonSecondsTZ, true, true, true);
      break;
    case Std::kFracSecond0:
    case Std::kFracSecond9: {
      const auto digits = static_cast<std::size_t>(std::min(chunk.digits, 9));
      std::string frac = std::to_string(t.nanos + 1000000000).substr(1, digits);
      if (chunk.std == Std::kFracSecond9) {
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        if (frac.empty()) break;
      }
      out += chunk.separator;
      out += frac;
      break;
    }
  }
}

}  // namespace

StdChunk next_std_chunk(std::string_view layout) {
  const auto at = [&](std::size_t i, std::string_view s) {
    return layout.substr(i).starts_with(s);
  };
  const auto chunk = [&](std::size_t i, Std std, std::size_t len) {
    return StdChunk{.prefix = layout.substr(0, i), .std = std, .suffix = layout.substr(i + len)};
  };
  for (std::size_t i = 0; i < layout.size(); ++i) {
    switch (layout[i]) {
      case 'J':
        if (at(i, "January")) return chunk(i, Std::kLongMonth, 7);
        if (at(i, "Jan") && !lower_at(layout, i + 3)) return chunk(i, Std::kMonth, 3);
        break;
      case 'M':
        if (at(i, "Monday")) return chunk(i, Std::kLongWeekDay, 6);
        if (at(i, "Mon") && !lower_at(layout, i + 3)) return chunk(i, Std::kWeekDay, 3);
        if (at(i, "MST")) return chunk(i, Std::kTZ, 3);
        break;
      case '0':
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static constexpr std::array<Std, 6> kZero = {Std::kZeroMonth,  Std::kZeroDay,
                                                       Std::kZeroHour12, Std::kZeroMinute,
                                                       Std::kZeroSecond, Std::kYear};
          return chunk(i, kZero[layout[i + 1] - '1'], 2);
        }
        if (at(i, "002")) return chunk(i, Std::kZeroYearDay, 3);
        break;
      case '1':
        if (at(i, "15")) return chunk(i, Std::kHour, 2);
        return chunk(i, Std::kNumMonth, 1);
      case '2':
        if (at(i, "2006")) return chunk(i, Std::kLongYear, 4);
        return chunk(i, Std::kDay, 1);
      case '_':
        if (at(i, "_2006")) return chunk(i + 1, Std::kLongYear, 4);
        if (at(i, "_2")) return chunk(i, Std::kUnderDay, 2);
        if (at(i, "__2")) return chunk(i, Std::kUnderYearDay, 3);
        break;
      case '3':
        return chunk(i, Std::kHour12, 1);
      case '4':
        return chunk(i, Std::kMinute, 1);
      case '5':
        return chunk(i, Std::kSecond, 1);
      case 'P':
        if (at(i, "PM")) return chunk(i, Std::kPM, 2);
        break;
      case 'p':
        if (at(i, "pm")) return chunk(i, Std::kPmLower, 2);
        break;
      case '-':
      case 'Z':
        for (std::size_t k = 0; k < kNumZones.size(); ++k) {
          const auto& [text, std] = kNumZones[k];
          if (at(i + 1, text)) {
            return chunk(i, layout[i] == 'Z' ? kIsoZones[k] : std, text.size() + 1);
          }
        }
        break;
      case '.':
      case ',':
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          const char ch = layout[i + 1];
          std::size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) ++j;
          if (!digit_at(layout, j)) {
            StdChunk c = chunk(i, ch == '0' ? Std::kFracSecond0 : Std::kFracSecond9, j - i);
            c.digits = static_cast<int>(j - i - 1);
            c.separator = layout[i];
            return c;
          }
        }
        break;
      default:
        break;
    }
  }
  return StdChunk{.prefix = layout};
}

std::int64_t days_from_civil(std::int64_t year, std::int64_t month, std::int64_t day) {
  // Normalize the month first, as Go's Date does.
  year += floor_div(month - 1, 12);
  month = (month - 1) - floor_div(month - 1, 12) * 12 + 1;
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = floor_div(year, 400);
  const std::int64_t yoe = year - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::pair<std::string, std::int64_t> local_zone(std::int64_t sec) {
  const auto tt = static_cast<std::time_t>(sec);
  std::tm tm{};
  if (localtime_r(&tt, &tm) == nullptr) return {"UTC", 0};
  return {tm.tm_zone != nullptr ? tm.tm_zone : "", tm.tm_gmtoff};
}

Civil civil_of(const GoTime& t) {
  std::int64_t offset = 0;
  std::string name = "UTC";
  switch (t.loc.kind) {
    case GoLocation::Kind::kUtc:
      break;
    case GoLocation::Kind::kLocal:
      std::tie(name, offset) = local_zone(t.sec);
      break;
    case GoLocation::Kind::kFixed:
      name = t.loc.name;
      offset = t.loc.offset;
      break;
  }
  Civil c = civil(t.sec + offset);
  c.nanos = t.nsec;
  c.offset = offset;
  c.zone = std::move(name);
  return c;
}

std::string format_time(std::string_view layout, const GoTime& t) {
  const Civil c = civil_of(t);
  std::string out;
  while (!layout.empty()) {
    const StdChunk chunk = next_std_chunk(layout);
    out += chunk.prefix;
    if (chunk.std == Std::kNone) break;
    append_std(out, chunk, c);
    layout = chunk.suffix;
  }
  return out;
}

std::string time_string(const GoTime& t) {
  std::string s = format_time("2006-01-02 15:04:05.999999999 -0700 MST", t);
  if (!t.mono) return s;
  // " m=±s.nnnnnnnnn", as Go's String prints the monotonic reading.
  const std::int64_t m = *t.mono;
  auto u = static_cast<std::uint64_t>(m);
  if (m < 0) u = -u;
  s += m < 0 ? " m=-" : " m=+";
  s += std::to_string(u / 1000000000U);
  s += '.';
  append_int(s, static_cast<std::int64_t>(u % 1000000000U), 9);
  return s;
}

}  // namespace chartmirror::charts::tmpl::sprig
