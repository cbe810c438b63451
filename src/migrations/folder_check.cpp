#include "migrations/folder_check.h"

#include "migrations/migration_error.h"

namespace devenv::migrations {

void check_folder(const std::filesystem::path& folder) {
  std::error_code error;
  if (std::filesystem::is_directory(folder, error)) return;
  const bool exists = std::filesystem::exists(folder, error);
  throw MigrationError(exists ? "the migration folder " + folder.string() + " is not a folder"
                              : "the migration folder " + folder.string() + " does not exist",
                       "give the folder that holds the migration files");
}

}  // namespace devenv::migrations
