#include "migrations/folder_files.h"

#include <algorithm>

#include "migrations/migration_error.h"
#include "util/file.h"

namespace devenv::migrations {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail_to_list(const fs::path& folder, const std::error_code& error) {
  throw MigrationError("cannot list the migration folder " + folder.string() + ": " + error.message(),
                       "check that the folder exists and can be read");
}

template <typename Iterator, typename Keep>
std::vector<fs::path> entries(const fs::path& folder, Keep keep) {
  std::error_code error;
  std::vector<fs::path> found;
  for (Iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    std::error_code ignored;  // a dangling link is neither a file nor a folder
    if (keep(it->path(), ignored)) found.push_back(it->path());
  }
  if (error) fail_to_list(folder, error);
  std::sort(found.begin(), found.end());
  return found;
}

bool is_file(const fs::path& path, std::error_code& error) { return fs::is_regular_file(path, error); }
bool is_folder(const fs::path& path, std::error_code& error) { return fs::is_directory(path, error); }

}  // namespace

std::vector<fs::path> files_in(const fs::path& folder) { return entries<fs::directory_iterator>(folder, is_file); }

std::vector<fs::path> files_under(const fs::path& folder) {
  return entries<fs::recursive_directory_iterator>(folder, is_file);
}

std::vector<fs::path> folders_in(const fs::path& folder) { return entries<fs::directory_iterator>(folder, is_folder); }

std::string display_of(const fs::path& path, const fs::path& base) {
  const fs::path relative = path.lexically_relative(base);
  return relative.empty() ? path.generic_string() : relative.generic_string();
}

std::string file_text(const fs::path& path, const fs::path& base) {
  std::optional<std::string> text = util::read_file(path);
  if (!text) {
    throw MigrationError("cannot read the migration file " + display_of(path, base),
                         "check that the file exists and can be read");
  }
  return std::move(*text);
}

}  // namespace devenv::migrations
