#include "runtime/program_version.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <optional>
#include <sstream>

#include "runtime/cache_settings.h"
#include "runtime/owned_dir.h"
#include "util/file.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

// "<inode> <size> <mtime ns> " of the program as it is now; nullopt when it cannot be read.
std::optional<std::string> stamp_of(const fs::path& program) {
  struct stat info {};
  if (stat(program.c_str(), &info) != 0) return std::nullopt;
  return std::to_string(info.st_ino) + " " + std::to_string(info.st_size) + " " +
         std::to_string(std::int64_t(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec) + " ";
}

// The file, when the cache folder is devenv's and private to this user.
std::optional<fs::path> versions_file() {
  try {
    const fs::path dir = cache_settings_from_environment().dir;
    struct stat info {};
    if (lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != geteuid() ||
        (info.st_mode & 077) != 0 || !is_owned_dir(dir)) {
      return std::nullopt;
    }
    return dir / "program-versions";
  } catch (const std::exception&) {
    return std::nullopt;  // a bad DEVENV_CACHE_MAX_SIZE is reported by the commands that use the cache
  }
}

// Lines "<inode> <size> <mtime ns> <path>\t<version>"; the last one for `key` wins.
std::optional<std::string> remembered(const fs::path& file, const std::string& key) {
  const int fd = open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  close(fd);
  std::istringstream lines(util::read_file(file).value_or(""));
  std::optional<std::string> found;
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > key.size() && line.compare(0, key.size(), key) == 0) found = line.substr(key.size());
  }
  return found;
}

// One write with O_APPEND: lines of concurrent devenvs do not interleave.
void remember(const fs::path& file, const std::string& key, const std::string& version) {
  const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return;
  const std::string line = key + version + "\n";
  (void)!write(fd, line.data(), line.size());
  close(fd);
}

}  // namespace

std::string program_version(const fs::path& program, const std::function<std::string()>& ask) {
  const std::optional<std::string> stamp = stamp_of(program);
  const std::optional<fs::path> file = versions_file();
  if (!stamp || !file || program.string().find_first_of("\t\n") != std::string::npos) return ask();
  const std::string key = *stamp + program.string() + "\t";
  if (const auto version = remembered(*file, key)) return *version;
  const std::string version = ask();
  if (version != "unknown") remember(*file, key, version);
  return version;
}

}  // namespace devenv::runtime
