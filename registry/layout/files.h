// registry/layout/files.h — the file operations a layout directory is made of (internal to
// registry/layout): blobs read as streams, small files read whole, and files that appear under
// their final name only once complete.
//
// Completeness is what makes a layout safe to read while it is written, and after a crash: a
// file is written under a unique hidden name in the directory of its final name, then
// rename(2)d over it, which POSIX makes atomic within one file system. A reader sees the old
// file or the new one, never half of one. Temporary files that were not committed are removed
// by their owner's destructor, on every error path.
//
// Errors name the file in `url` (Error's "or a file path") and say what failed with the
// system's reason. A missing file is kNotFound; any other failure of the file system (EACCES,
// ENOSPC, EIO) is kTransport: registry::Error has no code for local I/O, and kTransport is the
// one that says "the bytes could not be moved", not that the input was wrong. Callers fill in
// operation and reference.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "registry/content/body_source.h"
#include "registry/error.h"
#include "support/result.h"

namespace chartmirror::registry::layout {

// A POSIX file descriptor, closed by the destructor. Move-only.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }
  int release();
  // Closes now; false (errno set) when close(2) reported an error, which for a file just
  // written can be the first sign of a failed write (NFS, quota).
  bool reset();

 private:
  int fd_ = -1;
};

// A file's bytes as a BodySource. Each read() is one read(2) straight into the caller's
// buffer, so memory is the caller's buffer and nothing more, however large the file.
class FileSource final : public content::BodySource {
 public:
  // kNotFound when the file does not exist.
  [[nodiscard]] static Result<std::unique_ptr<FileSource>, Error> open(
      const std::filesystem::path& path);

  // Takes an open descriptor; `path` names it in errors.
  FileSource(UniqueFd fd, std::filesystem::path path)
      : fd_(std::move(fd)), path_(std::move(path)) {}

  [[nodiscard]] Result<size_t, Error> read(char* data, size_t size) override;

 private:
  UniqueFd fd_;
  std::filesystem::path path_;
};

// A file being written in `dir` under a unique hidden name (".tmp-XXXXXX", from mkstemp, so
// concurrent writers in one directory never share a file), renamed to its final name by
// commit() and removed by the destructor when it was not committed.
class TempFile {
 public:
  [[nodiscard]] static Result<TempFile, Error> create(const std::filesystem::path& dir);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  [[nodiscard]] Status<Error> write(std::string_view bytes);
  // Closes the file and renames it to `target`, atomically replacing a file of that name.
  // After a failure the temporary file is still removed by the destructor.
  [[nodiscard]] Status<Error> commit(const std::filesystem::path& target);

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  TempFile(UniqueFd fd, std::filesystem::path path) : fd_(std::move(fd)), path_(std::move(path)) {}

  UniqueFd fd_;
  std::filesystem::path path_;  // empty once committed or moved from
};

// Writes `bytes` to `target` through a TempFile in target's directory: `target` holds the old
// content or the new, never a part.
[[nodiscard]] Status<Error> write_file_atomically(const std::filesystem::path& target,
                                                  std::string_view bytes);

// The whole of a small file. kNotFound when absent; kTooLarge when it holds more than `limit`
// bytes (checked before anything is read, and again while reading: the file may grow).
[[nodiscard]] Result<std::string, Error> read_small_file(const std::filesystem::path& path,
                                                         std::size_t limit);

// An Error for a failed system call on `path`: "cannot <action> <path>: <strerror(error)>",
// kNotFound for ENOENT, kTransport otherwise.
[[nodiscard]] Error file_error(std::string_view action, const std::filesystem::path& path,
                               int error);

}  // namespace chartmirror::registry::layout
