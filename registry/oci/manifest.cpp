#include "registry/oci/manifest.h"

#include <nlohmann/json.hpp>

#include "registry/oci/field_reader.h"
#include "registry/oci/media_types.h"

namespace chartmirror::registry::oci {
namespace {

using nlohmann::json;
using Need = FieldReader::Need;

constexpr std::string_view kOperation = "parse manifest";

Error make_error(Error::Code code, std::string message) {
  return Error{.code = code, .message = std::move(message), .operation = std::string(kOperation)};
}

Error schema1_error() {
  return make_error(Error::Code::kUnsupported,
                    "Docker schema 1 manifests are not supported; push the image again with a "
                    "current client (docker push, or skopeo copy --format v2s2) so that the "
                    "registry serves a schema 2 or OCI manifest");
}

// Manifests nest a few levels (root, layers, descriptor, platform, os.features); anything far
// deeper is refused before nlohmann builds it, which for a 4 MiB document of brackets costs
// seconds and a hundred MB. Counts brackets outside strings; exact for valid JSON, and invalid
// JSON is refused either way.
constexpr int kMaxDepth = 64;

bool nests_too_deep(std::string_view bytes) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : bytes) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// nlohmann's what() starts with "[json.exception.parse_error.101] "; users need the rest.
std::string without_exception_id(const char* what) {
  const std::string_view text(what);
  const std::size_t end = text.starts_with("[json.exception.") ? text.find("] ") : text.npos;
  return std::string(end == text.npos ? text : text.substr(end + 2));
}

// The document's own media type when it names a manifest or index, else the header's, else
// what the content shows. Docker schema 2 documents always carry mediaType; OCI documents
// written before image-spec 1.0.2 may not.
Result<std::string, Error> resolve_media_type(const json& root, const std::string& declared,
                                              std::string_view header) {
  if (!declared.empty()) {
    if (media_type::is_index(declared) || media_type::is_manifest(declared)) return declared;
    return make_error(Error::Code::kUnsupported,
                      "mediaType '" + declared +
                          "' is not a manifest or index type chartmirror supports (OCI image "
                          "manifest or index, Docker schema 2 manifest or manifest list)");
  }
  if (media_type::is_index(header) || media_type::is_manifest(header)) {
    return std::string(header);
  }
  if (root.contains("manifests")) return std::string(media_type::kOciIndex);
  if (root.contains("config")) return std::string(media_type::kOciManifest);
  return make_error(Error::Code::kInvalidInput,
                    "cannot tell an image manifest from an index: the document has no "
                    "mediaType, the Content-Type ('" +
                        std::string(header) +
                        "') names neither, and the document has neither 'config' nor "
                        "'manifests'");
}

// image-spec 1.0.2 (GHSA-77vh-xpmg-72qh, distribution-spec GHSA-mc8v-mgrf-8f4m): a document
// with fields of both kinds could be read as either, so it is refused.
std::optional<Error> ambiguity(const json& root, bool index) {
  const char* foreign = nullptr;
  if (index) {
    if (root.contains("config")) foreign = "config";
    if (root.contains("layers")) foreign = "layers";
  } else if (root.contains("manifests")) {
    foreign = "manifests";
  }
  if (foreign == nullptr) return std::nullopt;
  return make_error(Error::Code::kInvalidInput,
                    std::string("an ") + (index ? "index" : "image manifest") +
                        " must not have a '" + foreign +
                        "' field: the document could be read both as a manifest and as an index");
}

ImageManifest read_image(FieldReader& reader, const json& root) {
  ImageManifest image;
  image.config = reader.descriptor(root, "", "config", Need::kRequired).value_or(Descriptor{});
  image.layers = reader.descriptors(root, "", "layers");
  image.subject = reader.descriptor(root, "", "subject", Need::kOptional);
  image.artifact_type = reader.string(root, "", "artifactType", Need::kOptional);
  image.annotations = reader.string_map(root, "", "annotations");
  return image;
}

ImageIndex read_index(FieldReader& reader, const json& root) {
  ImageIndex index;
  index.manifests = reader.descriptors(root, "", "manifests");
  index.subject = reader.descriptor(root, "", "subject", Need::kOptional);
  index.artifact_type = reader.string(root, "", "artifactType", Need::kOptional);
  index.annotations = reader.string_map(root, "", "annotations");
  return index;
}

}  // namespace

