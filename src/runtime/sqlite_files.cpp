#include "runtime/sqlite_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "db/session.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const std::string& what, const fs::path& path) {
  throw util::RuntimeError(what + " " + path.string() + ": " + std::strerror(errno));
}

// A file descriptor closed on every way out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t written = write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) fail_io("cannot write", path);
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

void remove_if_present(const fs::path& path) {
  if (unlink(path.c_str()) != 0 && errno != ENOENT) fail_io("cannot remove", path);
}

}  // namespace

std::vector<fs::path> side_files(const fs::path& database) {
  const std::string base = database.string();
  return {base + "-wal", base + "-shm", base + "-journal"};
}

void make_database_file(const fs::path& target, const std::string& script) {
  try {
    // Rollback journal while it is made: a file that is closed holds everything, with
    // no -wal to carry along (an app that wants WAL sets it when it opens the file).
    // No syncing while it is made (a kill leaves a partial file, which is thrown
    // away); the whole file is synced once, below.
    const auto session = db::open_sqlite(target.string(), true);
    session->execute("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF");
    session->execute(script);
  } catch (const db::DbError& e) {
    for (const fs::path& path : side_files(target)) remove_if_present(path);
    remove_if_present(target);
    throw util::RuntimeError(std::string("SQLite rejected the init file: ") + e.what(),
                             "fix the schema file it names, then run the command again");
  }
  for (const fs::path& path : side_files(target)) remove_if_present(path);  // -journal of a crashed write
  const Descriptor made(open(target.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (made.get() < 0 || fsync(made.get()) != 0) fail_io("cannot sync", target);
}

void copy_database_file(const fs::path& from, const fs::path& target) {
  const Descriptor in(open(from.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (in.get() < 0) fail_io("cannot read", from);
  const Descriptor out(open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (out.get() < 0) fail_io("cannot create", target);
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = read(in.get(), buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) fail_io("cannot read", from);
    if (got == 0) break;
    write_all(out.get(), buffer, static_cast<std::size_t>(got), target);
  }
  if (fsync(out.get()) != 0) fail_io("cannot write", target);
}

void replace_database_file(const fs::path& made, const fs::path& database) {
  for (const fs::path& path : side_files(database)) remove_if_present(path);
  if (rename(made.c_str(), database.c_str()) != 0) fail_io("cannot rename " + made.string() + " to", database);
}

std::vector<std::string> remove_database_file(const fs::path& database) {
  std::vector<std::string> removed;
  std::vector<fs::path> files = side_files(database);
  files.insert(files.begin(), database);
  for (const fs::path& path : files) {
    if (unlink(path.c_str()) == 0) {
      removed.push_back(path.string());
    } else if (errno != ENOENT) {
      fail_io("cannot remove", path);
    }
  }
  return removed;
}

std::vector<std::string> processes_holding(const fs::path& file) {
  struct stat wanted {};
  if (stat(file.c_str(), &wanted) != 0) return {};
  std::vector<std::string> out;
  const std::string self = std::to_string(getpid());
  std::error_code error;
  for (const fs::directory_entry& process : fs::directory_iterator("/proc", error)) {
    const std::string pid = process.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos || pid == self) continue;
    std::error_code fd_error;
    for (const fs::directory_entry& fd : fs::directory_iterator(process.path() / "fd", fd_error)) {
      struct stat info {};
      if (stat(fd.path().c_str(), &info) != 0 || info.st_dev != wanted.st_dev || info.st_ino != wanted.st_ino) continue;
      std::string name;
      std::getline(std::ifstream(process.path() / "comm"), name);
      out.push_back("pid " + pid + " (" + name + ")");
      break;
    }
  }
  return out;
}

}  // namespace devenv::runtime
