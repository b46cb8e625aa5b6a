#include "charts/version/semver.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

namespace chartmirror::charts {
namespace {

constexpr std::string_view kLooseForm = "expected v?MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]";
constexpr std::string_view kStrictForm = "expected MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]";

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

Error invalid(std::string_view text, std::string_view why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "invalid version " + quoted(text) + ": " + std::string(why)};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// SemVer's identifier characters, [0-9A-Za-z-].
bool is_identifier_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}
bool all_digits(std::string_view text) { return std::all_of(text.begin(), text.end(), is_digit); }

// Go's strconv.ParseUint(text, 10, 64): digits only, not empty, at most 2^64-1.
bool parse_number(std::string_view text, uint64_t& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && all_digits(text) && error == std::errc() && stop == end;
}

// Where a run of characters satisfying `pred` that starts at `pos` ends.
template <typename Pred>
size_t run_end(std::string_view text, size_t pos, Pred pred) {
  while (pos < text.size() && pred(text[pos])) ++pos;
  return pos;
}

// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` from `pos`: where it ends, or `pos` when there is none.
size_t identifiers_end(std::string_view text, size_t pos) {
  size_t end = run_end(text, pos, is_identifier_char);
  if (end == pos) return pos;
  while (end + 1 < text.size() && text[end] == '.' && is_identifier_char(text[end + 1])) {
    end = run_end(text, end + 1, is_identifier_char);
  }
  return end;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t at = text.find(separator); at != std::string_view::npos;
       at = text.find(separator, start)) {
    parts.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

// Masterminds' validatePrerelease (v3.3.0): an identifier of digits only has no leading zero,
// any other is made of identifier characters. An empty identifier counts as digits, so it
// passes; only StrictNewVersion can produce one.
Status<Error> check_prerelease(std::string_view text, std::string_view prerelease) {
  for (const std::string_view part : split(prerelease, '.')) {
    if (all_digits(part)) {
      if (part.size() > 1 && part[0] == '0') {
        return invalid(text,
                       "numeric prerelease identifier " + quoted(part) + " has a leading zero");
      }
    } else if (!std::all_of(part.begin(), part.end(), is_identifier_char)) {
      return invalid(text, "prerelease " + quoted(prerelease) +
                               " may hold only [0-9A-Za-z-] identifiers separated by '.'");
    }
  }
  return Done{};
}

Status<Error> check_metadata(std::string_view text, std::string_view metadata) {
  if (!std::all_of(metadata.begin(), metadata.end(),
                   [](char c) { return is_identifier_char(c) || c == '.'; })) {
    return invalid(text, "build metadata " + quoted(metadata) +
                             " may hold only [0-9A-Za-z-] identifiers separated by '.'");
  }
  return Done{};
}

Status<Error> parse_numbers(std::string_view text, const std::array<std::string_view, 3>& numbers,
                            std::array<uint64_t, 3>& values) {
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (numbers[i].empty()) continue;  // an absent MINOR or PATCH is 0
    if (!parse_number(numbers[i], values.at(i))) {
      return invalid(text, "version number " + quoted(numbers[i]) + " does not fit in 64 bits");
    }
  }
  return Done{};
}

}  // namespace

Result<Version, Error> Version::parse(std::string_view text) {
  // One pass over the grammar of NewVersion's regular expression, which matches greedily and
  // has nothing to backtrack into.
  size_t pos = text.starts_with('v') ? 1 : 0;
  std::array<std::string_view, 3> numbers;
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) {
      if (pos == text.size() || text[pos] != '.') break;
      ++pos;
    }
    const size_t end = run_end(text, pos, is_digit);
    if (end == pos) return invalid(text, kLooseForm);
    numbers.at(i) = text.substr(pos, end - pos);
    pos = end;
  }
  Version version;
  for (const auto& [mark, field] :
       {std::pair{'-', &version.prerelease_}, std::pair{'+', &version.metadata_}}) {
    if (pos == text.size() || text[pos] != mark) continue;
    const size_t end = identifiers_end(text, pos + 1);
    if (end == pos + 1) return invalid(text, kLooseForm);
    *field = std::string(text.substr(pos + 1, end - pos - 1));
    pos = end;
  }
  if (pos != text.size()) return invalid(text, kLooseForm);

  std::array<uint64_t, 3> values{};
  if (auto status = parse_numbers(text, numbers, values); !status) return status.error();
  if (auto status = check_prerelease(text, version.prerelease_); !status) return status.error();
  version.major_ = values[0];
  version.minor_ = values[1];
  version.patch_ = values[2];
  version.original_ = std::string(text);
  return version;
}

