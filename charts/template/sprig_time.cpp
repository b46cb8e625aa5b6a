// Go's time.Time as a template value (sprig_time.h): the clock, Add and Sub with Go's
// monotonic rules, the Go-typed encoding, and the methods templates call on it.
#include "charts/template/sprig_time.h"

#include <ctime>
#include <string>
#include <utility>

#include "charts/template/go_type.h"
#include "charts/template/sprig.h"

namespace chartmirror::charts::tmpl::sprig {
namespace {

using values::Value;

constexpr std::int64_t kNanos = 1000000000;

std::int64_t monotonic_nanos() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * kNanos + ts.tv_nsec;
}

// Go's runtime.startNano: the clock at start, less one, so that the first reading is
// m=+0.000000001 or more.
const std::int64_t kStartNanos = monotonic_nanos() - 1;

// Unix second of 1885-01-01: Go keeps a monotonic reading only while the wall time is within
// 2^33 seconds of it (time.go's wallToInternal).
const std::int64_t kWallStart = days_from_civil(1885, 1, 1) * 86400;

int compare(const GoTime& t, const GoTime& u) {
  if (t.mono && u.mono) return *t.mono < *u.mono ? -1 : (*t.mono > *u.mono ? 1 : 0);
  if (t.sec != u.sec) return t.sec < u.sec ? -1 : 1;
  return t.nsec < u.nsec ? -1 : (t.nsec > u.nsec ? 1 : 0);
}

using Method = std::function<FunctionResult(const GoTime&, std::vector<ExecValue>&)>;

Function method(std::vector<ParamType> params, Method call) {
  return Function{.params = std::move(params),
                  .variadic = false,
                  .call = [call = std::move(call)](CallContext&, std::vector<ExecValue>& args) {
                    const auto self = time_param(args[0]);
                    if (!self.ok()) return FunctionResult(self.error());
                    return call(*self, args);
                  }};
}

Function int_method(std::int64_t (*get)(const GoTime&)) {
  return method({}, [get](const GoTime& t, std::vector<ExecValue>&) -> FunctionResult {
    return ExecValue::go_int(get(t));
  });
}

Function int64_method(std::int64_t (*get)(const GoTime&)) {
  return method({}, [get](const GoTime& t, std::vector<ExecValue>&) -> FunctionResult {
    return ExecValue(Value(get(t)));
  });
}

Function in_location(GoLocation::Kind kind) {
  return method({}, [kind](const GoTime& t, std::vector<ExecValue>&) -> FunctionResult {
    GoTime out = t;
    out.loc = GoLocation{.kind = kind};
    return ExecValue(time_value(out));
  });
}

Function comparison(bool (*holds)(int)) {
  return method({ParamType::kAny},
                [holds](const GoTime& t, std::vector<ExecValue>& args) -> FunctionResult {
                  const auto u = time_param(args[1]);
                  if (!u.ok()) return u.error();
                  return ExecValue(Value(holds(compare(t, *u))));
                });
}

}  // namespace

GoTime time_now() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return GoTime{.sec = now.tv_sec,
                .nsec = now.tv_nsec,
                .loc = {.kind = GoLocation::Kind::kLocal},
                .mono = monotonic_nanos() - kStartNanos};
}

GoTime time_unix(std::int64_t sec) {
  return GoTime{.sec = sec, .nsec = 0, .loc = {.kind = GoLocation::Kind::kLocal}, .mono = {}};
}

GoTime time_add(GoTime t, std::int64_t d) {
  std::int64_t dsec = d / kNanos;
  std::int64_t nsec = t.nsec + d % kNanos;
  if (nsec >= kNanos) {
    ++dsec;
    nsec -= kNanos;
  } else if (nsec < 0) {
    --dsec;
    nsec += kNanos;
  }
  t.nsec = nsec;
  std::int64_t sec = 0;
  // Go's addSec saturates.
  if (__builtin_add_overflow(t.sec, dsec, &sec)) sec = dsec > 0 ? INT64_MAX : INT64_MIN;
  t.sec = sec;
  if (t.mono) {
    std::int64_t mono = 0;
    const bool overflow = __builtin_add_overflow(*t.mono, d, &mono);
    const std::int64_t wall = t.sec - kWallStart;
    if (overflow || wall < 0 || wall > (std::int64_t{1} << 33U) - 1) {
      t.mono.reset();
    } else {
      t.mono = mono;
    }
  }
  return t;
}

std::int64_t time_sub(const GoTime& t, const GoTime& u) {
  // Out of range: the limit of the sign, as Go's Sub and subMono give.
  const std::int64_t limit = compare(t, u) < 0 ? INT64_MIN : INT64_MAX;
  std::int64_t d = 0;
  if (t.mono && u.mono) return __builtin_sub_overflow(*t.mono, *u.mono, &d) ? limit : d;
  std::int64_t seconds = 0;
  if (__builtin_sub_overflow(t.sec, u.sec, &seconds) ||
      __builtin_mul_overflow(seconds, kNanos, &d) ||
      __builtin_add_overflow(d, t.nsec - u.nsec, &d)) {
    return limit;
  }
  return d;
}

