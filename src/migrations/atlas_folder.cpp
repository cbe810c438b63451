// Atlas: every `*.sql` file of the folder, in file-name order; the version is the name up
// to its first `_`, the description the rest (ariga/atlas sql/migrate/dir.go, LocalDir.Files,
// LocalFile.Version and Desc). atlas.sum is the folder's checksum file, not a migration.
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"

namespace devenv::migrations {

void read_atlas_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    if (!name.ends_with(".sql")) continue;
    const std::string stem = name.substr(0, name.size() - 4);
    const std::size_t underscore = stem.find('_');
    const std::string version = stem.substr(0, underscore);
    const std::string description = underscore == std::string::npos ? "" : stem.substr(underscore + 1);
    set.migrations.push_back({file, display_of(file, base), version, description});
  }
}

}  // namespace devenv::migrations
