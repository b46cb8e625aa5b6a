#include "charts/values/value.h"

#include <limits>

#include <doctest/doctest.h>

namespace chartmirror::charts::values {

TEST_CASE("a Value knows its kind and gives its contents back") {
  CHECK(Value().is_null());
  CHECK(Value(nullptr).kind() == Value::Kind::kNull);
  CHECK(Value(true).as_bool());
  CHECK(Value(42).as_int() == 42);
  CHECK(Value(std::int64_t{1} << 62).as_int() == std::int64_t{1} << 62);
  CHECK(Value(1.5).as_float() == 1.5);
  CHECK(Value(3).as_number() == 3.0);
  CHECK(Value(2.5).as_number() == 2.5);
  CHECK(Value("text").as_string() == "text");
  CHECK(Value(std::string_view("view")).as_string() == "view");
  CHECK(Value::list({1, "a"}).as_list().size() == 2);
  CHECK(Value::map({{"k", 1}}).as_map().at("k") == Value(1));
  CHECK(Value::list({1, 2}).size() == 2);
  CHECK(Value::map({{"a", 1}, {"b", 2}}).size() == 2);
  CHECK(Value("abc").size() == 0);
  CHECK(Value(1).is_number());
  CHECK(Value(1.0).is_number());
  CHECK_FALSE(Value("1").is_number());
}

TEST_CASE("copies of a Value are independent: lists and maps are copied on write") {
  Value original = Value::map({{"list", Value::list({1, 2})}, {"n", 1}});
  Value copy = original;
  copy["n"] = 2;
  copy["list"].as_list().push_back(3);
  copy["added"] = "x";
  CHECK(original == Value::map({{"list", Value::list({1, 2})}, {"n", 1}}));
  CHECK(copy == Value::map({{"added", "x"}, {"list", Value::list({1, 2, 3})}, {"n", 2}}));

  Value moved = std::move(copy);
  CHECK(moved.find("added") != nullptr);

  Value grown;  // operator[] turns null into a map
  grown["a"]["b"] = true;
  CHECK(grown == Value::map({{"a", Value::map({{"b", true}})}}));
}

TEST_CASE("shared_map changes the map every copy holds, as a Go map; deep_copy shares none") {
  Value original = Value::map({{"inner", Value::map({{"n", 1}})}});
  const Value copy = original;  // NOLINT(performance-unnecessary-copy-initialization): shares
  const Value inner = *original.find("inner");
  const Value detached = original.deep_copy();
  inner.shared_map()["added"] = "x";
  copy.shared_map().erase("gone");
  copy.shared_map()["top"] = true;
  CHECK(original.find_path("inner.added") != nullptr);
  CHECK(original.find("top") != nullptr);
  CHECK(detached == Value::map({{"inner", Value::map({{"n", 1}})}}));
  Value cow = original;  // copy on write still applies to the ordinary accessors
  cow["top"] = false;
  CHECK(*original.find("top") == Value(true));
}

TEST_CASE("equality is Go's reflect.DeepEqual") {
  CHECK(Value() == Value(nullptr));
  CHECK(Value(1) == Value(1));
  CHECK_FALSE(Value(1) == Value(1.0));  // int64 and float64 differ
  CHECK_FALSE(Value("1") == Value(1));
  CHECK_FALSE(Value(std::numeric_limits<double>::quiet_NaN()) ==
              Value(std::numeric_limits<double>::quiet_NaN()));
  CHECK(Value::list({1, "a", nullptr}) == Value::list({1, "a", nullptr}));
  CHECK_FALSE(Value::list({1}) == Value::list({1, 1}));
  CHECK(Value::map({{"a", Value::map({{"b", 1.5}})}}) ==
        Value::map({{"a", Value::map({{"b", 1.5}})}}));
  CHECK_FALSE(Value::map({{"a", 1}}) == Value::map({{"b", 1}}));
  CHECK_FALSE(Value::map({}) == Value::list({}));
  CHECK_FALSE(Value::map({}) == Value());
}

TEST_CASE("paths are looked up through maps, split on every dot") {
  const Value v = Value::map(
      {{"image", Value::map({{"tag", "1.0"}, {"", "empty"}})}, {"list", Value::list({1})}});
  CHECK(v.find_path("image.tag")->as_string() == "1.0");
  CHECK(v.find_path("image.")->as_string() == "empty");
  CHECK(v.find_path("") == &v);
  CHECK(v.find_path("image.missing") == nullptr);
  CHECK(v.find_path("list.0") == nullptr);  // lists are not indexed
  CHECK(v.find_path("image.tag.x") == nullptr);
  CHECK(v.find_path(std::vector<std::string>{"image", "tag"})->as_string() == "1.0");
  CHECK(split_path("a..b") == std::vector<std::string>{"a", "", "b"});
  CHECK(split_path("a") == std::vector<std::string>{"a"});
}

TEST_CASE("values print the way Go's %v prints them") {
  // Checked with helm 3.17.3: `{{ .Values.x }}` printed these.
  struct Case {
    Value value;
    std::string printed;
  };
  const Case cases[] = {
      {Value(), "<nil>"},
      {Value(true), "true"},
      {Value(-7), "-7"},
      {Value(1000000.0), "1e+06"},
      {Value(123456789.0), "1.23456789e+08"},
      {Value(100000.0), "100000"},
      {Value(0.0001), "0.0001"},
      {Value(0.00001), "1e-05"},
      {Value(1.5), "1.5"},
      {Value(-0.0), "-0"},
      {Value(12345678901234567890.0), "1.2345678901234567e+19"},
      {Value("s p"), "s p"},
      {Value::list({1.0, 2.5, "s", nullptr, true}), "[1 2.5 s <nil> true]"},
      {Value::map({{"z", 1.0}, {"a", Value::list({1.0, "x"})}, {"false", nullptr}}),
       "map[a:[1 x] false:<nil> z:1]"},
  };
  for (const auto& c : cases) {
    CHECK(format_go(c.value) == c.printed);
  }
  CHECK(go_type_name(Value(1)) == "int64");
  CHECK(go_type_name(Value::map({})) == "map[string]interface {}");
  CHECK(go_type_name(Value::list({})) == "[]interface {}");
}

}  // namespace chartmirror::charts::values
