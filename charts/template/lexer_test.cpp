#include "charts/template/lexer.h"

#include <string>
#include <vector>

#include <doctest/doctest.h>

namespace chartmirror::charts::tmpl {
namespace {

using T = ItemType;

struct Token {
  ItemType type;
  std::string value;
  Pos pos = 0;
  int line = 0;

  bool operator==(const Token& other) const { return type == other.type && value == other.value; }
};

// A token list as text, for readable failures: [type "value"] ...
std::string show(const std::vector<Token>& tokens) {
  std::string out;
  for (const auto& token : tokens) {
    out += "[" + std::to_string(static_cast<int>(token.type)) + " " + token.value + "] ";
  }
  return out;
}

// Every token up to EOF or an error, comments included (as Go's lexer tests collect them).
std::vector<Token> lex_all(std::string_view input, std::string_view left = "",
                           std::string_view right = "", LexOptions options = {true, true, true}) {
  Lexer lexer(input, left, right, options);
  std::vector<Token> tokens;
  for (;;) {
    const Item item = lexer.next_item();
    tokens.push_back({item.type, std::string(item.value), item.pos, item.line});
    if (item.type == T::kEof || item.type == T::kError) return tokens;
  }
}

const Token kLeft{T::kLeftDelim, "{{"};
const Token kRight{T::kRightDelim, "}}"};
const Token kSpace{T::kSpace, " "};
const Token kEof{T::kEof, ""};
const Token kDot{T::kDot, "."};
const Token kPipe{T::kPipe, "|"};
const Token kLeftParen{T::kLeftParen, "("};
const Token kRightParen{T::kRightParen, ")"};

struct LexCase {
  std::string name;
  std::string input;
  std::vector<Token> tokens;
};

// The cases of Go's lex_test.go, and more; the token sequences are Go's.
const std::vector<LexCase>& lex_cases() {
  static const std::vector<LexCase> kCases = {
      {"empty", "", {kEof}},
      {"spaces", " \t\n", {{T::kText, " \t\n"}, kEof}},
      {"text", "now is the time", {{T::kText, "now is the time"}, kEof}},
      {"text with comment",
       "hello-{{/* this is a comment */}}-world",
       {{T::kText, "hello-"},
        {T::kComment, "/* this is a comment */"},
        {T::kText, "-world"},
        kEof}},
      {"punctuation",
       "{{,@% }}",
       {kLeft, {T::kChar, ","}, {T::kChar, "@"}, {T::kChar, "%"}, kSpace, kRight, kEof}},
      {"parens",
       "{{((3))}}",
       {kLeft, kLeftParen, kLeftParen, {T::kNumber, "3"}, kRightParen, kRightParen, kRight, kEof}},
      {"empty action", "{{}}", {kLeft, kRight, kEof}},
      {"for", "{{for}}", {kLeft, {T::kIdentifier, "for"}, kRight, kEof}},
      {"block",
       R"({{block "foo" .}})",
       {kLeft, {T::kBlock, "block"}, kSpace, {T::kString, R"("foo")"}, kSpace, kDot, kRight, kEof}},
      {"quote", R"({{"abc \n\t\" "}})", {kLeft, {T::kString, R"("abc \n\t\" ")"}, kRight, kEof}},
      {"raw quote",
       R"({{`abc\n\t\" `}})",
       {kLeft, {T::kRawString, R"(`abc\n\t\" `)"}, kRight, kEof}},
      {"raw quote with newline",
       "{{`now is{{\n}}the time`}}",
       {kLeft, {T::kRawString, "`now is{{\n}}the time`"}, kRight, kEof}},
      {"numbers",
       "{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}",
       {kLeft,  {T::kNumber, "1"},         kSpace, {T::kNumber, "02"},
        kSpace, {T::kNumber, "0x14"},      kSpace, {T::kNumber, "0X14"},
        kSpace, {T::kNumber, "-7.2i"},     kSpace, {T::kNumber, "1e3"},
        kSpace, {T::kNumber, "1E3"},       kSpace, {T::kNumber, "+1.2e-4"},
        kSpace, {T::kNumber, "4.2i"},      kSpace, {T::kComplex, "1+2i"},
        kSpace, {T::kNumber, "1_2"},       kSpace, {T::kNumber, "0x1.e_fp4"},
        kSpace, {T::kNumber, "0X1.E_FP4"}, kRight, kEof}},
      {"characters",
       R"({{'a' '\n' '\'' '\\' '\u00FF' '\xFF' '本'}})",
       {kLeft,
        {T::kCharConstant, "'a'"},
        kSpace,
        {T::kCharConstant, R"('\n')"},
        kSpace,
        {T::kCharConstant, R"('\'')"},
        kSpace,
        {T::kCharConstant, R"('\\')"},
        kSpace,
        {T::kCharConstant, R"('\u00FF')"},
        kSpace,
        {T::kCharConstant, R"('\xFF')"},
        kSpace,
        {T::kCharConstant, "'本'"},
        kRight,
        kEof}},
      {"bools",
       "{{true false}}",
       {kLeft, {T::kBool, "true"}, kSpace, {T::kBool, "false"}, kRight, kEof}},
      {"dot", "{{.}}", {kLeft, kDot, kRight, kEof}},
      {"nil", "{{nil}}", {kLeft, {T::kNil, "nil"}, kRight, kEof}},
      {"dots",
       "{{.x . .2 .x.y.z}}",
       {kLeft,
        {T::kField, ".x"},
        kSpace,
        kDot,
        kSpace,
        {T::kNumber, ".2"},
        kSpace,
        {T::kField, ".x"},
        {T::kField, ".y"},
        {T::kField, ".z"},
        kRight,
        kEof}},
      {"keywords",
       "{{range if else end with}}",
       {kLeft,
        {T::kRange, "range"},
        kSpace,
        {T::kIf, "if"},
        kSpace,
        {T::kElse, "else"},
        kSpace,
        {T::kEnd, "end"},
        kSpace,
        {T::kWith, "with"},
        kRight,
        kEof}},
      {"more keywords",
       "{{define template block break continue}}",
       {kLeft,
        {T::kDefine, "define"},
        kSpace,
        {T::kTemplate, "template"},
        kSpace,
        {T::kBlock, "block"},
        kSpace,
        {T::kBreak, "break"},
        kSpace,
        {T::kContinue, "continue"},
        kRight,
        kEof}},
      {"variables",
       "{{$c := printf $ $hello $23 $ $var.Field .Method}}",
       {kLeft,
        {T::kVariable, "$c"},
        kSpace,
        {T::kDeclare, ":="},
        kSpace,
        {T::kIdentifier, "printf"},
        kSpace,
        {T::kVariable, "$"},
        kSpace,
        {T::kVariable, "$hello"},
        kSpace,
        {T::kVariable, "$23"},
        kSpace,
        {T::kVariable, "$"},
        kSpace,
        {T::kVariable, "$var"},
        {T::kField, ".Field"},
        kSpace,
        {T::kField, ".Method"},
        kRight,
        kEof}},
      {"variable invocation",
       "{{$x 23}}",
       {kLeft, {T::kVariable, "$x"}, kSpace, {T::kNumber, "23"}, kRight, kEof}},
      {"pipeline",
       R"(intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro)",
       {{T::kText, "intro "},
        kLeft,
        {T::kIdentifier, "echo"},
        kSpace,
        {T::kIdentifier, "hi"},
        kSpace,
        {T::kNumber, "1.2"},
        kSpace,
        kPipe,
        {T::kIdentifier, "noargs"},
        kPipe,
        {T::kIdentifier, "args"},
        kSpace,
        {T::kNumber, "1"},
        kSpace,
        {T::kString, R"("hi")"},
        kRight,
        {T::kText, " outro"},
        kEof}},
      {"declaration",
       "{{$v := 3}}",
       {kLeft,
        {T::kVariable, "$v"},
        kSpace,
        {T::kDeclare, ":="},
        kSpace,
        {T::kNumber, "3"},
        kRight,
        kEof}},
      {"assignment",
       "{{$v = 3}}",
       {kLeft,
        {T::kVariable, "$v"},
        kSpace,
        {T::kAssign, "="},
        kSpace,
        {T::kNumber, "3"},
        kRight,
        kEof}},
      {"2 declarations",
       "{{$v , $w := 3}}",
       {kLeft,
        {T::kVariable, "$v"},
        kSpace,
        {T::kChar, ","},
        kSpace,
        {T::kVariable, "$w"},
        kSpace,
        {T::kDeclare, ":="},
        kSpace,
        {T::kNumber, "3"},
        kRight,
        kEof}},
      {"field of parenthesized expression",
       "{{(.X).Y}}",
       {kLeft, kLeftParen, {T::kField, ".X"}, kRightParen, {T::kField, ".Y"}, kRight, kEof}},
      {"trimming spaces before and after",
       "hello- {{- 3 -}} -world",
       {{T::kText, "hello-"}, kLeft, {T::kNumber, "3"}, kRight, {T::kText, "-world"}, kEof}},
      {"trimming spaces before and after comment",
       "hello- {{- /* hello */ -}} -world",
       {{T::kText, "hello-"}, {T::kComment, "/* hello */"}, {T::kText, "-world"}, kEof}},
      {"trimming newlines and tabs",
       "a \n\t{{-\n.x\n-}}\r\n b",
       {{T::kText, "a"}, kLeft, {T::kField, ".x"}, kRight, {T::kText, "b"}, kEof}},
      {"a minus without a space is a number",
       "x {{-3}} y",
       {{T::kText, "x "}, kLeft, {T::kNumber, "-3"}, kRight, {T::kText, " y"}, kEof}},
      {"a minus before }} without a space is an error",
       "{{3-}}",
       {kLeft, {T::kError, R"(bad number syntax: "3-")"}}},
      {"spaces before a trim marker",
       "{{ x  -}}",
       {kLeft, kSpace, {T::kIdentifier, "x"}, kSpace, kRight, kEof}},
      {"unicode identifiers and fields",
       "{{.größe $café ñ}}",
       {kLeft,
        {T::kField, ".größe"},
        kSpace,
        {T::kVariable, "$café"},
        kSpace,
        {T::kIdentifier, "ñ"},
        kRight,
        kEof}},
      // Errors.
      {"badchar",
       "#{{\x01}}",
       {{T::kText, "#"}, kLeft, {T::kError, "unrecognized character in action: U+0001"}}},
      {"bad unicode character",
       "{{\u00a0}}",
       {kLeft, {T::kError, "unrecognized character in action: U+00A0"}}},
      {"bad character after identifier",
       "{{a#}}",
       {kLeft, {T::kError, "bad character U+0023 '#'"}}},
      {"bad character after field", "{{.a+1}}", {kLeft, {T::kError, "bad character U+002B '+'"}}},
      {"unclosed action", "{{", {kLeft, {T::kError, "unclosed action"}}},
      {"EOF in action", "{{range", {kLeft, {T::kRange, "range"}, {T::kError, "unclosed action"}}},
      {"unclosed quote", "{{\"\n\"}}", {kLeft, {T::kError, "unterminated quoted string"}}},
      {"unclosed raw quote", "{{`xx}}", {kLeft, {T::kError, "unterminated raw quoted string"}}},
      {"unclosed char constant",
       "{{'\n}}",
       {kLeft, {T::kError, "unterminated character constant"}}},
      {"bad number", "{{3k}}", {kLeft, {T::kError, R"(bad number syntax: "3k")"}}},
      {"bad complex", "{{1+2}}", {kLeft, {T::kError, R"(bad number syntax: "1+2")"}}},
      {"unclosed paren",
       "{{(3}}",
       {kLeft, kLeftParen, {T::kNumber, "3"}, {T::kError, "unclosed left paren"}}},
      {"extra right paren",
       "{{3)}}",
       {kLeft, {T::kNumber, "3"}, {T::kError, "unexpected right paren"}}},
      {"colon without equals",
       "{{$x : 3}}",
       {kLeft, {T::kVariable, "$x"}, kSpace, {T::kError, "expected :="}}},
      {"long pipeline deadlock",
       "{{|||||}}",
       {kLeft, kPipe, kPipe, kPipe, kPipe, kPipe, kRight, kEof}},
      {"text with bad comment",
       "hello-{{/*/}}-world",
       {{T::kText, "hello-"}, {T::kError, "unclosed comment"}}},
      {"text with comment close separated from delim",
       "hello-{{/* */ }}-world",
       {{T::kText, "hello-"}, {T::kError, "comment ends before closing delimiter"}}},
      // Go accepts this (minified JavaScript has "}}").
      {"unmatched right delimiter", "hello-{.}}-world", {{T::kText, "hello-{.}}-world"}, kEof}},
  };
  return kCases;
}

}  // namespace

