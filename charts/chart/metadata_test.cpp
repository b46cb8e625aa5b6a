#include "charts/chart/metadata.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

namespace chartmirror::charts {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = CHARTMIRROR_CHART_TESTDATA;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr std::string_view kBase = "apiVersion: v2\nname: e\nversion: 1.0.0\n";

Error parse_error(const std::string& chart_yaml,
                  std::optional<std::string_view> requirements = std::nullopt) {
  auto parsed = Metadata::parse(chart_yaml, "e.tgz", requirements);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error().code == Error::Code::kInvalidInput);
  CHECK(parsed.error().source == "e.tgz");
  return parsed.error();
}

}  // namespace

// testdata/metadata/CASE/Chart.yaml was pushed with `helm push` (helm v3.17.3) and the config
// blob it wrote saved as testdata/metadata/CASE.json (testdata/helm_push_config.sh).
TEST_CASE("to_json is what helm push writes as the config blob") {
  size_t cases = 0;
  for (const auto& entry : fs::directory_iterator(kTestdata / "metadata")) {
    if (!entry.is_directory()) continue;
    ++cases;
    const fs::path& dir = entry.path();
    CAPTURE(dir.filename().string());
    const std::string chart_yaml = read(dir / "Chart.yaml");
    std::optional<std::string> requirements;
    if (fs::exists(dir / "requirements.yaml")) requirements = read(dir / "requirements.yaml");
    auto metadata = Metadata::parse(chart_yaml, dir.string(), requirements);
    REQUIRE_MESSAGE(metadata.ok(), metadata.error().describe());
    CHECK(metadata->to_json() ==
          read(kTestdata / "metadata" / (dir.filename().string() + ".json")));
    CHECK(metadata->raw == chart_yaml);
  }
  CHECK(cases == 5);
}

TEST_CASE("Chart.yaml fields are read as Helm reads them") {
  auto scalars = Metadata::parse(read(kTestdata / "metadata/scalars/Chart.yaml"), "scalars");
  REQUIRE(scalars.ok());
  CHECK(scalars->version == "8");        // 010 is octal in YAML 1.1
  CHECK(scalars->app_version == "1.1");  // 1.10 is a float
  CHECK(scalars->icon == "first");       // "icon" sorts after "Icon" and wins
  CHECK(scalars->deprecated);
  CHECK(scalars->maintainers.size() == 2);
  CHECK(scalars->annotations.at("huge") == "1e400");  // out of float range: a string

  auto v1 = Metadata::parse(read(kTestdata / "metadata/v1req/Chart.yaml"), "v1req",
                            read(kTestdata / "metadata/v1req/requirements.yaml"));
  REQUIRE(v1.ok());
  CHECK(v1->api_version == "v1");
  REQUIRE(v1->dependencies.size() == 1);
  CHECK(v1->dependencies[0].name == "mysql");  // requirements.yaml replaces Chart.yaml's

  auto deps = Metadata::parse(read(kTestdata / "metadata/deps/Chart.yaml"), "deps");
  REQUIRE(deps.ok());
  CHECK(deps->is_library());
  REQUIRE(deps->dependencies.size() == 2);
  const Dependency& common = deps->dependencies[0];
  REQUIRE(common.import_values.size() == 3);
  CHECK(common.import_values[0] == "data");
  CHECK(common.import_values[1].at("child") == "a.b");
  CHECK(common.import_values[2].is_number_float());
  CHECK(deps->dependencies[1].enabled);
  CHECK(deps->dependencies[1].alias == "other_2-x");
}

// What helm 3.17.3 showed (`helm show chart`) for the same Chart.yaml.
TEST_CASE("Chart.yaml scalars read as go-yaml v2 reads them into interface{}") {
  const std::string yaml = std::string(kBase) +
                           "appVersion: !!timestamp 2024-01-02\n"
                           "description: \"a\u0378b\u200bc\"\n"  // unassigned, then Cf
                           "annotations:\n"
                           "  binary: !!binary aGVsbG8=\n"
                           "  unknown: !!foo 1.5\n"
                           "  set: !!set x\n"
                           "  tilde: !!str ~\n";
  auto md = Metadata::parse(yaml, "e");
  REQUIRE(md.ok());
  CHECK(md->app_version == "2024-01-02");
  CHECK(md->description == "abc");
  CHECK(md->annotations.at("binary") == "hello");
  CHECK(md->annotations.at("unknown") == "1.5");
  CHECK(md->annotations.at("set") == "x");
  CHECK(md->annotations.at("tilde") == "~");
}

