#include "registry/layout/files.h"

#include <array>
#include <cerrno>
#include <random>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace chartmirror::registry::layout {
namespace {

// 16 random hex digits. The generator is per thread, so concurrent writers need no lock;
// O_EXCL in TempFile::create is what guarantees uniqueness, the randomness only makes a
// collision (and a retry) unlikely.
std::string random_suffix() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  constexpr std::string_view kHex = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string suffix(16, '0');
  for (char& c : suffix) {
    c = kHex[bits & 0xf];
    bits >>= 4;
  }
  return suffix;
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int UniqueFd::release() {
  const int fd = fd_;
  fd_ = -1;
  return fd;
}

bool UniqueFd::reset() {
  if (fd_ < 0) return true;
  // Linux closes the descriptor even when close(2) fails with EINTR; retrying could close a
  // descriptor another thread has just been given.
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  return closed;
}

Error file_error(std::string_view action, const std::filesystem::path& path, int error) {
  return Error{.code = error == ENOENT ? Error::Code::kNotFound : Error::Code::kFileSystem,
               .message = "cannot " + std::string(action) + " " + path.string() + ": " +
                          std::error_code(error, std::generic_category()).message(),
               .url = path.string()};
}

Result<std::unique_ptr<FileSource>, Error> FileSource::open(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return file_error("open", path, errno);
  return std::make_unique<FileSource>(std::move(fd), path);
}

Result<size_t, Error> FileSource::read(char* data, size_t size) {
  while (true) {
    const ssize_t n = ::read(fd_.get(), data, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno != EINTR) return file_error("read", path_, errno);
  }
}

Result<TempFile, Error> TempFile::create(const std::filesystem::path& dir) {
  // open(2) with O_EXCL rather than mkstemp(3): mkstemp creates mode 0600, and a layout is
  // made to be carried elsewhere and read by other users, so the umask should decide.
  constexpr int kAttempts = 8;
  int error = 0;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    std::filesystem::path path = dir / (".tmp-" + random_suffix());
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
    if (fd.valid()) return TempFile(std::move(fd), std::move(path));
    error = errno;
    if (error != EEXIST) return file_error("create a file in", dir, error);
  }
  return file_error("create a file in", dir, error);
}

TempFile::TempFile(TempFile&& other) noexcept
    : fd_(std::move(other.fd_)), path_(std::move(other.path_)) {
  other.path_.clear();  // a moved-from path is unspecified; the destructor relies on empty
}

TempFile::~TempFile() {
  if (path_.empty()) return;
  fd_.reset();
  ::unlink(path_.c_str());  // best effort: there is no one left to tell
}

Status<Error> TempFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_.get(), bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error("write", path_, errno);
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return Done{};
}

Status<Error> TempFile::commit(const std::filesystem::path& target) {
  if (!fd_.reset()) return file_error("write", path_, errno);
  if (::rename(path_.c_str(), target.c_str()) != 0) return file_error("rename", target, errno);
  path_.clear();
  return Done{};
}

Status<Error> write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
  auto file = TempFile::create(target.parent_path());
  if (!file.ok()) return file.error();
  if (auto written = file->write(bytes); !written.ok()) return written.error();
  return file->commit(target);
}

Result<std::string, Error> read_small_file(const std::filesystem::path& path, std::size_t limit) {
  const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return file_error("open", path, errno);
  const auto too_large = [&] {
    return Error{.code = Error::Code::kTooLarge,
                 .message = path.string() + " has more than " + std::to_string(limit) + " bytes",
                 .url = path.string()};
  };
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return file_error("stat", path, errno);
  if (info.st_size > 0 && static_cast<std::uint64_t>(info.st_size) > limit) return too_large();

  std::string bytes;
  std::array<char, std::size_t{64} * 1024> buffer{};
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return file_error("read", path, errno);
    }
    if (n == 0) return bytes;
    if (bytes.size() + static_cast<size_t>(n) > limit) return too_large();
    bytes.append(buffer.data(), static_cast<size_t>(n));
  }
}

}  // namespace chartmirror::registry::layout
