#include "support/rfc3339.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace chartmirror {
namespace {

// The unsigned decimal of exactly `digits` characters at `at`, or -1.
int number(std::string_view text, size_t at, size_t digits) {
  if (at + digits > text.size()) return -1;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + digits, value);
  return ec == std::errc() && end == text.data() + at + digits ? value : -1;
}

bool is_at(std::string_view text, size_t at, char c) { return at < text.size() && text[at] == c; }

}  // namespace

std::string format_rfc3339_utc(std::chrono::system_clock::time_point time, int fraction_digits) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto days = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::year_month_day date(days);
  const std::chrono::hh_mm_ss clock(seconds - days);
  char text[48];
  int length = std::snprintf(
      text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
      static_cast<int>(clock.seconds().count()));
  if (fraction_digits > 0) {
    const int digits = std::min(fraction_digits, 9);
    long long fraction = std::chrono::nanoseconds(time - seconds).count();
    for (int i = digits; i < 9; ++i) fraction /= 10;
    length += std::snprintf(text + length, sizeof text - static_cast<size_t>(length), ".%0*lld",
                            digits, fraction);
  }
  return std::string(text, static_cast<size_t>(length)) + "Z";
}

std::optional<std::chrono::sys_seconds> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)
  const int year = number(text, 0, 4);
  const int month = number(text, 5, 2);
  const int day = number(text, 8, 2);
  const int hour = number(text, 11, 2);
  const int minute = number(text, 14, 2);
  const int second = number(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
      !is_at(text, 4, '-') || !is_at(text, 7, '-') ||
      !(is_at(text, 10, 'T') || is_at(text, 10, 't')) || !is_at(text, 13, ':') ||
      !is_at(text, 16, ':') || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok()) return std::nullopt;
  size_t at = 19;
  if (is_at(text, at, '.')) {
    const size_t start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start) return std::nullopt;
  }
  std::chrono::seconds offset{0};
  if (is_at(text, at, 'Z') || is_at(text, at, 'z')) {
    ++at;
  } else if (is_at(text, at, '+') || is_at(text, at, '-')) {
    const int offset_hours = number(text, at + 1, 2);
    const int offset_minutes = number(text, at + 4, 2);
    if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59 ||
        !is_at(text, at + 3, ':')) {
      return std::nullopt;
    }
    offset = std::chrono::hours(offset_hours) + std::chrono::minutes(offset_minutes);
    if (text[at] == '-') offset = -offset;
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second) - offset;
}

}  // namespace chartmirror
