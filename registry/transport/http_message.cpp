#include "registry/transport/http_message.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace chartmirror::registry::transport {
namespace {

Error malformed(std::string message) {
  return Error{.code = Error::Code::kTransport,
               .message = "malformed HTTP response: " + std::move(message)};
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

void Headers::set(std::string_view name, std::string value) {
  remove(name);
  add(std::string(name), std::move(value));
}

void Headers::remove(std::string_view name) {
  std::erase_if(fields_, [&](const auto& field) { return iequals(field.first, name); });
}

std::optional<std::string> Headers::get(std::string_view name) const {
  for (const auto& [field, value] : fields_) {
    if (iequals(field, name)) return value;
  }
  return std::nullopt;
}

size_t head_length(std::string_view buffer) {
  const auto end = buffer.find("\r\n\r\n");
  return end == std::string_view::npos ? 0 : end + 4;
}

Result<ResponseHead, Error> parse_response_head(std::string_view text) {
  ResponseHead head;
  const auto line_end = text.find("\r\n");
  if (line_end == std::string_view::npos) return malformed("no status line");
  const std::string_view status_line = text.substr(0, line_end);
  // HTTP/1.1 200 OK
  if (status_line.size() < 12 || status_line.substr(0, 7) != "HTTP/1." ||
      std::isdigit(static_cast<unsigned char>(status_line[7])) == 0 || status_line[8] != ' ') {
    return malformed("bad status line \"" + std::string(status_line.substr(0, 40)) + "\"");
  }
  head.version_minor = status_line[7] - '0';
  const auto [end, ec] =
      std::from_chars(status_line.data() + 9, status_line.data() + 12, head.status);
  if (ec != std::errc() || end != status_line.data() + 12 || head.status < 100 ||
      head.status > 999 || (status_line.size() > 12 && status_line[12] != ' ')) {
    return malformed("bad status code in \"" + std::string(status_line.substr(0, 40)) + "\"");
  }
  head.reason = std::string(trim(status_line.substr(std::min<size_t>(13, status_line.size()))));

  std::string_view rest = text.substr(line_end + 2);
  while (true) {
    const auto eol = rest.find("\r\n");
    if (eol == std::string_view::npos) return malformed("head does not end with an empty line");
    const std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 2);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') return malformed("obsolete line folding");
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return malformed("header field without a name: \"" + std::string(line.substr(0, 40)) + "\"");
    }
    const std::string_view name = line.substr(0, colon);
    if (name.find_first_of(" \t") != std::string_view::npos) {
      return malformed("white space in a header field name");
    }
    head.headers.add(std::string(name), std::string(trim(line.substr(colon + 1))));
  }
  return head;
}

}  // namespace chartmirror::registry::transport
