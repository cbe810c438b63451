#include "util/copy_tree.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "util/runtime_error.h"

namespace devenv::util {

namespace fs = std::filesystem;

namespace {

// A file descriptor closed when it goes.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string size_text(std::uintmax_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB"; }

// The failure, said once: a full disk names what it would take.
[[noreturn]] void fail(const std::string& what, const fs::path& path, int error, const fs::path& from,
                       const fs::path& to) {
  if (error == ENOSPC || error == EDQUOT) {
    struct statvfs space {};
    const fs::path target_dir = to.parent_path();
    const std::uintmax_t free_bytes =
        statvfs(target_dir.c_str(), &space) == 0 ? std::uintmax_t(space.f_bavail) * space.f_frsize : 0;
    throw RuntimeError("no space left on the filesystem of " + target_dir.string() + " while copying " + from.string() +
                           ": it needs " + size_text(tree_size(from)) + ", " + size_text(free_bytes) + " are free",
                       "free some space there, or move project.state_dir (or set data_on_tmpfs) elsewhere");
  }
  throw RuntimeError("cannot " + what + " " + path.string() + ": " + std::strerror(error));
}

void copy_contents(int in, int out, const fs::path& source, const fs::path& from, const fs::path& to,
                   const fs::path& target) {
  if (ioctl(out, FICLONE, in) == 0) return;  // a reflink, where the filesystem has them
  while (true) {
    const ssize_t copied = copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
    if (copied == 0) return;
    if (copied > 0) continue;
    if (errno != EXDEV && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
      fail("write", target, errno, from, to);
    break;  // no in-kernel copy here: read and write
  }
  char buffer[1 << 16];
  for (ssize_t n; (n = read(in, buffer, sizeof buffer)) != 0;) {
    if (n < 0) fail("read", source, errno, from, to);
    for (ssize_t written = 0; written < n;) {
      const ssize_t w = write(out, buffer + written, static_cast<std::size_t>(n - written));
      if (w < 0) fail("write", target, errno, from, to);
      written += w;
    }
  }
}

void copy_file(const fs::path& source, const fs::path& target, const struct stat& info, const fs::path& from,
               const fs::path& to) {
  const Fd in(open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (in.get() < 0) fail("read", source, errno, from, to);
  const Fd out(open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, info.st_mode & 07777));
  if (out.get() < 0) fail("create", target, errno, from, to);
  copy_contents(in.get(), out.get(), source, from, to, target);
  if (fchown(out.get(), info.st_uid, info.st_gid) != 0 && errno != EPERM) fail("chown", target, errno, from, to);
  if (fchmod(out.get(), info.st_mode & 07777) != 0) fail("chmod", target, errno, from, to);
}

void copy_entry(const fs::path& source, const fs::path& target, const fs::path& from, const fs::path& to) {
  struct stat info {};
  if (lstat(source.c_str(), &info) != 0) fail("read", source, errno, from, to);
  if (S_ISDIR(info.st_mode)) {
    if (mkdir(target.c_str(), 0700) != 0) fail("create", target, errno, from, to);
    for (const fs::directory_entry& entry : fs::directory_iterator(source)) {
      copy_entry(entry.path(), target / entry.path().filename(), from, to);
    }
    if (lchown(target.c_str(), info.st_uid, info.st_gid) != 0 && errno != EPERM) fail("chown", target, errno, from, to);
    if (chmod(target.c_str(), info.st_mode & 07777) != 0) fail("chmod", target, errno, from, to);
  } else if (S_ISREG(info.st_mode)) {
    copy_file(source, target, info, from, to);
  } else if (S_ISLNK(info.st_mode)) {
    const fs::path link = fs::read_symlink(source);
    if (symlink(link.c_str(), target.c_str()) != 0) fail("create", target, errno, from, to);
    if (lchown(target.c_str(), info.st_uid, info.st_gid) != 0 && errno != EPERM) fail("chown", target, errno, from, to);
  }
  // Sockets and FIFOs are a running server's, not data: not copied.
}

}  // namespace

std::uintmax_t tree_size(const fs::path& dir) {
  std::uintmax_t total = 0;
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    if (it->is_regular_file(error) && !it->is_symlink(error)) total += it->file_size(error);
  }
  return total;
}

void copy_tree(const fs::path& from, const fs::path& to) { copy_entry(from, to, from, to); }

}  // namespace devenv::util
