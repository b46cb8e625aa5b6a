#include "controllers/spec.h"

#include <cmath>
#include <optional>
#include <regex>
#include <set>
#include <utility>

#include "charts/values/json.h"
#include "charts/values/yaml.h"

namespace chartmirror::controllers {
namespace {

using nlohmann::json;

// The CRD's patterns (crds/chartmirror.io_chartmirrors.yaml), anchored as written there,
// compiled once, on first use: nothing at namespace scope may call patterns().
struct Patterns {
  std::regex source_url{
      R"(^(https?://[^\s/?#]+(/[^\s#]*)?|oci://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*)$)"};
  std::regex destination_url{
      R"(^oci://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$)"};
  std::regex object_name{R"(^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)"};
  std::regex chart_name{R"(^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*$)"};
  std::regex version{R"(^[0-9A-Za-z.+\-<>=!~^*|, ]+$)"};
  std::regex key{R"(^[-._a-zA-Z0-9]+$)"};
  std::regex no_space{R"(^\S+$)"};
  std::regex image{R"(^[A-Za-z0-9][A-Za-z0-9._:/@-]*$)"};
  std::regex platform{R"(^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$)"};
  std::regex registry{R"(^[A-Za-z0-9.-]+(:[0-9]{1,5})?$)"};
  std::regex mirror{R"(^[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$)"};
  std::regex kube_version{R"(^v?[0-9]+\.[0-9]+(\.[0-9]+)?$)"};
  std::regex api_version{R"(^([a-z0-9.-]+/)?v[0-9]+[a-z0-9]*(/[A-Za-z0-9]+)?$)"};
};

const Patterns& patterns() {
  static const Patterns kCompiled;
  return kCompiled;
}

struct StringRule {
  bool required = false;
  size_t min_length = 0;
  size_t max_length = 0;  // 0: unbounded
  const std::regex* pattern = nullptr;
  std::string_view pattern_text;  // for the message
};

// Reads fields and remembers the first problem, with its path.
class Reader {
 public:
  [[nodiscard]] bool failed() const { return error_.has_value(); }
  [[nodiscard]] Error take_error() { return std::move(*error_); }

  bool fail(const std::string& field, std::string message) {
    if (!error_) error_ = Error{Error::Code::kInvalidSpec, field, std::move(message)};
    return false;
  }

  // `value` is an object holding only `allowed` keys.
  bool object(const json& value, const std::string& path,
              const std::set<std::string_view>& allowed) {
    if (!value.is_object()) return fail(path, "must be an object");
    for (const auto& [key, unused] : value.items()) {
      if (allowed.contains(key)) continue;
      std::string field = path;
      field += ".";
      field += key;
      return fail(field, "unknown field");
    }
    return true;
  }

  bool string(const json& parent, std::string_view key, const std::string& path,
              const StringRule& rule, std::string& out) {
    const std::string field = path + "." + std::string(key);
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) {
      return rule.required ? fail(field, "required") : true;
    }
    return string_value(*it, field, rule, out);
  }

  bool string_value(const json& value, const std::string& field, const StringRule& rule,
                    std::string& out) {
    if (!value.is_string()) return fail(field, "must be a string");
    out = value.get<std::string>();
    if (out.size() < rule.min_length) {
      return fail(field, out.empty() ? "must not be empty"
                                     : "must be at least " + std::to_string(rule.min_length) +
                                           " characters");
    }
    if (rule.max_length != 0 && out.size() > rule.max_length) {
      return fail(field, "must be at most " + std::to_string(rule.max_length) + " characters");
    }
    if (rule.pattern != nullptr && !std::regex_match(out, *rule.pattern)) {
      return fail(field, "\"" + out + "\" does not match " + std::string(rule.pattern_text));
    }
    return true;
  }

  bool boolean(const json& parent, std::string_view key, const std::string& path, bool& out) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return true;
    if (!it->is_boolean()) return fail(path + "." + std::string(key), "must be true or false");
    out = it->get<bool>();
    return true;
  }

  // A list of strings, each under `rule`, at most `max_items`, no duplicates (a CRD set).
  bool string_set(const json& parent, std::string_view key, const std::string& path,
                  size_t max_items, const StringRule& rule, std::vector<std::string>& out) {
    const std::string field = path + "." + std::string(key);
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return true;
    if (!list(*it, field, 0, max_items)) return false;
    std::set<std::string> seen;
    for (size_t i = 0; i < it->size(); ++i) {
      std::string item;
      const std::string item_field = field + "[" + std::to_string(i) + "]";
      if (!string_value((*it)[i], item_field, rule, item)) return false;
      if (!seen.insert(item).second) return fail(item_field, "duplicate value \"" + item + "\"");
      out.push_back(std::move(item));
    }
    return true;
  }

