#include "charts/oci/chart_manifest.h"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "charts/oci/reference.h"
#include "registry/oci/media_types.h"

namespace chartmirror::charts {
namespace {

namespace media_type = registry::oci::media_type;
using registry::oci::Descriptor;
using registry::oci::Digest;

constexpr std::string_view kAnnotationDescription = "org.opencontainers.image.description";
constexpr std::string_view kAnnotationTitle = "org.opencontainers.image.title";
constexpr std::string_view kAnnotationVersion = "org.opencontainers.image.version";
constexpr std::string_view kAnnotationUrl = "org.opencontainers.image.url";
constexpr std::string_view kAnnotationCreated = "org.opencontainers.image.created";
constexpr std::string_view kAnnotationSource = "org.opencontainers.image.source";
constexpr std::string_view kAnnotationAuthors = "org.opencontainers.image.authors";

Error invalid_config(const std::string& why) {
  return Error{.code = Error::Code::kInvalidInput,
               .message = "the chart's config JSON " + why +
                          "; it must be the chart metadata "
                          "helm push writes (Chart.yaml as JSON)"};
}

// Decodes one UTF-8 sequence at `at` as Go's utf8.DecodeRuneInString does: the code point and
// its length, or length 1 and -1 for an invalid or truncated sequence, an overlong form, a
// surrogate or a value past U+10FFFF.
std::pair<long, size_t> decode_rune(std::string_view text, size_t at) {
  struct Form {
    unsigned char first;  // lead bytes first..last start a sequence of `length` bytes
    unsigned char last;
    size_t length;
    unsigned char lead_bits;
    long minimum;  // smaller values are overlong forms
  };
  static constexpr Form kForms[] = {
      {0xC2, 0xDF, 2, 0x1F, 0x80}, {0xE0, 0xEF, 3, 0x0F, 0x800}, {0xF0, 0xF4, 4, 0x07, 0x10000}};
  const auto lead = static_cast<unsigned char>(text[at]);
  for (const Form& form : kForms) {
    if (lead < form.first || lead > form.last) continue;
    if (at + form.length > text.size()) return {-1, 1};
    long rune = lead & form.lead_bits;
    for (size_t i = 1; i < form.length; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0U) != 0x80U) return {-1, 1};
      rune = (rune << 6U) | (next & 0x3FL);
    }
    if (rune < form.minimum || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF)) {
      return {-1, 1};
    }
    return {rune, form.length};
  }
  return {-1, 1};
}

// Reads a string field; "" when absent or null, an error when of another type.
Result<std::string, Error> string_field(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::string();
  if (!it->is_string()) return invalid_config(std::string("has a non-string \"") + key + "\"");
  return it->get<std::string>();
}

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    // Go's strings.TrimSpace. Helm sanitizes these fields before (every Unicode space becomes
    // ' '), so ASCII whitespace is all a blank value can hold.
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  });
}

std::string descriptor_json(const Descriptor& descriptor) {
  return R"({"mediaType":)" + go_json_quote(descriptor.media_type) + R"(,"digest":)" +
         go_json_quote(descriptor.digest.str()) + R"(,"size":)" + std::to_string(descriptor.size) +
         "}";
}

Descriptor descriptor_of(std::string_view media, std::string_view bytes) {
  return Descriptor{.media_type = std::string(media),
                    .digest = Digest::of(bytes),
                    .size = static_cast<int64_t>(bytes.size())};
}

}  // namespace

std::string go_json_quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      ++at;
      switch (c) {
        case '"':
          out += "\\\"";
          continue;
        case '\\':
          out += "\\\\";
          continue;
        case '\b':
          out += "\\b";
          continue;
        case '\f':
          out += "\\f";
          continue;
        case '\n':
          out += "\\n";
          continue;
        case '\r':
          out += "\\r";
          continue;
        case '\t':
          out += "\\t";
          continue;
        default:
          break;
      }
      if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        out += "\\u00";
        out += kHex[c >> 4U];
        out += kHex[c & 0xFU];
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    const auto [rune, length] = decode_rune(text, at);
    if (rune < 0) {
      out += "\\ufffd";
    } else if (rune == 0x2028 || rune == 0x2029) {
      out += rune == 0x2028 ? "\\u2028" : "\\u2029";
    } else {
      out += text.substr(at, length);
    }
    at += length;
  }
  return out + "\"";
}

