// LayoutStore::open: telling a layout from a directory that is not one, and making new ones.
#include <system_error>

#include <nlohmann/json.hpp>

#include "registry/layout/files.h"
#include "registry/layout/layout_store.h"
#include "registry/oci/manifest.h"

namespace chartmirror::registry::layout {
namespace {

namespace fs = std::filesystem;

// oci-layout holds one short field; anything much larger is not one.
constexpr std::size_t kMaxLayoutFileBytes = std::size_t{64} * 1024;

Error in_open(Error error) {
  error.operation = "open layout";
  return error;
}

Error not_a_layout(const fs::path& file, std::string cause) {
  return in_open(Error{.code = Error::Code::kInvalidInput,
                       .message = "not an OCI image layout: " + std::move(cause),
                       .url = file.string()});
}

// The oci-layout file must say {"imageLayoutVersion": "1.0.0"}: image-layout.md defines no
// other version (OCI 1.1 layouts still write 1.0.0), and a reader cannot know what another
// would change.
Status<Error> check_layout_file(const fs::path& file) {
  auto bytes = read_small_file(file, kMaxLayoutFileBytes);
  if (!bytes.ok()) return in_open(bytes.error());
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(*bytes);
  } catch (const nlohmann::json::exception& e) {
    return not_a_layout(file, file.string() + " is not JSON: " + e.what());
  }
  const auto version = document.is_object() ? document.find("imageLayoutVersion") : document.end();
  if (!document.is_object() || version == document.end() || !version->is_string()) {
    return not_a_layout(file, file.string() + " has no imageLayoutVersion string");
  }
  if (version->get_ref<const std::string&>() != kLayoutVersion) {
    return not_a_layout(file, file.string() + " has imageLayoutVersion \"" +
                                  version->get<std::string>() + "\"; chartmirror reads \"" +
                                  std::string(kLayoutVersion) + "\"");
  }
  return Done{};
}

Status<Error> make_directories(const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return in_open(file_error("create directory", dir, error.value()));
  return Done{};
}

// oci-layout first: a crash before index.json is written leaves a layout without index.json,
// which the next open(create) completes, rather than a non-empty directory it would refuse.
Status<Error> initialize(const fs::path& dir) {
  if (auto made = make_directories(dir / "blobs"); !made.ok()) return made.error();
  const std::string layout_file =
      R"({"imageLayoutVersion":")" + std::string(kLayoutVersion) + R"("})";
  if (auto written = write_file_atomically(dir / "oci-layout", layout_file); !written.ok()) {
    return in_open(written.error());
  }
  if (auto written = write_file_atomically(dir / "index.json", LayoutIndex::empty().bytes());
      !written.ok()) {
    return in_open(written.error());
  }
  return Done{};
}

// Makes `dir` a layout when it is absent or empty (and `create`); otherwise leaves it alone.
Status<Error> prepare(const fs::path& dir, bool create) {
  std::error_code error;
  const fs::file_status status = fs::status(dir, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    return in_open(file_error("open", dir, error.value()));
  }
  if (!fs::exists(status)) {
    if (!create) {
      return in_open(
          Error{.code = Error::Code::kNotFound,
                .message = "not an OCI image layout: " + dir.string() + " does not exist",
                .url = dir.string()});
    }
    if (auto made = make_directories(dir); !made.ok()) return made.error();
    return initialize(dir);
  }
  if (!fs::is_directory(status)) {
    return not_a_layout(dir, dir.string() + " is not a directory");
  }
  const fs::path layout_file = dir / "oci-layout";
  const bool has_layout_file = fs::exists(layout_file, error);
  if (error) return in_open(file_error("open", layout_file, error.value()));
  if (has_layout_file) return Done{};
  const bool empty = fs::is_empty(dir, error);
  if (error) return in_open(file_error("list", dir, error.value()));
  if (create && empty) return initialize(dir);
  return not_a_layout(layout_file, dir.string() + " has no oci-layout file" +
                                       (create && !empty ? " and is not empty, so it is not "
                                                           "made into one"
                                                         : ""));
}

}  // namespace

Result<std::unique_ptr<LayoutStore>, Error> LayoutStore::open(const fs::path& dir, bool create) {
  if (auto prepared = prepare(dir, create); !prepared.ok()) return prepared.error();
  if (auto checked = check_layout_file(dir / "oci-layout"); !checked.ok()) return checked.error();

  const fs::path index_file = dir / "index.json";
  auto bytes = read_small_file(index_file, oci::kMaxManifestBytes);
  if (!bytes.ok() && bytes.error().code == Error::Code::kNotFound) {
    if (!create) return not_a_layout(index_file, dir.string() + " has no index.json");
    bytes = LayoutIndex::empty().bytes();
    if (auto written = write_file_atomically(index_file, *bytes); !written.ok()) {
      return in_open(written.error());
    }
  }
  if (!bytes.ok()) return in_open(bytes.error());
  auto index = LayoutIndex::parse(*bytes, index_file.string());
  if (!index.ok()) {
    Error error = in_open(index.error());
    if (error.code == Error::Code::kInvalidInput) {
      error.message = "not an OCI image layout: " + error.message;
    }
    return error;
  }
  return std::make_unique<LayoutStore>(Key{}, dir, std::move(index).value());
}

}  // namespace chartmirror::registry::layout