Result<Version, Error> Version::parse_strict(std::string_view text) {
  if (text.empty()) return invalid(text, "the version is empty");
  // Like StrictNewVersion: MAJOR and MINOR end at the first two dots; what follows the second
  // is PATCH, then the prerelease after its first '-', then the build after its first '+'.
  const size_t first_dot = text.find('.');
  const size_t second_dot =
      first_dot == std::string_view::npos ? first_dot : text.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return invalid(text, kStrictForm);
  std::array<std::string_view, 3> numbers = {text.substr(0, first_dot),
                                             text.substr(first_dot + 1, second_dot - first_dot - 1),
                                             text.substr(second_dot + 1)};
  Version version;
  if (const size_t plus = numbers[2].find('+'); plus != std::string_view::npos) {
    version.metadata_ = std::string(numbers[2].substr(plus + 1));
    numbers[2] = numbers[2].substr(0, plus);
    if (auto status = check_metadata(text, version.metadata_); !status) return status.error();
  }
  if (const size_t dash = numbers[2].find('-'); dash != std::string_view::npos) {
    version.prerelease_ = std::string(numbers[2].substr(dash + 1));
    numbers[2] = numbers[2].substr(0, dash);
    if (auto status = check_prerelease(text, version.prerelease_); !status) return status.error();
  }
  for (const std::string_view number : numbers) {
    if (number.empty() || !all_digits(number)) return invalid(text, kStrictForm);
    if (number.size() > 1 && number[0] == '0') {
      return invalid(text, "version number " + quoted(number) + " has a leading zero");
    }
  }
  std::array<uint64_t, 3> values{};
  if (auto status = parse_numbers(text, numbers, values); !status) return status.error();
  version.major_ = values[0];
  version.minor_ = values[1];
  version.patch_ = values[2];
  version.original_ = std::string(text);
  return version;
}

std::string Version::str() const {
  std::string text =
      std::to_string(major_) + "." + std::to_string(minor_) + "." + std::to_string(patch_);
  if (!prerelease_.empty()) text += "-" + prerelease_;
  if (!metadata_.empty()) text += "+" + metadata_;
  return text;
}

int Version::compare(const Version& a, const Version& b) {
  for (const auto& [x, y] : {std::pair{a.major_, b.major_}, std::pair{a.minor_, b.minor_},
                             std::pair{a.patch_, b.patch_}}) {
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.prerelease_.empty() || b.prerelease_.empty()) {
    // A release is above its prereleases (SemVer 2.0 §11.3).
    return static_cast<int>(a.prerelease_.empty()) - static_cast<int>(b.prerelease_.empty());
  }
  return compare_prerelease(a.prerelease_, b.prerelease_);
}

namespace {

// Masterminds' comparePrePart: two numbers numerically, a number below a non-number, two
// non-numbers bytewise; the empty identifier (a missing one) below everything. A string of
// digits too long for 64 bits is not a number there, so it is compared as text.
int compare_identifier(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  if (a.empty()) return -1;
  if (b.empty()) return 1;
  uint64_t a_value = 0;
  uint64_t b_value = 0;
  const bool a_number = parse_number(a, a_value);
  const bool b_number = parse_number(b, b_value);
  if (a_number != b_number) return a_number ? -1 : 1;
  if (!a_number) return a > b ? 1 : -1;
  return a_value > b_value ? 1 : -1;
}

}  // namespace

int compare_prerelease(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> a_parts = split(a, '.');
  const std::vector<std::string_view> b_parts = split(b, '.');
  for (size_t i = 0; i < std::max(a_parts.size(), b_parts.size()); ++i) {
    const std::string_view a_part = i < a_parts.size() ? a_parts[i] : std::string_view();
    const std::string_view b_part = i < b_parts.size() ? b_parts[i] : std::string_view();
    if (const int order = compare_identifier(a_part, b_part); order != 0) return order;
  }
  return 0;
}

}  // namespace chartmirror::charts
