// JSON log lines: every line parses, carries ts/level/logger/msg, a reconcile's lines carry
// the object's namespace and name, plain spdlog messages and invalid UTF-8 stay valid JSON.
#include "operator/runtime/json_log.h"

#include <sstream>

#include <doctest/doctest.h>
#include <spdlog/sinks/ostream_sink.h>

namespace chartmirror::runtime {
namespace {

std::vector<nlohmann::json> lines_of(const std::string& text) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    REQUIRE_MESSAGE(!parsed.is_discarded(), line);
    lines.push_back(std::move(parsed));
  }
  return lines;
}

TEST_CASE("a reconcile's lines carry namespace and name; extra fields on one line only") {
  std::ostringstream out;
  auto logger = make_json_logger("operator", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  logger->set_level(spdlog::level::info);
  const Log log(logger);
  const Log reconcile = log.for_object("platform", "monitoring");
  reconcile.info("reconcile started", {{"generation", 4}});
  reconcile.error("copy failed", {{"ref", "docker.io/library/nginx:1.25"}});
  reconcile.debug("not written at info");
  log.warn("informer reconnecting");
  logger->info("plain {} message with \"quotes\"", 1);
  reconcile.info(std::string("bad utf-8: \xff\xfe"));
  logger->flush();

  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 5);
  CHECK(lines[0]["level"] == "info");
  CHECK(lines[0]["logger"] == "operator");
  CHECK(lines[0]["msg"] == "reconcile started");
  CHECK(lines[0]["namespace"] == "platform");
  CHECK(lines[0]["name"] == "monitoring");
  CHECK(lines[0]["generation"] == 4);
  CHECK(lines[0]["ts"].get<std::string>().size() == std::string("2026-11-22T00:18:26.123Z").size());
  CHECK(lines[0]["ts"].get<std::string>().back() == 'Z');

  CHECK(lines[1]["level"] == "error");
  CHECK(lines[1]["namespace"] == "platform");
  CHECK(lines[1]["ref"] == "docker.io/library/nginx:1.25");
  CHECK_FALSE(lines[1].contains("generation"));

  CHECK(lines[2]["level"] == "warning");
  CHECK_FALSE(lines[2].contains("namespace"));

  CHECK(lines[3]["msg"] == "plain 1 message with \"quotes\"");
  CHECK(lines[4]["name"] == "monitoring");
  CHECK(lines[4]["msg"].get<std::string>().starts_with("bad utf-8: "));
}

TEST_CASE("fields cannot overwrite ts, level or logger") {
  std::ostringstream out;
  auto logger = make_json_logger("op", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  Log(logger).with("level", "forged").info("x");
  logger->flush();
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["level"] == "info");
}

}  // namespace
}  // namespace chartmirror::runtime
