#include "runtime/find_program.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace devenv::runtime {

namespace fs = std::filesystem;

static bool executable(const fs::path& path) {
  std::error_code error;
  return fs::is_regular_file(path, error) && access(path.c_str(), X_OK) == 0;
}

std::optional<fs::path> find_program(const std::string& name, const std::vector<fs::path>& dirs) {
  std::vector<fs::path> search = dirs;
  const char* path = std::getenv("PATH");
  std::stringstream entries(path ? path : "/usr/local/bin:/usr/bin:/bin");
  for (std::string entry; std::getline(entries, entry, ':');) search.emplace_back(entry);
  search.emplace_back("/usr/sbin");  // mariadbd lives here, and root's PATH may lack it
  for (const fs::path& dir : search) {
    if (!dir.empty() && executable(dir / name)) return dir / name;
  }
  return std::nullopt;
}

std::vector<fs::path> debian_postgres_bin_dirs() {
  std::vector<std::pair<int, fs::path>> found;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
    const std::string version = entry.path().filename().string();
    if (version.find_first_not_of("0123456789") == std::string::npos && fs::is_directory(entry.path() / "bin")) {
      found.emplace_back(std::stoi(version), entry.path() / "bin");
    }
  }
  std::sort(found.rbegin(), found.rend());
  std::vector<fs::path> dirs;
  for (const auto& [version, dir] : found) dirs.push_back(dir);
  return dirs;
}

}  // namespace devenv::runtime
