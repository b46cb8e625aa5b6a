#include "charts/template/lexer.h"

#include <algorithm>
#include <utility>

#include "charts/template/go_strconv.h"

namespace chartmirror::charts::tmpl {
namespace {

// What next() returns at the end of the input (Go's eof, -1; not a code point).
constexpr char32_t kEofRune = 0xFFFFFFFF;

constexpr std::string_view kDefaultLeftDelim = "{{";
constexpr std::string_view kDefaultRightDelim = "}}";
constexpr std::string_view kLeftComment = "/*";
constexpr std::string_view kRightComment = "*/";
constexpr std::string_view kSpaceChars = " \t\r\n";
constexpr Pos kTrimMarkerLen = 2;  // the '-' and the space beside it
constexpr std::string_view kDecimalDigits = "0123456789_";
constexpr std::string_view kHexDigits = "0123456789abcdefABCDEF_";

// Space as the lexer knows it: ASCII only.
bool is_space(char32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }

bool is_alphanumeric(char32_t r) {
  return r == '_' || (r != kEofRune && (go::is_letter(r) || go::is_digit(r)));
}

bool has_left_trim_marker(std::string_view s) {
  return s.size() >= 2 && s[0] == '-' && is_space(static_cast<unsigned char>(s[1]));
}

bool has_right_trim_marker(std::string_view s) {
  return s.size() >= 2 && is_space(static_cast<unsigned char>(s[0])) && s[1] == '-';
}

Pos right_trim_length(std::string_view s) {
  const size_t last = s.find_last_not_of(kSpaceChars);
  return last == std::string_view::npos ? s.size() : s.size() - last - 1;
}

Pos left_trim_length(std::string_view s) {
  const size_t first = s.find_first_not_of(kSpaceChars);
  return first == std::string_view::npos ? s.size() : first;
}

int count_newlines(std::string_view s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// The keyword a word spells, or kIdentifier.
ItemType keyword(std::string_view word) {
  static constexpr std::pair<std::string_view, ItemType> kKeywords[] = {
      {".", ItemType::kDot},
      {"block", ItemType::kBlock},
      {"break", ItemType::kBreak},
      {"continue", ItemType::kContinue},
      {"define", ItemType::kDefine},
      {"else", ItemType::kElse},
      {"end", ItemType::kEnd},
      {"if", ItemType::kIf},
      {"range", ItemType::kRange},
      {"nil", ItemType::kNil},
      {"template", ItemType::kTemplate},
      {"with", ItemType::kWith},
  };
  for (const auto& [name, type] : kKeywords) {
    if (name == word) return type;
  }
  return ItemType::kIdentifier;
}

bool contains(std::string_view set, char32_t r) {
  return r < 0x80 && set.find(static_cast<char>(r)) != std::string_view::npos;
}

}  // namespace

std::string Item::describe() const {
  if (type == ItemType::kEof) return "EOF";
  if (type == ItemType::kError) return std::string(value);
  if (type > ItemType::kKeyword) return "<" + std::string(value) + ">";
  // Go tests the length in bytes, then %.10q keeps 10 runes.
  if (value.size() > 10) return go::quote_prefix(value, 10) + "...";
  return go::quote(value);
}

Lexer::Lexer(std::string_view input, std::string_view left_delim, std::string_view right_delim,
             LexOptions options)
    : input_(input),
      left_delim_(left_delim.empty() ? kDefaultLeftDelim : left_delim),
      right_delim_(right_delim.empty() ? kDefaultRightDelim : right_delim),
      options_(options) {}

Item Lexer::next_item() {
  item_ = Item{ItemType::kEof, pos_, "EOF", start_line_};
  State state = inside_action_ ? State::kInsideAction : State::kText;
  while (state != State::kDone) state = step(state);
  return item_;
}

Lexer::State Lexer::step(State state) {
  switch (state) {
    case State::kText:
      return lex_text();
    case State::kLeftDelim:
      return lex_left_delim();
    case State::kComment:
      return lex_comment();
    case State::kRightDelim:
      return lex_right_delim();
    case State::kInsideAction:
      return lex_inside_action();
    case State::kSpace:
      return lex_space();
    case State::kIdentifier:
      return lex_identifier();
    case State::kField:
      return lex_field_or_variable(ItemType::kField);
    case State::kVariable:
      // A lone "$" is the variable $.
      if (at_terminator()) return emit(ItemType::kVariable);
      return lex_field_or_variable(ItemType::kVariable);
    case State::kChar:
      return lex_char();
    case State::kNumber:
      return lex_number();
    case State::kQuote:
      return lex_quote();
    case State::kRawQuote:
      return lex_raw_quote();
    case State::kDone:
      break;
  }
  return State::kDone;
}

// ---- reading runes

char32_t Lexer::next() {
  if (pos_ >= input_.size()) {
    at_eof_ = true;
    return kEofRune;
  }
  // ASCII, most of any template, needs no decoding: a byte below 0x80 is a whole rune.
  const auto byte = static_cast<unsigned char>(input_[pos_]);
  if (byte < 0x80) {
    ++pos_;
    if (byte == '\n') ++line_;
    return byte;
  }
  const go::DecodedRune decoded = go::decode_rune(input_.substr(pos_));
  pos_ += static_cast<Pos>(decoded.width);
  return decoded.rune;
}

char32_t Lexer::peek() {
  const char32_t r = next();
  backup();
  return r;
}

// Steps back one rune; a no-op once the end was read, as in Go.
void Lexer::backup() {
  if (at_eof_ || pos_ == 0) return;
  // An ASCII byte is never part of a longer sequence: it is the whole last rune.
  const auto byte = static_cast<unsigned char>(input_[pos_ - 1]);
  if (byte < 0x80) {
    --pos_;
    if (byte == '\n') --line_;
    return;
  }
  const go::DecodedRune decoded = go::decode_last_rune(input_.substr(0, pos_));
  pos_ -= static_cast<Pos>(decoded.width);
  if (decoded.rune == '\n') --line_;
}

bool Lexer::accept(std::string_view valid) {
  if (contains(valid, next())) return true;
  backup();
  return false;
}

void Lexer::accept_run(std::string_view valid) {
  while (contains(valid, next())) {
  }
  backup();
}

// Whether the input is at a character that may follow an identifier: this splits ".X.Y" and
// rejects "$x+2".
bool Lexer::at_terminator() {
  const char32_t r = peek();
  if (is_space(r)) return true;
  switch (r) {
    case kEofRune:
    case '.':
    case ',':
    case '|':
    case ':':
    case ')':
    case '(':
      return true;
    default:
      break;
  }
  return input_.substr(pos_).starts_with(right_delim_);
}

Lexer::DelimMatch Lexer::at_right_delim() const {
  const std::string_view rest = input_.substr(pos_);
  if (has_right_trim_marker(rest) && rest.substr(kTrimMarkerLen).starts_with(right_delim_)) {
    return {true, true};
  }
  if (rest.starts_with(right_delim_)) return {true, false};
  return {false, false};
}

// ---- making items

Item Lexer::this_item(ItemType type) {
  Item item{type, start_, input_.substr(start_, pos_ - start_), start_line_};
  start_ = pos_;
  start_line_ = line_;
  return item;
}

Lexer::State Lexer::emit(ItemType type) { return emit_item(this_item(type)); }

Lexer::State Lexer::emit_item(const Item& item) {
  item_ = item;
  return State::kDone;
}

// Skips the pending input, counting its newlines (for text skipped without next()).
void Lexer::ignore() {
  line_ += count_newlines(input_.substr(start_, pos_ - start_));
  start_ = pos_;
  start_line_ = line_;
}

Lexer::State Lexer::errorf(std::string message) {
  error_ = std::move(message);
  item_ = Item{ItemType::kError, start_, error_, start_line_};
  start_ = 0;
  pos_ = 0;
  input_ = input_.substr(0, 0);
  return State::kDone;
}

// ---- states

Lexer::State Lexer::lex_text() {
  const size_t found = input_.find(left_delim_, pos_);
  if (found != std::string_view::npos) {
    if (found > pos_) {
      pos_ = found;
      Pos trim_length = 0;
      if (has_left_trim_marker(input_.substr(pos_ + left_delim_.size()))) {
        trim_length = right_trim_length(input_.substr(start_, pos_ - start_));
      }
      pos_ -= trim_length;
      line_ += count_newlines(input_.substr(start_, pos_ - start_));
      const Item text = this_item(ItemType::kText);
      pos_ += trim_length;
      ignore();
      if (!text.value.empty()) return emit_item(text);
    }
    return State::kLeftDelim;
  }
  pos_ = input_.size();
  if (pos_ > start_) {
    line_ += count_newlines(input_.substr(start_, pos_ - start_));
    return emit(ItemType::kText);
  }
  return emit(ItemType::kEof);
}

Lexer::State Lexer::lex_left_delim() {
  pos_ += left_delim_.size();
  const bool trim = has_left_trim_marker(input_.substr(pos_));
  const Pos after_marker = trim ? kTrimMarkerLen : 0;
  if (input_.substr(pos_ + after_marker).starts_with(kLeftComment)) {
    pos_ += after_marker;
    ignore();
    return State::kComment;
  }
  const Item delim = this_item(ItemType::kLeftDelim);
  inside_action_ = true;
  pos_ += after_marker;
  ignore();
  paren_depth_ = 0;
  return emit_item(delim);
}

Lexer::State Lexer::lex_comment() {
  pos_ += kLeftComment.size();
  const size_t close = input_.find(kRightComment, pos_);
  if (close == std::string_view::npos) return errorf("unclosed comment");
  pos_ = close + kRightComment.size();
  const DelimMatch match = at_right_delim();
  if (!match.delim) return errorf("comment ends before closing delimiter");
  if (options_.count_comment_newlines)
    line_ += count_newlines(input_.substr(start_, pos_ - start_));
  const Item comment = this_item(ItemType::kComment);
  if (match.trim) pos_ += kTrimMarkerLen;
  pos_ += right_delim_.size();
  if (match.trim) pos_ += left_trim_length(input_.substr(pos_));
  ignore();
  if (options_.emit_comment) return emit_item(comment);
  return State::kText;
}

Lexer::State Lexer::lex_right_delim() {
  const bool trim = at_right_delim().trim;
  if (trim) {
    pos_ += kTrimMarkerLen;
    ignore();
  }
  pos_ += right_delim_.size();
  const Item delim = this_item(ItemType::kRightDelim);
  if (trim) {
    pos_ += left_trim_length(input_.substr(pos_));
    ignore();
  }
  inside_action_ = false;
  return emit_item(delim);
}

Lexer::State Lexer::lex_inside_action() {
  if (at_right_delim().delim) {
    if (paren_depth_ == 0) return State::kRightDelim;
    return errorf("unclosed left paren");
  }
  const char32_t r = next();
  if (r == kEofRune) return errorf("unclosed action");
  if (is_space(r)) {
    backup();  // the space may begin " -}}"
    return State::kSpace;
  }
  switch (r) {
    case '=':
      return emit(ItemType::kAssign);
    case ':':
      if (next() != '=') return errorf("expected :=");
      return emit(ItemType::kDeclare);
    case '|':
      return emit(ItemType::kPipe);
    case '"':
      return State::kQuote;
    case '`':
      return State::kRawQuote;
    case '$':
      return State::kVariable;
    case '\'':
      return State::kChar;
    case '.':
      // ".Field", unless a digit follows: ".5" is a number.
      if (pos_ < input_.size() && (input_[pos_] < '0' || input_[pos_] > '9')) {
        return State::kField;
      }
      backup();
      return State::kNumber;
    case '+':
    case '-':
      backup();
      return State::kNumber;
    case '(':
      ++paren_depth_;
      return emit(ItemType::kLeftParen);
    case ')':
      --paren_depth_;
      if (paren_depth_ < 0) return errorf("unexpected right paren");
      return emit(ItemType::kRightParen);
    default:
      break;
  }
  if (r >= '0' && r <= '9') {
    backup();
    return State::kNumber;
  }
  if (is_alphanumeric(r)) {
    backup();
    return State::kIdentifier;
  }
  if (r < 0x80 && go::is_print(r)) return emit(ItemType::kChar);
  return errorf("unrecognized character in action: " + go::format_unicode(r));
}

// A run of spaces; the first is not consumed yet. A trim-marked right delimiter starts with a
// space, which is left for it.
Lexer::State Lexer::lex_space() {
  int spaces = 0;
  while (is_space(peek())) {
    next();
    ++spaces;
  }
  const std::string_view from_last_space = input_.substr(pos_ - 1);
  if (has_right_trim_marker(from_last_space) &&
      from_last_space.substr(kTrimMarkerLen).starts_with(right_delim_)) {
    backup();  // before the space
    if (spaces == 1) return State::kRightDelim;
  }
  return emit(ItemType::kSpace);
}

Lexer::State Lexer::lex_identifier() {
  char32_t r = 0;
  do {
    r = next();
  } while (is_alphanumeric(r));
  backup();
  const std::string_view word = input_.substr(start_, pos_ - start_);
  if (!at_terminator()) return errorf("bad character " + go::format_unicode(r));
  const ItemType type = keyword(word);
  if (type > ItemType::kKeyword) {
    if ((type == ItemType::kBreak && !options_.break_ok) ||
        (type == ItemType::kContinue && !options_.continue_ok)) {
      return emit(ItemType::kIdentifier);
    }
    return emit(type);
  }
  if (word == "true" || word == "false") return emit(ItemType::kBool);
  return emit(ItemType::kIdentifier);
}

// A field or variable: [.$]Alphanumeric; the '.' or '$' has been read.
Lexer::State Lexer::lex_field_or_variable(ItemType type) {
  if (at_terminator())
    return emit(type == ItemType::kVariable ? ItemType::kVariable : ItemType::kDot);
  char32_t r = 0;
  do {
    r = next();
  } while (is_alphanumeric(r));
  backup();
  if (!at_terminator()) return errorf("bad character " + go::format_unicode(r));
  return emit(type);
}

// A character constant; the opening quote has been read. The parser checks its syntax.
Lexer::State Lexer::lex_char() {
  for (;;) {
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != kEofRune && r != '\n') continue;
    }
    if (r == kEofRune || r == '\n') return errorf("unterminated character constant");
    if (r == '\'') break;
  }
  return emit(ItemType::kCharConstant);
}

