#include "verify/shadow_folder.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "engine/engine.h"
#include "util/runtime_error.h"

namespace devenv::verify {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFolderPrefix = "shadow_";

// $TMPDIR/devenv-sqlite-shadows-<uid>: made 0700, and refused when another user owns it
// or it is a link, so no one else can put a file where a shadow is written.
fs::path parent() {
  const fs::path path = fs::temp_directory_path() / ("devenv-sqlite-shadows-" + std::to_string(getuid()));
  if (mkdir(path.c_str(), 0700) != 0 && errno != EEXIST)
    throw util::RuntimeError("cannot make " + path.string() + ": " + std::strerror(errno));
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != getuid() ||
      (info.st_mode & 077) != 0) {
    throw util::RuntimeError(path.string() + " is not a private folder of this user",
                             "remove it; devenv makes it again (0700) for its SQLite shadow databases");
  }
  return path;
}

// The pid in "shadow_<pid>_<n>", or 0.
pid_t owner(const std::string& name) {
  if (!name.starts_with(kFolderPrefix)) return 0;
  try {
    return static_cast<pid_t>(std::stol(name.substr(kFolderPrefix.size())));
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

ShadowFolder::ShadowFolder(const std::string& suffix)
    : path_(parent() / (std::string(kFolderPrefix) + suffix.substr(suffix.starts_with("_") ? 1 : 0))) {
  fs::remove_all(path_);  // a pid reused after a kill -9
  fs::create_directory(path_);
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::replace);
}

ShadowFolder::~ShadowFolder() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

db::Connect ShadowFolder::connector() const {
  return [folder = path_](const std::string& name) {
    return db::open_sqlite((folder / engine::Engine::database_file_name(name)).string(), true);
  };
}

void ShadowFolder::drop_leftovers() {
  const fs::path folder = parent();
  std::error_code ignored;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, ignored)) {
    const pid_t pid = owner(entry.path().filename().string());
    if (pid > 0 && kill(pid, 0) != 0 && errno == ESRCH) fs::remove_all(entry.path(), ignored);
  }
}

}  // namespace devenv::verify
