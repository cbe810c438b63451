#include "runtime/sqlite_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "db/session.h"
#include "util/copy_tree.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_io(const std::string& what, const fs::path& path) {
  throw util::RuntimeError(what + " " + path.string() + ": " + std::strerror(errno));
}

void remove_if_present(const fs::path& path) {
  if (unlink(path.c_str()) != 0 && errno != ENOENT) fail_io("cannot remove", path);
}

}  // namespace

void sync_database_file(const fs::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  const bool synced = fd >= 0 && fsync(fd) == 0;
  if (fd >= 0) close(fd);
  if (!synced) fail_io("cannot sync", path);
}

void rename_into_place(const fs::path& from, const fs::path& to) {
  if (rename(from.c_str(), to.c_str()) != 0) fail_io("cannot rename " + from.string() + " to", to);
}

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
    util::throw_if_interrupted();  // Ctrl-C stopped the statement: exit 130, not an error of the file
    if (std::string_view(e.what()).find("disk is full") != std::string_view::npos) {
      std::string made = target.filename().string();  // .<name>.db.partial names <name>.db
      if (made.starts_with(".") && made.ends_with(".partial")) made = made.substr(1, made.size() - 9);
      throw util::RuntimeError("no space left on the filesystem of " + target.parent_path().string() +
                                   " while making " + made + " (nothing of it was left)",
                               "free some space there, or move project.state_dir elsewhere");
    }
    throw util::RuntimeError(std::string("SQLite rejected the init file: ") + e.what(),
                             "fix the schema file it names, then run the command again");
  }
  for (const fs::path& path : side_files(target)) remove_if_present(path);  // -journal of a crashed write
  sync_database_file(target);
}

void copy_database_file(const fs::path& from, const fs::path& target) {
  util::copy_regular_file(from, target);
  sync_database_file(target);
}

void replace_database_file(const fs::path& made, const fs::path& database) {
  for (const fs::path& path : side_files(database)) remove_if_present(path);
  rename_into_place(made, database);
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