// A number: decimal, octal, hex, binary, float, imaginary, or complex "1+2i". Loose: the
// parser's conversion rejects what is wrong ("089", "0x1.2").
Lexer::State Lexer::lex_number() {
  if (!scan_number()) {
    return errorf("bad number syntax: " + go::quote(input_.substr(start_, pos_ - start_)));
  }
  const char32_t sign = peek();
  if (sign == '+' || sign == '-') {
    if (!scan_number() || input_[pos_ - 1] != 'i') {
      return errorf("bad number syntax: " + go::quote(input_.substr(start_, pos_ - start_)));
    }
    return emit(ItemType::kComplex);
  }
  return emit(ItemType::kNumber);
}

bool Lexer::scan_number() {
  accept("+-");
  std::string_view digits = kDecimalDigits;
  if (accept("0")) {
    // A leading 0 alone does not make a float octal.
    if (accept("xX")) {
      digits = kHexDigits;
    } else if (accept("oO")) {
      digits = "01234567_";
    } else if (accept("bB")) {
      digits = "01_";
    }
  }
  accept_run(digits);
  if (accept(".")) accept_run(digits);
  if (digits == kDecimalDigits && accept("eE")) {
    accept("+-");
    accept_run(kDecimalDigits);
  }
  if (digits == kHexDigits && accept("pP")) {
    accept("+-");
    accept_run(kDecimalDigits);
  }
  accept("i");  // imaginary
  if (is_alphanumeric(peek())) {
    next();
    return false;
  }
  return true;
}

Lexer::State Lexer::lex_quote() {
  for (;;) {
    char32_t r = next();
    if (r == '\\') {
      r = next();
      if (r != kEofRune && r != '\n') continue;
    }
    if (r == kEofRune || r == '\n') return errorf("unterminated quoted string");
    if (r == '"') break;
  }
  return emit(ItemType::kString);
}

// A raw string may be long (a whole JSON document): its end is searched for, not read rune by
// rune. '`' and '\n' are ASCII, never inside a multi-byte rune, so the bytes need no decoding.
Lexer::State Lexer::lex_raw_quote() {
  const size_t end = input_.find('`', pos_);
  const size_t stop = end == std::string_view::npos ? input_.size() : end + 1;
  line_ += count_newlines(input_.substr(pos_, stop - pos_));
  pos_ = static_cast<Pos>(stop);
  if (end == std::string_view::npos) {
    at_eof_ = true;  // as next() leaves it on reading past the end
    return errorf("unterminated raw quoted string");
  }
  return emit(ItemType::kRawString);
}

}  // namespace chartmirror::charts::tmpl