  bool list(const json& value, const std::string& field, size_t min_items, size_t max_items) {
    if (!value.is_array()) return fail(field, "must be a list");
    if (value.size() < min_items) {
      return fail(field, "must have at least " + std::to_string(min_items) + " item(s)");
    }
    if (value.size() > max_items) {
      return fail(field, "must have at most " + std::to_string(max_items) + " items");
    }
    return true;
  }

  // {name: ...} references to Secrets of the ChartMirror's namespace.
  bool object_ref(const json& parent, std::string_view key, const std::string& path,
                  std::string& out) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return true;
    const std::string field = path + "." + std::string(key);
    if (!object(*it, field, {"name"})) return false;
    return string(*it, "name", field,
                  {.required = true,
                   .max_length = 253,
                   .pattern = &patterns().object_name,
                   .pattern_text = "a Kubernetes object name"},
                  out);
  }

  bool access(const json& parent, const std::string& path, Access& out) {
    return object_ref(parent, "secretRef", path, out.secret_ref) &&
           object_ref(parent, "certSecretRef", path, out.cert_secret_ref) &&
           boolean(parent, "insecureSkipTLSVerify", path, out.insecure_skip_tls_verify) &&
           boolean(parent, "plainHTTP", path, out.plain_http);
  }

  // The CEL rule of source, destination and mirrors: TLS settings need TLS.
  bool tls_needs_tls(const Access& access, bool plain, const std::string& path) {
    if (!plain) return true;
    if (access.insecure_skip_tls_verify) {
      return fail(path + ".insecureSkipTLSVerify",
                  "insecureSkipTLSVerify and certSecretRef need TLS: they do not apply to an "
                  "http:// URL or with plainHTTP");
    }
    if (!access.cert_secret_ref.empty()) {
      return fail(path + ".certSecretRef",
                  "insecureSkipTLSVerify and certSecretRef need TLS: they do not apply to an "
                  "http:// URL or with plainHTTP");
    }
    return true;
  }

 private:
  std::optional<Error> error_;
};

// A function, not a namespace-scope constant: a constant would compile every pattern at
// static initialization, which each command (`template` too) would pay before main.
StringRule object_name_rule() {
  return {.required = true,
          .max_length = 253,
          .pattern = &patterns().object_name,
          .pattern_text = "a Kubernetes object name"};
}

bool read_source(Reader& r, const json& spec, SourceSpec& out) {
  const auto it = spec.find("source");
  if (it == spec.end() || it->is_null()) return r.fail("spec.source", "required");
  const std::string path = "spec.source";
  if (!r.object(*it, path,
                {"url", "secretRef", "certSecretRef", "insecureSkipTLSVerify", "plainHTTP"}) ||
      !r.string(
          *it, "url", path,
          {.required = true,
           .max_length = 2048,
           .pattern = &patterns().source_url,
           .pattern_text = "https://HOST[/PATH], http://HOST[/PATH] or oci://HOST[:PORT][/PATH]"},
          out.url) ||
      !r.access(*it, path, out.access)) {
    return false;
  }
  const bool oci = out.url.starts_with("oci://");
  if (out.access.plain_http && !oci) {
    return r.fail(path + ".plainHTTP",
                  "plainHTTP applies to oci:// sources only; a plain-HTTP chart repository is "
                  "written with an http:// URL");
  }
  return r.tls_needs_tls(out.access, out.url.starts_with("http://") || out.access.plain_http, path);
}

bool read_values_from(Reader& r, const json& chart, const std::string& path,
                      std::vector<ValuesFrom>& out) {
  const auto it = chart.find("valuesFrom");
  if (it == chart.end() || it->is_null()) return true;
  const std::string field = path + ".valuesFrom";
  if (!r.list(*it, field, 0, 16)) return false;
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string item_path = field + "[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    ValuesFrom from;
    if (!r.object(item, item_path, {"kind", "name", "key"}) ||
        !r.string(item, "kind", item_path, {.required = true}, from.kind) ||
        !r.string(item, "name", item_path, object_name_rule(), from.name) ||
        !r.string(
            item, "key", item_path,
            {.max_length = 253, .pattern = &patterns().key, .pattern_text = "[-._a-zA-Z0-9]+"},
            from.key)) {
      return false;
    }
    if (from.kind != "ConfigMap" && from.kind != "Secret") {
      return r.fail(item_path + ".kind", "must be ConfigMap or Secret, not \"" + from.kind + "\"");
    }
    out.push_back(std::move(from));
  }
  return true;
}