Value time_value(const GoTime& t) {
  Value::Map fields;
  fields.emplace("sec", Value(t.sec));
  fields.emplace("nsec", Value(t.nsec));
  switch (t.loc.kind) {
    case GoLocation::Kind::kUtc:
      fields.emplace("loc", Value("UTC"));
      break;
    case GoLocation::Kind::kLocal:
      fields.emplace("loc", Value("Local"));
      break;
    case GoLocation::Kind::kFixed:
      fields.emplace("loc", Value("Fixed"));
      fields.emplace("zone", Value(t.loc.name));
      fields.emplace("offset", Value(t.loc.offset));
      break;
  }
  if (t.mono) fields.emplace("mono", Value(*t.mono));
  return make_go_value(kTimeType, std::move(fields));
}

std::optional<GoTime> time_of(const ExecValue& v) {
  const Value& value = v.value();
  const std::string* type = go_type_of(value);
  if (type == nullptr || *type != kTimeType) return std::nullopt;
  const auto int_field = [&](std::string_view name) -> std::optional<std::int64_t> {
    const Value* field = value.find(name);
    if (field == nullptr || !field->is_int()) return std::nullopt;
    return field->as_int();
  };
  const Value* loc = value.find("loc");
  const auto sec = int_field("sec");
  const auto nsec = int_field("nsec");
  if (!sec || !nsec || loc == nullptr || !loc->is_string()) return std::nullopt;
  GoTime t{.sec = *sec, .nsec = *nsec, .loc = {}, .mono = int_field("mono")};
  if (loc->as_string() == "Local") {
    t.loc.kind = GoLocation::Kind::kLocal;
  } else if (loc->as_string() == "Fixed") {
    const Value* zone = value.find("zone");
    t.loc = {.kind = GoLocation::Kind::kFixed,
             .name = zone != nullptr && zone->is_string() ? zone->as_string() : "",
             .offset = int_field("offset").value_or(0)};
  }
  return t;
}

Result<GoTime, std::string> time_param(const ExecValue& v) {
  if (auto t = time_of(v)) return *std::move(t);
  if (!v.is_valid() || v.is_nil()) return std::string("invalid value; expected time.Time");
  return "wrong type for value; expected time.Time; got " + v.type_name();
}

}  // namespace chartmirror::charts::tmpl::sprig

namespace chartmirror::charts::tmpl {

void add_sprig_go_types(GoTypes& types) {
  using sprig::GoTime;
  using P = ParamType;
  GoType type{.kind = GoType::Kind::kOpaque, .zero = {}, .methods = {}};
  FunctionMap& m = type.methods;
  m["String"] = sprig::method({}, [](const GoTime& t, std::vector<ExecValue>&) -> FunctionResult {
    return ExecValue(values::Value(sprig::time_string(t)));
  });
  m["Format"] =
      sprig::method({P::kString}, [](const GoTime& t, std::vector<ExecValue>& a) -> FunctionResult {
        return ExecValue(values::Value(sprig::format_time(a[1].value().as_string(), t)));
      });
  m["Unix"] = sprig::int64_method([](const GoTime& t) { return t.sec; });
  m["UnixMilli"] = sprig::int64_method([](const GoTime& t) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(t.sec) * 1000U) + t.nsec / 1000000;
  });
  m["UnixMicro"] = sprig::int64_method([](const GoTime& t) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(t.sec) * 1000000U) + t.nsec / 1000;
  });
  m["UnixNano"] = sprig::int64_method([](const GoTime& t) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(t.sec) * 1000000000U) + t.nsec;
  });
  m["UTC"] = sprig::in_location(sprig::GoLocation::Kind::kUtc);
  m["Local"] = sprig::in_location(sprig::GoLocation::Kind::kLocal);
  m["Year"] = sprig::int_method([](const GoTime& t) { return sprig::civil_of(t).year; });
  m["YearDay"] = sprig::int_method(
      [](const GoTime& t) { return static_cast<std::int64_t>(sprig::civil_of(t).yday); });
  m["Day"] = sprig::int_method(
      [](const GoTime& t) { return static_cast<std::int64_t>(sprig::civil_of(t).day); });
  m["Hour"] = sprig::int_method(
      [](const GoTime& t) { return static_cast<std::int64_t>(sprig::civil_of(t).hour); });
  m["Minute"] = sprig::int_method(
      [](const GoTime& t) { return static_cast<std::int64_t>(sprig::civil_of(t).minute); });
  m["Second"] = sprig::int_method(
      [](const GoTime& t) { return static_cast<std::int64_t>(sprig::civil_of(t).second); });
  m["Nanosecond"] = sprig::int_method([](const GoTime& t) { return t.nsec; });
  m["IsZero"] = sprig::method({}, [](const GoTime& t, std::vector<ExecValue>&) -> FunctionResult {
    return ExecValue(values::Value(t.sec == GoTime{}.sec && t.nsec == 0));
  });
  m["Equal"] = sprig::comparison([](int c) { return c == 0; });
  m["Before"] = sprig::comparison([](int c) { return c < 0; });
  m["After"] = sprig::comparison([](int c) { return c > 0; });
  types.insert_or_assign(std::string(sprig::kTimeType), std::move(type));
}

}  // namespace chartmirror::charts::tmpl
