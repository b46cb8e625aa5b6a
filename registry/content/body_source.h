// registry/content/body_source.h — a stream of body bytes read a buffer at a time.
//
// Blobs are never held whole in memory: a download is a BodySource, an upload reads from
// one, and a copy hands the first to the second through a digest check. Sources pull, so the
// slower side sets the pace and memory stays one buffer per copy.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::content {

class BodySource {
 public:
  virtual ~BodySource() = default;
  // Up to `size` bytes into `data`; 0 at the end of the body.
  [[nodiscard]] virtual Result<size_t, Error> read(char* data, size_t size) = 0;
};

// A body already in memory (manifests, JSON): the view must outlive the source.
class StringSource final : public BodySource {
 public:
  explicit StringSource(std::string_view bytes) : bytes_(bytes) {}
  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override {
    const size_t n = std::min(size, bytes_.size());
    bytes_.copy(data, n);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
};

}  // namespace chartmirror::registry::content
