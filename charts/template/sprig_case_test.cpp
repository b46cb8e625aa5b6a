// Sprig's camelcase snakecase kebabcase wrap wrapWith shuffle, path functions and b32dec,
// against helm v3.17.3's output.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "charts/template/sprig_test_support.h"

namespace chartmirror::charts::tmpl {
namespace {

using sprig_test::Case;
using sprig_test::run;

// Produced by helm v3.17.3 (`helm template r c --debug`, the template alone in
// templates/x.yaml), verbatim.
// clang-format off
constexpr Case kCases[] = {
    {R"~({{ camelcase "some_words" }}|{{ camelcase "__" }}|{{ camelcase "_complex__case_" }}|{{ camelcase "GOLANG_IS_GREAT" }}|{{ camelcase "http server" }}|{{ camelcase "HTTPServer" }}|{{ camelcase "a" }}|{{ camelcase "" }}|{{ camelcase "x-Y z.w" }}|{{ camelcase "ABC" }}|{{ camelcase "aBC_dEF" }})~",
     R"~(SomeWords|___|_Complex_Case_|GolangIsGreat|HttpServer|Httpserver|A||XYZ.w|Abc|ABCDEF)~"},
    {R"~({{ snakecase "FirstName" }}|{{ snakecase "HTTPServer" }}|{{ snakecase "NoHTTPS" }}|{{ snakecase "GO_PATH" }}|{{ snakecase "GO PATH" }}|{{ snakecase "http2xx" }}|{{ snakecase "HTTP20xOK" }}|{{ snakecase "Duration2m3s" }}|{{ snakecase "Bld4Floor3rd" }}|{{ snakecase "a.b-c  d" }}|{{ snakecase "__x__" }}|{{ snakecase "a$b+c" }})~",
     R"~(first_name|http_server|no_https|go_path|go_path|http_2xx|http_20x_ok|duration_2m3s|bld4_floor_3rd|a.b_c__d|__x__|a_$_b_+_c)~"},
    {R"~({{ snakecase "A1" }}|{{ snakecase "1a" }}|{{ snakecase "a1.b" }}|{{ snakecase "ID" }}|{{ snakecase "userID2" }}|{{ snakecase "x!!Y" }}|{{ snakecase "A1b2C3" }}|{{ snakecase "ab12CD34ef" }}|{{ snakecase "a1_" }}|{{ snakecase "X1 " }}|{{ snakecase "$$a" }})~",
     R"~(a1|1a|a1.b|id|user_id2|x!!y|a_1b2_c3|ab12_cd_34ef|a1_|x1_|$$_a)~"},
    {R"~({{ kebabcase "FirstName" }}|{{ kebabcase "HTTP20xOK" }}|{{ kebabcase "GO_PATH xY" }}|{{ kebabcase "a__b" }})~",
     R"~(first-name|http-20x-ok|go-path-x-y|a--b)~"},
    {R"~({{ wrap 5 "The quick brown fox jumps" }}|{{ wrap 3 "abcdefgh ij  k" }}|{{ wrapWith 5 "<br>" "The quick brown fox" }}|{{ wrapWith 3 "-" "abcdefgh ij" }}|{{ wrap 0 "a b" }}|{{ wrap 10 "" }}|{{ wrap 100 "short one" }}|{{ wrap -2 "  a  b" }})~",
     R"~(The
quick
brown
fox
jumps|abcdefgh
ij 
k|The<br>quick<br>brown<br>fox|abc-def-gh-ij|a
b||short one|a
b)~"},
    {R"~({{ base "/a/b.c/" }}|{{ base "" }}|{{ dir "/a/b/c" }}|{{ dir "a" }}|{{ dir "/" }}|{{ dir "a//b/" }}|{{ ext "x/a.tar.gz" }}|{{ ext "a.b/c" }}|{{ ext "" }}|{{ clean "a/../../b/./c//" }}|{{ isAbs "/x" }}|{{ isAbs "x" }}|{{ osBase "/a/b" }}|{{ osDir "/a/b" }}|{{ osExt "f.yaml" }}|{{ osClean "/../a" }}|{{ osIsAbs "" }})~",
     R"~(b.c|.|/a/b|.|/|a/b|.gz|||../b/c|true|false|b|/a|.yaml|/a|false)~"},
    {R"~({{ b32dec "MZXW6YTBOI======" }}|{{ b32dec "MZXW6===" }}|{{ b32dec "MZXW6" }}|{{ b32dec "MZ=W6===" }}|{{ b32dec "mzxw6===" }}|{{ b32dec "" }}|{{ b32dec "MZXW\n6YTBOI======" }}|{{ b32dec "MZXW6YTBOI=====" }}|{{ b32dec "MZXW6YTB" }}|{{ b32dec "M=======" }}|{{ b32dec "MZXW6YT=" }}|{{ b32dec "MZXW6YTBOI======MZ" }}|{{ b32enc "héllo" | b32dec }})~",
     R"~(foobar|foo|illegal base32 data at input byte 0|illegal base32 data at input byte 2|illegal base32 data at input byte 0||foobar|illegal base32 data at input byte 15|fooba|illegal base32 data at input byte 1|foob|foobar|héllo)~"},
    {R"~({{ shuffle "" }}|{{ shuffle "a" }}|{{ wrap 1.5 "a" }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:43: executing "c/templates/x.yaml" at <1.5>: expected integer; found 1.5)~"},
    {R"~({{ wrap 3 1 }})~",
     R"~(ERROR: template: c/templates/x.yaml:1:10: executing "c/templates/x.yaml" at <1>: expected string; found 1)~"},
};
// clang-format on

TEST_CASE("sprig word, path and base32 functions print what helm prints") {
  sprig_test::check_all(kCases);
}

TEST_CASE("shuffle permutes the runes") {
  std::string out = run(R"({{ shuffle "abcdéé12" }})");
  CHECK(out.size() == std::string_view("abcdéé12").size());
  for (const std::string_view part : {"a", "b", "c", "d", "1", "2"}) {
    CHECK(out.find(part) != std::string::npos);
  }
  const std::size_t first = out.find("é");
  REQUIRE(first != std::string::npos);
  CHECK(out.find("é", first + 1) != std::string::npos);
}

TEST_CASE("case function divergences from helm") {
  // Go's Unicode tables are not here: helm's camelcase "é" is "É".
  CHECK(run(R"({{ camelcase "é" }}|{{ snakecase "Éa" }})") ==
        sprig_test::call_error(3, R"(camelcase "é")", "camelcase",
                               "non-ASCII text is not supported by camelcase"));
  CHECK(run(R"({{ kebabcase "aé" }})").find("not supported by kebabcase") != std::string::npos);
}

}  // namespace
}  // namespace chartmirror::charts::tmpl