bool read_charts(Reader& r, const json& spec, std::vector<ChartSpec>& out) {
  const auto it = spec.find("charts");
  if (it == spec.end() || it->is_null()) return r.fail("spec.charts", "required");
  if (!r.list(*it, "spec.charts", 1, 100)) return false;
  std::set<std::string> names;
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string path = "spec.charts[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    ChartSpec chart;
    if (!r.object(item, path, {"name", "version", "values", "valuesFrom"}) ||
        !r.string(item, "name", path,
                  {.required = true,
                   .max_length = 128,
                   .pattern = &patterns().chart_name,
                   .pattern_text = "a lowercase OCI path component"},
                  chart.name) ||
        !r.string(item, "version", path,
                  {.min_length = 1,
                   .max_length = 256,
                   .pattern = &patterns().version,
                   .pattern_text = "a version or semantic-version constraint"},
                  chart.version) ||
        !read_values_from(r, item, path, chart.values_from)) {
      return false;
    }
    if (const auto values = item.find("values"); values != item.end() && !values->is_null()) {
      if (!values->is_object()) return r.fail(path + ".values", "must be an object");
      chart.values_json = values->dump();
    }
    if (!names.insert(chart.name).second) {
      return r.fail(path + ".name", "duplicate chart \"" + chart.name +
                                        "\": mirror two versions of one chart with two "
                                        "ChartMirrors");
    }
    out.push_back(std::move(chart));
  }
  return true;
}

bool read_images(Reader& r, const json& spec, ImagesSpec& out) {
  const auto it = spec.find("images");
  if (it == spec.end() || it->is_null()) return true;
  const std::string path = "spec.images";
  return r.object(*it, path, {"exclude", "extra", "platforms", "allReferrers"}) &&
         r.string_set(*it, "exclude", path, 100,
                      {.min_length = 1,
                       .max_length = 512,
                       .pattern = &patterns().no_space,
                       .pattern_text = "a glob without spaces"},
                      out.exclude) &&
         r.string_set(*it, "extra", path, 100,
                      {.max_length = 512,
                       .pattern = &patterns().image,
                       .pattern_text = "an image reference (NAME:TAG or NAME@DIGEST)"},
                      out.extra) &&
         r.string_set(*it, "platforms", path, 16,
                      {.max_length = 64,
                       .pattern = &patterns().platform,
                       .pattern_text = "os/arch[/variant]"},
                      out.platforms) &&
         r.boolean(*it, "allReferrers", path, out.all_referrers);
}

bool read_mirrors(Reader& r, const json& spec, std::vector<RegistryMirror>& out) {
  const auto it = spec.find("registryMirrors");
  if (it == spec.end() || it->is_null()) return true;
  if (!r.list(*it, "spec.registryMirrors", 0, 32)) return false;
  std::set<std::string> registries;
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string path = "spec.registryMirrors[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    RegistryMirror mirror;
    if (!r.object(item, path,
                  {"registry", "mirror", "secretRef", "certSecretRef", "insecureSkipTLSVerify",
                   "plainHTTP"}) ||
        !r.string(item, "registry", path,
                  {.required = true,
                   .max_length = 253,
                   .pattern = &patterns().registry,
                   .pattern_text = "HOST[:PORT]"},
                  mirror.registry) ||
        !r.string(item, "mirror", path,
                  {.required = true,
                   .max_length = 1024,
                   .pattern = &patterns().mirror,
                   .pattern_text = "HOST[:PORT][/PATH] (no scheme)"},
                  mirror.mirror) ||
        !r.access(item, path, mirror.access) ||
        !r.tls_needs_tls(mirror.access, mirror.access.plain_http, path)) {
      return false;
    }
    if (!registries.insert(mirror.registry).second) {
      return r.fail(path + ".registry", "duplicate registry \"" + mirror.registry + "\"");
    }
    out.push_back(std::move(mirror));
  }
  return true;
}

bool read_destination(Reader& r, const json& spec, DestinationSpec& out) {
  const auto it = spec.find("destination");
  if (it == spec.end() || it->is_null()) return r.fail("spec.destination", "required");
  const std::string path = "spec.destination";
  return r.object(*it, path,
                  {"url", "secretRef", "certSecretRef", "insecureSkipTLSVerify", "plainHTTP"}) &&
         r.string(*it, "url", path,
                  {.required = true,
                   .max_length = 1024,
                   .pattern = &patterns().destination_url,
                   .pattern_text = "oci://HOST[:PORT][/PATH], the path in lowercase"},
                  out.url) &&
         r.access(*it, path, out.access) &&
         r.tls_needs_tls(out.access, out.access.plain_http, path);
}

bool read_capabilities(Reader& r, const json& spec, CapabilitiesSpec& out) {
  const auto it = spec.find("capabilities");
  if (it == spec.end() || it->is_null()) return true;
  const std::string path = "spec.capabilities";
  return r.object(*it, path, {"kubeVersion", "apiVersions"}) &&
         r.string(*it, "kubeVersion", path,
                  {.max_length = 64,
                   .pattern = &patterns().kube_version,
                   .pattern_text = "a Kubernetes version (v1.31.4)"},
                  out.kube_version) &&
         r.string_set(*it, "apiVersions", path, 256,
                      {.max_length = 256,
                       .pattern = &patterns().api_version,
                       .pattern_text = "GROUP/VERSION[/KIND]"},
                      out.api_versions);
}

}  // namespace

