// operator/runtime/json_log.h — the operator's logs: one JSON object per line through spdlog,
// with context fields (the object's namespace and name) on every line of a reconcile.
//
// Every line is {"ts":"2026-11-22T00:18:26.123Z","level":"info","logger":NAME,"msg":…,
// …fields}. JsonFormatter turns any spdlog message into such a line: a message that is
// itself a JSON object (what Log writes) is merged; anything else becomes "msg". Strings are
// written with invalid UTF-8 replaced, so a line always parses. Log carries fields: with()
// returns a copy with one more, so a reconcile's Log is the operator's plus
// {"namespace","name"} and every line it writes says which object it is about. Secrets are the
// caller's business: nothing here redacts.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/formatter.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

#include <nlohmann/json.hpp>

namespace chartmirror::runtime {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  [[nodiscard]] std::unique_ptr<spdlog::formatter> clone() const override;
};

// A logger writing JSON lines to `sink` (stderr when null).
[[nodiscard]] std::shared_ptr<spdlog::logger> make_json_logger(std::string name,
                                                               spdlog::sink_ptr sink = nullptr);

class Log {
 public:
  explicit Log(std::shared_ptr<spdlog::logger> logger,
               nlohmann::json fields = nlohmann::json::object());

  [[nodiscard]] Log with(const std::string& key, nlohmann::json value) const;
  // The Log of one reconcile of namespace/name.
  [[nodiscard]] Log for_object(std::string_view ns, std::string_view name) const;

  // `extra` (an object) adds fields to this line only.
  void debug(std::string_view message, const nlohmann::json& extra = {}) const;
  void info(std::string_view message, const nlohmann::json& extra = {}) const;
  void warn(std::string_view message, const nlohmann::json& extra = {}) const;
  void error(std::string_view message, const nlohmann::json& extra = {}) const;

 private:
  void write(spdlog::level::level_enum level, std::string_view message,
             const nlohmann::json& extra) const;

  std::shared_ptr<spdlog::logger> logger_;
  nlohmann::json fields_;
};

}  // namespace chartmirror::runtime
