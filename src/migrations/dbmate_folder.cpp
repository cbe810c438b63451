// dbmate: `^(\d+).*\.sql$`, the leading digits being the version as a string
// (amacneil/dbmate pkg/dbmate/db.go, migrationFileRegexp, FindMigrations).
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"

namespace devenv::migrations {

void read_dbmate_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    const std::size_t digits = name.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string::npos || !name.ends_with(".sql")) continue;
    std::string description = name.substr(digits, name.size() - 4 - digits);
    if (description.starts_with('_')) description.erase(0, 1);
    set.migrations.push_back({file, display_of(file, base), name.substr(0, digits), description});
  }
}

}  // namespace devenv::migrations