Manifest::Manifest(std::string bytes, std::string media_type,
                   std::variant<ImageManifest, ImageIndex> doc)
    : bytes_(std::move(bytes)),
      digest_(Digest::of(bytes_)),
      media_type_(std::move(media_type)),
      document_(std::move(doc)) {}

Result<Manifest, Error> parse_manifest(std::string_view bytes, std::string_view content_type) {
  if (bytes.size() > kMaxManifestBytes) {
    return make_error(Error::Code::kTooLarge, "the manifest is " + std::to_string(bytes.size()) +
                                                  " bytes; manifests may be at most 4 MiB (" +
                                                  std::to_string(kMaxManifestBytes) + " bytes)");
  }
  if (nests_too_deep(bytes)) {
    return make_error(Error::Code::kInvalidInput, "the document nests more than " +
                                                      std::to_string(kMaxDepth) +
                                                      " levels deep; no manifest or index does");
  }
  json root;
  try {
    root = json::parse(bytes.begin(), bytes.end());
  } catch (const json::exception& e) {
    return make_error(Error::Code::kInvalidInput,
                      "not valid JSON: " + without_exception_id(e.what()));
  }
  if (!root.is_object()) {
    return make_error(Error::Code::kInvalidInput,
                      std::string("a manifest must be a JSON object, not ") + root.type_name());
  }

  const std::string_view header = media_type::essence(content_type);
  FieldReader reader;
  const std::optional<std::int64_t> schema_version =
      reader.integer(root, "", "schemaVersion", Need::kRequired);
  const std::string declared = reader.string(root, "", "mediaType", Need::kOptional);
  if (schema_version == 1 || media_type::is_schema1(declared) || media_type::is_schema1(header)) {
    return schema1_error();
  }
  if (reader.failed()) return reader.error();
  if (schema_version != 2) {
    return make_error(Error::Code::kInvalidInput,
                      "manifest field schemaVersion is " + std::to_string(*schema_version) +
                          "; image manifests and indexes have schemaVersion 2");
  }

  auto media_type = resolve_media_type(root, declared, header);
  if (!media_type.ok()) return media_type.error();
  const bool index = media_type::is_index(*media_type);
  if (auto error = ambiguity(root, index)) return *std::move(error);

  std::variant<ImageManifest, ImageIndex> document;
  if (index) {
    document = read_index(reader, root);
  } else {
    document = read_image(reader, root);
  }
  if (reader.failed()) return reader.error();
  return Manifest(std::string(bytes), std::move(media_type).value(), std::move(document));
}

std::vector<Descriptor> Manifest::children() const {
  if (const ImageIndex* list = index()) return list->manifests;
  const ImageManifest& manifest = std::get<ImageManifest>(document_);
  std::vector<Descriptor> result;
  result.reserve(manifest.layers.size() + 1);
  result.push_back(manifest.config);
  result.insert(result.end(), manifest.layers.begin(), manifest.layers.end());
  return result;
}

const std::optional<Descriptor>& Manifest::subject() const {
  return std::visit([](const auto& doc) -> const std::optional<Descriptor>& { return doc.subject; },
                    document_);
}

const std::string& Manifest::artifact_type() const {
  return std::visit([](const auto& doc) -> const std::string& { return doc.artifact_type; },
                    document_);
}

const std::map<std::string, std::string>& Manifest::annotations() const {
  return std::visit(
      [](const auto& doc) -> const std::map<std::string, std::string>& { return doc.annotations; },
      document_);
}

Descriptor Manifest::descriptor() const {
  return Descriptor{.media_type = media_type_,
                    .digest = digest_,
                    .size = static_cast<std::int64_t>(bytes_.size())};
}

Descriptor Manifest::referrer_descriptor() const {
  Descriptor out = descriptor();
  out.artifact_type = artifact_type();
  if (out.artifact_type.empty() && image() != nullptr)
    out.artifact_type = image()->config.media_type;
  out.annotations = annotations();
  return out;
}

}  // namespace chartmirror::registry::oci