TEST_CASE("Chart.yaml is refused where Helm refuses it, in Helm's words") {
  const std::string base(kBase);
  const std::pair<std::string, std::string> cases[] = {
      {"apiVersion: v2\nversion: 1.0.0\n", "Chart.yaml: chart.metadata.name is required"},
      {"", "Chart.yaml: chart.metadata.name is required"},
      {"apiVersion: v2\nname: e\n", "Chart.yaml: chart.metadata.version is required"},
      {"apiVersion: v2\nname: a/b\nversion: 1.0.0\n",
       "Chart.yaml: chart.metadata.name \"a/b\" is invalid"},
      {"apiVersion: v2\nname: e\nversion: 1.0.0.0\n",
       "Chart.yaml: chart.metadata.version \"1.0.0.0\" is invalid"},
      {"apiVersion: v2\nname: e\nversion: 1.0.0-01\n",
       "Chart.yaml: chart.metadata.version \"1.0.0-01\" is invalid"},
      {"apiVersion: v2\nname: e\nversion: 99999999999999999999.0.0\n",
       "Chart.yaml: chart.metadata.version \"99999999999999999999.0.0\" is invalid"},
      {base + "type: app\n", "Chart.yaml: chart.metadata.type must be application or library"},
      {base + "maintainers: [~]\n", "Chart.yaml: maintainers must not contain empty or null nodes"},
      {base + "dependencies: [~]\n",
       "Chart.yaml: dependencies must not contain empty or null nodes"},
      {base + "dependencies: [{name: a, alias: \"a.b\"}]\n",
       "Chart.yaml: dependency \"a\" has disallowed characters in the alias"},
      {base + "dependencies: [{name: a}, {name: b, alias: a}]\n",
       "Chart.yaml: more than one dependency with name or alias \"a\""},
      {base + "deprecated: \"true\"\n",
       "Chart.yaml: deprecated: cannot unmarshal a string into a bool"},
      {base + "keywords: abc\n", "Chart.yaml: keywords: cannot unmarshal a string into a list"},
      {base + "annotations: {a: {b: c}}\n",
       "Chart.yaml: annotations.a: cannot unmarshal a mapping into a string"},
      {"- a\n- b\n", "Chart.yaml: cannot unmarshal a list into a mapping"},
      {base + "x: .nan\n", "Chart.yaml: x: json: unsupported value: NaN"},
      {base + "x: {~: 1}\n", "Chart.yaml: x: unsupported map key: null"},
      {base + "appVersion: !!int abc\n",
       "Chart.yaml: appVersion: cannot decode !!str `abc` as a !!int"},
      {base + "appVersion: !!timestamp 2024-02-30\n",
       "Chart.yaml: appVersion: cannot decode !!str `2024-02-30` as a !!timestamp"},
      {base + "annotations: {b: !!binary aGVsbG8}\n",
       "Chart.yaml: annotations.b: !!binary value contains invalid base64 data"},
      {base + "annotations: {18446744073709551615: x}\n",
       "Chart.yaml: annotations: unsupported map key of type: uint64"},
      {base + "name: [unclosed\n", "Chart.yaml: not valid YAML"},
      {base + "description: a\xff"
              "b\n",
       "Chart.yaml: not valid YAML: invalid UTF-8 (line 4)"},
      {base + "description: a\x07"
              "b\n",
       "Chart.yaml: not valid YAML: control characters are not allowed (line 4)"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.first);
    const Error error = parse_error(c.first);
    CHECK(error.message.starts_with(c.second));
  }
  CHECK(parse_error(base, std::string_view("dependencies: 1\n")).message ==
        "requirements.yaml: dependencies: cannot unmarshal a number into a list");
}

TEST_CASE("aliases, billion laughs and deep nesting do not run away") {
  std::string yaml = std::string(kBase) + "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level < 9; ++level) {
    const std::string previous = std::string(1, static_cast<char>('a' + level - 1));
    const std::string name = std::string(1, static_cast<char>('a' + level));
    yaml += name;
    yaml += ": &";
    yaml += name;
    yaml += " [";
    for (int i = 0; i < 10; ++i) {
      yaml += i > 0 ? ", *" : "*";
      yaml += previous;
    }
    yaml += "]\n";
  }
  CHECK(parse_error(yaml).message.find("too large or too deeply nested") != std::string::npos);
}

TEST_CASE("versions are what Masterminds/semver's NewVersion accepts") {
  for (const char* version :
       {"1.2.3", "v1.2.3", "1", "1.2", "v1", "01.02.03", "1.0.0-rc.1", "1.0.0-rc.1+build.007",
        "1.0.0+b", "1.0.0--", "1.0.0-0", "18446744073709551615.0.0", "0.0.0-x-y.z"}) {
    CAPTURE(version);
    CHECK(is_helm_semver(version));
  }
  for (const char* version :
       {"", "v", "1.2.3.4", "1.", "1..2", "1.0.0-", "1.0.0-01", "1.0.0+", "1.0.0-a..b", "1.0.0-é",
        "V1.0.0", " 1.0.0", "18446744073709551616.0.0", "1.0.0+b+c", "x1.0"}) {
    CAPTURE(version);
    CHECK_FALSE(is_helm_semver(version));
  }
}

TEST_CASE("metadata built in code is validated and written") {
  Metadata metadata{.api_version = "v2", .name = "built", .version = "0.1.0"};
  CHECK(metadata.validate("code").ok());
  CHECK(metadata.to_json() == R"({"name":"built","version":"0.1.0","apiVersion":"v2"})");
  metadata.version = "latest";
  const auto invalid = metadata.validate("code");
  REQUIRE_FALSE(invalid.ok());
  CHECK(invalid.error().describe() ==
        "code: Chart.yaml: chart.metadata.version \"latest\" is invalid");
}

}  // namespace chartmirror::charts
