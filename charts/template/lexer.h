// charts/template/lexer.h — the tokens of Go's text/template, as text/template/parse's lexer
// makes them (Go 1.22+).
//
// Outside actions everything is text up to the left delimiter ("{{" unless set). Inside an
// action the lexer makes the tokens of the Item types below. Trimming is done here, not in the
// parser: "{{- " removes the spaces (' ', \t, \r, \n) before the action from the preceding
// text, " -}}" those after it; the marker needs the ASCII space next to it, so "{{-3}}" is the
// number -3. Comments "{{/* ... */}}" must close right before the right delimiter (with an
// optional trim marker) and are dropped unless LexOptions::emit_comment.
//
// The lexer checks only the shape of tokens: numbers are scanned loosely ("0x0.2" passes) and
// literals are not unquoted; the parser does that, with Go's errors. The first error ends the
// input: the error token is followed by EOF.
//
// Every token has its byte offset in the input and the line it starts on; the lines follow Go
// exactly (trimmed space and comments count), since parse errors report them.
#pragma once

#include <string>
#include <string_view>

#include "charts/template/position.h"

namespace chartmirror::charts::tmpl {

enum class ItemType {
  kError,         // the value is the error message
  kBool,          // true, false
  kChar,          // printable ASCII punctuation not otherwise used: ',' '@' '%' ...
  kCharConstant,  // 'a', quotes included
  kComment,       // "/* ... */", only with LexOptions::emit_comment
  kComplex,       // 1+2i (a plain imaginary 2i is a kNumber)
  kAssign,        // =
  kDeclare,       // :=
  kEof,
  kField,       // .Name (one segment; ".a.b" is two kField tokens)
  kIdentifier,  // a function name
  kLeftDelim,
  kLeftParen,
  kNumber,
  kPipe,
  kRawString,  // `...`, quotes included
  kRightDelim,
  kRightParen,
  kSpace,     // a run of spaces and newlines inside an action
  kString,    // "...", quotes included
  kText,      // text outside actions
  kVariable,  // $, $x (one segment)
  // Keywords come after kKeyword, as in Go (Item::describe prints them as <name>).
  kKeyword,
  kBlock,
  kBreak,
  kContinue,
  kDot,
  kDefine,
  kElse,
  kEnd,
  kIf,
  kNil,
  kRange,
  kTemplate,
  kWith,
};

struct Item {
  ItemType type = ItemType::kEof;
  Pos pos = 0;             // byte offset of the token in the input
  std::string_view value;  // the token's text; for kError the message (owned by the Lexer)
  int line = 1;            // the line the token starts on

  // Go's item.String(), which parse errors quote: EOF, the message of an error, "<if>" for a
  // keyword, "\"abc\"" (%q), or the first 10 runes quoted and "..." for a longer value.
  [[nodiscard]] std::string describe() const;
};

struct LexOptions {
  bool emit_comment = false;  // make kComment tokens (Go's ParseComments mode)
  bool break_ok = true;       // "break" is a keyword; false when a function is named break
  bool continue_ok = true;    // "continue" likewise
  // Whether the newlines inside a comment count in the lines of the tokens after it. Go 1.24+
  // counts them; Go 1.23, the Go of Helm 3.17, does not, so its errors after a multi-line
  // comment name a line too low (golang/go#69526).
  bool count_comment_newlines = false;
};

// Tokens of one input, one at a time. The input must outlive the lexer and every Item it
// returned; so must the lexer itself (error messages live in it), hence no copies or moves.
class Lexer {
 public:
  // Empty delimiters mean Go's defaults, "{{" and "}}".
  Lexer(std::string_view input, std::string_view left_delim, std::string_view right_delim,
        LexOptions options = {});
  Lexer(const Lexer&) = delete;
  Lexer& operator=(const Lexer&) = delete;
  Lexer(Lexer&&) = delete;
  Lexer& operator=(Lexer&&) = delete;
  ~Lexer() = default;

  // The next token; kEof forever at the end, and after a kError.
  [[nodiscard]] Item next_item();

  void set_options(LexOptions options) { options_ = options; }

 private:
  enum class State {
    kDone,  // an item is ready in item_
    kText,
    kLeftDelim,
    kComment,
    kRightDelim,
    kInsideAction,
    kSpace,
    kIdentifier,
    kField,
    kVariable,
    kChar,
    kNumber,
    kQuote,
    kRawQuote,
  };
  struct DelimMatch {
    bool delim = false;
    bool trim = false;
  };

  State step(State state);
  State lex_text();
  State lex_left_delim();
  State lex_comment();
  State lex_right_delim();
  State lex_inside_action();
  State lex_space();
  State lex_identifier();
  State lex_field_or_variable(ItemType type);
  State lex_char();
  State lex_number();
  State lex_quote();
  State lex_raw_quote();

  char32_t next();
  char32_t peek();
  void backup();
  bool accept(std::string_view valid);
  void accept_run(std::string_view valid);
  [[nodiscard]] bool at_terminator();
  [[nodiscard]] DelimMatch at_right_delim() const;
  bool scan_number();

  Item this_item(ItemType type);
  State emit(ItemType type);
  State emit_item(const Item& item);
  void ignore();
  State errorf(std::string message);

  std::string_view input_;
  std::string left_delim_;
  std::string right_delim_;
  LexOptions options_;
  Pos pos_ = 0;          // where the lexer is
  Pos start_ = 0;        // where the pending token starts
  bool at_eof_ = false;  // next() returned the end of input
  int paren_depth_ = 0;  // nesting of ( ) inside the action
  int line_ = 1;         // 1 + newlines before pos_
  int start_line_ = 1;   // the line of start_
  bool inside_action_ = false;
  Item item_;
  std::string error_;  // the message of the one kError token
};

}  // namespace chartmirror::charts::tmpl
