// Go's time.ParseInLocation(layout, value, time.Local) (time/format.go parse), with its
// ParseError texts: `parsing time "x" as "2006": cannot parse "x" as "2006"`.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "charts/template/sprig_time.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

// leadingInt: the leading digits; nullopt on overflow past 2^63.
std::optional<std::uint64_t> leading_int(std::string_view& s) {
  std::uint64_t x = 0;
  std::size_t i = 0;
  for (; digit_at(s, i); ++i) {
    if (x > (std::uint64_t{1} << 63U) / 10) return std::nullopt;
    x = x * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (x > (std::uint64_t{1} << 63U)) return std::nullopt;
  }
  s.remove_prefix(i);
  return x;
}

// time.atoi: an optional sign and digits, nothing else.
std::optional<std::int64_t> atoi(std::string_view s) {
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const auto q = leading_int(s);
  if (!q || !s.empty()) return std::nullopt;
  const auto x = static_cast<std::int64_t>(*q);
  return negative ? -x : x;
}

// getnum and getnum3: one or two (up to three) digits; `fixed` wants all of them.
std::optional<int> getnum(std::string_view& s, bool fixed) {
  if (!digit_at(s, 0)) return std::nullopt;
  if (!digit_at(s, 1)) {
    if (fixed) return std::nullopt;
    const int n = s[0] - '0';
    s.remove_prefix(1);
    return n;
  }
  const int n = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return n;
}
std::optional<int> getnum3(std::string_view& s, bool fixed) {
  int n = 0;
  std::size_t i = 0;
  for (; i < 3 && digit_at(s, i); ++i) n = n * 10 + (s[i] - '0');
  if (i == 0 || (fixed && i != 3)) return std::nullopt;
  s.remove_prefix(i);
  return n;
}

