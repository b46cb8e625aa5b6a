// operator/runtime/json_log.cpp — the JSON line formatter and the Log with fields; see
// json_log.h.
#include "operator/runtime/json_log.h"

#include <utility>

#include <spdlog/sinks/stdout_sinks.h>

#include "support/rfc3339.h"

namespace chartmirror::runtime {

namespace {

std::string dump(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  const std::string_view payload(msg.payload.data(), msg.payload.size());
  nlohmann::json line = nlohmann::json::object();
  line["ts"] = format_rfc3339_utc(msg.time, 3);  // RFC 3339, UTC, milliseconds
  const auto level = spdlog::level::to_string_view(msg.level);
  line["level"] = std::string(level.data(), level.size());
  if (msg.logger_name.size() > 0) {
    line["logger"] = std::string(msg.logger_name.data(), msg.logger_name.size());
  }
  auto fields = nlohmann::json::parse(payload, nullptr, false);
  if (!payload.empty() && payload.front() == '{' && fields.is_object()) {
    for (auto& [key, value] : fields.items()) {
      if (!line.contains(key)) line[key] = std::move(value);
    }
  } else {
    line["msg"] = std::string(payload);
  }
  const std::string text = dump(line) + "\n";
  dest.append(text.data(), text.data() + text.size());
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>();
}

std::shared_ptr<spdlog::logger> make_json_logger(std::string name, spdlog::sink_ptr sink) {
  if (!sink) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>(std::move(name), std::move(sink));
  logger->set_formatter(std::make_unique<JsonFormatter>());
  return logger;
}

Log::Log(std::shared_ptr<spdlog::logger> logger, nlohmann::json fields)
    : logger_(std::move(logger)), fields_(std::move(fields)) {}

Log Log::with(const std::string& key, nlohmann::json value) const {
  Log child(logger_, fields_);
  child.fields_[key] = std::move(value);
  return child;
}

Log Log::for_object(std::string_view ns, std::string_view name) const {
  return with("namespace", std::string(ns)).with("name", std::string(name));
}

void Log::debug(std::string_view message, const nlohmann::json& extra) const {
  write(spdlog::level::debug, message, extra);
}
void Log::info(std::string_view message, const nlohmann::json& extra) const {
  write(spdlog::level::info, message, extra);
}
void Log::warn(std::string_view message, const nlohmann::json& extra) const {
  write(spdlog::level::warn, message, extra);
}
void Log::error(std::string_view message, const nlohmann::json& extra) const {
  write(spdlog::level::err, message, extra);
}

void Log::write(spdlog::level::level_enum level, std::string_view message,
                const nlohmann::json& extra) const {
  if (!logger_->should_log(level)) return;
  nlohmann::json line = nlohmann::json::object();
  line["msg"] = std::string(message);
  for (const auto& [key, value] : fields_.items()) line[key] = value;
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) line[key] = value;
  }
  logger_->log(level, "{}", dump(line));
}

}  // namespace chartmirror::runtime
