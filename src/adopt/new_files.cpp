#include "adopt/new_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/file.h"
#include "util/runtime_error.h"
#include "util/usage_error.h"

namespace devenv::adopt {

namespace fs = std::filesystem;

namespace {

// Each folder from `root` down to `path`'s, made when missing; a link among them is refused.
void make_folders(const fs::path& root, const fs::path& relative) {
  fs::path at = root;
  for (const fs::path& part : relative.parent_path()) {
    at /= part;
    if (util::is_link(at))
      throw util::UsageError(at.string() + " is a symbolic link; devenv init does not write through links");
    std::error_code error;
    fs::create_directory(at, error);
    if (error) throw util::RuntimeError("cannot make the folder " + at.string() + ": " + error.message());
  }
}

// Writes all of `content` to a descriptor opened for it; closes it.
void write_all(int fd, const fs::path& path, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = errno;
      ::close(fd);
      throw util::RuntimeError("cannot write " + path.string() + ": " + std::strerror(error),
                               "free some space or fix the folder's permissions, then run init again");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw util::RuntimeError("cannot write " + path.string() + ": " + std::strerror(errno));
}

int open_new(const fs::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
}

}  // namespace

void write_new_file(const fs::path& root, const std::string& path, const std::string& content) {
  make_folders(root, path);
  const fs::path file = root / path;
  const int fd = open_new(file);
  if (fd < 0 && errno == EEXIST) throw util::UsageError(file.string() + " exists; devenv init does not replace it");
  if (fd < 0) throw util::RuntimeError("cannot write " + file.string() + ": " + std::strerror(errno));
  write_all(fd, file, content);
}

void write_config_file(const fs::path& path, const std::string& content, bool replace) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  if (fs::is_symlink(status)) {
    throw util::UsageError(path.string() + " is a symbolic link; devenv init does not write through links");
  }
  if (fs::exists(status) && !fs::is_regular_file(status)) throw util::UsageError(path.string() + " is not a file");
  if (fs::exists(status) && !replace) {
    throw util::UsageError(path.string() + " exists; devenv init never overwrites it (--force replaces it)");
  }
  const fs::path temporary = path.string() + ".devenv-tmp." + std::to_string(::getpid());
  const int fd = open_new(temporary);
  if (fd < 0) throw util::RuntimeError("cannot write " + temporary.string() + ": " + std::strerror(errno));
  write_all(fd, temporary, content);
  // link() fails when a file appeared meanwhile: never a silent overwrite.
  const int placed = replace ? ::rename(temporary.c_str(), path.c_str()) : ::link(temporary.c_str(), path.c_str());
  const int error_number = errno;
  if (!replace || placed != 0) ::unlink(temporary.c_str());
  if (placed != 0 && error_number == EEXIST) {
    throw util::UsageError(path.string() + " exists; devenv init never overwrites it (--force replaces it)");
  }
  if (placed != 0) throw util::RuntimeError("cannot write " + path.string() + ": " + std::strerror(error_number));
}

}  // namespace devenv::adopt
