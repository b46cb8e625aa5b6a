#include "registry/auth/challenge.h"

#include <cctype>

namespace chartmirror::registry::auth {
namespace {

// RFC 7230 §3.2.6 tchar.
bool is_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void skip_space() {
    while (!done() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }
  bool consume(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }
  std::string_view token() {
    const size_t start = pos_;
    while (!done() && is_token_char(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }
  // A quoted-string with backslash escapes; false when it does not end.
  bool quoted(std::string& out) {
    if (!consume('"')) return false;
    while (!done()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c == '\\' && !done()) {
        out += text_[pos_++];
      } else {
        out += c;
      }
    }
    return false;
  }
  size_t position() const { return pos_; }
  void rewind(size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

Error malformed(std::string_view header, const std::string& why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "malformed WWW-Authenticate header (" + why + "): " + std::string(header),
               .operation = "authenticate"};
}

}  // namespace

std::string Challenge::param(const std::string& name) const {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

Result<std::vector<Challenge>, Error> parse_challenges(std::string_view header) {
  std::vector<Challenge> challenges;
  Scanner in(header);
  in.skip_space();
  while (!in.done()) {
    if (in.consume(',')) {  // empty list elements are allowed (RFC 7230 §7)
      in.skip_space();
      continue;
    }
    const std::string_view scheme = in.token();
    if (scheme.empty()) return malformed(header, "expected an auth scheme");
    Challenge challenge{.scheme = lower(scheme)};
    in.skip_space();
    // Parameters until the next scheme: a token followed by '=' is a parameter name.
    while (!in.done()) {
      const size_t start = in.position();
      const std::string_view name = in.token();
      in.skip_space();
      if (name.empty() || !in.consume('=')) {
        in.rewind(start);
        if (name.empty() && !in.consume(',')) return malformed(header, "unexpected character");
        break;
      }
      in.skip_space();
      std::string value;
      if (in.peek() == '"') {
        if (!in.quoted(value)) return malformed(header, "unterminated quoted string");
      } else {
        value = std::string(in.token());
      }
      challenge.params[lower(name)] = std::move(value);
      in.skip_space();
      if (!in.consume(',')) break;
      in.skip_space();
    }
    challenges.push_back(std::move(challenge));
    in.skip_space();
  }
  if (challenges.empty()) return malformed(header, "no challenge");
  return challenges;
}

}  // namespace chartmirror::registry::auth