std::string_view cutspace(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

// skip: `prefix` must begin `value`, a run of spaces matching any run of spaces.
bool skip(std::string_view& value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      prefix = cutspace(prefix);
      value = cutspace(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

constexpr std::array<std::string_view, 12> kLongMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kShortMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kShortDays = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// lookup: the index of the name `value` starts with, ASCII case folded.
template <std::size_t N>
std::optional<int> lookup(const std::array<std::string_view, N>& table, std::string_view& value) {
  for (std::size_t i = 0; i < N; ++i) {
    const std::string_view name = table[i];
    if (value.size() < name.size()) continue;
    bool match = true;
    for (std::size_t k = 0; k < name.size() && match; ++k) {
      match = lower(value[k]) == lower(name[k]);
    }
    if (match) {
      value.remove_prefix(name.size());
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

// parseSignedOffset: the length of "+3" or "-12" (at most 12) at the start; 0 if none.
std::size_t signed_offset_length(std::string_view value) {
  if (value.empty() || (value[0] != '-' && value[0] != '+')) return 0;
  std::string_view rest = value.substr(1);
  const auto x = leading_int(rest);
  if (!x || rest.size() == value.size() - 1 || *x > 12) return 0;
  return value.size() - rest.size();
}

// parseTimeZone: the length of a zone name at the start of `value`; 0 if none.
std::size_t time_zone_length(std::string_view value) {
  if (value.size() < 3) return 0;
  if (value.starts_with("ChST") || value.starts_with("MeST")) return 4;
  if (value.starts_with("GMT")) return 3 + signed_offset_length(value.substr(3));
  if (value[0] == '+' || value[0] == '-') return signed_offset_length(value);
  std::size_t upper = 0;
  while (upper < 6 && upper < value.size() && value[upper] >= 'A' && value[upper] <= 'Z') ++upper;
  switch (upper) {
    case 3:
      return 3;
    case 4:
      return value[3] == 'T' || value.starts_with("WITA") ? 4 : 0;
    case 5:
      return value[4] == 'T' ? 5 : 0;
    default:
      return 0;
  }
}

// parseNanoseconds: `value` begins with the separator and has `n` bytes of fraction.
bool parse_nanoseconds(std::string_view value, std::size_t n, std::int64_t& ns,
                       std::string& range_error) {
  if (value[0] != '.' && value[0] != ',') return false;
  n = std::min<std::size_t>(n, 10);
  const auto parsed = atoi(value.substr(1, n - 1));
  if (!parsed) return false;
  ns = *parsed;
  if (ns < 0) {
    range_error = "fractional second";
    return true;
  }
  for (std::size_t i = n; i < 10; ++i) ns *= 10;
  return true;
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int month, std::int64_t year) {
  static constexpr std::array<int, 12> kDaysIn = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDaysIn[month - 1];
}

struct Fields {
  std::int64_t year = 0;
  int month = -1;
  int day = -1;
  int yday = -1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t nsec = 0;
  bool utc = false;  // Go's z = UTC
  std::int64_t zone_offset = -1;
  std::string zone_name;
  bool am = false;
  bool pm = false;
};

struct ParseError {
  std::string_view layout_elem;
  std::string_view value_elem;
  std::string message;
};

// The numeric zone offsets: "-0700", "-07:00", "-07", "-070000", "-07:00:00".
bool parse_offset(Std std, std::string_view& value, Fields& f, std::string& range_error) {
  std::string_view sign;
  std::string_view hour;
  std::string_view min = "00";
  std::string_view sec = "00";
  const bool colon = std == Std::kISO8601ColonTZ || std == Std::kNumColonTZ;
  const bool shrt = std == Std::kNumShortTZ || std == Std::kISO8601ShortTZ;
  const bool colon_seconds = std == Std::kISO8601ColonSecondsTZ || std == Std::kNumColonSecondsTZ;
  const bool seconds = std == Std::kISO8601SecondsTZ || std == Std::kNumSecondsTz;
  std::size_t used = 5;
  if (colon) {
    if (value.size() < 6 || value[3] != ':') return false;
    min = value.substr(4, 2);
    used = 6;
  } else if (shrt) {
    if (value.size() < 3) return false;
    used = 3;
  } else if (colon_seconds) {
    if (value.size() < 9 || value[3] != ':' || value[6] != ':') return false;
    min = value.substr(4, 2);
    sec = value.substr(7, 2);
    used = 9;
  } else if (seconds) {
    if (value.size() < 7) return false;
    min = value.substr(3, 2);
    sec = value.substr(5, 2);
    used = 7;
  } else {
    if (value.size() < 5) return false;
    min = value.substr(3, 2);
  }
  sign = value.substr(0, 1);
  hour = value.substr(1, 2);
  value.remove_prefix(used);
  const auto hr = getnum(hour, true);
  const auto mm = hr ? getnum(min, true) : std::nullopt;
  const auto ss = mm ? getnum(sec, true) : std::nullopt;
  if (hr > 24) range_error = "time zone offset hour";
  if (mm > 60) range_error = "time zone offset minute";
  if (ss > 60) range_error = "time zone offset second";
  if (!ss) return false;
  f.zone_offset = (*hr * 60 + *mm) * 60 + *ss;
  if (sign[0] == '-') {
    f.zone_offset = -f.zone_offset;
  } else if (sign[0] != '+') {
    return false;
  }
  return true;
}

// One layout element at the start of `value`: false when it does not match.
bool parse_std(const StdChunk& chunk, std::string_view& value, Fields& f,
               std::string& range_error) {
  const Std std = chunk.std;
  switch (std) {
    case Std::kYear: {
      if (value.size() < 2) return false;
      const auto y = atoi(value.substr(0, 2));
      value.remove_prefix(2);
      if (!y) return false;
      f.year = *y >= 69 ? *y + 1900 : *y + 2000;
      return true;
    }
    case Std::kLongYear: {
      if (value.size() < 4 || !digit_at(value, 0)) return false;
      const auto y = atoi(value.substr(0, 4));
      value.remove_prefix(4);
      if (!y) return false;
      f.year = *y;
      return true;
    }
    case Std::kMonth:
    case Std::kLongMonth: {
      const auto m = std == Std::kMonth ? lookup(kShortMonths, value) : lookup(kLongMonths, value);
      if (!m) return false;
      f.month = *m + 1;
      return true;
    }
    case Std::kNumMonth:
    case Std::kZeroMonth: {
      const auto m = getnum(value, std == Std::kZeroMonth);
      if (!m) return false;
      f.month = *m;
      if (f.month <= 0 || f.month > 12) range_error = "month";
      return true;
    }
    case Std::kWeekDay:
      return lookup(kShortDays, value).has_value();
    case Std::kLongWeekDay:
      return lookup(kLongDays, value).has_value();
    case Std::kDay:
    case Std::kUnderDay:
    case Std::kZeroDay: {
      if (std == Std::kUnderDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
      const auto d = getnum(value, std == Std::kZeroDay);
      if (!d) return false;
      f.day = *d;
      return true;
    }
    case Std::kUnderYearDay:
    case Std::kZeroYearDay: {
      for (int i = 0; i < 2; ++i) {
        if (std == Std::kUnderYearDay && !value.empty() && value[0] == ' ') value.remove_prefix(1);
      }
      const auto d = getnum3(value, std == Std::kZeroYearDay);
      if (!d) return false;
      f.yday = *d;
      return true;
    }
    case Std::kHour:
    case Std::kHour12:
    case Std::kZeroHour12: {
      const auto h = getnum(value, std == Std::kZeroHour12);
      f.hour = h.value_or(0);
      if (f.hour >= (std == Std::kHour ? 24 : 13)) range_error = "hour";
      return h.has_value();
    }
    case Std::kMinute:
    case Std::kZeroMinute: {
      const auto m = getnum(value, std == Std::kZeroMinute);
      f.minute = m.value_or(0);
      if (f.minute >= 60) range_error = "minute";
      return m.has_value();
    }
    case Std::kSecond:
    case Std::kZeroSecond: {
      const auto s = getnum(value, std == Std::kZeroSecond);
      if (!s) return false;
      f.second = *s;
      if (f.second >= 60) {
        range_error = "second";
        return true;
      }
      // A fraction in the value that the layout does not ask for is read here.
      if (value.size() >= 2 && (value[0] == '.' || value[0] == ',') && digit_at(value, 1)) {
        const Std next = next_std_chunk(chunk.suffix).std;
        if (next == Std::kFracSecond0 || next == Std::kFracSecond9) return true;
        std::size_t n = 2;
        while (digit_at(value, n)) ++n;
        const bool ok = parse_nanoseconds(value, n, f.nsec, range_error);
        value.remove_prefix(n);
        return ok;
      }
      return true;
    }
    case Std::kPM:
    case Std::kPmLower: {
      if (value.size() < 2) return false;
      const std::string_view p = value.substr(0, 2);
      value.remove_prefix(2);
      const bool upper = std == Std::kPM;
      f.pm = p == (upper ? "PM" : "pm");
      f.am = p == (upper ? "AM" : "am");
      return f.pm || f.am;
    }
    case Std::kISO8601TZ:
    case Std::kISO8601ShortTZ:
    case Std::kISO8601ColonTZ:
    case Std::kISO8601SecondsTZ:
    case Std::kISO8601ColonSecondsTZ:
      if (!value.empty() && value[0] == 'Z') {
        value.remove_prefix(1);
        f.utc = true;
        return true;
      }
      return parse_offset(std, value, f, range_error);
    case Std::kNumTZ:
    case Std::kNumShortTZ:
    case Std::kNumColonTZ:
    case Std::kNumSecondsTz:
    case Std::kNumColonSecondsTZ:
      return parse_offset(std, value, f, range_error);
    case Std::kTZ: {
      if (value.starts_with("UTC")) {
        f.utc = true;
        value.remove_prefix(3);
        return true;
      }
      const std::size_t n = time_zone_length(value);
      if (n == 0) return false;
      f.zone_name = std::string(value.substr(0, n));
      value.remove_prefix(n);
      return true;
    }
    case Std::kFracSecond0: {
      const std::size_t n = 1 + static_cast<std::size_t>(chunk.digits);
      if (value.size() < n) return false;
      const bool ok = parse_nanoseconds(value, n, f.nsec, range_error);
      value.remove_prefix(n);
      return ok;
    }
    case Std::kFracSecond9: {
      if (value.size() < 2 || (value[0] != '.' && value[0] != ',') || !digit_at(value, 1)) {
        return true;  // the fraction is optional
      }
      std::size_t i = 0;
      while (digit_at(value, i + 1)) ++i;
      const bool ok = parse_nanoseconds(value, 1 + i, f.nsec, range_error);
      value.remove_prefix(1 + i);
      return ok;
    }
    case Std::kNone:
      break;
  }
  return true;
}

// Resolves yday, defaults and the day's range; an error message when they do not fit.
std::optional<std::string> settle_date(Fields& f) {
  if (f.yday >= 0) {
    int m = 0;
    int d = 0;
    if (is_leap(f.year)) {
      if (f.yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (f.yday > 31 + 29) {
        --f.yday;
      }
    }
    if (f.yday < 1 || f.yday > 365) return ": day-of-year out of range";
    if (m == 0) {
      static constexpr std::array<int, 13> kBefore = {0,   31,  59,  90,  120, 151, 181,
                                                      212, 243, 273, 304, 334, 365};
      m = (f.yday - 1) / 31 + 1;
      if (kBefore[m] < f.yday) ++m;
      d = f.yday - kBefore[m - 1];
    }
    if (f.month >= 0 && f.month != m) return ": day-of-year does not match month";
    f.month = m;
    if (f.day >= 0 && f.day != d) return ": day-of-year does not match day";
    f.day = d;
  } else {
    if (f.month < 0) f.month = 1;
    if (f.day < 0) f.day = 1;
  }
  if (f.day < 1 || f.day > days_in(f.month, f.year)) return ": day out of range";
  return std::nullopt;
}

// time.Date in UTC, of fields in range.
std::int64_t utc_seconds(const Fields& f) {
  return days_from_civil(f.year, f.month, f.day) * 86400 + std::int64_t{f.hour} * 3600 +
         std::int64_t{f.minute} * 60 + f.second;
}

GoTime resolve_zone(const Fields& f) {
  GoTime t{.sec = utc_seconds(f), .nsec = f.nsec, .loc = {}, .mono = std::nullopt};
  if (f.utc) return t;
  if (f.zone_offset != -1) {
    t.sec -= f.zone_offset;
    const auto [name, offset] = local_zone(t.sec);
    if (offset == f.zone_offset && (f.zone_name.empty() || name == f.zone_name)) {
      t.loc.kind = GoLocation::Kind::kLocal;
    } else {
      t.loc = {.kind = GoLocation::Kind::kFixed, .name = f.zone_name, .offset = f.zone_offset};
    }
    return t;
  }
  if (!f.zone_name.empty()) {
    // Local's zone of that name, if libc reports it around that time.
    for (const std::int64_t guess : {t.sec, t.sec - local_zone(t.sec).second}) {
      const auto [name, offset] = local_zone(guess);
      if (name == f.zone_name) {
        t.sec -= offset;
        t.loc.kind = GoLocation::Kind::kLocal;
        return t;
      }
    }
    std::int64_t offset = 0;
    if (f.zone_name.size() > 3 && f.zone_name.starts_with("GMT")) {
      offset = atoi(std::string_view(f.zone_name).substr(3)).value_or(0) * 3600;
    }
    t.loc = {.kind = GoLocation::Kind::kFixed, .name = f.zone_name, .offset = offset};
    return t;
  }
  // time.Date(..., Local): the offset in effect at that local time.
  std::int64_t offset = local_zone(t.sec).second;
  if (offset != 0) {
    const std::int64_t adjusted = local_zone(t.sec - offset).second;
    if (adjusted != offset) offset = adjusted;
  }
  t.sec -= offset;
  t.loc.kind = GoLocation::Kind::kLocal;
  return t;
}

std::string error_text(std::string_view layout, std::string_view value, const ParseError& e) {
  if (!e.message.empty()) return "parsing time " + time_quote(value) + e.message;
  return "parsing time " + time_quote(value) + " as " + time_quote(layout) + ": cannot parse " +
         time_quote(e.value_elem) + " as " + time_quote(e.layout_elem);
}

}  // namespace

std::string time_quote(std::string_view s) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out += kHex[c >> 4U];
      out += kHex[c & 0xFU];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += ch;
    }
  }
  return out + "\"";
}

Result<GoTime, GoError> parse_time(std::string_view layout_in, std::string_view value_in) {
  std::string_view layout = layout_in;
  std::string_view value = value_in;
  Fields f;
  const auto fail = [&](const ParseError& e) {
    return GoError{error_text(layout_in, value_in, e)};
  };
  while (true) {
    const StdChunk chunk = next_std_chunk(layout);
    const std::string_view std_text = layout.substr(
        chunk.prefix.size(), layout.size() - chunk.prefix.size() - chunk.suffix.size());
    if (!skip(value, chunk.prefix)) return fail({chunk.prefix, value, ""});
    if (chunk.std == Std::kNone) {
      if (!value.empty()) return fail({"", value, ": extra text: " + time_quote(value)});
      break;
    }
    layout = chunk.suffix;
    const std::string_view hold = value;
    std::string range_error;
    const bool ok = parse_std(chunk, value, f, range_error);
    if (!range_error.empty()) {
      return fail({std_text, value, ": " + range_error + " out of range"});
    }
    if (!ok) return fail({std_text, hold, ""});
  }
  if (f.pm && f.hour < 12) {
    f.hour += 12;
  } else if (f.am && f.hour == 12) {
    f.hour = 0;
  }
  if (auto message = settle_date(f)) return fail({"", value, *message});
  return resolve_zone(f);
}

}  // namespace chartmirror::charts::tmpl::sprig