Result<std::chrono::milliseconds, Error> parse_interval(std::string_view text) {
  static const std::regex kPattern(R"(^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$)");
  const auto invalid = [&](std::string message) {
    return Error{Error::Code::kInvalidSpec, "spec.interval", std::move(message)};
  };
  const std::string owned(text);
  if (owned.size() > 32 || !std::regex_match(owned, kPattern)) {
    return invalid("\"" + owned + "\" is not a duration of ms, s, m and h (1h, 30m, 1h30m)");
  }
  static const std::regex kPart(R"(([0-9]+(?:\.[0-9]+)?)(ms|s|m|h))");
  double millis = 0;
  for (auto it = std::sregex_iterator(owned.begin(), owned.end(), kPart);
       it != std::sregex_iterator(); ++it) {
    const double amount = std::stod((*it)[1].str());
    const std::string unit = (*it)[2].str();
    const double scale = unit == "ms" ? 1.0 : unit == "s" ? 1e3 : unit == "m" ? 6e4 : 3.6e6;
    millis += amount * scale;
  }
  if (millis < 1000.0) return invalid("interval must be at least 1s");
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(millis)));
}

Result<ChartMirrorSpec, Error> parse_spec(const json& spec) {
  Reader r;
  ChartMirrorSpec out;
  if (!r.object(spec, "spec",
                {"source", "charts", "images", "registryMirrors", "destination", "rewriteValues",
                 "capabilities", "interval", "suspend"}) ||
      !read_source(r, spec, out.source) || !read_charts(r, spec, out.charts) ||
      !read_images(r, spec, out.images) || !read_mirrors(r, spec, out.registry_mirrors) ||
      !read_destination(r, spec, out.destination) ||
      !r.boolean(spec, "rewriteValues", "spec", out.rewrite_values) ||
      !read_capabilities(r, spec, out.capabilities) ||
      !r.string(spec, "interval", "spec", {.max_length = 32}, out.interval_text) ||
      !r.boolean(spec, "suspend", "spec", out.suspend)) {
    return r.take_error();
  }
  if (out.source.url == out.destination.url) {
    return Error{Error::Code::kInvalidSpec, "spec.destination.url",
                 "destination.url must differ from source.url"};
  }
  auto interval = parse_interval(out.interval_text);
  if (!interval.ok()) return interval.error();
  out.interval = *interval;
  return out;
}

Result<ChartMirror, Error> chart_mirror_from_json(const json& object) {
  const auto invalid = [](std::string field, std::string message) {
    return Error{Error::Code::kInvalidSpec, std::move(field), std::move(message)};
  };
  if (!object.is_object()) return invalid("", "a ChartMirror must be an object");
  if (object.value("apiVersion", "") != "chartmirror.io/v1alpha1") {
    return invalid("apiVersion", "must be chartmirror.io/v1alpha1");
  }
  if (object.value("kind", "") != "ChartMirror") return invalid("kind", "must be ChartMirror");
  ChartMirror out;
  const json metadata = object.value("metadata", json::object());
  if (!metadata.is_object()) return invalid("metadata", "must be an object");
  if (const auto it = metadata.find("name"); it != metadata.end() && it->is_string()) {
    out.name = it->get<std::string>();
  }
  if (out.name.empty()) return invalid("metadata.name", "required");
  if (const auto it = metadata.find("namespace"); it != metadata.end() && it->is_string()) {
    out.namespace_ = it->get<std::string>();
  }
  if (const auto it = metadata.find("generation"); it != metadata.end() && it->is_number()) {
    out.generation = it->get<std::int64_t>();
  }
  out.spec = object.value("spec", json());
  if (out.spec.is_null()) return invalid("spec", "required");
  out.status = object.value("status", json());
  return out;
}

Result<ChartMirror, Error> chart_mirror_from_yaml(std::string_view yaml, std::string_view source) {
  auto value = charts::values::parse_yaml(yaml, source);
  if (!value.ok()) return Error{Error::Code::kInvalidSpec, "", value.error().describe()};
  auto text = charts::values::to_json(*value);
  if (!text.ok()) return Error{Error::Code::kInvalidSpec, "", text.error().describe()};
  json parsed = json::parse(*text, nullptr, false);
  if (parsed.is_discarded()) {
    return Error{Error::Code::kInvalidSpec, "", std::string(source) + ": not a JSON object"};
  }
  return chart_mirror_from_json(parsed);
}

}  // namespace chartmirror::controllers
