#include "util/copy_tree.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
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

// What one copy learns once and then relies on: copying a data dir is thousands of
// small files, and each failed clone or in-kernel copy attempt, chown or chmod is a
// system call (about 70 µs each on a virtual machine).
struct Copy {
  fs::path from, to;
  std::vector<TreeItem>* items = nullptr;
  bool try_clone = true;  // FICLONE: only where the filesystem has reflinks
  bool try_range = true;  // copy_file_range: only within one filesystem here
  uid_t uid = geteuid();
  gid_t gid = getegid();
  mode_t umask = current_umask();

  // The process's umask, read without changing it (umask(2) would, for every thread).
  static mode_t current_umask() {
    FILE* status = std::fopen("/proc/self/status", "re");
    unsigned value = 022;
    if (status) {
      char line[256];
      while (std::fgets(line, sizeof line, status)) {
        if (std::sscanf(line, "Umask: %o", &value) == 1) break;
      }
      std::fclose(status);
    }
    return static_cast<mode_t>(value);
  }

  // Whether a new file or folder made with `mode` already has the source's owner and mode.
  bool needs_chown(const struct stat& info) const { return info.st_uid != uid || info.st_gid != gid; }
  bool needs_chmod(const struct stat& info) const {
    return ((info.st_mode & 07777) & ~umask) != (info.st_mode & 07777);
  }
};

bool is_unsupported(int error) {
  return error == EXDEV || error == EINVAL || error == ENOSYS || error == EOPNOTSUPP || error == ENOTTY ||
         error == EBADF;
}

void copy_contents(int in, int out, const fs::path& source, const fs::path& target, Copy& copy) {
  if (copy.try_clone) {
    if (ioctl(out, FICLONE, in) == 0) return;  // a reflink, where the filesystem has them
    if (is_unsupported(errno)) copy.try_clone = false;
  }
  while (copy.try_range) {
    const ssize_t copied = copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
    if (copied == 0) return;
    if (copied > 0) continue;
    if (!is_unsupported(errno)) fail("write", target, errno, copy.from, copy.to);
    copy.try_range = false;  // no in-kernel copy here: read and write
  }
  char buffer[1 << 16];
  for (ssize_t n; (n = read(in, buffer, sizeof buffer)) != 0;) {
    if (n < 0) fail("read", source, errno, copy.from, copy.to);
    for (ssize_t written = 0; written < n;) {
      const ssize_t w = write(out, buffer + written, static_cast<std::size_t>(n - written));
      if (w < 0) fail("write", target, errno, copy.from, copy.to);
      written += w;
    }
  }
}

void copy_file(const fs::path& source, const fs::path& target, const struct stat& info, Copy& copy) {
  const Fd in(open(source.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (in.get() < 0) fail("read", source, errno, copy.from, copy.to);
  const Fd out(open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, info.st_mode & 07777));
  if (out.get() < 0) fail("create", target, errno, copy.from, copy.to);
  if (info.st_size > 0) copy_contents(in.get(), out.get(), source, target, copy);
  if (copy.needs_chown(info) && fchown(out.get(), info.st_uid, info.st_gid) != 0 && errno != EPERM) {
    fail("chown", target, errno, copy.from, copy.to);
  }
  if (copy.needs_chmod(info) && fchmod(out.get(), info.st_mode & 07777) != 0) {
    fail("chmod", target, errno, copy.from, copy.to);
  }
}

// `relative`: the source's path below `copy.from` ("" for the root).
void copy_entry(const fs::path& source, const fs::path& target, const std::string& relative, Copy& copy) {
  struct stat info {};
  if (lstat(source.c_str(), &info) != 0) fail("read", source, errno, copy.from, copy.to);
  if (copy.items && !relative.empty()) {
    const char type = S_ISDIR(info.st_mode) ? 'd' : S_ISREG(info.st_mode) ? 'f' : S_ISLNK(info.st_mode) ? 'l' : 0;
    if (type) copy.items->push_back({type, type == 'f' ? std::uintmax_t(info.st_size) : 0, relative});
  }
  if (S_ISDIR(info.st_mode)) {
    if (mkdir(target.c_str(), 0700) != 0) fail("create", target, errno, copy.from, copy.to);
    for (const fs::directory_entry& entry : fs::directory_iterator(source)) {
      const std::string name = entry.path().filename().string();
      copy_entry(entry.path(), target / name, relative.empty() ? name : relative + "/" + name, copy);
    }
    if (copy.needs_chown(info) && lchown(target.c_str(), info.st_uid, info.st_gid) != 0 && errno != EPERM) {
      fail("chown", target, errno, copy.from, copy.to);
    }
    if ((info.st_mode & 07777) != 0700 && chmod(target.c_str(), info.st_mode & 07777) != 0) {
      fail("chmod", target, errno, copy.from, copy.to);
    }
  } else if (S_ISREG(info.st_mode)) {
    copy_file(source, target, info, copy);
  } else if (S_ISLNK(info.st_mode)) {
    const fs::path link = fs::read_symlink(source);
    if (symlink(link.c_str(), target.c_str()) != 0) fail("create", target, errno, copy.from, copy.to);
    if (copy.needs_chown(info) && lchown(target.c_str(), info.st_uid, info.st_gid) != 0 && errno != EPERM) {
      fail("chown", target, errno, copy.from, copy.to);
    }
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

void copy_regular_file(const fs::path& from, const fs::path& to) {
  struct stat info {};
  if (lstat(from.c_str(), &info) != 0) fail("read", from, errno, from, to);
  if (!S_ISREG(info.st_mode)) throw RuntimeError(from.string() + " is not a regular file", "move it away");
  Copy copy{from, to};
  copy_file(from, to, info, copy);
}

void copy_tree(const fs::path& from, const fs::path& to, std::vector<TreeItem>* items) {
  Copy copy;
  copy.from = from;
  copy.to = to;
  copy.items = items;
  copy_entry(from, to, "", copy);
}

}  // namespace devenv::util