TEST_CASE("the lexer makes Go's tokens") {
  for (const auto& c : lex_cases()) {
    CAPTURE(c.name);
    CAPTURE(c.input);
    CHECK(show(lex_all(c.input)) == show(c.tokens));
  }
}

TEST_CASE("custom delimiters") {
  const Token left{T::kLeftDelim, "$$"};
  const Token right{T::kRightDelim, "@@"};
  CHECK(show(lex_all("$$,@%{{}}@@", "$$", "@@")) == show(std::vector<Token>{left,
                                                                            {T::kChar, ","},
                                                                            {T::kChar, "@"},
                                                                            {T::kChar, "%"},
                                                                            {T::kChar, "{"},
                                                                            {T::kChar, "{"},
                                                                            {T::kChar, "}"},
                                                                            {T::kChar, "}"},
                                                                            right,
                                                                            kEof}));
  CHECK(show(lex_all("$$@@", "$$", "@@")) == show(std::vector<Token>{left, right, kEof}));
  CHECK(show(lex_all("$$for@@", "$$", "@@")) ==
        show(std::vector<Token>{left, {T::kIdentifier, "for"}, right, kEof}));
  CHECK(show(lex_all(R"($$"abc \n\t\" "@@)", "$$", "@@")) ==
        show(std::vector<Token>{left, {T::kString, R"("abc \n\t\" ")"}, right, kEof}));
  // A right delimiter that starts like an identifier ends the identifier.
  CHECK(show(lex_all("{{hub .host hub}}", "{{hub", "hub}}")) ==
        show(std::vector<Token>{{T::kLeftDelim, "{{hub"},
                                kSpace,
                                {T::kField, ".host"},
                                kSpace,
                                {T::kRightDelim, "hub}}"},
                                kEof}));
  // Delimiters that look like trim markers are delimiters.
  CHECK(show(lex_all("{{- .x -}} {{- - .x - -}}", "{{- ", " -}}")) ==
        show(std::vector<Token>{{T::kLeftDelim, "{{- "},
                                {T::kField, ".x"},
                                {T::kRightDelim, " -}}"},
                                {T::kLeftDelim, "{{- "},
                                {T::kField, ".x"},
                                {T::kRightDelim, " -}}"},
                                kEof}));
  // Trimming and comments work with other delimiters too.
  CHECK(show(lex_all("a  [[- /* c */ -]]  b [[- .x]]", "[[", "]]")) ==
        show(std::vector<Token>{{T::kText, "a"},
                                {T::kComment, "/* c */"},
                                {T::kText, "b"},
                                {T::kLeftDelim, "[["},
                                {T::kField, ".x"},
                                {T::kRightDelim, "]]"},
                                kEof}));
}

TEST_CASE("comments are dropped unless asked for") {
  CHECK(show(lex_all("a{{/* c */}}b", "", "", {})) ==
        show(std::vector<Token>{{T::kText, "a"}, {T::kText, "b"}, kEof}));
}

TEST_CASE("break and continue are identifiers when functions have those names") {
  CHECK(show(lex_all("{{break continue}}", "", "", {false, false, false})) ==
        show(std::vector<Token>{
            kLeft, {T::kIdentifier, "break"}, kSpace, {T::kIdentifier, "continue"}, kRight, kEof}));
}

TEST_CASE("tokens have Go's byte offsets and lines") {
  struct Positioned {
    ItemType type;
    std::string value;
    Pos pos;
    int line;
  };
  // Go 1.24+ lines: the newlines of comments count.
  const struct {
    std::string input;
    std::vector<Positioned> tokens;
  } cases[] = {
      {"", {{T::kEof, "", 0, 1}}},
      {"{{,@%#}}",
       {{T::kLeftDelim, "{{", 0, 1},
        {T::kChar, ",", 2, 1},
        {T::kChar, "@", 3, 1},
        {T::kChar, "%", 4, 1},
        {T::kChar, "#", 5, 1},
        {T::kRightDelim, "}}", 6, 1},
        {T::kEof, "", 8, 1}}},
      {"0123{{hello}}xyz",
       {{T::kText, "0123", 0, 1},
        {T::kLeftDelim, "{{", 4, 1},
        {T::kIdentifier, "hello", 6, 1},
        {T::kRightDelim, "}}", 11, 1},
        {T::kText, "xyz", 13, 1},
        {T::kEof, "", 16, 1}}},
      {"{{x -}}\n{{y}}",
       {{T::kLeftDelim, "{{", 0, 1},
        {T::kIdentifier, "x", 2, 1},
        {T::kRightDelim, "}}", 5, 1},
        {T::kLeftDelim, "{{", 8, 2},
        {T::kIdentifier, "y", 10, 2},
        {T::kRightDelim, "}}", 11, 2},
        {T::kEof, "", 13, 2}}},
      {"{{x}}\n{{- y}}",
       {{T::kLeftDelim, "{{", 0, 1},
        {T::kIdentifier, "x", 2, 1},
        {T::kRightDelim, "}}", 3, 1},
        {T::kLeftDelim, "{{", 6, 2},
        {T::kIdentifier, "y", 10, 2},
        {T::kRightDelim, "}}", 11, 2},
        {T::kEof, "", 13, 2}}},
      {"{{/*\n*/}}\n{{undefinedFunction \"test\"}}",
       {{T::kComment, "/*\n*/", 2, 1},
        {T::kText, "\n", 9, 2},
        {T::kLeftDelim, "{{", 10, 3},
        {T::kIdentifier, "undefinedFunction", 12, 3},
        {T::kSpace, " ", 29, 3},
        {T::kString, "\"test\"", 30, 3},
        {T::kRightDelim, "}}", 36, 3},
        {T::kEof, "", 38, 3}}},
      // Lines inside an action, and after a multi-line raw string.
      {"a\n{{ `x\ny`\n.z }}\nb",
       {{T::kText, "a\n", 0, 1},
        {T::kLeftDelim, "{{", 2, 2},
        {T::kSpace, " ", 4, 2},
        {T::kRawString, "`x\ny`", 5, 2},
        {T::kSpace, "\n", 10, 3},
        {T::kField, ".z", 11, 4},
        {T::kSpace, " ", 13, 4},
        {T::kRightDelim, "}}", 14, 4},
        {T::kText, "\nb", 16, 4},
        {T::kEof, "", 18, 5}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.input);
    const std::vector<Token> tokens = lex_all(c.input, "", "", {true, true, true, true});
    REQUIRE(tokens.size() == c.tokens.size());
    for (size_t i = 0; i < tokens.size(); ++i) {
      CAPTURE(i);
      CHECK(tokens[i].type == c.tokens[i].type);
      CHECK(tokens[i].value == c.tokens[i].value);
      CHECK(tokens[i].pos == c.tokens[i].pos);
      CHECK(tokens[i].line == c.tokens[i].line);
    }
  }
}

TEST_CASE("Go 1.23 does not count the newlines of comments in later lines") {
  // helm v3.17.3 (Go 1.23.7) reports an error in the action below on line 2, not 3.
  const std::vector<Token> tokens = lex_all("{{/*\n*/}}\n{{x}}");
  REQUIRE(tokens.size() == 6);
  CHECK(tokens[0].line == 1);  // the comment
  CHECK(tokens[1].line == 1);  // "\n"
  CHECK(tokens[2].line == 2);  // {{
  CHECK(tokens[3].line == 2);  // x
}

TEST_CASE("tokens describe themselves as Go's parse errors quote them") {
  CHECK(Item{T::kEof, 0, "", 1}.describe() == "EOF");
  CHECK(Item{T::kError, 0, "unclosed action", 1}.describe() == "unclosed action");
  CHECK(Item{T::kIf, 0, "if", 1}.describe() == "<if>");
  CHECK(Item{T::kRightDelim, 0, "}}", 1}.describe() == R"("}}")");
  CHECK(Item{T::kString, 0, R"("a")", 1}.describe() == R"("\"a\"")");
  CHECK(Item{T::kIdentifier, 0, "abcdefghijk", 1}.describe() == R"("abcdefghij"...)");
  CHECK(Item{T::kText, 0, "\n", 1}.describe() == R"("\n")");
  // More than 10 bytes, fewer than 10 runes: all runes, and the dots.
  CHECK(Item{T::kText, 0, "ééééé€", 1}.describe() == "\"ééééé€\"...");
}

}  // namespace chartmirror::charts::tmpl
