#include "migrations/folder_readers.h"

namespace devenv::migrations {

FolderReader folder_reader(Tool tool) {
  switch (tool) {
    case Tool::Sqlx: return read_sqlx_folder;
    case Tool::Goose: return read_goose_folder;
    case Tool::GolangMigrate: return read_golang_migrate_folder;
    case Tool::Drizzle: return read_drizzle_folder;
    case Tool::Dbmate: return read_dbmate_folder;
    case Tool::Flyway: return read_flyway_folder;
    case Tool::Atlas: return read_atlas_folder;
  }
  return read_sqlx_folder;
}

}  // namespace devenv::migrations