Result<std::map<std::string, std::string>, Error> helm_annotations(std::string_view config_json,
                                                                   std::string_view created) {
  nlohmann::json config;
  try {
    config = nlohmann::json::parse(config_json);
  } catch (const nlohmann::json::exception& e) {
    return invalid_config(std::string("is not JSON (") + e.what() + ")");
  }
  if (!config.is_object()) return invalid_config("is not an object");
  std::map<std::string, std::string> annotations;
  const auto add = [&](std::string_view key, const std::string& value) {
    if (!blank(value)) annotations[std::string(key)] = value;
  };
  for (const auto& [key, field] :
       {std::pair{kAnnotationDescription, "description"}, std::pair{kAnnotationTitle, "name"},
        std::pair{kAnnotationVersion, "version"}, std::pair{kAnnotationUrl, "home"}}) {
    auto value = string_field(config, field);
    if (!value.ok()) return value.error();
    add(key, *value);
  }
  add(kAnnotationCreated, std::string(created));
  try {
    if (const auto sources = config.find("sources");
        sources != config.end() && !sources->is_null()) {
      if (!sources->is_array()) return invalid_config("has a non-list \"sources\"");
      if (!sources->empty()) add(kAnnotationSource, sources->at(0).get<std::string>());
    }
    if (const auto maintainers = config.find("maintainers");
        maintainers != config.end() && !maintainers->is_null()) {
      if (!maintainers->is_array()) return invalid_config("has a non-list \"maintainers\"");
      std::string authors;
      for (size_t i = 0; i < maintainers->size(); ++i) {
        const auto& maintainer = maintainers->at(i);
        auto name = string_field(maintainer, "name");
        auto email = string_field(maintainer, "email");
        if (!name.ok()) return name.error();
        if (!email.ok()) return email.error();
        authors += *name;
        if (!email->empty()) authors += " (" + *email + ")";
        if (i + 1 < maintainers->size()) authors += ", ";
      }
      if (!maintainers->empty()) add(kAnnotationAuthors, authors);
    }
    if (const auto chart = config.find("annotations"); chart != config.end() && !chart->is_null()) {
      if (!chart->is_object()) return invalid_config("has non-map \"annotations\"");
      for (const auto& [key, value] : chart->items()) {
        if (key == kAnnotationTitle || key == kAnnotationVersion) continue;  // immutable in helm
        annotations[key] = value.get<std::string>();
      }
    }
  } catch (const nlohmann::json::exception& e) {
    return invalid_config(std::string("has a field of the wrong type (") + e.what() + ")");
  }
  if (!annotations.contains(std::string(kAnnotationTitle))) {
    return invalid_config("has no \"name\"");
  }
  if (!annotations.contains(std::string(kAnnotationVersion))) {
    return invalid_config("has no \"version\"");
  }
  return annotations;
}

Result<ChartManifest, Error> build_chart_manifest(const ChartArtifact& artifact) {
  auto annotations = helm_annotations(artifact.config_json, artifact.created);
  if (!annotations.ok()) return annotations.error();
  ChartManifest manifest;
  manifest.name = annotations->at(std::string(kAnnotationTitle));
  manifest.version = annotations->at(std::string(kAnnotationVersion));
  manifest.tag = version_to_tag(manifest.version);
  manifest.config = descriptor_of(media_type::kHelmConfig, artifact.config_json);
  manifest.chart = descriptor_of(media_type::kHelmChartContent, artifact.archive);
  std::vector<Descriptor> layers{manifest.chart};
  if (artifact.provenance) {
    manifest.provenance = descriptor_of(media_type::kHelmChartProvenance, *artifact.provenance);
    layers.push_back(*manifest.provenance);
  }
  // oras-go v1 content.pack: "sort descriptors alphanumerically by sha hash".
  std::sort(layers.begin(), layers.end(), [](const Descriptor& a, const Descriptor& b) {
    return a.digest.str() < b.digest.str();
  });

  std::string& json = manifest.bytes;
  json = R"({"schemaVersion":2,"config":)" + descriptor_json(manifest.config) + R"(,"layers":[)";
  for (size_t i = 0; i < layers.size(); ++i) {
    json += (i == 0 ? "" : ",") + descriptor_json(layers[i]);
  }
  json += R"(],"annotations":{)";
  bool first = true;
  for (const auto& [key, value] : *annotations) {
    json += (first ? "" : ",") + go_json_quote(key) + ":" + go_json_quote(value);
    first = false;
  }
  json += "}}";
  manifest.descriptor = descriptor_of(media_type::kOciManifest, json);
  return manifest;
}

Result<ChartLayers, Error> chart_layers(const registry::oci::Manifest& manifest,
                                        std::string_view source) {
  const auto not_a_chart = [&](const std::string& why) {
    return Error{.code = Error::Code::kInvalidInput,
                 .message = "not a Helm chart: " + why,
                 .source = std::string(source)};
  };
  const registry::oci::ImageManifest* image = manifest.image();
  if (image == nullptr) {
    return not_a_chart("it is an image index (" + manifest.media_type() +
                       "), and Helm charts are single manifests");
  }
  if (image->config.media_type != media_type::kHelmConfig) {
    return not_a_chart("its config has media type " + image->config.media_type + ", not " +
                       std::string(media_type::kHelmConfig) +
                       (image->config.media_type == media_type::kOciConfig ||
                                image->config.media_type == media_type::kDockerConfig
                            ? " (it looks like a container image)"
                            : ""));
  }
  ChartLayers layers{.config = image->config, .chart = {}, .provenance = std::nullopt};
  bool have_chart = false;
  for (const auto& layer : image->layers) {
    if (layer.media_type == media_type::kHelmChartContent ||
        layer.media_type == kLegacyChartLayerMediaType) {
      if (have_chart) return not_a_chart("it has more than one chart layer");
      layers.chart = layer;
      have_chart = true;
    } else if (layer.media_type == media_type::kHelmChartProvenance) {
      if (layers.provenance) return not_a_chart("it has more than one provenance layer");
      layers.provenance = layer;
    }
  }
  if (!have_chart) {
    return not_a_chart("it has no layer of media type " +
                       std::string(media_type::kHelmChartContent));
  }
  return layers;
}

}  // namespace chartmirror::charts
